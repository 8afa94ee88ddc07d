"""Corrections and history, measured in one process through the whole
middleware stack (Django's test client; no network, no web server):

- a publish of a long story with the corrections and history handlers, beside
  the same publish with them disconnected (the baseline, same run);
- the story's page and its public history with many versions, rendered on a
  cold cache (queries and median time), and /corrections/.

    python bench/story_history.py [--versions 30] [--paragraphs 40]

Uses its own data directory (a fresh SQLite database) unless DATABASE_URL is
set. Enrichment is left to its worker (tasks are queued, not run).
Prints Markdown.
"""

import argparse
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

SENTENCE = "The council met on Tuesday and voted on the budget for the coming year."


def setup():
    import django
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def body(paragraphs, version):
    from wagtail.rich_text import RichText

    return [
        ("paragraph", RichText(f"<p>{SENTENCE} Paragraph {n}, take {version}.</p>"))
        if n == version % paragraphs
        else ("paragraph", RichText(f"<p>{SENTENCE} Paragraph {n}.</p>"))
        for n in range(paragraphs)
    ]


def publish(story, version, paragraphs, note):
    from broadsheet.news.models import ArticleNote, ArticlePage

    page = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    page.body = body(paragraphs, version)
    if note:
        page.notes.add(ArticleNote(kind="correction", text=f"Fix {version}."))
    start = time.perf_counter()
    page.save_revision().publish()
    return time.perf_counter() - start


def publish_times(story, versions, paragraphs, first):
    return [
        publish(story, first + n, paragraphs, note=n % 5 == 0) for n in range(versions)
    ]


def cold(url, repeat=5):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(repeat):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = Client().get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(times), queries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=30)
    parser.add_argument("--paragraphs", type=int, default=40)
    options = parser.parse_args()
    setup()
    from wagtail.signals import page_published

    from broadsheet.corrections import signals as corrections
    from broadsheet.history import signals as history
    from broadsheet.testing import make_article

    story = make_article("Council budget", body=body(options.paragraphs, 0))
    baseline_story = make_article(
        "Council budget too", body=body(options.paragraphs, 0)
    )
    with_handlers = publish_times(story, options.versions, options.paragraphs, 1)
    page_published.disconnect(dispatch_uid="bs-corrections-publish")
    page_published.disconnect(dispatch_uid="bs-history-publish")
    baseline = publish_times(baseline_story, options.versions, options.paragraphs, 1)
    corrections.connect()
    history.connect()

    article = cold(story.url)
    history_page = cold(f"{story.url}history/")
    listing = cold("/corrections/")
    ms = 1000
    print(f"{options.versions} versions of a {options.paragraphs}-paragraph story")
    print()
    print("| what | median | queries |")
    print("| --- | ---: | ---: |")
    print(
        f"| publish, without corrections/history handlers (baseline) | "
        f"{statistics.median(baseline) * ms:.1f} ms | |"
    )
    print(f"| publish, with them | {statistics.median(with_handlers) * ms:.1f} ms | |")
    print(f"| story page, cold | {article[0] * ms:.1f} ms | {article[1]} |")
    print(
        f"| its history ({options.versions + 1} versions), cold | "
        f"{history_page[0] * ms:.1f} ms | {history_page[1]} |"
    )
    print(f"| /corrections/, cold | {listing[0] * ms:.1f} ms | {listing[1]} |")


if __name__ == "__main__":
    main()
