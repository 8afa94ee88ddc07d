"""The Wire desk as an editor sees it: the last 48 hours' stories ranked by
sources and recency, each with its copy and what the newsroom published;
filters; a fixed number of queries; only for those allowed."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from broadsheet.desk import assignment
from broadsheet.desk.models import DeskEntry, DeskStory
from broadsheet.desk.tests import wire
from broadsheet.news.models import SectionPage
from broadsheet.testing import (
    logged_in,
    make_article,
    make_author_user,
    make_editor,
    make_user,
    read,
    words,
)
from broadsheet.wire.models import WireItem

pytestmark = pytest.mark.django_db
DESK = "/admin/desk/"
ONE_DAY = ["npa-2", "ledger-2", "wire-2", "herald-3", "npa-3", "ledger-3", "wire-3"]


@pytest.fixture
def day():
    """Veridian's plant (four sources), Varga's re-election (three)."""
    items = wire.load(ONE_DAY)
    assignment.assign_waiting()
    return items


def stories(root):
    return [words(s.find("h2")) for s in root.select("section.desk-story")]


def story_block(root, headline):
    for section in root.select("section.desk-story"):
        if words(section.find("h2")) == headline:
            return section
    raise AssertionError(f"no story {headline!r} on the desk")


def rows(section):
    return [
        [words(td) for td in tr.find_all("td")] for tr in section.select("tbody tr")
    ]


def test_an_editor_sees_each_story_with_its_copy(day):
    root = read(logged_in(make_editor()).get(DESK))

    chip = story_block(root, "Veridian Semiconductor to build chip plant in Eastbrook")
    assert "4 sources, 4 items" in words(chip)
    assert [row[0] for row in rows(chip)] == [
        "Norland Press Agency",
        "Daily Ledger",
        "Wire Europe",
        "Coastal Herald",
    ]
    assert rows(chip)[1][2] == "1,200 jobs as Veridian picks Eastbrook"
    assert rows(chip)[1][3] == "\u2014"  # no other carrier of that copy
    assert "Create story" in rows(chip)[0][4]


def test_more_sources_rank_first_among_stories_as_recent():
    now = timezone.now()
    wire.load(["npa-3", "ledger-3", "wire-3"], end=now - timedelta(hours=1))
    wire.load(["npa-2", "ledger-2", "wire-2", "herald-3"], end=now - timedelta(hours=2))
    assignment.assign_waiting()

    root = read(logged_in(make_editor()).get(DESK))

    assert stories(root) == [
        "Veridian Semiconductor to build chip plant in Eastbrook",
        "Lena Varga re-elected mayor of Kingsport",
    ]


def test_a_recent_story_outranks_an_older_one_with_one_source_more(day):
    # A source more is worth six hours: Varga's three sources, last an hour
    # ago, rank above Veridian's four, last 17 hours ago.
    root = read(logged_in(make_editor()).get(DESK))

    assert stories(root) == [
        "Lena Varga re-elected mayor of Kingsport",
        "Veridian Semiconductor to build chip plant in Eastbrook",
    ]


def test_copy_carried_by_several_sources_is_one_row_with_its_carriers():
    wire.load(["npa-1", "herald-1", "ledger-1", "wire-1"])
    assignment.assign_waiting()

    root = read(logged_in(make_editor()).get(DESK))

    storm = story_block(root, "Storm Petra batters Norland coast, three dead")
    assert rows(storm)[0][:1] == ["Norland Press Agency"]
    assert rows(storm)[0][3] == "2 more: Coastal Herald, Daily Ledger"
    assert [row[0] for row in rows(storm)] == ["Norland Press Agency", "Wire Europe"]


def test_stories_older_than_48_hours_are_not_on_the_desk():
    wire.load(["npa-2", "ledger-2"], end=timezone.now() - timedelta(hours=49))
    assignment.assign_waiting()

    root = read(logged_in(make_editor()).get(DESK))

    assert stories(root) == []
    assert "No stories in the last 48 hours" in words(root)


def test_filters_by_section_and_by_source(day):
    varga = DeskStory.objects.get(headline__startswith="Lena Varga")
    varga.section = SectionPage.objects.get(slug="politics")
    varga.save()
    client = logged_in(make_editor())

    by_section = read(client.get(DESK, {"section": "politics"}))
    by_source = read(client.get(DESK, {"source": "coastal-herald"}))
    unknown = read(client.get(DESK, {"source": "nobody"}))

    assert stories(by_section) == ["Lena Varga re-elected mayor of Kingsport"]
    assert stories(by_source) == [
        "Veridian Semiconductor to build chip plant in Eastbrook"
    ]
    assert len(stories(unknown)) == 2
    assert "That filter is unknown" in words(unknown)


def test_the_newsroom_story_in_a_cluster_is_shown_with_it(day):
    page = make_article(
        "Veridian plant confirmed for Eastbrook",
        "business",
        body=[],
        standfirst="Veridian Semiconductor will build its chip plant in "
        "Eastbrook, creating 1,200 jobs.",
    )
    assignment.assign(article_ids=[page.pk])
    assert DeskEntry.objects.get(article=page).story.headline.startswith("Veridian")

    root = read(logged_in(make_editor()).get(DESK))

    chip = story_block(root, "Veridian Semiconductor to build chip plant in Eastbrook")
    published = chip.select_one(".desk-published")
    assert words(published) == (
        "Already in the newsroom Veridian plant confirmed for Eastbrook (published)"
    )
    update = next(a for a in chip.find_all("a") if "Add as update" in words(a))
    assert update["href"].startswith(f"/admin/pages/{page.pk}/edit/?wire_item=")


def test_the_query_count_does_not_grow_with_the_stories(day):
    client = logged_in(make_editor())
    client.get(DESK)  # sessions, permissions cached alike for both counts
    with CaptureQueriesContext(connection) as few:
        assert client.get(DESK).status_code == 200

    wire.load(["npa-1", "herald-1", "wire-1", "npa-5", "herald-5", "ledger-5"])
    assignment.assign_waiting()
    with CaptureQueriesContext(connection) as many:
        root = read(client.get(DESK))

    assert len(stories(root)) > 2
    assert len(many) == len(few)


def test_authors_see_the_desk_and_its_menu_item(day):
    client = logged_in(make_author_user())
    assert len(stories(read(client.get(DESK)))) == 2
    assert "Wire desk" in menu(client)


def menu(client):
    """The admin menu's labels, from the JSON Wagtail's script draws it from."""
    return read(client.get("/admin/")).select_one("#wagtail-sidebar-props").text


def test_readers_and_anonymous_visitors_are_refused(client, day):
    anonymous = client.get(DESK)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")

    reader = logged_in(make_user("reader"))  # an account in no group
    refused = reader.get(DESK)
    assert refused.status_code == 302  # Wagtail: no admin access
    assert b"Veridian" not in reader.get(DESK, follow=True).content

    admin_only = make_user("visitor")
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    visitor = logged_in(admin_only)  # the admin, but not the desk
    turned_away = visitor.get(DESK, follow=True)
    assert turned_away.redirect_chain == [("/admin/", 302)]
    assert "permission" in words(read(turned_away))  # Wagtail says why
    assert b"Veridian" not in turned_away.content
    assert "Wire desk" not in menu(visitor)


def test_a_trusted_sources_item_is_published_and_still_on_the_desk(
    django_capture_on_commit_callbacks,
):
    from broadsheet.desk.tests.test_assignment import ninjs_story
    from broadsheet.wire.importer import Importer
    from broadsheet.wire.models import Source

    wire.load(["npa-2", "ledger-2"])
    assignment.assign_waiting()
    trusted = wire.source("Wire Europe", trust=Source.Trust.PUBLISH)
    row = next(r for r in wire.rows() if r["id"] == "wire-2")
    body = "".join(f"<p>{line}</p>" for line in row["text"].splitlines())
    importer = Importer.for_source(trusted)
    now = timezone.now().isoformat()
    story = ninjs_story(
        "urn:we:2", row["title"], body, firstCreated=now, versionCreated=now
    )
    importer.add(story.uri, story)
    with django_capture_on_commit_callbacks(execute=True):
        importer.finish()  # published, then on the desk

    item = DeskEntry.objects.get(item__uri="urn:we:2").item
    assert item.article.live
    root = read(logged_in(make_editor()).get(DESK))
    chip = story_block(root, "Veridian Semiconductor to build chip plant in Eastbrook")
    assert "3 sources" in words(chip)
    assert words(chip.select_one(".desk-published")) == (
        f"Already in the newsroom {row['title']} (published)"
    )
    assert "Open its story" in [row[4] for row in rows(chip)][2]


def test_copy_the_agency_withdrew_is_not_offered(day):
    WireItem.objects.filter(pk=day["ledger-2"].pk).update(pubstatus="withheld")

    root = read(logged_in(make_editor()).get(DESK))

    chip = story_block(root, "Veridian Semiconductor to build chip plant in Eastbrook")
    assert "Daily Ledger" not in [row[0] for row in rows(chip)]
