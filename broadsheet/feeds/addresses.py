"""Absolute addresses on the site's public origin, SITE_URL.

Feeds, sitemaps, canonical links and JSON-LD are read away from the site, so
every address in them is absolute. The origin is the configured SITE_URL, not
the Host header of whoever asked (an internal name behind a proxy, or a
crawler's guess), and never a host written into the code.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.encoding import iri_to_uri


def absolute(url):
    """`url` (a path from reverse(), a page or a file) on SITE_URL, as a URI."""
    if url.startswith(("http://", "https://")):
        return iri_to_uri(url)
    if url.startswith("//"):  # a protocol-relative MEDIA_URL or STATIC_URL
        return iri_to_uri(f"{scheme()}:{url}")
    return settings.SITE_URL + iri_to_uri(url)


def home_url():
    """The front page: the root of Wagtail's page tree."""
    return absolute(reverse("wagtail_serve", args=[""]))


def scheme():
    return settings.SITE_URL.split("://", 1)[0]


def authority():
    """SITE_URL without its scheme: the host (and port) readers use."""
    return settings.SITE_URL.split("://", 1)[1]


def page_path(page, cache_object=None):
    """A Wagtail page's path on the site, or None if it has none (a preview).

    `cache_object` (the request, or a feed or sitemap being built) keeps
    Wagtail's site root paths for the next page, so a list of pages costs one
    lookup, not one each.
    """
    parts = page.get_url_parts(cache_object)
    if parts is None or parts[2] is None:
        return None
    return parts[2]


def page_url(page, cache_object=None):
    """A Wagtail page's absolute address, or None."""
    path = page_path(page, cache_object)
    return absolute(path) if path else None
