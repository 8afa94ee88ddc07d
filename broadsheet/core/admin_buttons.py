"""A button on one kind of page in the Wagtail admin, for those who may edit
it: in the page's header and in the page listing's "More" menu (the story
tools of enrich, history and live)."""

from django.apps import apps
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets import Button


def page_button(label, url_name, *, model, icon, priority):
    """Registers the button; `model` ("app.Model") is the exact page type it
    shows on (a live blog, a story's subclass, gets a story's tools only if
    it names them), and `url_name` takes the page's id."""

    def buttons(page, user):
        if (
            page.specific_class is apps.get_model(model)
            and page.permissions_for_user(user).can_edit()
        ):
            yield Button(
                label,
                reverse(url_name, args=[page.pk]),
                icon_name=icon,
                priority=priority,
            )

    @hooks.register("register_page_header_buttons")
    def header_button(page, user, view_name, next_url=None):
        yield from buttons(page, user)

    @hooks.register("register_page_listing_more_buttons")
    def listing_button(page, user, next_url=None):
        yield from buttons(page, user)

    return buttons
