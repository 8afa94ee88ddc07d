"""Near-duplicate copy on BBC News: recall on the corpus's 98 known duplicate
pairs and on edited carriers of them, and false merges among the rest.

    nice .venv/bin/python bench/near_duplicates.py [--seeds 3]

The stream is the 2,225 BBC stories plus, for each known pair, three carriers
of its copy as agencies' clients publish them: under a new headline, with its
ending trimmed (the last third of the paragraphs gone), and with small edits
(one word in 30 changed, the last sentence dropped). All of it goes through
the desk's clusterer in a shuffled order (the labels play no part); a
carrier is found when it lands in its original's copy (the same first
carrier).

The BBC's other 2,127 stories are not all distinct copy: some are one story
under two headlines ("Conservative backing for ID cards" and "Tory backing
for ID cards", word for word) that the identical-pair list misses. So every
other merge is checked against the exact share of the shorter text's
4-word shingles found in the longer: below FALSE_BELOW it is a false merge;
above it, a near-duplicate the list did not name (counted and listed).
"""

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from broadsheet.desk.clustering.clusterer import StoryClusterer  # noqa: E402
from broadsheet.desk.clustering.features import Document, features  # noqa: E402
from broadsheet.desk.clustering.text import shingles  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPORA = next(
    (p / "shared/corpora" for p in ROOT.parents if (p / "shared/corpora").is_dir()),
    ROOT.parent / "shared/corpora",
)
BBC = CORPORA / "bbc-news"
EDIT_EVERY = 30  # words
FALSE_BELOW = 0.5  # exact shingle containment of a wrongly merged pair


def load():
    stories = {}
    for line in (BBC / "bbc_news.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        stories[row["id"]] = row
    groups = json.loads((BBC / "duplicate_groups.json").read_text())
    return stories, groups


def carriers(story: dict, rng: random.Random, headlines: list[str]) -> dict:
    paragraphs = story["body"].split("\n\n")
    kept = paragraphs[: max(1, round(len(paragraphs) * 2 / 3))]
    words = story["body"].split(" ")
    edited = [
        rng.choice(("also", "then", "now", "still")) if i % EDIT_EVERY == 7 else w
        for i, w in enumerate(words)
    ]
    edited_text = " ".join(edited).rsplit(". ", 1)[0] + "."
    return {
        "headline": Document("", story["body"], title=rng.choice(headlines)),
        "trimmed": Document("", "\n\n".join(kept), title=story["title"]),
        "edited": Document("", edited_text, title=story["title"]),
    }


def run(seed: int):
    stories, groups = load()
    rng = random.Random(seed)
    headlines = [s["title"] for s in stories.values()]
    stream = [
        (sid, Document(sid, s["body"], title=s["title"])) for sid, s in stories.items()
    ]
    expected = {}  # carrier id -> the id whose copy it is
    for group in groups:
        for other in group[1:]:
            expected[other] = group[0]
        for kind, document in carriers(stories[group[0]], rng, headlines).items():
            document.id = f"{group[0]}~{kind}"
            stream.append((document.id, document))
            expected[document.id] = group[0]
    rng.shuffle(stream)
    clusterer = StoryClusterer()
    copy_of = {}
    started = time.perf_counter()
    for item_id, document in stream:
        assignment = clusterer.assign(item_id, features(document))
        copy_of[item_id] = assignment.duplicate_of or item_id
    elapsed = time.perf_counter() - started
    return score(stream, copy_of, expected, groups), elapsed / len(stream)


def score(stream, copy_of, expected, groups):
    found = defaultdict(lambda: [0, 0])
    for item_id, origin in expected.items():
        kind = item_id.split("~")[1] if "~" in item_id else "identical"
        found[kind][1] += 1
        found[kind][0] += copy_of[item_id] == copy_of[origin]
    # Members of one copy come from one known group, or are checked.
    group_of = {}
    for number, group in enumerate(groups):
        for sid in group:
            group_of[sid] = number
    documents = dict(stream)
    false_merges, unlisted = [], []
    for item_id, _ in stream:
        first = copy_of[item_id]
        label = group_of.get(item_id.split("~")[0], item_id.split("~")[0])
        if label == group_of.get(first.split("~")[0], first.split("~")[0]):
            continue
        exact = _containment(documents[item_id].text, documents[first].text)
        pair = (first, item_id, round(exact, 3))
        (false_merges if exact < FALSE_BELOW else unlisted).append(pair)
    return found, false_merges, unlisted


def _containment(a: str, b: str) -> float:
    first, second = shingles(a, 4), shingles(b, 4)
    return len(first & second) / max(1, min(len(first), len(second)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--verbose", action="store_true", help="list every merge")
    args = parser.parse_args()
    if not BBC.exists():
        sys.exit(f"{BBC} is missing")
    for seed in range(1, args.seeds + 1):
        (found, false_merges, unlisted), per_item = run(seed)
        lowest = min((p[2] for p in unlisted), default=1)
        total = [sum(v[0] for v in found.values()), sum(v[1] for v in found.values())]
        parts = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(found.items()))
        print(
            f"seed {seed}: recall {total[0] / total[1]:.3f} ({parts});"
            f" false merges {len(false_merges)}; unlisted near-duplicates"
            f" {len(unlisted)} (exact containment >= {lowest});"
            f" {per_item * 1000:.1f} ms an item (features and assignment)"
        )
        for first, other, exact in false_merges + (unlisted if args.verbose else []):
            print(f"  {other} -> {first}: exact containment {exact}")


if __name__ == "__main__":
    main()
