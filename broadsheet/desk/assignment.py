"""Placing copy in stories as it arrives: the desk's side of the clusterer.

Every process that assigns keeps a StoryClusterer in memory (`_window`), the
same one `broadsheet cluster` drives. It is built at a process's first turn,
before the lock is taken, by replaying the stored entries of the window
(their features are stored, so no text is read again; bench/desk_rebuild.py
times it) and kept up to date incrementally: each turn first
replays the entries other processes added since, then assigns. A turn holds
the desk's lock (DeskLock) from that catch-up to its commit, so two
processes never decide at once and each decides with everything decided
before it, as the one-pass clusterer does offline. A turn that fails or is
rolled back leaves its memory behind: the next one rebuilds it.

Turns run in the worker (tasks sent after each committed intake batch and
each publish, and a periodic sweep for anything a lost task left waiting).
"""

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Max, Min, Q
from django.utils import timezone

from broadsheet.desk.clustering.clusterer import Assignment, Settings, StoryClusterer
from broadsheet.desk.clustering.features import Document, Features, features
from broadsheet.desk.models import DeskEntry, DeskLock, DeskStory
from broadsheet.enrich.page_text import story_for
from broadsheet.news.models import ArticlePage
from broadsheet.wire.importer import DEFAULT_SECTION, Sections
from broadsheet.wire.models import WireItem

logger = logging.getLogger(__name__)

BATCH = 200  # items a turn assigns; a sweep takes as many turns as it needs


@dataclass
class _Window:
    clusterer: StoryClusterer
    last_entry: int  # the newest DeskEntry it has taken in
    committed: bool = True  # False while a turn's decisions may roll back


_window: _Window | None = None


def clusterer_settings() -> Settings:
    """The clusterer as `broadsheet cluster` runs it by default."""
    return replace(Settings(), window_days=settings.DESK_WINDOW_DAYS)


def window_start():
    return timezone.now() - timedelta(days=settings.DESK_WINDOW_DAYS)


# The window in memory


def rebuild() -> _Window:
    """A clusterer holding the stored window, replayed in assignment order,
    up to the newest entry when it starts (a turn catches up from there)."""
    started = time.monotonic()
    clusterer = StoryClusterer(clusterer_settings())
    newest = DeskEntry.objects.aggregate(time=Max("time"), pk=Max("pk"))
    window = _Window(clusterer, newest["pk"] or 0)
    if newest["time"] is not None:
        since = newest["time"] - timedelta(days=settings.DESK_WINDOW_DAYS)
        stored = DeskEntry.objects.filter(time__gte=since, pk__lte=newest["pk"])
        replay(clusterer, stored)
    seconds = time.monotonic() - started
    # Worth an operator's notice only when it held up the worker (a large
    # window after a restart); `broadsheet demo` and the tests stay quiet.
    logger.log(
        logging.INFO if seconds >= 1 else logging.DEBUG,
        "desk window rebuilt: %d pieces of copy in %.2f s",
        len(clusterer),
        seconds,
    )
    return window


def catch_up(window: _Window) -> None:
    """Take in what other processes assigned since this one last looked."""
    newer = DeskEntry.objects.filter(pk__gt=window.last_entry)
    last = replay(window.clusterer, newer)
    window.last_entry = max(window.last_entry, last)


def replay(clusterer: StoryClusterer, entries) -> int:
    """Feed stored decisions to the clusterer; the last entry's pk."""
    rows = entries.order_by("pk").values_list(
        "pk", "key", "features", "story__key", "copy_of__key", "merged"
    )
    last = 0
    for pk, key, stored, story, copy_of, merged in rows.iterator(chunk_size=2000):
        # A merge already stored has moved the merged stories' entries: a
        # rebuild files them under the surviving story from the start, and
        # a process that kept them apart in memory merges them here.
        decided = Assignment(
            story, False, 0.0, duplicate_of=copy_of, merged=tuple(merged or ())
        )
        clusterer.replay(key, Features.from_dict(stored), decided)
        last = pk
    return last


@contextmanager
def turn():
    """The desk's lock and an up-to-date clusterer, for one transaction."""
    global _window
    if _window is None or not _window.committed:
        # Before the lock: a long rebuild holds up no other process's turns.
        _window = rebuild()
    with transaction.atomic():
        DeskLock.objects.bulk_create([DeskLock(pk=1)], ignore_conflicts=True)
        DeskLock.objects.filter(pk=1).update(turns=F("turns") + 1)
        catch_up(_window)
        window = _window
        window.committed = False
        try:
            yield window
        except BaseException:
            _window = None
            raise
        transaction.on_commit(lambda: _committed(window))


def _committed(window: _Window) -> None:
    window.committed = True


def forget_window() -> None:
    """As a restarted process starts: nothing in memory."""
    global _window
    _window = None


# What is waiting


def waiting_items(limit=BATCH):
    """Wire items of the window not on the desk yet, in arrival order."""
    return list(
        WireItem.objects.filter(
            desk_entry__isnull=True, received_at__gte=window_start()
        )
        .exclude(pubstatus__in=["canceled", "withheld"])
        .select_related("source__section", "article__section")
        .order_by("pk")[:limit]
    )


def waiting_articles(article_ids):
    """Published stories not on the desk. A story made from a wire item is
    there already: its item stands for it."""
    return list(
        ArticlePage.objects.filter(pk__in=article_ids, live=True)
        .filter(desk_entry__isnull=True, wire_item__isnull=True)
        .select_related("section", "topic")
        .order_by("first_published_at", "pk")
    )


# Copy as the clusterer reads it


def item_time(item: WireItem):
    """Published at its source, never later than it came."""
    if item.published_at is None:
        return item.received_at
    return min(item.published_at, item.received_at)


def item_document(item: WireItem) -> Document:
    return Document(
        id=f"item:{item.pk}",
        text=item.text or item.standfirst,
        title=item.headline,
        published=item_time(item),
        source=item.source.name if item.source_id else "",
    )


def article_document(page: ArticlePage) -> Document:
    story = story_for(page)
    return Document(
        id=f"page:{page.pk}",
        text="\n".join(story.paragraphs) or page.standfirst,
        title=page.title,
        published=page.first_published_at or timezone.now(),
    )


# Turns


def assign_waiting(limit=BATCH) -> int:
    """Assign the wire items waiting, a turn of at most `limit` at a time;
    how many were assigned."""
    return assign_for(None, limit)[0]


def assign_for(seconds: float | None, limit=BATCH) -> tuple[int, bool]:
    """Turns until nothing is waiting or, after the turn that passes
    `seconds`, stop: (how many were assigned, whether copy may still be
    waiting). A backlog (a bulk import of 100,000 took 17 minutes to place)
    is then worked through in slices, with the worker's scheduled publishing
    between them (desk/tasks.py)."""
    deadline = None if seconds is None else time.monotonic() + seconds
    total = 0
    while True:
        done = assign(limit=limit)
        total += done
        if done < limit:
            return total, False
        if deadline is not None and time.monotonic() >= deadline:
            return total, True


def assign(article_ids=(), limit=BATCH) -> int:
    """One turn: the waiting wire items (up to `limit`), then these published
    stories. Features are read before the lock is taken (the slow part), and
    what another process assigned meanwhile is left to it."""
    items = read(waiting_items(limit), item_document)
    pages = read(waiting_articles(article_ids), article_document)
    if not items and not pages:
        return 0
    with turn() as window:
        placed = Placer(window)
        taken = set(
            DeskEntry.objects.filter(
                Q(item__in=[i for i, _ in items]) | Q(article__in=[p for p, _ in pages])
            ).values_list("key", flat=True)
        )
        for item, found in items:
            if f"item:{item.pk}" not in taken:
                placed.item(item, found)
        for page, found in pages:
            if f"page:{page.pk}" not in taken:
                placed.article(page, found)
        placed.finish()
    return placed.count


def read(copy, document) -> list[tuple]:
    """(copy, its features) for each piece the clusterer can read. One that
    it cannot is logged and left waiting, not allowed to stop the rest."""
    found = []
    for one in copy:
        try:
            found.append((one, features(document(one))))
        except Exception:
            logger.exception("desk: could not read %s %s", type(one).__name__, one.pk)
    return found


class Placer:
    """Assigns copy within a turn and stores each decision."""

    def __init__(self, window: _Window):
        self.window = window
        self.stories: dict[str, DeskStory] = {}
        self.entries: dict[str, DeskEntry] = {}
        self.touched: set[int] = set()
        self.count = 0
        try:
            self.sections = Sections(DEFAULT_SECTION)
        except LookupError:  # a site without the default section
            self.sections = None

    def item(self, item: WireItem, found: Features) -> None:
        section = self.item_section(item)
        self.place(
            f"item:{item.pk}", found, item_time(item), item.headline, section, item=item
        )

    def article(self, page: ArticlePage, found: Features) -> None:
        when = page.first_published_at or timezone.now()
        self.place(
            f"page:{page.pk}", found, when, page.title, page.section, article=page
        )

    def item_section(self, item: WireItem):
        if item.article_id and item.article.section_id:
            return item.article.section
        if self.sections is not None and (named := self.sections.named_section(item)):
            return named
        if item.source_id and item.source.section_id:
            return item.source.section
        return self.sections.default if self.sections is not None else None

    def place(self, key, found, when, headline, section, **copy) -> None:
        decided = self.window.clusterer.assign(key, found)
        story = self.story(decided, when, headline, section)
        self.merge(story, decided.merged)
        entry = DeskEntry.objects.create(
            key=key,
            story=story,
            copy_of=self.entry(decided.duplicate_of),
            features=found.to_dict(),
            merged=list(decided.merged),
            time=when,
            **copy,
        )
        self.entries[key] = entry
        self.window.last_entry = entry.pk
        self.touched.add(story.pk)
        self.count += 1

    def story(self, decided: Assignment, when, headline, section) -> DeskStory:
        key = decided.story
        if key not in self.stories:
            found = DeskStory.objects.filter(key=key).first()
            if found is None:
                found = DeskStory.objects.create(
                    key=key,
                    headline=headline[:255],
                    first_seen=when,
                    last_seen=when,
                    rank_at=when,
                    section=section,
                )
            self.stories[key] = found
        story = self.stories[key]
        if story.section_id is None and section is not None:
            story.section = section
            story.save(update_fields=["section"])
        return story

    def merge(self, story: DeskStory, keys) -> None:
        """The clusterer found these stories to be one with `story`: their
        copy moves to it and they leave the desk (its counts are refreshed
        at the end of the turn)."""
        if not keys:
            return
        gone = list(DeskStory.objects.filter(key__in=keys).exclude(pk=story.pk))
        DeskEntry.objects.filter(story__in=gone).update(story=story)
        for old in gone:
            self.stories.pop(old.key, None)
            self.touched.discard(old.pk)
        DeskStory.objects.filter(pk__in=[old.pk for old in gone]).delete()
        if story.section_id is None:
            section = next((old.section for old in gone if old.section_id), None)
            if section is not None:
                story.section = section
                story.save(update_fields=["section"])
        self.touched.add(story.pk)

    def entry(self, key: str | None) -> DeskEntry | None:
        if key is None:
            return None
        if key not in self.entries:
            self.entries[key] = DeskEntry.objects.filter(key=key).first()
        return self.entries[key]

    def finish(self) -> None:
        refresh_counts(self.touched)


def refresh_counts(story_ids) -> None:
    """Each story's times and counts, from its entries. Items imported from
    files (no source) count as one source."""
    if not story_ids:
        return
    rows = (
        DeskEntry.objects.filter(story_id__in=story_ids)
        .values("story_id")
        .annotate(
            first=Min("time"),
            last=Max("time"),
            items=Count("item_id"),
            sources=Count("item__source_id", distinct=True),
            unsourced=Count("pk", filter=Q(item__isnull=False, item__source=None)),
        )
    )
    stories = []
    for row in rows:
        story = DeskStory(
            pk=row["story_id"],
            first_seen=row["first"],
            last_seen=row["last"],
            item_count=row["items"],
            source_count=row["sources"] + (1 if row["unsourced"] else 0),
        )
        story.rank()
        stories.append(story)
    DeskStory.objects.bulk_update(
        stories, ["first_seen", "last_seen", "item_count", "source_count", "rank_at"]
    )
