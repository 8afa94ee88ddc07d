"""Publish-to-visible latency through Varnish, and cached throughput through
Varnish beside Broadsheet's own page cache, in the same run.

    .venv/bin/python bench/varnish_publish.py [--stories 500] [--publishes 50]
    .venv/bin/python bench/varnish_publish.py --database-url postgres://... \
        --redis-url redis://127.0.0.1:6379/N

Loads --stories agency items (bulk import), starts `broadsheet serve` and, in
front of it, Debian's varnishd running docs/deploy/varnish.vcl (as the tests
do: broadsheet/cdn/tests/varnish.py), with CDN_PURGE_BACKEND=varnish. Then
publishes --publishes stories one at a time from this process, as an editor
would, while a reader thread per page keeps asking Varnish for the front page,
the story's section front, an older story in another section (its Latest
News rail) and the new story's own address; each page's delay is from the
publish's commit (when tags_invalidated is sent) to the first answer through
Varnish that shows the new headline. Last, wrk on the front page and an
older story through Varnish and straight from `broadsheet serve`.

Uses its own data directory, and only the database and Redis it is given
(the PostgreSQL database is emptied: give it a scratch one). Needs varnishd
(apt install varnish varnish-modules) and wrk. Not a test.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from import_ninjs import write_items  # noqa: E402
from pages import free_port, wrk  # noqa: E402

from broadsheet.cdn import purge  # noqa: E402
from broadsheet.cdn.tests.varnish import Varnish  # noqa: E402

HEADLINE = "Harbour ferry timetable returns, number {n}"


def broadsheet(*args, env):
    subprocess.run(
        [sys.executable, "-m", "broadsheet", *args],
        env=env,
        check=True,
        capture_output=True,
    )


def prepare(args):
    data = Path(args.data_dir)
    env = {**os.environ, "BROADSHEET_DATA_DIR": str(data)}
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    if args.reuse and data.exists():
        return env
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    if args.database_url:
        import psycopg

        with psycopg.connect(args.database_url, autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    if args.redis_url:
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()
    broadsheet("migrate", "--no-input", env=env)
    wire = data / "wire"
    wire.mkdir()
    write_items(wire, args.stories)
    broadsheet("import_ninjs", "--publish", str(wire), env=env)
    return env


def serve(env, port, workers):
    process = subprocess.Popen(
        [sys.executable, "-m", "broadsheet", "serve", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--no-worker"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
            return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("broadsheet serve did not start")


# Seconds between a reader's requests: often enough to see a page change
# within a few hundredths, rarely enough not to load the server it measures.
POLL_EVERY = 0.02


def get(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.read()
    except urllib.error.HTTPError as error:  # the new story, before it is out
        return error.read()


class Reader(threading.Thread):
    """Asks for one page again and again (through Varnish, or straight from
    Broadsheet); notes when it first shows the text it waits for."""

    def __init__(self, base, path, text):
        super().__init__(daemon=True)
        self.base, self.path, self.text = base, path, text
        self.seen = None
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            if self.text in get(self.base, self.path):
                self.seen = time.monotonic()
                return
            time.sleep(POLL_EVERY)


def publish_and_watch(base, pages, n, timeout=10.0):
    """One publish; each page's seconds from the commit to visible, and to
    the end of the purge (None when nothing was purged)."""
    from broadsheet.caching.signals import tags_invalidated
    from broadsheet.testing import make_article

    title = HEADLINE.format(n=n)
    story = make_article(title, publish=False, section_slug="world")
    path = f"/world/{story.slug}/"
    readers = [Reader(base, p, title.encode()) for p in [*pages, path]]
    for reader in readers:
        reader.start()
    committed = []

    def record(**kwargs):
        committed.append(time.monotonic())

    tags_invalidated.connect(record, weak=False)
    PURGED.clear()
    try:
        story.save_revision().publish()
    finally:
        tags_invalidated.disconnect(record)
    for reader in readers:
        reader.join(timeout)
        reader.stop.set()
    labels = ["front page", "section front", "older story's rail"]
    names = dict(zip(pages, labels, strict=True))
    delays = {
        names.get(r.path, "the story itself"): (r.seen - committed[0])
        if r.seen
        else None
        for r in readers
    }
    purge.purger.flush()
    purged = PURGED[0] - committed[0] if PURGED else None
    return delays, purged


PURGED = []


def timed_purges():
    """Notes when each purge request to Varnish has been answered."""
    from broadsheet.cdn.backends.varnish import VarnishBackend

    purge_batch = VarnishBackend.purge_batch

    def timed(self, tags):
        purge_batch(self, tags)
        PURGED.append(time.monotonic())

    VarnishBackend.purge_batch = timed


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(share * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--publishes", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--data-dir", default="/tmp/broadsheet-bench-varnish")
    parser.add_argument("--reuse", action="store_true", help="keep an earlier load")
    args = parser.parse_args()

    env = prepare(args)
    port = free_port()
    server = serve(env, port, args.workers)
    varnish = Varnish(backend_port=port)
    try:
        env.update(CDN_PURGE_BACKEND="varnish", CDN_PURGE_URLS=varnish.url)
        # Broadsheet marks pages for Varnish only with a purge back end set:
        # serve again with it (the publishing process below has it too).
        server.terminate()
        server.wait()
        server = serve(env, port, args.workers)
        results = measure(args, env, varnish, port)
    finally:
        server.terminate()
        server.wait()
        varnish.stop()
    report(args, *results)


def measure(args, env, varnish, port):
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "broadsheet.settings"
    import django

    django.setup()
    from broadsheet.news.models import ArticlePage

    # An older story in another section: only its Latest News rail changes.
    older = (
        ArticlePage.objects.published()
        .exclude(url_path__contains="/world/")
        .order_by("-published_at")[5]
    )
    older_path = older.url
    pages = ["/", "/world/", older_path]
    timed_purges()
    direct = f"http://127.0.0.1:{port}"
    runs = {}
    for where, base in (("Varnish", varnish.url.rstrip("/")), ("direct", direct)):
        for path in pages:  # stored (in Varnish too) before the first publish
            get(base, path)
        runs[where] = [
            publish_and_watch(base, pages, f"{where} {n}")
            for n in range(args.publishes)
        ]

    throughput = []
    for name, path in (("front page", "/"), ("older story", older_path)):
        for where, base in (
            ("Varnish", varnish.url.rstrip("/")),
            ("broadsheet serve (page cache)", f"http://127.0.0.1:{port}"),
        ):
            varnish.request(path)
            rps, p50, p99, errors = wrk(base + path, args.seconds, args.connections)
            throughput.append((name, where, rps, p50, p99, errors))
    return runs, throughput, varnish.stats()


def row(label, values):
    missing = sum(v is None for v in values)
    shown = [v * 1000 for v in values if v is not None]
    print(
        f"| {label} | {statistics.median(shown):.0f} | "
        f"{percentile(shown, 0.95):.0f} | {max(shown):.0f} | {missing} |"
    )


def report(args, runs, throughput, stats):
    print(
        f"\n### {args.publishes} publishes each way, {args.stories} stories, "
        f"{'PostgreSQL + Redis' if args.database_url else 'SQLite'}, "
        f"{args.workers} gunicorn workers\n"
    )
    print("Milliseconds from a publish's commit to the first answer showing it:\n")
    print("| read | page | p50 | p95 | max | not seen in 10 s |")
    print("|---|---|---:|---:|---:|---:|")
    for where, results in runs.items():
        delays = [d for d, _ in results]
        names = list(delays[0])
        for name in names:
            row(f"{where} | {name}", [d[name] for d in delays])
        last = [None if None in d.values() else max(d.values()) for d in delays]
        row(f"{where} | all four (the last)", last)
        if where == "Varnish":
            row("Varnish | the purge answered", [p for _, p in results])
    print(f"\nwrk -t2 -c{args.connections} -d{args.seconds}s, same run:\n")
    print("| page | served by | req/s | p50 ms | p99 ms | non-2xx |")
    print("|---|---|---:|---:|---:|---:|")
    for name, where, rps, p50, p99, errors in throughput:
        print(f"| {name} | {where} | {rps:,.0f} | {p50:.1f} | {p99:.1f} | {errors} |")
    hits, misses = stats.get("MAIN.cache_hit", 0), stats.get("MAIN.cache_miss", 0)
    print(f"\nVarnish: {hits:,} hits, {misses:,} misses")


if __name__ == "__main__":
    main()
