from django.urls import include, path
from wagtail import hooks
from wagtail.admin.widgets import Button

from broadsheet.enrich import admin_views
from broadsheet.enrich.models import LOG_ACTION


@hooks.register("register_log_actions")
def register_enrich_log_action(actions):
    actions.register_action(LOG_ACTION, "Enrich", "Enriched (FAQ, topics, summary)")


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("<int:pk>/", admin_views.story, name="story"),
        path("<int:pk>/act/", admin_views.act, name="act"),
    ]
    return [path("enrichment/", include((urls, "enrich_admin")))]


def enrichment_button(page, user):
    from django.urls import reverse

    from broadsheet.news.models import ArticlePage

    if (
        page.specific_class is ArticlePage
        and page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            "Enrichment",
            reverse("enrich_admin:story", args=[page.pk]),
            icon_name="wand",
            priority=45,
        )


@hooks.register("register_page_header_buttons")
def enrichment_header_button(page, user, view_name, next_url=None):
    yield from enrichment_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def enrichment_listing_button(page, user, next_url=None):
    yield from enrichment_button(page, user)
