"""A live blog starts and ends at the coverage times its editors set, with no
one at the editor then: the worker's minute job (live/jobs.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from broadsheet.live.jobs import follow_coverage_times
from broadsheet.live.models import LiveBlogPage
from broadsheet.live.tests.builders import make_live_blog, post_entry
from broadsheet.testing import parse

pytestmark = pytest.mark.django_db


def status_shown(client, blog):
    return parse(client.get(blog.url)).select_one(".live-status").get_text()


def test_a_blog_ends_when_its_coverage_end_passes(client):
    blog = make_live_blog(coverage_end=timezone.now() + timedelta(minutes=30))
    post_entry(blog, "Polls close in the east.")
    assert status_shown(client, blog) == "Live"
    assert follow_coverage_times() == 0  # not yet

    LiveBlogPage.objects.filter(pk=blog.pk).update(
        coverage_end=timezone.now() - timedelta(seconds=5)
    )
    assert follow_coverage_times() == 1

    html = parse(client.get(blog.url))
    assert html.select_one(".live-status").get_text() == "Ended"
    assert html.select_one("form#leave-comment") is None  # comments closed
    assert html.select_one("[data-updates]") is None  # no more polling
    assert PageLogEntry.objects.filter(
        page=blog, action="broadsheet.live.ended"
    ).exists()
    assert follow_coverage_times() == 0  # once


def test_the_editors_next_publish_keeps_it_ended():
    blog = make_live_blog(coverage_end=timezone.now() - timedelta(minutes=1))
    follow_coverage_times()

    page = LiveBlogPage.objects.get(pk=blog.pk)
    page.title = "Election night: how it went"
    page.save_revision().publish()  # from the editor, as it was saved

    page.refresh_from_db()
    assert page.status == "ended" and page.comments_mode == "closed"


def test_a_scheduled_blog_goes_live_when_its_coverage_starts(client):
    blog = make_live_blog(
        status="scheduled", coverage_start=timezone.now() + timedelta(hours=1)
    )
    assert status_shown(client, blog) == "Coming up"

    LiveBlogPage.objects.filter(pk=blog.pk).update(
        coverage_start=timezone.now() - timedelta(seconds=5)
    )
    assert follow_coverage_times() == 1

    assert status_shown(client, blog) == "Live"


def test_a_blog_without_an_end_time_stays_live():
    blog = make_live_blog()

    assert follow_coverage_times() == 0
    blog.refresh_from_db()
    assert blog.status == "live"


def test_a_draft_blog_is_left_to_its_editor():
    make_live_blog(coverage_end=timezone.now() - timedelta(minutes=1), publish=False)

    assert follow_coverage_times() == 0
