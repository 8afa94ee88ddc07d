"""Content-Security-Policy and Permissions-Policy on every response
(security review, finding 10).

Reader pages run no inline script and no inline style: their JavaScript and
CSS are files of our own, and the only inline <script> is JSON-LD
(`type="application/ld+json"`), a data block browsers never execute, which a
script-src does not govern. So their policy needs no nonce and no
'unsafe-inline', and a page stays the same for every reader: the page cache
can keep serving one stored copy (a nonce in a cached page would be reused by
everyone, which is no nonce at all). The one inline style is the 500 page's,
kept inline so it shows whatever else is broken, and allowed by its hash.

Wagtail's admin runs inline scripts (its date pickers, inline panels) and
inline styles, so it gets a policy of its own that keeps what matters there:
no plugins, no <base> hijack, forms posted only here, framed only by itself
(its page previews).

Django 5.2 has no CSP support of its own (6.0 will); a fixed header per kind
of page is a few lines, so no library.
"""

import base64
import hashlib
import re
from functools import cache

from django.conf import settings

ERROR_PAGE = settings.PACKAGE_DIR / "templates" / "500.html"
ADMIN_PREFIXES = ("/admin/",)

# Features no page of ours uses; nothing embedded may ask for them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


@cache
def inline_style_hashes(path) -> tuple[str, ...]:
    """CSP source expressions for each <style> element in a template."""
    styles = re.findall(r"<style>(.*?)</style>", path.read_text(), re.DOTALL)
    return tuple(
        f"'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'"
        for style in styles
    )


def policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(
        " ".join([name, *sources]).strip() for name, sources in directives.items()
    )


def reader_policy() -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", *inline_style_hashes(ERROR_PAGE)],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    if settings.SITE_URL.startswith("https://"):
        directives["upgrade-insecure-requests"] = []
    return policy(directives)


def admin_policy() -> str:
    return policy(
        {
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
            "frame-ancestors": ["'self'"],
        }
    )


def content_security_policy(path: str) -> str:
    return admin_policy() if path.startswith(ADMIN_PREFIXES) else reader_policy()


class SecurityHeadersMiddleware:
    """Goes first after SecurityMiddleware, so that every response has the
    headers, cached pages included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The policy is for our pages; files keep what their view chose
        # (Wagtail serves uploaded documents with default-src 'none').
        if response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault(
                "Content-Security-Policy", content_security_policy(request.path)
            )
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
