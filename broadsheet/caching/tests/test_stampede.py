"""No stampede: when a cached page goes stale, one request renders it again
while the others are served the previous copy; with no copy at all, the
others wait for that one render instead of rendering it too."""

import threading
import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from broadsheet.caching import store
from broadsheet.caching.invalidation import invalidate
from broadsheet.caching.middleware import ReaderPageCacheMiddleware
from broadsheet.caching.tags import declare

READERS = 12
RENDER_SECONDS = 0.4


class SlowPage:
    """A page showing the tag "thing" that takes a while to render and
    counts its renders."""

    def __init__(self):
        self.renders = 0
        self.lock = threading.Lock()
        self.hang = None  # (render number, Event): that render waits for it

    def __call__(self, request):
        with self.lock:
            self.renders += 1
            number = self.renders
        declare("thing")
        if self.hang is not None and self.hang[0] == number:
            self.hang[1].wait(10)
        else:
            time.sleep(RENDER_SECONDS)
        return HttpResponse(f"<p>render {number}</p>" + "x" * 300)


@pytest.fixture
def page():
    return SlowPage()


def read(middleware, results):
    response = middleware(RequestFactory().get("/a-page/"))
    results.append((response["X-Cache"], response.content))
    # A copy known to be out of date is never kept in front.
    fresh = response["X-Cache"] in ("hit", "miss")
    assert ("public" in response["Cache-Control"]) == fresh


def at_once(middleware, readers=READERS):
    results, threads = [], []
    for _ in range(readers):
        thread = threading.Thread(target=read, args=(middleware, results))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join(30)
    return results


def test_a_stale_page_is_rendered_once_while_readers_get_the_last_copy(page):
    middleware = ReaderPageCacheMiddleware(page)
    read(middleware, [])
    invalidate({"thing"})
    results = at_once(middleware)
    assert page.renders == 2
    states = sorted(state for state, _ in results)
    assert states == ["miss"] + ["revalidating"] * (READERS - 1)
    for state, content in results:
        expected = b"render 2" if state == "miss" else b"render 1"
        assert expected in content
    after = []
    read(middleware, after)
    assert after[0][0] == "hit" and b"render 2" in after[0][1]


def test_readers_of_a_page_not_cached_yet_wait_for_one_render(page):
    middleware = ReaderPageCacheMiddleware(page)
    results = at_once(middleware)
    assert page.renders == 1
    assert sorted(state for state, _ in results) == ["hit"] * (READERS - 1) + ["miss"]
    assert all(b"render 1" in content for _, content in results)


def test_the_stale_copy_is_served_only_while_its_render_may_still_finish(
    page, monkeypatch
):
    """A render that hangs holds the page back for LOCK_SECONDS at most:
    then the next reader renders it again."""
    monkeypatch.setattr(store, "LOCK_SECONDS", 1)
    middleware = ReaderPageCacheMiddleware(page)
    read(middleware, [])
    invalidate({"thing"})
    release = threading.Event()
    page.hang = (2, release)
    hung = threading.Thread(target=read, args=(middleware, []))
    hung.start()
    while page.renders < 2:
        time.sleep(0.01)
    during = []
    read(middleware, during)
    assert during[0][0] == "revalidating" and b"render 1" in during[0][1]
    time.sleep(1.2)
    after = []
    read(middleware, after)
    release.set()
    hung.join(10)
    assert after[0][0] == "miss" and b"render 3" in after[0][1]


def test_a_page_whose_tags_did_not_change_is_not_rendered_again(page):
    middleware = ReaderPageCacheMiddleware(page)
    read(middleware, [])
    invalidate({"something-else"})
    results = at_once(middleware, readers=4)
    assert page.renders == 1
    assert {state for state, _ in results} == {"hit"}
