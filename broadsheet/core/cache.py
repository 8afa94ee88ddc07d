"""A site-wide content generation number for fragment caches.

Every publish, unpublish or settings change bumps it, so cached fragments
(navigation, Editors' Picks, Latest News) are never staler than the last
change. Kept in the shared cache so all server processes see the same number.
"""

import time

from django.core.cache import cache

GENERATION_KEY = "broadsheet:content-generation"
# Fragments expire on their own too, in case a change slipped past a signal.
FRAGMENT_TIMEOUT = 600


def content_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        cache.set(GENERATION_KEY, generation, None)
    return generation


def bump_content_generation(**kwargs) -> None:
    cache.set(GENERATION_KEY, time.time_ns(), None)
