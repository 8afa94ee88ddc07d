"""Renders that a purge overtook.

A page rendered from the rows as they were before a publish, and answered
after the purge that publish sent, would be stored in front as it was and
kept for CDN_MAX_AGE: the purge came too early for it. So each purge notes,
in the shared cache, when its tags went stale; a response that started
before that moment (or just after: clocks of two machines differ a little)
is served, but not marked for the cache in front. The next request renders
it again.
"""

import time

from django.core.cache import cache

KEY = "cdn:invalidated:{}"
# Renders take well under this; after it, the note has done its work.
REMEMBER = 120
# Clocks of the machine that published and the one that rendered differ by
# milliseconds under NTP; a render that starts this soon after a purge is
# served but not stored in front either.
CLOCK_MARGIN = 0.05


def note_invalidated(tags):
    now = time.time()
    cache.set_many({KEY.format(tag): now for tag in tags}, REMEMBER)


def overtaken(tags, started):
    """Whether any of these tags went stale after a render began."""
    noted = cache.get_many([KEY.format(tag) for tag in tags])
    return any(when >= started - CLOCK_MARGIN for when in noted.values())
