"""Purges follow a change after commit, in the background, batched; a cache
in front that is down never holds up or breaks a publish."""

import logging

import pytest
from django.test import override_settings

from broadsheet.caching.signals import tags_invalidated
from broadsheet.cdn import purge
from broadsheet.testing import make_article


@pytest.fixture
def varnish_at(fake_cdn, monkeypatch):
    monkeypatch.setattr(purge, "RETRY_DELAYS", (0.05, 0.05))
    monkeypatch.setattr(purge, "REPEAT_AFTER", None)  # test_a_purge_is_repeated
    with override_settings(CDN_PURGE_BACKEND="varnish", CDN_PURGE_URLS=[fake_cdn.url]):
        yield fake_cdn
        purge.purger.flush()


def invalidate(*tags):
    tags_invalidated.send(sender=None, tags=frozenset(tags))


@pytest.fixture
def sent():
    """Every tag sent with tags_invalidated during the test."""
    seen = set()

    def record(tags=(), **kwargs):
        seen.update(tags)

    tags_invalidated.connect(record, weak=False)
    yield seen
    tags_invalidated.disconnect(record)


def purged(requests):
    """The tags the cache in front confirmed purging."""
    answered = [r for r in requests if r.status == 200]
    return set().union(*(r.headers["xkey-purge"].split() for r in answered))


def expected(tags):
    return {"site"} if "site" in tags else tags


def test_invalidated_tags_are_purged_together_in_one_request(varnish_at):
    invalidate("page:12", "section:3")
    invalidate("latest")
    assert purge.purger.flush()
    (request,) = varnish_at.requests
    assert request.headers["xkey-purge"] == "latest page:12 section:3"


def test_the_site_tag_purges_everything_alone(varnish_at):
    invalidate("page:12", "site")
    assert purge.purger.flush()
    assert [r.headers["xkey-purge"] for r in varnish_at.requests] == ["site"]


@pytest.mark.django_db
def test_publishing_a_story_purges_what_it_invalidated_after_commit(
    varnish_at, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_article("Harbour reopens after storm")
    assert purge.purger.flush()
    assert varnish_at.requests == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert purge.purger.flush()
    assert sent and purged(varnish_at.requests) == expected(sent)


@pytest.mark.django_db
def test_a_publish_while_the_cache_fails_goes_through_and_is_purged_later(
    varnish_at, sent, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(purge, "RETRY_DELAYS", (0.5, 5.0))
    varnish_at.status = 503
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article("Harbour reopens after storm")
    assert story.live
    assert varnish_at.wait_for(1)[0].status == 503
    varnish_at.status = 200  # back before the retry
    assert purge.purger.flush(10)
    assert purged(varnish_at.requests) == expected(sent)


def test_a_cache_down_for_good_costs_one_log_line(varnish_at, caplog):
    varnish_at.status = 500
    with caplog.at_level(logging.WARNING, logger="broadsheet.cdn.purge"):
        invalidate("page:12")
        assert purge.purger.flush(5)
    assert len(varnish_at.requests) == 1 + len(purge.RETRY_DELAYS)
    (record,) = caplog.records
    assert "given up" in record.getMessage() and "page:12" in record.getMessage()


def test_nothing_is_sent_when_no_cache_is_in_front(fake_cdn):
    with override_settings(CDN_PURGE_BACKEND="", CDN_PURGE_URLS=[fake_cdn.url]):
        invalidate("page:12")
        assert purge.purger.flush()
    assert fake_cdn.requests == []


def test_a_purge_is_repeated_once_for_renders_that_overlapped_it(
    varnish_at, monkeypatch
):
    """A page rendered from the rows before the change can reach the cache in
    front just after the purge: a second purge a moment later takes it out."""
    monkeypatch.setattr(purge, "REPEAT_AFTER", 0.2)
    invalidate("page:12")
    first, second = varnish_at.wait_for(2)
    assert first.headers["xkey-purge"] == second.headers["xkey-purge"] == "page:12"
    invalidate("page:13")
    assert [r.headers["xkey-purge"] for r in varnish_at.wait_for(4)[2:]] == [
        "page:13",
        "page:13",
    ]
