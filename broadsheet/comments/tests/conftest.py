import pytest
from django.test import override_settings

from broadsheet.comments.models import Comment, CommentSettings, Status
from broadsheet.comments.moderation import refresh_counts
from broadsheet.core.placeholders import form_stamp
from broadsheet.testing import make_article


@pytest.fixture(autouse=True)
def relaxed_defences():
    """Most tests post at once and often; the defence tests tighten these."""
    with override_settings(COMMENTS_MIN_SECONDS=0, COMMENTS_RATE_LIMITS=None):
        yield


@pytest.fixture
def story(db):
    return make_article("Harbour reopens after storm")


@pytest.fixture
def comment_settings(db) -> CommentSettings:
    return CommentSettings.current()


def form_data(**fields):
    data = {
        "name": "Ada Reader",
        "email": "ada@example.org",
        "body": "A fine piece of reporting.",
        "website": "",
        "stamp": form_stamp(),
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def post(client, story, **fields):
    return client.post(f"/comments/{story.pk}/post/", form_data(**fields))


def make_comment(story, status=Status.APPROVED, parent=None, **fields):
    fields = {"name": "Ada Reader", "email": "ada@example.org", "body": "Hi", **fields}
    comment = Comment.objects.create(
        article=story, parent=parent, status=status, **fields
    )
    refresh_counts([story.pk])
    story.refresh_from_db()
    return comment
