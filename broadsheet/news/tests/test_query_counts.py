"""Each reader page runs a fixed number of database queries, however much it
lists: measured with a few stories, related stories, FAQs, authors and
Editors' Picks, then with several times more, on a cold cache."""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from broadsheet.home.setup import SECTIONS
from broadsheet.news.models import ArticleAuthor, ArticleFAQ, Author
from broadsheet.testing import (
    author,
    make_article,
    make_image,
    pick,
    section,
    shared_data,
    topic,
)

pytestmark = pytest.mark.django_db

PAGES = {
    "article": lambda world: world["story"].url,
    "home": lambda world: "/",
    "section": lambda world: section("world").url,
    "topic": lambda world: topic("Ice").get_absolute_url(),
    "author": lambda world: author("Ada Lovelace").get_absolute_url(),
    "latest": lambda world: "/latest/",
    "search": lambda world: "/search/?q=glacier",
}

# Found once by running this module, then pinned. A change here is a change
# in what every page view costs: say why in the commit.
PINNED = {
    "sqlite": {
        # Page (found with its topic and picture in one query by its
        # section), related stories (precomputed: one listing query with
        # its bylines; its teasers show no picture), FAQs, other topics,
        # and the shared parts; the site's comment and enrichment settings
        # (comments themselves: none to list); its notes (corrections and
        # the like). Picture sizes come from Wagtail's rendition cache, read
        # and no longer written back.
        "article": 26,
        # One small query per section (9) for its newest ids, then one
        # listing query for all of them.
        "home": 30,
        # Listings run no count: a page fetches one story more than it
        # shows to know whether another page follows (news/pagination.py).
        # The section is found by the front page in one query (not two).
        "section": 17,
        "topic": 14,
        "author": 15,
        "latest": 13,
        "search": 15,
    },
    # The same, but for search: the index is a different backend.
    "postgresql": {
        "article": 26,
        "home": 30,
        "section": 17,
        "topic": 14,
        "author": 15,
        "latest": 13,
        "search": 14,
    },
}


def add_stories(first, count):
    """`count` stories about Ice by Ada and a second author, each with a
    picture, spread over every section."""
    return [
        make_article(
            f"Glacier report {n}",
            SECTIONS[n % len(SECTIONS)][1],
            topic_name="Ice",
            extra_topics=("Polar",),
            authors=("Ada Lovelace", f"Writer {n}"),
            standfirst=f"Standfirst {n}.",
            lead_image=make_image(f"picture {n}", width=96, height=54),
            body=[("paragraph", RichText(f"<p>Glacier notes {n}.</p>"))],
            age=timedelta(hours=n + 2),
        )
        for n in range(first, first + count)
    ]


def add_topic_mates(first, count):
    """Stories that share the article's topic, outside its section."""
    return [
        make_article(
            f"Climate brief {n}",
            "science" if n % 2 else "business",
            topic_name="Climate",
            authors=(f"Writer {n}", f"Editor {n}"),
            lead_image=make_image(f"brief {n}", width=96, height=54),
            age=timedelta(minutes=90 + n),
        )
        for n in range(first, first + count)
    ]


def enrich_all():
    """What the worker does at publish: related stories ranked and stored."""
    from broadsheet.enrich import articles, related_stories
    from broadsheet.news.models import ArticlePage

    ids = list(ArticlePage.objects.values_list("pk", flat=True))
    for article_id in ids:
        articles.enrich(article_id)
    for article_id in ids:
        related_stories.refresh(article_id)


def measure(urls):
    """The queries each page runs for a reader arriving on a cold cache.

    Pictures are sized on a page's first view (or at publish); those one-off
    writes are made first, so only what every view costs is counted.
    """
    for url in urls.values():
        assert Client().get(url).status_code == 200
    queries = {}
    for name, url in urls.items():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = Client().get(url)
        assert response.status_code == 200
        queries[name] = [q["sql"] for q in captured.captured_queries]
    cache.clear()
    return queries


def measure_twice():
    """Every page measured with a few of everything, then with more: 3 then
    9 listed stories, 3 then 5 related stories, 2 then 6 bylines, 2 then 8
    FAQs, 2 then 7 Editors' Picks, stories in 5 then all 9 sections."""
    story = make_article(
        "Glacier summit opens",
        "world",
        topic_name="Climate",
        authors=("Ada Lovelace", "Grace Hopper"),
        standfirst="The glacier question.",
        lead_image=make_image("summit", width=160, height=90),
        body=[
            ("paragraph", RichText("<p>Glacier talks begin.</p>")),
            ("subhead", "Why it matters"),
            ("quote", {"text": "Act now.", "attribution": "A delegate"}),
            ("image", {"image": make_image("ice", width=120, height=80)}),
        ],
        faqs=[("Q1?", "A1."), ("Q2?", "A2.")],
        age=timedelta(hours=1),
    )
    Author.objects.filter(name="Ada Lovelace").update(
        bio="Ada covers the climate.",
        photo=make_image("ada", width=80, height=80),
    )
    # Related stories take their costliest path in both measurements:
    # the topic does not fill the list, so the section tops it up.
    add_topic_mates(0, 2)
    few = add_stories(0, 3)  # one of them in World
    pick(*few[:2])
    urls = {name: page({"story": story}) for name, page in PAGES.items()}

    enrich_all()
    small = measure(urls)

    add_topic_mates(2, 2)
    many = add_stories(3, 6)  # three times as many
    for n in range(4):
        ArticleAuthor.objects.create(
            article=story, author=author(f"Co-author {n}"), sort_order=10 + n
        )
    for n in range(6):
        ArticleFAQ.objects.create(
            article=story, question=f"More {n}?", answer="Yes.", sort_order=10 + n
        )
    pick(*few, *many[:5])

    enrich_all()
    large = measure(urls)

    return {name: (small[name], large[name]) for name in PAGES}


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, measure_twice) as data:
        yield data


def shape(sql):
    """A query with its values blanked, to group the same query together."""
    sql = re.sub(r"\b\d+\b|'[^']*'|%s", "?", sql)
    return re.sub(r"IN \(\?(, \?)*\)", "IN (...)", sql)


def growth(small, large):
    """Which queries the bigger measurement ran more (or fewer) times."""
    before, after = Counter(map(shape, small)), Counter(map(shape, large))
    return "\n".join(
        [f"{n} more x {sql[:300]}" for sql, n in (after - before).items()]
        + [f"{n} fewer x {sql[:300]}" for sql, n in (before - after).items()]
    )


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_a_fixed_number_of_queries_however_much_it_lists(measured, page):
    small, large = measured[page]
    assert len(large) == len(small), growth(small, large)
    assert len(small) == PINNED[connection.vendor][page], "\n".join(small)
