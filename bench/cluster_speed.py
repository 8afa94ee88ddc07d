"""How fast the desk assigns copy to a story with a full window, and the
memory the window takes.

    nice .venv/bin/python bench/cluster_speed.py [--items 300000] [--probe 2000]

The window is filled with --items pieces of synthetic copy spread over six
days (all inside the 7-day window), replayed as the desk does on start:
stories of 1 to 60 pieces (a long tail of single items, as on a real desk),
each with a core of words of its own and words drawn from a Zipf-shaped
vocabulary of 300,000 words, a third of the copy as short as a title and a
summary (25 words) and the rest full stories (120 words), a few names each.
Then --probe new pieces are assigned (half follow a story in the window,
half start one) and timed one by one: the p50, p95 and p99 of `assign`,
and of the feature extraction (words, names, signature) measured apart on
real-length text. Baseline in the same run: scoring the same new copy
against every story in the window, without the index (on --baseline-probe
pieces, as it is slow).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from broadsheet.desk.clustering import neardup  # noqa: E402
from broadsheet.desk.clustering.clusterer import (  # noqa: E402
    DAY,
    Assignment,
    StoryClusterer,
)
from broadsheet.desk.clustering.features import Document, Features, features  # noqa: E402

VOCABULARY = 300_000
START = 1_770_000_000.0


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Synthetic:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.draws = np.random.default_rng(seed)
        weights = 1 / (np.arange(VOCABULARY) + 10)
        self.p = weights / weights.sum()
        self.words = [f"w{rank}" for rank in range(VOCABULARY)]
        self.pool: list[int] = []
        self.stories = 0

    def zipf(self, k: int) -> list[str]:
        """k words of the Zipf-shaped vocabulary (drawn by the million)."""
        if len(self.pool) < k:
            self.pool = self.draws.choice(VOCABULARY, 1_000_000, p=self.p).tolist()
        words = self.words
        return [words[self.pool.pop()] for _ in range(k)]

    def new_story(self) -> dict:
        self.stories += 1
        core = self.zipf(8)
        rare = [f"s{self.stories}-{i}" for i in range(4)]  # its names, places
        return {"core": core + rare, "names": {f"n{self.stories}": 4.0}}

    def copy(self, story: dict, time: float) -> Features:
        length = 25 if self.rng.random() < 1 / 3 else 120
        terms: dict[str, float] = {}
        for word in self.rng.sample(story["core"], k=min(10, len(story["core"]))):
            terms[word] = terms.get(word, 0.0) + 2.0
        for word in self.zipf(length - len(terms)):
            terms[word] = terms.get(word, 0.0) + 1.0
        # Its near-duplicate sketch: as many shingles as words, a full
        # sketch for a story; random hashes (no copy is shared), so the
        # near-duplicate look-up costs what it does for new copy.
        shingles = length + 6
        hashes = np.unique(self.draws.integers(0, 2**32, shingles, dtype=np.uint32))
        sketch = neardup.Signature(hashes[: neardup.SKETCH].copy(), shingles)
        return Features(
            terms=terms, names=dict(story["names"]), signature=sketch, time=time
        )


def fill(clusterer: StoryClusterer, synthetic: Synthetic, items: int) -> list[dict]:
    made, stories = 0, []
    while made < items:
        story = synthetic.new_story()
        stories.append(story)
        size = 1 if synthetic.rng.random() < 0.5 else synthetic.rng.randint(2, 60)
        key = None
        for _ in range(min(size, items - made)):
            when = START + synthetic.rng.random() * 6 * DAY
            item_id = f"i{made}"
            key = key or item_id
            clusterer.replay(
                item_id, synthetic.copy(story, when), Assignment(key, key == item_id, 0)
            )
            made += 1
    return stories


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)

    def at(q):
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return f"p50 {at(0.5):.2f} ms, p95 {at(0.95):.2f} ms, p99 {at(0.99):.2f} ms"


def exhaustive(clusterer: StoryClusterer, item: Features) -> None:
    """The baseline: every story in the window scored, no index."""
    clusterer.df.update(item.terms.keys())
    vector = clusterer._vector(item, counting=False)
    for story in clusterer.stories.values():
        cosine = sum(w * story.vector.get(t, 0.0) for t, w in vector.items())
        _ = cosine / story.norm if story.norm else 0.0
    clusterer.df.subtract(item.terms.keys())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=300_000)
    parser.add_argument("--probe", type=int, default=2_000)
    parser.add_argument("--baseline-probe", type=int, default=20)
    args = parser.parse_args()
    synthetic = Synthetic(seed=1)
    before = rss_mb()
    clusterer = StoryClusterer()
    started = time.perf_counter()
    stories = fill(clusterer, synthetic, args.items)
    filled = time.perf_counter() - started
    after = rss_mb()
    print(
        f"window: {len(clusterer):,} items in {len(clusterer.stories):,} stories,"
        f" {len(clusterer.df):,} words, {len(clusterer.postings):,} postings;"
        f" replayed in {filled:.0f} s ({filled / args.items * 1000:.2f} ms an item);"
        f" memory {after - before:,.0f} MB"
        f" ({(after - before) * 1024 / args.items:.2f} kB an item); pid {os.getpid()}"
    )
    # Wall time, and the CPU time of this process: on a shared machine the
    # two differ by the time spent waiting for a core, which is the
    # machine's load, not the assignment's cost.
    timings, cpu, now = [], [], START + 6 * DAY
    for number in range(args.probe):
        follows = number % 2 == 0
        story = synthetic.rng.choice(stories) if follows else synthetic.new_story()
        item = synthetic.copy(story, now + number)
        began, began_cpu = time.perf_counter(), time.process_time()
        clusterer.assign(f"probe{number}", item)
        timings.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    print(f"assign, index ({args.probe} items): wall {percentiles(timings)}")
    print(f"{'':28}CPU  {percentiles(cpu)}")
    baseline = []
    for _ in range(args.baseline_probe):
        item = synthetic.copy(synthetic.rng.choice(stories), now)
        began = time.perf_counter()
        exhaustive(clusterer, item)
        baseline.append(time.perf_counter() - began)
    print(
        f"baseline, every story scored ({args.baseline_probe} items):"
        f" {percentiles(baseline)}"
    )
    text = "\n".join(
        " ".join(synthetic.rng.choices(["Storm", "Petra", "hit", "the", "coast"], k=30))
        for _ in range(8)
    )
    extraction = []
    for number in range(200):
        began = time.perf_counter()
        features(Document(str(number), text + f" {number}", title="Storm Petra hits"))
        extraction.append(time.perf_counter() - began)
    print(
        f"features of a 240-word story (once, in the task): {percentiles(extraction)}"
    )
    print(f"median assign {statistics.median(timings) * 1000:.2f} ms")
    print(f"load average during the run: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
