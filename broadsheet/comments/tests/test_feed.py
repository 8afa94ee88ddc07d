"""Each story's comments as RSS: approved comments only, inert."""

import feedparser
import pytest

from broadsheet.comments.models import Status
from broadsheet.comments.tests.conftest import make_comment

pytestmark = pytest.mark.django_db


def test_the_feed_lists_approved_comments_newest_first(client, story):
    first = make_comment(story, name="First", body="One")
    make_comment(story, name="Second", body="Two https://example.org")
    make_comment(story, name="Waiting", status=Status.PENDING)

    response = client.get(f"/comments/{story.pk}/rss/")

    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.feed.title == f"Comments on {story.title}"
    assert [e.title for e in feed.entries] == ["Second", "First"]
    assert feed.entries[1].link.endswith(f"{story.url}#comment-{first.pk}")
    assert 'rel="nofollow ugc noopener"' in feed.entries[0].description


def test_hostile_comments_are_inert_and_well_formed_in_the_feed(client, story):
    make_comment(
        story, name="<script>x</script>\x0b", body="<img src=x onerror=alert(1)>\x01"
    )

    response = client.get(f"/comments/{story.pk}/rss/")

    from lxml import etree

    root = etree.fromstring(response.content)
    description = root.find(".//item/description").text
    assert "<img" not in description and "&lt;img" in description


def test_a_new_comment_reaches_the_cached_feed(client, story):
    client.get(f"/comments/{story.pk}/rss/")
    make_comment(story, name="Late")

    assert b"Late" in client.get(f"/comments/{story.pk}/rss/").content


def test_unknown_story_has_no_feed(client):
    assert client.get("/comments/999999/rss/").status_code == 404
