"""Assignment runs in the worker: each committed intake batch queues a task,
`broadsheet worker` runs it, and the periodic sweep catches what a lost task
left waiting. Real commits and the database task backend, as in production;
a worker with a window of its own takes in what another process decided."""

import io
import signal

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from broadsheet.core.models import PeriodicJob
from broadsheet.desk import assignment
from broadsheet.desk.models import DeskEntry
from broadsheet.desk.tests import copy, wire
from broadsheet.desk.tests.test_assignment import ninjs_story
from broadsheet.wire.importer import Importer

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "training"],
    }
}


@pytest.fixture(autouse=True)
def production_like():
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    assignment.forget_window()
    with override_settings(TASKS=DATABASE_TASKS):
        yield
    assignment.forget_window()
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def worker_round():
    call_command("worker", "--once", stdout=io.StringIO())


def pushed(uri, row_id):
    row = next(r for r in copy.rows() if r["id"] == row_id)
    body = "".join(f"<p>{line}</p>" for line in row["text"].splitlines())
    importer = Importer.for_source(wire.source(row["source"]))
    story = ninjs_story(uri, row["title"], body)
    importer.add(uri, story)
    importer.finish()  # committed: items_received queues the desk's task


def test_the_worker_puts_committed_intake_on_the_desk():
    pushed("urn:npa:2", "npa-2")
    pushed("urn:ledger:2", "ledger-2")
    assert DeskEntry.objects.count() == 0  # queued, not done in the request
    assert DBTaskResult.objects.filter(task_path__endswith="assign_items").exists()

    worker_round()

    stories = set(DeskEntry.objects.values_list("story", flat=True))
    assert DeskEntry.objects.count() == 2 and len(stories) == 1


def test_the_sweep_assigns_what_a_lost_task_left():
    pushed("urn:npa:2", "npa-2")
    DBTaskResult.objects.all().delete()  # the task was lost
    PeriodicJob.objects.all().delete()  # every periodic job is due

    worker_round()

    assert DeskEntry.objects.filter(item__uri="urn:npa:2").exists()


def test_a_worker_takes_in_what_another_process_decided():
    pushed("urn:npa:2", "npa-2")
    worker_round()  # this worker builds its window
    mine = assignment._window

    assignment.forget_window()  # another process, its own window
    pushed("urn:ledger:2", "ledger-2")
    assignment.assign_waiting()
    assignment._window = mine  # back in this worker

    pushed("urn:wire:2", "wire-2")
    worker_round()

    assert assignment._window is mine and len(mine.clusterer) == 3
    assert DeskEntry.objects.values("story").distinct().count() == 1


def test_a_backlog_is_placed_in_slices():
    """A slice stops after the turn that passes its time, copy still waiting;
    the next goes on from there (the worker publishes in between)."""
    for n in (2, 3):
        pushed(f"urn:npa:{n}", f"npa-{n}")
    pushed("urn:ledger:2", "ledger-2")

    assert assignment.assign_for(0, limit=1) == (1, True)
    assert DeskEntry.objects.count() == 1

    assert assignment.assign_for(None, limit=1) == (2, False)
    assert DeskEntry.objects.count() == 3


def test_a_slice_that_leaves_copy_waiting_queues_the_next(monkeypatch):
    from broadsheet.desk import tasks

    monkeypatch.setattr(assignment, "assign_for", lambda seconds: (200, True))
    DBTaskResult.objects.all().delete()

    assert tasks.assign_items.call() == 200

    queued = DBTaskResult.objects.filter(task_path__endswith="assign_items")
    assert queued.count() == 1


def test_the_minute_job_queues_one_task_for_copy_left_waiting():
    from broadsheet.desk import tasks

    pushed("urn:npa:2", "npa-2")
    DBTaskResult.objects.all().delete()  # the task was lost

    tasks.queue_waiting()
    tasks.queue_waiting()  # one is queued already

    assert DBTaskResult.objects.filter(task_path__endswith="assign_items").count() == 1
    assert DeskEntry.objects.count() == 0  # placed by the task, not in the round
