"""Issue 10's table: Broadsheet's pages, cached and rendered, while the news
moves, beside a static file and a stock Wagtail 8 article page, in one run.

    python bench/fast_pages.py                        # 100,000 stories, SQLite
    python bench/fast_pages.py --stories 2000 --seconds 5 --rows article-rendered,stock
    python bench/fast_pages.py --demo                 # the demo newsroom instead
    python bench/fast_pages.py --postgres             # PostgreSQL + Redis

Loads the stories through the bulk ninjs import (bench/import_ninjs.py's
agency items; --demo: `broadsheet demo`), serves them with `broadsheet serve`
(its worker running, the import's enrichment backlog dropped so the worker
enriches only what is published during the run), and runs `wrk -t2 -c16`
(Debian's wrk) on each row. A stock Wagtail 8 project (bench/stock_wagtail.py,
built in a temporary folder: one ArticlePage type, 2,000 pages) is served by
gunicorn with the same worker class and count. Prints a Markdown table.
Everything runs nice'd; its data directory, database and Redis number are its
own (--database-url, --redis-url).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import stock_wagtail
from import_ninjs import demo_material, item, write_items
from pages import fetch, free_port
from pages import wrk as pages_wrk

ROOT = Path(__file__).resolve().parents[1]
# An address the page cache never keeps (core/cache_keys.py: a parameter
# that is neither ?page= nor tracking is rendered fresh): every request is a
# full render, as for the first reader after a publish.
UNCACHED = "?render=bench"
ROWS = {
    "article-cached": "article from the page cache, nothing being published",
    "article-publishing": "the same while one story is imported and published "
    "every 2 s",
    "home-cached": "home from the page cache, nothing being published",
    "home-publishing": "the same while one story is published every 2 s",
    "section-cached": "section front from the page cache, nothing being published",
    "section-publishing": "the same while one story is published every 2 s",
    "article-rendered": "article rendered (an uncacheable query string)",
    "home-rendered": "home rendered",
    "section-rendered": "section front rendered",
    "static": "static file of the article's size, same server",
    "stock": "stock Wagtail 8 article page (title, byline, date, rich-text body; "
    "{stock_pages:,} pages; same server and worker count), rendered on every request",
}
PUBLISH_EVERY = 2.0


def broadsheet(*args, env, quiet=True):
    return subprocess.run(
        ["nice", sys.executable, "-m", "broadsheet", *args],
        env=env,
        check=True,
        capture_output=quiet,
        text=True,
    )


def prepare(args):
    data = Path(args.data_dir)
    env = {
        **os.environ,
        "BROADSHEET_DATA_DIR": str(data),
        "ALLOWED_HOSTS": "127.0.0.1",
        "REQUEST_LOG": "false",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if args.postgres:
        env.update(DATABASE_URL=args.database_url, REDIS_URL=args.redis_url)
    if args.reuse and data.exists():
        # A kept load made by older code: bring its tables up to this code's.
        broadsheet("migrate", "--no-input", env=env)
        return env
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    if args.postgres:
        fresh_postgres(args.database_url, args.redis_url)
    broadsheet("migrate", "--no-input", env=env)
    if args.demo:
        broadsheet("demo", env=env)
    else:
        wire = data / "wire"
        wire.mkdir()
        write_items(wire, args.stories)
        started = time.perf_counter()
        broadsheet("import_ninjs", "--publish", str(wire), env=env)
        print(
            f"imported {args.stories:,} stories in "
            f"{time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    return env


def fresh_postgres(database_url, redis_url):
    import psycopg
    import redis

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(redis_url).flushdb()


def drop_backlog(env):
    """The bulk import queued enrichment for every story: an hour of the
    worker's time at 100,000, which would compete with every row. Readers'
    pages do not wait for it; only what is published during the run is."""
    script = (
        "from django_tasks_db.models import DBTaskResult\n"
        "print(DBTaskResult.objects.filter(status='READY').delete()[0])\n"
    )
    broadsheet("shell", "-c", script, env=env)


def pick_urls(env):
    script = (
        "import json\n"
        "from broadsheet.news.models import ArticlePage\n"
        "stories = ArticlePage.objects.published().newest_first()\n"
        "story = stories[min(500, stories.count() - 1)]\n"
        "print(json.dumps({'article': story.url, 'section': story.section.url}))\n"
    )
    printed = broadsheet("shell", "-c", script, env=env).stdout
    return json.loads(printed.strip().splitlines()[-1])


def wait_for(base, process):
    for _ in range(600):
        if process.poll() is not None:
            raise SystemExit(f"the server stopped (exit {process.returncode})")
        try:
            fetch(base + "/")
            return
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("the server did not start")


def serve(env, args):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        "nice",
        sys.executable,
        "-m",
        "broadsheet",
        "serve",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        *(["--no-worker"] if args.no_worker else []),
    ]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait_for(base, process)
    return process, base


def stop(process):
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def publish_stream(env, seconds, folder):
    """One agency story every PUBLISH_EVERY seconds through the importer (as
    `import_ninjs --publish` does it, in one process so that no start-up is
    measured), for `seconds`. Returns the thread once the process has started
    and loaded the importer (the start-up of a Python process, 2-3 s of CPU,
    is not publishing: it fell inside the measured seconds before); the
    worker enriches the stories."""
    folder.mkdir(exist_ok=True)
    rng, material = __import__("random").Random(5), demo_material()
    count = int(seconds / PUBLISH_EVERY) + 1
    # New stories on every run, also of a reused load (a re-sent item is an
    # update, not a new story).
    first = 1_000_000 + int(time.time()) % 1_000_000 * 100
    for n in range(count):
        story = item(first + n, rng, material, datetime.now(UTC))
        (folder / f"{n:04}.json").write_text(json.dumps(story))
    ready = folder / "ready"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from django.core.management import call_command, load_command_class\n"
        "load_command_class('broadsheet.wire', 'import_ninjs')\n"
        f"files = sorted(Path({str(folder)!r}).glob('*.json'))\n"
        f"Path({str(ready)!r}).touch()\n"
        "start = time.monotonic()\n"
        "for n, path in enumerate(files):\n"
        f"    time.sleep(max(0, start + n * {PUBLISH_EVERY} - time.monotonic()))\n"
        "    call_command('import_ninjs', '--publish', '--jobs', '0', str(path),\n"
        "                 stdout=open('/dev/null', 'w'), stderr=sys.stderr)\n"
    )
    thread = threading.Thread(
        target=broadsheet, args=("shell", "-c", script), kwargs={"env": env}
    )
    thread.start()
    deadline = time.monotonic() + 120
    while not ready.exists():
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SystemExit("the publishing process did not start")
        time.sleep(0.05)
    return thread


def stock_server(args, folder):
    bodies = stock_wagtail.article_bodies(args.stock_pages)
    env = stock_wagtail.build(folder, args.stock_pages, bodies)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = stock_wagtail.serve_command(
        folder / "stock", f"127.0.0.1:{port}", args.workers
    )
    process = subprocess.Popen(
        ["nice", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(base, process)
    return process, f"{base}/story-{args.stock_pages // 2}/"


def measure(url, args):
    fetch(url)  # warm: a cached row's first view renders and stores
    return pages_wrk(
        url, args.seconds, args.connections, headers=[], timeout=args.timeout
    )


def run(args):
    rows = {}
    env = prepare(args)
    drop_backlog(env)
    urls = pick_urls(env)
    process, base = serve(env, args)
    try:
        size = len(fetch(base + urls["article"]))
        if "static" in args.rows:
            # Whitenoise indexes static files when it starts: serve again.
            static = Path(args.data_dir) / "static" / "bench-article-size.html"
            static.write_bytes(b"x" * size)
            stop(process)
            process, base = serve(env, args)
        article = base + urls["article"]
        targets = {
            "article-cached": article,
            "home-cached": base + "/",
            "section-cached": base + urls["section"],
            "article-rendered": article + UNCACHED,
            "home-rendered": base + "/" + UNCACHED,
            "section-rendered": base + urls["section"] + UNCACHED,
            "static": base + "/static/bench-article-size.html",
        }
        for name in ROWS:
            if name in targets and name in args.rows:
                rows[name] = measure(targets[name], args)
            if name.endswith("-publishing") and name in args.rows:
                page = targets[name.replace("-publishing", "-cached")]
                with tempfile.TemporaryDirectory() as folder:
                    stream = publish_stream(env, args.seconds + 2, Path(folder))
                    time.sleep(0.5)  # the first story is in
                    rows[name] = measure(page, args)
                    stream.join()
    finally:
        stop(process)
    if "stock" in args.rows:
        with tempfile.TemporaryDirectory(prefix="stock-wagtail-") as folder:
            process, url = stock_server(args, Path(folder))
            try:
                rows["stock"] = measure(url, args)
            finally:
                stop(process)
    return rows, size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--demo", action="store_true", help="the demo newsroom")
    parser.add_argument(
        "--rows",
        default=",".join(ROWS),
        help=f"comma-separated, of: {', '.join(ROWS)}",
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--timeout",
        type=int,
        default=10,
        help="seconds before wrk counts a request as timed out (its default, 2, "
        "drops every slow render on a loaded machine)",
    )
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--stock-pages", type=int, default=2000)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument(
        "--no-worker",
        action="store_true",
        help="serve without the background worker (what enrichment costs)",
    )
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/bs_render"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/54")
    parser.add_argument("--data-dir", default="/tmp/broadsheet-fast-pages")
    parser.add_argument("--reuse", action="store_true", help="keep an earlier load")
    args = parser.parse_args()
    args.rows = [row.strip() for row in args.rows.split(",") if row.strip()]
    unknown = set(args.rows) - set(ROWS)
    if unknown:
        parser.error(f"unknown rows: {', '.join(sorted(unknown))}")
    if not shutil.which("wrk"):
        raise SystemExit("needs wrk (apt-get install wrk)")
    os.chdir(ROOT)

    rows, size = run(args)
    what = "the demo newsroom" if args.demo else f"{args.stories:,} stories"
    store = "PostgreSQL + Redis" if args.postgres else "SQLite"
    print(
        f"\n{what}, {store}, `broadsheet serve --workers {args.workers}`, "
        f"wrk -t2 -c{args.connections} -d{args.seconds}s; article page "
        f"{size:,} bytes\n"
    )
    print("| same run | req/s | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|")
    for name, label in ROWS.items():
        if name in rows:
            rps, p50, p99, errors = rows[name]
            note = f" ({errors} non-2xx)" if errors else ""
            label = label.format(stock_pages=args.stock_pages)
            print(f"| {label}{note} | {rps:,.0f} | {p50:.1f} | {p99:.1f} |")


if __name__ == "__main__":
    main()
