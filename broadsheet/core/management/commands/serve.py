"""`broadsheet serve`: the site, behind gunicorn, with its worker beside it.

Runs migrations and collects static files first, so one command is all a
server needs. Static files are served by whitenoise with hashed names and a
one-year cache; the worker publishes scheduled stories and runs tasks.
"""

import os
import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

DEFAULT_WORKERS = 2 * (os.cpu_count() or 1) + 1  # gunicorn's own rule of thumb


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
        children = []
        if not no_worker:
            children.append(
                subprocess.Popen([sys.executable, "-m", "broadsheet", "worker"])
            )
        children.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "broadsheet.wsgi:application",
                    "--bind",
                    bind,
                    "--workers",
                    str(workers),
                    "--access-logfile",
                    "-",
                    "--forwarded-allow-ips",
                    "127.0.0.1",
                ]
            )
        )
        self.stdout.write(f"Serving on http://{bind}/ (Ctrl-C stops)")

        def stop(signum, frame):
            for child in children:
                child.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        # If either child dies, stop the other: half a server is worse than none.
        while all(child.poll() is None for child in children):
            try:
                children[-1].wait(timeout=1)
            except subprocess.TimeoutExpired:
                continue
        stop(None, None)
        for child in children:
            child.wait()
