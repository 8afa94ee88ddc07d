"""Notes through the newsroom's workflow: an author's note waits for review
with the rest of the change, is dated when approved, and a preview shows it
undated."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from broadsheet import testing
from broadsheet.corrections.tests.conftest import publish_with
from broadsheet.news.models import ArticlePage
from broadsheet.news.tests.test_newsroom_publishing import edit_url, story_form

pytestmark = pytest.mark.django_db

NOTE = "An earlier version misspelt the name of the mayor."


@pytest.fixture
def author():
    return testing.logged_in(testing.make_author_user("olga"))


def test_an_authors_note_is_public_only_once_an_editor_approves_it(
    author, editor, reader
):
    story = testing.make_article("Mayor opens bridge", publish=False)
    ArticlePage.objects.filter(pk=story.pk).update(
        owner=author.session["_auth_user_id"]
    )
    story = ArticlePage.objects.get(pk=story.pk)
    story.save_revision().publish()
    story = ArticlePage.objects.get(pk=story.pk)

    response = author.post(
        edit_url(story),
        story_form(
            "Mayor opens bridge",
            slug=story.slug,
            notes=[("correction", NOTE)],
            announce_update=True,
            existing=story,
            action="submit",
        ),
    )
    assert response.status_code == 302
    assert NOTE not in reader.get(story.url).content.decode()
    assert NOTE not in reader.get("/corrections/").content.decode()
    # The reviewer opens it with the author's choices as made.
    form = testing.parse(editor.get(edit_url(story)))
    assert form.find("input", attrs={"name": "announce_update"}).has_attr("checked")

    task = WorkflowState.objects.for_instance(story).get().current_task_state
    editor.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=(story.pk, "approve", task.pk)
        ),
        {"comment": ""},
    )

    story = ArticlePage.objects.get(pk=story.pk)
    note = story.notes.get()
    assert note.published_at is not None
    assert story.updated_at == note.published_at
    assert NOTE in testing.words(testing.read(reader.get(story.url)))
    assert NOTE in reader.get("/corrections/").content.decode()


def test_a_preview_shows_the_note_to_be_dated_when_published(editor, reader):
    story = testing.make_article("Mayor opens bridge")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(story.pk,))
    editor.post(
        preview_url,
        story_form(
            "Mayor opens bridge",
            slug=story.slug,
            notes=[("clarification", NOTE)],
            existing=story,
        ),
    )

    soup = testing.parse(editor.get(preview_url))

    (note,) = soup.select(".story-note")
    assert "(dated when published)" in testing.words(note)
    assert NOTE not in reader.get(story.url).content.decode()


def test_the_newsroom_compares_revisions_with_notes(editor):
    story = testing.make_article("Storm warning")
    first = publish_with(story, ("correction", "First fix."), publish=False)
    publish_with(first, ("clarification", "Second note."), publish=False)
    older, newer = list(story.revisions.order_by("-created_at", "-pk")[:2])[::-1]

    compare = editor.get(
        reverse(
            "wagtailadmin_pages:revisions_compare", args=(story.pk, older.pk, newer.pk)
        )
    )

    assert compare.status_code == 200
    assert "Second note." in testing.words(testing.parse(compare))


def test_every_page_links_to_the_corrections(reader):
    story = testing.make_article("Storm warning")
    for url in ("/", story.url, "/latest/"):
        footer = testing.read(reader.get(url)).find("footer")
        assert footer.find("a", string="Corrections")["href"] == "/corrections/"
