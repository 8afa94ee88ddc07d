"""Every wire item joins a story as it arrives, through the clusterer that
`broadsheet cluster` runs; published stories join too; decisions survive a
restart and two processes assigning in turn."""

import pytest
from wagtail.rich_text import RichText

from broadsheet.desk import assignment
from broadsheet.desk.clustering.clusterer import cluster
from broadsheet.desk.clustering.features import features
from broadsheet.desk.models import DeskEntry, DeskStory
from broadsheet.desk.tests import copy, wire
from broadsheet.testing import make_article

pytestmark = pytest.mark.django_db


def story_of(item):
    return DeskEntry.objects.get(item=item).story


def grouping(entries):
    """The stories as sets of fixture ids (keys differ run to run)."""
    stories = {}
    for key, story in entries:
        stories.setdefault(story, set()).add(key)
    return sorted(sorted(ids) for ids in stories.values())


def desk_grouping(items):
    by_pk = {item.pk: row_id for row_id, item in items.items()}
    rows = DeskEntry.objects.values_list("item_id", "story__key")
    return grouping((by_pk[pk], story) for pk, story in rows)


def offline_grouping():
    """What `broadsheet cluster` decides for the same copy in the same order."""
    documents = copy.documents()
    decided = cluster((d.id, features(d)) for d in documents)
    return grouping((d.id, a.story) for d, a in zip(documents, decided, strict=True))


def test_the_same_event_from_two_sources_is_one_desk_story():
    items = wire.load(["npa-2", "ledger-2", "npa-3"])

    assert assignment.assign_waiting() == 3

    assert story_of(items["npa-2"]) == story_of(items["ledger-2"])
    assert story_of(items["npa-3"]) != story_of(items["npa-2"])
    chip = story_of(items["npa-2"])
    assert (chip.item_count, chip.source_count) == (2, 2)
    assert chip.headline == items["npa-2"].headline
    assert DeskStory.objects.count() == 2


def test_a_near_duplicate_is_one_copy_with_several_carriers():
    items = wire.load(["npa-1", "herald-1", "wire-1"])
    assignment.assign_waiting()

    original = DeskEntry.objects.get(item=items["npa-1"])
    republished = DeskEntry.objects.get(item=items["herald-1"])
    rewritten = DeskEntry.objects.get(item=items["wire-1"])
    assert original.copy_of is None
    assert republished.copy_of == original  # a new headline, the same copy
    assert rewritten.copy_of is None  # its own words, the same story
    assert rewritten.story == original.story
    assert original.carriers.count() == 1  # two carriers in all


def test_the_desk_decides_as_the_cluster_command_does():
    items = wire.load()
    assignment.assign_waiting()

    assert desk_grouping(items) == offline_grouping()


def test_a_restarted_process_rebuilds_the_window_and_decides_the_same(committed):
    items = wire.load()
    committed(assignment.assign, limit=10)
    assert DeskEntry.objects.count() == 10

    assignment.forget_window()  # the worker restarts
    committed(assignment.assign_waiting)

    assert desk_grouping(items) == offline_grouping()


def test_two_processes_take_in_each_others_decisions(committed):
    items = wire.load()
    committed(assignment.assign, limit=8)  # process A
    process_a = assignment._window

    assignment.forget_window()
    committed(assignment.assign, limit=8)  # process B, started meanwhile
    assert DeskEntry.objects.count() == 16
    process_b = assignment._window

    assignment._window = process_a  # A's next turn: B's 8 are new to it
    committed(assignment.assign_waiting)

    assert assignment._window is process_a  # caught up, not rebuilt
    assert process_b is not process_a

    assert process_a.last_entry == DeskEntry.objects.latest("pk").pk
    assert len(process_a.clusterer) == len(items)
    assert desk_grouping(items) == offline_grouping()


def test_a_turn_rolled_back_leaves_no_memory_of_it(committed):
    items = wire.load(["npa-2", "ledger-2"])
    committed(assignment.assign_waiting)  # a window in memory
    items.update(wire.load(["npa-3", "wire-2"]))
    with pytest.raises(RuntimeError), assignment.turn() as window:
        window.clusterer.assign("ghost", features(copy.documents()[5]))
        raise RuntimeError("the database went away")

    committed(assignment.assign_waiting)

    assert "ghost" not in assignment._window.clusterer.items
    assert story_of(items["npa-2"]) == story_of(items["ledger-2"])


def test_each_item_is_assigned_once_however_often_asked():
    wire.load(["npa-2", "ledger-2"])
    assert assignment.assign_waiting() == 2
    assert assignment.assign_waiting() == 0
    assert DeskEntry.objects.count() == 2


def test_a_published_story_joins_the_story_it_follows():
    items = wire.load(["npa-2", "ledger-2", "npa-3"])
    assignment.assign_waiting()
    page = make_article(
        "Veridian to build chip plant in Eastbrook",
        "business",
        body=[
            (
                "paragraph",
                RichText(
                    "<p>Veridian Semiconductor will build a chip plant in "
                    "Eastbrook, creating 1,200 jobs, the company said.</p>"
                    "<p>The Eastbrook plant is Veridian's first in Norland.</p>"
                ),
            )
        ],
    )

    assert assignment.assign(article_ids=[page.pk]) == 1

    entry = DeskEntry.objects.get(article=page)
    assert entry.story == story_of(items["npa-2"])
    assert entry.story.item_count == 2  # wire items; the page is ours


def test_a_story_made_from_a_wire_item_is_there_through_its_item():
    items = wire.load(["npa-2"])
    page = make_article("Veridian to build chip plant", "business")
    items["npa-2"].article = page
    items["npa-2"].save()

    assignment.assign(article_ids=[page.pk])

    assert not DeskEntry.objects.filter(article=page).exists()
    assert DeskEntry.objects.filter(item=items["npa-2"]).exists()


def ninjs_story(uri, headline, body, **fields):
    from broadsheet.wire.parsers.base import Document
    from broadsheet.wire.parsers.ninjs import parse
    from broadsheet.wire.tests.conftest import ninjs_item

    html = {"role": "html", "contentType": "text/html", "value": body}
    item = ninjs_item(uri, headlines=[{"role": "main", "value": headline}], **fields)
    item["bodies"] = [html]
    return parse(Document(uri, item))


def test_intake_puts_items_on_the_desk_and_exact_copies_make_none(committed):
    from broadsheet.wire.importer import Importer

    body = "".join(f"<p>{line}</p>" for line in copy.rows()[5]["text"].splitlines())
    importer = Importer.for_source(wire.source("Norland Press Agency"))
    for one in [
        ninjs_story("urn:npa:1", "Veridian picks Eastbrook", body),
        ninjs_story("urn:npa:1-again", "Veridian picks Eastbrook", body),
    ]:
        importer.add(one.uri, one)

    committed(importer.finish)  # items_received, then the desk's task

    entry = DeskEntry.objects.get()  # the exact copy made no item
    assert entry.item.uri == "urn:npa:1"
    assert entry.story.item_count == 1
    assert entry.story.section.slug == "us"  # the genre the item names


def test_publishing_a_story_puts_it_on_the_desk(committed):
    items = wire.load(["npa-2", "ledger-2"])
    committed(assignment.assign_waiting)
    body = [
        (
            "paragraph",
            RichText(
                "<p>Veridian Semiconductor will build a chip plant in Eastbrook, "
                "creating 1,200 jobs, the company said.</p>"
            ),
        )
    ]

    page = committed(make_article, "Veridian picks Eastbrook", "business", body=body)

    assert DeskEntry.objects.get(article=page).story == story_of(items["npa-2"])
