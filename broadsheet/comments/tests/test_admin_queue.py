"""The moderation queue: editors see comments by status and story, and act
on one or many; authors without the permission are kept out."""

import pytest

from broadsheet.comments.models import Comment, Status
from broadsheet.comments.tests.conftest import make_comment
from broadsheet.testing import make_article, make_author_user, make_editor, read, words

pytestmark = pytest.mark.django_db

QUEUE = "/admin/reader-comments/"


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def rows(response):
    return [
        words(r.select_one(".comment-name")) for r in read(response).select("tbody tr")
    ]


def test_the_queue_shows_pending_comments_by_default(editor_client, story):
    make_comment(story, name="Waiting", status=Status.PENDING)
    make_comment(story, name="Shown")

    response = editor_client.get(QUEUE)

    assert rows(response) == ["Waiting"]
    assert rows(editor_client.get(QUEUE + "?status=approved")) == ["Shown"]


def test_the_queue_filters_by_story(editor_client, story):
    make_comment(story, name="Here", status=Status.PENDING)
    make_comment(make_article("Pier closes"), name="There", status=Status.PENDING)

    assert rows(editor_client.get(f"{QUEUE}?article={story.pk}")) == ["Here"]


def test_hostile_text_is_inert_in_the_queue(editor_client, story):
    make_comment(
        story,
        name="<script>alert(1)</script>",
        body='<img src=x onerror="alert(1)">',
        status=Status.PENDING,
    )

    page = read(editor_client.get(QUEUE))

    table = page.select_one("table.listing")
    assert table.find("script") is None and table.find("img") is None
    assert "<script>alert(1)</script>" in words(table)


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("approve", Status.PENDING, Status.APPROVED),
        ("spam", Status.PENDING, Status.SPAM),
        ("remove", Status.APPROVED, Status.REMOVED),
        ("restore", Status.SPAM, Status.PENDING),
    ],
)
def test_one_comment_at_a_time(editor_client, story, action, before, after):
    comment = make_comment(story, status=before)

    response = editor_client.post(
        QUEUE + "act/", {"single": f"{action}:{comment.pk}", "next": QUEUE}
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == after


def test_many_at_once_and_the_counts_follow(editor_client, story):
    waiting = [
        make_comment(story, status=Status.PENDING, body=str(n)) for n in range(3)
    ]

    editor_client.post(
        QUEUE + "act/", {"action": "approve", "ids": [c.pk for c in waiting[:2]]}
    )

    story.refresh_from_db()
    assert story.comment_count == 2
    assert Comment.objects.filter(status=Status.PENDING).count() == 1


def test_reply_as_the_newsroom(editor_client, story):
    comment = make_comment(story, status=Status.PENDING)

    page = editor_client.get(f"{QUEUE}{comment.pk}/reply/")
    response = editor_client.post(f"{QUEUE}{comment.pk}/reply/", {"body": "Thanks!"})

    assert page.status_code == 200
    assert response.status_code == 302
    reply = Comment.objects.get(is_staff=True)
    assert (reply.parent, reply.status, reply.body) == (comment, "approved", "Thanks!")
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED
    story.refresh_from_db()
    assert story.comment_count == 2


def test_forget_a_commenter_from_the_queue(editor_client, story):
    comment = make_comment(story, email="gone@example.org")
    make_comment(story, email="gone@example.org", status=Status.PENDING)
    make_comment(story, email="stays@example.org")

    editor_client.post(QUEUE + "act/", {"action": "forget", "ids": [comment.pk]})

    assert list(Comment.objects.values_list("email", flat=True)) == [
        "stays@example.org"
    ]


def test_forget_an_email_typed_in(editor_client, story):
    make_comment(story, email="gone@example.org")

    editor_client.post(QUEUE + "forget/", {"email": "Gone@Example.org"})

    assert not Comment.objects.exists()


def test_authors_cannot_moderate(client, story):
    client.force_login(make_author_user())

    # Wagtail sends them back to the dashboard with a message.
    assert client.get(QUEUE).status_code in (302, 403)
    assert b"Waiting" not in client.get(QUEUE, follow=True).content
    comment = make_comment(story, status=Status.PENDING)
    client.post(QUEUE + "act/", {"single": f"approve:{comment.pk}"})
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_the_menu_links_to_the_queue(editor_client):
    assert QUEUE.encode() in editor_client.get("/admin/").content
