"""What makes one reader's page different from another, and so its cache key.

Anything a request can vary freely must not reach the key, or anyone can
fill the cache with made-up addresses (evicting the front page) or step
round it (a render per request instead of a cache read). So:

- tracking parameters (``utm_*``, ``fbclid``, ...) change nothing a reader
  sees: the page is the same cached page;
- ``?page=`` is part of the key only as a plain positive number, and a
  listing asked for a page past its end shows its last page without storing
  it (``do_not_store``); any other parameter or value is rendered fresh and
  never stored;
- the port is not part of the host: pages name the site by its address;
- a session cookie marks an editor only when it belongs to a session that
  holds something (a made-up ``sessionid`` is a reader).
"""

import re

from django.conf import settings
from django.http.request import split_domain_port

TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
    }
)
PAGE_PARAMETER = "page"
# Up to six digits: no listing is longer, and it bounds the keys one
# address can make.
PLAIN_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")
UNCACHED_PREFIXES = ("/admin/", "/documents/", "/search/")


def is_tracking(parameter):
    return parameter in TRACKING_PARAMETERS or parameter.startswith(TRACKING_PREFIXES)


def do_not_store(request):
    """Serve this response, but keep no copy of it under this address (a
    listing's page past the end: any number would make another entry)."""
    request.broadsheet_do_not_store = True


def may_store(request):
    return not getattr(request, "broadsheet_do_not_store", False)


def has_live_session(request):
    """Whether the request carries a session with something in it.

    Loading it costs one cache or database read, which is what a made-up
    cookie then costs instead of a full render."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    session = getattr(request, "session", None)
    return session is None or bool(session.keys())


def page_cache_address(request):
    """The cache address of a reader's page, or None to serve it fresh."""
    if request.method not in ("GET", "HEAD"):
        return None
    path = request.path
    if path.startswith(UNCACHED_PREFIXES) or path.startswith(settings.MEDIA_URL):
        return None
    page = None
    for parameter, values in request.GET.lists():
        if is_tracking(parameter):
            continue
        if parameter != PAGE_PARAMETER or len(values) != 1:
            return None
        if not PLAIN_PAGE_NUMBER.fullmatch(values[0]):
            return None
        page = values[0]
    if has_live_session(request):
        return None
    host, _port = split_domain_port(request.get_host())
    return f"{host}:{path}" + (f"?page={page}" if page else "")
