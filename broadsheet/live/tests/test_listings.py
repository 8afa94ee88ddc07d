"""A live blog is listed wherever stories are, at its own address: its
section's front, Latest News, the home page, its topic and author pages, the
feeds, the sitemap and the Google News sitemap; a draft live blog nowhere.
And a new entry freshens those listings' cached copies."""

import json

import pytest
from django.test import Client

from broadsheet.feeds.tests.crawler import NS, locations, xml
from broadsheet.live.tests.builders import make_live_blog, post_entry
from broadsheet.testing import author, make_article, read, section, topic

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


@pytest.fixture
def blogs():
    make_article("An ordinary story", "politics", topic_name="Elections")
    published = make_live_blog(
        "Election night live", topic_name="Elections", authors=("Ada Lovelace",)
    )
    draft = make_live_blog("Draft live blog", publish=False)
    return published, draft


def links(html):
    return {a["href"] for a in html.select("main a[href]")}


@pytest.mark.parametrize(
    "where",
    ["section", "latest", "home", "topic", "author"],
)
def test_reader_listings_link_to_the_live_blog(client, blogs, where):
    blog, draft = blogs
    url = {
        "section": section("politics").url,
        "latest": "/latest/",
        "home": "/",
        "topic": topic("Elections").get_absolute_url(),
        "author": author("Ada Lovelace").get_absolute_url(),
    }[where]
    html = read(client.get(url))
    assert blog.url in links(html)
    assert draft.url not in {a["href"] for a in html.select("a[href]")}
    assert client.get(blog.url).status_code == 200


@pytest.mark.parametrize("feed", ["/feeds/rss/", "/feeds/sections/politics/atom/"])
def test_feeds_carry_the_live_blog(client, blogs, feed):
    blog, draft = blogs
    content = client.get(feed).content.decode()
    assert f"{SITE}{blog.url}" in content
    assert draft.url not in content


def test_json_feed_carries_the_live_blog(client, blogs):
    blog, _ = blogs
    items = json.loads(client.get("/feeds/json/").content)["items"]
    assert f"{SITE}{blog.url}" in [item["url"] for item in items]


def test_sitemaps_list_the_live_blog(client, blogs):
    blog, draft = blogs
    articles = locations(xml(client.get("/sitemap-articles.xml")))
    assert f"{SITE}{blog.url}" in articles
    assert f"{SITE}{draft.url}" not in articles
    news = xml(client.get("/sitemap-news.xml"))
    assert f"{SITE}{blog.url}" in locations(news)
    titles = [t.text for t in news.iterfind(".//news:title", NS)]
    assert "Election night live" in titles


def test_a_new_entry_freshens_cached_listings_and_the_page(blogs):
    blog, _ = blogs
    reader = Client()
    for url in (blog.url, "/latest/", section("politics").url):
        reader.get(url)
        assert reader.get(url)["X-Cache"] == "hit"

    entry = post_entry(blog, "Fresh news.")

    for url in (blog.url, "/latest/", section("politics").url):
        assert reader.get(url)["X-Cache"] == "miss", url
    assert f"entry-{entry.pk}" in reader.get(blog.url).content.decode()
