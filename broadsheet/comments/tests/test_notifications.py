"""Moderators hear about pending comments by email, in batches."""

import pytest
from django.core import mail

from broadsheet.comments.models import Comment, Status
from broadsheet.comments.tasks import send_pending_notice
from broadsheet.comments.tests.conftest import make_comment, post
from broadsheet.testing import make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_a_pending_comment_emails_the_moderators(client, story, on_commit):
    make_editor()

    with on_commit(execute=True):
        post(client, story, name="<b>Ada</b>")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@example.org"]
    assert "1 new comment awaiting moderation" in message.subject
    assert "<b>Ada</b>" in message.body  # plain text: shown, never markup
    assert not message.alternatives
    assert "/admin/reader-comments/" in message.body


def test_a_flood_of_comments_is_one_email(client, story, on_commit):
    make_editor()

    for n in range(20):
        with on_commit(execute=True):
            post(client, story, body=f"Comment {n}", email=f"r{n}@example.org")

    assert len(mail.outbox) == 1
    # The rest are sent in the next batch, all in one message.
    assert send_pending_notice() == 19
    assert len(mail.outbox) == 2
    assert send_pending_notice() == 0


def test_approved_comments_send_nothing(client, story, comment_settings, on_commit):
    comment_settings.moderation = "post"
    comment_settings.save()

    with on_commit(execute=True):
        post(client, story)

    assert mail.outbox == []


def test_listed_addresses_win_over_accounts(client, story, comment_settings):
    make_editor()
    comment_settings.moderator_emails = "desk@example.org\n"
    comment_settings.save()
    make_comment(story, status=Status.PENDING)

    send_pending_notice()

    assert mail.outbox[0].to == ["desk@example.org"]
    assert Comment.objects.get().notified_at is not None
