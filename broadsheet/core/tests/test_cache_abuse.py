"""Nobody can fill the page cache with made-up addresses or step round it.

The review's probes: 400 requests with made-up ``?page=`` values evicted the
front page; a made-up ``sessionid`` or a ``utm_source`` turned 2,294
cached requests a second into 13 renders a second.
"""

import re

import pytest
from django.core.cache import cache

from broadsheet.testing import make_article, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_article("Harbour reopens after storm")


def test_tracking_parameters_get_the_cached_page(
    client, story, django_assert_num_queries
):
    assert client.get(story.url)["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        tracked = client.get(story.url, {"utm_source": "newsletter", "fbclid": "x1"})
    assert tracked.status_code == 200
    assert tracked["X-Cache"] == "hit"
    assert b"Harbour reopens after storm" in tracked.content


def test_made_up_page_numbers_never_reach_the_cache(client, story, stored):
    client.get("/")
    stored.clear()
    for value in ("x1", "01", "-1", "1.0", "9999999", "２"):
        response = client.get(story.url, {"page": value})
        assert "X-Cache" not in response, value
    assert client.get(story.url, QUERY_STRING="page=1&page=2").get("X-Cache") is None
    assert stored == []
    assert client.get("/")["X-Cache"] == "hit"


def test_a_listing_past_its_last_page_is_not_stored(client, story, stored):
    section = story.get_parent().url
    assert client.get(section, {"page": "1"})["X-Cache"] == "miss"
    stored.clear()
    for number in ("2", "400", "999999"):
        response = client.get(section, {"page": number})
        assert response.status_code == 200  # the last page, saying so
        assert "X-Cache" not in response
    assert stored == []


def test_a_made_up_session_cookie_is_a_reader(
    client, story, django_assert_max_num_queries
):
    client.get(story.url)
    client.cookies["sessionid"] = "a" * 32
    # One read to find there is no such session, instead of a full render.
    with django_assert_max_num_queries(1):
        response = client.get(story.url)
    assert response["X-Cache"] == "hit"


def test_a_signed_in_editor_still_gets_a_fresh_page(client, story):
    client.get(story.url)
    client.force_login(make_editor())
    assert "X-Cache" not in client.get(story.url)


def test_the_port_does_not_make_another_entry(client, story):
    client.get(story.url, HTTP_HOST="localhost")
    response = client.get(story.url, HTTP_HOST="localhost:8000")
    assert response["X-Cache"] == "hit"


def test_feeds_ignore_made_up_parameters(client, story, django_assert_num_queries):
    assert client.get("/feeds/rss/").status_code == 200
    with django_assert_num_queries(0):
        for value in ("x1", "2", "3"):
            assert client.get("/feeds/rss/", {"p": value}).status_code == 200


def test_sitemap_pages_are_kept_only_for_plain_numbers(client, story, stored):
    index = client.get("/sitemap.xml").content.decode()
    path = re.search(r"<loc>https?://[^/]+(/sitemap-[a-z-]+\.xml)</loc>", index)[1]
    assert client.get(path, {"p": "1"}).status_code == 200
    stored.clear()
    for value in ("x1", "01", "abc"):
        # Django's sitemap reads "01" as 1 and answers; it is still not kept.
        assert client.get(path, {"p": value}).status_code in (200, 404)
    assert stored == []


@pytest.fixture
def stored(monkeypatch):
    """The pages and feeds written to the cache (locmem here, Redis in the
    other pass); fragments such as the navigation are shared by every page."""
    keys = []
    original = cache.set

    def recording_set(key, *args, **kwargs):
        if key.startswith("page:") or ":xml:" in key:
            keys.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(cache, "set", recording_set)
    return keys
