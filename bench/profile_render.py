"""Where the time of one rendered reader page goes, in-process.

    BROADSHEET_DATA_DIR=/tmp/demo python bench/profile_render.py
    python bench/profile_render.py --page home --repeat 200 --top 25
    python bench/profile_render.py --page live      # the demo's live blog

Renders a page through Django's test client with a query string the page
cache does not keep (every request is a full render, as after a publish or
for a reader with tracking tags), after a few warm-up renders, and prints the
mean time, the queries of one render, the cache reads and writes, and
cProfile's functions by cumulative and own time. Reads the data directory
and database of the environment (`broadsheet demo` fills one).
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("REQUEST_LOG", "false")
# Never kept by the page cache (core/cache_keys.py: a parameter that is
# neither ?page= nor tracking is rendered fresh).
UNCACHED = "?render=bench"


def page_url(name):
    from broadsheet.news.models import ArticlePage, SectionPage

    if name == "home":
        return "/"
    if name == "live":
        from broadsheet.live.models import LiveBlogPage

        return LiveBlogPage.objects.live().public().order_by("pk").first().url
    stories = ArticlePage.objects.published().newest_first()
    if name == "article":
        return stories[min(10, stories.count() - 1)].url
    section = SectionPage.objects.for_readers().order_by("path").first()
    return section.url


class CacheCalls:
    """Counts calls on the default cache by method: a rendition lookup that
    writes on every render shows here."""

    def __init__(self):
        from django.core.cache import cache

        self.cache, self.counts, self.saved = cache, Counter(), {}

    def __enter__(self):
        for name in ("get", "get_many", "set", "set_many", "add", "delete"):
            original = getattr(self.cache, name)
            self.saved[name] = original

            def counted(*args, _name=name, _original=original, **kwargs):
                self.counts[_name] += 1
                return _original(*args, **kwargs)

            setattr(self.cache, name, counted)
        return self

    def __exit__(self, *exc):
        for name, original in self.saved.items():
            setattr(self.cache, name, original)


def rendition_cache_calls(client, url):
    """Calls on Wagtail's rendition cache ("renditions" in CACHES) in one
    render: Wagtail keeps every rendition it finds there, a write per picture
    size per render unless they came prefetched."""
    from django.core.cache import InvalidCacheBackendError, caches

    try:
        renditions = caches["renditions"]
    except InvalidCacheBackendError:
        return None
    counts = Counter()
    saved = {}
    for name in ("get", "get_many", "set", "set_many"):
        original = getattr(renditions, name)
        saved[name] = original

        def counted(*args, _name=name, _original=original, **kwargs):
            counts[_name] += 1
            return _original(*args, **kwargs)

        setattr(renditions, name, counted)
    try:
        client.get(url)
    finally:
        for name, original in saved.items():
            setattr(renditions, name, original)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--page", choices=("article", "home", "section", "live"), default="article"
    )
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--queries", action="store_true", help="print each query")
    parser.add_argument(
        "--only", help="list only functions whose path matches, e.g. broadsheet/"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client()
    url = page_url(args.page) + UNCACHED
    for _ in range(5):
        assert client.get(url).status_code == 200
    started = time.perf_counter()
    for _ in range(args.repeat):
        client.get(url)
    mean = (time.perf_counter() - started) / args.repeat * 1000

    captured = []

    def log_query(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append((time.perf_counter() - started, sql))

    with connection.execute_wrapper(log_query), CacheCalls() as calls:
        size = len(client.get(url).content)
    renditions = rendition_cache_calls(client, url)

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.repeat):
        client.get(url)
    profile.disable()

    print(
        f"{args.page} {url}: {size:,} bytes, {mean:.1f} ms a render (mean of "
        f"{args.repeat}, no profiler), {len(captured)} queries"
    )
    print("default cache calls in one render:", dict(sorted(calls.counts.items())))
    if renditions is not None:
        print("rendition cache calls in one render:", dict(sorted(renditions.items())))
    if args.queries:
        for seconds, sql in captured:
            print(f"  {seconds * 1000:.2f} ms {sql[:200]}")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        if not args.only:
            stats.strip_dirs()
        stats.sort_stats(order)
        stats.print_stats(*([args.only] if args.only else []), args.top)
        print(f"\n--- by {order} ---")
        print("\n".join(out.getvalue().splitlines()[4:]))


if __name__ == "__main__":
    main()
