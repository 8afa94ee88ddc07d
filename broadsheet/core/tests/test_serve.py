"""`broadsheet serve` end to end: gunicorn, whitenoise and the worker together.

Starts the real command on a free port with a fresh data directory (SQLite),
as `./run demo` does, and checks what a browser and an editor would see.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

STARTUP_TIMEOUT = 90
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
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        try:
            fetch(base + "/")
            break
        # A first render on a loaded machine can outlast one fetch's time-out.
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("broadsheet serve did not start")
            time.sleep(0.5)
    yield base, env
    process.terminate()
    process.wait(timeout=30)


def test_serve_answers_with_the_home_page(server):
    base, _ = server
    status, headers, body = fetch(base + "/")
    assert status == 200
    assert b"<h1" in body and b"Latest News" in body
    assert "gunicorn" in headers.get("Server", "")


def test_static_files_are_hashed_compressed_and_cached_for_a_year(server):
    base, _ = server
    _, _, body = fetch(base + "/")
    css = re.search(rb'href="(/static/broadsheet/site\.[0-9a-f]{12}\.css)"', body)
    assert css, "the stylesheet is served under a hashed name"
    status, headers, _ = fetch(base + css.group(1).decode(), {"Accept-Encoding": "br"})
    assert status == 200
    assert headers["Content-Encoding"] == "br"
    assert "max-age=31536000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]


def test_a_scheduled_story_appears_within_a_minute_without_cron(server):
    base, env = server
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
    base, _ = server
    with pytest.raises(urllib.error.HTTPError) as error:
        fetch(base + "/no-such-page/")
    assert error.value.code == 404
    body = error.value.read()
    assert b"Traceback" not in body and b"DEBUG = True" not in body
