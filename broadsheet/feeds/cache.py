"""Feeds and sitemaps served from the cache until the site's content changes.

The key holds the content generation (broadsheet/core/cache.py), which every
publish, unpublish, move and settings change bumps: a cached feed is never
staler than the last change, and between changes a request costs two cache
reads and no query. Entries also expire, for what no signal announces (a
story ageing out of the news sitemap's 48 hours).
"""

import hashlib
import re
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from broadsheet.core.cache import FRAGMENT_TIMEOUT, content_generation

# Only a sitemap's page number changes what these views return; other query
# parameters must not multiply cache entries, so they stay out of the key,
# and a page number is part of it only as a plain number (anything else is
# answered fresh, and its 404 never stored).
PAGE_PARAMETER = "p"
PLAIN_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


def response_key(request, generation, paged=False):
    """The key of a view's response, or None when it must be served fresh."""
    page = request.GET.get(PAGE_PARAMETER, "") if paged else ""
    if page and not PLAIN_PAGE_NUMBER.fullmatch(page):
        return None
    address = f"{request.path}?{page}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"broadsheet:xml:{generation}:{digest}"


def cached_by_generation(view=None, *, paged=False):
    """Cache a feed or sitemap view; ``paged`` when it reads ``?p=``."""
    if view is None:
        return lambda view: cached_by_generation(view, paged=paged)

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        key = response_key(request, content_generation(), paged)
        if key is None:
            return view(request, *args, **kwargs)
        cached = cache.get(key)
        if cached is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code != 200:
                return response
            cached = (response.content, dict(response.headers))
            cache.set(key, cached, FRAGMENT_TIMEOUT)
        content, headers = cached
        return HttpResponse(content, headers=headers)

    return cached_view
