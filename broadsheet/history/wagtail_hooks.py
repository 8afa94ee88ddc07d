from django.urls import include, path
from wagtail import hooks

from broadsheet.core.admin_buttons import page_button
from broadsheet.history import admin_views


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


page_button(
    "Public history",
    "history_admin:versions",
    model="news.ArticlePage",
    icon="history",
    priority=46,
)
