"""Stories to wire items and articles: new ones in bulk, re-sent ones as
Wagtail revisions.

Every story is kept as a WireItem (the desk's copy). An item whose uri, link
or words an earlier item already has is an exact duplicate: it makes no
second item. With `make_pages` (file imports, trusted sources) each new item
also becomes an article; without (sources whose items wait on the desk) it
waits for an editor's "Create story". After each batch is committed,
items_received names the items it added or changed.

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
down and cancel a scheduled one, whoever edited it last (unpublishing purges
it from every cache). A re-send of a story readers have read that carries a
new edNote, or a higher ninjs version, adds a note to the story (a correction
when the edNote says so, else an editor's note): it is dated, moves the
story's "Updated" time and enters its public history when published.
"""

import html
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags

from broadsheet.news.models import (
    NOTE_LIMIT,
    ArticleNote,
    ArticlePage,
    NoteKind,
    SectionPage,
)
from broadsheet.wire import bulk
from broadsheet.wire.html import text_of
from broadsheet.wire.mapping import article_fields, resolve_names
from broadsheet.wire.models import WireItem
from broadsheet.wire.parsers.base import WireStory
from broadsheet.wire.signals import items_received

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# Smaller runs leave the planner's statistics to autovacuum (bulk.py).
ANALYZE_AFTER = 100
DEFAULT_SECTION = "world"  # where agency copy lands when nothing names a desk
USABLE = "usable"
CANCELED = "canceled"
# What a re-sent item did to its article: the tally it counts in.
UPDATED, UNCHANGED, SKIPPED = "updated", "unchanged", "skipped"
IMPORTED, REFUSED = "imported", "refused"  # the other tallies
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


# An agency's edNote that says it corrects the story ("CORRECTS spelling of
# name", "Correction: ...") is a correction; any other is an editor's note.
CORRECTION_WORDS = re.compile(r"\bcorrect(s|ed|ion|ing)?\b", re.IGNORECASE)

NOTICE_FIELDS = ("fingerprint", "source_format", "pubstatus", "version_created")


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

    def named_section(self, story) -> SectionPage | None:
        """The section a story's (or a stored item's) genres or topics name."""
        for name in (*story.genres, *story.topics):
            if section := self.by_name.get(name.casefold()):
                return section
        return None

    def section_for(self, story) -> SectionPage:
        return self.named_section(story) or self.default

    def sections_for(self, stories: list, classify: bool) -> list[SectionPage]:
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


def wire_text(story) -> str:
    return "\n".join(
        [story.headline, story.standfirst, html.unescape(strip_tags(story.body_html))]
    )


def published_dates(story: WireStory):
    """(first, last) published: the agency's, never in the future."""
    now = timezone.now()
    first = min(story.first_created or story.version_created or now, now)
    last = min(story.version_created or first, now)
    return first, max(first, last)


def item_values(story: WireStory) -> dict:
    """A WireItem's own copy of the story, as stored and updated."""
    return {
        "source_format": story.source_format,
        "fingerprint": story.fingerprint,
        "content_key": story.content_key,
        "headline": story.headline,
        "standfirst": story.standfirst,
        "body_html": story.body_html,
        "text": text_of(story.body_html),
        "authors": list(story.authors),
        "topics": list(story.topics),
        "genres": list(story.genres),
        "link": story.link,
        "language": story.language,
        "image_url": story.image_url,
        "pubstatus": story.pubstatus,
        "published_at": story.first_created,
        "version_created": story.version_created,
        "version": story.version,
        "ed_note": story.ed_note,
    }


def canonical(link: str) -> bool:
    """Does the link name one story? Some feeds give every entry the site's
    home page as its link: that names none, and makes no two items copies."""
    return bool(link) and urlsplit(link).path.strip("/") != ""


class Copies:
    """Copy already received under another uri: an earlier item with the
    same link, or with the same words (exact duplicates make no new item).
    One query for the batch; the batch's own items count as they are added."""

    def __init__(self, stories: list[WireStory]):
        links = {story.link for story in stories if canonical(story.link)}
        keys = {story.content_key for story in stories}
        rows = WireItem.objects.filter(
            Q(link__in=links) | Q(content_key__in=keys)
        ).values_list("uri", "link", "content_key")
        self.by_link = {link: uri for uri, link, _ in rows if link}
        self.by_key = {key: uri for uri, _, key in rows}

    def original(self, story: WireStory) -> str:
        """The uri this story is a copy of, or "" (then it is remembered)."""
        link = story.link if canonical(story.link) else ""
        found = (self.by_link.get(link) if link else None) or (
            self.by_key.get(story.content_key)
        )
        if found:
            return found
        if link:
            self.by_link[link] = story.uri
        self.by_key[story.content_key] = story.uri
        return ""


class Importer:
    """Stories in, wire items (and, with `make_pages`, articles) out, a batch
    at a time. Every committed batch is announced with items_received."""

    def __init__(
        self,
        *,
        publish: bool,
        default_section: str = DEFAULT_SECTION,
        classify: bool = True,
        batch_size: int = BATCH_SIZE,
        report_error=logger.error,
        report_note=logger.info,
        on_outcome=None,
        source=None,
        make_pages: bool = True,
    ):
        self.publish = publish
        self.sections = Sections(default_section)
        self.classify = classify
        self.batch_size = batch_size
        self.report_error = report_error
        self.report_note = report_note
        # on_outcome(name, outcome, reason): each document's fate, for callers
        # that answer per document (the push endpoint).
        self.on_outcome = on_outcome
        self.source = source
        self.credit = source.credit if source is not None else ""
        self.make_pages = make_pages
        self.tally = Tally()
        self.pending = {}  # uri: (document name, story)
        self.blocks = {}  # uri: body blocks, when the reader made them
        self.received = []  # ids of the items this batch added or changed

    @classmethod
    def for_source(cls, source, **options) -> "Importer":
        """As the source's trust level says: a trusted source's items are
        published at once; any other's wait on the desk, with no page."""
        section = source.section
        return cls(
            publish=source.publishes,
            make_pages=source.publishes,
            default_section=section.slug if section else DEFAULT_SECTION,
            classify=section is None,
            source=source,
            **options,
        )

    def refused(self, name, reason):
        self.record(name, REFUSED, reason)
        self.report_error(f"{name}: {reason}")

    def skipped(self, name, reason):
        self.record(name, SKIPPED, reason)
        self.report_note(f"{name}: {reason}")

    def record(self, name, outcome: str, reason: str = "") -> None:
        setattr(self.tally, outcome, getattr(self.tally, outcome) + 1)
        if self.on_outcome is not None:
            self.on_outcome(name, outcome, reason)

    def add(self, name: str, story: WireStory, blocks=None) -> None:
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
        copies = Copies([story for _, story in batch if story.uri not in known])
        new = []
        for name, story in batch:
            item = known.get(story.uri)
            if item is not None and (item.article_id or not self.make_pages):
                self.update(name, story, item)
            elif story.pubstatus == CANCELED:
                self.skipped(
                    name, "skipped: canceled by the agency, never published here"
                )
            elif story.is_notice:
                self.skipped(name, f"skipped: {story.pubstatus} by the agency")
            elif item is None and (original := copies.original(story)):
                self.skipped(name, f"skipped: the same copy as {original}")
            else:
                new.append((name, story, item))
        self.create(new)
        self.announce()

    def announce(self) -> None:
        """items_received, once what was received is committed."""
        ids, self.received = self.received, []
        if ids:
            transaction.on_commit(lambda: send_items_received(ids))

    # New items (and their stories, in bulk)

    def create(self, batch) -> None:
        """`batch`: (name, story, item), item an existing WireItem that has no
        article (its page was deleted, or it waited on the desk) or None."""
        if not batch:
            return
        try:
            with transaction.atomic():
                articles = [None] * len(batch)
                if self.make_pages:
                    stories = [story for _, story, _ in batch]
                    articles = bulk.create_articles(self.resolve(stories))
                ids = self.store_items(batch, articles)
        except DatabaseError as error:
            if len(batch) > 1:
                # Find the one story the database will not take; keep the rest.
                for one in batch:
                    self.create([one])
                return
            self.refused(batch[0][0], f"not imported: database error: {error}")
            return
        for name, _, _ in batch:
            self.record(name, IMPORTED)
        self.received.extend(ids)

    def store_items(self, batch, articles) -> list[int]:
        """Write the batch's wire items (in the caller's transaction): new
        ones in one insert, ids taken first; existing ones one by one."""
        fresh, ids = [], []
        for (_, story, item), article in zip(batch, articles, strict=True):
            values = {**item_values(story), "article": article}
            if item is None:
                fresh.append(WireItem(uri=story.uri, source=self.source, **values))
                continue
            for name, value in values.items():
                setattr(item, name, value)
            item.save()
            ids.append(item.pk)
        if fresh:
            allocated = bulk.allocate_ids(WireItem, len(fresh))
            for item, pk in zip(fresh, allocated, strict=True):
                item.id = pk
            bulk.insert_rows(WireItem, fresh, with_ids=True)
        return ids + [item.pk for item in fresh]

    def resolve(self, stories: list[WireStory]) -> list[bulk.NewArticle]:
        """Where each story goes and what its page says: two queries for the
        batch, plus one insert per author or topic seen for the first time."""
        authors, topics = resolve_names(stories, self.credit)
        sections = self.sections.sections_for(stories, self.classify)
        return [
            self.new_article(story, section, authors, topics)
            for story, section in zip(stories, sections, strict=True)
        ]

    def new_article(self, story, section, authors, topics) -> bulk.NewArticle:
        item = bulk.NewArticle(
            story=story,
            section=section,
            fields=self.fields(story, authors, topics),
        )
        if self.publish and story.pubstatus == USABLE:
            embargo = story.embargoed_until
            if embargo and embargo > timezone.now():
                item.state, item.go_live_at = "scheduled", embargo
            else:
                item.state = "live"
                item.first_published_at, item.last_published_at = published_dates(story)
        return item

    def fields(self, story, authors, topics):
        blocks = self.blocks.pop(story.uri, None)
        return article_fields(story, authors, topics, blocks, self.credit)

    # Re-sent items: their own copy, and their story through Wagtail

    def update(self, name, story: WireStory, wire: WireItem) -> None:
        try:
            with transaction.atomic():
                if wire.article_id:
                    outcome, note = self.update_article(story, wire)
                else:
                    outcome, note = self.update_item(story, wire)
        except DatabaseError as error:
            self.refused(name, f"not updated: database error: {error}")
            return
        # Reported once committed: a rolled-back update has nothing to say.
        if outcome == SKIPPED:
            self.skipped(name, note)
            return
        self.record(name, outcome, note)
        if outcome == UPDATED:
            self.received.append(wire.pk)
        if note:
            self.report_note(f"{name}: {note}")

    def update_item(self, story: WireStory, wire: WireItem) -> tuple[str, str]:
        """A re-sent item that waits on the desk (no article): its copy."""
        wire = WireItem.objects.select_for_update().get(pk=wire.pk)
        if is_older(story, wire):
            return SKIPPED, older_note(story, wire)
        if wire.fingerprint == story.fingerprint:
            return UNCHANGED, ""
        save_item(wire, story)
        return UPDATED, ""

    def update_article(self, story: WireStory, wire: WireItem) -> tuple[str, str]:
        """(outcome, note) of applying a re-sent story to its article."""
        page = ArticlePage.objects.select_for_update().get(pk=wire.article_id)
        # Re-read under the page's lock: another import may have just
        # applied a newer version.
        wire.refresh_from_db(
            fields=["fingerprint", "version_created", "version", "ed_note"]
        )
        if is_older(story, wire):
            return SKIPPED, older_note(story, wire)
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
        # A bare kill notice changes nothing of the copy: it takes it down.
        revision = None
        if not story.is_notice:
            note = None if kill else self.readers_note(page, story, wire)
            revision = self.save_story_revision(page, story, wants_live, note)
        note = ""
        if kill:
            note = take_down(page, story.pubstatus)
        elif held:
            note = held
        elif wants_live:
            revision.publish(log_action=True)
        save_item(wire, story)
        return UPDATED, note

    def readers_note(self, page, story: WireStory, wire: WireItem):
        """The note readers are shown for an agency's update of a story they
        have read: its new edNote, or, for a higher version without one, that
        the agency updated it. None for a story never published here."""
        if page.first_published_at is None:
            return None
        if story.ed_note and story.ed_note != wire.ed_note:
            kind = NoteKind.EDITORS_NOTE
            if CORRECTION_WORDS.search(story.ed_note):
                kind = NoteKind.CORRECTION
            text = story.ed_note
        elif is_higher_version(story.version, wire.version):
            kind = NoteKind.EDITORS_NOTE
            text = (
                f"This story was updated by {self.credit or 'the agency'} "
                f"(version {story.version})."
            )
        else:
            return None
        if any(note.text == text for note in page.notes.all()):
            return None  # the same note sent again
        return ArticleNote(kind=kind, text=text[:NOTE_LIMIT])

    def save_story_revision(self, page, story: WireStory, wants_live: bool, note=None):
        """The story as the page's newest revision, a draft until published,
        with the agency's note (readers_note) added to its notes."""
        authors, topics = resolve_names([story], self.credit)
        self.fields(story, authors, topics).apply_to(page)
        if note is not None:
            page.notes.add(note)
        page.go_live_at = None
        embargo = story.embargoed_until
        if self.publish and story.pubstatus == USABLE and embargo:
            page.go_live_at = embargo if embargo > timezone.now() else None
        if wants_live and page.first_published_at is None:
            page.first_published_at = published_dates(story)[0]
        return page.save_revision(log_action=True)

    def finish(self) -> Tally:
        self.flush()
        if self.tally.imported >= ANALYZE_AFTER:
            bulk.refresh_statistics(self.tally.imported)
        return self.tally


def save_item(wire: WireItem, story: WireStory) -> None:
    values = item_values(story)
    if story.is_notice:  # a kill notice without copy keeps the item's copy
        values = {name: values[name] for name in NOTICE_FIELDS}
    for name, value in values.items():
        setattr(wire, name, value)
    wire.save()


def send_items_received(item_ids: list[int]) -> None:
    # Robust: the batch is committed; a listener's failure (the desk's
    # clustering, say) must not make the importer think the batch failed.
    for receiver, error in items_received.send_robust(
        sender=WireItem, item_ids=item_ids
    ):
        if isinstance(error, Exception):
            logger.error("after intake, %s failed: %s", receiver, error)


def is_higher_version(new: str, old: str) -> bool:
    """Is `new` a later agency version than `old`? Numbers compare as
    numbers; an agency's own version strings only as different."""
    if not new or not old:
        return False
    if new.isdigit() and old.isdigit():
        return int(new) > int(old)
    return new != old


def older_note(story: WireStory, wire: WireItem) -> str:
    return (
        "skipped: older than the version already imported "
        f"(versionCreated {story.version_created.isoformat()}, "
        f"imported {wire.version_created.isoformat()})"
    )


def is_older(story: WireStory, wire: WireItem) -> bool:
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
