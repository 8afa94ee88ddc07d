"""Feeds and sitemaps served from the cache until the site's content changes.

The key holds the content generation (broadsheet/core/cache.py), which every
publish, unpublish, move and settings change bumps: a cached feed is never
staler than the last change, and between changes a request costs two cache
reads and no query. Entries also expire, for what no signal announces (a
story ageing out of the news sitemap's 48 hours).
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from broadsheet.core.cache import FRAGMENT_TIMEOUT, content_generation

# Only the sitemap page number changes what these views return; other query
# parameters must not multiply cache entries.
PAGE_PARAMETER = "p"


def response_key(request, generation):
    address = f"{request.path}?{request.GET.get(PAGE_PARAMETER, '')}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"broadsheet:xml:{generation}:{digest}"


def cached_by_generation(view):
    @wraps(view)
    def cached_view(request, *args, **kwargs):
        key = response_key(request, content_generation())
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
