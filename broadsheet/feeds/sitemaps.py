"""Sitemaps (https://www.sitemaps.org/protocol.html) and the Google News
sitemap, as Django Sitemap classes.

Stories come through ArticlePage.objects.published() only; topics and
authors are listed only once a published story carries them, so a draft
cannot surface even by name.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.functional import cached_property

from broadsheet.feeds.addresses import authority, page_path, scheme
from broadsheet.home.models import HomePage
from broadsheet.news.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleTopic,
    Author,
    SectionPage,
    Topic,
)

# Google News sitemaps: the last 48 hours, at most 1,000 URLs
# (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


class SiteSitemap(Sitemap):
    """Addresses on SITE_URL, whichever host name the crawler asked with.

    Django's sitemap views make one instance per request, so Wagtail's site
    root paths are looked up once per sitemap, kept on the instance.
    """

    def get_protocol(self, protocol=None):
        return scheme()

    def get_domain(self, site=None):
        return authority()

    @cached_property
    def paginator(self):
        # Django makes a new Paginator (and a new COUNT) at every use.
        return super().paginator

    def path_of(self, page):
        return iri_to_uri(page_path(page, self))


@dataclass(frozen=True)
class Front:
    path: str
    lastmod: datetime | None


class FrontSitemap(SiteSitemap):
    """The front page, Latest News and each section front, with the time of
    the newest story on each."""

    changefreq = "hourly"

    def items(self):
        return self.fronts

    @cached_property
    def fronts(self):
        newest = dict(
            ArticlePage.objects.published()
            .order_by()
            .values_list("section_id")
            .annotate(Max("published_at"))
        )
        overall = max(newest.values(), default=None)
        homes = HomePage.objects.live().public().order_by("path")
        sections = SectionPage.objects.for_readers().order_by("path")
        return [
            *(Front(self.path_of(home), overall) for home in homes),
            Front(iri_to_uri(reverse("news:latest")), overall),
            *(Front(self.path_of(s), newest.get(s.pk)) for s in sections),
        ]

    def location(self, front):
        return front.path

    def lastmod(self, front):
        return front.lastmod

    def get_latest_lastmod(self):
        return max((f.lastmod for f in self.fronts if f.lastmod), default=None)


class ArticleSitemap(SiteSitemap):
    def items(self):
        # Oldest first: a story keeps its place in the numbered files.
        return (
            ArticlePage.objects.published()
            .order_by("published_at", "pk")
            .only("url_path", "published_at", "updated_at")
        )

    def location(self, story):
        return self.path_of(story)

    def lastmod(self, story):
        return story.updated_at or story.published_at

    def get_latest_lastmod(self):
        # Honest dates: the newest change readers were told of, as each
        # story's own <lastmod> says (a quiet typo fix is none).
        return ArticlePage.objects.published().aggregate(
            newest=Max(Coalesce("updated_at", "published_at"))
        )["newest"]


class TopicSitemap(SiteSitemap):
    def items(self):
        published = ArticlePage.objects.published()
        tagged = ArticleTopic.objects.filter(article__in=published.values("pk"))
        return (
            Topic.objects.filter(
                Q(pk__in=published.values("topic")) | Q(pk__in=tagged.values("topic"))
            )
            .order_by("pk")
            .only("slug")
        )

    def location(self, topic):
        return iri_to_uri(topic.get_absolute_url())


class AuthorSitemap(SiteSitemap):
    def items(self):
        published = ArticlePage.objects.published().values("pk")
        bylines = ArticleAuthor.objects.filter(article__in=published)
        return (
            Author.objects.filter(pk__in=bylines.values("author_id"))
            .order_by("pk")
            .only("slug")
        )

    def location(self, author):
        return iri_to_uri(author.get_absolute_url())


class NewsSitemap(SiteSitemap):
    """Stories first published in the last 48 hours, newest first."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            ArticlePage.objects.published()
            .filter(published_at__gte=since)
            .newest_first()
            .only("title", "url_path", "published_at", "language")[:NEWS_LIMIT]
        )

    def location(self, story):
        return self.path_of(story)


class LastStorySitemap(NewsSitemap):
    """The newest story, whatever its age: what the news sitemap lists, with
    no news markup, while nothing is under 48 hours old (see the view)."""

    def items(self):
        return ArticlePage.objects.published().newest_first().only("url_path")[:1]


SITEMAPS = {
    "sections": FrontSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "authors": AuthorSitemap,
}
