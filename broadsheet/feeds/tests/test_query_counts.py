"""Feeds and sitemaps run a fixed number of queries however many stories,
topics, authors and pictures they list (measured on a cold cache, with a
few, then with several times more), and none at all once cached."""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from broadsheet.home.setup import SECTIONS
from broadsheet.testing import make_article, make_image, shared_data

pytestmark = pytest.mark.django_db

URLS = {
    "site rss": "/feeds/rss/",
    "site atom": "/feeds/atom/",
    "section rss": "/feeds/sections/world/rss/",
    "topic atom": "/feeds/topics/climate/atom/",
    "author rss": "/feeds/authors/ada-lovelace/rss/",
    "site json": "/feeds/json/",
    "section json": "/feeds/sections/world/json/",
    "topic json": "/feeds/topics/climate/json/",
    "author json": "/feeds/authors/ada-lovelace/json/",
    "sitemap index": "/sitemap.xml",
    "sections sitemap": "/sitemap-sections.xml",
    "articles sitemap": "/sitemap-articles.xml",
    "topics sitemap": "/sitemap-topics.xml",
    "authors sitemap": "/sitemap-authors.xml",
    "news sitemap": "/sitemap-news.xml",
}

# Found once by running this module, then pinned. A change here is a change
# in what a feed reader's or a crawler's visit costs: say why in the commit.
# Feeds: the scope, Wagtail's view restrictions, the stories, then their
# pictures, bylines, topics and notes, and the site's root paths. Sitemaps: the view
# restrictions and a COUNT and a page of each kind (the index: a COUNT and the
# newest change of each).
COUNTS = {
    "site rss": 7,
    "site atom": 7,
    "section rss": 9,
    "topic atom": 8,
    "author rss": 8,
    # JSON Feed: the same queries as RSS and Atom, the same stories.
    "site json": 7,
    "section json": 9,
    "topic json": 8,
    "author json": 8,
    "sitemap index": 15,
    "sections sitemap": 7,
    "articles sitemap": 4,
    "topics sitemap": 3,
    "authors sitemap": 3,
    "news sitemap": 4,
}
PINNED = {"sqlite": COUNTS, "postgresql": COUNTS}


def add_stories(first, count):
    """`count` stories about Climate (and a topic of their own) by Ada and a
    writer of their own, with a picture each, in every section."""
    for n in range(first, first + count):
        make_article(
            f"Glacier report {n}",
            SECTIONS[n % len(SECTIONS)][1],
            topic_name="Climate",
            extra_topics=("Ice", f"Glacier {n}"),
            authors=("Ada Lovelace", f"Writer {n}"),
            standfirst=f"Standfirst {n}.",
            lead_image=make_image(f"picture {n}", width=96, height=54),
            age=timedelta(hours=n + 1),
        )


def measure():
    """The queries each URL runs on a cold cache.

    Pictures are sized at publish (after the commit these tests never make)
    or on their first showing; those one-off writes are made first, so only
    what every visit costs is counted.
    """
    for url in URLS.values():
        assert Client().get(url).status_code == 200
    queries = {}
    for name, url in URLS.items():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = Client().get(url)
        assert response.status_code == 200, name
        queries[name] = [q["sql"] for q in captured.captured_queries]
    cache.clear()
    return queries


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        add_stories(0, 3)
        small = measure()
        add_stories(3, 18)
        large = measure()
        yield {name: (small[name], large[name]) for name in URLS}


def shape(sql):
    """A query with its values blanked, to group the same query together."""
    return re.sub(r"\b\d+\b|'[^']*'|%s", "?", sql)


def growth(small, large):
    extra = Counter(map(shape, large)) - Counter(map(shape, small))
    return "\n".join(f"{n} more x {sql[:300]}" for sql, n in extra.items())


@pytest.mark.parametrize("name", URLS)
def test_runs_a_fixed_number_of_queries_however_much_it_lists(measured, name):
    small, large = measured[name]
    assert len(large) == len(small), growth(small, large)
    pinned = PINNED[connection.vendor].get(name)
    assert len(small) == pinned, "\n".join(small)


@pytest.mark.parametrize("name", URLS)
def test_runs_no_query_once_cached(measured, name):
    client = Client()
    first = client.get(URLS[name])
    with CaptureQueriesContext(connection) as captured:
        again = client.get(URLS[name])
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert len(captured) == 0
