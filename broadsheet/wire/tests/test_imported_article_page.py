"""A story imported with --publish, as a reader finds it: on its page with
every element, and in its section, topic, author, latest and search pages."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from broadsheet.news.models import ArticlePage
from broadsheet.testing import read, words
from broadsheet.wire.tests.conftest import import_ninjs, ninjs_item, write

pytestmark = pytest.mark.django_db

HOSTILE_BODY = (
    "<p>The harbour reopened on <b>Friday</b>.<script>alert('x')</script></p>"
    '<img src="https://agency.example/p.jpg" onerror="alert(1)">'
    '<p onmouseover="alert(2)">Read <a href="javascript:alert(3)">this</a> and '
    '<a href="https://port.example/notice" onclick="alert(4)">the notice</a>.</p>'
    "<h2>Fishermen return</h2><blockquote>We lost three days.</blockquote>"
)


def text(element):
    """Text as read, inline tags and all: "on <b>Friday</b>." is "on Friday."."""
    return " ".join(element.get_text().split())


@pytest.fixture
def story(tmp_path):
    item = ninjs_item(
        by="Ada Reporter",
        bodies=[{"role": "html", "contentType": "text/html", "value": HOSTILE_BODY}],
    )
    run = import_ninjs(write(tmp_path, "item.json", item), publish=True)
    assert run.summary.startswith("1 imported")
    return ArticlePage.objects.get(wire_item__uri="urn:test:1")


def test_the_page_shows_every_element(story):
    page = read(Client().get(story.url))
    assert story.url == f"/us/{story.slug}/"
    assert words(page.h1) == "Harbour reopens after storm"
    assert words(page.select_one(".story__standfirst")) == (
        "Ferries sail again after three days."
    )
    byline = page.select_one(".byline a[rel=author]")
    assert words(byline) == "Ada Reporter"
    assert read(Client().get(byline["href"])).h1 is not None
    label = page.select_one(".story__labels .label")
    assert words(label) == "Shipping"
    assert page.select_one("time.published")["datetime"].startswith(
        "2024-03-01T08:00:00"
    )
    body = page.select_one(".story__body")
    assert [text(p) for p in body.find_all("p", recursive=False)] == [
        "The harbour reopened on Friday.",
        "Read this and the notice.",
    ]
    assert words(body.select_one("h2.subhead")) == "Fishermen return"
    assert words(body.select_one("blockquote")) == "We lost three days."


def test_nothing_hostile_reaches_the_page(story):
    html = Client().get(story.url).content.decode()
    body = read(Client().get(story.url)).select_one(".story__body")
    assert "alert(" not in html
    assert body.find("script") is None and body.find("img") is None
    assert not [
        tag for tag in body.find_all(True) for a in tag.attrs if a.startswith("on")
    ]
    links = body.find_all("a")
    assert [(a.get("href"), a.get("rel")) for a in links] == [
        ("https://port.example/notice", ["noopener", "nofollow"])
    ]


def test_readers_find_it_everywhere_stories_are_listed(story):
    client = Client()
    for url in ["/us/", "/latest/", story.topic.get_absolute_url(),
                story.authors[0].get_absolute_url()]:  # fmt: skip
        assert "Harbour reopens after storm" in words(read(client.get(url))), url
    results = read(client.get("/search/", {"q": "fishermen harbour"}))
    assert "Harbour reopens after storm" in words(results.select_one(".story-list"))


def test_a_story_in_another_language_says_so_everywhere(tmp_path):
    sent = (timezone.now() - timedelta(hours=1)).replace(microsecond=0).isoformat()
    item = ninjs_item(language="nb-no", firstCreated=sent, versionCreated=sent)
    import_ninjs(write(tmp_path, "item.json", item), publish=True)
    story = ArticlePage.objects.get(wire_item__uri="urn:test:1")
    page = read(Client().get(story.url))

    assert page.html["lang"] == "nb-NO"
    assert page.find("meta", property="og:locale")["content"] == "nb_NO"
    scripts = page.select("script[type='application/ld+json']")
    found = [json.loads(script.string) for script in scripts]
    (article,) = [data for data in found if data.get("@type") == "NewsArticle"]
    assert article["inLanguage"] == "nb-NO"
    # The site's own pages keep the site's language.
    front = read(Client().get("/"))
    assert front.html["lang"] == "en-US"
    sitemap = Client().get("/sitemap-news.xml").content.decode()
    assert "<news:language>nb</news:language>" in sitemap


def test_a_language_that_is_no_tag_leaves_the_site_s(tmp_path):
    item = ninjs_item(language="Norwegian")
    run = import_ninjs(write(tmp_path, "item.json", item), publish=True)
    assert run.summary.startswith("1 imported")
    story = ArticlePage.objects.get(wire_item__uri="urn:test:1")
    assert read(Client().get(story.url)).html["lang"] == "en-US"
