"""`broadsheet worker`: publishes scheduled stories and runs background tasks.

`broadsheet serve` starts one, so scheduled publishing works without a cron
job: due stories go live within PUBLISH_EVERY seconds. Stops cleanly on
SIGTERM or Ctrl-C, between steps.
"""

import io
import logging
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger("broadsheet.worker")

PUBLISH_EVERY = 30  # seconds: "published within a minute" with time to spare
POLL_EVERY = 1  # seconds between looks for new tasks
PRUNE_EVERY = 24 * 3600  # daily: IP hashes past retention; section model check


def publish_due_stories() -> str:
    """One step: publish what is scheduled and due, expire what has expired."""
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue().strip()


def run_ready_tasks(worker_id: str) -> None:
    """One step: run every task that is ready, then return."""
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()


def retrain_sections() -> None:
    """The section classifier follows the archive (see retrain_if_due)."""
    from broadsheet.enrich.section_classifier import retrain_if_due

    try:
        if model := retrain_if_due():
            logger.info("section model retrained on %s stories", model.stories)
    except Exception:  # a failed training must not stop publishing
        logger.exception("training the section model failed")


class Command(BaseCommand):
    help = "Publish scheduled stories and run background tasks until stopped."
    requires_migrations_checks = True  # not run before migrate: __main__.py

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run one round and exit."
        )

    def handle(self, *args, once=False, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        worker_id = f"broadsheet-{int(time.time())}"
        next_publish = next_prune = 0.0
        self.stdout.write("Worker: publishing scheduled stories and running tasks.")
        while self.running:
            close_old_connections()
            if time.monotonic() >= next_publish:
                report = publish_due_stories()
                if report and "No objects" not in report:
                    logger.info("%s", report)
                next_publish = time.monotonic() + PUBLISH_EVERY
            if time.monotonic() >= next_prune:
                call_command("prune_comment_ips", stdout=io.StringIO())
                retrain_sections()
                next_prune = time.monotonic() + PRUNE_EVERY
            run_ready_tasks(worker_id)
            if once:
                break
            self.sleep(POLL_EVERY)

    def stop(self, signum, frame):
        self.running = False

    def sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while self.running and time.monotonic() < deadline:
            time.sleep(0.1)
