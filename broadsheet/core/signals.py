"""Invalidate cached fragments whenever what readers see may have changed."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from broadsheet.core.cache import bump_content_generation, repair_after_outage
from broadsheet.core.resilient_cache import cache_recovered


def settings_saved(sender, instance, created, **kwargs):
    # Wagtail creates a site's settings row, empty, the first time a page asks
    # for it: nothing a reader sees has changed then.
    if not created:
        bump_content_generation()


def connect():
    from broadsheet.home.models import SiteSettings
    from broadsheet.news.models import Author, Topic

    cache_recovered.connect(repair_after_outage, dispatch_uid="bs-cache-back")
    page_published.connect(bump_content_generation, dispatch_uid="bs-published")
    page_unpublished.connect(bump_content_generation, dispatch_uid="bs-unpublished")
    post_page_move.connect(bump_content_generation, dispatch_uid="bs-moved")
    # A view restriction hides a page (and everything under it) from readers.
    post_save.connect(settings_saved, sender=SiteSettings, dispatch_uid="bs-settings")
    post_delete.connect(
        bump_content_generation, sender=SiteSettings, dispatch_uid="bs-s-del"
    )
    for model in (Topic, Author, PageViewRestriction):
        post_save.connect(
            bump_content_generation, sender=model, dispatch_uid=f"bs-save-{model}"
        )
        post_delete.connect(
            bump_content_generation, sender=model, dispatch_uid=f"bs-delete-{model}"
        )
