"""`broadsheet serve` end to end: gunicorn, whitenoise and the worker together.

Starts the real command on a free port with a fresh data directory (SQLite),
as `./run demo` does, and checks what a browser and an editor would see.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

STARTUP_TIMEOUT = 240  # a fresh database migrates first: minutes on a busy machine
# The worker looks for due stories every 30 seconds: "within a minute".
PUBLISH_DEADLINE = 60


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def broadsheet(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "broadsheet", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        BROADSHEET_DATA_DIR=str(tmp_path_factory.mktemp("serve-data")),
        DJANGO_SETTINGS_MODULE="broadsheet.settings",
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    port = free_port()
    log = open(tmp_path_factory.mktemp("serve-log") / "serve.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "broadsheet",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        env=env,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        try:
            fetch(base + "/")
            break
        except OSError:  # refused, or slow to answer while starting
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("broadsheet serve did not start")
            time.sleep(0.5)
    yield base, env, process
    children = child_pids(process.pid)
    process.terminate()
    process.wait(timeout=30)
    # SIGTERM stopped the web server and both workers with it.
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]


def test_serve_answers_with_the_home_page(server):
    base, *_ = server
    status, headers, body = fetch(base + "/")
    assert status == 200
    assert b"<h1" in body and b"Latest News" in body
    assert "gunicorn" in headers.get("Server", "")


def test_static_files_are_hashed_compressed_and_cached_for_a_year(server):
    base, *_ = server
    _, _, body = fetch(base + "/")
    css = re.search(rb'href="(/static/broadsheet/site\.[0-9a-f]{12}\.css)"', body)
    assert css, "the stylesheet is served under a hashed name"
    status, headers, _ = fetch(base + css.group(1).decode(), {"Accept-Encoding": "br"})
    assert status == 200
    assert headers["Content-Encoding"] == "br"
    assert "max-age=31536000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]


def test_a_scheduled_story_appears_within_a_minute_without_cron(server):
    base, env, _ = server
    script = """
from datetime import timedelta
from django.utils import timezone
from broadsheet.news.models import ArticlePage, SectionPage
story = ArticlePage(title="Scheduled story goes live", slug="scheduled-story",
                    go_live_at=timezone.now() + timedelta(seconds=5))
SectionPage.objects.get(slug="world").add_child(instance=story)
story.save_revision().publish()
assert not ArticlePage.objects.get(pk=story.pk).live
"""
    broadsheet(env, "shell", "-c", script)
    _, _, body = fetch(base + "/world/")
    assert b"Scheduled story goes live" not in body
    deadline = time.monotonic() + PUBLISH_DEADLINE + 10
    while time.monotonic() < deadline:
        time.sleep(2)
        try:
            status, _, body = fetch(base + "/world/scheduled-story/")
        except urllib.error.HTTPError:
            continue
        if status == 200:
            assert b"Scheduled story goes live" in body
            _, _, front = fetch(base + "/world/")
            assert b"Scheduled story goes live" in front
            return
    pytest.fail(f"the scheduled story was not published within {PUBLISH_DEADLINE} s")


def test_debug_is_off_and_errors_show_no_traceback(server):
    base, *_ = server
    with pytest.raises(urllib.error.HTTPError) as error:
        fetch(base + "/no-such-page/")
    assert error.value.code == 404
    body = error.value.read()
    assert b"Traceback" not in body and b"DEBUG = True" not in body


def child_pids(pid):
    return [
        int(child)
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    ]


def child_running(parent, program):
    """The pid of the child of `parent` running `python -m <program...>`
    (the publishing worker, not the training one)."""
    for pid in child_pids(parent):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
        except FileNotFoundError:
            continue
        if argv[2 : 2 + len(program)] == program and "--no-schedule" not in argv:
            return pid
    return None


def wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return None


def test_background_work_yields_the_processor_to_readers(server):
    """The worker runs at a lower priority than the web server, the training
    worker lower still: on a busy machine a reader's page comes first."""
    _, _, process = server
    web = child_running(process.pid, ["gunicorn"])
    worker = child_running(process.pid, ["broadsheet", "worker"])
    training = next(
        pid
        for pid in child_pids(process.pid)
        if "--no-schedule" in Path(f"/proc/{pid}/cmdline").read_bytes().decode()
    )

    def niceness(pid):
        return os.getpriority(os.PRIO_PROCESS, pid)

    assert niceness(web) < niceness(worker) < niceness(training)


def test_a_dead_worker_is_started_again_and_the_site_stays_up(server):
    base, _, process = server
    worker = child_running(process.pid, ["broadsheet", "worker"])
    assert worker

    os.kill(worker, signal.SIGKILL)

    assert fetch(base + "/")[0] == 200
    new = wait_for(
        lambda: (
            (pid := child_running(process.pid, ["broadsheet", "worker"]))
            and pid != worker
            and pid
        )
    )
    assert new, "the worker was not started again"


def test_a_dead_web_server_is_started_again(server):
    base, _, process = server
    web = child_running(process.pid, ["gunicorn"])
    assert web

    os.kill(web, signal.SIGKILL)

    def answers():
        try:
            return fetch(base + "/")[0] == 200
        except OSError:
            return False

    new = wait_for(
        lambda: (pid := child_running(process.pid, ["gunicorn"])) != web and pid
    )
    assert new, "the web server was not started again"
    assert wait_for(answers, timeout=60), "the site did not come back"


def test_idle_and_slow_clients_do_not_block_readers(server):
    """Sync workers were taken down by twelve idle half-open connections
    (review 2026-12); now fifty, and uploads dribbling in, wait aside."""
    base, *_ = server
    port = int(base.rsplit(":", 1)[1])
    held = []
    try:
        for n in range(60):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            if n % 6:
                sock.sendall(b"GET / HTTP/1.1\r\n")  # headers never finished
            else:
                sock.sendall(
                    b"POST /search/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b"Content-Length: 100000\r\n\r\nq="
                )
            held.append(sock)
        started = time.monotonic()
        status, _, body = fetch(base + "/")
        assert status == 200 and b"Latest News" in body
        assert time.monotonic() - started < 5
    finally:
        for sock in held:
            sock.close()


def test_health_checks_answer_through_the_server(server):
    base, *_ = server
    assert fetch(base + "/healthz")[2] == b"ok\n"
    status, headers, body = fetch(base + "/readyz")
    assert status == 200 and b'"ready": true' in body
