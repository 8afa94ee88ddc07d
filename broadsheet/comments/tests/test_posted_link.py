"""The ?posted= link after posting shows a comment to its poster only, only
while it waits for moderation (security review, finding 5: a removed comment
with a phishing link was shown, link and all, to anyone who had the URL for
24 hours)."""

import time
from unittest import mock

import pytest
from django.test import Client

from broadsheet.comments import moderation
from broadsheet.comments.models import Comment
from broadsheet.comments.tests.conftest import post
from broadsheet.comments.views import POSTED_COOKIE, POSTED_MAX_AGE
from broadsheet.testing import read, words

pytestmark = pytest.mark.django_db

PHISH = "Urgent: sign in at https://phish.example/login to keep reading."


@pytest.fixture
def poster():
    return Client()


@pytest.fixture
def posted(poster, story):
    """(the redirect's URL, the comment) after the poster sends a comment."""
    response = post(poster, story, body=PHISH)
    assert response.status_code == 302
    return response["Location"], Comment.objects.get()


def notice(client, url):
    return read(client.get(url)).find(class_="comments__notice")


def test_the_poster_sees_their_comment_waiting(poster, posted):
    url, comment = posted

    shown = notice(poster, url)

    assert "awaiting moderation" in words(shown)
    assert shown.find(id=f"comment-{comment.pk}") is not None


def test_the_link_shows_nothing_in_another_browser(poster, posted):
    url, _ = posted

    stranger = Client()  # no cookies, as the reviewer's curl

    assert notice(stranger, url) is None
    assert "phish.example" not in read(stranger.get(url)).decode()


def test_the_cookie_alone_is_not_enough_the_link_names_the_comment(poster, posted):
    url, _ = posted
    story_url = url.split("?")[0]

    assert notice(poster, story_url) is None


def test_another_browsers_cookie_does_not_open_the_link(poster, posted, story):
    url, _ = posted
    other = Client()
    post(other, story, body="My own comment.", email="other@example.org")
    assert POSTED_COOKIE in other.cookies

    assert notice(other, url) is None


@pytest.mark.parametrize("action", ["remove", "spam"])
def test_a_removed_or_spam_comment_is_never_shown_even_to_its_poster(
    poster, posted, action
):
    url, comment = posted
    moderation.moderate(Comment.objects.filter(pk=comment.pk), action, None)

    page = read(poster.get(url))

    assert page.find(class_="comments__notice") is None
    assert "phish.example" not in page.decode()


def test_once_published_the_poster_is_told_so(poster, posted):
    url, comment = posted
    moderation.moderate(Comment.objects.filter(pk=comment.pk), "approve", None)

    assert "has been published" in words(notice(poster, url))


def test_the_link_lasts_an_hour(poster, posted):
    url, _ = posted
    assert POSTED_MAX_AGE == 3600
    later = time.time() + POSTED_MAX_AGE + 1

    with mock.patch("time.time", return_value=later):
        assert notice(poster, url) is None


def test_the_cookie_is_short_lived_and_unreadable_by_scripts(poster, posted):
    cookie = poster.cookies[POSTED_COOKIE]

    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == POSTED_MAX_AGE
    # The link carries a digest of the key, never the key itself.
    assert cookie.value not in posted[0]


def test_a_posted_page_is_never_stored_by_any_cache(poster, posted):
    url, _ = posted

    response = poster.get(url)

    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_several_comments_from_one_browser_each_keep_their_link(poster, story):
    first = post(poster, story, body="First thought.")["Location"]
    second = post(poster, story, body="Second thought.")["Location"]

    assert "First thought." in words(notice(poster, first))
    assert "Second thought." in words(notice(poster, second))
