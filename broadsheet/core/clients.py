"""The reader's address, as seen through the proxies this site trusts."""

from django.conf import settings


def client_address(request) -> str:
    """REMOTE_ADDR, or behind TRUSTED_PROXIES reverse proxies the address the
    outermost trusted proxy saw (X-Forwarded-For's Nth entry from the right;
    entries further left are whatever the client chose to send)."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or ""
