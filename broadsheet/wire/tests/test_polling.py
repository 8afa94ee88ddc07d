"""Polling sources as the worker does: due sources claimed once, fetched side
by side, written one by one, with health, back-off, Retry-After and
politeness, over real HTTP from a loopback server."""

import io
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from broadsheet.news.models import ArticlePage
from broadsheet.wire import polling
from broadsheet.wire.models import Source, WireItem
from broadsheet.wire.polling import Poller, claim
from broadsheet.wire.tests.conftest import FEED_FIXTURES

pytestmark = pytest.mark.django_db

NEWS = (FEED_FIXTURES / "broadsheet" / "rss20-news.xml").read_bytes()
ATOM = (FEED_FIXTURES / "broadsheet" / "atom10-news.xml").read_bytes()


def source(url, slug="harbour", **fields):
    fields.setdefault("poll_every", 300)
    return Source.objects.create(name=slug.title(), slug=slug, url=url, **fields)


def poll(*sources, workers=4):
    poller = Poller(workers=workers)
    try:
        return {o.source.slug: o for o in poller.poll_now(sources)}
    finally:
        poller.close()


def elsewhere(url):
    """The same loopback server under another host name."""
    return url.replace("127.0.0.1", "localhost")


def fresh(one):
    return Source.objects.get(pk=one.pk)


def test_a_poll_writes_the_items_and_the_source_s_health(loopback, feed_server):
    harbour = source(feed_server.add("/rss", NEWS, etag='"a"'))
    before = timezone.now()

    outcome = poll(harbour)["harbour"]

    assert outcome.line() == (
        "harbour: 3 new, 0 updated, 0 unchanged, 0 skipped, 0 refused"
    )
    harbour = fresh(harbour)
    assert harbour.last_success_at >= before and harbour.last_error == ""
    assert harbour.etag == '"a"' and harbour.failures == 0
    assert 285 <= (harbour.next_poll_at - timezone.now()).total_seconds() <= 315
    assert harbour.items_since(24) == 3
    item = WireItem.objects.get(uri__endswith="#4711")
    assert item.source == harbour and item.article is None
    assert item.headline == "Ferries sail again after three-day storm"
    assert item.image_url == "https://harbour-gazette.example/img/ferry.jpg"


def test_an_unchanged_feed_is_not_read_again(loopback, feed_server):
    harbour = source(feed_server.add("/rss", NEWS, etag='"a"'))
    poll(harbour)

    outcome = poll(harbour)["harbour"]

    assert outcome.line() == "harbour: not modified"
    assert feed_server.seen("/rss")[1].headers["if-none-match"] == '"a"'
    assert WireItem.objects.count() == 3
    assert fresh(harbour).failures == 0


def test_a_changed_feed_updates_its_items_and_adds_the_new(loopback, feed_server):
    url = feed_server.add("/rss", NEWS)
    harbour = source(url)
    poll(harbour)
    changed = NEWS.replace(
        b"Lifeboat crew honoured", b"Lifeboat crew honoured by mayor"
    )
    changed = changed.replace(b"</channel>", b"<item><title>Late news</title>"
                              b"<guid>urn:late</guid></item></channel>")  # fmt: skip
    feed_server.add("/rss", changed)

    outcome = poll(harbour)["harbour"]

    assert (outcome.tally.imported, outcome.tally.updated) == (1, 1)
    assert outcome.tally.unchanged == 2
    assert WireItem.objects.get(uri__endswith="#4709").headline == (
        "Lifeboat crew honoured by mayor"
    )


def test_a_trusted_source_s_items_are_published_at_once(loopback, feed_server, client):
    agency = source(feed_server.add("/atom", ATOM), trust=Source.Trust.PUBLISH)

    poll(agency)

    pages = ArticlePage.objects.filter(wire_item__source=agency)
    assert pages.count() == 2 and all(page.live for page in pages)
    page = pages.get(title="Ferja går igjen i dag")
    assert page.language == "nb-NO"
    assert client.get(page.url).status_code == 200


def test_failures_back_off_exponentially_with_jitter(loopback, feed_server):
    broken = source(feed_server.url("/missing"), poll_every=60)
    waits = []
    for attempt in range(1, 5):
        outcome = poll(broken)["harbour"]
        assert outcome.line() == "harbour: failed: HTTP 404 Not Found"
        broken = fresh(broken)
        assert broken.failures == attempt
        waits.append((broken.next_poll_at - broken.last_fetch_at).total_seconds())
    for attempt, wait in enumerate(waits, 1):
        ceiling = 60 * 2**attempt
        assert ceiling / 2 <= wait <= ceiling
    assert broken.last_error == "HTTP 404 Not Found"
    assert broken.last_success_at is None


def test_retry_after_is_honoured(loopback, feed_server):
    busy = source(
        feed_server.add("/busy", status=429, headers={"Retry-After": "3600"}),
        poll_every=60,
    )

    poll(busy)

    busy = fresh(busy)
    assert busy.last_error.startswith("HTTP 429")
    assert (busy.next_poll_at - busy.last_fetch_at).total_seconds() >= 3600


def test_success_after_failures_resets_the_back_off(loopback, feed_server):
    flaky = source(feed_server.add("/rss", status=503), poll_every=60)
    poll(flaky)
    feed_server.add("/rss", NEWS)

    poll(flaky)

    flaky = fresh(flaky)
    assert (flaky.failures, flaky.last_error) == (0, "")
    assert (flaky.next_poll_at - flaky.last_fetch_at).total_seconds() <= 63


def test_an_ill_formed_feed_fails_alone_and_the_others_carry_on(loopback, feed_server):
    good = source(feed_server.add("/good", NEWS), slug="good")
    bad = source(
        feed_server.add("/bad", b"<html><body>Moved</body></html>"), slug="bad"
    )
    gone = source(feed_server.url("/gone"), slug="gone")

    outcomes = poll(good, bad, gone)

    assert outcomes["good"].tally.imported == 3
    assert outcomes["bad"].line() == "bad: failed: an HTML page, not a feed"
    assert outcomes["gone"].line() == "gone: failed: HTTP 404 Not Found"


def test_one_hanging_source_does_not_delay_the_others(loopback, feed_server, settings):
    settings.WIRE_FETCH_TIMEOUT = 3
    hanging = source(feed_server.add("/hang", NEWS, delay=10), slug="hanging")
    # On another host: one host's sources wait their turn (politeness).
    fast = [
        source(elsewhere(feed_server.add(f"/fast{n}", ATOM)), slug=f"fast{n}")
        for n in range(3)
    ]
    poller = Poller(workers=4)
    started = time.monotonic()
    try:
        landed = {}
        while len(landed) < 4 and time.monotonic() - started < 20:
            for outcome in poller.step(wait=0.2):
                landed[outcome.source.slug] = time.monotonic() - started
    finally:
        poller.close()

    assert all(landed[f"fast{n}"] < 2 for n in range(3)), landed
    assert 3 <= landed["hanging"] < 8
    assert fresh(hanging).last_error == "took longer than 3 s (WIRE_FETCH_TIMEOUT)"
    assert WireItem.objects.filter(source__in=fast).count() == 2  # copies of one


def test_one_request_at_a_time_per_host_with_a_gap(loopback, feed_server, settings):
    settings.WIRE_HOST_GAP = 1
    same_host = [
        source(feed_server.add(f"/h{n}", ATOM, delay=0.3), slug=f"h{n}")
        for n in range(3)
    ]
    # Another host name for the same server: not held back by the first.
    other = source(elsewhere(feed_server.add("/other", NEWS)), slug="other")

    poll(*same_host, other)

    visits = sorted(
        (r for r in feed_server.requests if r.path.startswith("/h")),
        key=lambda r: r.started,
    )
    assert len(visits) == 3
    for before, after in zip(visits, visits[1:], strict=False):
        assert after.started >= before.ended + 0.9
    other_visit = feed_server.seen("/other")[0]
    assert other_visit.started < visits[1].started


def test_a_source_is_claimed_by_one_worker_only(loopback, feed_server):
    harbour = source(feed_server.add("/rss", NEWS), next_poll_at=timezone.now())

    first, second = claim(harbour), claim(harbour)

    assert first is not None and second is None
    # A forced poll by hand does not take it from the worker holding it.
    assert claim(harbour, force=True) is None
    # A claim left by a worker that died ends with its lease.
    Source.objects.filter(pk=harbour.pk).update(
        claimed_until=timezone.now() - timedelta(seconds=1)
    )
    assert claim(harbour) is not None


def test_a_poll_whose_claim_was_lost_writes_nothing(loopback, feed_server):
    harbour = source(feed_server.add("/rss", NEWS))
    claimed = claim(harbour)
    reading = polling.intake.fetch_and_read(claimed)
    # Meanwhile its lease ran out and another worker claimed it.
    Source.objects.filter(pk=harbour.pk).update(
        claimed_until=timezone.now() + timedelta(minutes=1)
    )

    outcome = polling.intake.take(claimed, reading)

    assert outcome.error == "claim lost; polled by another worker"
    assert WireItem.objects.count() == 0


def test_only_due_enabled_sources_are_polled_by_the_worker(loopback, feed_server):
    due = source(feed_server.add("/due", NEWS), slug="due")
    source(
        feed_server.add("/later", ATOM),
        slug="later",
        next_poll_at=timezone.now() + timedelta(hours=1),
    )
    source(feed_server.add("/off", ATOM), slug="off", enabled=False)
    source("", slug="pushes")  # an agency that pushes: nothing to poll

    poller = Poller(workers=2)
    try:
        outcomes = poller.step(wait=5)
    finally:
        poller.close()

    assert [o.source.slug for o in outcomes] == ["due"]
    assert {r.path for r in feed_server.requests} == {"/due"}
    assert fresh(due).last_success_at is not None


def test_the_worker_job_polls_and_leaves_slow_fetches_running(
    loopback, feed_server, settings
):
    source(feed_server.add("/rss", NEWS))
    polling._poller = None
    try:
        polling.poll_due_sources()
    finally:
        polling._poller.close()
        polling._poller = None

    assert WireItem.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_broadsheet_worker_polls_due_sources_as_one_of_its_jobs(
    loopback, feed_server, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    source(feed_server.add("/rss", NEWS))
    polling._poller = None
    try:
        call_command("worker", "--once", stdout=io.StringIO())
    finally:
        if polling._poller is not None:
            polling._poller.close()
        polling._poller = None

    assert WireItem.objects.count() == 3
    assert Source.objects.get().last_success_at is not None
