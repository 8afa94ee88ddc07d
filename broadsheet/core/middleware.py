"""Whole-page caching for readers.

A reader's page is the same for every reader until something is published,
unpublished or edited, so it is rendered once per content generation (see
broadsheet.core.cache) and then served from the cache in two cache reads.
Editors (anyone with a session) always get a fresh page. Forms on cached
pages carry placeholders that each response fills in (see
broadsheet.core.placeholders), so this middleware sits just after
CsrfViewMiddleware, which then sets the cookie the token belongs to.
"""

from django.core.cache import cache
from django.utils.cache import patch_cache_control

from broadsheet.core.cache import FRAGMENT_TIMEOUT, content_generation
from broadsheet.core.cache_keys import may_store, page_cache_address
from broadsheet.core.placeholders import personalise

# Browsers and shared caches may keep a page this long: news goes stale fast.
BROWSER_MAX_AGE = 60
# A page's last good copy, served when rendering it again fails (the database
# is down): a reader gets yesterday's page rather than an error.
LAST_GOOD_TIMEOUT = 24 * 3600


def is_cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that used the CSRF token or read the session varies on Cookie.
        and "cookie" not in response.get("Vary", "").lower()
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
    )


class ReaderPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = page_cache_address(request)
        if address is None:
            return personalise(request, self.get_response(request))
        key = f"page:{content_generation()}:{address}"
        response = cache.get(key)
        if response is not None:
            response["X-Cache"] = "hit"
            return personalise(request, response)
        response = self.get_response(request)
        last_good_key = f"page:last-good:{address}"
        if is_cacheable_response(response) and may_store(request):
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
            # Stored with the placeholders, filled in for each reader.
            cache.set(key, response, FRAGMENT_TIMEOUT)
            cache.set(last_good_key, response, LAST_GOOD_TIMEOUT)
            response["X-Cache"] = "miss"
        elif response.status_code >= 500:
            last_good = cache.get(last_good_key)
            if last_good is not None:
                last_good["X-Cache"] = "stale"
                return personalise(request, last_good)
        return personalise(request, response)
