"""Approved comments under the story: order, threads, the count, the cached
page kept fresh, and a fixed number of queries however many comments."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from broadsheet.comments.models import Comment, Status
from broadsheet.comments.moderation import moderate, refresh_counts
from broadsheet.comments.tests.conftest import make_comment, post
from broadsheet.testing import read, words

pytestmark = pytest.mark.django_db


def section(client, story, query=""):
    return read(client.get(story.url + query)).find(id="comments")


def test_approved_comments_show_oldest_first_with_replies_under_them(client, story):
    now = timezone.now()
    late = make_comment(story, name="Late", created_at=now)
    early = make_comment(story, name="Early", created_at=now - timedelta(hours=2))
    make_comment(story, name="Reply", parent=early, created_at=now)
    make_comment(story, name="Hidden", status=Status.PENDING)
    make_comment(story, name="Junk", status=Status.SPAM)

    comments = section(client, story)

    top = comments.select(".comments__list > li")
    assert [words(li.select_one(".comment__name")) for li in top] == ["Early", "Late"]
    replies = top[0].select(".comments__replies .comment__name")
    assert [words(r) for r in replies] == ["Reply"]
    time = top[0].find("time")
    assert time["datetime"] == early.created_at.isoformat()
    assert top[1]["id"] == f"comment-{late.pk}"
    assert "Hidden" not in words(comments) and "Junk" not in words(comments)


def test_the_email_is_never_shown(client, story):
    make_comment(story, email="secret@example.org")

    assert b"secret@example.org" not in client.get(story.url).content


def test_staff_replies_are_marked(client, story):
    top = make_comment(story)
    make_comment(story, parent=top, is_staff=True, name="The Newsroom")

    staff = section(client, story).select_one(".comment--staff")

    assert "Staff" in words(staff)


@pytest.mark.parametrize(
    ("approved", "text"), [(0, "0 comments"), (1, "1 comment"), (12, "12 comments")]
)
def test_the_count_counts_approved_comments_only(client, story, approved, text):
    for n in range(approved):
        make_comment(story, body=f"Comment {n}")
    make_comment(story, status=Status.PENDING)
    make_comment(story, status=Status.REMOVED)

    page = read(client.get(story.url))

    assert words(page.select_one("a.comment-count")) == text
    assert words(page.select_one(".comments__count")).startswith(text)
    ld = [
        json.loads(s.string)
        for s in page.find_all("script", type="application/ld+json")
    ]
    counts = [graph_count(item) for item in ld]
    assert approved in counts


def graph_count(item):
    items = item.get("@graph", [item]) if isinstance(item, dict) else item
    for thing in items:
        if "commentCount" in thing:
            return thing["commentCount"]
    return None


def test_approving_refreshes_the_cached_page_at_once(client, story):
    post(client, story, body="Worth reading")
    assert client.get(story.url)["X-Cache"] == "miss"
    assert client.get(story.url)["X-Cache"] == "hit"

    moderate(Comment.objects.all(), "approve")

    response = client.get(story.url)
    assert response["X-Cache"] == "miss"
    assert "Worth reading" in words(read(response).find(id="comments"))
    assert words(read(response).select_one("a.comment-count")) == "1 comment"


def test_removing_refreshes_the_count(client, story):
    comment = make_comment(story)
    client.get(story.url)

    moderate(Comment.objects.filter(pk=comment.pk), "remove")

    assert words(read(client.get(story.url)).select_one("a.comment-count")) == (
        "0 comments"
    )


def test_publishing_a_revision_does_not_bring_back_an_old_count(story):
    revision = story.save_revision()
    make_comment(story)
    make_comment(story)

    revision.publish()

    story.refresh_from_db()
    assert story.comment_count == 2


def queries_for(client, story):
    from django.core.cache import cache

    client.get(story.url)  # the site's comment settings row is made on first use
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(story.url).status_code == 200
    return len(queries)


def add_comments(story, count):
    top = None
    rows = []
    for n in range(count):
        rows.append(
            Comment(
                article=story,
                name=f"Reader {n}",
                body=f"Comment {n}",
                body_html=f"<p>Comment {n}</p>",
                status=Status.APPROVED,
                parent=top if n % 3 == 2 else None,
            )
        )
        if n % 3 == 0:
            Comment.objects.bulk_create(rows)
            top, rows = rows[-1], []
    Comment.objects.bulk_create(rows)
    refresh_counts([story.pk])
    story.refresh_from_db()


def test_the_page_query_count_does_not_grow_with_comments(client, story):
    add_comments(story, 3)
    few = queries_for(client, story)
    add_comments(story, 60)
    many = queries_for(client, story)

    assert few == many


@override_settings(COMMENTS_PER_PAGE=10)
def test_past_a_page_of_comments_they_are_paginated_at_a_fixed_cost(client, story):
    add_comments(story, 45)  # 30 threads
    first = queries_for(client, story)
    add_comments(story, 60)
    assert queries_for(client, story) == first

    page_one = section(client, story)
    page_two = section(client, story, "?page=2")

    assert len(page_one.select(".comments__list > li")) == 10
    assert page_one.select_one("a[rel=next]")["href"] == "?page=2#comments"
    names_one = {words(n) for n in page_one.select(".comment__name")}
    names_two = {words(n) for n in page_two.select(".comment__name")}
    assert names_one and names_two and not names_one & names_two
