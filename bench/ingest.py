"""The wire under a sustained stream: 200 sources on the loopback publishing
10,000 items an hour between them, polled by the worker that `broadsheet
serve` starts, while readers are served by the same server.

    python bench/ingest.py [--minutes 10] [--sources 200] [--per-hour 10000]
                           [--postgres] [--port 20700]

Each source is its own host (127.0.1.N: one loopback address each, so the
per-host politeness applies as with real agencies) serving RSS 2.0, Atom or
JSON Feed; its items appear on schedule, each with its publication time, and
its feed carries the newest 20, with an ETag (unchanged feeds answer 304).
Every tenth source is trusted (its items are published at once, and so
enriched, and each publication renews the readers' page cache);
--trusted-every 0 leaves every item on the desk.

First readers alone (the baseline, same server, same run), then readers
while the stream runs. Reported: items on the desk against items published,
intake lag (published at the source -> on the desk, WireItem.received_at)
p50/p95/max, and reader latency p50/p95 in both phases. Uses its own data
directory and, with --postgres, its own database (broadsheet_ingest_bench,
dropped and made anew) and Redis database 13. Prints Markdown.
"""

import argparse
import email.utils
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH_URL = "postgres://postgres@127.0.0.1:5432/broadsheet_ingest_bench"
REDIS_BENCH_URL = "redis://127.0.0.1:6379/13"
WINDOW = 20  # items a feed carries
KINDS = ["rss", "atom", "jsonfeed"]
READER_PATHS = ["/", "/politics/", "/business/", "/latest/", "/search/?q=harbour"]
READERS = 4  # reader threads
READER_PAUSE = 0.05  # seconds between one reader's requests


# The sources: a schedule of items, and a feed server per source address


class Stream:
    """Source i publishes an item every `every` seconds from its own offset."""

    def __init__(self, sources: int, per_hour: int, start: float):
        self.sources, self.start = sources, start
        self.every = 3600 * sources / per_hour
        self.lock = threading.Lock()

    def published(self, source: int, now: float) -> list[tuple[int, float]]:
        """(number, publication time) of the items published so far, newest first."""
        first = self.start + self.every * source / self.sources
        if now < first:
            return []
        count = int((now - first) // self.every) + 1
        numbers = range(count - 1, max(-1, count - 1 - WINDOW), -1)
        return [(n, first + n * self.every) for n in numbers]

    def total(self, until: float) -> int:
        return sum(len(self.all_published(s, until)) for s in range(self.sources))

    def all_published(self, source, until):
        first = self.start + self.every * source / self.sources
        return [] if until < first else range(int((until - first) // self.every) + 1)


def item_text(source, number):
    return (
        f"Harbour bulletin {source}-{number}",
        f"<p>Report {number} from source {source}: the quay at berth {number % 17} "
        f"reopened after works on pier {source % 11}.</p>",
    )


def rfc822(moment):
    return email.utils.formatdate(moment, usegmt=True)


def iso(moment):
    return datetime.fromtimestamp(moment, UTC).isoformat()


def feed(kind, source, items) -> tuple[bytes, str]:
    if kind == "jsonfeed":
        body = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": f"Source {source}",
            "items": [
                {
                    "id": f"urn:bench:{source}:{n}",
                    "title": item_text(source, n)[0],
                    "content_html": item_text(source, n)[1],
                    "date_published": iso(at),
                }
                for n, at in items
            ],
        }
        return json.dumps(body).encode(), "application/feed+json"
    if kind == "atom":
        entries = "".join(
            f"<entry><id>urn:bench:{source}:{n}</id><title>{item_text(source, n)[0]}"
            f"</title><published>{iso(at)}</published><updated>{iso(at)}</updated>"
            f'<content type="html">{escape(item_text(source, n)[1])}</content></entry>'
            for n, at in items
        )
        return (
            f'<?xml version="1.0" encoding="utf-8"?><feed xmlns='
            f'"http://www.w3.org/2005/Atom"><title>Source {source}</title>'
            f"<id>urn:bench:{source}</id>{entries}</feed>"
        ).encode(), "application/atom+xml"
    entries = "".join(
        f"<item><guid>urn:bench:{source}:{n}</guid><title>{item_text(source, n)[0]}"
        f"</title><pubDate>{rfc822(at)}</pubDate><description>"
        f"{escape(item_text(source, n)[1])}</description></item>"
        for n, at in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Source {source}</title>{entries}</channel></rss>"
    ).encode(), "application/rss+xml"


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def feed_servers(stream, count, port):
    """One small server per source, at 127.0.1.N:port."""
    servers = []
    for source in range(count):
        kind = KINDS[source % len(KINDS)]

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            source_number, source_kind = source, kind

            def do_GET(self):
                items = stream.published(self.source_number, time.time())
                etag = f'"{self.source_number}-{items[0][0] if items else -1}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                body, content_type = feed(self.source_kind, self.source_number, items)
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer((address(source), port), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    return servers


def address(source):
    return f"127.0.1.{source + 1}"


# The site


def environment(args, data):
    env = {
        **os.environ,
        "BROADSHEET_DATA_DIR": str(data),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WIRE_ALLOWED_NETWORKS": "127.0.0.0/8",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if args.postgres:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS broadsheet_ingest_bench")
            conn.execute("CREATE DATABASE broadsheet_ingest_bench")
        env.update(DATABASE_URL=PG_BENCH_URL, REDIS_URL=REDIS_BENCH_URL)
    return env


def broadsheet(env, *args):
    subprocess.run(
        [sys.executable, "-m", "broadsheet", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def add_sources(env, count, port, every, trusted_every):
    script = (
        "from broadsheet.wire.models import Source\n"
        "from django.utils import timezone\n"
        f"kinds = {KINDS!r}\n"
        "Source.objects.bulk_create(Source(name=f'Source {i}', slug=f'source-{i}', "
        f"url=f'http://127.0.1.{{i + 1}}:{port}/feed', kind=kinds[i % 3], "
        f"poll_every={every}, enabled=False, "
        f"trust='publish' if {trusted_every} and i % {trusted_every or 1} == 0 "
        "else 'desk') "
        f"for i in range({count}))\n"
    )
    broadsheet(env, "shell", "-c", script)


def enable_sources(env):
    broadsheet(
        env,
        "shell",
        "-c",
        "from broadsheet.wire.models import Source; from django.utils import timezone;"
        " Source.objects.update(enabled=True, next_poll_at=timezone.now())",
    )


def serve(env, port, workers):
    process = subprocess.Popen(
        [sys.executable, "-m", "broadsheet", "serve", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=5).read()
            return process, base
        except OSError:
            time.sleep(1)
    process.kill()
    raise SystemExit("broadsheet serve did not answer within 3 minutes")


def read_for(base, seconds) -> list[float]:
    """Reader latencies (seconds) from READERS threads for `seconds`."""
    latencies, stop = [], time.monotonic() + seconds

    def reader(offset):
        n = offset
        while time.monotonic() < stop:
            path = READER_PATHS[n % len(READER_PATHS)]
            started = time.perf_counter()
            try:
                urllib.request.urlopen(base + path, timeout=30).read()
                latencies.append(time.perf_counter() - started)
            except OSError:
                latencies.append(float("inf"))
            n += 1
            time.sleep(READER_PAUSE)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def lags(env, until) -> list[float]:
    """Seconds from publication at the source to the desk, for the items
    published before `until` (a Unix time)."""
    script = (
        "import json\n"
        "from broadsheet.wire.models import WireItem\n"
        "rows = WireItem.objects.filter(source__isnull=False)"
        ".exclude(published_at=None).values_list('received_at', 'published_at')\n"
        "print(json.dumps([(r.timestamp(), p.timestamp()) for r, p in rows]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-m", "broadsheet", "shell", "-c", script],
        env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    pairs = json.loads(out.strip().splitlines()[-1])
    return [received - published for received, published in pairs if published <= until]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--baseline-minutes", type=float, default=1)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--per-hour", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=30, help="poll interval, s")
    parser.add_argument("--port", type=int, default=20700)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--trusted-every",
        type=int,
        default=10,
        help="every Nth source is trusted (its items published); 0: none",
    )
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    os.chdir(ROOT)

    data = Path(tempfile.mkdtemp(prefix="broadsheet-ingest-"))
    env = environment(args, data)
    broadsheet(env, "migrate")
    broadsheet(env, "demo")
    # The demo's enrichment tasks, done now: the stream starts on a quiet worker.
    broadsheet(env, "worker", "--once")
    add_sources(env, args.sources, args.port + 1, args.every, args.trusted_every)
    process, base = serve(env, args.port, args.workers)
    try:
        read_for(base, 10)  # warm the page cache
        baseline = read_for(base, args.baseline_minutes * 60)
        start = time.time()
        stream = Stream(args.sources, args.per_hour, start)
        servers = feed_servers(stream, args.sources, args.port + 1)
        enable_sources(env)
        loaded = read_for(base, args.minutes * 60)
        # Items published in the last poll interval may not be in yet: stop
        # counting what is expected one interval before the end.
        until = time.time() - args.every - 15
        time.sleep(args.every + 15)
    finally:
        process.terminate()
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
    for server in servers:
        server.shutdown()
        server.server_close()
    waited = lags(env, until)
    expected = stream.total(until)
    print(f"| measure | {'PostgreSQL + Redis' if args.postgres else 'SQLite'} |")
    print("|---|---|")
    print(f"| sources (127.0.1.N), poll interval | {args.sources}, {args.every} s |")
    print(f"| stream | {args.per_hour:,} items/hour for {args.minutes:g} min |")
    trusted = args.sources // args.trusted_every if args.trusted_every else 0
    print(f"| trusted sources (items published at once) | {trusted} |")
    print(f"| items on the desk / published by then | {len(waited):,} / {expected:,} |")
    print(f"| intake lag p50 / p95 / max | {percentile(waited, .5):.1f} s / "
          f"{percentile(waited, .95):.1f} s / {max(waited):.1f} s |")  # fmt: skip
    for name, values in (("readers alone", baseline), ("readers + intake", loaded)):
        p50, p95 = ms(percentile(values, 0.5)), ms(percentile(values, 0.95))
        print(f"| {name}: requests, p50 / p95 | {len(values):,}, {p50} / {p95} |")


if __name__ == "__main__":
    socket.setdefaulttimeout(60)
    main()
