"""broadsheet sources [add | token] and broadsheet poll, as an operator runs them."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from broadsheet.wire.models import Source, WireItem
from broadsheet.wire.tests.conftest import FEED_FIXTURES

pytestmark = pytest.mark.django_db

OWN = FEED_FIXTURES / "broadsheet"


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "fixture, kind",
    [
        ("rss20-news.xml", "rss"),
        ("rss10-rdf.rdf", "rss"),
        ("rss091.xml", "rss"),
        ("atom10-news.xml", "atom"),
        ("atom03.xml", "atom"),
        ("jsonfeed-1.1-news.json", "jsonfeed"),
        ("ninjs-array.json", "ninjs"),
        ("ninjs-lines.jsonl", "ninjs"),
    ],
)
def test_add_finds_the_kind_from_the_document(loopback, feed_server, fixture, kind):
    url = feed_server.add(f"/{fixture}", (OWN / fixture).read_bytes())

    said = run("sources", "add", "Harbour Gazette", url)

    source = Source.objects.get()
    assert source.kind == kind
    assert said.strip() == f"Added harbour-gazette ({kind}), polled every 300 s"
    assert (source.slug, source.trust, source.section) == (
        "harbour-gazette",
        Source.Trust.DESK,
        None,
    )


def test_add_takes_its_options(loopback, feed_server):
    run(
        "sources", "add", "Agency", feed_server.url("/x"), "--kind", "ninjs",
        "--trusted", "--section", "sports", "--every", "60", "--credit", "AG",
    )  # fmt: skip
    run("sources", "add", "Agency", feed_server.url("/y"), "--kind", "rss")

    first, second = Source.objects.order_by("pk")
    assert (first.kind, first.trust, first.section.slug) == (
        "ninjs",
        "publish",
        "sports",
    )
    assert (first.poll_every, first.credit) == (60, "AG")
    assert second.slug == "agency-2"


@pytest.mark.parametrize(
    "args, said",
    [
        (["--kind", "rss", "--every", "5"], "--every: at least 30 seconds"),
        (["--kind", "rss", "--section", "nowhere"], "no section with the slug"),
    ],
)
def test_add_refuses_bad_options_in_one_line(loopback, feed_server, args, said):
    with pytest.raises(CommandError, match=said):
        run("sources", "add", "X", feed_server.url("/x"), *args)


def test_add_says_when_the_kind_cannot_be_told(feed_server, settings):
    settings.WIRE_ALLOWED_NETWORKS = []
    refused = "cannot tell its kind: 127.0.0.1, a loopback address"
    with pytest.raises(CommandError, match=refused):
        run("sources", "add", "X", feed_server.url("/feed"))
    with pytest.raises(CommandError, match="only http and https"):
        run("sources", "add", "X", "file:///etc/passwd")


def test_sources_lists_each_source_with_its_health(loopback, feed_server):
    run(
        "sources",
        "add",
        "Harbour",
        feed_server.add("/rss", (OWN / "rss20-news.xml").read_bytes()),
    )
    run("sources", "add", "Gone", feed_server.url("/gone"), "--kind", "rss")
    Source.objects.create(name="Pusher", slug="pusher", kind="ninjs")
    run("poll")

    lines = run("sources").splitlines()

    assert len(lines) == 3
    gone, harbour, pusher = lines
    assert gone.startswith("gone | rss | to the desk | failing (1 in a row): HTTP 404")
    assert harbour.startswith("harbour | rss | to the desk | ok | last fetch ")
    assert "| 3 items in 24 h | next poll in " in harbour
    assert pusher.startswith("pusher | ninjs | to the desk | push only")


def test_poll_polls_by_hand_and_says_what_came(loopback, feed_server):
    news = (OWN / "rss20-copies.xml").read_bytes()
    run("sources", "add", "Copies", feed_server.add("/copies", news))

    said = run("poll", "--source", "copies").splitlines()

    assert said[0] == "copies: 2 new, 1 updated, 0 unchanged, 1 skipped, 1 refused"
    assert said[1].startswith("  copies#1: skipped: the same copy as http://")
    assert (
        said[2] == "  copies#4: has neither a headline nor a body: nothing to publish"
    )
    assert WireItem.objects.count() == 2
    with pytest.raises(CommandError, match="no enabled source"):
        run("poll", "--source", "nobody")


def test_token_makes_a_push_token_shown_once(client):
    Source.objects.create(name="Agency", slug="agency", kind="ninjs")

    said = run("sources", "token", "agency").splitlines()

    token = said[1]
    assert said[0].startswith("Push token for agency, shown this once")
    assert said[2].endswith("/wire/push/agency/ with 'Authorization: Bearer <token>'.")
    response = client.post(
        "/wire/push/agency/",
        json.dumps({"uri": "urn:t", "headlines": [{"value": "Pushed"}]}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    assert token not in run("sources")
