"""Reader comments, measured in one process through the whole middleware
stack (Django's test client; no network, no web server):

- comment posts per second accepted, with the rate limits and the minimum
  form time switched off (every other defence on: CSRF is exempt in the test
  client, the honeypot, stamp, duplicate check, spam rules and blocklist run);
- the article page with 500 approved comments: queries, rendering time on a
  cold cache, and time served from the page cache.

    python bench/comments.py [--posts 500] [--comments 500]

Uses its own data directory (a fresh SQLite database) unless DATABASE_URL
is set; Redis if REDIS_URL is set. Prints a Markdown table.
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


def setup():
    import django
    from django.conf import settings

    settings.COMMENTS_MIN_SECONDS = 0
    settings.COMMENTS_RATE_LIMITS = None
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # No collectstatic here: plain static names, as the tests use.
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
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--comments", type=int, default=500)
    args = parser.parse_args()
    setup()

    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from broadsheet.comments.models import Comment, CommentSettings, Moderation, Status
    from broadsheet.comments.moderation import refresh_counts
    from broadsheet.core.placeholders import form_stamp
    from broadsheet.testing import make_article

    story = make_article(f"Benchmark story {time.time_ns()}")
    comment_settings = CommentSettings.current()
    comment_settings.moderation = Moderation.POST
    comment_settings.save()
    client = Client()
    url = f"/comments/{story.pk}/post/"

    start = time.perf_counter()
    for n in range(args.posts):
        response = client.post(
            url,
            {
                "name": f"Reader {n}",
                "email": f"reader{n}@example.org",
                "body": f"Comment number {n}: a considered view of the story.",
                "stamp": form_stamp(),
            },
        )
        assert response.status_code == 302, response.status_code
    elapsed = time.perf_counter() - start
    accepted = Comment.objects.filter(article=story).count()

    Comment.objects.filter(article=story).delete()
    Comment.objects.bulk_create(
        Comment(
            article=story,
            name=f"Reader {n}",
            email=f"reader{n}@example.org",
            body=f"Comment {n} with a link https://example.org/{n}",
            body_html=f'<p>Comment {n} with a link <a href="https://example.org/{n}" '
            f'rel="nofollow ugc noopener">https://example.org/{n}</a></p>',
            status=Status.APPROVED,
        )
        for n in range(args.comments)
    )
    refresh_counts([story.pk])
    story.refresh_from_db()
    page_url = story.url

    def cold():
        cache.clear()
        assert client.get(page_url).status_code == 200

    cold()
    queries = []
    with connection.execute_wrapper(
        lambda run, sql, *a: queries.append(sql) or run(sql, *a)
    ):
        cold()
    cold_time = timed(cold, 10)
    client.get(page_url)
    warm_time = timed(lambda: client.get(page_url), 50)
    size = len(client.get(page_url).content)

    database = connection.vendor
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[1]
    print(f"| measure ({database}, {backend}) | result |")
    print("|---|---|")
    print(
        f"| comment posts accepted, rate limits off | {accepted / elapsed:.0f}/s "
        f"({accepted} in {elapsed:.1f} s) |"
    )
    print(
        f"| article page, {story.comment_count} comments "
        f"({'paginated' if story.comment_count > 100 else 'one page'}), cold cache "
        f"| {cold_time * 1000:.0f} ms, {len(queries)} queries, {size // 1024} KiB |"
    )
    print(f"| same page from the page cache | {warm_time * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
