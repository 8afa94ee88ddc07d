"""Creating many articles at once, leaving the state that
`section.add_child(instance=page)` + `page.save_revision().publish()` leaves.

That path runs ~25 pages/s on SQLite and ~10/s on PostgreSQL: every page
re-reads and re-writes its parent for the tree, every publish fires signals
that each index one story. Here a batch costs a fixed number of statements:

- tree: each section is locked, its last child path read once, and the new
  paths numbered after it (treebeard's materialised path: steplen 4, base 36),
  then the section's numchild raised by the count;
- ids: page and revision ids are taken from the database's own counters
  first, so every row is written once, already pointing where it should;
- rows: pages, article rows, bylines, topics, revisions, audit log entries
  and wire items, one COPY (PostgreSQL) or executemany (SQLite) per table;
- revisions: one per article, its content the page's serializable_data() as
  save_revision() stores it; latest_revision (and, when published,
  live_revision, live, first/last_published_at, published_at) on the page;
- what publishing would have done: the readers' search index, the audit log,
  one cache-generation bump; and, through one task per batch for the worker,
  Wagtail's own search index (the admin's) and its reference index (Usage).

The caller runs it in a transaction; it runs no per-page signal.
"""

import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import AutoField, F, Q
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_all_child_relations
from treebeard.exceptions import PathOverflow
from wagtail.models import Page, PageLogEntry, Revision

from broadsheet.caching.invalidation import invalidate
from broadsheet.news.invalidation import articles_tags
from broadsheet.news.models import (
    UPDATE_GRACE,
    ArticleAuthor,
    ArticlePage,
    ArticleTopic,
    SectionPage,
)
from broadsheet.search.documents import SearchDocument, searchable_documents
from broadsheet.search.index import backend as search_backend
from broadsheet.wire.body import searchable_text
from broadsheet.wire.mapping import ArticleFields
from broadsheet.wire.parsers.base import WireStory
from broadsheet.wire.signals import stories_imported
from broadsheet.wire.tasks import index_for_editors

logger = logging.getLogger(__name__)
CHILD_RELATIONS = [relation.name for relation in get_all_child_relations(ArticlePage)]
LOG_ACTIONS = {
    "live": "wagtail.publish",
    "scheduled": "wagtail.publish.scheduled",
    "draft": "wagtail.create",
}
SLUG_LIMIT = 80  # readable URLs, and room for a "-2" when a slug is taken
FALLBACK_SLUG = "story"
OR_CHUNK = 200  # slug prefixes per query when looking for free suffixes


@dataclass
class NewArticle:
    """One story, resolved: where it goes and what its page says."""

    story: WireStory
    section: SectionPage
    fields: ArticleFields
    # "live", "scheduled" (embargoed: goes live at go_live_at) or "draft".
    state: str = "draft"
    go_live_at: datetime | None = None
    first_published_at: datetime | None = None
    last_published_at: datetime | None = None


def create_articles(new: list[NewArticle]) -> list[ArticlePage]:
    """Insert these stories as pages under their sections; call in a
    transaction (the caller writes their wire items in it too)."""
    if not new:
        return []
    now = timezone.now()
    articles = build_pages(new, now)
    # Ids first, so each page row is written once, already pointing at its
    # revision: an UPDATE per page afterwards would re-index every row.
    for article, pk in zip(articles, allocate_ids(Page, len(articles)), strict=True):
        article.id = article.page_ptr_id = pk
    # Started now, so the database can compute the search documents while
    # the rest of the batch is written (see SearchBackend.prepare).
    search = search_backend()
    prepared = search.prepare(search_documents(articles, new))
    insert_children(articles)
    revisions = insert_revisions(articles, new, now)
    insert_rows(Page, articles, with_ids=True)
    insert_rows(ArticlePage, articles)
    insert_log_entries(articles, new, revisions, now)
    search.index_prepared(prepared)
    # In the batch's transaction: the worker sees the task when it commits.
    index_for_editors.enqueue([a.pk for a in articles])
    published = [a.pk for a in articles if a.live]
    transaction.on_commit(lambda: after_commit([a.pk for a in articles], published))
    return articles


def refresh_statistics(added: int) -> None:
    """Have PostgreSQL re-sample its tables when this run grew them by a tenth.

    The planner picks its plans from those samples. Autovacuum takes them
    again once a table grew by a tenth, but only when it gets round to it,
    and not at all where it is switched off; until then a table that grew
    from 1,000 to 100,000 stories is planned as if it still held 1,000 (at
    100,000, the search page's listing query ran a parallel plan for 20
    rows: 7 ms instead of 1). ANALYZE reads a fixed sample of each table, a
    second or two whatever their size. SQLite keeps no such statistics
    unless asked, so there is nothing to refresh there."""
    if connection.vendor != "postgresql":
        return
    if added * 10 < ArticlePage.objects.count():
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def allocate_ids(model, count: int) -> list[int]:
    """The ids the database would give the model's next `count` rows."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                "FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite, inside the import's write transaction (nobody else can
        # insert): AUTOINCREMENT's own counter, so that the id of a deleted
        # page, still named in the audit log, is never given out again.
        quoted = connection.ops.quote_name(table)
        cursor.execute(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0),"
            f" COALESCE((SELECT MAX(id) FROM {quoted}), 0))",
            [table],
        )
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def after_commit(article_ids, published_ids):
    if published_ids:
        # Bulk inserts send no publishing signal. The stories are new: no
        # cached page or fragment shows them yet (addresses that lead
        # nowhere are never stored), so the lists they join are stale but
        # their own tags need no new version.
        invalidate(
            articles_tags(published_ids) - {f"page:{pk}" for pk in published_ids}
        )
    # Robust: the batch is committed; a listener's failure (say, enqueueing
    # enrichment) must not make the importer think the batch failed.
    for receiver, error in stories_imported.send_robust(
        sender=ArticlePage, article_ids=article_ids, published_ids=published_ids
    ):
        if isinstance(error, Exception):
            logger.error("after import, %s failed: %s", receiver, error)


# The tree


def build_pages(new: list[NewArticle], now) -> list[ArticlePage]:
    by_section = defaultdict(list)
    for position, item in enumerate(new):
        by_section[item.section.pk].append(position)
    # Locked, so two imports into one section cannot number the same paths.
    parents = {
        p.pk: p for p in Page.objects.select_for_update().filter(pk__in=by_section)
    }
    articles = [None] * len(new)
    content_type = ContentType.objects.get_for_model(ArticlePage)
    for section_id, positions in by_section.items():
        parent = parents[section_id]
        paths = child_paths(parent, len(positions))
        slugs = free_slugs(parent, [slug_for(new[i].fields.title) for i in positions])
        for position, path, slug in zip(positions, paths, slugs, strict=True):
            articles[position] = build_page(
                new[position], parent, path, slug, content_type, now
            )
        Page.objects.filter(pk=parent.pk).update(
            numchild=F("numchild") + len(positions)
        )
    return articles


def child_paths(parent: Page, count: int) -> list[str]:
    """Paths for `count` new last children of `parent`, as add_child numbers them."""
    steplen = Page.steplen
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    start = Page._str2int(last[-steplen:]) + 1 if last else 1
    if start + count > len(Page.alphabet) ** steplen:
        raise PathOverflow(f"no room for {count} more pages under {parent.title}")
    return [
        Page._get_path(parent.path, parent.depth + 1, step)
        for step in range(start, start + count)
    ]


def slug_for(headline: str) -> str:
    slug = slugify(headline, allow_unicode=True)[:SLUG_LIMIT].strip("-")
    return slug or FALLBACK_SLUG


def free_slugs(parent: Page, wanted: list[str]) -> list[str]:
    """Slugs unique among the parent's children (Wagtail requires it): a taken
    one gets the first free "-2", "-3"... suffix."""
    siblings = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    taken = set(siblings.filter(slug__in=set(wanted)).values_list("slug", flat=True))
    seen, clashing = set(), set()
    for slug in wanted:
        if slug in taken or slug in seen:
            clashing.add(slug)
        seen.add(slug)
    clashing = sorted(clashing)
    for start in range(0, len(clashing), OR_CHUNK):
        prefixes = [
            Q(slug__startswith=f"{s}-") for s in clashing[start : start + OR_CHUNK]
        ]
        taken |= set(
            siblings.filter(reduce(or_, prefixes)).values_list("slug", flat=True)
        )
    chosen = []
    for slug in wanted:
        candidate, suffix = slug, 1
        while candidate in taken:
            suffix += 1
            candidate = f"{slug}-{suffix}"
        taken.add(candidate)
        chosen.append(candidate)
    return chosen


def agency_update(item: NewArticle):
    """The agency's own update time, when its last version came well after
    its first: readers are told the story was updated then."""
    first, last = item.first_published_at, item.last_published_at
    if first and last and last - first > UPDATE_GRACE:
        return last
    return None


def build_page(item: NewArticle, parent, path, slug, content_type, now):
    live = item.state == "live"
    page = ArticlePage(
        slug=slug,
        path=path,
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        content_type=content_type,
        locale_id=parent.locale_id,
        translation_key=uuid.uuid4(),
        live=live,
        has_unpublished_changes=not live,
        first_published_at=item.first_published_at if live else None,
        last_published_at=item.last_published_at if live else None,
        go_live_at=item.go_live_at,
        latest_revision_created_at=now,
        section_id=parent.pk,
        published_at=item.first_published_at if live else None,
        updated_at=agency_update(item) if live else None,
    )
    # In memory, as the admin builds them: the revision and both search
    # indexes read the bylines and topics from here without a query.
    item.fields.apply_to(page)
    # The other child relations (FAQs, admin comments) are empty: saying so
    # spares serializable_data() and the reference index a query each.
    for relation in CHILD_RELATIONS:
        if relation not in ("article_authors", "article_topics"):
            setattr(page, relation, [])
    return page


# Rows


def insert_rows(model, objects, with_ids=False) -> None:
    """Write the model's own table rows (no parent table) for `objects`: COPY
    on PostgreSQL, one executemany on SQLite. Either way no per-row SQL is
    compiled, which is what bulk_create spends most of its time on. Ids are
    left to the database unless `with_ids`."""
    if not objects:
        return
    fields = [
        f
        for f in model._meta.local_concrete_fields
        if with_ids or not isinstance(f, AutoField)
    ]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    plain = [passes_as_is(f) for f in fields]
    rows = [
        [
            getattr(obj, f.attname)
            if as_is
            else f.get_db_prep_save(f.pre_save(obj, True), connection)
            for f, as_is in zip(fields, plain, strict=True)
        ]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows
            )


# Fields whose Python value is what the database driver takes, so the
# per-value conversion (a fifth of the import's own time) can be skipped.
# Exact classes only: a subclass may convert.
AS_IS = (
    models.AutoField,
    models.BigAutoField,
    models.BooleanField,
    models.CharField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SlugField,
    models.TextField,
)
# What psycopg adapts itself (SQLite's driver needs them as text).
AS_IS_POSTGRES = (models.DateTimeField, models.UUIDField)


def passes_as_is(field) -> bool:
    if field.is_relation:
        return field.many_to_one or field.one_to_one  # the target's id
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return False
    if type(field) in AS_IS:
        return True
    return connection.vendor == "postgresql" and type(field) in AS_IS_POSTGRES


def insert_children(articles) -> None:
    for relation, model in (
        ("article_authors", ArticleAuthor),
        ("article_topics", ArticleTopic),
    ):
        children = []
        for article in articles:
            for child in getattr(article, relation).all():
                child.article_id = article.pk
                children.append(child)
        model.objects.bulk_create(children)


def insert_revisions(articles, new, now) -> list[Revision]:
    page_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type_id=a.content_type_id,
            base_content_type_id=page_type.pk,
            object_id=str(a.pk),
            created_at=now,
            object_str=a.title,
            content=a.serializable_data(),
            approved_go_live_at=n.go_live_at if n.state == "scheduled" else None,
        )
        for a, n in zip(articles, new, strict=True)
    ]
    for revision, pk in zip(
        revisions, allocate_ids(Revision, len(revisions)), strict=True
    ):
        revision.id = pk
    insert_rows(Revision, revisions, with_ids=True)
    for article, revision in zip(articles, revisions, strict=True):
        article.latest_revision = revision
        article.live_revision = revision if article.live else None
    return revisions


def insert_log_entries(articles, new, revisions, now) -> None:
    """The page's history, as Wagtail's own path writes it: "published" for a
    live story (publish() logs; add_child and save_revision do not), and
    "created" or "scheduled" for the others."""
    entries = []
    for article, item, revision in zip(articles, new, revisions, strict=True):
        data = {}
        if item.state == "scheduled":
            data = {
                "revision": {
                    "id": revision.pk,
                    "created": revision.created_at.isoformat(),
                    "go_live_at": item.go_live_at.isoformat(),
                    "has_live_version": False,
                }
            }
        entries.append(
            PageLogEntry(
                action=LOG_ACTIONS[item.state],
                content_type_id=article.content_type_id,
                label=article.title,
                timestamp=now,
                uuid=uuid.uuid4(),
                page_id=article.pk,
                revision=revision,
                data=data,
                content_changed=True,
            )
        )
    insert_rows(PageLogEntry, entries)


# Search


def search_documents(articles, new) -> list[SearchDocument]:
    """Readers' search, in the batch, for the stories readers may see (search
    decides which). Wagtail's own index, the admin's, gets every page, drafts
    too: index_for_editors."""
    # What document_for() would extract, without re-parsing each block.
    bodies = {
        a.pk: searchable_text(n.fields.body) for a, n in zip(articles, new, strict=True)
    }
    return searchable_documents(articles, bodies)
