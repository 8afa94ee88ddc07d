"""The page cache by tag, measured in one process through the whole
middleware stack (Django's test client; no network, no web server):

- a cached page served as stored (identity), pre-compressed (the front page:
  no per-reader values) and compressed per response (a story: its comment
  form's CSRF token and stamp are filled in first);
- what each compressor costs on a story page, at the levels used;
- after a publish, the story page put together again from its fragments
  (body, "You may also like", navigation still fresh; the rail re-rendered)
  beside a render with no fragment cached (the cost before fragments).

    python bench/page_cache.py [--stories 60] [--repeat 200]

Uses its own data directory (a fresh SQLite database) unless DATABASE_URL
is set; Redis if REDIS_URL is set. Prints Markdown tables.
"""

import argparse
import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("BROADSHEET_DATA_DIR", tempfile.mkdtemp(prefix="bs-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")


def setup():
    import django
    from django.conf import settings

    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def build(count):
    from wagtail.rich_text import RichText

    from broadsheet.testing import make_article, make_image

    sections = ["world", "business", "politics", "science"]
    paragraphs = [
        ("paragraph", RichText(f"<p>Paragraph {n} of the story, long enough. " * 6))
        for n in range(12)
    ]
    stories = []
    for number in range(count):
        stories.append(
            make_article(
                f"Story number {number} about the harbour",
                sections[number % len(sections)],
                topic_name=f"Topic {number % 7}",
                authors=(f"Writer {number % 5}",),
                body=paragraphs,
                lead_image=make_image(caption=f"Picture {number}")
                if number % 3 == 0
                else None,
            )
        )
    return stories


def serving(client, url, repeat):
    client.get(url)
    rows = []
    for coding in ("identity", "gzip", "br"):
        headers = {"accept-encoding": coding}
        response = client.get(url, headers=headers)
        assert response["X-Cache"] == "hit", response["X-Cache"]
        ms = timed(lambda h=headers: client.get(url, headers=h), repeat)
        rows.append((coding, ms, len(response.content)))
    return rows


def compressors(content, repeat):
    import brotli

    return [
        ("gzip 5 (per response)", lambda: gzip.compress(content, 5, mtime=0)),
        ("gzip 9 (stored)", lambda: gzip.compress(content, 9, mtime=0)),
        ("brotli 4 (per response)", lambda: brotli.compress(content, quality=4)),
        ("brotli 6 (stored)", lambda: brotli.compress(content, quality=6)),
        ("brotli 9", lambda: brotli.compress(content, quality=9)),
        ("brotli 11", lambda: brotli.compress(content, quality=11)),
    ], repeat


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    setup()
    from django.core.cache import cache
    from django.test import Client

    from broadsheet.caching.invalidation import invalidate
    from broadsheet.caching.tags import LATEST_TAG

    stories = build(args.stories)
    story = stories[-2]
    client = Client()
    cache.clear()

    print("| page | Accept-Encoding | ms per cached request | bytes |")
    print("|---|---|---:|---:|")
    for name, url in (("front page", "/"), ("story", story.url)):
        for coding, ms, size in serving(client, url, args.repeat):
            print(f"| {name} | {coding} | {ms:.2f} | {size:,} |")

    content = client.get(story.url).content
    print()
    print(f"| compressor, on the story page ({len(content):,} bytes) | ms |")
    print("|---|---:|")
    functions, repeat = compressors(content, args.repeat)
    for name, function in functions:
        size = len(function())
        print(f"| {name} -> {size:,} bytes | {timed(function, repeat):.2f} |")

    def cold():
        cache.clear()
        client.get(story.url)

    def after_publish():
        # What a publish does to this page: the site's newest stories
        # (on its rail) changed; its own fragments did not.
        invalidate({LATEST_TAG})
        response = client.get(story.url)
        assert response["X-Cache"] == "miss", response["X-Cache"]

    repeat = max(10, args.repeat // 10)
    print()
    print("| story page after a publish | ms |")
    print("|---|---:|")
    print(f"| rendered with no fragment cached | {timed(cold, repeat):.1f} |")
    client.get(story.url)
    print(f"| rendered from its fresh fragments | {timed(after_publish, repeat):.1f} |")


if __name__ == "__main__":
    main()
