"""Load N stories through the bulk ninjs import, serve them with `broadsheet
serve`, and measure the reader pages with wrk beside a static file of the
article page's size, served by the same server in the same run.

    python bench/pages.py --articles 100000                # SQLite
    python bench/pages.py --articles 100000 --postgres     # PostgreSQL + Redis

Prints a Markdown table for docs/benchmarks.md. Needs wrk (apt-get install wrk).
Uses its own data directory and, for PostgreSQL, its own database
(broadsheet_bench, dropped and made anew), never anything else.
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from import_ninjs import write_items

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH_URL = "postgres://postgres@127.0.0.1:5432/broadsheet_bench"
REDIS_BENCH_URL = "redis://127.0.0.1:6379/14"
SEARCH_QUERIES = [
    "election",
    "interest rates",
    "mobile phone",
    "film festival",
    "world cup",
    "prime minister",
    "oil prices",
    "broadband",
    "music awards",
    "chancellor budget",
    "software security",
    "football manager",
    "stock market",
    "video games",
    "tory party",
    "tennis open",
    "economy growth",
    "virus email",
    "box office",
    "labour government",
]


def run(*args, env, quiet=True):
    return subprocess.run(
        [sys.executable, "-m", "broadsheet", *args],
        env=env,
        check=True,
        capture_output=quiet,
        text=True,
    )


def fresh_postgres():
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS broadsheet_bench")
        conn.execute("CREATE DATABASE broadsheet_bench")


def prepare(args):
    data = Path(args.data_dir or f"/tmp/broadsheet-bench-{args.label}")
    env = {**os.environ, "BROADSHEET_DATA_DIR": str(data), "ALLOWED_HOSTS": "127.0.0.1"}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if args.postgres:
        env.update(DATABASE_URL=PG_BENCH_URL, REDIS_URL=REDIS_BENCH_URL)
    if args.reuse and data.exists():
        return env, data, None
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    if args.postgres:
        fresh_postgres()
        import redis

        redis.Redis.from_url(REDIS_BENCH_URL).flushdb()
    run("migrate", "--no-input", env=env)
    wire = data / "wire"
    wire.mkdir()
    write_items(wire, args.articles)  # the import benchmark's agency items
    started, imported = time.perf_counter(), args.articles
    run("import_ninjs", "--publish", str(wire), env=env)
    rate = imported / (time.perf_counter() - started)
    return env, data, rate


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def enrich_sample(env, count):
    """What enrichment costs at this size: the section model trained on every
    story, then `count` stories enriched (the measured article among them, so
    its page reads a precomputed related list). The rest stay unenriched:
    all 100,000 would take the worker about an hour (figures below)."""
    started = time.perf_counter()
    trained = run("train_sections", env=env).stdout.strip().splitlines()[-1]
    train_seconds = time.perf_counter() - started
    script = (
        "import json, random\n"
        "from broadsheet.news.models import ArticlePage\n"
        "stories = ArticlePage.objects.published().newest_first()\n"
        "measured = stories[min(500, stories.count() - 1)].pk\n"
        "ids = list(stories.values_list('pk', flat=True))\n"
        f"sample = random.Random(7).sample(ids, min({count}, len(ids)))\n"
        "print(json.dumps(sorted(set([measured, *sample]))))\n"
    )
    printed = run("shell", "-c", script, env=env).stdout
    ids = json.loads(printed.strip().splitlines()[-1])
    report = run("enrich", "--ids", *map(str, ids), env=env).stdout.strip()
    return trained, train_seconds, report


def pick_urls(base, env):
    script = (
        "import json\n"
        "from broadsheet.news.models import ArticlePage, Topic\n"
        "stories = ArticlePage.objects.published().newest_first()\n"
        "story = stories[min(500, stories.count() - 1)]\n"
        "topic = Topic.objects.filter(lead_articles__isnull=False)"
        ".order_by('pk').first()\n"
        "print(json.dumps({'article': story.url, 'section': story.section.url,\n"
        "    'topic': topic.get_absolute_url()}))\n"
    )
    found = json.loads(
        run("shell", "-c", script, env=env).stdout.strip().splitlines()[-1]
    )
    return {
        "article": found["article"],
        "home": "/",
        "section": found["section"],
        "topic": found["topic"],
        "search": "/search/?q=interest+rates",
        "feed": "/feeds/rss/",
    }


def wrk(url, seconds, connections, headers=(), timeout=2):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    command[1:1] = ["--timeout", f"{timeout}s"]
    for header in headers:
        command[1:1] = ["-H", header]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def latency(label):
        value = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        number, unit = float(value.group(1)), value.group(2)
        return number * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    if timeouts and int(timeouts.group(1)):
        print(f"{url}: {timeouts.group(1)} requests timed out", file=sys.stderr)
    return rps, latency("50"), latency("99"), int(errors.group(1)) if errors else 0


def search_latencies(base):
    timings = []
    for _ in range(3):
        for query in SEARCH_QUERIES:
            started = time.perf_counter()
            fetch(f"{base}/search/?{urllib.parse.urlencode({'q': query})}")
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def serve(env, data, args):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "broadsheet",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            # The import queued enrichment for every story; worked off during
            # the measurement it would compete with the pages measured.
            "--no-worker",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            fetch(base + "/")
            return process, base
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("broadsheet serve did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--data-dir")
    parser.add_argument("--reuse", action="store_true", help="keep an earlier load")
    parser.add_argument(
        "--enrich-sample",
        type=int,
        default=200,
        help="stories to enrich, for timing (0: none, e.g. with --reuse)",
    )
    args = parser.parse_args()
    args.label = "postgres" if args.postgres else "sqlite"
    os.chdir(ROOT)

    env, data, rate = prepare(args)
    enrichment = enrich_sample(env, args.enrich_sample) if args.enrich_sample else None
    # A static file exactly the size of the article page, for the baseline.
    process, base = serve(env, data, args)
    try:
        urls = pick_urls(base, env)
        size = len(fetch(base + urls["article"]))
        static = data / "static" / "bench-article-size.html"
        static.write_bytes(b"x" * size)
        process.terminate()
        process.wait()
        process, base = serve(env, data, args)  # whitenoise indexes files at start
        urls["static file"] = "/static/bench-article-size.html"
        rows = []
        for name, path in urls.items():
            fetch(base + path)  # warm: the first view renders and caches
            cached = wrk(base + path, args.seconds, args.connections)
            fresh = None
            if name != "static file":
                # A session cookie skips the page cache: every request renders.
                fresh = wrk(
                    base + path,
                    args.seconds,
                    args.connections,
                    headers=["Cookie: sessionid=benchmark"],
                )
            rows.append((name, path, cached, fresh))
        search_p50, search_p95 = search_latencies(base)
    finally:
        process.terminate()
        process.wait()

    print(
        f"\n### {args.label}: {args.articles:,} stories, "
        f"{args.workers} gunicorn workers, "
        f"wrk -t2 -c{args.connections} -d{args.seconds}s\n"
    )
    if rate:
        print(f"Bulk import with --publish: {rate:,.0f} items/s\n")
    print(
        "| page | cached req/s | p50 ms | p99 ms | rendered req/s | p50 ms | p99 ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, _, cached, fresh in rows:
        line = f"| {name} | {cached[0]:,.0f} | {cached[1]:.1f} | {cached[2]:.1f} |"
        if fresh:
            line += f" {fresh[0]:,.0f} | {fresh[1]:.1f} | {fresh[2]:.1f} |"
        else:
            line += " | | |"
        if cached[3] or (fresh and fresh[3]):
            line += f" (non-2xx: {cached[3]}/{fresh[3] if fresh else 0})"
        print(line)
    print(
        f"\nSearch over {len(SEARCH_QUERIES)} fixed queries, x3, one at a time: "
        f"p50 {search_p50:.1f} ms, p95 {search_p95:.1f} ms"
    )
    if enrichment:
        trained, train_seconds, report = enrichment
        print(f"\ntrain_sections ({train_seconds:.0f} s): {trained}")
        print(f"enrich (sample of {args.enrich_sample}):\n{report}")


if __name__ == "__main__":
    main()
