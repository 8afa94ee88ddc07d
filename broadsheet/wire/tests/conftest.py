"""Shared by the wire tests: IPTC's corpus (a sample in the repository's
corpora/ninjs, the whole of it in ../shared where present), a way to write
ninjs items, and a way to run the command."""

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from broadsheet import corpora


@dataclass
class Run:
    status: int
    out: str
    err: str

    @property
    def error_lines(self):
        return [line for line in self.err.splitlines() if line.strip()]

    @property
    def summary(self):
        return self.out.strip().splitlines()[-1]


def import_ninjs(*args, **options) -> Run:
    """The command as an operator runs it: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    status = 0
    try:
        call_command("import_ninjs", *map(str, args), stdout=out, stderr=err, **options)
    except CommandError as error:
        status = 1
        err.write(f"CommandError: {error}\n")
    return Run(status, out.getvalue(), err.getvalue())


def ninjs_item(uri="urn:test:1", **fields):
    """A ninjs 3.0 text item with every element an article shows. Its body
    ends with its uri, so items with different uris are different copy (the
    same words under another uri would be an exact duplicate)."""
    item = {
        "uri": uri,
        "type": "text",
        "standard": {"name": "ninjs", "version": "3.0"},
        "firstCreated": "2024-03-01T08:00:00Z",
        "versionCreated": "2024-03-01T09:30:00Z",
        "pubStatus": "usable",
        "language": "en",
        "headlines": [{"role": "main", "value": "Harbour reopens after storm"}],
        "descriptions": [
            {"role": "summary", "value": "Ferries sail again after three days."}
        ],
        "bodies": [
            {
                "role": "html",
                "contentType": "text/html",
                "value": "<p>The harbour reopened on Friday.</p>"
                "<h2>Fishermen return</h2><p>Boats went out at dawn.</p>"
                f"<p>Ref. {uri}</p>",
            }
        ],
        "by": "Ada Reporter",
        "subjects": [{"name": "Shipping"}, {"name": "Weather"}],
        "genres": [{"name": "U.S."}],
    }
    item.update(fields)
    return item


def write(folder: Path, name: str, data) -> Path:
    path = folder / name
    if name.endswith(".jsonl"):
        path.write_text("\n".join(json.dumps(item) for item in data) + "\n")
    else:
        path.write_text(json.dumps(data))
    return path


def edit_in_admin(client, story, title, body_html, publish=True):
    """An editor's change to a story, saved through Wagtail's page editor as
    the newsroom makes it (`client` logged in as an editor); published, or
    saved as a draft."""
    bylines = list(story.article_authors.all())
    topics = list(story.article_topics.all())
    form = {
        "title": title,
        "slug": story.slug,
        "standfirst": story.standfirst,
        "topic": story.topic_id,
        "article_authors": inline_formset(
            [{"id": b.pk, "author": b.author_id} for b in bylines],
            initial=len(bylines),
        ),
        "article_topics": inline_formset(
            [{"id": t.pk, "topic": t.topic_id} for t in topics], initial=len(topics)
        ),
        "faqs": inline_formset([]),
        "pinned_stories": inline_formset([]),
        "notes": inline_formset([]),
        "comments": inline_formset([]),
        "body": streamfield([("paragraph", rich_text(body_html))]),
    }
    if publish:
        form["action-publish"] = "publish"
    response = client.post(f"/admin/pages/{story.pk}/edit/", nested_form_data(form))
    assert response.status_code == 302, response.content.decode()[:2000]


# Feeds over HTTP

FEED_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "feeds"
FEED_CORPUS = corpora.SHARED_ROOT / "feeds"
LOOPBACK = ["127.0.0.0/8", "::1"]


@pytest.fixture
def feed_server():
    """A real HTTP server on the loopback, at a port it picked itself."""
    from broadsheet.wire.tests.feedserver import FeedServer

    server = FeedServer()
    yield server
    server.stop()


@pytest.fixture
def loopback(settings):
    """Tests fetch from the loopback, which sources may not otherwise reach."""
    settings.WIRE_ALLOWED_NETWORKS = LOOPBACK
    settings.WIRE_HOST_GAP = 0
    return settings
