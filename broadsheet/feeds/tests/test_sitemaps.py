"""sitemap.xml (an index of sitemaps of at most 50,000 addresses each), the
Google News sitemap and robots.txt, read as a crawler reads them and checked
against the sitemaps.org and Google XSDs."""

from datetime import timedelta

import pytest
from django.test.utils import override_settings
from django.utils.dateparse import parse_datetime

from broadsheet.feeds import sitemaps
from broadsheet.feeds.tests.crawler import (
    NS,
    assert_valid,
    index_schema,
    locations,
    news_sitemap_schema,
    sitemap_schema,
    xml,
)
from broadsheet.testing import author, make_article, section, shared_data, topic

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
HOUR = timedelta(hours=1)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        stories = {
            "fresh": make_article(
                "Fresh story",
                "world",
                topic_name="Climate",
                extra_topics=("Ice",),
                authors=("Ada Lovelace",),
                age=1 * HOUR,
            ),
            "yesterday": make_article(
                "Yesterday's story", "science", authors=("Grace Hopper",), age=30 * HOUR
            ),
            "old": make_article(
                "Three days old", "business", topic_name="Economy", age=72 * HOUR
            ),
        }
        # A topic and an author no published story carries yet.
        topic("Unused topic")
        author("Nobody Yet")
        yield stories


def index(client):
    document = xml(client.get("/sitemap.xml"))
    assert_valid(index_schema(), document)
    return document


def part(client, url):
    document = xml(client.get(url.removeprefix(SITE)))
    assert_valid(sitemap_schema(), document)
    return document


def news(client):
    document = xml(client.get("/sitemap-news.xml"))
    assert_valid(news_sitemap_schema(), document)
    return document


def everything(client):
    """Every address in every sitemap the index names."""
    return [
        loc for url in locations(index(client)) for loc in locations(part(client, url))
    ]


def test_index_names_a_valid_sitemap_for_each_kind_of_page(client, world):
    assert locations(index(client)) == [
        f"{SITE}/sitemap-sections.xml",
        f"{SITE}/sitemap-articles.xml",
        f"{SITE}/sitemap-topics.xml",
        f"{SITE}/sitemap-authors.xml",
    ]


def test_sitemaps_list_fronts_stories_topics_and_authors(client, world):
    listed = everything(client)
    expected = [
        "/",
        "/latest/",
        section("world").url,
        section("science").url,
        *(story.url for story in world.values()),
        "/topics/climate/",
        "/topics/ice/",
        "/topics/economy/",
        author("Ada Lovelace").get_absolute_url(),
        author("Grace Hopper").get_absolute_url(),
    ]
    for path in expected:
        assert f"{SITE}{path}" in listed
    assert len(listed) == len(set(listed))


def test_topics_and_authors_without_a_published_story_are_left_out(client, world):
    listed = everything(client)
    assert f"{SITE}/topics/unused-topic/" not in listed
    assert f"{SITE}{author('Nobody Yet').get_absolute_url()}" not in listed


def test_stories_carry_when_they_last_changed(client, world):
    document = part(client, f"{SITE}/sitemap-articles.xml")
    lastmods = {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in document.iterfind("sm:url", NS)
    }
    story = world["yesterday"]
    assert lastmods[f"{SITE}{story.url}"] == story.published_at.date().isoformat()
    newest = index(client).find("sm:sitemap[2]/sm:lastmod", NS).text
    assert parse_datetime(newest) == world["fresh"].last_published_at


def test_index_splits_a_sitemap_past_its_limit(client, world, monkeypatch):
    # sitemaps.org: at most 50,000 URLs per file; two here to see it split.
    assert sitemaps.ArticleSitemap.limit == 50_000
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    files = [url for url in locations(index(client)) if "articles" in url]
    assert files == [
        f"{SITE}/sitemap-articles.xml",
        f"{SITE}/sitemap-articles.xml?p=2",
    ]
    first, second = (locations(part(client, url)) for url in files)
    assert len(first) == 2 and len(second) == 1
    # Oldest first, so a story keeps its file as new ones arrive.
    assert second == [f"{SITE}{world['fresh'].url}"]
    assert client.get("/sitemap-articles.xml?p=3").status_code == 404


def test_unknown_sitemap_is_not_found(client, world):
    assert client.get("/sitemap-nothing.xml").status_code == 404


@override_settings(SITE_URL="https://news.example.org")
def test_sitemaps_name_site_url_whatever_host_asked(client, world):
    response = client.get("/sitemap.xml", HTTP_HOST="localhost")
    assert all(
        url.startswith("https://news.example.org/") for url in locations(xml(response))
    )
    for url in locations(xml(response)):
        path = url.removeprefix("https://news.example.org")
        listed = locations(xml(client.get(path, HTTP_HOST="localhost")))
        assert all(loc.startswith("https://news.example.org/") for loc in listed)


# --- Google News ----------------------------------------------------------------


def test_news_sitemap_holds_the_last_48_hours_newest_first(client, world):
    document = news(client)
    assert locations(document) == [
        f"{SITE}{world['fresh'].url}",
        f"{SITE}{world['yesterday'].url}",
    ]
    first = document.find("sm:url/news:news", NS)
    assert first.findtext("news:publication/news:name", namespaces=NS) == "Broadsheet"
    assert first.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert first.findtext("news:title", namespaces=NS) == "Fresh story"
    published = parse_datetime(first.findtext("news:publication_date", namespaces=NS))
    assert published == world["fresh"].published_at


def test_news_sitemap_ends_at_48_hours(client, world):
    inside = make_article("Nearly two days old", "world", age=47 * HOUR)
    outside = make_article("Just over two days old", "world", age=49 * HOUR)
    listed = locations(news(client))
    assert f"{SITE}{inside.url}" in listed
    assert f"{SITE}{outside.url}" not in listed


def test_news_sitemap_holds_at_most_its_limit(client, world, monkeypatch):
    # Google News: at most 1,000 URLs; three here, with four recent stories.
    assert sitemaps.NEWS_LIMIT == 1000
    assert timedelta(hours=48) == sitemaps.NEWS_WINDOW
    for n in range(2):
        make_article(f"Brief {n}", "sports", age=timedelta(minutes=n))
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 3)
    monkeypatch.setattr(sitemaps.NewsSitemap, "limit", 3)
    assert len(locations(news(client))) == 3


def test_news_language_is_the_iso_639_code_google_asks_for():
    from broadsheet.feeds.views import news_language

    assert news_language("en-us") == "en"
    assert news_language("pt-BR") == "pt"
    assert news_language("zh-tw") == "zh-tw"


# --- robots.txt -----------------------------------------------------------------


def test_robots_txt_names_both_sitemaps_and_keeps_crawlers_out_of_admin_and_search(
    client,
):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/sitemap-news.xml" in lines
