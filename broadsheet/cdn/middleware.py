"""What a cache in front may store, and under which tags.

A response goes out shareable (``Surrogate-Control`` / ``CDN-Cache-Control``
with CDN_MAX_AGE, and its tags in the back end's header) only when it is the
same for every reader:

- it carries ``cache_tags`` (the page cache marked it cacheable, see
  broadsheet.caching) and answers an anonymous GET or HEAD: no session
  cookie, nobody signed in;
- it is a 200 that sets no cookie, does not vary on Cookie and is not
  private or no-store (the admin, previews, drafts and password pages are
  never cacheable in the first place);
- it is the page as it is now, not an older copy the page cache serves while
  a new one is rendered (the cache in front would keep it after the purge);
- it was not overtaken by a purge of its tags while it was rendered
  (inflight.py);
- it holds no per-reader value. A page with a form (a story's comment form)
  is filled in for each reader with a CSRF token, tied to that reader's
  cookie, and a single-use form stamp (core/placeholders.py). Shared, one
  reader's token would reach the next: such a page is ``private``, kept by
  the reader's browser only, and Broadsheet's own page cache serves it.

Placed outside the session and CSRF middleware, so that the cookies they set
are seen here.
"""

import time

from django.conf import settings
from django.utils.cache import patch_cache_control

from broadsheet.caching.signals import SITE_TAG
from broadsheet.cdn import inflight
from broadsheet.cdn.backends import configured_backend
from broadsheet.core.cache_keys import PAGE_PARAMETER
from broadsheet.core.placeholders import nonce_of

# Tag headers and how each joins its tags.
SEPARATORS = {"xkey": " ", "surrogate-key": " ", "cache-tag": ","}
# Fastly and Cloudflare read 16 KB of tags; proxies on the way may refuse
# longer header lines. A page naming more is not stored in front: it would
# not be purged by the tags left out.
MAX_TAG_HEADER = 8000
NOT_SHARED = ("private", "no-store", "no-cache")
# The page cache's answers that are an older copy: its last good one while
# rendering fails, or the previous one while another process renders the
# page anew. Stored in front, they would outlive the purge that asked for the
# new one by CDN_MAX_AGE.
OLDER_COPIES = {"stale", "revalidating"}


def tag_header_names():
    """CDN_TAG_HEADERS, or the configured back end's own header."""
    if settings.CDN_TAG_HEADERS:
        return settings.CDN_TAG_HEADERS
    backend = configured_backend()
    return [backend.tag_header] if backend else []


def is_anonymous(request):
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return not (user and user.is_authenticated)


def is_shareable(request, response):
    tags = getattr(response, "cache_tags", None)
    cache_control = response.get("Cache-Control", "")
    return bool(
        tags
        and SITE_TAG in tags
        and request.method in ("GET", "HEAD")
        # Stored under its own address only: a page reached with tracking
        # parameters is Broadsheet's cached page, not one more copy in front.
        and set(request.GET) <= {PAGE_PARAMETER}
        and is_anonymous(request)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and "cookie" not in response.get("Vary", "").lower()
        and not any(word in cache_control for word in NOT_SHARED)
        and nonce_of(response) is None
        and response.get("X-Cache") not in OLDER_COPIES
    )


def surrogate_control():
    return (
        f"max-age={settings.CDN_MAX_AGE}, "
        f"stale-while-revalidate={settings.CDN_STALE_SECONDS}"
    )


def add_tag_headers(response, names):
    """Adds each tag header; False when the tags are too long to send."""
    tags = sorted(response.cache_tags)
    values = {}
    for name in names:
        value = SEPARATORS.get(name.lower(), " ").join(tags)
        if len(value) > MAX_TAG_HEADER:
            return False
        values[name] = value
    for name, value in values.items():
        response[name] = value
    return True


class CdnHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.time()
        response = self.get_response(request)
        if nonce_of(response) is not None:
            # This reader's CSRF token and form stamp are in it.
            patch_cache_control(response, private=True)
            return response
        if not settings.CDN_PURGE_BACKEND or not is_shareable(request, response):
            return response
        if inflight.overtaken(response.cache_tags, started):
            return response  # rendered from rows a purge has since replaced
        if add_tag_headers(response, tag_header_names()):
            response["Surrogate-Control"] = surrogate_control()
            # RFC 9213, read by Cloudflare and others that ignore Surrogate-*.
            response["CDN-Cache-Control"] = surrogate_control()
        return response
