"""The invented copy of fixtures/wire_copy.jsonl as wire items of their
sources, as intake stores them, with times moved to end an hour ago (the
desk shows the last 48 hours)."""

import hashlib
from datetime import timedelta

from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from broadsheet.desk.tests.copy import rows
from broadsheet.wire.models import Source, WireItem


def source(name, **fields):
    return Source.objects.get_or_create(
        slug=slugify(name), defaults={"name": name, "credit": name, **fields}
    )[0]


def wire_item(row, published, **fields):
    body = "".join(f"<p>{escape(p)}</p>" for p in row["text"].splitlines())
    key = hashlib.sha256(row["text"].encode()).hexdigest()
    return WireItem.objects.create(
        uri=f"urn:test:{row['id']}",
        source=source(row["source"]) if row.get("source") else None,
        source_format="ninjs 3.0",
        fingerprint=key,
        content_key=hashlib.sha256((row["title"] + row["text"]).encode()).hexdigest(),
        headline=row["title"],
        body_html=body,
        text=row["text"],
        topics=row.get("topics", []),
        published_at=published,
        language="en",
        **fields,
    )


def shifted(rows_, end=None):
    """Each row's publication time moved so that the last ends at `end`."""
    from broadsheet.desk.clustering.jsonl import _time

    times = [_time(r["published"]) for r in rows_]
    end = end or timezone.now() - timedelta(hours=1)
    shift = end - max(times)
    return [(row, when + shift) for row, when in zip(rows_, times, strict=True)]


def load(ids=None, end=None) -> dict[str, WireItem]:
    """The fixture's items (or those named), in its order: {row id: item}."""
    chosen = [r for r in rows() if ids is None or r["id"] in ids]
    return {row["id"]: wire_item(row, when) for row, when in shifted(chosen, end)}
