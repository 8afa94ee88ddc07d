"""A commenter's data: deleted on request, IP addresses only hashed and
pruned."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from broadsheet.comments.models import Comment
from broadsheet.comments.tests.conftest import make_comment, post

pytestmark = pytest.mark.django_db


def test_the_command_deletes_every_comment_of_an_address(story, capsys):
    mine = make_comment(story, email="ada@example.org")
    other = make_comment(story, email="bob@example.org", parent=mine)
    make_comment(story, email="ADA@example.org", status="spam")

    call_command("forget_commenter", "Ada@Example.org")

    assert list(Comment.objects.all()) == [other]
    other.refresh_from_db()
    assert other.parent is None  # another person's reply stays
    story.refresh_from_db()
    assert story.comment_count == 1
    assert "Deleted 2 comments." in capsys.readouterr().out


def test_the_command_refuses_what_is_not_an_address():
    with pytest.raises(CommandError):
        call_command("forget_commenter", "nobody")


def test_the_address_is_stored_only_as_a_salted_hash(client, story):
    post(client, story)

    comment = Comment.objects.get()
    assert len(comment.ip_hash) == 64
    assert "127.0.0.1" not in comment.ip_hash
    import hashlib

    assert comment.ip_hash != hashlib.sha256(b"127.0.0.1").hexdigest()


def test_old_hashes_are_pruned(story, comment_settings, capsys):
    old = make_comment(
        story, ip_hash="a" * 64, created_at=timezone.now() - timedelta(days=31)
    )
    new = make_comment(story, ip_hash="b" * 64, body="new")

    call_command("prune_comment_ips")

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.ip_hash, new.ip_hash) == ("", "b" * 64)
    assert "Pruned 1 address." in capsys.readouterr().out
