"""A site-wide content generation number for fragment caches.

Every publish, unpublish or settings change bumps it, so cached fragments
(navigation, Editors' Picks, Latest News) are never staler than the last
change. Kept in the shared cache so all server processes see the same number.

The cache may be away for a while (Redis down: see resilient_cache.py). A
bump made then reaches only the local memory of the process that made it,
so that process bumps again once the cache answers (repair_after_outage).
"""

import time

from django.core.cache import cache
from django.db import transaction

from broadsheet.caching.signals import SITE_TAG, tags_invalidated

GENERATION_KEY = "broadsheet:content-generation"
# Fragments expire on their own too, in case a change slipped past a signal.
FRAGMENT_TIMEOUT = 600


def content_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # add(): processes that find it missing at once agree on one number.
        generation = time.time_ns()
        if not cache.add(GENERATION_KEY, generation, None):
            generation = cache.get(GENERATION_KEY) or generation
    return generation


def _bump() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), None)


def _invalidated() -> None:  # until broadsheet.caching sends its own tags
    tags_invalidated.send(sender=None, tags=frozenset({SITE_TAG}))


def bump_content_generation(**kwargs) -> None:
    """Now, and again when the surrounding transaction commits: a page
    rendered in between (another process, reading the old rows) must not
    be cached under the new number."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)
    transaction.on_commit(_invalidated)


def repair_after_outage(sender, lost_writes, **kwargs) -> None:
    """The cache is back: if this process changed something meanwhile (a
    publish's bump among it), every process must see a new generation."""
    if lost_writes:
        _bump()


def watch_cache() -> None:
    """One cheap read, so that a process that makes few cache calls of its
    own (the worker) notices soon that the cache is back."""
    cache.get(GENERATION_KEY)
