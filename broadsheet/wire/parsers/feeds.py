"""RSS 0.9x/1.0 (RDF)/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1: entries to
WireStories.

XML feeds are read by feedparser (measured against fastfeedparser and
feedparser-rs on the shared corpus: the slowest, but the only one that meets
its own test suite and recovers ill-formed feeds; docs/benchmarks.md), given
the bytes, never a URL or a path, so it fetches nothing: transport is
broadsheet.wire.sources.http's. feedparser drops DOCTYPE entity declarations
that reference other entities or outside resources before parsing and turns
off external entities, so neither "billion laughs" nor XXE gets through
(test_feed_safety). Its own HTML sanitiser is off: every piece of HTML goes
through ours (broadsheet.wire.html), as ninjs bodies do.

A feed's entries have no uri of their own as ninjs items do: an entry's id
(RSS guid, Atom id, JSON Feed id) is used when it is an absolute URI, else
qualified by the feed's URL; failing an id, its link; failing both, its
words.
"""

import calendar
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser
from django.utils.dateparse import parse_datetime
from django.utils.encoding import iri_to_uri

from broadsheet.core.languages import language_tag
from broadsheet.wire.html import looks_like_html, sanitise, text_of, text_to_html
from broadsheet.wire.parsers.base import (
    Document,
    Refused,
    WireStory,
    content_key,
    split_byline,
    unique,
    without_nul,
)

HEADLINE_LIMIT = 255  # Page.title
TOPIC_LIMIT = 100  # Topic.name
URI_LIMIT = 1000  # WireItem.uri
URL_LIMIT = 2000  # WireItem.link, WireItem.image_url
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
HTTP_URL = re.compile(r"^https?://", re.IGNORECASE)
JSONFEED_VERSION = re.compile(r"^https?://jsonfeed\.org/version/1(\.\d+)?/?$")
# feedparser's names for what it read, as editors would say them.
VERSIONS = {
    "rss090": "RSS 0.90", "rss091n": "RSS 0.91", "rss091u": "RSS 0.91",
    "rss092": "RSS 0.92", "rss093": "RSS 0.93", "rss094": "RSS 0.94",
    "rss20": "RSS 2.0", "rss10": "RSS 1.0", "rss": "RSS",
    "atom01": "Atom 0.1", "atom02": "Atom 0.2", "atom03": "Atom 0.3",
    "atom10": "Atom 1.0", "atom": "Atom", "cdf": "CDF",
}  # fmt: skip
PLAIN = ("text/plain", "text")
XML_TYPE = "application/xml"
HTML_PAGE = re.compile(rb"<(!doctype\s+)?html[\s>]", re.IGNORECASE)


@dataclass
class Feed:
    """What a feed document holds: its entries as documents, its format,
    and, for a feed that is not well formed, why, in one line (entries a
    lenient reading recovered from it are kept all the same)."""

    documents: list[Document] = field(default_factory=list)
    format: str = ""
    problem: str = ""


# Reading a whole feed


def read(data: bytes, url: str, content_type: str = "", name: str = "") -> Feed:
    """The entries of an RSS, Atom or JSON Feed document fetched from `url`,
    as documents named `name#index` (`name`: the URL unless given)."""
    name = name or url
    if looks_like_json(data):
        return read_json_feed(data, url, name)
    return read_xml_feed(data, url, content_type, name)


def looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def read_xml_feed(data: bytes, url: str, content_type: str, name: str) -> Feed:
    # No Content-Type: the document's own XML declaration says its encoding.
    headers = {"content-location": url, "content-type": content_type or XML_TYPE}
    # A stream, not bytes: feedparser opens a str or bytes it is given as a
    # file name when it can, and fetches it when it looks like a URL.
    parsed = feedparser.parse(
        io.BytesIO(data), response_headers=headers, sanitize_html=False
    )
    version = parsed.get("version", "")
    problem = ""
    if parsed.get("bozo"):
        problem = describe(parsed.get("bozo_exception"))
    if not version and not parsed.entries:
        if HTML_PAGE.search(data[:2048]):
            problem = "an HTML page, not a feed"
        return Feed(format="", problem=problem)
    context = {
        "base": url,
        "format": VERSIONS.get(version, version or "feed"),
        "language": parsed.feed.get("language", ""),
    }
    documents = [
        Document(f"{name}#{index}", {"entry": entry, **context})
        for index, entry in enumerate(parsed.entries)
    ]
    return Feed(documents, context["format"], problem)


def describe(error) -> str:
    """feedparser's reason for calling a feed ill-formed, in one line."""
    if error is None:
        return "not well-formed"
    line = getattr(error, "getLineNumber", lambda: None)()
    message = getattr(error, "getMessage", lambda: str(error))()
    where = f" (line {line})" if line else ""
    return f"not well-formed XML: {' '.join(str(message).split())}{where}"


def read_json_feed(data: bytes, url: str, name: str) -> Feed:
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        return Feed(problem=f"not UTF-8 text: {error.reason}")
    except (ValueError, RecursionError) as error:
        return Feed(problem=f"not JSON: {' '.join(str(error).split())}")
    if not isinstance(feed, dict) or not JSONFEED_VERSION.match(
        str(feed.get("version", ""))
    ):
        return Feed(problem="not a JSON Feed: no https://jsonfeed.org/version/1.x")
    items = feed.get("items")
    if not isinstance(items, list):
        return Feed(format="JSON Feed", problem="a JSON Feed without an items list")
    version = str(feed["version"]).rstrip("/").rsplit("/", 1)[-1]
    context = {
        "base": url,
        "format": f"JSON Feed {version}",
        "language": feed.get("language", ""),
        "authors": feed_authors(feed),
    }
    documents = [
        Document(f"{name}#{index}", {"item": item, **context})
        if isinstance(item, dict)
        else Document(f"{name}#{index}", error="a JSON Feed item must be an object")
        for index, item in enumerate(items)
    ]
    return Feed(documents, context["format"])


def detect_kind(data: bytes) -> str:
    """ "rss", "atom", "jsonfeed" or "ninjs", read from a document; "" when it
    is none of them."""
    if looks_like_json(data):
        try:
            value = json.loads(data.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            first = data.lstrip().split(b"\n", 1)[0]
            return "ninjs" if looks_like_json(first) else ""  # JSON Lines
        if isinstance(value, dict) and "jsonfeed.org" in str(value.get("version")):
            return "jsonfeed"
        return "ninjs"
    version = feedparser.parse(io.BytesIO(data), sanitize_html=False).get("version")
    if not version:
        return ""
    return "atom" if version.startswith("atom") else "rss"


# One entry


def parse(document: Document) -> WireStory:
    """The WireStory in one entry of a feed read by read()."""
    if document.error:
        raise Refused(document.error)
    if "item" in document.data:
        return parse_json_item(document.data)
    return parse_entry(document.data)


def parse_entry(context: dict) -> WireStory:
    entry = context["entry"]
    body, summary = entry_body(entry)
    headline = first_words(text_of(string(entry.get("title"))), body, summary)
    link = http_url(entry.get("link"))
    language = entry_language(entry) or context["language"]
    return story(
        uri=entry_uri(string(entry.get("id")), link, context["base"], headline, body),
        headline=headline,
        body_html=body,
        standfirst=summary,
        authors=unique(
            name
            for author in entry.get("authors") or []
            for name in split_byline(text_of(string(author.get("name"))))
        )
        or split_byline(text_of(string(entry.get("author")))),
        topics=topics(tag.get("label") or tag.get("term") for tag in tags(entry)),
        # dict.get: feedparser's own get() stands published in for a missing
        # updated (with a warning); a missing date is missing here.
        first_created=struct_date(dict.get(entry, "published_parsed")),
        version_created=struct_date(dict.get(entry, "updated_parsed")),
        language=language_tag(string(language)),
        link=link,
        image_url=entry_image(entry),
        source_format=context["format"],
        fingerprint=fingerprint(entry),
    )


def entry_body(entry) -> tuple[str, str]:
    """(body HTML, standfirst): the full content when the entry has one, its
    summary then standing first; else the summary (an RSS description) is
    the body."""
    contents = [c for c in entry.get("content") or [] if string(c.get("value"))]
    html_first = sorted(contents, key=lambda c: c.get("type") in PLAIN)
    summary = entry.get("summary_detail") or {}
    if html_first:
        body = as_html(html_first[0].get("value"), html_first[0].get("type"))
        standfirst = text_of(as_html(summary.get("value", ""), summary.get("type")))
        return body, "" if standfirst and standfirst in text_of(body) else standfirst
    return as_html(summary.get("value", ""), summary.get("type")), ""


def as_html(value, kind=None) -> str:
    """Sanitised HTML of a text construct, plain text made into paragraphs."""
    value = string(value)
    if not value:
        return ""
    if kind in PLAIN and not looks_like_html(value):
        return text_to_html(value)
    return sanitise(value)


def entry_language(entry) -> str:
    for detail in (entry.get("title_detail"), *(entry.get("content") or [])):
        if detail and detail.get("language"):
            return detail["language"]
    return ""


def entry_image(entry) -> str:
    """A picture the entry offers: Media RSS content or thumbnail, or an
    image enclosure."""
    candidates = [
        *(m.get("url") for m in entry.get("media_content") or [] if is_image(m)),
        *(m.get("url") for m in entry.get("media_thumbnail") or []),
        *(
            link.get("href")
            for link in entry.get("links") or []
            if link.get("rel") == "enclosure" and is_image(link)
        ),
    ]
    return next((url for url in map(http_url, candidates) if url), "")


def is_image(media) -> bool:
    kind = string(media.get("type") or media.get("medium"))
    return kind.startswith("image") or (not kind and "url" in media)


def tags(entry) -> list:
    return [tag for tag in entry.get("tags") or [] if isinstance(tag, dict)]


# JSON Feed items


def feed_authors(feed: dict) -> tuple[str, ...]:
    """1.1 `authors`, 1.0 `author`: names only."""
    found = feed.get("authors")
    if not isinstance(found, list):
        found = [feed.get("author")]
    return unique(
        name
        for author in found
        if isinstance(author, dict)
        for name in split_byline(text_of(string(author.get("name"))))
    )


def parse_json_item(context: dict) -> WireStory:
    item = context["item"]
    html_body = string(item.get("content_html"))
    body = (
        sanitise(html_body) if html_body else as_html(item.get("content_text"), "text")
    )
    summary = text_of(string(item.get("summary")))
    if not body and summary:
        body, summary = text_to_html(summary), ""
    headline = first_words(text_of(string(item.get("title"))), body, summary)
    link = http_url(item.get("url"))
    item_id = item.get("id")
    # 1.0 allows numbers as ids ("should be strings"): the same id either way.
    item_id = str(item_id) if isinstance(item_id, int | float | str) else ""
    return story(
        uri=entry_uri(item_id.strip(), link, context["base"], headline, body),
        headline=headline,
        body_html=body,
        standfirst=summary,
        authors=feed_authors(item) or context["authors"],
        topics=topics(item.get("tags") if isinstance(item.get("tags"), list) else []),
        first_created=iso_date(item.get("date_published")),
        version_created=iso_date(item.get("date_modified")),
        language=language_tag(string(item.get("language") or context["language"])),
        link=link,
        image_url=http_url(item.get("image")) or http_url(item.get("banner_image")),
        source_format=context["format"],
        fingerprint=fingerprint(item),
    )


# Shared by both


def story(**fields) -> WireStory:
    if not fields["headline"]:
        raise Refused("has neither a headline nor a body: nothing to publish")
    return WireStory(**fields)


def first_words(headline: str, body: str, summary: str) -> str:
    """The headline; failing that the body's or summary's first words."""
    return (headline or text_of(body) or summary)[:HEADLINE_LIMIT]


def entry_uri(entry_id: str, link: str, base: str, headline: str, body: str) -> str:
    """The entry's id if it is an absolute URI (a URL, a tag: or urn:), else
    qualified by the feed's URL (a guid "1234" is only unique in its feed);
    failing an id, its link; failing both, its words."""
    if entry_id and SCHEME.match(entry_id):
        uri = entry_id
    elif entry_id:
        uri = f"{base}#{entry_id}"
    elif link:
        uri = link
    else:
        uri = f"{base}#{content_key(headline, text_of(body))[:32]}"
    if len(uri) > URI_LIMIT:
        return f"{base[: URI_LIMIT - 80]}#{hashlib.sha256(uri.encode()).hexdigest()}"
    return uri


def topics(names) -> tuple[str, ...]:
    return unique(
        text_of(name)[:TOPIC_LIMIT] for name in names if isinstance(name, str)
    )


def http_url(value) -> str:
    """An absolute http(s) URL as ASCII (IRIs percent-encoded), or ""."""
    url = without_nul(string(value))
    if not HTTP_URL.match(url):
        return ""
    url = iri_to_uri(url)
    return url if len(url) <= URL_LIMIT else ""


def string(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def struct_date(value) -> datetime | None:
    """feedparser's dates are UTC time tuples."""
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def iso_date(value) -> datetime | None:
    """JSON Feed dates are RFC 3339."""
    try:
        parsed = parse_datetime(string(value))
    except ValueError:
        return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def fingerprint(entry) -> str:
    canonical = json.dumps(entry, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
