"""Ranked search: what a reader finds, and what never turns up."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from broadsheet.news.models import Author
from broadsheet.search.index import search_articles
from broadsheet.testing import make_article, parse, topic

pytestmark = pytest.mark.django_db


def result_titles(client, query, page=None):
    params = {"q": query} if page is None else {"q": query, "page": page}
    html = BeautifulSoup(client.get("/search/", params).content, "lxml")
    return [
        a.get_text(strip=True) for a in html.select(".story-list .teaser__headline a")
    ]


def body(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


@pytest.fixture
def archive():
    return {
        "rates": make_article(
            "Central bank raises interest rates to curb inflation",
            "business",
            standfirst="The quarter-point rise is the third this year.",
            body=body("Borrowing costs climb as the bank fights rising prices."),
        ),
        "storm": make_article(
            "Storm closes harbour as fishermen wait ashore",
            "us",
            body=body("Fishermen say the interest of the town is in safety first."),
        ),
        "match": make_article(
            "Underdogs win the cup final in extra time",
            "sports",
            topic_name="Cup Final",
            standfirst="A late header settles it.",
        ),
        "lagarde": make_article(
            "Finance ministers meet in Brussels",
            "world",
            authors=("Ingrid Solberg",),
            body=body("Talks ran late into the night."),
        ),
    }


@pytest.mark.parametrize(
    "query, expected",
    [
        ("interest rates", "rates"),
        ("inflation", "rates"),
        ("Interest", "rates"),  # headline beats a passing mention in a body
        ("fishermen harbour", "storm"),
        ("cup final", "match"),  # the topic's name
        ("Ingrid Solberg", "lagarde"),  # the author's name
        ("extra time header", "match"),
        ("raising rate", "rates"),  # stemming: raises/raising, rates/rate
    ],
)
def test_the_expected_story_ranks_first(client, archive, query, expected):
    titles = result_titles(client, query)
    assert titles and titles[0] == archive[expected].title


def test_when_no_story_has_every_word_any_word_matches(client, archive):
    assert result_titles(client, "harbour zeppelin")[0] == archive["storm"].title


def test_drafts_scheduled_unpublished_and_private_stories_are_never_found(client):
    from datetime import timedelta

    from django.utils import timezone

    make_article("Zebra crossing plan drafted", publish=False)
    make_article(
        "Zebra crossing plan scheduled",
        go_live_at=timezone.now() + timedelta(days=1),
    )
    gone = make_article("Zebra crossing plan withdrawn")
    gone.unpublish()
    private = make_article("Zebra crossing plan private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    make_article("Zebra crossing plan approved")
    assert result_titles(client, "zebra crossing") == ["Zebra crossing plan approved"]


def test_renaming_a_topic_reindexes_its_stories(client):
    story = make_article("Quiet day in parliament", topic_name="Budget Talks")
    renamed = topic("Budget Talks")
    renamed.name = "Spending Review"
    renamed.save()
    assert result_titles(client, "spending review") == [story.title]


def test_a_deleted_topic_or_author_no_longer_finds_their_stories(client):
    led = make_article("Quiet day in parliament", topic_name="Budget Talks")
    tagged = make_article(
        "Markets hold steady", authors=("Ada Byline",), extra_topics=("Budget Talks",)
    )
    assert sorted(result_titles(client, "budget talks")) == sorted(
        [led.title, tagged.title]
    )
    assert result_titles(client, "byline") == [tagged.title]

    topic("Budget Talks").delete()
    Author.objects.get(name="Ada Byline").delete()

    assert result_titles(client, "budget talks") == []
    assert result_titles(client, "byline") == []
    assert result_titles(client, "parliament") == [led.title]


@pytest.mark.parametrize(
    "query",
    ['"', "'", "AND OR NOT", "*", "NEAR(a b)", "a:b", "^x", "\\", "-", "(((", "%_"],
)
def test_query_syntax_never_breaks_search(client, archive, query):
    assert client.get("/search/", {"q": query}).status_code == 200


def test_results_paginate_in_rank_order(client):
    for n in range(25):
        make_article(f"Lighthouse keeper story number {n}")
    first = result_titles(client, "lighthouse")
    second = result_titles(client, "lighthouse", page=2)
    assert len(first) == 20 and len(second) == 5
    assert not set(first) & set(second)
    ids, total = search_articles("lighthouse", 0, 100)
    assert total == 25 and len(set(ids)) == 25


def test_result_pages_are_previous_and_next_not_newer_and_older(client):
    for n in range(25):
        make_article(f"Lighthouse keeper story number {n}")
    first = parse(client.get("/search/", {"q": "lighthouse"}))
    second = parse(client.get("/search/", {"q": "lighthouse", "page": 2}))
    assert first.select_one("nav.pagination a[rel=next]").get_text() == "Next →"
    assert second.select_one("nav.pagination a[rel=prev]").get_text() == "← Previous"
