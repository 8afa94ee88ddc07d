"""Story clustering quality: the desk's online clustering against an offline
baseline, on the labelled sets in ../shared/corpora/story-clusters/.

    nice .venv/bin/python bench/clustering.py [--seeds 5] [--sweep]

For ECB+ (982 full articles, 86 events in 43 topics of two like events) and
GoogleNews-TS (11,109 title + snippet documents in 152 Google News stories):
pairwise and BCubed precision, recall and F1, and the number of stories
found, of

- the desk: broadsheet.desk.clustering with its default settings (what
  `broadsheet cluster` and the wire desk run), one pass in an arrival order
  that knows nothing of the labels (shuffled with fixed seeds; the mean and
  the range over the seeds are reported);
- the baseline, computed in the same run: TF-IDF cosine (scikit-learn, English
  stop words, sublinear tf), average-linkage agglomerative clustering over the
  whole set at once, cut at the one distance that is best for that set and
  that measure (chosen with the labels: an oracle the desk does not have).

--sweep also runs the desk with each main setting moved either way, to show
how much the result depends on it.
"""

import argparse
import json
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from broadsheet.desk.clustering import metrics  # noqa: E402
from broadsheet.desk.clustering.clusterer import Settings, cluster  # noqa: E402
from broadsheet.desk.clustering.features import Document, features  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the repository (or beside a folder of worktrees).
CORPORA = next(
    (p / "shared/corpora" for p in ROOT.parents if (p / "shared/corpora").is_dir()),
    ROOT.parent / "shared/corpora",
)
SETS = CORPORA / "story-clusters"


def load_ecbplus() -> tuple[list[Document], list[str]]:
    """ECB+: the first line (the title) apart from the rest of the text."""
    documents, gold = [], []
    for line in (SETS / "ecbplus.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        title, _, body = row["text"].partition("\n")
        documents.append(Document(id=row["id"], text=body, title=title))
        gold.append(row["event"])
    return documents, gold


def load_googlenews() -> tuple[list[Document], list[str]]:
    documents, gold = [], []
    for number, line in enumerate((SETS / "googlenews-ts.jsonl").open()):
        row = json.loads(line)
        documents.append(Document(id=str(number), text=row["text"]))
        gold.append(str(row["cluster"]))
    return documents, gold


def texts_of(documents: list[Document]) -> list[str]:
    return [f"{d.title}\n{d.text}" for d in documents]


MEASURES = (("pairwise", metrics.pairwise), ("bcubed", metrics.bcubed))


def baseline(documents, gold) -> dict[str, tuple]:
    """Best cut of TF-IDF average linkage, for each measure."""
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        texts_of(documents)
    )
    similarity = (vectors @ vectors.T).toarray()
    distance = np.clip(1.0 - similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), "average")
    best: dict[str, tuple] = {}
    for cut in np.arange(0.30, 1.0, 0.005):
        labels = fcluster(tree, cut, "distance")
        for name, measure in MEASURES:
            scores = measure(gold, labels)
            if scores.f1 > best.get(name, (None, -1.0))[1]:
                best[name] = (scores, scores.f1, round(float(cut), 3), len(set(labels)))
    return best


def desk(prepared, gold, settings: Settings, seeds: int) -> dict[str, list]:
    results: dict[str, list] = {"pairwise": [], "bcubed": [], "stories": []}
    for seed in range(1, seeds + 1):
        order = list(range(len(prepared)))
        random.Random(seed).shuffle(order)
        assignments = cluster([prepared[i] for i in order], settings)
        found = [a.story for a in assignments]
        ordered_gold = [gold[i] for i in order]
        results["pairwise"].append(metrics.pairwise(ordered_gold, found))
        results["bcubed"].append(metrics.bcubed(ordered_gold, found))
        results["stories"].append(len(set(found)))
    return results


def describe(scores: list) -> str:
    f1 = [s.f1 for s in scores]
    p = statistics.mean(s.precision for s in scores)
    r = statistics.mean(s.recall for s in scores)
    spread = f"[{min(f1):.3f}-{max(f1):.3f}]"
    return f"F1 {statistics.mean(f1):.3f} {spread} P {p:.3f} R {r:.3f}"


def report(name, documents, gold, seeds, sweep) -> None:
    started = time.perf_counter()
    prepared = [(d.id, features(d)) for d in documents]
    print(
        f"\n## {name}: {len(documents)} documents, {len(set(gold))} stories"
        f" (features {time.perf_counter() - started:.1f} s)"
    )
    base = baseline(documents, gold)
    result = desk(prepared, gold, Settings(), seeds)
    for measure in ("pairwise", "bcubed"):
        scores, f1, cut, found = base[measure]
        print(
            f"{measure:8}  baseline F1 {f1:.3f} P {scores.precision:.3f}"
            f" R {scores.recall:.3f} (cut {cut}, {found} clusters)"
        )
        print(f"{'':8}  desk     {describe(result[measure])}")
    print(f"stories found by the desk: {result['stories']}")
    if sweep:
        run_sweep(prepared, gold, seeds)


SWEEP = {
    "threshold": (0.25, 0.35),
    "length_exponent": (0.5, 0.9),
    "min_threshold": (0.1, 0.15),
    "name_weight": (0.0, 0.2),
    "name_profile_weight": (0.0, 0.3),
    "merge_stories": (False,),
    "query_terms": (8, 30),
    "story_terms": (200, 800),
}


def run_sweep(prepared, gold, seeds) -> None:
    for setting, values in SWEEP.items():
        for value in values:
            settings = replace(Settings(), **{setting: value})
            result = desk(prepared, gold, settings, seeds)
            print(
                f"  {setting}={value}: pairwise {describe(result['pairwise'])};"
                f" bcubed {describe(result['bcubed'])}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--only", choices=["ecbplus", "googlenews"])
    args = parser.parse_args()
    if not SETS.exists():
        sys.exit(f"{SETS} is missing")
    if args.only != "googlenews":
        report("ECB+", *load_ecbplus(), args.seeds, args.sweep)
    if args.only != "ecbplus":
        report("GoogleNews-TS", *load_googlenews(), args.seeds, args.sweep)


if __name__ == "__main__":
    main()
