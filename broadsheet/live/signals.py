"""Entries freshen their blog wherever it is cached; a live blog gets what
every story gets when it is published (Wagtail sends its page signals with
the page's own class, so the handlers connected for ArticlePage are connected
again for LiveBlogPage)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished


def entry_changed(sender, instance, **kwargs):
    from broadsheet.live.freshness import freshen
    from broadsheet.live.models import LiveBlogPage

    section_id = (
        LiveBlogPage.objects.filter(pk=instance.blog_id)
        .values_list("section_id", flat=True)
        .first()
    )
    freshen(instance.blog_id, section_id)


def prepare_entry_images(sender, instance, **kwargs):
    """An entry's pictures get their sizes made in the background, so no
    reader's request waits for Pillow."""
    from broadsheet.images.tasks import prepare_renditions

    kinds = {
        str(block["value"]["image"]): ["inline"]
        for block in instance.body.raw_data
        if block["type"] == "image" and block["value"].get("image")
    }
    if kinds:
        transaction.on_commit(lambda: prepare_renditions.enqueue(kinds))


def connect():
    from broadsheet.comments.signals import recount_on_publish
    from broadsheet.enrich.signals import (
        story_created,
        story_published,
        story_withdrawn,
    )
    from broadsheet.live.models import LiveBlogPage, LiveEntry
    from broadsheet.news.signals import prepare_story_images
    from broadsheet.search.signals import story_gone
    from broadsheet.search.signals import story_published as search_published

    post_save.connect(entry_changed, sender=LiveEntry, dispatch_uid="live-entry-save")
    post_delete.connect(entry_changed, sender=LiveEntry, dispatch_uid="live-entry-del")
    post_save.connect(
        prepare_entry_images, sender=LiveEntry, dispatch_uid="live-entry-images"
    )
    # What news, search, enrich and comments do for a story.
    page_published.connect(
        prepare_story_images, sender=LiveBlogPage, dispatch_uid="live-story-images"
    )
    page_published.connect(
        search_published, sender=LiveBlogPage, dispatch_uid="live-search-pub"
    )
    page_unpublished.connect(
        story_gone, sender=LiveBlogPage, dispatch_uid="live-search-unpub"
    )
    post_delete.connect(story_gone, sender=LiveBlogPage, dispatch_uid="live-search-del")
    page_published.connect(
        story_published, sender=LiveBlogPage, dispatch_uid="live-enrich-publish"
    )
    post_save.connect(
        story_created, sender=LiveBlogPage, dispatch_uid="live-enrich-new"
    )
    page_unpublished.connect(
        story_withdrawn, sender=LiveBlogPage, dispatch_uid="live-enrich-unpublish"
    )
    page_published.connect(
        recount_on_publish, sender=LiveBlogPage, dispatch_uid="live-comment-recount"
    )
