from django.urls import include, path
from wagtail import hooks

from broadsheet.core.admin_buttons import page_button
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


page_button(
    "Enrichment",
    "enrich_admin:story",
    model="news.ArticlePage",
    icon="wand",
    priority=45,
)
