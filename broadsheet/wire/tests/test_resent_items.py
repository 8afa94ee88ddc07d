"""Re-sent agency items against what the newsroom and readers already have:
kills, replays of older versions, identical re-sends and editors' edits."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from broadsheet.news.models import ArticlePage
from broadsheet.testing import make_editor, read, words
from broadsheet.wire.tests.conftest import (
    edit_in_admin,
    import_ninjs,
    ninjs_item,
    write,
)

pytestmark = pytest.mark.django_db

HEADLINE = "Harbour reopens after storm"  # ninjs_item()'s
UPDATE = "Harbour reopens, ferries full"
LISTINGS = ["/", "/us/", "/latest/", "/feeds/rss/"]


def article():
    return ArticlePage.objects.get(wire_item__uri="urn:test:1")


def pages_showing(client, headline) -> list[str]:
    """Every reader page that shows this headline: the story's own, the
    listings, the site feed and search."""
    story = article()
    found = [
        url
        for url in [story.url, *LISTINGS]
        if headline in client.get(url).content.decode()
    ]
    if headline in client.get("/search/", {"q": "harbour"}).content.decode():
        found.append("/search/")
    return found


def notes(run) -> list[str]:
    return run.out.strip().splitlines()[:-1]  # the last line is the summary


def send_update(tmp_path, version="2024-03-01T11:00:00Z"):
    """The agency's newer version of ninjs_item(), with a new headline, written
    where the story came from; the item sent."""
    update = ninjs_item(versionCreated=version, headlines=[{"value": UPDATE}])
    write(tmp_path, "item.json", update)
    return update


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def test_a_story_killed_during_its_embargo_never_goes_live(
    tmp_path, client, monkeypatch
):
    lifts = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    embargoed = ninjs_item(embargoedUntil=lifts.isoformat())
    path = write(tmp_path, "item.json", embargoed)
    import_ninjs(path, publish=True)
    assert article().latest_revision.approved_go_live_at == lifts  # scheduled
    write(tmp_path, "item.json", {**embargoed, "pubStatus": "canceled"})

    run = import_ninjs(path, publish=True)

    assert run.summary.startswith("0 imported, 1 updated, 0 unchanged")
    assert notes(run) == [
        f"{path}: canceled by the agency: scheduled publication canceled"
    ]
    # The embargo lifts and the worker publishes what is scheduled: nothing.
    monkeypatch.setattr(timezone, "now", lambda: lifts + timedelta(minutes=5))
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    monkeypatch.undo()
    assert not article().live
    assert pages_showing(client, HEADLINE) == []
    # What the editor reads in the page's history.
    client.force_login(make_editor())
    history = client.get(f"/admin/pages/{article().pk}/history/").content.decode()
    assert "Unschedule publication" in history


def test_a_kill_takes_a_live_story_down(tmp_path, client):
    path = write(tmp_path, "item.json", ninjs_item())
    import_ninjs(path, publish=True)
    assert pages_showing(client, HEADLINE)
    write(tmp_path, "item.json", ninjs_item(pubStatus="withheld"))

    run = import_ninjs(path, publish=True)

    assert notes(run) == [f"{path}: withheld by the agency: unpublished"]
    assert pages_showing(client, HEADLINE) == []


def test_a_replayed_older_version_is_skipped_and_the_newer_copy_stays(tmp_path, client):
    newer = ninjs_item(
        versionCreated="2024-03-01T11:00:00Z", headlines=[{"value": UPDATE}]
    )
    path = write(tmp_path, "item.json", newer)
    import_ninjs(path, publish=True)
    write(tmp_path, "item.json", ninjs_item())  # the 09:30 version, replayed

    run = import_ninjs(path, publish=True)

    assert run.summary.startswith(
        "0 imported, 0 updated, 0 unchanged, 0 refused, 1 skipped"
    )
    assert notes(run) == [
        f"{path}: skipped: older than the version already imported (versionCreated "
        "2024-03-01T09:30:00+00:00, imported 2024-03-01T11:00:00+00:00)"
    ]
    assert words(read(client.get(article().url)).h1) == UPDATE
    assert pages_showing(client, HEADLINE) == []


def test_an_identical_resend_leaves_a_story_an_editor_unpublished_down(
    tmp_path, editor_client
):
    path = write(tmp_path, "item.json", ninjs_item())
    import_ninjs(path, publish=True)
    response = editor_client.post(f"/admin/pages/{article().pk}/unpublish/")
    assert response.status_code == 302
    assert pages_showing(editor_client, HEADLINE) == []

    run = import_ninjs(path, publish=True)

    assert run.summary.startswith("0 imported, 0 updated, 1 unchanged")
    assert not article().live
    assert pages_showing(editor_client, HEADLINE) == []


def test_an_agency_update_does_not_put_back_a_story_an_editor_took_down(
    tmp_path, editor_client
):
    path = write(tmp_path, "item.json", ninjs_item())
    import_ninjs(path, publish=True)
    editor_client.post(f"/admin/pages/{article().pk}/unpublish/")
    send_update(tmp_path)

    run = import_ninjs(path, publish=True)

    assert run.summary.startswith("0 imported, 1 updated, 0 unchanged")
    assert notes(run) == [
        f"{path}: taken down here: the agency's update is saved as a draft for "
        "an editor to review, not republished"
    ]
    assert not article().live
    assert pages_showing(editor_client, UPDATE) == []
    editor = read(editor_client.get(f"/admin/pages/{article().pk}/edit/"))
    assert editor.select_one("input[name=title]")["value"] == UPDATE


def test_an_identical_resend_with_publish_publishes_a_draft(tmp_path, client):
    path = write(tmp_path, "item.json", ninjs_item())
    import_ninjs(path)  # a draft, for the desk to look at first
    assert pages_showing(client, HEADLINE) == []

    run = import_ninjs(path, publish=True)

    assert run.summary.startswith("0 imported, 1 updated, 0 unchanged")
    assert article().live
    assert "/us/" in pages_showing(client, HEADLINE)


def test_an_agency_update_waits_as_a_draft_after_an_editor_s_edit(
    tmp_path, editor_client
):
    path = write(tmp_path, "item.json", ninjs_item())
    import_ninjs(path, publish=True)
    edit_in_admin(
        editor_client, article(), "Harbour reopens: what it means", "<p>Ours.</p>"
    )
    send_update(tmp_path)

    run = import_ninjs(path, publish=True)

    assert run.summary.startswith("0 imported, 1 updated, 0 unchanged")
    assert notes(run) == [
        f"{path}: edited in the newsroom: the agency's update is saved as a "
        "draft for an editor to review, not published"
    ]
    page = read(editor_client.get(article().url))
    assert words(page.h1) == "Harbour reopens: what it means"
    assert words(page.select_one(".story__body")) == "Ours."
    # The editor finds the agency's version waiting in the page editor.
    editor = read(editor_client.get(f"/admin/pages/{article().pk}/edit/"))
    assert editor.select_one("input[name=title]")["value"] == UPDATE
    assert article().has_unpublished_changes

    # The agency's next update waits too: the newsroom's version stays live.
    send_update(tmp_path, version="2024-03-01T12:00:00Z")
    assert notes(import_ninjs(path, publish=True))[0].startswith(
        f"{path}: edited in the newsroom"
    )
    assert words(read(editor_client.get(article().url)).h1) == (
        "Harbour reopens: what it means"
    )


def test_a_kill_applies_even_after_an_editor_s_edit(tmp_path, editor_client):
    path = write(tmp_path, "item.json", ninjs_item())
    import_ninjs(path, publish=True)
    edit_in_admin(editor_client, article(), "Harbour reopens: ours", "<p>Ours.</p>")
    write(tmp_path, "item.json", ninjs_item(pubStatus="canceled"))

    run = import_ninjs(path, publish=True)

    assert notes(run) == [f"{path}: canceled by the agency: unpublished"]
    assert not article().live
    assert pages_showing(editor_client, "Harbour reopens: ours") == []
