"""What every reader page needs: navigation, sidebar lists, the site's name.

Values are lazy: a page whose fragments come from the cache runs none of
these queries, and the admin, which never shows them, never pays for them.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from broadsheet.core.languages import site_language
from broadsheet.home.models import SiteSettings
from broadsheet.news.models import ArticlePage, SectionPage

SIDEBAR_LATEST_COUNT = 6


def nav_sections(request):
    return list(
        SectionPage.objects.for_readers()
        .order_by("path")
        .only("title", "url_path", "path", "depth")
    )


def latest_news():
    return list(
        ArticlePage.objects.published()
        .select_related("section")
        .newest_first()[:SIDEBAR_LATEST_COUNT]
    )


def editors_picks(request):
    site_settings = SiteSettings.current(request)
    published = ArticlePage.objects.published().values("pk")
    picks = (
        site_settings.editors_picks.filter(article__in=published)
        .select_related("article", "article__section")
        .order_by("sort_order")
    )
    return [pick.article for pick in picks]


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "site_language": site_language(),
        "current_year": timezone.now().year,
        "nav_sections": SimpleLazyObject(lambda: nav_sections(request)),
        "latest_news": SimpleLazyObject(latest_news),
        "editors_picks": SimpleLazyObject(lambda: editors_picks(request)),
    }
