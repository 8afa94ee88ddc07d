"""Per-tag version numbers, kept in the shared cache.

Invalidating tags takes the next number of one site-wide sequence and writes
it as their version; an entry records the versions of its tags when it is
rendered and is fresh while they all still match, which costs one get_many
per lookup. A render notes the sequence when it begins: a tag whose version
is newer was invalidated while it rendered (it may have read the rows before
the change), so the render is recorded as already stale. No clocks are
compared. It works the same on the local memory cache, the file cache,
Redis and the resilient Redis cache (versions written during an outage are
written again once the cache is back: see broadsheet.caching.apps).
"""

import time

from django.core.cache import cache

from broadsheet.caching import tags

KEY = "tagv:{}"
SEQUENCE_KEY = "tagv-sequence"
# How long a check's sequence number is kept (see still_match): an entry
# read less often than this is checked tag by tag.
CHECKED_SECONDS = 3600
# Recorded for a tag whose content may be older than its version: it never
# matches, so the entry is stale from the start (but may be served while it
# is revalidated).
STALE = 0


def _keys(tags):
    return {KEY.format(tag): tag for tag in tags}


def now() -> int:
    """The sequence's current number: note it before a render begins."""
    number = cache.get(SEQUENCE_KEY)
    if number is None:
        # Started from the clock, so that a sequence lost with the cache
        # (a restart, an eviction) starts again above the numbers it gave.
        cache.add(SEQUENCE_KEY, time.time_ns(), None)
        number = cache.get(SEQUENCE_KEY, 0)
    return number


def _next() -> int:
    try:
        return cache.incr(SEQUENCE_KEY)
    except ValueError:  # missing
        now()
        return cache.incr(SEQUENCE_KEY)


def bump(tags) -> None:
    number = _next()
    cache.set_many({key: number for key in _keys(tags)}, None)
    # Moved again once the versions are written: a check that read the
    # sequence before this point sees it move (see still_match).
    _next()


def current(tags) -> tuple[dict, set]:
    """The tags' versions, and which of them did not exist (created now:
    nothing invalidated them)."""
    keys = _keys(tags)
    found = cache.get_many(list(keys))
    created = set()
    if len(found) < len(keys):
        number = now()
        for key in keys.keys() - found.keys():
            # add(): processes that find a version missing agree on one.
            if cache.add(key, number, None):
                found[key] = number
                created.add(keys[key])
            else:
                found[key] = cache.get(key, number)
    return {keys[key]: version for key, version in found.items()}, created


def record(tags, started, inherited) -> dict:
    """The versions a render that began at sequence number `started` is
    consistent with: a tag invalidated since is recorded STALE; a cached
    fragment's tags keep the versions the fragment was rendered at."""
    versions, created = current(tags)
    recorded = {}
    for tag, version in versions.items():
        changed = tag not in created and version > started
        recorded[tag] = STALE if changed else version
        if tag in inherited:
            recorded[tag] = min(recorded[tag], inherited[tag])
    return recorded


def match(recorded) -> bool:
    versions, _ = current(recorded)
    return all(versions.get(tag) == version for tag, version in recorded.items())


def still_match(recorded, checked_key, identity, fetched=None) -> bool:
    """match(), cheaply while nothing at all was invalidated since the last
    check of this entry: the sequence moves after every bump's versions are
    written, so one that has not moved since a check that found every tag
    unchanged means they still are. `checked_key` keeps (sequence, identity)
    of that check; identity tells this entry from another stored under the
    same key since. One or two reads per lookup however many tags an entry
    has (a front page's hundred teasers' tags are a hundred files on the
    file cache).

    A render reads the sequence at its first check and uses that number for
    the rest (one read per lookup, not two): it sees the cache as it was
    then. A tag invalidated later in the render still makes the page it
    stores stale, as record() reads the tags' versions when it ends.

    `fetched` holds what was read with the entry itself, in the same round
    trip (the keys freshness_keys() names): a cached page on Redis is then
    one request to it, not two."""
    render = tags.outermost()
    if render is not None and render.sequence is not None:
        sequence = render.sequence
        (checked,) = _read([checked_key], fetched)
    else:
        sequence, checked = _read([SEQUENCE_KEY, checked_key], fetched)
        if render is not None:
            render.sequence = sequence
    if sequence is not None and checked == (sequence, identity):
        return True
    sequence = now()  # read before the tags, so that a bump between moves it
    if not match(recorded):
        return False
    cache.set(checked_key, (sequence, identity), CHECKED_SECONDS)
    return True


def freshness_keys(checked_key) -> list[str]:
    """The keys still_match() will read for an entry: to be read with it."""
    render = tags.outermost()
    if render is not None and render.sequence is not None:
        return [checked_key]
    return [SEQUENCE_KEY, checked_key]


def _read(keys, fetched) -> list:
    fetched = fetched or {}
    missing = [key for key in keys if key not in fetched]
    found = cache.get_many(missing) if missing else {}
    return [fetched[key] if key in fetched else found.get(key) for key in keys]
