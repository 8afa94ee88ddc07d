"""A live blog under polling: N readers poll it through the real server
(gunicorn with gevent workers, as `broadsheet serve` runs it) while an editor
posts an entry every 10 seconds.

Reports, for each mode, how long a posted entry took to reach the readers
(p50/p95/max over every reader and entry: the time from the post to the
first poll that brought it) and the server's CPU per 1,000 pollers (CPU
seconds the server's processes used per second of the run, scaled). Modes:

- ``cached``: the readers poll as live.js does (the time-bucketed address,
  answered from the page cache);
- ``uncached``: the same requests with a parameter the page cache does not
  keep (broadsheet/core/cache_keys.py), so each poll is rendered: the cost
  without the cache, in the same run.

    nice .venv/bin/python bench/live.py --readers 500 --seconds 60
    nice .venv/bin/python bench/live.py --readers 500 --seconds 60 --modes cached

Makes its own data directory (SQLite and the file cache, migrated on first
use) unless --data names one. Figures: docs/benchmarks.md ("Live blogs").
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from broadsheet.servers import free_port, wait_for_port  # noqa: E402

PYTHON = sys.executable
EDITOR_EVERY = 10  # seconds between entries, as the issue asks
TICKS = os.sysconf("SC_CLK_TCK")


def environment(data, port):
    env = {
        **os.environ,
        "BROADSHEET_DATA_DIR": str(data),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "REQUEST_LOG": "false",
        "DJANGO_SETTINGS_MODULE": "broadsheet.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    return env


def setup_django(env):
    os.environ.update(env)
    import django

    django.setup()


def make_blog():
    """A published live blog with a few entries (the editor's process)."""
    from broadsheet.live.models import LiveBlogPage
    from broadsheet.live.tests.builders import make_live_blog, post_entry

    blog = LiveBlogPage.objects.filter(slug="bench-live").first()
    if blog is None:
        blog = make_live_blog("Bench live", slug="bench-live")
        for n in range(10):
            post_entry(blog, f"Earlier update {n}.", minutes_ago=60 - n)
    return blog


def post(blog, n):
    from broadsheet.live.tests.builders import post_entry

    entry = post_entry(blog, f"Bench entry {n}: something happened.")
    return entry.pk, time.time()


def cpu_seconds(master_pid):
    """User + system CPU of the server: its master and every worker."""
    pids = [master_pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            pids.append(int(stat.parent.name))
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


async def get(port, path):
    """One poll on a connection of its own: the server keeps idle
    connections 5 s, less than the time between polls, as a browser finds."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    body = await reader.readexactly(length)
    writer.close()
    return status, body


async def poller(
    port, blog_id, poll, bucket_seconds, deadline, uncached, seen, stats, known
):
    """One reader: polls as live.js does, from the version its page showed
    (`known`), and notes when each entry first came."""
    await asyncio.sleep(random.random() * poll)
    mine = {}
    while time.time() < deadline:
        bucket = int(time.time()) // bucket_seconds
        path = f"/live/{blog_id}/updates/{bucket}/"
        if uncached:
            path += f"?nocache={random.random()}"
        started = time.monotonic()
        try:
            status, body = await get(port, path)
        except (OSError, asyncio.IncompleteReadError):
            stats["errors"] += 1
            await asyncio.sleep(poll)
            continue
        stats["latency"].append(time.monotonic() - started)
        stats["requests"] += 1
        if status != 200:
            stats["errors"] += 1
        else:
            data = json.loads(body)
            now = time.time()
            for change in data["entries"]:
                if change["changed"] > known:
                    mine.setdefault(change["id"], now)
            known = max(known, data["version"])
        await asyncio.sleep(poll)
    seen.append(mine)


async def editor(blog, deadline, posted):
    n = 0
    while time.time() + EDITOR_EVERY < deadline - EDITOR_EVERY:
        await asyncio.sleep(EDITOR_EVERY)
        entry_id, when = await asyncio.to_thread(post, blog, n)
        posted[entry_id] = when
        n += 1


async def run_mode(port, blog, readers, seconds, uncached, master_pid):
    from broadsheet.live.reading import BUCKET_SECONDS, POLL_SECONDS, version

    deadline = time.time() + seconds
    seen, posted = [], {}
    # What the readers' pages showed when opened.
    known = await asyncio.to_thread(version, blog)
    stats = {"latency": [], "requests": 0, "errors": 0}
    cpu_before, wall_before = cpu_seconds(master_pid), time.monotonic()
    await asyncio.gather(
        editor(blog, deadline, posted),
        *(
            poller(
                port, blog.pk, POLL_SECONDS, BUCKET_SECONDS, deadline, uncached,
                seen, stats, known,
            )
            for _ in range(readers)
        ),
    )  # fmt: skip
    cpu = cpu_seconds(master_pid) - cpu_before
    wall = time.monotonic() - wall_before
    delays = [
        mine[entry_id] - when
        for mine in seen
        for entry_id, when in posted.items()
        if entry_id in mine
    ]
    missed = sum(1 for mine in seen for entry_id in posted if entry_id not in mine)
    quantiles = statistics.quantiles(delays, n=100) if len(delays) > 1 else [0] * 99
    times = sorted(stats["latency"])
    return {
        "mode": "uncached" if uncached else "cached",
        "readers": readers,
        "entries": len(posted),
        "visible_p50_s": round(quantiles[49], 1),
        "visible_p95_s": round(quantiles[94], 1),
        "visible_max_s": round(max(delays, default=0), 1),
        "missed": missed,
        "requests_per_s": round(stats["requests"] / wall, 1),
        "response_p50_ms": round(1000 * times[len(times) // 2], 1) if times else 0,
        "response_p95_ms": round(1000 * times[int(len(times) * 0.95)], 1)
        if times
        else 0,
        "errors": stats["errors"],
        "server_cpu_per_s": round(cpu / wall, 3),
        "cpu_per_1000_pollers": round(cpu / wall * 1000 / readers, 3),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--modes", nargs="+", default=["cached", "uncached"])
    args = parser.parse_args()

    data = args.data or Path(tempfile.mkdtemp(prefix="bench-live-"))
    port = free_port()
    env = environment(data, port)
    subprocess.run(
        [PYTHON, "-m", "broadsheet", "migrate", "-v0"], env=env, check=True, cwd=ROOT
    )
    setup_django(env)
    blog = make_blog()

    from broadsheet.core.management.commands.serve import web_server_command
    from broadsheet.live.reading import current_bucket

    server = subprocess.Popen(
        web_server_command(f"127.0.0.1:{port}", args.workers), env=env, cwd=ROOT
    )
    try:
        wait_for_port(port, timeout=60)
        # Warm the worker (imports, templates) before anything is measured.
        asyncio.run(get(port, f"/live/{blog.pk}/updates/{current_bucket()}/"))
        for mode in args.modes:
            result = asyncio.run(
                run_mode(
                    port, blog, args.readers, args.seconds, mode == "uncached",
                    server.pid,
                )
            )  # fmt: skip
            print(json.dumps(result), flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
