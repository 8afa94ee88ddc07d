"""`broadsheet demo` fills the Wire desk: a day of copy from invented
sources, several reporting the same events, as a new editor first sees it."""

import pytest

from broadsheet.demo.loader import CONTENT_DIR
from broadsheet.demo.wire import load_wire
from broadsheet.desk import assignment
from broadsheet.desk.models import DeskEntry, DeskStory
from broadsheet.testing import logged_in, make_editor, read, words
from broadsheet.wire.models import WireItem

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_process():
    assignment.forget_window()
    yield
    assignment.forget_window()


def test_the_demo_desk_groups_each_event_across_its_sources():
    note = load_wire(CONTENT_DIR / "wire.json")

    assert note == " Wire desk: 23 items from 5 sources."
    by_headline = {s.headline: s for s in DeskStory.objects.all()}
    expected = {
        "Parliament passes Coastal Protection Bill after all-night sitting": 4,
        "Halvard Motors recalls 48,000 electric vans over battery fault": 3,
        "Kestrel Observatory finds water vapour on a distant planet": 3,
        "Brannock City win the league on the final day": 3,
        "Measles cases rise in Dunmore region, health agency urges vaccination": 2,
        "Magnitude 6.1 earthquake strikes off Tessaly coast": 3,
        "Lumen Cloud outage takes banking apps offline for four hours": 2,
        "Port Ardent film festival names its jury": 1,
        "Council votes to extend the harbour tram to Eastfield": 1,
        "Rare ghost orchid found on Greyfell moor": 1,
    }
    assert {h: s.source_count for h, s in by_headline.items()} == expected
    copies = DeskEntry.objects.filter(copy_of__isnull=False)
    assert sorted(e.item.source.name for e in copies) == [
        "Harbour Gazette",  # Meridian's coastal bill
        "Harbour Gazette",  # Capital Wire's planet, cut short
        "Northern Daily",  # Meridian's quake
        "Valley Courier",  # Meridian's recall, a line added
    ]
    assert by_headline[
        "Brannock City win the league on the final day"
    ].section.slug == ("sports")


def test_the_demo_desk_is_what_a_new_editor_sees():
    load_wire(CONTENT_DIR / "wire.json")

    root = read(logged_in(make_editor()).get("/admin/desk/"))

    stories = [words(s.find("h2")) for s in root.select("section.desk-story")]
    assert len(stories) == 10
    # Three sources four hours ago first, stories of one source last.
    assert stories[0] == "Magnitude 6.1 earthquake strikes off Tessaly coast"
    assert stories[-2:] == [
        "Council votes to extend the harbour tram to Eastfield",
        "Port Ardent film festival names its jury",
    ]
    assert root.select("button[type=submit]")  # "Create story" on every copy


def test_loading_again_adds_nothing():
    load_wire(CONTENT_DIR / "wire.json")
    assert load_wire(CONTENT_DIR / "wire.json") == ""
    assert WireItem.objects.count() == 23
