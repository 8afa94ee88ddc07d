"""IPTC ninjs (News in JSON) 1.x, 2.x and 3.x: documents to Stories.

A payload holds one item, a JSON array of items or JSON Lines. Each item is
validated against the JSON Schema of its version: the one forced by the
caller, else the one it declares (`standard.version`, `$standard.version` in
1.x), else the one detected from its property names; an item of a known
profile of ninjs (PROFILES) is checked on its ninjs properties only. Only text
items become stories; pictures, video, audio, graphics, events and planning
items are skipped.

Property names differ by major version (1.x `headline`, `body_html`,
`byline`; 2.x `headlines`, `bodies`, `by`; 3.x camelCase `versionCreated`),
so items are read with their keys lower-cased, which maps 3.x onto 2.x.
"""

import hashlib
import json
import re
from datetime import UTC, datetime

from broadsheet.core.languages import language_tag
from broadsheet.wire.html import looks_like_html, sanitise, text_of, text_to_html
from broadsheet.wire.parsers.base import (
    Document,
    Refused,
    Skipped,
    WireStory,
    split_byline,
    unique,
    without_nul,
)
from broadsheet.wire.parsers.ninjs_schema import RELEASED, VERSIONS, schema_for

FORMAT = "ninjs"
URI_LIMIT = 1000  # WireItem.uri
URL_LIMIT = 2000  # WireItem.image_url
PICTURES = ("picture", "image")
HTTP_URL = re.compile(r"^https?://", re.IGNORECASE)
HEADLINE_LIMIT = 255  # Page.title
TOPIC_LIMIT = 100  # Topic.name
DECLARED = re.compile(r"^\s*(\d+)\.(\d+)")
SCHEMA_URI_VERSION = re.compile(r"ninjs-schema_(\d+\.\d+)\.json")
# Newest first: detection takes the newest version that knows every property.
NEWEST_FIRST = sorted(
    RELEASED, key=lambda v: tuple(map(int, v.split("."))), reverse=True
)
# Profiles built on ninjs, by their `standard.name` (case aside): their items
# may carry properties of their own, defined by schemas we do not have. Any
# other name gets the full check, or naming a standard would escape it.
PROFILES = {
    "ttninjs": "TT Nyhetsbyrån's profile, as in IPTC's 2.1 and 3.0 examples",
}
USABLE = "usable"
HTML_TYPES = ("html", "xhtml")
XML_TYPES = ("xml", "nitf")
PLAIN_TYPES = {"text", "text/plain", "plain"}
PLURALS = {"headline": "headlines", "body": "bodies", "description": "descriptions"}
# Which description reads as a standfirst, best first; captions and credit
# lines describe pictures, not the story.
STANDFIRST_ROLES = ["summary", "abstract", "lead", "standfirst", "teaser", "intro",
                    "description", "text", None, "xhtml", "html"]  # fmt: skip


# Splitting a payload into documents


def documents(payload):
    """The documents of one payload, each named `path` or `path#index`."""
    try:
        text = payload.data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield Document(payload.name, error=f"not UTF-8 text: {error.reason}")
        return
    if not text.strip():
        yield Document(payload.name, error="empty file")
        return
    try:
        data = loads(text)
    except json.JSONDecodeError as error:
        lines = json_lines(payload.name, text)
        if is_json_lines(lines):
            yield from lines
        else:
            yield Document(payload.name, error=json_error(error))
        return
    except (ValueError, RecursionError) as error:
        yield Document(payload.name, error=f"not JSON: {error}")
        return
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield Document(f"{payload.name}#{index}", item)
    else:
        yield Document(payload.name, data)


def refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def loads(text):
    # NaN and Infinity are JavaScript, not JSON (RFC 8259).
    return json.loads(text, parse_constant=refuse_constant)


def json_error(error, lineno=None) -> str:
    """`lineno`: the line's number in its file, for a line of JSON Lines."""
    where = f"line {lineno or error.lineno}, column {error.colno}"
    return f"not JSON: {error.msg} ({where})"


def json_lines(name, text) -> list[Document]:
    """Each non-empty line as a document, `name#index` by its position among
    them; a line that is not JSON says which line of the file it is. Lines
    end at line feeds only, as JSON Lines has it: a JSON string may hold a
    U+2028, which splitlines() would split at."""
    numbered = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    found = []
    for index, (lineno, line) in enumerate(numbered):
        try:
            found.append(Document(f"{name}#{index}", loads(line)))
        except json.JSONDecodeError as error:
            found.append(Document(f"{name}#{index}", error=json_error(error, lineno)))
        except (ValueError, RecursionError) as error:
            found.append(Document(f"{name}#{index}", error=f"not JSON: {error}"))
    return found


def is_json_lines(lines: list[Document]) -> bool:
    """Is a file that is not one JSON document JSON Lines? Yes when its first
    line, or at least half of its lines, are JSON on their own, so a feed with
    a bad first line still imports its other lines. A pretty-printed document
    broken somewhere (IPTC's should_fail suite has several) is mostly lines
    like `"uri": "x",` that are not: it stays one refusal with its position,
    not one per line."""
    if len(lines) < 2:
        return False
    whole = sum(not document.error for document in lines)
    return not lines[0].error or 2 * whole >= len(lines)


# Versions and validation


def declared_version(data: dict) -> str | None:
    """The version the item says it is, as "3.0", or None."""
    standard = data.get("standard", data.get("$standard"))
    if not isinstance(standard, dict):
        return None
    version = standard.get("version")
    if isinstance(version, str) and (match := DECLARED.match(version)):
        return f"{int(match[1])}.{int(match[2])}"
    schema = standard.get("schema")
    if isinstance(schema, str) and (match := SCHEMA_URI_VERSION.search(schema)):
        return match[1]
    return None


def detect_version(data: dict) -> str:
    """The newest version whose schema knows every top-level property; failing
    that, the one that knows most of them (it will say what it does not know)."""
    keys = list(data)
    coverage = {
        version: sum(schema_for(version).knows(key) for key in keys)
        for version in NEWEST_FIRST
    }
    return max(NEWEST_FIRST, key=lambda version: coverage[version])


def standard_name(data: dict) -> str:
    standard = data.get("standard", data.get("$standard"))
    name = standard.get("name") if isinstance(standard, dict) else None
    return name.strip() if isinstance(name, str) else ""


def is_extension(data: dict) -> bool:
    """Does the item declare one of the PROFILES built on ninjs?"""
    return standard_name(data).casefold() in PROFILES


def profile_hint(data: dict, schema) -> str:
    """Why an item naming a standard other than ninjs still had every property
    checked: naming one is no way around the schema, only PROFILES are."""
    name = standard_name(data)
    if not name or FORMAT in name.casefold():
        return ""
    if all(schema.knows(key) for key in data):
        return ""
    return f" ({name!r} is not a profile of ninjs known here)"


def validate(data, version: str | None) -> str:
    """The version the item is valid against; Refused if there is none."""
    if not isinstance(data, dict):
        raise Refused(f"not a ninjs item: a JSON {json_type(data)}, not an object")
    if version is None:
        version = declared_version(data)
        if version is not None and version not in VERSIONS:
            raise Refused(
                f"declares ninjs {version}, which this importer does not know "
                f"(it knows {', '.join(RELEASED)}); force one with --version"
            )
        version = version or detect_version(data)
    schema = schema_for(version)
    if is_extension(data):
        # A profile of ninjs adds properties of its own, described by a schema
        # we do not have: check the ninjs part, set the rest aside.
        data = {key: value for key, value in data.items() if schema.knows(key)}
    if error := schema.error(data):
        raise Refused(f"not valid ninjs {version}: {error}{profile_hint(data, schema)}")
    return version


def json_type(value) -> str:
    names = {str: "string", bool: "boolean", int: "number", float: "number"}
    return "array" if isinstance(value, list) else names.get(type(value), "null")


# Items to Stories


ED_NOTE_LIMIT = 2000  # news.ArticleNote.text
VERSION_LIMIT = 20  # WireItem.version


def parse(document: Document, version: str | None = None) -> WireStory:
    """The WireStory in one document; Refused if it is not valid ninjs, Skipped if
    it is valid but not a text item."""
    if document.error:
        raise Refused(document.error)
    version = validate(document.data, version)
    item = lower_keys(document.data)
    kind = item_kind(item)
    if kind != "text":
        raise Skipped(f"skipped: {article(kind)} {kind} item, not an article")
    uri = string(item.get("uri"))
    if not uri:
        raise Refused("has no uri to recognise it by")
    if len(uri) > URI_LIMIT:
        raise Refused(f"uri longer than {URI_LIMIT} characters")
    body = body_html(item)
    summary = standfirst(item)
    return WireStory(
        uri=uri,
        headline=headline(item, body, summary),
        body_html=body,
        standfirst=summary,
        authors=split_byline(text_of(string(item.get("byline", item.get("by"))))),
        topics=unique(name[:TOPIC_LIMIT] for name in names(item, "subject")),
        genres=genres(item),
        first_created=date(item.get("firstcreated")),
        version_created=date(item.get("versioncreated")),
        embargoed_until=date(item.get("embargoeduntil", item.get("embargoed"))),
        pubstatus=string(item.get("pubstatus")) or USABLE,
        language=language_tag(string(item.get("language"))),
        image_url=lead_image(item),
        source_format=f"{FORMAT} {version}",
        fingerprint=fingerprint(document.data),
        version=version_number(item.get("version")),
        ed_note=" ".join(text_of(string(item.get("ednote"))).split())[:ED_NOTE_LIMIT],
    )


def version_number(value) -> str:
    """ninjs `version` is a string ("3"); some agencies send a number."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return str(value)
    return string(value)[:VERSION_LIMIT]


def lower_keys(value):
    """3.x camelCase (versionCreated, contentType) read as 2.x lower case; and
    every string without NUL characters, which JSON allows and PostgreSQL's
    text columns do not (one such headline must not fail a whole batch)."""
    if isinstance(value, dict):
        return {str(key).lower(): lower_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [lower_keys(item) for item in value]
    if isinstance(value, str):
        return without_nul(value)
    return value


def item_kind(item: dict) -> str:
    kind = item.get("type")
    if kind is None:
        # The type is optional; agencies leave it out of stories (dpa), and
        # 3.x events and planning items carry their details instead.
        if "eventdetails" in item:
            return "event"
        return "planning" if "plannedcoverage" in item else "text"
    if kind == "composite" and has_body(item):
        return "text"  # a story sent with its pictures: the text is the story
    return kind


def string(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def has_body(item) -> bool:
    return bool(item.get("bodies")) or any(key.startswith("body_") for key in item)


def texts(item, singular: str) -> list[dict]:
    """1.x `headline`/`body_html`/`description_text` and 2.x+ `headlines`/
    `bodies`/`descriptions` as one list of {role, contenttype, value}."""
    plural = item.get(PLURALS[singular])
    if isinstance(plural, list):
        return [entry for entry in plural if isinstance(entry.get("value"), str)]
    found = []
    if isinstance(item.get(singular), str):
        found.append({"value": item[singular]})
    for key, value in item.items():
        if key.startswith(f"{singular}_") and isinstance(value, str):
            role = key[len(singular) + 1 :]
            found.append({"role": role, "contenttype": role, "value": value})
    return found


def is_html(entry) -> bool:
    kinds = f"{entry.get('contenttype', '')} {entry.get('role', '')}".lower()
    return any(kind in kinds for kind in HTML_TYPES)


def is_plain(entry) -> bool:
    kinds = {str(entry.get(key) or "").lower() for key in ("contenttype", "role")}
    return kinds - {""} <= PLAIN_TYPES


def body_html(item) -> str:
    """The body as sanitised HTML: an HTML body if there is one, else plain text
    made into paragraphs, else a body of another kind that is not XML (ninjs
    1.x allows any `body_*`). XML bodies (NITF) are left to the HTML sibling."""
    bodies = texts(item, "body")
    for entry in bodies:
        if is_html(entry):
            return sanitise(entry["value"])
    for entry in [*filter(is_plain, bodies), *filter(is_other, bodies)]:
        value = entry["value"]
        return sanitise(value) if looks_like_html(value) else text_to_html(value)
    return ""


def is_other(entry) -> bool:
    kinds = f"{entry.get('contenttype', '')} {entry.get('role', '')}".lower()
    return not any(kind in kinds for kind in XML_TYPES)


def headline(item, body: str, summary: str) -> str:
    """The main headline; failing that a title, a slugline, the body's or the
    summary's first words. A usable item with none of them has nothing to
    show; a kill with none (`{"uri": ..., "pubStatus": "canceled"}`) is a
    notice about an item sent before, and has "" here."""
    headlines = texts(item, "headline")
    main = [h for h in headlines if h.get("role") in ("main", None)] or headlines
    for candidate in [
        *(h["value"] for h in main),
        item.get("title"),
        item.get("slugline"),
    ]:
        if isinstance(candidate, str) and (text := text_of(candidate)):
            return text[:HEADLINE_LIMIT]
    if first_words := (text_of(body) or summary)[:HEADLINE_LIMIT]:
        return first_words
    if string(item.get("pubstatus")) in ("", USABLE):
        raise Refused("has neither a headline nor a body: nothing to publish")
    return ""


def standfirst(item) -> str:
    descriptions = texts(item, "description")
    for role in STANDFIRST_ROLES:
        for entry in descriptions:
            if entry.get("role") == role and (text := text_of(entry["value"])):
                return text
    return ""


def names(item, singular: str) -> list[str]:
    entries = item.get(f"{singular}s", item.get(singular))
    if not isinstance(entries, list):
        return []
    # Plain text, as headlines are: markup in a name would make a topic
    # called "<img src=x ...>".
    return [
        text_of(entry["name"])
        for entry in entries
        if isinstance(entry, dict) and isinstance(entry.get("name"), str)
    ]


def lead_image(item) -> str:
    """The largest rendition of the first picture associated with the item
    (2.x+ an array of associations, 1.x an object of them), as an http(s)
    URL, or "". Kept as the item's lead image URL; never hot-linked."""
    associations = item.get("associations")
    if isinstance(associations, dict):
        associations = list(associations.values())
    for entry in associations if isinstance(associations, list) else []:
        picture = isinstance(entry, dict) and entry.get("type") in PICTURES
        if picture and (url := largest_rendition(entry.get("renditions"))):
            return url
    return ""


def largest_rendition(renditions) -> str:
    if isinstance(renditions, dict):
        renditions = list(renditions.values())
    if not isinstance(renditions, list):
        return ""
    found = [
        (number(r.get("width")), r["href"].strip())
        for r in renditions
        if isinstance(r, dict)
        and isinstance(r.get("href"), str)
        and HTTP_URL.match(r["href"].strip())
        and len(r["href"].strip()) <= URL_LIMIT
    ]
    return max(found)[1] if found else ""


def number(value) -> float:
    return value if isinstance(value, int | float) else 0


def genres(item) -> tuple[str, ...]:
    """Every way a genre is named (name, literal, last step of its uri), for
    matching against section names."""
    entries = item.get("genres", item.get("genre"))
    found = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        for key in ("name", "literal", "uri", "code"):
            value = entry.get(key)
            if isinstance(value, str) and value.strip():
                found.append(value.rstrip("/").rsplit("/", 1)[-1].strip())
    return unique(found)


def date(value) -> datetime | None:
    """An aware datetime, or None: the suite has valid items with bad dates."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def fingerprint(data) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"
