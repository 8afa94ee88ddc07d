"""How close a clustering is to a gold one: pairwise and BCubed scores.

Pairwise precision and recall count pairs of documents put together (as the
Miranda et al. 2018 scorer does); they weigh a story quadratically by its
size. BCubed (Bagga & Baldwin 1998; Amigo et al. 2009) averages per
document, so a small story counts as much as a big one. Both are in the
bench and in the tests; neither needs anything beyond the two labelings.
"""

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(gold: Sequence[Hashable], found: Sequence[Hashable]) -> Scores:
    """Precision and recall over the pairs of documents found together."""
    _check(gold, found)
    both = sum(_pairs(n) for n in Counter(zip(gold, found, strict=True)).values())
    found_pairs = sum(_pairs(n) for n in Counter(found).values())
    gold_pairs = sum(_pairs(n) for n in Counter(gold).values())
    return Scores(
        precision=both / found_pairs if found_pairs else 1.0,
        recall=both / gold_pairs if gold_pairs else 1.0,
    )


def bcubed(gold: Sequence[Hashable], found: Sequence[Hashable]) -> Scores:
    """Per-document precision and recall of its cluster, averaged."""
    _check(gold, found)
    cells = Counter(zip(gold, found, strict=True))
    gold_sizes, found_sizes = Counter(gold), Counter(found)
    # Every document of a (gold, found) cell scores the same: weigh by size.
    precision = sum(n * n / found_sizes[f] for (_, f), n in cells.items())
    recall = sum(n * n / gold_sizes[g] for (g, _), n in cells.items())
    total = len(gold) or 1
    return Scores(precision=precision / total, recall=recall / total)


def _check(gold, found) -> None:
    if len(gold) != len(found):
        raise ValueError(f"{len(gold)} gold labels but {len(found)} found")
