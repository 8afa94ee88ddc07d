"""The one mapping from a wire item to an article's fields.

New stories in bulk (bulk.build_page), re-sent ones (importer's
save_story_revision) and the desk's "Create story" all fill a page through
here: headline, standfirst, language, lead topic, body, bylines and topics.
It reads a parsed WireStory or a stored WireItem alike (the same attribute
names) and takes their values as canonical: cleaning belongs to the parsers.

Authors and topics are found by name (or slug) and created when missing, a
batch at a time (resolve_names); an item naming no author is credited to its
source's credit line, if the source has one.
"""

from dataclasses import dataclass, field

from anyascii import anyascii
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import slugify
from wagtail.search.backends import get_search_backends

from broadsheet.caching.invalidation import invalidate
from broadsheet.caching.tags import tag_of
from broadsheet.news.invalidation import AUTHORS_TAG, TOPICS_TAG
from broadsheet.news.models import ArticleAuthor, ArticleTopic, Author, Topic
from broadsheet.wire.body import body_blocks

AUTHOR_LIMIT = 150  # Author.name, Author.slug
TOPIC_LIMIT = 100  # Topic.name, Topic.slug


@dataclass
class ArticleFields:
    """What a wire item gives its article."""

    title: str
    standfirst: str
    language: str
    body: list  # blocks, as ArticlePage.body takes them
    authors: list[Author] = field(default_factory=list)
    # The first is the story's lead topic, the rest its other topics.
    topics: list[Topic] = field(default_factory=list)

    @property
    def lead_topic(self) -> Topic | None:
        return self.topics[0] if self.topics else None

    def apply_to(self, page) -> None:
        """Set them on an ArticlePage (in memory; the caller saves)."""
        page.title = self.title
        page.draft_title = self.title
        page.standfirst = self.standfirst
        page.language = self.language
        page.body = self.body
        page.topic = self.lead_topic
        page.article_authors = [
            ArticleAuthor(author=author, sort_order=position)
            for position, author in enumerate(self.authors)
        ]
        page.article_topics = [
            ArticleTopic(topic=topic, sort_order=position)
            for position, topic in enumerate(self.topics[1:])
        ]


def byline(item, credit: str = "") -> list[str]:
    """The names an item's byline gives, else its source's credit line."""
    return list(item.authors) or ([credit[:AUTHOR_LIMIT]] if credit else [])


def article_fields(item, authors, topics, blocks=None, credit="") -> ArticleFields:
    """The fields for one item; `authors`/`topics` map casefolded names to
    instances (resolve_names); `blocks` when already made from its body."""
    if blocks is None:
        blocks = body_blocks(item.body_html, item.headline)
    return ArticleFields(
        title=item.headline,
        standfirst=item.standfirst,
        language=item.language,
        body=blocks,
        authors=unique_objects(authors.get(n.casefold()) for n in byline(item, credit)),
        topics=unique_objects(topics.get(n.casefold()) for n in item.topics),
    )


def resolve_names(items, credit="") -> tuple[dict, dict]:
    """({name: Author}, {name: Topic}) for every name these items give: two
    queries, plus one insert per kind for names seen the first time."""
    authors = named(Author, [n for i in items for n in byline(i, credit)], AUTHOR_LIMIT)
    topics = named(Topic, [n for i in items for n in i.topics], TOPIC_LIMIT)
    return authors, topics


def fields_for(item, credit="") -> ArticleFields:
    """The fields for a single item (a WireStory or a WireItem), e.g. the
    desk's "Create story": `WireItem` from an untrusted source to a draft."""
    authors, topics = resolve_names([item], credit)
    return article_fields(item, authors, topics, credit=credit)


# Authors and topics by name


def ascii_slug(name: str) -> str:
    """Topic and author URLs use Django's ASCII-only <slug:> converter, so
    "Trond Husø" must become "trond-huso", not "trond-husø"."""
    return slugify(anyascii(name))


def named(model, names, limit):
    """{casefolded name: instance} for these names, created where missing."""
    wanted = {name.casefold(): name for name in names}
    if not wanted:
        return {}
    slugs = {ascii_slug(name)[:limit]: key for key, name in wanted.items()}
    found = {}
    # lower() in SQL, for "ADA REPORTER" to find "Ada Reporter"; the slug for
    # what SQLite's ASCII-only lower() misses ("ØYSTEIN" and "Øystein").
    lowered = [name.lower() for name in wanted.values()]
    matches = model.objects.annotate(lowered=Lower("name")).filter(
        Q(lowered__in=lowered) | Q(slug__in=slugs)
    )
    for obj in matches.order_by("pk"):
        key = obj.name.casefold()
        key = key if key in wanted else slugs.get(obj.slug)
        found.setdefault(key, obj)
    created = [
        model(name=name, slug=slug)
        for key, name in wanted.items()
        if key not in found and (slug := free_slug(model, name, limit))
    ]
    if created:
        # One insert, not one save() each: a new name has no stories yet, so
        # of the save signals only the admin's search index has work to do.
        model.objects.bulk_create(created)
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, created)
        # The save signals' invalidation, for these rows made in one insert.
        kind = TOPICS_TAG if model is Topic else AUTHORS_TAG
        invalidate({kind} | {tag_of(obj) for obj in created if obj.pk})
    for obj in created:
        found[obj.name.casefold()] = obj
    return found


def free_slug(model, name, limit):
    base = ascii_slug(name)[: limit - 4].strip("-")
    if not base:
        return ""
    taken = set(
        model.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, suffix = base, 1
    while slug in taken:
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


def unique_objects(objects) -> list:
    seen, kept = set(), []
    for obj in objects:
        if obj is not None and obj.pk not in seen:
            seen.add(obj.pk)
            kept.append(obj)
    return kept
