"""Readers' pages, cached whole by what they show.

A reader's page is the same for every reader until something it shows
changes, so it is rendered once, stored with the versions of its tags
(broadsheet.caching.tags) and then served from the cache in two cache reads
(the entry, its tags' versions). A publish makes stale only the pages whose
tags it invalidates; the expensive parts of a page are fragments cached on
their own ({% fragment %}), so a page made stale is put together again
quickly, by one process while the others serve the previous copy
(broadsheet.caching.store).

Editors (anyone with a session) always get a fresh page. Forms on cached
pages carry placeholders that each response fills in (see
broadsheet.core.placeholders), so this middleware sits just after
CsrfViewMiddleware, which then sets the cookie the token belongs to.

Stored pages are compressed (gzip and brotli) once when they have no
per-reader values, and carry an ETag and Last-Modified for conditional
requests (ConditionalGetMiddleware answers 304). A page with placeholders is
compressed per response after they are filled, and has no validators of its
own: a 304 would hand a reader back a comment form whose single-use stamp
was already spent.
"""

import hashlib
import time
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from wagtail.views import serve as wagtail_serve

from broadsheet.caching import compression, routes, store, tags, versions
from broadsheet.core.cache_keys import (
    has_live_session,
    may_store,
    page_cache_address,
)
from broadsheet.core.placeholders import carry, nonce_of, personalise

# Browsers and shared caches may keep a page this long: news goes stale fast.
BROWSER_MAX_AGE = 60
# A page is rendered again at least this often, for what no tag announces
# (the rail's "5 minutes ago").
PAGE_MAX_AGE = 600
# X-Cache values of a copy known to be out of date.
OUT_OF_DATE = {"revalidating", "stale"}
# Not stored with the page: each response gets its own.
PER_RESPONSE_HEADERS = {"x-cache", "content-length", "etag", "last-modified"}


def is_cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that used the CSRF token or read the session varies on Cookie.
        and "cookie" not in response.get("Vary", "").lower()
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


@dataclass
class StoredPage:
    content: bytes
    headers: list
    nonce: str | None
    stored_at: float
    # Compressed once, for pages with no per-reader values.
    encoded: dict = field(default_factory=dict)

    @classmethod
    def of(cls, response, stored_at):
        nonce = nonce_of(response)
        return cls(
            content=response.content,
            headers=[
                (name, value)
                for name, value in response.items()
                if name.lower() not in PER_RESPONSE_HEADERS
            ],
            nonce=nonce,
            stored_at=stored_at,
            encoded={} if nonce else compression.compress_all(response.content),
        )

    @property
    def etag(self):
        # Weak: the same page in each content coding.
        return f'W/"{hashlib.blake2b(self.content, digest_size=16).hexdigest()}"'


def page_key(address):
    """The cache key of a page's address (core/cache_keys.py decides what
    makes one page different from another)."""
    return f"page:{hashlib.sha256(address.encode()).hexdigest()}"


class ReaderPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = page_cache_address(request)
        if address is None:
            return personalise(request, self.render_uncached(request))
        key = page_key(address)
        entry, state = store.lookup(key)
        if state == store.FRESH:
            return serve(request, entry, "hit")
        if not store.claim(key):
            # Another process is rendering this page now.
            if entry is not None:
                return serve(request, entry, "revalidating")
            entry = store.wait_for(key)
            if entry is not None:
                return serve(request, entry, "hit")
            return self.render(request, key, None)
        try:
            return self.render(request, key, entry)
        finally:
            store.release(key)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A reader's Wagtail page: its route from the cache (routes.py)."""
        if view_func is wagtail_serve:
            routes.prefill(request, view_args[0] if view_args else "")

    def render_uncached(self, request):
        """A page that is not stored (a search, a made-up parameter). A
        reader's may still use the cached fragments (rail, navigation);
        an editor's renders everything afresh."""
        if request.method not in ("GET", "HEAD") or has_live_session(request):
            return self.get_response(request)
        with tags.collecting():
            return self.get_response(request)

    def render(self, request, key, previous):
        started = versions.now()
        with tags.collecting() as collector:
            response = self.get_response(request)
        if is_cacheable_response(response) and may_store(request):
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
            recorded = versions.record(collector.tags, started, collector.inherited)
            entry = store.Entry(
                StoredPage.of(response, time.time()), recorded, PAGE_MAX_AGE
            )
            # Stored with the placeholders, filled in for each reader.
            store.store(key, entry)
            return serve(request, entry, "miss")
        if response.status_code >= 500 and previous is not None:
            # Rendering failed (the database is down): the last good copy.
            return serve(request, previous, "stale")
        return personalise(request, response)


def serve(request, entry, state):
    page = entry.value
    response = HttpResponse(page.content)
    for name, value in page.headers:
        response[name] = value
    carry(response, page.nonce)
    response["X-Cache"] = state
    if state in OUT_OF_DATE:
        # Served while the page is rendered again, or while rendering fails:
        # nothing in front (Varnish, a browser) may keep this copy.
        response["Cache-Control"] = "no-cache"
    # For anything in front (broadsheet.cdn): what this page shows.
    response.cache_tags = entry.tags
    if page.nonce is None:
        response["ETag"] = page.etag
        response["Last-Modified"] = http_date(page.stored_at)
    response = personalise(request, response)
    encode(request, response, page)
    return response


def encode(request, response, page):
    patch_vary_headers(response, ("Accept-Encoding",))
    coding = compression.choose(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if coding is None or len(response.content) < compression.MIN_SIZE:
        return
    body = page.encoded.get(coding) if page.nonce is None else None
    if body is None:
        body = compression.compress(response.content, coding, stored=False)
    response.content = body
    response["Content-Encoding"] = coding
    response["Content-Length"] = str(len(body))
