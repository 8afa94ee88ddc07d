from dataclasses import replace
from datetime import timedelta

from broadsheet.desk.clustering.clusterer import Settings, StoryClusterer, cluster
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
