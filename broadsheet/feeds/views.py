"""Sitemaps and robots.txt; the feeds are Feed classes in feeds.py."""

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from broadsheet.feeds.addresses import absolute
from broadsheet.feeds.cache import cached_by_generation
from broadsheet.feeds.sitemaps import SITEMAPS, LastStorySitemap, NewsSitemap

XML = "application/xml"


@cached_by_generation
@x_robots_tag
def sitemap_index(request):
    """Every sitemap, one entry for each file of at most 50,000 addresses.

    Django's own index view names the host the request came in on; this one
    names SITE_URL, as the sitemaps themselves do.
    """
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        if not sitemap.paginator.count:
            continue  # sitemap.xsd: a sitemap lists at least one address
        url = absolute(reverse("feeds:sitemap", args=[section]))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(url, lastmod))
        for number in range(2, sitemap.paginator.num_pages + 1):
            entries.append(SitemapIndexItem(f"{url}?p={number}", lastmod))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type=XML
    )


@cached_by_generation(paged=True)
def sitemap(request, section):
    return django_sitemap(request, SITEMAPS, section=section)


@cached_by_generation
@x_robots_tag
def news_sitemap(request):
    """Google News: what was published in the last 48 hours.

    With nothing that new, the newest story is listed without its news
    markup (or, on a site with no story yet, the front page): sitemap.xsd
    wants at least one <url>, and Google documents both leaving older
    stories in without <news:news> and an empty news sitemap as harmless.
    https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap
    """
    urls = NewsSitemap().get_urls()
    for url in urls:
        url["language"] = news_language(url["item"].language_code)
    news = bool(urls)
    if not news:
        urls = LastStorySitemap().get_urls() or [{"location": absolute("/")}]
    context = {
        "urlset": urls,
        "news": news,
        "publication_name": settings.SITE_NAME,
    }
    return TemplateResponse(
        request, "feeds/sitemap_news.xml", context, content_type=XML
    )


def news_language(language_code):
    """Google News takes ISO 639 codes, with Chinese as zh-cn (Simplified) or
    zh-tw (Traditional)."""
    language, *rest = language_code.lower().split("-")
    if language == "zh":
        return "zh-tw" if {"hant", "tw", "hk", "mo"} & set(rest) else "zh-cn"
    return language


def robots_txt(request):
    """Rules for crawlers, and both sitemaps.

    Search results are not disallowed: they carry noindex, which a crawler
    sees only if it may fetch them, and a disallowed address can still be
    indexed from links to it; see
    https://developers.google.com/search/docs/crawling-indexing/block-indexing
    """
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('wagtailadmin_home')}",
        "",
        f"Sitemap: {absolute(reverse('feeds:sitemap-index'))}",
        f"Sitemap: {absolute(reverse('feeds:news-sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
