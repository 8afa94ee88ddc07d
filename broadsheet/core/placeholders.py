"""Per-reader values in pages that are cached for every reader.

A cached page holds fixed placeholders; ReaderPageCacheMiddleware puts each
response's own values in, on a cache hit as on a miss:

- the CSRF token (rendering {% csrf_token %} would make the page vary on
  Cookie and so never be cached), and
- a form stamp: a signed, single-use "this form was shown at" time, so a
  form handler can tell a form sent seconds after it was shown (a bot) or
  days later (a replay) from a reader's.
"""

import secrets
import time

from django.core import signing
from django.middleware.csrf import get_token

CSRF_PLACEHOLDER = "bs-csrf-placeholder-5e0c1f"
STAMP_PLACEHOLDER = "bs-stamp-placeholder-9a41d7"
STAMP_SALT = "broadsheet.form-stamp"


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
    that holds the placeholders."""
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return response
    content = response.content
    if CSRF_PLACEHOLDER.encode() not in content:
        return response
    content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    content = content.replace(STAMP_PLACEHOLDER.encode(), form_stamp().encode())
    response.content = content
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(content))
    return response
