"""Benchmark: `broadsheet import_ninjs --publish` on N synthetic agency items.

    .venv/bin/python bench/import_ninjs.py [--count 10000] [--baseline 300]

Writes N realistic ninjs items (3.0, 2.x and 1.x, as JSON Lines files of 1,000)
into a temporary folder, migrates a fresh database, imports them with
--publish and prints items/s; then times Wagtail's own add_child +
save_revision().publish() on --baseline more stories in the same database.

SQLite by default (a file in a temporary folder). With DATABASE_URL set to a
PostgreSQL server, a scratch database `broadsheet_bench` is created on it (and
dropped afterwards); the database the URL names is only used to create it.
Not a test: nothing here runs in CI.
"""

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "broadsheet" / "demo" / "content"
SCRATCH_DB = "broadsheet_bench"
PER_FILE = 1000
SEED = 2024

FIRST = ["Ada", "Ben", "Chen", "Dara", "Elif", "Farah", "Goran", "Hana", "Ines",
         "Jonas", "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn",
         "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yusuf", "Zofia"]  # fmt: skip
LAST = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Haddad", "Silva",
        "Kowalski", "Nguyen", "Fischer", "Osei", "Brennan", "Petrov", "Ramos",
        "Ibrahim", "Larsen", "Costa", "Mehta"]  # fmt: skip
AGENCIES = ["AP", "dpa", "NTB", "TT", "Reuters", "AFP"]
GENRES = ["Politics", "U.S.", "World", "Business", "Technology", "Science",
          "Health", "Sport", "Entertainment", "Current", "Analysis",
          "Interview"]  # fmt: skip
PLACES = [("Oslo", 10.75, 59.91), ("Geneva", 6.14, 46.2),
          ("Nairobi", 36.82, -1.29), ("Lima", -77.04, -12.05),
          ("Seoul", 126.98, 37.57), ("Austin", -97.74, 30.27),
          ("Lyon", 4.84, 45.76), ("Perth", 115.86, -31.95)]  # fmt: skip


def demo_material():
    """Headlines, standfirsts, paragraphs, subheads and topics of the demo
    newsroom: real newsroom prose to cut synthetic stories from."""
    material = {"headline": [], "standfirst": [], "paragraph": [], "subhead": [],
                "quote": [], "topic": set()}  # fmt: skip
    for path in sorted(DEMO.glob("*.json")):
        # Not sections' stories (live.json: the demo's live blog, its entries).
        if path.name in ("authors.json", "wire.json", "live.json"):
            continue
        for story in json.loads(path.read_text()):
            material["headline"].append(story["headline"])
            material["standfirst"].append(story["standfirst"])
            material["topic"].update([story["topic"], *story.get("extra_topics", [])])
            for block in story["body"]:
                if block["type"] in ("paragraph", "subhead", "quote"):
                    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", block["text"])
                    material[block["type"]].append(text)
    material["topic"] = sorted(material["topic"])
    return material


def body_html(rng, material):
    parts = []
    for n in range(rng.randint(6, 12)):
        if n and n % 4 == 0:
            parts.append(f"<h2>{rng.choice(material['subhead'])}</h2>")
        elif n == 5 and material["quote"]:
            parts.append(f"<blockquote>{rng.choice(material['quote'])}</blockquote>")
        else:
            text = rng.choice(material["paragraph"])
            if rng.random() < 0.3:
                word = text.split()[0]
                text = text.replace(
                    word,
                    f'<a href="https://example.org/{rng.randint(1, 99)}">{word}</a>',
                    1,
                )
            parts.append(f"<p>{text}</p>")
    return "".join(parts)


def item(n, rng, material, when):
    """One agency story; the version's property names follow the version."""
    headline = f"{rng.choice(material['headline'])} ({n})"
    byline = " and ".join(
        f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        for _ in range(rng.choice([1, 1, 1, 2]))
    )
    byline = f"{byline}, {rng.choice(AGENCIES)}" if rng.random() < 0.5 else byline
    subjects = [{"name": t} for t in rng.sample(material["topic"], rng.randint(2, 5))]
    place, lon, lat = rng.choice(PLACES)
    first = when - timedelta(minutes=rng.randint(0, 90))
    version = rng.choice(["3.0", "3.0", "2.1", "1.4"])
    if version == "1.4":
        return {
            "uri": f"urn:bench:{n}", "type": "text", "version": "1",
            "$standard": {"name": "ninjs", "version": "1.4"},
            "firstcreated": first.isoformat(), "versioncreated": when.isoformat(),
            "pubstatus": "usable", "language": "en", "urgency": rng.randint(1, 8),
            "headline": headline, "byline": byline, "located": place,
            "description_text": rng.choice(material["standfirst"]),
            "body_html": body_html(rng, material), "subject": subjects,
            "genre": [{"name": rng.choice(GENRES)}],
            "place": [{"name": place, "rel": "about"}],
        }  # fmt: skip
    camel = version == "3.0"
    key = (lambda name: name) if camel else str.lower
    return {
        "uri": f"urn:bench:{n}", "type": "text", "version": "1",
        "standard": {"name": "ninjs", "version": version},
        key("firstCreated"): first.isoformat(), key("versionCreated"): when.isoformat(),
        key("pubStatus"): "usable", "language": "en", "urgency": rng.randint(1, 8),
        "headlines": [{"role": "main", "value": headline}],
        "descriptions": [{"role": "summary",
                          "value": rng.choice(material["standfirst"])}],
        "bodies": [{"role": "html", key("contentType"): "text/html",
                    "value": body_html(rng, material)}],
        "by": byline, "located": place, "subjects": subjects,
        "genres": [{"name": rng.choice(GENRES)}],
        "places": [{"name": place, ("geoJSON" if camel else "geojson"):
                    {"type": "Point", "coordinates": [lon, lat]}}],
    }  # fmt: skip


def write_items(folder, count):
    rng = random.Random(SEED)
    material = demo_material()
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for first in range(0, count, PER_FILE):
        lines = [
            json.dumps(item(n, rng, material, start + timedelta(minutes=7 * n)))
            for n in range(first, min(first + PER_FILE, count))
        ]
        (folder / f"feed-{first // PER_FILE:03}.jsonl").write_text(
            "\n".join(lines) + "\n"
        )


def scratch_postgres(url):
    """A fresh database beside the one the URL names; returns its URL."""
    import psycopg

    base = url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB}")
        connection.execute(f"CREATE DATABASE {SCRATCH_DB}")
    return re.sub(r"/[^/?]*(\?|$)", rf"/{SCRATCH_DB}\1", url.rstrip("/"), count=1)


def drop_postgres(url):
    import psycopg

    with psycopg.connect(
        url.replace("postgres://", "postgresql://", 1), autocommit=True
    ) as c:
        c.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB}")


def baseline(count, material):
    """Wagtail's own path, one story at a time, as an editor's publish does."""
    from wagtail.rich_text import RichText

    from broadsheet.news.models import ArticleAuthor, ArticlePage, Author, SectionPage

    rng = random.Random(SEED + 1)
    section = SectionPage.objects.get(slug="world")
    author = Author.objects.first()
    started = time.perf_counter()
    for n in range(count):
        page = ArticlePage(
            title=f"Baseline {rng.choice(material['headline'])} {n}",
            standfirst=rng.choice(material["standfirst"]),
            body=[("paragraph", RichText(body_html(rng, material)))],
        )
        page.article_authors.add(ArticleAuthor(author=author, sort_order=0))
        section.add_child(instance=page)
        page.save_revision().publish()
        section.refresh_from_db()
    return count / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=300)
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-ninjs-"))
    os.environ["BROADSHEET_DATA_DIR"] = str(work / "data")
    server_url = os.environ.get("DATABASE_URL", "")
    if server_url:
        os.environ["DATABASE_URL"] = scratch_postgres(server_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "broadsheet.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page

    from broadsheet.news.models import ArticlePage
    from broadsheet.wire.tasks import index_for_editors

    try:
        call_command("migrate", verbosity=0)
        feed = work / "feed"
        feed.mkdir()
        write_items(feed, options.count)
        print(f"{connection.vendor}: {options.count} items in {feed}")

        started, cpu = time.perf_counter(), time.process_time()
        call_command("import_ninjs", str(feed), publish=True, verbosity=0)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        live = ArticlePage.objects.live().count()
        assert live == options.count, f"{live} live of {options.count}"
        assert Page.find_problems() == ([], [], [], [], []), "page tree problems"
        print(
            f"bulk import: {options.count / elapsed:.0f} items/s ({elapsed:.1f} s; "
            f"this process's CPU {cpu:.1f} s, load average {os.getloadavg()[0]:.1f})"
        )

        # What the worker does next, off the import's clock: Wagtail's own
        # search index (the admin's) and its reference index, batch by batch.
        ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
        started = time.perf_counter()
        for first in range(0, len(ids), 500):
            index_for_editors.call(ids[first : first + 500])
        background = time.perf_counter() - started
        print(f"worker, admin indexes: {len(ids) / background:.0f} items/s")

        rate = baseline(options.baseline, demo_material())
        print(
            f"baseline add_child + publish: {rate:.1f} pages/s "
            f"({options.baseline} pages)"
        )
    finally:
        connection.close()
        if server_url:
            drop_postgres(server_url)


if __name__ == "__main__":
    main()
