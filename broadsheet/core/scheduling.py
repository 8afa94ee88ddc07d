"""Scheduled publishing and expiry, one story at a time, safe with several
workers.

Wagtail's `publish_scheduled` publishes every due revision in autocommit, so
a failure in a publish signal (a cache or database error) left a story live
but half-done (out of the search index: review 2026-12, finding 1b), and two
workers running it at once could both publish the same revision. Here each
story goes live (or expires) in a transaction of its own, which takes the
row with SELECT ... FOR UPDATE SKIP LOCKED and checks again that it is still
due: another worker's claim is skipped, and a publish either happens whole
(page, revision, search index, comment count) or not at all and is tried
again next round. Caches are told after commit (caching/invalidation.py).
On SQLite `atomic()` begins IMMEDIATE (settings.py), which serialises the
same way.
"""

import logging

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

logger = logging.getLogger("broadsheet.worker")


def draft_state_models():
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def expire_due() -> int:
    count = 0
    for model in draft_state_models():
        due = model.objects.filter(live=True, expire_at__lt=timezone.now())
        for pk in list(due.order_by("expire_at").values_list("pk", flat=True)):
            with transaction.atomic():
                claimed = (
                    model.objects.select_for_update(skip_locked=True)
                    .filter(pk=pk, live=True, expire_at__lt=timezone.now())
                    .first()
                )
                if claimed is None:
                    continue  # another worker has it, or it is done
                claimed.unpublish(
                    set_expired=True, log_action="wagtail.unpublish.scheduled"
                )
                count += 1
    return count


def publish_due() -> int:
    due = Revision.objects.filter(approved_go_live_at__lt=timezone.now())
    count = 0
    for pk in list(due.order_by("approved_go_live_at").values_list("pk", flat=True)):
        with transaction.atomic():
            revision = (
                Revision.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, approved_go_live_at__lt=timezone.now())
                .first()
            )
            if revision is None:
                continue
            revision.publish(log_action="wagtail.publish.scheduled")
            count += 1
    return count


def publish_due_stories() -> tuple[int, int]:
    """One step: (stories published, stories expired)."""
    expired = expire_due()
    published = publish_due()
    if published or expired:
        logger.info("scheduled: %s published, %s expired", published, expired)
    return published, expired
