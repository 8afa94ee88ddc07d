"""Broadsheet's processes on servers of a test's own, for the fault and
several-machines tests: a PostgreSQL cluster and a Redis server
(broadsheet/servers.py), and web servers and workers started as
`broadsheet serve` starts them."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.db import connection

from broadsheet.core.management.commands.serve import web_server_command
from broadsheet.servers import PostgresCluster, RedisServer, free_port, wait_for_port


def private_servers(tmp, **settings):
    """(environment, redis, postgres): a migrated database of the site's
    own and a Redis, with collected static files."""
    redis = RedisServer(tmp).start()
    postgres = PostgresCluster().init()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")} | {
        "DJANGO_SETTINGS_MODULE": "broadsheet.settings",
        "BROADSHEET_DATA_DIR": str(tmp / "data"),
        "REDIS_URL": redis.url,
        "CACHE_TIMEOUT": "0.3",
        "CACHE_RETRY_SECONDS": "0.5",
        "WORKER_PUBLISH_SECONDS": "1",
        **settings,
    }
    source = connection.settings_dict
    copied = False
    if source["ENGINE"].endswith("postgresql"):
        # The suite's own test database, migrated: copied in under a second.
        url = (
            f"postgres://{source['USER']}@{source['HOST'] or '127.0.0.1'}:"
            f"{source['PORT'] or 5432}/{connection.creation._get_test_db_name()}"
        )
        try:
            env["DATABASE_URL"] = postgres.copy_database(url, "broadsheet")
            copied = True
        except subprocess.CalledProcessError:
            pass  # not made yet in this run
    if not copied:  # run alone (-m faults): migrate the cluster instead
        env["DATABASE_URL"] = postgres.url()
        subprocess.run(
            [sys.executable, "-m", "broadsheet", "migrate", "-v0"],
            env=env,
            check=True,
            timeout=300,
        )
    subprocess.run(
        [sys.executable, "-m", "broadsheet", "collectstatic", "--no-input", "-v0"],
        env=env,
        check=True,
        timeout=300,
    )
    return env, redis, postgres


class Site:
    """The processes under test and how to talk to them."""

    def __init__(self, env, tmp, name="site"):
        self.env, self.tmp, self.name = env, tmp, name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.web = self.worker = None

    def start(self, web_processes=2):
        log = open(self.tmp / f"{self.name}-web.log", "ab")  # noqa: SIM115
        self.web = subprocess.Popen(
            web_server_command(f"127.0.0.1:{self.port}", web_processes),
            env=self.env,
            stdout=log,
            stderr=log,
        )
        self.start_worker()
        wait_for_port(self.port, timeout=120, process=self.web)
        # The port is open before the web server's processes have loaded
        # the site: wait until one answers.
        deadline = time.monotonic() + 120
        while True:
            try:
                if self.get("/healthz")[0] == 200:
                    return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the web server did not answer /healthz")
            time.sleep(0.2)

    def start_worker(self):
        log = open(self.tmp / f"{self.name}-worker.log", "ab")  # noqa: SIM115
        self.worker = subprocess.Popen(
            [sys.executable, "-m", "broadsheet", "worker"],
            env=self.env,
            stdout=log,
            stderr=log,
        )

    def stop(self):
        for process in (self.web, self.worker):
            if process and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)

    def get(self, path, opener=None):
        """(status, headers, body, seconds)."""
        started = time.monotonic()
        try:
            with (opener or urllib.request.build_opener()).open(
                self.base + path, timeout=10
            ) as response:
                result = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            result = error.code, error.headers, error.read()
        return (*result, time.monotonic() - started)

    def shell(self, code):
        out = subprocess.run(
            [sys.executable, "-m", "broadsheet", "shell", "--no-imports", "-c", code],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        return out.stdout.strip().splitlines()[-1]

    def wait_for_idle_workers(self, timeout=60):
        """Until no task is waiting or running: enrichment of a new story
        changes what readers see (and so the page cache) when it is done."""
        import psycopg
        from django_tasks_db.models import DBTaskResult

        url = self.env["DATABASE_URL"].replace("postgres://", "postgresql://", 1)
        table = DBTaskResult._meta.db_table
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with psycopg.connect(url) as db:
                (busy,) = db.execute(
                    f"SELECT count(*) FROM {table} WHERE status IN "
                    "('READY', 'RUNNING') AND queue_name = 'default'"
                ).fetchone()
            if not busy:
                return
            time.sleep(0.3)
        # Still busy: go on; a page the tasks invalidate shows in the test.
