from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from broadsheet.history import admin_views
from broadsheet.news.models import ArticlePage


@hooks.register("register_log_actions")
def register_history_log_actions(actions):
    actions.register_action(
        admin_views.WITHDRAW, "Withdraw version", "Withdrew a version from its history"
    )
    actions.register_action(
        admin_views.RESTORE, "Restore version", "Restored a version to its history"
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("<int:pk>/", admin_views.versions, name="versions"),
        path(
            "<int:pk>/<int:version_pk>/withdraw/",
            admin_views.withdraw,
            name="withdraw",
        ),
        path("<int:pk>/<int:version_pk>/restore/", admin_views.restore, name="restore"),
    ]
    return [path("story-history/", include((urls, "history_admin")))]


def history_button(page, user):
    if (
        page.specific_class is ArticlePage
        and page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            "Public history",
            reverse("history_admin:versions", args=[page.pk]),
            icon_name="history",
            priority=46,
        )


@hooks.register("register_page_header_buttons")
def history_header_button(page, user, view_name, next_url=None):
    yield from history_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def history_listing_button(page, user, next_url=None):
    yield from history_button(page, user)
