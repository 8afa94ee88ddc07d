"""Readers get cached pages that never outlive a change; editors never do."""

import re

import pytest
from wagtail.models import PageViewRestriction

from broadsheet.testing import make_article, make_editor

pytestmark = pytest.mark.django_db


def test_a_readers_second_visit_is_served_from_the_cache(
    client, django_assert_num_queries
):
    story = make_article("Harbour reopens after storm")
    first = client.get(story.url)
    assert first["X-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    # The comment form's CSRF token is the only per-reader part: the CSRF
    # cookie is set on the way out, never stored with the cached page.
    assert set(first.cookies) <= {"csrftoken"}
    with django_assert_num_queries(0):
        second = client.get(story.url)
    assert second["X-Cache"] == "hit"
    assert without_tokens(second.content) == without_tokens(first.content)


def without_tokens(content):
    return re.sub(rb'name="(csrfmiddlewaretoken|stamp)" value="[^"]*"', b"", content)


def test_publishing_a_story_refreshes_every_cached_page(client):
    make_article("Harbour reopens after storm")
    assert b"Ferry timetable returns" not in client.get("/").content
    make_article("Ferry timetable returns")
    assert b"Ferry timetable returns" in client.get("/").content


def test_unpublishing_or_restricting_a_story_removes_it_at_once(client):
    story = make_article("Harbour reopens after storm")
    hidden = make_article("Council closes the pier")
    assert b"Council closes the pier" in client.get("/").content
    hidden.unpublish()
    assert b"Council closes the pier" not in client.get("/").content
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert b"Harbour reopens after storm" not in client.get("/").content


def test_editors_with_a_session_always_get_a_fresh_page(client):
    story = make_article("Harbour reopens after storm")
    client.get(story.url)
    client.force_login(make_editor())
    response = client.get(story.url)
    assert "X-Cache" not in response


def test_search_and_unknown_parameters_are_never_cached(client):
    make_article("Harbour reopens after storm")
    assert "X-Cache" not in client.get("/search/", {"q": "harbour"})
    assert "X-Cache" not in client.get("/", {"sort": "x"})
    assert client.get("/", {"page": "2"})["X-Cache"] == "miss"


def test_error_pages_are_not_cached(client):
    assert client.get("/no-such-page/").status_code == 404
    assert "X-Cache" not in client.get("/no-such-page/")


def test_a_page_that_fails_to_render_again_is_served_as_last_rendered(
    client, monkeypatch
):
    """The database going down just after a publish: every page's copy is
    out of date, and rendering it again fails. Readers get the last good
    copy, not an error page."""
    from django.db import OperationalError

    from broadsheet.core.cache import bump_content_generation
    from broadsheet.home.models import HomePage

    make_article("Harbour reopens after storm")
    assert client.get("/")["X-Cache"] == "miss"
    bump_content_generation()

    def database_down(*args, **kwargs):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(HomePage, "get_context", database_down)
    client.raise_request_exception = False
    stale = client.get("/")
    assert stale.status_code == 200
    assert stale["X-Cache"] == "stale"
    assert b"Harbour reopens after storm" in stale.content
