"""Done means: as a new user on the demo site would, post a comment, see it
pending, approve it in the admin, see it and the count, reply to it, close
comments on the story, and delete the commenter's data."""

import pytest
from django.core.management import call_command
from django.test import Client

from broadsheet.comments.models import Comment, Status
from broadsheet.comments.modes import Mode
from broadsheet.comments.tests.conftest import form_data
from broadsheet.testing import make_editor, read, words

pytestmark = pytest.mark.django_db


def test_the_whole_life_of_a_comment(story):
    reader, editor = Client(), Client()
    editor.force_login(make_editor())

    # A reader posts: it waits, and they see it waiting.
    page = read(reader.get(story.url))
    form = page.find("form", id="leave-comment")
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    fields.update(name="Ada Reader", email="ada@example.org", body="Good read.")
    response = reader.post(form["action"], fields)
    landed = read(reader.get(response["Location"])).find(id="comments")
    assert "awaiting moderation" in words(landed)
    comment = Comment.objects.get()

    # An editor approves it in the queue.
    assert "Good read." in editor.get("/admin/reader-comments/").text
    editor.post("/admin/reader-comments/act/", {"single": f"approve:{comment.pk}"})
    page = read(reader.get(story.url))
    assert words(page.select_one("a.comment-count")) == "1 comment"
    assert "Good read." in words(page.find(id=f"comment-{comment.pk}"))

    # The reader replies; trusted now, it appears at once.
    reader.post(
        f"/comments/{story.pk}/post/",
        form_data(parent=str(comment.pk), body="Adding a thought."),
    )
    page = read(reader.get(story.url))
    assert "Adding a thought." in words(page.select_one(".comments__replies"))
    assert words(page.select_one("a.comment-count")) == "2 comments"

    # The editor closes comments on the story (its settings tab).
    story.comments_mode = Mode.CLOSED
    story.save_revision().publish()
    page = read(reader.get(story.url))
    assert page.find("form", id="leave-comment") is None
    assert reader.post(f"/comments/{story.pk}/post/", form_data()).status_code == 403

    # The reader asks for their data to be deleted.
    call_command("forget_commenter", "ada@example.org")
    assert not Comment.objects.exists()
    page = read(reader.get(story.url))
    assert words(page.select_one("a.comment-count")) == "0 comments"
    assert Status.APPROVED not in Comment.objects.values_list("status", flat=True)
