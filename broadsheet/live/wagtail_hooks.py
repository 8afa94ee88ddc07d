from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from broadsheet.live import admin_views, jobs


@hooks.register("register_log_actions")
def register_live_log_actions(actions):
    actions.register_action(
        jobs.STARTED_ACTION, "Coverage started", "Live: its coverage start came"
    )
    actions.register_action(
        jobs.ENDED_ACTION, "Coverage ended", "Ended: its coverage end passed"
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("<int:page_id>/", admin_views.entries, name="entries"),
        path("<int:page_id>/<int:entry_id>/", admin_views.edit, name="edit"),
        path("<int:page_id>/<int:entry_id>/delete/", admin_views.delete, name="delete"),
        path(
            "<int:page_id>/<int:entry_id>/break-out/",
            admin_views.breakout,
            name="break-out",
        ),
    ]
    return [path("live/", include((urls, "live_admin")))]


def entries_button(page, user):
    from broadsheet.live.models import LiveBlogPage

    if (
        page.specific_class is LiveBlogPage
        and page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            "Live entries",
            reverse("live_admin:entries", args=[page.pk]),
            icon_name="plus",
            priority=5,
        )


@hooks.register("register_page_header_buttons")
def entries_header_button(page, user, view_name, next_url=None):
    yield from entries_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def entries_listing_button(page, user, next_url=None):
    yield from entries_button(page, user)
