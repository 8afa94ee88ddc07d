"""A live blog opens and closes at the times its editors set
(settings.WORKER_JOBS, every minute).

An editor who sets a coverage end of 23:00 expects the blog to say "Ended"
from then on, stop polling and close its comments, without coming back to
the editor at 23:00; and a blog published ahead with a coverage start says
"Coming up" until then and "Live" after.
"""

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from broadsheet.live.freshness import freshen
from broadsheet.live.models import LiveBlogPage, LiveStatus

logger = logging.getLogger("broadsheet.live")

STARTED_ACTION = "broadsheet.live.started"
ENDED_ACTION = "broadsheet.live.ended"


def follow_coverage_times() -> int:
    """Blogs whose coverage start has come go live; blogs whose coverage end
    has passed end. Returns how many changed."""
    now = timezone.now()
    due = LiveBlogPage.objects.live().filter(
        Q(status=LiveStatus.SCHEDULED, coverage_start__lte=now)
        | Q(status=LiveStatus.LIVE, coverage_end__lte=now)
    )
    changed = 0
    for pk in list(due.values_list("pk", flat=True)):
        changed += move_on(pk, now)
    return changed


def move_on(pk, now) -> int:
    with transaction.atomic():
        blog = (
            LiveBlogPage.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, live=True)
            .first()
        )
        if blog is None:
            return 0  # another worker has it
        start, end = blog.coverage_start, blog.coverage_end
        if blog.status == LiveStatus.SCHEDULED and start and start <= now:
            # A coverage end already past as well: straight to ended.
            status = LiveStatus.ENDED if end and end <= now else LiveStatus.LIVE
        elif blog.status == LiveStatus.LIVE and end and end <= now:
            status = LiveStatus.ENDED
        else:
            return 0  # changed by an editor since it was found
        blog.status = status
        # save() fills the end time and closes comments for an ended blog.
        blog.save(
            clean=False, update_fields=["status", "coverage_end", "comments_mode"]
        )
        # The live revision and a draft waiting over it must say the same, or
        # the next publish from the editor would bring the old status back.
        data = blog.serializable_data()
        changed = {
            field: data[field] for field in ("status", "coverage_end", "comments_mode")
        }
        for revision in Revision.objects.filter(
            pk__in={blog.live_revision_id, blog.latest_revision_id} - {None}
        ):
            revision.content = {**revision.content, **changed}
            revision.save(update_fields=["content"])
        action = ENDED_ACTION if status == LiveStatus.ENDED else STARTED_ACTION
        PageLogEntry.objects.log_action(blog, action, content_changed=True)
        # Its page, and the lists that show it, in the caches and a CDN.
        freshen(blog.pk, blog.section_id)
    logger.info("live blog %s: %s at its coverage time", pk, status)
    return 1
