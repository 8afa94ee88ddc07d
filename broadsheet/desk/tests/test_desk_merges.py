"""When new copy shows two desk stories to be one event, the clusterer merges
them and the desk follows: the merged story's copy moves to the story that
was opened first, the Wire desk shows one story, and every process (a
restarted one, or one that kept both apart in memory) ends with the same."""

from datetime import timedelta

import pytest
from django.utils import timezone

from broadsheet.desk import assignment
from broadsheet.desk.clustering.features import features
from broadsheet.desk.models import DeskEntry, DeskStory
from broadsheet.desk.tests import wire
from broadsheet.testing import logged_in, make_editor, read, words

pytestmark = pytest.mark.django_db
DESK = "/admin/desk/"

# One event (a ferry capsized, its passengers rescued) filed as two stories,
# as a desk that read the copy in another order, or with other settings,
# may have: each story holds one report of the capsizing and one of the
# rescue, so the two are as like each other as their own copy is.
COPY = [
    (
        "a1",
        "Norland Press Agency",
        "Ferry capsizes as cargo shifts in storm",
        "The ferry Kelby capsized in Kessel harbour on Tuesday night after its"
        " cargo shifted in a storm.",
    ),
    (
        "a2",
        "Daily Ledger",
        "Lifeboats rescue 40 passengers",
        "Coastguard boats and lifeboat volunteers rescued 40 passengers and crew"
        " from the water.",
    ),
    (
        "b1",
        "Coastal Herald",
        "Storm shifts cargo, ferry overturns",
        "In a storm on Tuesday night, shifting cargo overturned the Kelby, a"
        " ferry, in Kessel harbour.",
    ),
    (
        "b2",
        "Wire Europe",
        "40 passengers saved by lifeboats",
        "Lifeboat volunteers and coastguard boats saved 40 passengers and the"
        " crew from the water.",
    ),
]
FIRST, SECOND = ["a1", "a2"], ["b1", "b2"]
# Copy that tells both halves: it joins the first story and bridges them.
BRIDGE = (
    "d1",
    "Wire Europe",
    "Kelby capsized in Kessel harbour, 40 rescued",
    "The ferry Kelby capsized in Kessel harbour on Tuesday night.\n"
    "The coastguard and lifeboat volunteers rescued its 40 passengers and crew.",
)


def wire_item(row, minutes_ago):
    row_id, source, title, text = row
    row = {"id": row_id, "source": source, "title": title, "text": text}
    return wire.wire_item(row, timezone.now() - timedelta(minutes=minutes_ago))


def filed_as_two_stories():
    """The four items on the desk in two stories, as stored entries."""
    items = {row[0]: wire_item(row, 90 - n) for n, row in enumerate(COPY)}
    for ids in (FIRST, SECOND):
        first = items[ids[0]]
        story = DeskStory.objects.create(
            key=f"item:{first.pk}",
            headline=first.headline,
            first_seen=first.published_at,
            last_seen=first.published_at,
            rank_at=first.published_at,
        )
        for row_id in ids:
            item = items[row_id]
            DeskEntry.objects.create(
                key=f"item:{item.pk}",
                story=story,
                item=item,
                features=features(assignment.item_document(item)).to_dict(),
                time=assignment.item_time(item),
            )
    assignment.refresh_counts(DeskStory.objects.values_list("pk", flat=True))
    return items


def empty_turn():
    with assignment.turn():
        pass


def bridge():
    return wire_item(BRIDGE, 30)


def test_copy_that_bridges_two_stories_leaves_one_on_the_desk(committed):
    items = filed_as_two_stories()
    first = DeskStory.objects.get(entries__item=items["a1"])
    assert DeskStory.objects.count() == 2

    new = bridge()
    committed(assignment.assign_waiting)

    entry = DeskEntry.objects.get(item=new)
    assert entry.merged == [f"item:{items['b1'].pk}"]
    assert list(DeskStory.objects.all()) == [first]
    assert {e.item_id for e in first.entries.all()} == {
        *(item.pk for item in items.values()),
        new.pk,
    }
    first.refresh_from_db()
    assert (first.item_count, first.source_count) == (5, 4)

    editor = make_editor()
    root = read(logged_in(editor).get(DESK))
    chips = root.select("section.desk-story")
    assert [words(chip.find("h2")) for chip in chips] == [first.headline]
    assert "4 sources, 5 items" in words(chips[0])


def test_a_restarted_process_rebuilds_the_merged_story(committed):
    items = filed_as_two_stories()
    bridge()
    committed(assignment.assign_waiting)

    assignment.forget_window()
    committed(empty_turn)  # a rebuild from the stored entries
    clusterer = assignment._window.clusterer

    keys = {f"item:{item.pk}" for item in items.values()}
    assert {clusterer.story_of(key) for key in keys} == {f"item:{items['a1'].pk}"}
    assert set(clusterer.stories) == {f"item:{items['a1'].pk}"}


def test_a_process_that_kept_them_apart_merges_them_as_it_catches_up(committed):
    items = filed_as_two_stories()
    committed(empty_turn)  # process A: two stories in memory
    process_a = assignment._window
    assert len(process_a.clusterer.stories) == 2

    assignment.forget_window()  # process B assigns the bridging copy
    bridge()
    committed(assignment.assign_waiting)

    assignment._window = process_a  # A's next turn catches up
    later = wire_item(("e1", "Daily Ledger", *BRIDGE[2:]), 10)
    committed(assignment.assign_waiting)

    first = f"item:{items['a1'].pk}"
    assert assignment._window is process_a
    assert set(process_a.clusterer.stories) == {first}
    assert DeskEntry.objects.get(item=later).story.key == first
    assert DeskStory.objects.count() == 1
