"""The demo's wire desk: a day of copy from a few invented sources
(content/wire.json), taken in through the wire's importer as pushed copy is,
then placed in stories as the worker would."""

import json
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from broadsheet.desk import assignment
from broadsheet.news.models import SectionPage
from broadsheet.wire.importer import Importer
from broadsheet.wire.models import Source
from broadsheet.wire.parsers.base import Document
from broadsheet.wire.parsers.ninjs import parse

URI = "urn:broadsheet-demo:wire:{}"


def load_wire(path) -> str:
    """Sources and their items, once; "" when they are there already."""
    content = json.loads(path.read_text())
    sources = {row["slug"]: source(row) for row in content["sources"]}
    if any(s.items.exists() for s in sources.values()):
        return ""
    now = timezone.now()
    items = sorted(content["items"], key=lambda row: -row["hours_ago"])
    for row in items:  # in the order the sources published them
        with transaction.atomic():
            importer = Importer.for_source(sources[row["source"]])
            story = parse(Document(row["id"], ninjs(row, now)))
            importer.add(row["id"], story)
            importer.finish()
    placed = assignment.assign_waiting()
    return f" Wire desk: {placed} items from {len(sources)} sources."


def source(row) -> Source:
    found, _ = Source.objects.get_or_create(
        slug=row["slug"],
        defaults={
            "name": row["name"],
            "credit": row["credit"],
            # Agencies that push: nothing to poll.
            "url": "",
            "section": SectionPage.objects.filter(slug="world").first(),
        },
    )
    return found


def ninjs(row, now) -> dict:
    published = (now - timedelta(hours=row["hours_ago"])).isoformat()
    item = {
        "uri": URI.format(row["id"]),
        "type": "text",
        "standard": {"name": "ninjs", "version": "3.0"},
        "firstCreated": published,
        "versionCreated": published,
        "pubStatus": "usable",
        "language": "en",
        "headlines": [{"role": "main", "value": row["headline"]}],
        "bodies": [
            {
                "role": "html",
                "contentType": "text/html",
                "value": "".join(f"<p>{escape(p)}</p>" for p in row["body"]),
            }
        ],
        "genres": [{"name": row["genre"]}],
    }
    if row.get("standfirst"):
        item["descriptions"] = [{"role": "summary", "value": row["standfirst"]}]
    return item
