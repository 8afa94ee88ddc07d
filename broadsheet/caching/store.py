"""Cached entries that go stale by tag, revalidated by one process at a time.

An entry is fresh while its recorded tag versions match and it is younger
than its own lifetime (for what no signal announces: "5 minutes ago", a
story leaving the news sitemap's 48 hours). A stale entry is kept: while one
process renders it again (holding a short lock taken with cache.add), the
others serve the stale copy instead of rendering it too — stale while
revalidate, with the staleness bounded by the lock's lifetime. With no copy
at all, the others wait a moment for the one render rather than start their
own. A stale copy is also what readers get when rendering fails (the
database is down): see the page cache.
"""

import time
from dataclasses import dataclass, field

from django.core.cache import cache

from broadsheet.caching import versions

# How long one process may hold the right to re-render an entry: the longest
# a stale copy is served after its tags changed if that process dies or hangs.
LOCK_SECONDS = 5
# With no copy at all, how long others wait for the first render to land.
WAIT_SECONDS = 3
WAIT_STEP = 0.05
# Stale copies are kept this long: they are served while revalidating and
# when a render fails (yesterday's page rather than an error).
KEEP_SECONDS = 24 * 3600

FRESH, STALE, MISSING = "fresh", "stale", "missing"


@dataclass
class Entry:
    value: object
    versions: dict
    max_age: float
    stored_at: float = field(default_factory=time.time)

    @property
    def tags(self):
        return frozenset(self.versions)

    def is_fresh(self, key, fetched=None) -> bool:
        if time.time() - self.stored_at >= self.max_age:
            return False
        return versions.still_match(
            self.versions, checked_key(key), self.stored_at, fetched
        )


def cache_is_away() -> bool:
    """The shared cache is down (core/resilient_cache.py answers from this
    process's memory and probes it now and then, each probe waiting up to its
    timeout): a render then makes no more cache calls than it must."""
    breaker = getattr(cache, "breaker", None)
    return bool(breaker is not None and breaker.is_open)


def checked_key(key) -> str:
    return f"{key}:checked"


def lookup(key) -> tuple[Entry | None, str]:
    # The entry and what its freshness check reads, in one round trip.
    keys = [key, *versions.freshness_keys(checked_key(key))]
    found = cache.get_many(keys)
    entry = found.pop(key, None)
    if entry is None:
        return None, MISSING
    fetched = {name: found.get(name) for name in keys[1:]}
    return entry, FRESH if entry.is_fresh(key, fetched) else STALE


def claim(key) -> bool:
    """The right to render this entry, for LOCK_SECONDS; False when another
    process is rendering it now."""
    return cache.add(f"{key}:render", 1, LOCK_SECONDS)


def release(key) -> None:
    cache.delete(f"{key}:render")


# Entries this process has stored (see invalidation.invalidate).
stored = 0


def store(key, entry: Entry) -> None:
    global stored
    cache.set(key, entry, KEEP_SECONDS)
    stored += 1


def wait_for(key) -> Entry | None:
    """The entry another process is rendering, once stored; None when it takes
    longer than WAIT_SECONDS (the caller then renders it itself)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP)
        entry = cache.get(key)
        if entry is not None:
            return entry
        if cache.get(f"{key}:render") is None:
            return None  # the render failed or was not cacheable
    return None
