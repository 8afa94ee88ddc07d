"""Per-reader values in pages that are cached for every reader.

A cached page holds placeholders; each response gets its own values put in,
on a cache hit as on a miss:

- the CSRF token (rendering {% csrf_token %} would make the page vary on
  Cookie and so never be cached), and
- a form stamp: a signed, single-use "this form was shown at" time, so a
  form handler can tell a form sent seconds after it was shown (a bot) or
  days later (a replay) from a reader's.

Placeholders cannot be forged from content. Each render draws a random
nonce, and its placeholders carry it (`bs-csrf-<nonce>`): text in a comment
or a wire story was stored before that render began, so it cannot hold the
nonce, and a fixed string that looks like a placeholder is left alone. Only
a response rendered with placeholders is filled in at all; every other one
(the admin's pages included) goes out as its view made it.

How a response carries its nonce, for the page cache and anything else that
stores responses (security review, finding 12):

- the template tags keep the nonce on the request; PlaceholderMiddleware,
  just inside the page cache, copies it to the response as an attribute
  (`nonce_of(response)`), which pickling keeps;
- a cache that stores the response object needs nothing more; one that
  stores (content, headers) must keep `nonce_of(response)` beside them and
  `carry(response, nonce)` when it rebuilds the response;
- `personalise(request, response)` is called on every response served, hit
  or miss, after the copy for the cache was stored.
"""

import secrets
import time

from django.core import signing
from django.middleware.csrf import get_token
from django.utils.html import format_html

STAMP_SALT = "broadsheet.form-stamp"
NONCE_ATTRIBUTE = "broadsheet_placeholder_nonce"
NONCE_BYTES = 16


def nonce_for(request) -> str:
    """This render's nonce, drawn the first time a template asks for it."""
    nonce = getattr(request, NONCE_ATTRIBUTE, None)
    if nonce is None:
        nonce = secrets.token_hex(NONCE_BYTES)
        setattr(request, NONCE_ATTRIBUTE, nonce)
    return nonce


def csrf_placeholder(nonce: str) -> str:
    return f"bs-csrf-{nonce}"


def stamp_placeholder(nonce: str) -> str:
    return f"bs-stamp-{nonce}"


def csrf_field(request):
    """The CSRF field of a form on a cached page."""
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
        csrf_placeholder(nonce_for(request)),
    )


def stamp_field(request):
    return format_html(
        '<input type="hidden" name="stamp" value="{}">',
        stamp_placeholder(nonce_for(request)),
    )


def nonce_of(response) -> str | None:
    return getattr(response, NONCE_ATTRIBUTE, None)


def carry(response, nonce: str | None) -> None:
    if nonce:
        setattr(response, NONCE_ATTRIBUTE, nonce)


class PlaceholderMiddleware:
    """Marks a response rendered with placeholders, so that the copy the page
    cache stores can be filled in later. Goes just after (inside) the page
    cache middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        carry(response, getattr(request, NONCE_ATTRIBUTE, None))
        return response


def form_stamp():
    """A signed nonce with the time it was made."""
    return signing.TimestampSigner(salt=STAMP_SALT).sign(secrets.token_urlsafe(9))


def stamp_age(stamp, max_age):
    """Seconds since the stamp was made. Raises signing.SignatureExpired when
    older than max_age, signing.BadSignature when forged or mangled."""
    signer = signing.TimestampSigner(salt=STAMP_SALT)
    signer.unsign(stamp, max_age=max_age)
    made = signing.b62_decode(stamp.rsplit(signer.sep, 2)[1])
    return time.time() - made


def personalise(request, response):
    """Put this reader's CSRF token and a fresh form stamp into a response
    rendered with placeholders; any other response is returned untouched."""
    nonce = nonce_of(response)
    if nonce is None or response.streaming:
        return response
    content = response.content
    content = content.replace(
        csrf_placeholder(nonce).encode(), get_token(request).encode()
    )
    content = content.replace(stamp_placeholder(nonce).encode(), form_stamp().encode())
    response.content = content
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(content))
    return response
