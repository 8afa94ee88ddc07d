"""The one-machine file cache: bounded, without listing its folder on every
write (broadsheet/caching/filecache.py)."""

from pathlib import Path
from unittest import mock

from django.core.cache.backends.filebased import FileBasedCache

from broadsheet.caching.filecache import FileCache


def make_cache(folder, max_entries):
    return FileCache(str(folder), {"OPTIONS": {"MAX_ENTRIES": max_entries}})


def files(folder):
    return len(list(Path(folder).glob("*.djcache")))


def test_the_folder_stays_bounded_however_much_is_written(tmp_path):
    cache = make_cache(tmp_path, 100)

    for n in range(1000):
        cache.set(f"story:{n}", n)
        assert files(tmp_path) <= 100 + FileCache.CHECK_EVERY

    assert cache.get("story:999") == 999  # the newest is kept


def test_the_folder_is_listed_once_every_so_many_writes_not_on_each(tmp_path):
    cache = make_cache(tmp_path, 100)
    for n in range(150):  # past the bound
        cache.set(f"story:{n}", n)

    with mock.patch.object(
        FileBasedCache,
        "_list_cache_files",
        autospec=True,
        side_effect=FileBasedCache._list_cache_files,
    ) as listed:
        for n in range(10 * FileCache.CHECK_EVERY):
            cache.set(f"more:{n}", n)

    assert 1 <= listed.call_count <= 10


def test_below_the_bound_nothing_is_dropped(tmp_path):
    cache = make_cache(tmp_path, 1000)

    for n in range(500):
        cache.set(f"story:{n}", n)

    assert files(tmp_path) == 500
    assert cache.get_many([f"story:{n}" for n in range(500)]) == {
        f"story:{n}": n for n in range(500)
    }
