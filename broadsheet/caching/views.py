"""Views cached by tag whoever asks: feeds and sitemaps.

Feeds and sitemaps show nothing per reader, so they are served from the cache
to editors too, and a sitemap's page (`?p=2`, which the page cache leaves
alone) is cached as well. What they show is declared while they are built
(each story's tag, the list's tag) plus the tags given to the decorator.
"""

import hashlib
import re
from functools import wraps

from django.http import HttpResponse

from broadsheet.caching import store, tags, versions

# Only a sitemap's page number changes what these views return; other query
# parameters must not multiply cache entries, so they stay out of the key,
# and a page number is part of it only as a plain number (anything else is
# answered fresh, and its 404 never stored).
PAGE_PARAMETER = "p"
PLAIN_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")
# Also rendered again this often, for what no tag announces (a story ageing
# out of the news sitemap's 48 hours).
MAX_AGE = 600


def response_key(request, paged=False):
    """The key of a view's response, or None when it must be served fresh."""
    page = request.GET.get(PAGE_PARAMETER, "") if paged else ""
    if page and not PLAIN_PAGE_NUMBER.fullmatch(page):
        return None
    address = f"{request.path}?{page}"
    return f"broadsheet:xml:{hashlib.sha256(address.encode()).hexdigest()}"


def cached_by_tags(*shown, paged=False):
    """`@cached_by_tags("latest")`: cache a view's 200 responses by tag;
    `paged` when it reads `?p=`."""

    def decorate(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            key = response_key(request, paged)
            if key is None:
                return view(request, *args, **kwargs)
            entry, state = store.lookup(key)
            if state == store.FRESH or (state == store.STALE and not store.claim(key)):
                return rebuilt(entry)
            try:
                entry = render(view, request, args, kwargs, shown)
            finally:
                if state == store.STALE:
                    store.release(key)
            if isinstance(entry, HttpResponse):
                return entry  # not a 200: not cached
            store.store(key, entry)
            return rebuilt(entry)

        return cached_view

    return decorate


def render(view, request, args, kwargs, shown):
    started = versions.now()
    with tags.collecting() as collector:
        tags.declare(*shown)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
    if response.status_code != 200:
        return response
    recorded = versions.record(collector.tags, started, collector.inherited)
    return store.Entry((response.content, dict(response.headers)), recorded, MAX_AGE)


def rebuilt(entry):
    content, headers = entry.value
    response = HttpResponse(content, headers=headers)
    response.cache_tags = entry.tags
    # Inside the page cache's render too: the page records these tags.
    tags.inherit(entry.versions)
    return response
