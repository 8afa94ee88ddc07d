"""`broadsheet serve`: the site, behind gunicorn, with its workers beside it.

Runs migrations and collects static files first, so one command is all a
server needs. Static files are served by whitenoise with hashed names and a
one-year cache; the worker publishes scheduled stories and runs tasks, and a
second worker runs slow tasks (training). A child that dies is started again
(broadsheet/core/supervisor.py).
"""

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from broadsheet.core.supervisor import Child, Supervisor

# gevent workers wait for clients without a process each: one per core.
DEFAULT_WORKERS = os.cpu_count() or 1
WORKER_CONNECTIONS = 2000


WORKER_NICENESS = 5
TRAINING_NICENESS = 10


class Command(BaseCommand):
    help = "Serve the site with gunicorn and run the background worker."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", DEFAULT_WORKERS)),
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the background worker.",
        )

    def handle(self, *args, bind, workers, no_worker, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        children = [Child("web server", web_server_command(bind, workers))]
        if not no_worker:
            broadsheet = [sys.executable, "-m", "broadsheet"]
            # Background work runs at a lower priority than the web server:
            # with the processors busy, a reader's page comes before a
            # story's enrichment (reading while publishing at 100,000
            # stories: docs/benchmarks.md), and the week's training after
            # both. Scheduled publishing still keeps its minute.
            children.append(
                Child("worker", [*broadsheet, "worker"], niceness=WORKER_NICENESS)
            )
            # Slow work (the section model's training) apart from publishing.
            children.append(
                Child(
                    "training worker",
                    [*broadsheet, "worker", "--queue", "training", "--no-schedule"],
                    niceness=TRAINING_NICENESS,
                )
            )
        self.stdout.write(f"Serving on http://{bind}/ (Ctrl-C stops)")
        Supervisor(children).run()


def web_server_command(bind, workers):
    """gunicorn with gevent workers (broadsheet/core/webworker.py): idle and
    slow clients are absorbed, with time-outs on headers and bodies."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "broadsheet.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--worker-class",
        "broadsheet.core.webworker.BroadsheetWorker",
        # Connections each worker holds at once (idle ones included).
        "--worker-connections",
        str(WORKER_CONNECTIONS),
        # Seconds to wait for a request's headers (and between requests).
        "--keep-alive",
        "5",
        # On SIGTERM, requests in progress get this long to finish.
        "--graceful-timeout",
        "10",
        "--forwarded-allow-ips",
        "127.0.0.1",
    ]
