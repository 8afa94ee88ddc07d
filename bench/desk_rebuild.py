"""What a restart costs the desk: rebuilding the clusterer's window from the
database, against replaying the same copy from memory (the baseline, same
run), and what one assignment turn costs a process whose window is built.

    nice .venv/bin/python bench/desk_rebuild.py [--items 50000] [--postgres]

Stores --items pieces of synthetic copy (120 words each, a few names, a
near-duplicate signature; stories of 1 to 40 pieces over six days) as
DeskEntry rows, then times: the baseline (the same Features replayed into a
StoryClusterer with no database), `assignment.rebuild()` (read, decode,
replay), a catch-up turn taking in 100 entries another process added, and
whole turns assigning one new wire item each (features, lock, decision,
writes, counts). Uses a data directory of its own (SQLite) or, with
--postgres, the database named by BENCH_DATABASE_URL (made anew). Prints
Markdown.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = [f"w{n}" for n in range(50_000)]


def setup(args) -> None:
    os.environ["BROADSHEET_DATA_DIR"] = tempfile.mkdtemp(prefix="desk-bench-")
    os.environ.pop("REDIS_URL", None)
    if args.postgres:
        url = os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bs_desk_bench"
        )
        import psycopg

        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "broadsheet.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def synthetic_copy(rng, story, when):
    from broadsheet.desk.clustering import neardup
    from broadsheet.desk.clustering.features import Features

    words = rng.sample(story, k=10) + rng.choices(WORDS, k=110)
    terms = {}
    for word in words:
        terms[word] = terms.get(word, 0.0) + 1.0
    text = " ".join(words)
    return Features(
        terms=terms,
        names={story[0]: 3.0, story[1]: 1.5},
        signature=neardup.signature(text),
        time=when.timestamp(),
    )


def fill(items: int):
    """(key, story key, Features, time) in arrival order, stored as entries."""
    from broadsheet.desk.models import DeskEntry, DeskStory

    rng = random.Random(1)
    start = datetime.now(UTC) - timedelta(days=6)
    made, rows, number = 0, [], 0
    while made < items:
        number += 1
        story = [f"s{number}-{i}" for i in range(12)]
        size = 1 if rng.random() < 0.5 else rng.randint(2, 40)
        key = f"bench:{made}"  # not "item:N": real items come later
        for _ in range(min(size, items - made)):
            when = start + timedelta(seconds=rng.random() * 6 * 86_400)
            rows.append((f"bench:{made}", key, synthetic_copy(rng, story, when), when))
            made += 1
    stories = {}
    for _, key, _, when in rows:
        stories.setdefault(key, when)
    DeskStory.objects.bulk_create(
        [
            DeskStory(key=k, headline=k, first_seen=w, last_seen=w, rank_at=w)
            for k, w in stories.items()
        ],
        batch_size=2000,
    )
    ids = dict(DeskStory.objects.values_list("key", "pk"))
    DeskEntry.objects.bulk_create(
        [
            DeskEntry(key=k, story_id=ids[s], features=f.to_dict(), time=w)
            for k, s, f, w in rows
        ],
        batch_size=2000,
    )
    return rows


def seconds(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--turns", type=int, default=50)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    setup(args)

    from django.db import connection

    from broadsheet.desk import assignment
    from broadsheet.desk.clustering.clusterer import Assignment, StoryClusterer
    from broadsheet.desk.models import DeskEntry, DeskStory
    from broadsheet.wire.models import WireItem

    rows = fill(args.items)

    def from_memory():
        clusterer = StoryClusterer(assignment.clusterer_settings())
        for key, story, found, _ in rows:
            clusterer.replay(key, found, Assignment(story, False, 0.0))

    baseline = seconds(from_memory)
    print(f"baseline {baseline:.2f} s", file=sys.stderr, flush=True)
    rebuild = seconds(lambda: setattr(assignment, "_window", assignment.rebuild()))
    print(f"rebuild {rebuild:.2f} s", file=sys.stderr, flush=True)
    window = assignment._window

    # Another process's 100 decisions, taken in at this one's next turn.
    story = DeskStory.objects.first()
    DeskEntry.objects.bulk_create(
        [
            DeskEntry(key=f"other:{n}", story=story, features=f.to_dict(), time=w)
            for n, (_, _, f, w) in enumerate(rows[:100])
        ]
    )
    catch_up = seconds(lambda: assignment.catch_up(window))

    rng = random.Random(2)
    turns = []
    for n in range(args.turns):
        words = rng.sample(WORDS, 120)
        WireItem.objects.create(
            uri=f"urn:bench:{n}",
            source_format="bench",
            fingerprint=str(n),
            content_key=str(n),
            headline=" ".join(words[:8]),
            text=" ".join(words),
        )
        turns.append(seconds(lambda: assignment.assign(limit=1)))
    turns.sort()
    engine = connection.vendor
    print(f"| desk window of {args.items:,} items ({engine}) | seconds |")
    print("|---|---|")
    print(f"| replayed from memory (baseline) | {baseline:.2f} |")
    print(f"| rebuilt from the database | {rebuild:.2f} |")
    print(f"| catch-up: 100 entries of another process | {catch_up:.3f} |")
    print(
        f"| one turn, one new item: p50 / p95 | "
        f"{statistics.median(turns):.3f} / {turns[int(0.95 * len(turns))]:.3f} |"
    )


if __name__ == "__main__":
    main()
