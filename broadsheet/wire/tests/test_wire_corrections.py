"""An agency's update of a story readers have read: a new edNote or a higher
version becomes a dated note on the story and an entry in its public
history; a kill takes it down and out of every cache at once."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from broadsheet.history.models import PublishedVersion
from broadsheet.news.models import ArticlePage
from broadsheet.wire.tests.conftest import import_ninjs, ninjs_item, write

pytestmark = pytest.mark.django_db

FIRST = {"version": "1", "versionCreated": "2024-03-01T09:30:00Z"}
SECOND = {"version": "2", "versionCreated": "2024-03-01T11:00:00Z"}
FIXED_BODY = {
    "bodies": [
        {
            "role": "html",
            "contentType": "text/html",
            "value": "<p>The harbour reopened on Saturday.</p><p>Ref. urn:test:1</p>",
        }
    ]
}


def article():
    return ArticlePage.objects.get(wire_item__uri="urn:test:1")


def send(tmp_path, publish=True, **fields):
    path = write(tmp_path, "item.json", ninjs_item(**fields))
    return import_ninjs(path, publish=publish)


def notes_on(client, story):
    response = client.get(story.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    return [" ".join(n.get_text(" ").split()) for n in soup.select(".story-note")]


def test_a_resend_with_an_ednote_is_a_visible_note_and_a_history_entry(tmp_path):
    reader = Client()
    send(tmp_path, **FIRST)
    story = article()
    assert notes_on(reader, story) == []

    send(
        tmp_path,
        edNote="CORRECTS day of reopening to Saturday, not Friday.",
        **SECOND,
        **FIXED_BODY,
    )

    story = article()
    (note,) = story.notes.all()
    assert note.kind == "correction"
    assert note.published_at is not None
    (shown,) = notes_on(reader, story)
    assert shown.startswith("Correction ")
    assert "CORRECTS day of reopening" in shown
    assert story.updated_at == note.published_at
    # In the public history: the agency's version, its note and its change.
    versions = list(PublishedVersion.objects.filter(article_id=story.pk))
    assert len(versions) == 2
    assert versions[1].new_notes == [
        {
            "kind": "Correction",
            "text": "CORRECTS day of reopening to Saturday, not Friday.",
        }
    ]
    html = reader.get(f"{story.url}history/").content.decode()
    assert "<del>Friday.</del>" in html and "<ins>Saturday.</ins>" in html


def test_a_higher_version_without_a_note_says_the_agency_updated_it(tmp_path):
    send(tmp_path, **FIRST)
    send(tmp_path, **SECOND, **FIXED_BODY)

    (note,) = article().notes.all()
    assert note.kind == "editors_note"
    assert note.text == "This story was updated by the agency (version 2)."


def test_the_same_version_sent_again_adds_no_note(tmp_path):
    send(tmp_path, **FIRST)
    send(tmp_path, **FIRST, **FIXED_BODY)
    assert not article().notes.exists()


def test_an_ednote_sent_again_with_the_next_version_is_one_note(tmp_path):
    send(tmp_path, edNote="Adds detail.", **FIRST)  # the first copy: no note
    assert not article().notes.exists()
    send(tmp_path, edNote="Adds quote from mayor.", **SECOND)
    send(
        tmp_path,
        edNote="Adds quote from mayor.",
        version="3",
        versionCreated="2024-03-01T12:00:00Z",
    )
    texts = [note.text for note in article().notes.all()]
    assert texts == [
        "Adds quote from mayor.",
        "This story was updated by the agency (version 3).",
    ]


def test_a_story_never_published_gets_no_note(tmp_path):
    send(tmp_path, publish=False, **FIRST)
    send(tmp_path, publish=False, edNote="Adds detail.", **SECOND)
    assert not article().notes.exists()


def test_hostile_ednote_is_plain_text(tmp_path):
    reader = Client()
    send(tmp_path, **FIRST)
    send(tmp_path, edNote="<script>alert(1)</script><b>Fixes</b> name.", **SECOND)
    story = article()
    assert story.notes.get().text == "Fixes name."
    page = reader.get(story.url).content.decode()
    assert "<script>alert(1)" not in page


def test_a_kill_takes_the_story_down_and_purges_it_at_once(tmp_path):
    reader = Client()
    send(tmp_path, **FIRST)
    story = article()
    for url in (story.url, f"{story.url}history/", "/feeds/rss/", "/latest/"):
        assert reader.get(url).status_code == 200
    assert reader.get(story.url)["X-Cache"] == "hit"
    assert story.title in reader.get("/feeds/rss/").content.decode()

    send(tmp_path, pubStatus="canceled", **SECOND)

    assert reader.get(story.url).status_code == 404
    assert reader.get(f"{story.url}history/").status_code == 404
    assert story.title not in reader.get("/feeds/rss/").content.decode()
    assert story.title not in reader.get("/latest/").content.decode()
