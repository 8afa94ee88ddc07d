"""The polling endpoint open live-blog pages ask every few seconds.

`/live/<page id>/updates/<bucket>/` names a time bucket (BUCKET_SECONDS
long), so every reader polling within one bucket asks for the same URL: the
page cache (broadsheet.core.middleware) renders it once per bucket and
content generation, and a CDN in front may keep it for the bucket's length.
The answer is the same for everyone: every entry changed in the last
CHANGE_WINDOW (at most MAX_CHANGES), each with its HTML; a page applies the
changes newer than the version it holds. Its ETag is the blog's version, so
a revalidation that finds nothing new is a 304 with no body.
"""

from datetime import timedelta

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from broadsheet.live.models import LiveBlogPage
from broadsheet.live.reading import (
    BUCKET_SECONDS,
    POLL_SECONDS,
    current_bucket,
    prepare_bodies,
    stamp,
    version,
)

# A page that slept longer than this (a laptop lid, a background tab) is
# told to reload rather than sent every change since.
CHANGE_WINDOW = timedelta(minutes=15)
MAX_CHANGES = 50
# Buckets a reader's clock may be off by and still be served; others get the
# server's bucket to correct the clock with (and fill no cache).
EARLY_BUCKETS, LATE_BUCKETS = 3, 1


def entry_change(entry, blog, request):
    change = {
        "id": entry.pk,
        "changed": stamp(entry.updated_at),
        "posted": stamp(entry.posted_at),
        "deleted": entry.deleted,
    }
    if not entry.deleted:
        change["html"] = render_to_string(
            "live/includes/entry.html", {"entry": entry, "page": blog}, request
        )
    return change


@require_safe
def updates(request, page_id, bucket):
    now = timezone.now()
    server_bucket = current_bucket(now)
    if not server_bucket - EARLY_BUCKETS <= bucket <= server_bucket + LATE_BUCKETS:
        response = JsonResponse({"bucket": server_bucket}, status=404)
        patch_cache_control(response, no_store=True)
        return response
    blog = get_object_or_404(LiveBlogPage.objects.published(), pk=page_id)
    window_start = now - CHANGE_WINDOW
    changed = list(
        blog.entries.filter(updated_at__gte=window_start)
        .for_display()
        .order_by("-updated_at", "-pk")[:MAX_CHANGES]
    )
    prepare_bodies([entry for entry in changed if not entry.deleted])
    complete_since = window_start
    if len(changed) == MAX_CHANGES:
        complete_since = changed[-1].updated_at
    current = version(blog)
    response = JsonResponse(
        {
            "status": blog.status,
            "version": current,
            "complete_since": stamp(complete_since),
            "bucket": server_bucket,
            "poll_seconds": POLL_SECONDS,
            "entries": [entry_change(entry, blog, request) for entry in changed],
        }
    )
    response["ETag"] = f'"{blog.pk}-{current}-{blog.status}"'
    patch_cache_control(response, public=True, max_age=BUCKET_SECONDS)
    # For the tag-based cache and a CDN in front (broadsheet.caching).
    response.cache_tags = frozenset({f"page:{blog.pk}"})
    return response
