"""Reading the site as a crawler or a feed reader does, and checking what it
reads against the published schemas.

The schemas are kept in the repository (corpora/schemas, with their sources
and licences). Google's own news sitemap schema may not be redistributed:
the repository keeps one written from Google's documentation, and where
../shared/corpora is present a news sitemap must pass Google's as well.
"""

import functools
import json

import feedparser
from bs4 import BeautifulSoup
from jsonschema import Draft7Validator
from lxml import etree

from broadsheet import corpora

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_NS = "http://search.yahoo.com/mrss/"
NS = {"sm": SITEMAP_NS, "news": NEWS_NS, "atom": ATOM_NS, "media": MEDIA_NS}


# --- XML ----------------------------------------------------------------------


def xml(response):
    """A served XML document, parsed strictly (no recovery from bad XML)."""
    assert response.status_code == 200, f"status {response.status_code}"
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(response.content, parser)


@functools.cache
def xml_schema(*paths):
    """One XSD, or several combined by a wrapper that imports each by its
    local path: sitemap.xsd lets other namespaces in "strictly", so a news
    sitemap validates only with the news schema loaded beside it."""
    if len(paths) == 1:
        return etree.XMLSchema(etree.parse(str(paths[0])))
    imports = "".join(
        f'<xsd:import namespace="{namespace(p)}" schemaLocation="{p.as_uri()}"/>'
        for p in paths
    )
    wrapper = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f"{imports}</xsd:schema>"
    )
    return etree.XMLSchema(etree.fromstring(wrapper))


def namespace(xsd_path):
    return etree.parse(str(xsd_path)).getroot().get("targetNamespace")


def kept_schema(relative):
    return corpora.KEPT.path(f"schemas/{relative}")


def sitemap_schema():
    return xml_schema(kept_schema("sitemaps/sitemap.xsd"))


def index_schema():
    return xml_schema(kept_schema("sitemaps/siteindex.xsd"))


class AllOf:
    """Several schemas that must all accept a document, as one."""

    def __init__(self, *schemas):
        self.schemas = schemas
        self.error_log = []

    def validate(self, document):
        self.error_log = [
            error
            for schema in self.schemas
            if not schema.validate(document)
            for error in schema.error_log
        ]
        return not self.error_log


def news_sitemap_schema():
    sitemap = kept_schema("sitemaps/sitemap.xsd")
    schemas = [xml_schema(sitemap, kept_schema("google-news/sitemap-news.xsd"))]
    if corpora.shared_present():
        google = corpora.FULL.path("schemas/google-sitemap-extensions/sitemap-news.xsd")
        schemas.append(xml_schema(sitemap, google))
    return AllOf(*schemas)


def urlset_schema(document):
    """The schema a sitemap is checked against: with Google's news extension
    when it declares that namespace, as the news sitemap does."""
    if NEWS_NS in document.nsmap.values():
        return news_sitemap_schema()
    return sitemap_schema()


@functools.cache
def atom_schema():
    return etree.RelaxNG(etree.parse(str(kept_schema("atom/atom.rng"))))


def assert_valid(schema, document):
    if not schema.validate(document):
        errors = "\n".join(str(error) for error in schema.error_log)
        raise AssertionError(f"not valid:\n{errors}")


def locations(document):
    return [loc.text for loc in document.iterfind(".//sm:loc", NS)]


# --- Feeds --------------------------------------------------------------------


def feed(response):
    """A feed as a feed reader sees it; it must be well-formed."""
    assert response.status_code == 200, f"status {response.status_code}"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, f"feedparser: {parsed.bozo_exception!r}"
    return parsed


def valid_atom(response):
    """An Atom feed, parsed, checked against RFC 4287's RELAX NG schema and
    the two rules the schema leaves to Schematron."""
    parsed = feed(response)
    document = xml(response)
    assert_valid(atom_schema(), document)
    entries = document.findall("atom:entry", NS)
    if document.find("atom:author", NS) is None:
        assert all(e.find("atom:author", NS) is not None for e in entries)
    for entry in entries:
        alternate = entry.find("atom:link[@rel='alternate']", NS)
        assert alternate is not None or entry.find("atom:content", NS) is not None
    return parsed


JSON_FEED = "application/feed+json"


@functools.cache
def json_feed_schema():
    schema = json.loads(kept_schema("jsonfeed/schema-v1.1.json").read_text())
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def json_feed_problems(document):
    """What is wrong with a JSON Feed: the schema's complaints, then the two
    rules of the specification a schema cannot state (item ids are unique; a
    next_url is never the feed's own address)."""
    problems = [
        f"{'/'.join(map(str, error.absolute_path)) or '$'}: {error.message}"
        for error in json_feed_schema().iter_errors(document)
    ]
    items = document.get("items") if isinstance(document, dict) else None
    ids = [i.get("id") for i in items or [] if isinstance(i, dict) and "id" in i]
    problems += [f"items: id {i!r} used twice" for i in ids if ids.count(i) > 1][:1]
    if "next_url" in document and document["next_url"] == document.get("feed_url"):
        problems.append("next_url: the feed's own address")
    return problems


def json_feed(response):
    """A JSON Feed 1.1 as a feed reader reads it: served as one, and valid."""
    assert response.status_code == 200, f"status {response.status_code}"
    assert response["Content-Type"] == f"{JSON_FEED}; charset=utf-8"
    document = json.loads(response.content)
    assert json_feed_problems(document) == []
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    return document


# --- HTML ---------------------------------------------------------------------


def page(response):
    assert response.status_code == 200, f"status {response.status_code}"
    return BeautifulSoup(response.content, "lxml")


def meta(soup, key):
    """The content of <meta name=key> or <meta property=key>, or None."""
    tag = soup.head.find("meta", attrs={"name": key}) or soup.head.find(
        "meta", attrs={"property": key}
    )
    return tag["content"] if tag else None


def metas(soup, key):
    return [tag["content"] for tag in soup.head.find_all("meta", property=key)]


def link_href(soup, rel):
    tag = soup.head.find("link", rel=rel)
    return tag["href"] if tag else None


def feed_links(soup):
    return [
        (tag["type"], tag["href"])
        for tag in soup.head.find_all("link", rel="alternate")
        if tag.get("type") in ("application/rss+xml", "application/atom+xml", JSON_FEED)
    ]


def jsonld(soup):
    """Every JSON-LD block in the page, parsed as a search engine does."""
    return [
        json.loads(script.string)
        for script in soup.find_all("script", type="application/ld+json")
    ]


def of_type(blocks, type_name):
    found = [block for block in blocks if block.get("@type") == type_name]
    assert len(found) == 1, f"{len(found)} {type_name} blocks"
    return found[0]


# --- schema.org -----------------------------------------------------------------


class Vocabulary:
    """schema.org's types and properties: each type's parents, each
    property's domains (the types it is defined for)."""

    def __init__(self, parents, domains):
        self.parents = parents
        self.domains = domains

    @classmethod
    def kept(cls, path):
        """The repository's copy: only the names and links, as made by
        `tables()` from schema.org's published vocabulary."""
        data = json.loads(path.read_text())
        parents = {name: set(up) for name, up in data["classes"].items()}
        domains = {name: set(types) for name, types in data["properties"].items()}
        return cls(parents, domains)

    @classmethod
    def published(cls, path):
        """schema.org's vocabulary file (schemaorg-current-https.jsonld)."""
        parents, domains = {}, {}
        for node in json.loads(path.read_text())["@graph"]:
            name = node["@id"].removeprefix("schema:")
            kinds = (
                node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
            )
            if "rdfs:Class" in kinds:
                parents[name] = ids(node.get("rdfs:subClassOf"))
            if "rdf:Property" in kinds:
                domains[name] = ids(node.get("schema:domainIncludes"))
        return cls(parents, domains)

    def tables(self):
        """What the repository keeps (corpora/schemas/schema-org)."""
        return {
            "classes": {name: sorted(up) for name, up in self.parents.items()},
            "properties": {name: sorted(t) for name, t in self.domains.items()},
        }

    def ancestors(self, type_name):
        seen, todo = set(), [type_name]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.parents.get(current, ()))
        return seen

    def problems(self, node, path="$"):
        """What in a JSON-LD node is not schema.org: unknown types, unknown
        properties, and properties not defined for the node's type."""
        if isinstance(node, list):
            return [
                p
                for i, item in enumerate(node)
                for p in self.problems(item, f"{path}[{i}]")
            ]
        if not isinstance(node, dict):
            return []
        found = []
        type_name = node.get("@type")
        if type_name is not None and type_name not in self.parents:
            found.append(f"{path}: unknown type {type_name}")
            type_name = None
        for key, value in node.items():
            if key.startswith("@"):
                continue
            # schema.org Actions annotate a property with "-input"/"-output"
            # (https://schema.org/docs/actions.html#part-4).
            name = key.removesuffix("-input").removesuffix("-output")
            if name not in self.domains:
                found.append(f"{path}: unknown property {key}")
            elif type_name and not self.domains[name] & self.ancestors(type_name):
                found.append(f"{path}: {type_name} has no property {key}")
            found += self.problems(value, f"{path}.{key}")
        return found


def ids(value):
    if value is None:
        return set()
    values = value if isinstance(value, list) else [value]
    return {v["@id"].removeprefix("schema:") for v in values}


@functools.cache
def vocabulary():
    return Vocabulary.kept(kept_schema("schema-org/vocabulary.json"))
