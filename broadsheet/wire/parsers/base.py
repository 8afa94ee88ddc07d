"""What every wire format is turned into, and the two ways a document is turned
away: refused (it is not what it claims to be) or skipped (valid, not a story)."""

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from broadsheet.wire.html import text_of


class Refused(Exception):
    """The document is not valid in its format; the message says why, in one line."""


class Skipped(Exception):
    """A valid document that is not an article (a picture, a video, an event)."""


@dataclass(frozen=True)
class Document:
    """One document of a payload: `name` is `path` or `path#index`."""

    name: str
    data: object = None
    error: str = ""


@dataclass(frozen=True)
class WireStory:
    """What an article needs from a wire item, already canonical: `body_html`
    is sanitised, every text is stripped and free of NUL characters (which
    PostgreSQL's text columns refuse), `language` is a BCP 47 tag or "",
    dates are aware. Every parser hands these over; the one mapping to page
    fields (broadsheet.wire.mapping) takes them as they are."""

    uri: str
    headline: str
    body_html: str = ""
    standfirst: str = ""
    authors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    first_created: datetime | None = None
    version_created: datetime | None = None
    embargoed_until: datetime | None = None
    # ninjs pubstatus: "usable", or "withheld" / "canceled" (never published).
    pubstatus: str = "usable"
    language: str = ""
    # The item's own page at its source (a feed entry's link), if any.
    link: str = ""
    # A picture the source offers with the item (by URL; never hot-linked).
    image_url: str = ""
    # Which format and version it came in, e.g. "ninjs 3.0".
    source_format: str = ""
    # A hash of the document, so an unchanged re-send is recognised.
    fingerprint: str = ""
    # The agency's version number (ninjs `version`, "1", "2", ...) and its
    # note to editors (ninjs `edNote`): a re-send of a published story that
    # carries a new one is a change readers are told of (importer.py).
    version: str = ""
    ed_note: str = ""

    def __post_init__(self):
        # The last guard, whatever the parser: no NUL reaches the database.
        for name, value in vars(self).items():
            if isinstance(value, str) and NUL in value:
                object.__setattr__(self, name, value.replace(NUL, ""))
            elif isinstance(value, tuple) and any(NUL in v for v in value):
                object.__setattr__(self, name, tuple(v.replace(NUL, "") for v in value))

    @property
    def is_notice(self) -> bool:
        """A kill that carries no copy: it is about an item sent before."""
        return not self.headline

    @property
    def content_key(self) -> str:
        """The same words under the same headline: the same copy, whatever
        uri or link it came with (an exact duplicate)."""
        return content_key(self.headline, text_of(self.body_html) or self.standfirst)


NUL = "\x00"


def without_nul(text: str) -> str:
    return text.replace(NUL, "") if NUL in text else text


def content_key(headline: str, text: str) -> str:
    """A hash of the words, case and spacing aside: markup differs between
    carriers of the same copy, the words do not."""
    words = "\n".join(" ".join(part.split()).casefold() for part in (headline, text))
    return hashlib.sha256(words.encode()).hexdigest()


BYLINE_PREFIX = re.compile(r"^\s*(by|von|av|par|por|door|di|af)\s+", re.IGNORECASE)
BYLINE_SEPARATOR = re.compile(r"\s*(?:;|&|\band\b|\bund\b|\bog\b|\boch\b)\s*")
# "Jane Doe, AP Science Writer": after a comma, a job rather than a name.
JOB_WORDS = re.compile(
    r"\b(writer|correspondent|editor|reporter|staff|journalist|photographer|"
    r"columnist|critic)s?\b",
    re.IGNORECASE,
)
NAME_LIMIT = 150  # Author.name


def split_byline(byline: str) -> tuple[str, ...]:
    """The people (or agencies) a free-text byline names, in order."""
    byline = BYLINE_PREFIX.sub("", " ".join(byline.split()))
    parts = [part.strip() for part in byline.split(",")]
    parts = parts[:1] + [part for part in parts[1:] if not JOB_WORDS.search(part)]
    names = [
        name.strip(" .") for part in parts for name in BYLINE_SEPARATOR.split(part)
    ]
    return unique(name[:NAME_LIMIT] for name in names if name.strip(" ."))


def unique(values) -> tuple[str, ...]:
    """Values in order, without blanks or case-insensitive repeats."""
    seen, kept = set(), []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            kept.append(value)
    return tuple(kept)
