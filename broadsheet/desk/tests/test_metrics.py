import pytest

from broadsheet.desk.clustering import metrics


def test_a_perfect_clustering_scores_one():
    gold = ["a", "a", "b", "c", "c", "c"]
    found = [1, 1, 2, 3, 3, 3]
    assert metrics.pairwise(gold, found).f1 == 1.0
    assert metrics.bcubed(gold, found).f1 == 1.0


def test_pairwise_counts_pairs():
    gold = ["a", "a", "a", "b"]
    found = [1, 1, 2, 2]
    scores = metrics.pairwise(gold, found)
    # Found pairs (0,1) right and (2,3) wrong; gold pairs (0,1) (0,2) (1,2).
    assert scores.precision == pytest.approx(1 / 2)
    assert scores.recall == pytest.approx(1 / 3)


def test_bcubed_averages_per_document():
    gold = ["a", "a", "a", "b"]
    found = [1, 1, 2, 2]
    scores = metrics.bcubed(gold, found)
    assert scores.precision == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert scores.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)


def test_one_big_cluster_has_full_recall_and_poor_precision():
    gold = ["a", "a", "b", "b"]
    scores = metrics.pairwise(gold, [0, 0, 0, 0])
    assert scores.recall == 1.0 and scores.precision == pytest.approx(2 / 6)


def test_labelings_of_different_lengths_are_refused():
    with pytest.raises(ValueError):
        metrics.pairwise(["a"], [1, 2])
