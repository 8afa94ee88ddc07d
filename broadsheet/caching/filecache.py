"""The file cache of a one-machine install (settings.CACHES without Redis).

Django's FileBasedCache decides whether to cull by listing its whole folder
through glob before every write: 3 ms a write at the 3,000-file bound, some
300 times a read. A bulk import, whose every batch writes a version for each
tag it invalidates, spent 86 % of its time there (78 items/s; see
docs/benchmarks.md). Here a writer counts the folder (os.scandir, no pattern
matching) once every CHECK_EVERY writes, and Django's cull runs only when the
count has reached the bound: the folder may pass MAX_ENTRIES by up to
CHECK_EVERY files a writing thread before a third of it is dropped.
"""

import os

from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
    CHECK_EVERY = 32

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes_unchecked = 0

    def _cull(self):
        self._writes_unchecked += 1
        if self._writes_unchecked < self.CHECK_EVERY:
            return
        self._writes_unchecked = 0
        if self._count() >= self._max_entries:
            super()._cull()

    def _count(self) -> int:
        try:
            with os.scandir(self._dir) as entries:
                return sum(1 for e in entries if e.name.endswith(self.cache_suffix))
        except FileNotFoundError:
            return 0
