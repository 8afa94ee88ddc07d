"""When enrichment runs: a story created, published or imported; and the
lists a story appears in, when it leaves."""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from wagtail.signals import page_published, page_unpublished

from broadsheet.wire.signals import stories_imported


def enqueue_enrichment(article_ids):
    from broadsheet.enrich.tasks import enrich_stories

    ids = list(article_ids)
    if ids:
        transaction.on_commit(lambda: enrich_stories.enqueue(ids))


def story_published(sender, instance, **kwargs):
    enqueue_enrichment([instance.pk])


def story_created(sender, instance, created, raw=False, **kwargs):
    # A new story in the admin (the bulk import sends no post_save).
    if created and not raw:
        enqueue_enrichment([instance.pk])


# Tasks of this many stories: a batch's first stories are done in seconds,
# not after the whole batch.
TASK_SIZE = 50


def stories_arrived(sender, article_ids, **kwargs):
    # Sent after the import's batch is committed.
    from broadsheet.enrich.tasks import enrich_stories

    ids = list(article_ids)
    for start in range(0, len(ids), TASK_SIZE):
        enrich_stories.enqueue(ids[start : start + TASK_SIZE])


def story_withdrawn(sender, instance, **kwargs):
    from broadsheet.enrich import related_stories
    from broadsheet.enrich.tasks import refresh_related

    naming = related_stories.lists_naming(instance.pk)
    if naming:
        transaction.on_commit(lambda: refresh_related.enqueue(naming))


def recognise_generated(sender, instance, raw=False, **kwargs):
    """A generated pair that comes back through the admin's form before it was
    ever saved has lost what marks it (the form does not carry those fields);
    its words are known, so it is marked again."""
    from broadsheet.enrich.models import Enrichment
    from broadsheet.news.models import faq_fingerprint

    if raw or instance.generated or not instance.article_id:
        return
    fingerprint = faq_fingerprint(instance.question, instance.answer)
    known = (
        Enrichment.objects.filter(article_id=instance.article_id)
        .values_list("generated_pairs", flat=True)
        .first()
    )
    if known and fingerprint in known:
        instance.generated = True
        instance.fingerprint = fingerprint
        instance.sources = known[fingerprint]


def connect():
    from broadsheet.news.models import ArticleFAQ, ArticlePage

    pre_save.connect(
        recognise_generated, sender=ArticleFAQ, dispatch_uid="bs-enrich-faq-known"
    )
    page_published.connect(
        story_published, sender=ArticlePage, dispatch_uid="bs-enrich-publish"
    )
    post_save.connect(story_created, sender=ArticlePage, dispatch_uid="bs-enrich-new")
    stories_imported.connect(stories_arrived, dispatch_uid="bs-enrich-import")
    page_unpublished.connect(
        story_withdrawn, sender=ArticlePage, dispatch_uid="bs-enrich-unpublish"
    )
