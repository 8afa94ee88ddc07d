"""Scheduled publishing while the section model trains.

Starts the two workers `broadsheet serve` runs (the publishing one, and the
training one: `worker --queue training --no-schedule`) on a database with an
archive, queues a training, and while it runs schedules stories to go live
every few seconds. Reports how late each went live, and how long the
training took. Baseline in the same run: the same schedule with no training.

    nice .venv/bin/python bench/training_apart.py --data /tmp/bench-data
    DATABASE_URL=postgres://... nice .venv/bin/python bench/training_apart.py --data DIR

The data directory (and DATABASE_URL, if set) must hold a migrated database
with published stories in at least two sections (`broadsheet demo`, or
`bench/pages.py`'s load of 100,000). Figures: docs/benchmarks.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def shell(env, code):
    out = subprocess.run(
        [PYTHON, "-m", "broadsheet", "shell", "--no-imports", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return out.stdout.strip().splitlines()[-1]


SCHEDULE = """
import json
from datetime import timedelta
from django.utils.timezone import now
from broadsheet.testing import make_article
due = now() + timedelta(seconds={delay})
story = make_article({title!r}, "world", go_live_at=due)
print(json.dumps([story.pk, due.timestamp()]))
"""

LIVE = """
import json
from wagtail.models import PageLogEntry
rows = PageLogEntry.objects.filter(page_id__in={ids!r},
    action="wagtail.publish.scheduled").values_list("page_id", "timestamp")
print(json.dumps({{str(p): t.timestamp() for p, t in rows}}))
"""

TRAINING = """
import json
from django_tasks_db.models import DBTaskResult
r = DBTaskResult.objects.filter(task_path__endswith="retrain_sections").order_by(
    "-enqueued_at").first()
print(json.dumps(r and [r.status, r.started_at and r.started_at.timestamp(),
    r.finished_at and r.finished_at.timestamp()]))
"""


def run(env, label, stories, every, train):
    workers = [
        subprocess.Popen([PYTHON, "-m", "broadsheet", "worker"], env=env, cwd=ROOT),
        subprocess.Popen(
            [
                PYTHON,
                "-m",
                "broadsheet",
                "worker",
                "--queue",
                "training",
                "--no-schedule",
            ],
            env=env,
            cwd=ROOT,
        ),
    ]
    try:
        if train:
            shell(
                env,
                "from broadsheet.enrich.tasks import retrain_sections\n"
                "retrain_sections.enqueue()\nprint('queued')",
            )
        due = {}
        for n in range(stories):
            pk, when = json.loads(
                shell(env, SCHEDULE.format(delay=5, title=f"{label} story {n}"))
            )
            due[str(pk)] = when
            time.sleep(every)
        deadline = time.time() + 120
        while time.time() < deadline:
            live = json.loads(shell(env, LIVE.format(ids=[int(k) for k in due])))
            if len(live) == len(due):
                break
            time.sleep(2)
        late = [live[k] - due[k] for k in due if k in live]
        training = json.loads(shell(env, TRAINING)) if train else None
        if training:
            # How many stories fell due while the training was running.
            _, started, finished = training
            during = sum(
                1
                for when in due.values()
                if started and started <= when and (not finished or when <= finished)
            )
            training.append(during)
        return late, len(due) - len(late), training
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                # A worker ends its task before it stops; a training takes
                # minutes: a second signal stops it at once.
                worker.terminate()
                worker.wait(timeout=60)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="BROADSHEET_DATA_DIR")
    parser.add_argument("--stories", type=int, default=6)
    parser.add_argument("--every", type=float, default=5.0)
    args = parser.parse_args()
    env = {
        **os.environ,
        "BROADSHEET_DATA_DIR": args.data,
        "DJANGO_SETTINGS_MODULE": "broadsheet.settings",
        "REQUEST_LOG": "false",
    }
    for label, train in (("baseline", False), ("training", True)):
        late, missing, training = run(env, label, args.stories, args.every, train)
        line = (
            f"{label:9} {len(late)} stories: late by median "
            f"{statistics.median(late):.1f} s, worst {max(late):.1f} s"
            f"{f', {missing} not published' if missing else ''}"
        )
        if training:
            status, started, finished, during = training
            took = f"{finished - started:.0f} s" if finished else "still running"
            line += f" | training {status}, {took}; {during} fell due while it ran"
        print(line, flush=True)


if __name__ == "__main__":
    main()
