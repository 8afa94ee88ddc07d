from dataclasses import replace
from datetime import timedelta

from broadsheet.desk.clustering.clusterer import (
    Assignment,
    Settings,
    StoryClusterer,
    cluster,
    final,
)
from broadsheet.desk.clustering.features import Features, features

from .copy import documents, prepared, rows


def partition(labels):
    groups = {}
    for index, label in enumerate(labels):
        groups.setdefault(label, set()).add(index)
    return sorted(map(sorted, groups.values()))


def test_each_event_is_one_story_across_sources():
    found = [a.story for a in cluster(prepared())]
    assert partition(found) == partition([r["story"] for r in rows()])


def test_a_story_is_keyed_by_its_first_copy():
    found = {
        d.id: a.story for d, a in zip(documents(), cluster(prepared()), strict=True)
    }
    assert found["wire-1"] == "npa-1"
    assert found["herald-6"] == "wire-6"


def test_republished_and_trimmed_copy_points_to_its_first_carrier():
    assignments = cluster(prepared())
    duplicates = {
        d.id: a.duplicate_of
        for d, a in zip(documents(), assignments, strict=True)
        if a.duplicate_of
    }
    assert duplicates == {"herald-1": "npa-1", "ledger-1": "npa-1", "herald-5": "npa-5"}


def test_the_same_kind_of_event_elsewhere_is_another_story():
    found = {
        d.id: a.story for d, a in zip(documents(), cluster(prepared()), strict=True)
    }
    assert found["wire-6"] != found["npa-1"]  # Storm Quinn is not Storm Petra


def test_copy_after_the_window_starts_a_new_story():
    clusterer = StoryClusterer()
    for item_id, item in prepared():
        clusterer.assign(item_id, item)
    late = documents()[3]  # Wire Europe on Storm Petra
    late.id, late.published = "late", late.published + timedelta(days=20)
    assignment = clusterer.assign(late.id, features(late))
    assert assignment.new_story and assignment.story == "late"


def test_the_window_forgets_old_copy_and_its_words():
    clusterer = StoryClusterer(replace(Settings(), window_days=1))
    for item_id, item in prepared():
        clusterer.assign(item_id, item)
    # The last copy is on 7 March: everything before 6 March has gone.
    kept = {d.id for d in documents() if d.published.day >= 6}
    assert set(clusterer.items) == kept
    assert "petra" not in clusterer.df
    assert set(clusterer.stories) == {"wire-6"}


def test_a_count_bound_keeps_memory_bounded_without_dates():
    clusterer = StoryClusterer(replace(Settings(), window_items=5))
    for item_id, item in prepared():
        item.time = None
        clusterer.assign(item_id, item)
    assert len(clusterer) == 5
    assert sum(s.size for s in clusterer.stories.values()) == 5


def test_replaying_stored_decisions_rebuilds_the_same_window():
    first, second = StoryClusterer(), StoryClusterer()
    items = prepared()
    for item_id, item in items[:-1]:
        assignment = first.assign(item_id, item)
        second.replay(item_id, Features.from_dict(item.to_dict()), assignment)
    assert first.df == second.df
    assert set(first.stories) == set(second.stories)
    item_id, item = items[-1]
    assert first.assign(item_id, item) == second.assign(item_id, item)


def test_copy_already_in_the_window_is_refused():
    clusterer = StoryClusterer()
    item_id, item = prepared()[0]
    clusterer.assign(item_id, item)
    try:
        clusterer.assign(item_id, item)
    except ValueError as error:
        assert "npa-1" in str(error)
    else:
        raise AssertionError("a second assignment of one item was accepted")


def _copy(*words):
    return Features(terms={word: 1.0 for word in words})


def _two_stories_of_one_event():
    """The same event filed as two stories (as a desk decided before, with
    other settings; as like each other as their own copy is to them), and
    the window's other copy."""
    clusterer = StoryClusterer()
    event = ("ferry", "kelby", "capsized", "harbour", "rescued", "crew")
    for item_id, story, extra in [
        ("a1", "a1", "tuesday"),
        ("a2", "a1", "coastguard"),
        ("b1", "b1", "coastguard"),
        ("b2", "b1", "tuesday"),
        ("c1", "c1", "budget"),
    ]:
        words = event + (extra,) if story != "c1" else ("budget", "vote", "tax")
        clusterer.replay(
            item_id, _copy(*words), Assignment(story, item_id == story, 0.0)
        )
    return clusterer, event


def test_copy_that_bridges_two_stories_of_one_event_merges_them():
    clusterer, event = _two_stories_of_one_event()
    assignment = clusterer.assign("d1", _copy(*event, "night"))
    # The story opened first keeps its key; the other's copy follows it.
    assert assignment.story == "a1" and assignment.merged == ("b1",)
    assert {clusterer.story_of(i) for i in ("a1", "a2", "b1", "b2", "d1")} == {"a1"}
    assert clusterer.story_of("c1") == "c1"
    assert set(clusterer.stories) == {"a1", "c1"}
    assert clusterer.stories["a1"].size == 5


def test_a_merge_replays_and_is_forgotten_with_its_copy():
    clusterer, event = _two_stories_of_one_event()
    assignment = clusterer.assign("d1", _copy(*event, "night"))
    again, _ = _two_stories_of_one_event()
    again.replay("d1", _copy(*event, "night"), assignment)
    assert set(again.stories) == set(clusterer.stories)
    assert again.story_of("b2") == "a1"
    # Once all the merged copy has left the window, so has the old key.
    again.settings = replace(again.settings, window_items=1)
    again.replay("e1", _copy("budget"), Assignment("e1", True, 0.0))
    assert again.merged_into == {} and set(again.stories) == {"e1"}


def test_unalike_stories_are_not_merged():
    clusterer, event = _two_stories_of_one_event()
    assignment = clusterer.assign("d1", _copy(*event[:3], "budget", "vote", "tax"))
    assert assignment.merged == ()
    assert len(clusterer.stories) == 3


def test_offline_keys_are_those_of_the_stories_documents_end_in():
    found = final(
        [
            Assignment("x", True, 0.0),
            Assignment("y", True, 0.0),
            Assignment("z", True, 0.0),
            Assignment("y", False, 0.5, merged=("z",)),
            Assignment("x", False, 0.5, merged=("y",)),
        ]
    )
    assert [a.story for a in found] == ["x"] * 5
    assert [a.new_story for a in found] == [True, True, True, False, False]
