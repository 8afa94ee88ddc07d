"""`broadsheet worker`: publishes scheduled stories, runs the periodic jobs
(settings.WORKER_JOBS) and background tasks.

`broadsheet serve` starts one, so scheduled publishing works without a cron
job: due stories go live within WORKER_PUBLISH_SECONDS. Any number may run, on
one machine or several, sharing the database: each story is published once,
each task and each turn of a job run once (broadsheet/core/work.py).

A worker does not stop on an error: a database or cache outage, or a bug in
one step, is logged and the round is tried again after a back-off (review
2026-12, finding 1). It stops cleanly on SIGTERM or Ctrl-C, between steps;
a second signal stops it at once (its task is then queued again).
"""

import contextlib
import logging
import os
import signal
import time

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from broadsheet.core import work
from broadsheet.core.scheduling import publish_due_stories

logger = logging.getLogger("broadsheet.worker")

POLL_EVERY = 1  # seconds between looks for new tasks
REQUEUE_EVERY = 10  # seconds between looks for tasks of dead workers
WATCH_KEY = "broadsheet:worker-watch"


class Command(BaseCommand):
    help = "Publish scheduled stories and run background tasks until stopped."
    requires_migrations_checks = True  # not run before migrate: __main__.py

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run one round and exit."
        )
        parser.add_argument(
            "--queue",
            action="append",
            dest="queues",
            help="Run the tasks of this queue (repeatable; default: default).",
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Only run tasks: no scheduled publishing, no periodic jobs.",
        )

    def handle(self, *args, once=False, queues=None, no_schedule=False, **options):
        self.running, self.once = True, once
        self.queues = queues or ["default"]
        self.schedule = not no_schedule
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        self.worker_id = work.new_worker_id()
        self.next_publish = self.next_requeue = 0.0
        self.stdout.write(
            f"Worker {self.worker_id}: queues {', '.join(self.queues)}"
            + ("" if no_schedule else "; publishing scheduled stories")
        )
        heartbeat = None
        if not once:
            heartbeat = work.HeartbeatThread(self.worker_id, self.queues)
            heartbeat.start()
        try:
            self.loop(once)
        finally:
            if heartbeat:
                heartbeat.stop()
            # The database may be what stopped us: then the row goes quiet.
            with contextlib.suppress(Exception):
                work.forget_worker(self.worker_id)

    def loop(self, once):
        backoff = work.Backoff()
        while self.running:
            try:
                busy = self.round()
            except Exception as error:
                delay = backoff.failed()
                if backoff.failures == 1:
                    logger.exception("worker round failed; retrying")
                else:
                    logger.warning(
                        "worker round failed again (%s: %s); retrying in %.1f s",
                        type(error).__name__,
                        str(error).splitlines()[0] if str(error) else "",
                        delay,
                    )
                work.reset_connections()
                if once:
                    raise
                self.sleep(delay)
                continue
            if backoff.failures:
                logger.warning("worker back after %s failed rounds", backoff.failures)
                backoff.succeeded()
            if once:
                break
            if not busy:
                self.sleep(POLL_EVERY)

    def round(self) -> bool:
        """One turn; True when tasks may still be waiting (then the next turn
        starts at once)."""
        close_old_connections()
        # One cheap read, so that the worker, which makes few cache calls of
        # its own, notices soon that the cache is back (cache_recovered).
        cache.get(WATCH_KEY)
        now = time.monotonic()
        work.beat(self.worker_id, self.queues)
        if now >= self.next_requeue:
            work.requeue_abandoned_tasks(self.worker_id)
            self.next_requeue = now + REQUEUE_EVERY
        if self.schedule and now >= self.next_publish:
            publish_due_stories()
            work.run_periodic_jobs()
            self.next_publish = now + settings.WORKER_PUBLISH_SECONDS
        # Between tasks the worker comes back to publishing when its turn is
        # due: a backlog of tasks never holds a scheduled story back. One
        # round by hand (--once) runs every ready task.
        return work.run_ready_tasks(
            self.worker_id,
            self.queues,
            until=self.next_publish if self.schedule and not self.once else None,
            running=lambda: self.running,
        )

    def stop(self, signum, frame):
        if not self.running:
            # A second signal: stop now. Not SystemExit, which the task
            # runner would record as the task's failure: the task stays
            # RUNNING and is queued again once this worker's lease ends.
            os._exit(1)
        self.running = False

    def sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while self.running and time.monotonic() < deadline:
            time.sleep(0.1)
