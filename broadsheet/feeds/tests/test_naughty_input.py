"""Headlines and standfirsts from the Big List of Naughty Strings (right-to-
left text, emoji, control characters, script tags, SQL, Zalgo...) still
make well-formed, valid feeds (RSS, Atom, JSON Feed) and sitemaps and
parseable JSON-LD, and each says what the editor wrote (less the characters
XML 1.0 cannot hold)."""

import re

import pytest

from broadsheet import corpora
from broadsheet.feeds.feeds import FEED_LENGTH
from broadsheet.feeds.tests.crawler import (
    NS,
    assert_valid,
    atom_schema,
    feed,
    json_feed,
    jsonld,
    locations,
    meta,
    news_sitemap_schema,
    of_type,
    page,
    urlset_schema,
    vocabulary,
    xml,
)
from broadsheet.feeds.text import one_line
from broadsheet.testing import make_article, shared_data

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
PER_SECTION = 2  # first and last string of each of the list's ~30 sections
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TITLE_LENGTH = 255  # Wagtail's page title


def naughty_strings():
    """About fifty strings: the first and last of each section of blns.txt,
    and every one with control characters."""
    sections, current, previous = {}, None, ""
    # The repository keeps the whole list.
    for line in corpora.KEPT.path("blns/blns.txt").read_text("utf-8").split("\n"):
        if line.startswith("#\t") and previous == "":
            current = line[2:]
        elif line and not line.startswith("#"):
            sections.setdefault(current, []).append(line)
        previous = line
    chosen = []
    for strings in sections.values():
        chosen += [strings[0], strings[-1]][:PER_SECTION]
        chosen += [s for s in strings if CONTROL.search(s)]
    return list(dict.fromkeys(s[:TITLE_LENGTH] for s in chosen))


@pytest.fixture(scope="module")
def stories(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        yield [
            make_article(
                text,
                "world",
                slug=f"naughty-{n}",
                standfirst=text,
                faqs=[(text[:300], text)],
                body=[],
            )
            for n, text in enumerate(naughty_strings())
        ]


def test_the_sample_has_the_strings_that_break_things(stories):
    texts = [story.title for story in stories]
    assert 40 <= len(texts) <= 80
    assert any(CONTROL.search(t) for t in texts)
    assert any("<script>" in t for t in texts)
    assert any(re.search("[\u0590-\u06ff]", t) for t in texts)  # Hebrew, Arabic
    assert any(re.search("[\U0001f300-\U0001faff]", t) for t in texts)  # emoji


def test_feeds_are_well_formed_and_say_what_was_written(client, stories):
    newest = [one_line(story.title) for story in reversed(stories)][:FEED_LENGTH]
    rss = client.get("/feeds/rss/")
    feed(rss)
    items = xml(rss).iterfind("channel/item")
    assert [item.findtext("title") for item in items] == newest
    atom = client.get("/feeds/atom/")
    feed(atom)
    document = xml(atom)
    assert_valid(atom_schema(), document)
    entries = document.iterfind("atom:entry", NS)
    assert [e.findtext("atom:title", namespaces=NS) for e in entries] == newest
    items = json_feed(client.get("/feeds/json/"))["items"]
    assert [item["title"] for item in items] == newest


def test_sitemaps_are_valid(client, stories):
    for url in locations(xml(client.get("/sitemap.xml"))):
        document = xml(client.get(url.removeprefix(SITE)))
        assert_valid(urlset_schema(document), document)
    news = xml(client.get("/sitemap-news.xml"))
    assert_valid(news_sitemap_schema(), news)
    titles = [t.text or "" for t in news.iterfind(".//news:title", NS)]
    assert titles == [one_line(story.title) for story in reversed(stories)]


def test_story_pages_carry_parseable_json_ld_and_head_tags(client, stories):
    for story in stories:
        soup = page(client.get(story.url))
        article = of_type(jsonld(soup), "NewsArticle")
        assert article["headline"] == one_line(story.title)
        assert vocabulary().problems(article) == []
        faq = of_type(jsonld(soup), "FAQPage")
        assert faq["mainEntity"][0]["acceptedAnswer"]["text"] == one_line(story.title)
        assert meta(soup, "og:title") == one_line(story.title)
