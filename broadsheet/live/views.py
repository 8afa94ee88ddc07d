"""The polling endpoint open live-blog pages ask every few seconds.

`/live/<page id>/updates/<bucket>/` names a time bucket (BUCKET_SECONDS
long), so every reader polling within one bucket asks for the same URL: the
page cache (broadsheet.caching.middleware) renders it once per bucket and
until the blog's tag is invalidated (live/freshness.py), and a CDN in front
may keep it for the bucket's length.
The answer is the same for everyone: every entry changed in the last
CHANGE_WINDOW (at most MAX_CHANGES), each with its HTML; a page applies the
changes newer than the version it holds, and reloads if it has not seen the
newest change older than those (`missed_if_before`). Its ETag is the blog's version, so
a revalidation that finds nothing new is a 304 with no body.
"""

from datetime import timedelta

from django.db.models import Max
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from broadsheet.caching.tags import declare
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
    declare(f"page:{blog.pk}")
    window_start = now - CHANGE_WINDOW
    changed = list(
        blog.entries.filter(updated_at__gte=window_start)
        .for_display()
        .order_by("-updated_at", "-pk")[:MAX_CHANGES]
    )
    prepare_bodies([entry for entry in changed if not entry.deleted])
    covered_from = window_start
    if len(changed) == MAX_CHANGES:
        covered_from = changed[-1].updated_at
    # The newest change the list leaves out: a page that has not seen it
    # missed something and must reload; one that has misses nothing, however
    # long it slept (a quiet blog's page is not told to reload for nothing).
    before = blog.entries.filter(updated_at__lt=covered_from).aggregate(
        latest=Max("updated_at")
    )["latest"]
    current = version(blog)
    response = JsonResponse(
        {
            "status": blog.status,
            "version": current,
            "missed_if_before": stamp(before),
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
