"""When the desk assigns: after each committed intake batch (items_received)
and each publish. The work is a task for the worker, which holds the
clusterer's window; the periodic sweep (settings.WORKER_JOBS) catches what a
lost task left waiting."""

from django.db import transaction
from wagtail.signals import page_published

from broadsheet.wire.signals import items_received


def items_arrived(sender, item_ids, **kwargs):
    # Sent once the batch is committed: the task sees the items.
    from broadsheet.desk.tasks import assign_items

    assign_items.enqueue()


def story_published(sender, instance, **kwargs):
    from broadsheet.desk.tasks import assign_articles

    transaction.on_commit(lambda: assign_articles.enqueue([instance.pk]))


def connect():
    from broadsheet.news.models import ArticlePage

    items_received.connect(items_arrived, dispatch_uid="bs-desk-items")
    page_published.connect(
        story_published, sender=ArticlePage, dispatch_uid="bs-desk-publish"
    )
