"""Reading RSS, RDF, Atom and JSON Feed entries into WireStories, and the
XML attacks a feed can carry (entity expansion, external entities)."""

import contextlib
import resource
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from broadsheet.wire.parsers import feeds
from broadsheet.wire.parsers.base import Refused
from broadsheet.wire.tests.conftest import FEED_FIXTURES

OWN = FEED_FIXTURES / "broadsheet"
BASE = "https://feeds.example/feed"


def read(name, url=BASE):
    return feeds.read((OWN / name).read_bytes(), url, name=name)


def stories(name, url=BASE):
    found = []
    for document in read(name, url).documents:
        with contextlib.suppress(Refused):
            found.append(feeds.parse(document))
    return found


def test_an_rss_item_gives_every_field_an_article_shows():
    ferries, wall, lifeboat = stories("rss20-news.xml")

    assert ferries.headline == "Ferries sail again after three-day storm"
    assert ferries.standfirst == "Harbour reopens as winds drop."
    assert ferries.body_html == (
        "<p>The first ferry left at dawn on Tuesday, the harbour master said.</p>"
        "<h2>Queues at the quay</h2><p>Cars waited two hours for a place.</p>"
    )
    assert ferries.authors == ("Ada Reporter",)
    assert ferries.topics == ("Shipping", "Weather")
    assert ferries.language == "en-GB"
    assert ferries.link == "https://harbour-gazette.example/2026/ferries-sail-again"
    assert ferries.image_url == "https://harbour-gazette.example/img/ferry.jpg"
    assert ferries.first_created == datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    assert ferries.source_format == "RSS 2.0"
    # A guid that is not a URI is only unique in its feed.
    assert ferries.uri == f"{BASE}#4711"
    assert wall.uri == "https://harbour-gazette.example/2026/sea-wall"
    assert wall.authors == ("Ben Editor", "Cara Writer")
    assert lifeboat.image_url == "https://harbour-gazette.example/img/crew.png"


def test_atom_entries_keep_their_language_and_take_the_first_words_as_needed():
    norwegian, english = stories("atom10-news.xml")

    assert norwegian.headline == "Ferja går igjen i dag"  # type="html", stripped
    assert norwegian.language == "nb-NO" and english.language == "en"
    assert norwegian.uri == "tag:fjordposten.example,2026:1001"
    assert norwegian.topics == ("Samferdsel",)
    assert norwegian.authors == ("Trond Husø",)
    assert norwegian.version_created == datetime(2026, 12, 1, 8, 15, tzinfo=UTC)
    assert english.body_html == (
        "<p>The storm is over; the first sailing left at seven.</p>"
    )
    (mill,) = stories("atom03.xml")
    assert mill.source_format == "Atom 0.3" and mill.authors == ("Fay Miller",)


def test_rss_0_91_and_rdf_feeds_are_read():
    bridge, market = stories("rss091.xml")
    assert (bridge.language, bridge.uri) == (
        "de",
        "https://valley-courier.example/bruecke",
    )
    ferry, roof = stories("rss10-rdf.rdf")
    assert ferry.source_format == "RSS 1.0"
    assert (ferry.topics, ferry.authors) == (("Transport",), ("Dee Islander",))


def test_json_feed_items_1_0_and_1_1():
    cranes, tides = stories("jsonfeed-1.1-news.json")
    assert cranes.standfirst == "The port spends 12 million on lifting gear."
    assert cranes.authors == ("Gil Docker",) and tides.authors == ("Quay Daily staff",)
    assert (cranes.language, tides.language) == ("en-US", "en-GB")
    assert tides.body_html == (
        "<p>The harbour office warns boat owners.</p>"
        "<p>Moorings should be checked on Friday.</p>"
    )
    assert tides.uri == f"{BASE}#quay-2"
    assert cranes.source_format == "JSON Feed 1.1"

    lamp, visitors, untitled = stories("jsonfeed-1.0-news.json")
    assert lamp.uri == f"{BASE}#1"  # a number, as 1.0 allows
    assert lamp.authors == ("Hal Keeper",) and visitors.topics == ("Events",)
    assert untitled.headline == "No title: the first words stand in for one."


def test_entries_without_ids_are_known_by_link_or_words_and_empty_ones_refused():
    documents = read("jsonfeed-no-ids.json").documents
    by_url, by_words = (feeds.parse(d) for d in documents[:2])

    assert by_url.uri == "https://no-ids.example/a"
    assert by_words.uri.startswith(f"{BASE}#") and len(by_words.uri) == len(BASE) + 33
    assert by_words.uri == feeds.parse(documents[1]).uri  # the same every time
    with pytest.raises(Refused, match="neither a headline nor a body"):
        feeds.parse(documents[2])


def test_markup_and_hostile_links_never_reach_plain_text_fields():
    (rss,) = stories("rss20-hostile.xml")
    (json_feed,) = stories("jsonfeed-hostile.json")

    for story in (rss, json_feed):
        assert story.authors == ("Evil Byline",)
        assert story.topics == ("Harbours",)
        assert story.link == "" and story.image_url == ""
        assert "<" not in story.headline and "alert" not in story.headline
        for bad in ("script", "onclick", "onerror", "javascript", "iframe", "style"):
            assert bad not in story.body_html


@pytest.mark.parametrize(
    "name, problem",
    [
        ("not-a-feed.html", "an HTML page, not a feed"),
        ("jsonfeed-truncated.json", "not JSON: Unterminated string"),
        ("jsonfeed-items-not-a-list.json", "a JSON Feed without an items list"),
        ("jsonfeed-not-jsonfeed.json", "not a JSON Feed"),
    ],
)
def test_what_is_not_a_feed_says_so_in_one_line(name, problem):
    feed = read(name)
    assert feed.problem.startswith(problem) and "\n" not in feed.problem
    assert feed.documents == []


@pytest.mark.parametrize(
    "name, kind",
    [
        ("rss20-news.xml", "rss"),
        ("atom10-news.xml", "atom"),
        ("atom03.xml", "atom"),
        ("jsonfeed-1.0-news.json", "jsonfeed"),
        ("ninjs-array.json", "ninjs"),
        ("ninjs-lines.jsonl", "ninjs"),
        ("not-a-feed.html", ""),
    ],
)
def test_the_kind_is_told_from_the_document(name, kind):
    assert feeds.detect_kind((OWN / name).read_bytes()) == kind


# XML attacks: feedparser is given bytes, keeps no entity that refers to other
# entities or to anything outside the document, and never fetches.


def test_billion_laughs_does_not_expand():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()

    feed = read("billion-laughs.xml")
    (story,) = (feeds.parse(d) for d in feed.documents)

    assert time.monotonic() - started < 2
    # Expanded, &g; would be 10**8 "a"s (100 MB): the peak does not move.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000
    assert "aaaaaaaaaa" not in story.headline + story.body_html
    assert feed.problem.startswith("not well-formed XML")


def test_an_external_entity_is_never_read():
    secret = Path("/etc/hostname").read_text().strip()

    feed = read("xxe-file.xml")
    (story,) = (feeds.parse(d) for d in feed.documents)

    texts = story.headline + story.body_html + story.standfirst
    assert secret not in texts if secret else "&secret" in texts
    assert feed.problem.startswith("not well-formed XML")


def test_external_dtds_and_parameter_entities_are_never_fetched(feed_server):
    dtd = feed_server.url("/evil.dtd")
    entity = feed_server.url("/entity.txt")
    feed_server.add("/evil.dtd", b'<!ENTITY leak SYSTEM "file:///etc/hostname">')
    feed_server.add("/entity.txt", b"fetched")
    documents = [
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd}"><rss version="2.0">'
        "<channel><item><title>Hi &leak;</title></item></channel></rss>",
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "{dtd}"> %p;]>'
        '<rss version="2.0"><channel><item><title>Hi</title></item></channel></rss>',
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e SYSTEM "{entity}">]>'
        '<rss version="2.0"><channel><item><title>&e;</title></item></channel></rss>',
    ]

    for document in documents:
        for parsed in feeds.read(document.encode(), BASE).documents:
            with contextlib.suppress(Refused):  # an entity that was dropped
                assert "fetched" not in feeds.parse(parsed).headline

    assert feed_server.requests == []
