"""Feeds, sitemaps and robots.txt.

Site:     /feeds/rss/  /feeds/atom/  /feeds/json/
Section:  /feeds/sections/<slug>/rss/  .../atom/  .../json/  (likewise topics/,
          authors/)
Sitemaps: /sitemap.xml (index) -> /sitemap-<part>.xml[?p=N], /sitemap-news.xml
"""

from django.urls import path, re_path

from broadsheet.feeds import views
from broadsheet.feeds.feeds import (
    AtomFeed,
    AuthorFeed,
    RssFeed,
    SectionFeed,
    StoryFeed,
    TopicFeed,
)
from broadsheet.feeds.jsonfeed import JsonFeed

app_name = "feeds"

# As on the topic and author pages: Unicode slugs, and nothing else. A NUL or
# other junk never reaches the database (PostgreSQL refuses NUL in text, a 500).
SLUG = r"(?P<slug>[-\w]+)"

FORMATS = {"rss": RssFeed, "atom": AtomFeed, "json": JsonFeed}
SCOPES = {"section": SectionFeed, "topic": TopicFeed, "author": AuthorFeed}

urlpatterns = [
    *(
        path(f"feeds/{fmt}/", StoryFeed.view(feed_type), name=fmt)
        for fmt, feed_type in FORMATS.items()
    ),
    *(
        re_path(
            rf"^feeds/{scope}s/{SLUG}/{fmt}/\Z",
            feed.view(feed_type),
            name=f"{scope}-{fmt}",
        )
        for scope, feed in SCOPES.items()
        for fmt, feed_type in FORMATS.items()
    ),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path("sitemap-news.xml", views.news_sitemap, name="news-sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
