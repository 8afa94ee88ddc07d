"""A reader posts a comment: where it goes, what they see next, and every
way a post is refused with their text intact."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from broadsheet.comments.models import Comment, Moderation, Status
from broadsheet.comments.modes import Mode
from broadsheet.comments.tests.conftest import form_data, make_comment, post
from broadsheet.news.models import ArticlePage
from broadsheet.testing import make_article, read, words

pytestmark = pytest.mark.django_db


def comments_section(client, url):
    return read(client.get(url)).find(id="comments")


def test_a_first_comment_waits_and_the_reader_lands_on_it(client, story):
    response = post(client, story)

    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert url.path == story.url
    assert url.fragment == f"comment-{comment.pk}"
    assert set(parse_qs(url.query)) == {"posted"}
    section = comments_section(client, response["Location"])
    notice = section.find(class_="comments__notice")
    assert "Your comment is awaiting moderation" in words(notice).replace(
        "your comment is", "Your comment is"
    )
    assert notice.find(id=f"comment-{comment.pk}") is not None
    assert "A fine piece of reporting." in words(notice)


def test_a_pending_comment_is_not_shown_to_other_readers(client, story):
    post(client, story)

    section = comments_section(client, story.url)

    assert "A fine piece of reporting." not in words(section)
    assert words(section.find(class_="comments__count")).startswith("0 comments")


def test_a_made_up_posted_token_shows_nothing(client, story):
    post(client, story)
    pk = Comment.objects.get().pk

    section = comments_section(client, f"{story.url}?posted={pk}")

    assert section.find(class_="comments__notice") is None


def test_a_trusted_commenter_is_published_at_once(client, story):
    make_comment(story, email="ada@example.org")

    response = post(client, story, email="ADA@example.org", body="Second thoughts.")

    assert Comment.objects.latest("pk").status == Status.APPROVED
    section = comments_section(client, response["Location"])
    assert "your comment has been published" in words(section)
    story.refresh_from_db()
    assert story.comment_count == 2


@pytest.mark.parametrize(
    ("policy", "trusted", "status"),
    [
        (Moderation.PRE_ALL, True, Status.PENDING),
        (Moderation.PRE_FIRST, False, Status.PENDING),
        (Moderation.PRE_FIRST, True, Status.APPROVED),
        (Moderation.POST, False, Status.APPROVED),
    ],
)
def test_the_moderation_policy_decides(
    client, story, comment_settings, policy, trusted, status
):
    comment_settings.moderation = policy
    comment_settings.save()
    if trusted:
        make_comment(story, email="ada@example.org", body="Earlier")

    post(client, story)

    assert Comment.objects.latest("pk").status == status


def test_a_reply_joins_the_comments_thread(client, story):
    top = make_comment(story)

    post(client, story, parent=str(top.pk), body="I agree.")

    assert Comment.objects.latest("pk").parent == top


def test_a_reply_to_a_reply_joins_the_same_thread(client, story):
    top = make_comment(story)
    reply = make_comment(story, parent=top, body="Me too")

    post(client, story, parent=str(reply.pk), body="And me.")

    assert Comment.objects.latest("pk").parent == top


def test_a_reply_to_a_comment_on_another_story_is_refused(client, story):
    elsewhere = make_comment(make_article("Pier closes"))

    response = post(client, story, parent=str(elsewhere.pk), body="Hijack")

    assert response.status_code == 400
    assert "only reply to a published comment on this story" in response.text
    assert Comment.objects.count() == 1


def test_a_reply_to_a_pending_comment_is_refused(client, story):
    waiting = make_comment(story, status=Status.PENDING)

    assert post(client, story, parent=str(waiting.pk)).status_code == 400


def test_the_reply_link_without_javascript_opens_the_form_for_that_thread(
    client, story
):
    top = make_comment(story, name="Grace")

    section = comments_section(client, f"{story.url}?reply={top.pk}")

    link = section.find("a", class_="comment__reply")
    assert link["href"] == f"?reply={top.pk}#leave-comment"
    form = section.find("form", id="leave-comment")
    assert form.find("input", attrs={"name": "parent"})["value"] == str(top.pk)
    assert "Reply to Grace" in words(form)


@pytest.mark.parametrize(
    ("missing", "field"), [("name", "name"), ("email", "email"), ("body", "body")]
)
def test_a_missing_field_is_named_and_the_rest_kept(client, story, missing, field):
    response = post(
        client, story, **{missing: None, "body": "Keep me" * (missing != "body")}
    )

    assert response.status_code == 400
    form = read_any(response).find("form", id="leave-comment")
    error = form.find(id=f"id_{field}-error") or form.find(id=f"id_{field}_error")
    assert error is not None or "This field is required" in words(form)
    if missing != "body":
        assert form.find("textarea").get_text().strip() == "Keep me"
    assert not Comment.objects.exists()


def read_any(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "lxml")


def test_an_invalid_email_comes_back_with_the_comment_intact(client, story):
    body = "A long considered reply\n\nwith two paragraphs."

    response = post(client, story, email="not-an-email", body=body)

    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]
    form = read_any(response).find("form", id="leave-comment")
    assert form.find("textarea").get_text().lstrip("\n") == body
    assert "Enter a valid email address." in words(form)
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"] != ""


@pytest.mark.parametrize(
    ("field", "length"), [("name", 81), ("email", 255), ("body", 5001)]
)
def test_over_long_fields_are_refused_with_the_reason(client, story, field, length):
    value = ("x" * (length - 12) + "@example.org") if field == "email" else "x" * length

    response = post(client, story, **{field: value})

    assert response.status_code == 400
    assert "Ensure this value has at most" in response.text
    assert not Comment.objects.exists()


def test_too_many_links_are_refused(client, story):
    body = " ".join(f"https://example.org/{n}" for n in range(4))

    response = post(client, story, body=body)

    assert response.status_code == 400
    assert "at most 3 links" in response.text


def test_other_methods_are_not_allowed(client, story):
    url = f"/comments/{story.pk}/post/"
    assert client.get(url).status_code == 405
    assert client.put(url).status_code == 405
    assert client.delete(url).status_code == 405


def test_invalid_utf8_is_refused(client, story):
    body = b"name=Ada&email=ada%40example.org&body=%FF%FEbad&stamp=x"

    response = client.post(
        f"/comments/{story.pk}/post/",
        body,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert "UTF-8" in response.text


def test_posting_to_an_unpublished_story_is_not_found(client):
    draft = make_article("Draft story", publish=False)

    assert post(client, draft).status_code == 404


def test_closed_comments_refuse_posts_and_show_no_form(client, story):
    make_comment(story, body="Before closing")
    ArticlePage.objects.filter(pk=story.pk).update(comments_mode=Mode.CLOSED)

    response = post(client, story)
    section = comments_section(client, story.url)

    assert response.status_code == 403
    assert "closed" in response.text
    assert section.find("form") is None
    assert "Comments are closed on this story." in words(section)
    assert "Before closing" in words(section)


def test_hidden_comments_show_nothing(client, story):
    make_comment(story, body="Never seen")
    ArticlePage.objects.filter(pk=story.pk).update(comments_mode=Mode.HIDDEN)

    section = comments_section(client, story.url)

    assert "Never seen" not in words(section)
    assert section.find("form") is None
    assert post(client, story).status_code == 403
    assert client.get(f"/comments/{story.pk}/rss/").status_code == 404


def test_comments_close_by_themselves_after_the_set_days(client, comment_settings):
    old = make_article("Old story", age=timedelta(days=31))
    young = make_article("Young story", age=timedelta(days=29))

    assert post(client, old).status_code == 403
    assert post(client, young).status_code == 302
    comment_settings.close_after_days = 0
    comment_settings.save()
    assert post(client, old, body="Now open").status_code == 302


def test_an_editor_can_keep_an_old_story_open(client):
    old = make_article("Old story", age=timedelta(days=90))
    ArticlePage.objects.filter(pk=old.pk).update(comments_mode=Mode.OPEN)

    assert post(client, old).status_code == 302


def test_the_site_default_can_close_every_story(client, story, comment_settings):
    comment_settings.default_mode = Mode.CLOSED
    comment_settings.save()

    assert post(client, story).status_code == 403


def test_the_stored_comment_keeps_what_was_typed(client, story):
    post(client, story, name="Zoë <b>", body="Line one\nline two")

    comment = Comment.objects.get()
    assert (comment.name, comment.body) == ("Zoë <b>", "Line one\nline two")
    assert comment.ip_hash and "127.0.0.1" not in comment.ip_hash
    assert comment.created_at <= timezone.now()


def test_form_data_helper_sends_every_field(client, story):
    assert set(form_data()) == {"name", "email", "body", "website", "stamp"}
