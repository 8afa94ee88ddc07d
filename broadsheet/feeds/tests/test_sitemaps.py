"""sitemap.xml (an index of sitemaps of at most 50,000 addresses each), the
Google News sitemap and robots.txt, read as a crawler reads them and checked
against the sitemaps.org and Google XSDs."""

from datetime import timedelta
from urllib.robotparser import RobotFileParser

import pytest
from django.core.cache import cache
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from broadsheet.feeds import sitemaps
from broadsheet.feeds.tests.crawler import (
    NS,
    assert_valid,
    index_schema,
    locations,
    meta,
    news_sitemap_schema,
    page,
    urlset_schema,
    xml,
)
from broadsheet.news.models import ArticlePage
from broadsheet.testing import author, make_article, section, shared_data, topic

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
NEWS_SITEMAP = f"{SITE}/sitemap-news.xml"
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
    assert_valid(urlset_schema(document), document)
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


def published_ago(old, *stories):
    """Make `stories` `old`, as time passing would."""
    when = timezone.now() - old
    ArticlePage.objects.filter(pk__in=[story.pk for story in stories]).update(
        first_published_at=when, last_published_at=when, published_at=when
    )
    # Time passing publishes nothing, so no new cache generation starts;
    # cached sitemaps expire on their own, which a test cannot wait for.
    cache.clear()


def crawl(client):
    """What a crawler reads starting from robots.txt, by address: every
    sitemap named there or in an index, each served and checked against its
    schema."""
    robots = client.get("/robots.txt").content.decode().splitlines()
    todo = [
        line.removeprefix("Sitemap: ")
        for line in robots
        if line.startswith("Sitemap: ")
    ]
    read = {}
    while todo:
        url = todo.pop(0)
        document = xml(client.get(url.removeprefix(SITE)))
        if document.tag == f"{{{NS['sm']}}}sitemapindex":
            assert_valid(index_schema(), document)
            todo += locations(document)
        else:
            assert_valid(urlset_schema(document), document)
        read[url] = document
    return read


def test_index_names_a_valid_sitemap_for_each_kind_of_page(client, world):
    assert locations(index(client)) == [
        f"{SITE}/sitemap-sections.xml",
        f"{SITE}/sitemap-articles.xml",
        f"{SITE}/sitemap-topics.xml",
        f"{SITE}/sitemap-authors.xml",
    ]
    for url in locations(index(client)):
        part(client, url)


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


def news_markup(document):
    return document.findall(".//news:news", NS)


def test_news_sitemap_stays_valid_while_nothing_is_under_48_hours_old(client, world):
    published_ago(96 * HOUR, world["yesterday"])
    published_ago(72 * HOUR, world["fresh"])
    document = news(client)  # served with 200 and valid
    # As Google documents for older stories: listed without the news markup,
    # so Google News takes nothing from it.
    assert locations(document) == [f"{SITE}{world['fresh'].url}"]
    assert news_markup(document) == []


def test_news_sitemap_of_a_site_with_no_story_yet_is_valid(client, world):
    ArticlePage.objects.update(live=False)
    cache.clear()
    document = news(client)
    assert locations(document) == [f"{SITE}/"]
    assert news_markup(document) == []


def test_news_sitemap_is_back_with_the_next_story(client, world):
    published_ago(72 * HOUR, world["fresh"], world["yesterday"])
    news(client)
    story = make_article("Breaking news", "world", age=timedelta(minutes=1))
    document = news(client)
    assert locations(document) == [f"{SITE}{story.url}"]
    assert len(news_markup(document)) == 1


def test_a_crawler_finds_both_sitemaps_from_robots_txt(client, world):
    read = crawl(client)
    assert locations(read[NEWS_SITEMAP]) == [
        f"{SITE}{world['fresh'].url}",
        f"{SITE}{world['yesterday'].url}",
    ]
    assert f"{SITE}/sitemap.xml" in read


def test_a_crawler_meets_no_missing_or_invalid_sitemap_when_nothing_is_new(
    client, world
):
    published_ago(72 * HOUR, world["fresh"], world["yesterday"])
    read = crawl(client)  # each one served with 200 and valid
    assert news_markup(read[NEWS_SITEMAP]) == []
    listed = [loc for document in read.values() for loc in locations(document)]
    assert all(f"{SITE}{story.url}" in listed for story in world.values())


def test_news_language_is_the_iso_639_code_google_asks_for():
    from broadsheet.feeds.views import news_language

    assert news_language("en-us") == "en"
    assert news_language("pt-BR") == "pt"
    assert news_language("zh-tw") == "zh-tw"
    assert news_language("zh-Hant") == "zh-tw"
    assert news_language("zh-Hans-CN") == "zh-cn"
    assert news_language("zh") == "zh-cn"


# --- robots.txt -----------------------------------------------------------------


def test_robots_txt_names_both_sitemaps_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines == [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {SITE}/sitemap.xml",
        f"Sitemap: {NEWS_SITEMAP}",
    ]


def test_crawlers_may_fetch_search_results_and_so_see_their_noindex(client, world):
    # A page robots.txt blocks is never fetched, so its noindex is never
    # seen, and it can still be indexed from links to it.
    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())
    results = f"{SITE}/search/?q=climate"
    assert robots.can_fetch("Googlebot", results)
    assert not robots.can_fetch("Googlebot", f"{SITE}/admin/")
    assert meta(page(client.get(results.removeprefix(SITE))), "robots") == "noindex"
