"""JSON Feed 1.1 of the site, each section, topic and author, as a feed
reader reads it: served as application/feed+json, valid against the JSON
Feed schema, and the same stories with the same ids as the Atom feed, each
with its own bylines, picture, dates, topics and language."""

import json
from datetime import datetime, timedelta

import pytest
from django.test.utils import override_settings
from django.urls import reverse

from broadsheet import corpora
from broadsheet.feeds.tests.crawler import (
    json_feed,
    json_feed_problems,
    valid_atom,
)
from broadsheet.news.models import ArticlePage
from broadsheet.testing import author, make_article, make_image, section, shared_data
from broadsheet.testing import topic as get_topic

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)
LOCAL = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        science = section("science")
        science.intro = "Discoveries and the people behind them."
        science.save_revision().publish()
        fjord = make_article(
            "Fjorden fryser igjen",
            "world",
            extra_topics=("Climate",),
            authors=("Ada Lovelace",),
            standfirst="Isen er tilbake.",
            age=2 * HOUR,
        )
        ArticlePage.objects.filter(pk=fjord.pk).update(language="nb-NO")
        yield {
            "glacier": make_article(
                "Glacier retreat speeds up",
                "science",
                topic_name="Climate",
                extra_topics=("Ice", "Arctic"),
                authors=("Ada Lovelace", "Grace Hopper"),
                standfirst="Satellite data show <faster> melting & thinning.",
                lead_image=make_image("glacier", credit="Jane Doe/AP"),
                age=1 * HOUR,
            ),
            "fjord": fjord,
            "budget": make_article(
                "Budget passes", "politics", authors=(), standfirst="", age=3 * HOUR
            ),
        }


SCOPES = {
    "site": ("/feeds/json/", "/feeds/atom/"),
    "section": ("/feeds/sections/science/json/", "/feeds/sections/science/atom/"),
    "topic": ("/feeds/topics/climate/json/", "/feeds/topics/climate/atom/"),
    "author": (
        "/feeds/authors/ada-lovelace/json/",
        "/feeds/authors/ada-lovelace/atom/",
    ),
}


def test_urls_of_the_json_feeds_sit_beside_rss_and_atom():
    assert reverse("feeds:json") == "/feeds/json/"
    assert reverse("feeds:section-json", args=["world"]) == (
        "/feeds/sections/world/json/"
    )
    assert reverse("feeds:topic-json", args=["ice"]) == "/feeds/topics/ice/json/"
    assert reverse("feeds:author-json", args=["ada"]) == "/feeds/authors/ada/json/"


@pytest.mark.parametrize("scope", SCOPES)
def test_json_feed_lists_the_atom_feeds_stories_with_their_ids(client, world, scope):
    json_path, atom_path = SCOPES[scope]
    items = json_feed(client.get(json_path))["items"]
    entries = valid_atom(client.get(atom_path)).entries
    assert [(i["id"], i["title"]) for i in items] == [(e.id, e.title) for e in entries]
    assert items


def test_the_feed_says_what_it_is_and_where_it_lives(client, world):
    document = json_feed(client.get("/feeds/sections/science/json/"))
    assert document["title"] == "Science | Broadsheet"
    assert document["home_page_url"] == f"{LOCAL}{section('science').url}"
    assert document["feed_url"] == f"{LOCAL}/feeds/sections/science/json/"
    assert document["description"] == "Discoveries and the people behind them."
    assert document["language"] == "en-US"
    assert document["authors"] == [{"name": "Broadsheet", "url": f"{LOCAL}/"}]


def test_an_item_carries_the_storys_metadata(client, world):
    story = world["glacier"]
    item = json_feed(client.get("/feeds/json/"))["items"][0]
    assert item["url"] == f"{LOCAL}{story.url}"
    assert item["title"] == "Glacier retreat speeds up"
    # The same HTML as RSS and Atom: the standfirst, shown as typed.
    assert item["content_html"] == (
        "Satellite data show &lt;faster&gt; melting &amp; thinning."
    )
    assert item["summary"] == "Satellite data show <faster> melting & thinning."
    assert item["image"].startswith(f"{LOCAL}/media/images/")
    assert datetime.fromisoformat(item["date_published"]) == story.published_at
    assert datetime.fromisoformat(item["date_modified"]) == story.published_at
    assert item["authors"] == [
        {"name": "Ada Lovelace", "url": f"{LOCAL}/authors/ada-lovelace/"},
        {"name": "Grace Hopper", "url": f"{LOCAL}/authors/grace-hopper/"},
    ]
    assert item["tags"] == ["Climate", "Ice", "Arctic", "Science"]
    assert "language" not in item  # the feed's own


def test_a_story_in_another_language_says_so(client, world):
    items = {i["title"]: i for i in json_feed(client.get("/feeds/json/"))["items"]}
    assert items["Fjorden fryser igjen"]["language"] == "nb-NO"


def test_a_story_without_standfirst_or_byline_is_still_a_valid_item(client, world):
    items = {i["title"]: i for i in json_feed(client.get("/feeds/json/"))["items"]}
    budget = items["Budget passes"]
    assert budget["content_html"] == ""
    assert "summary" not in budget and "authors" not in budget and "image" not in budget


@override_settings(SITE_URL="https://news.example.org")
def test_every_address_is_on_site_url_whatever_the_host(client, world):
    response = client.get("/feeds/json/", HTTP_HOST="localhost")
    body = response.content.decode()
    assert "localhost" not in body and "127.0.0.1" not in body
    item = json_feed(response)["items"][0]
    assert item["url"].startswith("https://news.example.org/")
    assert item["id"].startswith("tag:news.example.org,")


def test_unknown_scope_is_not_found_and_an_empty_one_is_valid(client, world):
    get_topic("Quiet")  # named by no published story: as good as unknown
    for path in (
        "/feeds/sections/nowhere/json/",
        "/feeds/topics/nothing/json/",
        "/feeds/topics/quiet/json/",
        "/feeds/authors/nobody/json/",
    ):
        assert client.get(path).status_code == 404
    # A section is always there, with or without stories.
    assert json_feed(client.get("/feeds/sections/health/json/"))["items"] == []
    assert author("Ada Lovelace")  # her feed above is not empty


# --- the checker itself, on the specification's examples --------------------


def examples(prefix):
    folder = corpora.KEPT.path("feeds/jsonfeed-examples")
    return sorted(folder.glob(f"{prefix}*.json"))


def test_the_checker_passes_the_specifications_own_examples():
    for path in examples("spec-v1.1-"):
        assert json_feed_problems(json.loads(path.read_text())) == [], path.name


@pytest.mark.parametrize(
    "name, problem",
    [
        ("validator-invalid-schema.json", "items/0: 'id' is a required property"),
        ("validator-invalid-id-unique.json", "items: id '1' used twice"),
        ("validator-invalid-next-url.json", "next_url: the feed's own address"),
    ],
)
def test_the_checker_finds_what_is_wrong_with_an_invalid_feed(name, problem):
    path = corpora.KEPT.path(f"feeds/jsonfeed-examples/{name}")
    assert json_feed_problems(json.loads(path.read_text())) == [problem]
