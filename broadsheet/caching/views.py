"""Views cached by tag whoever asks: feeds and sitemaps.

Feeds and sitemaps show nothing per reader, so they are served from the cache
to editors too, and a sitemap's page (`?p=2`, which the page cache leaves
alone) is cached as well. What they show is declared while they are built
(each story's tag, the list's tag) plus the tags given to the decorator.
"""

import hashlib
from functools import wraps

from django.http import HttpResponse

from broadsheet.caching import store, tags, versions

# Only the sitemap page number changes what these views return; other query
# parameters must not multiply cache entries.
PAGE_PARAMETER = "p"
# Also rendered again this often, for what no tag announces (a story ageing
# out of the news sitemap's 48 hours).
MAX_AGE = 600


def response_key(request):
    address = f"{request.path}?{request.GET.get(PAGE_PARAMETER, '')}"
    return f"xml:{hashlib.sha256(address.encode()).hexdigest()}"


def cached_by_tags(*shown):
    """`@cached_by_tags("latest")`: cache a view's 200 responses by tag."""

    def decorate(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            key = response_key(request)
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
