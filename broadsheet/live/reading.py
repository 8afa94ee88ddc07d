"""What a reader's page of a live blog shows, in a fixed number of queries
however many entries it holds: the pinned entry, a page of entries, the key
events box, and the version open pages poll from."""

from dataclasses import dataclass

from django.db.models import Max, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from wagtail.blocks import StreamValue

from broadsheet.core.cache_keys import do_not_store
from broadsheet.news.pagination import ListingPage, page_of

ENTRIES_PER_PAGE = 20
# A ?page= past this is past the end of any blog (and a number this size
# still fits the database's OFFSET).
MAX_PAGE = 10_000
# Open pages poll every POLL_SECONDS for an address that changes every
# BUCKET_SECONDS: all readers polling within a bucket ask for the same URL,
# which the page cache (and a CDN in front) answers once. An entry reaches a
# reader within POLL_SECONDS + BUCKET_SECONDS at worst.
POLL_SECONDS = 10
BUCKET_SECONDS = 5


def stamp(moment) -> int:
    """A moment as whole microseconds since the epoch: what pages and the
    polling endpoint compare (JavaScript numbers hold it exactly)."""
    return int(moment.timestamp() * 1_000_000) if moment else 0


def current_bucket(now=None) -> int:
    return int((now or timezone.now()).timestamp()) // BUCKET_SECONDS


def page_number(request) -> int:
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def paginate_entries(request, entries) -> ListingPage:
    """A page of entries; a number past the end shows the last page."""
    number = page_number(request)
    page = page_of(entries, number, ENTRIES_PER_PAGE)
    if page.object_list or number == 1:
        return page
    do_not_store(request)  # any number past the end would be another copy
    last = max(1, -(-entries.count() // ENTRIES_PER_PAGE))
    return page_of(entries, last, ENTRIES_PER_PAGE)


def prepare_bodies(entries) -> None:
    """Load every entry's blocks at once: the pictures of all entries in one
    query and their renditions in one more, not one each. Each entry gets
    `blocks`, its body's blocks to render."""
    from broadsheet.live.models import LiveEntry

    entries = list(entries)
    stream_block = LiveEntry._meta.get_field("body").stream_block
    raw, spans = [], []
    for entry in entries:
        start = len(raw)
        raw.extend(dict(block) for block in entry.body.raw_data)
        spans.append((start, len(raw)))
    blocks = list(StreamValue(stream_block, raw, is_lazy=True))
    images = [
        block.value["image"]
        for block in blocks
        if block.block_type == "image" and block.value["image"]
    ]
    prefetch_related_objects(images, "renditions")
    for entry, (start, end) in zip(entries, spans, strict=True):
        entry.blocks = blocks[start:end]


@dataclass(frozen=True)
class KeyEvent:
    entry: object
    # Where the entry is: "#entry-1" on this page, "?page=3#entry-1" elsewhere.
    href: str


def key_events(blog, shown, pinned, oldest_first, current_page) -> list[KeyEvent]:
    """The key entries, in reading order, each linked on its own page of the
    blog. One query for the order of all entries, one for the key ones."""
    order = list(
        shown.exclude(pk=pinned.pk if pinned else None)
        .in_reading_order(oldest_first)
        .values_list("pk", flat=True)
    )
    page_of_entry = {pk: i // ENTRIES_PER_PAGE + 1 for i, pk in enumerate(order)}
    if pinned:
        page_of_entry[pinned.pk] = 1
    events = []
    for entry in shown.filter(key_event=True).in_reading_order(oldest_first):
        page = page_of_entry.get(entry.pk, 1)
        prefix = "" if page == current_page else f"?page={page}"
        events.append(KeyEvent(entry, f"{prefix}#{entry.anchor}"))
    return events


def version(blog) -> int:
    """The blog's latest change: its entries' newest edit, deleted ones too."""
    latest = blog.entries.aggregate(latest=Max("updated_at"))["latest"]
    return stamp(latest)


# What reader_view reads from the database; the rest needs no query.
READ_NAMES = (
    "entries",
    "pinned_entry",
    "key_events",
    "oldest_first",
    "live_version",
    "newest_posted",
)


def lazy_reader_view(blog, request) -> dict:
    """reader_view's values, read (once, all together) only when a fragment
    that shows them is rendered: the entries or the head's JSON-LD. A page
    put together from cached fragments reads none of them."""
    view = SimpleLazyObject(lambda: reader_view(blog, request))
    context = {
        name: SimpleLazyObject(lambda name=name: view[name]) for name in READ_NAMES
    }
    context.update(
        poll_seconds=POLL_SECONDS,
        bucket_seconds=BUCKET_SECONDS,
        # The page of entries asked for, for the fragments' keys (a number
        # past the end shows the last page, and is not stored).
        live_page=page_number(request),
    )
    return context


def reader_view(blog, request) -> dict:
    if blog.pk is None:  # the preview of a live blog not saved yet
        return preview_view()
    shown = blog.entries.shown()
    oldest_first = blog.is_ended
    pinned = shown.filter(pinned=True).for_display().first()
    listed = shown.for_display().in_reading_order(oldest_first)
    if pinned:
        listed = listed.exclude(pk=pinned.pk)
    entries = paginate_entries(request, listed)
    # The pinned entry heads the first page only.
    pinned_here = pinned if entries.number == 1 else None
    prepare_bodies([*entries, *([pinned_here] if pinned_here else [])])
    return {
        "entries": entries,
        "pinned_entry": pinned_here,
        "key_events": key_events(blog, shown, pinned, oldest_first, entries.number),
        "oldest_first": oldest_first,
        "live_version": version(blog),
        "newest_posted": max((stamp(e.posted_at) for e in entries), default=0),
        "poll_seconds": POLL_SECONDS,
        "bucket_seconds": BUCKET_SECONDS,
    }


def preview_view() -> dict:
    return {
        "entries": ListingPage([], 1, False),
        "pinned_entry": None,
        "key_events": [],
        "oldest_first": False,
        "live_version": 0,
        "newest_posted": 0,
        "poll_seconds": POLL_SECONDS,
        "bucket_seconds": BUCKET_SECONDS,
    }
