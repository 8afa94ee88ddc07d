"""The steps of `broadsheet worker`, each small and safe to repeat, and safe
with several workers on several machines sharing one database:

- heartbeats: each worker touches its WorkerHeartbeat row;
- requeue_abandoned_tasks: a task left RUNNING by a worker that died (its
  heartbeat went quiet) is queued again, so it runs elsewhere; tasks are
  written to be run again safely (each one's work is idempotent or in a
  transaction of its own);
- run_periodic_jobs: settings.WORKER_JOBS, each claimed by one worker per
  turn with a conditional UPDATE;
- run_ready_tasks: django-tasks-db's worker, one batch of its queues;
- Backoff: how long to wait after a failed round.
"""

import contextlib
import logging
import os
import random
import socket
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from broadsheet.core.models import PeriodicJob, WorkerHeartbeat

logger = logging.getLogger("broadsheet.worker")

HEARTBEAT_EVERY = 1  # seconds; a worker is dead after WORKER_LEASE_SECONDS
# A task whose workers died this many times is failed, not queued again:
# it is probably what kills them.
MAX_ATTEMPTS = 3
# A periodic job's claim lasts this long at most: if its worker dies
# mid-job, another runs it then.
JOB_LEASE = timedelta(minutes=10)
# After a job fails, it is tried again this soon rather than a day later.
JOB_RETRY = timedelta(minutes=1)


def new_worker_id() -> str:
    host = socket.gethostname()[:30]
    return f"{host}-{os.getpid()}-{random.randrange(16**6):06x}"


# Heartbeats


def beat(worker_id: str, queues: list[str]) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"queues": ",".join(queues)[:200], "seen_at": timezone.now()},
    )


def forget_worker(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
    # Rows of workers gone for a day (killed, not stopped) are dropped too.
    WorkerHeartbeat.objects.filter(
        seen_at__lt=timezone.now() - timedelta(days=1)
    ).delete()


class HeartbeatThread(threading.Thread):
    """Beats while the worker's own thread is busy with a long task."""

    def __init__(self, worker_id, queues):
        super().__init__(name="heartbeat", daemon=True)
        self.worker_id, self.queues = worker_id, queues
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(HEARTBEAT_EVERY):
            try:
                beat(self.worker_id, self.queues)
            except Exception as error:  # the main loop reports outages
                logger.debug("heartbeat failed: %s", error)
                connection.close()
        connection.close()

    def stop(self):
        self.stopping.set()


# Abandoned tasks


class AbandonedTask(Exception):
    """Recorded on a task whose workers kept dying while running it."""


def requeue_abandoned_tasks(own_worker_id: str) -> int:
    """Queue again the tasks left RUNNING by a dead worker, or by this one
    (between tasks, none of its own can still be running: such a task was
    cut short by an error, say the database going away)."""
    alive = set(
        WorkerHeartbeat.objects.filter(
            seen_at__gte=timezone.now()
            - timedelta(seconds=settings.WORKER_LEASE_SECONDS)
        ).values_list("worker_id", flat=True)
    )
    alive.discard(own_worker_id)
    requeued = 0
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for result in running:
            owner = result.worker_ids[-1] if result.worker_ids else None
            if owner in alive:
                continue
            if len(result.worker_ids) >= MAX_ATTEMPTS:
                result.set_failed(
                    AbandonedTask(f"{len(result.worker_ids)} workers died running it")
                )
                logger.error("task %s failed: its workers kept dying", result.id)
                continue
            result.status = TaskResultStatus.READY
            result.save(update_fields=["status"])
            requeued += 1
            logger.warning(
                "task %s (%s) queued again: its worker %s stopped",
                result.id,
                result.task_path,
                owner,
            )
    return requeued


# Periodic jobs


def claim_job(name: str, interval: timedelta) -> bool:
    """True for the one worker that gets this turn of the job."""
    now = timezone.now()
    PeriodicJob.objects.bulk_create(
        [PeriodicJob(name=name, next_run_at=now)], ignore_conflicts=True
    )
    lease = min(interval, JOB_LEASE)
    return (
        PeriodicJob.objects.filter(name=name, next_run_at__lte=now).update(
            next_run_at=now + lease
        )
        == 1
    )


def job_done(name: str, after: timedelta) -> None:
    PeriodicJob.objects.filter(name=name).update(next_run_at=timezone.now() + after)


def run_periodic_jobs() -> None:
    """Each due job of settings.WORKER_JOBS, [(dotted path, seconds)]. A
    failing job is logged and tried again in a minute; the others run."""
    for path, seconds in settings.WORKER_JOBS:
        interval = timedelta(seconds=seconds)
        if not claim_job(path, interval):
            continue
        try:
            import_string(path)()
        except Exception:
            logger.exception("periodic job %s failed", path)
            job_done(path, JOB_RETRY)
        else:
            job_done(path, interval)


# Tasks


def run_ready_tasks(
    worker_id: str,
    queues: list[str],
    until: float | None = None,
    running: Callable[[], bool] = lambda: True,
) -> bool:
    """One step: run the ready tasks of these queues, one at a time, until
    none is left, time.monotonic() passes `until` or `running()` turns false
    (the worker was told to stop). True when it stopped with tasks perhaps
    still waiting.

    One at a time, because a backlog (a bulk import's enrichment, a feed's
    first poll) run as one batch kept scheduled stories waiting behind it: a
    worker with publishing to do must come back to it between tasks."""
    while True:
        worker = Worker(
            queue_names=queues,
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=1,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.run()
        # The counter is the only sign django-tasks-db's worker gives that
        # it found a task (it counts failed tasks too).
        if not worker._run_tasks:
            return False
        if not running() or (until is not None and time.monotonic() >= until):
            return True


class Backoff:
    """Seconds to wait after the n-th failure in a row: doubling from half a
    second to half a minute, with jitter so that workers that failed
    together do not all come back in the same instant."""

    FIRST, LONGEST = 0.5, 30.0

    def __init__(self):
        self.failures = 0

    def failed(self) -> float:
        self.failures += 1
        delay = min(self.LONGEST, self.FIRST * 2 ** (self.failures - 1))
        return delay * random.uniform(0.5, 1.0)

    def succeeded(self) -> None:
        self.failures = 0


def reset_connections() -> None:
    """After an error the connection may be dead or mid-transaction."""
    with contextlib.suppress(Exception):
        connection.close()
    close_old_connections()
