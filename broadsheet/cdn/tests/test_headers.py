"""What a cache in front may store: pages that are the same for every reader,
with their tags; never a page with a reader's own values, a signed-in
editor's page or the admin."""

from datetime import timedelta

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from broadsheet.cdn.middleware import CdnHeadersMiddleware
from broadsheet.testing import make_article, make_editor

pytestmark = pytest.mark.django_db

IN_FRONT = {"CDN_PURGE_BACKEND": "varnish", "CDN_PURGE_URLS": ["http://127.0.0.1:9/"]}
STORED_IN_FRONT = ("Surrogate-Control", "CDN-Cache-Control", "xkey")


def stored_in_front(response):
    return any(response.has_header(name) for name in STORED_IN_FRONT)


@override_settings(**IN_FRONT)
def test_an_anonymous_readers_page_is_stored_in_front_with_its_tags(client):
    make_article("Harbour reopens after storm")
    for attempt in ("miss", "hit"):
        response = client.get("/")
        assert response["X-Cache"] == attempt
        assert "site" in response["xkey"].split()
        assert response["Surrogate-Control"] == (
            "max-age=600, stale-while-revalidate=30"
        )
        assert response["CDN-Cache-Control"] == response["Surrogate-Control"]
        assert "Surrogate-Key" not in response and "Cache-Tag" not in response
        # What browsers keep is unchanged.
        assert "public" in response["Cache-Control"]


@override_settings(**IN_FRONT)
def test_a_story_closed_to_comments_is_stored_in_front(client):
    story = make_article("Harbour reopens after storm", age=timedelta(days=60))
    response = client.get(story.url)
    assert b'name="csrfmiddlewaretoken"' not in response.content
    assert stored_in_front(response)


@override_settings(**IN_FRONT)
def test_a_page_with_a_readers_form_token_is_never_shared(client):
    """The comment form holds this reader's CSRF token and a single-use
    stamp: another reader must never be given them."""
    story = make_article("Harbour reopens after storm")
    for _ in range(2):  # rendered, then from Broadsheet's own cache
        response = client.get(story.url)
        assert b'name="csrfmiddlewaretoken"' in response.content
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert not stored_in_front(response)


@override_settings(**IN_FRONT)
def test_a_signed_in_editor_s_pages_are_never_stored_in_front(client):
    story = make_article("Harbour reopens after storm", age=timedelta(days=60))
    client.force_login(make_editor())
    for url in ("/", story.url, "/admin/", f"/admin/pages/{story.pk}/edit/"):
        assert not stored_in_front(client.get(url)), url


@override_settings(**IN_FRONT)
def test_search_posts_and_errors_are_never_stored_in_front(client):
    make_article("Harbour reopens after storm")
    assert not stored_in_front(client.get("/search/", {"q": "harbour"}))
    assert not stored_in_front(client.get("/", {"utm_source": "x"}))
    assert not stored_in_front(client.get("/no-such-page/"))
    assert not stored_in_front(client.post("/", {}))


def test_without_a_cache_in_front_nothing_is_marked_for_one(client):
    make_article("Harbour reopens after storm")
    assert not stored_in_front(client.get("/"))


def tagged_response(tags, **cookies):
    response = HttpResponse("page")
    response.cache_tags = frozenset(tags)
    for name, value in cookies.items():
        response.set_cookie(name, value)
    return response


def through_middleware(response, **request_options):
    request = RequestFactory().get("/", **request_options)
    return CdnHeadersMiddleware(lambda request: response)(request)


@override_settings(**IN_FRONT, CDN_TAG_HEADERS=["xkey", "Surrogate-Key", "Cache-Tag"])
def test_each_cache_gets_the_tags_in_its_own_header():
    response = through_middleware(tagged_response({"site", "page:12", "section:3"}))
    assert response["xkey"] == "page:12 section:3 site"
    assert response["Surrogate-Key"] == "page:12 section:3 site"
    assert response["Cache-Tag"] == "page:12,section:3,site"


@override_settings(**IN_FRONT)
def test_a_response_that_sets_a_cookie_or_comes_with_a_session_is_not_shared():
    assert stored_in_front(through_middleware(tagged_response({"site"})))
    with_cookie = tagged_response({"site"}, messages="x")
    assert not stored_in_front(through_middleware(with_cookie))
    session = {"HTTP_COOKIE": "sessionid=abc"}
    assert not stored_in_front(through_middleware(tagged_response({"site"}), **session))


@override_settings(**IN_FRONT)
def test_a_page_naming_too_many_tags_to_send_is_not_stored_in_front():
    tags = {"site"} | {f"page:{n}" for n in range(2000)}
    assert not stored_in_front(through_middleware(tagged_response(tags)))


@override_settings(**IN_FRONT)
def test_an_older_copy_served_while_a_page_is_rendered_is_not_stored_in_front():
    """Stored in front, the copy served during a re-render would outlive the
    purge that made it stale."""
    for state, stored in (("hit", True), ("revalidating", False), ("stale", False)):
        response = tagged_response({"site"})
        response["X-Cache"] = state
        assert stored_in_front(through_middleware(response)) is stored, state


@override_settings(**IN_FRONT)
def test_a_page_whose_tags_went_stale_while_it_was_rendered_is_not_stored_in_front(
    monkeypatch,
):
    """Rendered from the rows before a publish, answered after its purge:
    stored in front, it would stay stale for CDN_MAX_AGE."""
    from broadsheet.caching.signals import tags_invalidated
    from broadsheet.cdn import purge

    monkeypatch.setattr(purge.purger, "queue", lambda tags: None)

    def render_overtaken_by(tags):
        def view(request):
            tags_invalidated.send(sender=None, tags=frozenset(tags))
            return tagged_response({"site", "page:12"})

        request = RequestFactory().get("/")
        return CdnHeadersMiddleware(view)(request)

    assert not stored_in_front(render_overtaken_by({"page:12"}))
    assert stored_in_front(through_middleware(tagged_response({"site", "page:13"})))
