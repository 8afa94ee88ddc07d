"""Purging tags in front, after commit, without ever holding up a publish.

``tags_invalidated`` arrives after the change committed; its tags are added
to a set that one background thread per process sends to the back end. Tags
that arrive together (a publish sends several) go in one request. When the
cache in front is down, the thread tries again a few times, then logs one
line and gives up: the copies in front expire by themselves within
CDN_MAX_AGE, and the publish itself never waited for any of it.
"""

import atexit
import logging
import threading
import time

from django.conf import settings

from broadsheet.caching.signals import SITE_TAG
from broadsheet.cdn import inflight
from broadsheet.cdn.backends import configured_backend

logger = logging.getLogger(__name__)

# Seconds the thread waits for more tags before purging: the signals of one
# publish arrive within a few milliseconds of each other.
BATCH_WINDOW = 0.01
# Seconds between tries when the cache in front fails; then it gives up.
RETRY_DELAYS = (0.5, 2.0, 8.0)
# Seconds a process that is exiting (a command) waits for its last purges.
EXIT_WAIT = 2.0
# Each batch is purged once more this many seconds later (None: never). A
# page that another process had started rendering before the commit may
# reach the cache in front just after the first purge, old rows and all;
# the second one takes it out, so no copy outlives a change by more than this.
REPEAT_AFTER = 1.0


class Purger:
    def __init__(self):
        self.lock = threading.Lock()
        self.pending = set()
        self.repeats = []  # (when, tags) to purge once more
        self.wake = threading.Event()
        self.idle = threading.Event()
        self.idle.set()
        self.thread = None

    def queue(self, tags):
        with self.lock:
            self.pending |= set(tags)
            self.idle.clear()
            if self.thread is None or not self.thread.is_alive():
                # Started here, not at import: a server forks its workers
                # after loading the code, and threads do not survive a fork.
                self.thread = threading.Thread(
                    target=self.run, name="cdn-purge", daemon=True
                )
                self.thread.start()
        self.wake.set()

    def flush(self, timeout=EXIT_WAIT):
        """Wait until everything queued so far was purged or given up."""
        return self.idle.wait(timeout)

    def take(self):
        """The tags to purge now: those queued, and repeats that are due."""
        now = time.monotonic()
        with self.lock:
            fresh, self.pending = self.pending, set()
            due = [tags for when, tags in self.repeats if when <= now]
            self.repeats = [(w, t) for w, t in self.repeats if w > now]
            self.wake.clear()
        return fresh, fresh.union(*due)

    def next_repeat(self):
        with self.lock:
            if not self.repeats:
                return None
            return max(0.0, min(w for w, _ in self.repeats) - time.monotonic())

    def run(self):
        tries = 0
        while True:
            self.wake.wait(self.next_repeat())
            time.sleep(BATCH_WINDOW)
            fresh, tags = self.take()
            # "site" empties everything: no need to name anything else.
            tags = [SITE_TAG] if SITE_TAG in tags else sorted(tags)
            try:
                backend = configured_backend()
                if backend is not None and tags:
                    backend.purge(tags)
                    self.repeat(fresh)
                tries = 0
            except Exception as error:  # noqa: BLE001 - never stop the thread
                tries = self.failed(tags, tries, error)
            with self.lock:
                if not self.pending:
                    self.idle.set()

    def repeat(self, tags):
        if tags and REPEAT_AFTER is not None:
            with self.lock:
                self.repeats.append((time.monotonic() + REPEAT_AFTER, tags))

    def failed(self, tags, tries, error):
        """Queue the tags again and wait, or give up: the tries made so far."""
        if tries < len(RETRY_DELAYS):
            with self.lock:
                self.pending |= set(tags)
            self.wake.set()
            time.sleep(RETRY_DELAYS[tries])
            return tries + 1
        logger.warning(
            "CDN purge given up after %d tries (%s tags: %s): %s",
            tries + 1,
            len(tags),
            " ".join(tags[:5]),
            error,
        )
        return 0


purger = Purger()
atexit.register(purger.flush)


def on_tags_invalidated(sender, tags, **kwargs):
    """The receiver of caching's tags_invalidated (sent after commit)."""
    if settings.CDN_PURGE_BACKEND and tags:
        inflight.note_invalidated(tags)
        purger.queue(tags)
