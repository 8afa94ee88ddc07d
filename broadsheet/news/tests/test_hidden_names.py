"""Topic and author pages (and their feeds) exist for readers only through
published stories. A topic or writer that only hidden stories use (a draft,
a scheduled or embargoed item, a private one, an unpublished or expired one,
one in a login-only section) answers 404 exactly as a made-up slug does, so
guessing slugs reveals no name. (Security review, finding 16.)"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from broadsheet.news.models import ArticlePage
from broadsheet.testing import make_article, section, shared_data

pytestmark = pytest.mark.django_db

KINDS = [
    "draft",
    "scheduled",
    "password",
    "login",
    "unpublished",
    "expired",
    "login section",
]


def hidden_story(kind):
    token = kind.replace(" ", "")
    where = "science" if kind == "login section" else "business"
    story = make_article(
        f"Harbour {token} scheme",
        where,
        publish=kind not in ("draft", "scheduled"),
        go_live_at=timezone.now() + timedelta(days=1) if kind == "scheduled" else None,
        topic_name=f"Topic {token}",
        authors=(f"Writer {token}",),
    )
    if kind == "scheduled":
        story.save_revision().publish()
    if kind in ("password", "login"):
        PageViewRestriction.objects.create(
            page=story,
            restriction_type=PageViewRestriction.PASSWORD
            if kind == "password"
            else PageViewRestriction.LOGIN,
            password="letmein",
        )
    if kind == "unpublished":
        story.unpublish()
    if kind == "expired":  # as Wagtail's publish_scheduled leaves one
        ArticlePage.objects.filter(pk=story.pk).update(
            live=False, expired=True, expire_at=timezone.now() - timedelta(hours=1)
        )
    return story


def build_world():
    PageViewRestriction.objects.create(
        page=section("science"), restriction_type=PageViewRestriction.LOGIN
    )
    make_article(
        "Harbour control scheme",
        "business",
        topic_name="Topic control",
        authors=("Writer control",),
    )
    return {kind: hidden_story(kind) for kind in KINDS}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, build_world) as data:
        yield data


def addresses(token):
    return [
        f"/topics/topic-{token}/",
        f"/authors/writer-{token}/",
        f"/feeds/topics/topic-{token}/rss/",
        f"/feeds/topics/topic-{token}/atom/",
        f"/feeds/authors/writer-{token}/rss/",
        f"/feeds/authors/writer-{token}/atom/",
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_name_only_hidden_stories_use_is_not_found(client, world, kind):
    token = kind.replace(" ", "")
    for address in addresses(token):
        response = client.get(address)
        assert response.status_code == 404, address
        assert f"{token}".encode() not in response.content.lower(), address


def test_the_404_is_the_one_a_made_up_slug_gets(client, world):
    for hidden, unknown in zip(addresses("draft"), addresses("madeup"), strict=True):
        assert client.get(hidden).content == client.get(unknown).content


def test_a_name_with_a_published_story_is_shown(client, world):
    for address in addresses("control"):
        assert client.get(address).status_code == 200, address
    assert b"Topic control" in client.get("/topics/topic-control/").content


def test_the_check_costs_no_query(client, world):
    """The listing's first page, which every topic page fetches anyway,
    tells: a hidden-only topic costs a made-up slug's queries plus that page's
    two (the view restrictions, then the stories), and shown pages keep their
    pinned counts (test_query_counts)."""
    client.get("/topics/topic-madeup/")  # the 404 page's cached fragments
    with CaptureQueriesContext(connection) as unknown:
        client.get("/topics/topic-madeup/")
    with CaptureQueriesContext(connection) as hidden:
        client.get("/topics/topic-draft/")
    assert len(hidden) == len(unknown) + 2
