from django.urls import include, path
from wagtail import hooks

from broadsheet.core.admin_buttons import page_button
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


page_button(
    "Live entries",
    "live_admin:entries",
    model="live.LiveBlogPage",
    icon="plus",
    priority=5,
)
