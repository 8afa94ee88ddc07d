"""Stories to articles: new ones in bulk, re-sent ones as Wagtail revisions.

Where a story goes: the first of its genres that names a section, else the
first of its subjects that does, else the default section. Its byline names
authors and its subjects topics, each found by name (or slug) and created if
missing. With `publish`, a usable story goes live with the agency's dates
(first published = firstcreated, last = versioncreated) or, when embargoed,
is scheduled to go live when the embargo lifts; otherwise it is a draft.

A re-sent item (same uri) updates its article through Wagtail's own
save_revision() / publish(), so the usual signals run; it keeps its section
and URL. An identical re-send changes nothing, and one older than the version
already imported (by versionCreated) is skipped. Once an editor has saved the
article in the admin, the agency's updates wait there as drafts. "withheld"
and "canceled" items (kills) are never published: they take a live article
down and cancel a scheduled one, whoever edited it last.
"""

import html
import logging
from dataclasses import dataclass

from anyascii import anyascii
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.search.backends import get_search_backends

from broadsheet.core.cache import bump_content_generation
from broadsheet.core.languages import language_tag
from broadsheet.news.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleTopic,
    Author,
    SectionPage,
    Topic,
)
from broadsheet.wire import bulk
from broadsheet.wire.body import body_blocks
from broadsheet.wire.models import WireItem
from broadsheet.wire.parsers.base import Story

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# Smaller runs leave the planner's statistics to autovacuum (bulk.py).
ANALYZE_AFTER = 100
DEFAULT_SECTION = "world"  # where agency copy lands when nothing names a desk
USABLE = "usable"
CANCELED = "canceled"
# What a re-sent item did to its article: the tally it counts in.
UPDATED, UNCHANGED, SKIPPED = "updated", "unchanged", "skipped"
HELD = "the agency's update is saved as a draft for an editor to review"
EDITED = f"edited in the newsroom: {HELD}, not published"
TAKEN_DOWN = f"taken down here: {HELD}, not republished"
# Names wire services give their desks, matched to our section slugs when no
# section is called that (IPTC Media Topics first, then common desk names).
SECTION_ALIASES = {
    "sport": "sports",
    "economy, business and finance": "business",
    "economy": "business",
    "finance": "business",
    "politics and government": "politics",
    "science and technology": "science",
    "arts, culture, entertainment and media": "entertainment",
    "arts, culture and entertainment": "entertainment",
    "culture": "entertainment",
    "international": "world",
    "world news": "world",
    "us news": "us",
    "domestic": "us",
}


@dataclass
class Tally:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    skipped: int = 0

    @property
    def documents(self):
        return (
            self.imported + self.updated + self.unchanged + self.refused + self.skipped
        )


class Sections:
    """Sections by every name a genre or subject may give them."""

    def __init__(self, default_slug: str):
        sections = list(SectionPage.objects.order_by("path"))
        by_slug = {s.slug: s for s in sections}
        if default_slug not in by_slug:
            raise LookupError(f"no section with the slug {default_slug!r}")
        self.default = by_slug[default_slug]
        self.by_name = {}
        for alias, slug in SECTION_ALIASES.items():
            if slug in by_slug:
                self.by_name[alias] = by_slug[slug]
        for section in sections:
            for name in (section.slug, section.title, section.title.replace(".", "")):
                self.by_name[name.casefold()] = section

    def named_section(self, story: Story) -> SectionPage | None:
        for name in (*story.genres, *story.topics):
            if section := self.by_name.get(name.casefold()):
                return section
        return None

    def section_for(self, story: Story) -> SectionPage:
        return self.named_section(story) or self.default

    def sections_for(self, stories: list[Story], classify: bool) -> list[SectionPage]:
        """Each story's section: the one its genres or subjects name; else,
        with `classify`, the site's section classifier's when it is sure
        enough (one call for the batch); else the default."""
        chosen = [self.named_section(story) for story in stories]
        unnamed = [i for i, section in enumerate(chosen) if section is None]
        if classify and unnamed:
            from broadsheet.enrich.section_classifier import guess_many

            texts = [wire_text(stories[i]) for i in unnamed]
            for i, guessed in zip(unnamed, guess_many(texts), strict=True):
                chosen[i] = guessed
        return [section or self.default for section in chosen]


def wire_text(story: Story) -> str:
    return "\n".join(
        [story.headline, story.standfirst, html.unescape(strip_tags(story.body_html))]
    )


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
        transaction.on_commit(bump_content_generation)
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


def published_dates(story: Story):
    """(first, last) published: the agency's, never in the future."""
    now = timezone.now()
    first = min(story.first_created or story.version_created or now, now)
    last = min(story.version_created or first, now)
    return first, max(first, last)


class Importer:
    def __init__(
        self,
        *,
        publish: bool,
        default_section: str = DEFAULT_SECTION,
        classify: bool = True,
        batch_size: int = BATCH_SIZE,
        report_error=logger.error,
        report_note=logger.info,
    ):
        self.publish = publish
        self.sections = Sections(default_section)
        self.classify = classify
        self.batch_size = batch_size
        self.report_error = report_error
        self.report_note = report_note
        self.tally = Tally()
        self.pending = {}  # uri: (document name, story)
        self.blocks = {}  # uri: body blocks, when the reader made them

    def refused(self, name, reason):
        self.tally.refused += 1
        self.report_error(f"{name}: {reason}")

    def skipped(self, name, reason):
        self.tally.skipped += 1
        self.report_note(f"{name}: {reason}")

    def add(self, name: str, story: Story, blocks=None) -> None:
        if story.uri in self.pending:
            self.flush()  # the same item twice: the second updates the first
        self.pending[story.uri] = (name, story)
        if blocks is not None:
            self.blocks[story.uri] = blocks
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = list(self.pending.values()), {}
        if not batch:
            return
        known = {
            item.uri: item
            for item in WireItem.objects.filter(
                uri__in=[story.uri for _, story in batch]
            )
        }
        new = []
        for name, story in batch:
            if story.uri in known:
                self.update(name, story, known[story.uri])
            elif story.pubstatus == CANCELED:
                self.skipped(
                    name, "skipped: canceled by the agency, never published here"
                )
            else:
                new.append((name, story))
        self.create(new)

    # New stories, in bulk

    def create(self, batch) -> None:
        if not batch:
            return
        try:
            with transaction.atomic():
                bulk.create_articles(self.resolve([story for _, story in batch]))
        except DatabaseError as error:
            if len(batch) > 1:
                # Find the one story the database will not take; keep the rest.
                for one in batch:
                    self.create([one])
                return
            self.refused(batch[0][0], f"not imported: database error: {error}")
            return
        self.tally.imported += len(batch)

    def resolve(self, stories: list[Story]) -> list[bulk.NewArticle]:
        """Where each story goes and whom it names: two queries for the batch,
        plus one insert per author or topic seen for the first time."""
        authors = named(Author, [n for s in stories for n in s.authors], 150)
        topics = named(Topic, [n for s in stories for n in s.topics], 100)
        sections = self.sections.sections_for(stories, self.classify)
        return [
            self.new_article(story, section, authors, topics)
            for story, section in zip(stories, sections, strict=True)
        ]

    def new_article(self, story: Story, section, authors, topics) -> bulk.NewArticle:
        item = bulk.NewArticle(
            story=story,
            section=section,
            blocks=self.blocks.pop(story.uri, None)
            or body_blocks(story.body_html, story.headline),
            authors=unique_objects(authors.get(n.casefold()) for n in story.authors),
            topics=unique_objects(topics.get(n.casefold()) for n in story.topics),
        )
        if self.publish and story.pubstatus == USABLE:
            embargo = story.embargoed_until
            if embargo and embargo > timezone.now():
                item.state, item.go_live_at = "scheduled", embargo
            else:
                item.state = "live"
                item.first_published_at, item.last_published_at = published_dates(story)
        return item

    # Re-sent stories, through Wagtail

    def update(self, name, story: Story, wire: WireItem) -> None:
        try:
            with transaction.atomic():
                outcome, note = self.update_article(story, wire)
        except DatabaseError as error:
            self.refused(name, f"not updated: database error: {error}")
            return
        # Reported once committed: a rolled-back update has nothing to say.
        if outcome == SKIPPED:
            self.skipped(name, note)
            return
        if outcome == UPDATED:
            self.tally.updated += 1
        else:
            self.tally.unchanged += 1
        if note:
            self.report_note(f"{name}: {note}")

    def update_article(self, story: Story, wire: WireItem) -> tuple[str, str]:
        """(outcome, note) of applying a re-sent story to its article."""
        page = ArticlePage.objects.select_for_update().get(pk=wire.article_id)
        # Re-read under the page's lock: another import may have just
        # applied a newer version.
        wire.refresh_from_db(fields=["fingerprint", "version_created"])
        if is_older(story, wire):
            return SKIPPED, (
                "skipped: older than the version already imported "
                f"(versionCreated {story.version_created.isoformat()}, "
                f"imported {wire.version_created.isoformat()})"
            )
        kill = story.pubstatus != USABLE
        held = None
        if not kill:
            if edited_in_newsroom(page):
                held = EDITED
            elif taken_down(page):
                held = TAKEN_DOWN
        wants_live = self.publish and not kill and not held
        if wire.fingerprint == story.fingerprint and not (
            wants_live and never_published(page)
        ):
            return UNCHANGED, ""
        revision = self.save_story_revision(page, story, wants_live)
        note = ""
        if kill:
            note = take_down(page, story.pubstatus)
        elif held:
            note = held
        elif wants_live:
            revision.publish(log_action=True)
        wire.fingerprint = story.fingerprint
        wire.source_format = story.source_format
        wire.version_created = story.version_created
        wire.save()
        return UPDATED, note

    def save_story_revision(self, page, story: Story, wants_live: bool):
        """The story as the page's newest revision, a draft until published."""
        (item,) = self.resolve([story])
        page.title = story.headline
        page.standfirst = story.standfirst
        page.language = language_tag(story.language)
        page.body = item.blocks
        page.topic = item.topics[0] if item.topics else None
        page.article_authors = [
            ArticleAuthor(author=a, sort_order=i) for i, a in enumerate(item.authors)
        ]
        page.article_topics = [
            ArticleTopic(topic=t, sort_order=i) for i, t in enumerate(item.topics[1:])
        ]
        page.go_live_at = item.go_live_at
        if wants_live and page.first_published_at is None:
            page.first_published_at = published_dates(story)[0]
        return page.save_revision(log_action=True)

    def finish(self) -> Tally:
        self.flush()
        if self.tally.imported >= ANALYZE_AFTER:
            bulk.refresh_statistics(self.tally.imported)
        return self.tally


def is_older(story: Story, wire: WireItem) -> bool:
    """Is this a replay of a version older than the one already imported?
    (Agencies re-send on reconnects; order of arrival is not of versions.)"""
    if story.version_created is None or wire.version_created is None:
        return False
    return story.version_created < wire.version_created


def edited_in_newsroom(page: ArticlePage) -> bool:
    """Has an editor saved the page in the admin? The importer saves its
    revisions with no user; the admin saves an editor's with theirs. From the
    first such revision on, every agency update is held as a draft, so an
    editor's revision is always newer than the last update applied."""
    return page.revisions.filter(user__isnull=False).exists()


def taken_down(page: ArticlePage) -> bool:
    """Was the page live once and is now neither live nor scheduled? An
    editor unpublished it, or a kill did: the agency's next version does not
    put it back by itself."""
    return (
        page.first_published_at is not None
        and not page.live
        and not (scheduled_revisions(page).exists())
    )


def never_published(page: ArticlePage) -> bool:
    """Imported as a draft and left so: an identical re-send with --publish may
    still publish it. A page that was live once and was taken down (by an
    editor, or a kill) stays down; a scheduled one stays scheduled."""
    if page.first_published_at is not None:
        return False
    return not scheduled_revisions(page).exists()


def scheduled_revisions(page: ArticlePage):
    """The page's revisions approved to go live at a time still to come."""
    return page.revisions.filter(approved_go_live_at__isnull=False)


def cancel_schedule(page: ArticlePage) -> bool:
    """Cancel any scheduled publication, as the admin's "Cancel scheduled
    publish" does: clearing the revision's go-live time through save() logs
    "wagtail.schedule.cancel" in the page's history. True if there was one."""
    scheduled = list(scheduled_revisions(page))
    for revision in scheduled:
        revision.approved_go_live_at = None
        revision.save(update_fields=["approved_go_live_at"])
    return bool(scheduled)


def take_down(page: ArticlePage, pubstatus: str) -> str:
    """Apply a kill: neither the live copy nor an embargoed one scheduled to
    go live (Wagtail's publish_scheduled would publish it when the embargo
    lifts) may stay. The note for the run, or "" if there was nothing to do."""
    done = []
    if cancel_schedule(page):
        done.append("scheduled publication canceled")
    if page.live:
        page.unpublish(log_action=True)
        done.append("unpublished")
    return f"{pubstatus} by the agency: {', '.join(done)}" if done else ""


def unique_objects(objects) -> list:
    seen, kept = set(), []
    for obj in objects:
        if obj is not None and obj.pk not in seen:
            seen.add(obj.pk)
            kept.append(obj)
    return kept
