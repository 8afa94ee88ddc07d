"""`broadsheet worker --once`: one round publishes what is due and runs tasks.

These tests use the database task backend, as production does, so a task sits
in the queue until the worker picks it up. The worker commits and checks its
database connection like a real process, so the tests run outside a test
transaction; the front page and sections come back after each flush, as on a
fresh install.
"""

import io
import signal
import time
from datetime import timedelta
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Revision

from broadsheet import testing
from broadsheet.core import work
from broadsheet.core.management.commands.worker import Command as WorkerCommand
from broadsheet.core.models import PeriodicJob
from broadsheet.core.scheduling import publish_due_stories
from broadsheet.news.models import ArticlePage, Topic

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "training"],
    }
}


@task()
def add_topic(name: str) -> str:
    """A small job with an effect a test can see: a row in the database."""
    return Topic.objects.create(name=name).slug


@task()
def take_a_while(name: str) -> None:
    """A slow task in a backlog (an enrichment, a feed's first poll)."""
    time.sleep(0.4)
    Topic.objects.create(name=name)


@task()
def fail_loudly() -> None:
    raise RuntimeError("this task always fails")


@pytest.fixture(autouse=True)
def database_tasks():
    with override_settings(TASKS=DATABASE_TASKS):
        yield


@pytest.fixture(autouse=True)
def keep_signal_handlers():
    """The worker traps SIGTERM and SIGINT; give them back to pytest after."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def run_worker_once():
    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    return out.getvalue()


def schedule(title, when):
    """A story an editor scheduled; returns it and its scheduled revision."""
    story = testing.make_article(title, "world", go_live_at=when)
    assert not story.live
    revision = Revision.page_revisions.get(
        object_id=str(story.pk), approved_go_live_at__isnull=False
    )
    return story, revision


def let_time_pass(story, revision):
    """Its go-live time is now a minute ago, as if the clock had moved on."""
    past = timezone.now() - timedelta(minutes=1)
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=past,
        content={**revision.content, "go_live_at": past.isoformat()},
    )
    ArticlePage.objects.filter(pk=story.pk).update(go_live_at=past)


def headlines(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    return [a.get_text(strip=True) for a in soup.select("main .teaser__headline a")]


def test_enqueued_task_waits_in_the_queue_until_the_worker_runs_it():
    result = add_topic.enqueue("Climate")

    queued = DBTaskResult.objects.get(id=result.id)
    assert queued.status == TaskResultStatus.READY
    assert not Topic.objects.filter(name="Climate").exists()

    output = run_worker_once()

    assert "Worker" in output
    assert Topic.objects.filter(name="Climate").exists()
    done = DBTaskResult.objects.get(id=result.id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == "climate"


def test_one_round_runs_every_ready_task_even_after_one_fails():
    failing = fail_loudly.enqueue()
    first = add_topic.enqueue("Climate")
    second = add_topic.enqueue("Space")

    run_worker_once()

    assert set(Topic.objects.values_list("name", flat=True)) >= {"Climate", "Space"}
    statuses = {
        str(r.id): r.status
        for r in DBTaskResult.objects.filter(id__in=[failing.id, first.id, second.id])
    }
    assert statuses[str(failing.id)] == TaskResultStatus.FAILED
    assert statuses[str(first.id)] == TaskResultStatus.SUCCESSFUL
    assert statuses[str(second.id)] == TaskResultStatus.SUCCESSFUL
    assert not DBTaskResult.objects.ready().filter(queue_name="default").exists()


def test_wagtail_reference_index_task_runs_in_the_worker():
    from wagtail.models import ReferenceIndex
    from wagtail.tasks import update_reference_index_task

    image = testing.make_image("Harbour")
    story = testing.make_article("Fleet returns", lead_image=image)
    ReferenceIndex.objects.filter(object_id=str(story.pk)).delete()
    DBTaskResult.objects.all().delete()

    result = update_reference_index_task.enqueue("news", "articlepage", str(story.pk))
    assert not ReferenceIndex.get_references_to(image).exists()

    run_worker_once()

    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.SUCCESSFUL
    assert ReferenceIndex.get_references_to(image).exists()


def test_worker_round_publishes_a_due_scheduled_story_for_readers():
    reader = Client()
    story, revision = schedule("Election results", timezone.now() + timedelta(hours=1))
    assert reader.get(story.url).status_code == 404

    let_time_pass(story, revision)
    # Due but not yet published: nothing but the worker makes it live.
    assert not ArticlePage.objects.get(pk=story.pk).live
    run_worker_once()

    story = ArticlePage.objects.get(pk=story.pk)
    assert story.live
    assert story.published_at is not None
    assert reader.get(story.url).status_code == 200
    assert headlines(reader, "/")[0] == "Election results"


def test_worker_round_leaves_a_story_scheduled_for_later_alone():
    reader = Client()
    story, _ = schedule("Tomorrow's forecast", timezone.now() + timedelta(days=1))

    run_worker_once()

    story = ArticlePage.objects.get(pk=story.pk)
    assert not story.live
    assert story.status_string == "scheduled"
    assert reader.get(story.url).status_code == 404
    assert "Tomorrow's forecast" not in headlines(reader, "/")


def test_worker_round_takes_down_an_expired_story():
    reader = Client()
    story = testing.make_article("Flash sale ends today")
    assert reader.get(story.url).status_code == 200
    ArticlePage.objects.filter(pk=story.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )

    run_worker_once()

    story = ArticlePage.objects.get(pk=story.pk)
    assert not story.live
    assert story.expired
    assert reader.get(story.url).status_code == 404
    assert "Flash sale ends today" not in headlines(reader, "/")


# Surviving faults (review 2026-12, finding 1)


def test_a_publish_that_fails_half_way_is_rolled_back_and_done_next_round():
    """The search index failing mid-publish (as a cache or database error
    did) must not leave the story live but unsearchable."""
    from broadsheet.search.index import search_articles

    story, revision = schedule(
        "Harbour bridge reopens", timezone.now() + timedelta(hours=1)
    )
    let_time_pass(story, revision)

    with (
        mock.patch(
            "broadsheet.search.index.index_articles",
            side_effect=OperationalError("server closed the connection"),
        ),
        pytest.raises(OperationalError),
    ):
        publish_due_stories()

    assert not ArticlePage.objects.get(pk=story.pk).live
    assert search_articles("harbour bridge", 0, 10)[1] == 0

    assert publish_due_stories() == (1, 0)

    assert ArticlePage.objects.get(pk=story.pk).live
    assert search_articles("harbour bridge", 0, 10)[0] == [story.pk]
    assert publish_due_stories() == (0, 0)  # once, not again


def test_the_worker_loop_survives_errors_and_backs_off():
    command = WorkerCommand()
    command.running, command.queues, command.schedule = True, ["default"], True
    rounds, sleeps = [], []

    def round():
        rounds.append(1)
        if len(rounds) <= 3:
            raise OperationalError("the database system is shutting down")
        command.running = False

    command.round = round
    command.sleep = sleeps.append

    command.loop(once=False)

    assert len(rounds) == 4
    backoffs = sleeps[:3]  # then the usual pause between rounds
    assert backoffs[0] < backoffs[2] <= work.Backoff.LONGEST


@override_settings(WORKER_PUBLISH_SECONDS=1)
def test_a_backlog_of_tasks_does_not_hold_a_scheduled_story_back():
    """The worker comes back to publishing between tasks: a story due while
    ten slow tasks wait goes live in the next publishing turn, not after the
    whole backlog (which held scheduled stories back by up to 70 s)."""
    for n in range(10):
        take_a_while.enqueue(f"Backlog {n}")
    story, _ = schedule("Harbour bridge reopens", timezone.now() + timedelta(seconds=1))
    command = WorkerCommand()
    command.running, command.once, command.schedule = True, False, True
    command.queues, command.worker_id = ["default"], work.new_worker_id()
    command.next_publish = command.next_requeue = 0.0
    started = time.monotonic()

    while not ArticlePage.objects.get(pk=story.pk).live:
        assert command.round(), "the round ran the whole backlog"
        assert time.monotonic() - started < 10

    waiting = DBTaskResult.objects.ready().filter(queue_name="default").count()
    assert waiting >= 4  # the story went live with the backlog still waiting
    while command.round():
        pass
    assert Topic.objects.filter(name__startswith="Backlog").count() == 10


def test_a_task_left_running_by_a_dead_worker_runs_again():
    result = add_topic.enqueue("Rescued")
    row = DBTaskResult.objects.get(id=result.id)
    row.claim("dead-worker")  # its worker was killed mid-task: no heartbeat

    assert work.requeue_abandoned_tasks("this-worker") == 1
    run_worker_once()

    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.SUCCESSFUL
    assert Topic.objects.filter(name="Rescued").exists()


def test_a_task_of_a_live_worker_is_left_to_it():
    result = add_topic.enqueue("Busy")
    DBTaskResult.objects.get(id=result.id).claim("busy-worker")
    work.beat("busy-worker", ["default"])

    assert work.requeue_abandoned_tasks("this-worker") == 0
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.RUNNING


def test_a_task_whose_workers_keep_dying_is_failed_not_retried_for_ever():
    result = add_topic.enqueue("Poison")
    row = DBTaskResult.objects.get(id=result.id)
    for n in range(work.MAX_ATTEMPTS):
        row.claim(f"dead-{n}")

    work.requeue_abandoned_tasks("this-worker")

    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert "workers died" in row.traceback


# Periodic jobs (settings.WORKER_JOBS)

calls = []


def record_call():
    calls.append("ran")


def fail_job():
    raise RuntimeError("job failed")


def test_each_turn_of_a_periodic_job_is_claimed_by_one_worker():
    assert work.claim_job("some.job", timedelta(days=1)) is True
    assert work.claim_job("some.job", timedelta(days=1)) is False


@override_settings(
    WORKER_JOBS=[
        ("broadsheet.core.tests.test_worker.fail_job", 3600),
        ("broadsheet.core.tests.test_worker.record_call", 3600),
    ]
)
def test_a_failing_job_does_not_stop_the_others_and_is_tried_again_soon():
    calls.clear()
    work.run_periodic_jobs()
    work.run_periodic_jobs()  # not due again

    assert calls == ["ran"]
    jobs = {job.name: job.next_run_at for job in PeriodicJob.objects.all()}
    failed = jobs["broadsheet.core.tests.test_worker.fail_job"] - timezone.now()
    done = jobs["broadsheet.core.tests.test_worker.record_call"] - timezone.now()
    assert failed <= work.JOB_RETRY
    assert done > timedelta(minutes=50)


def test_section_training_is_queued_for_the_training_worker_not_run_in_the_round():
    run_worker_once()

    training = DBTaskResult.objects.get(task_path__endswith="retrain_sections")
    assert training.queue_name == "training"
    assert training.status == TaskResultStatus.READY

    out = io.StringIO()
    call_command("worker", "--once", "--queue", "training", "--no-schedule", stdout=out)

    training.refresh_from_db()
    assert training.status == TaskResultStatus.SUCCESSFUL
