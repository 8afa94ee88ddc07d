"""Stories readers must not see (drafts, unpublished stories, stories
scheduled for later, stories behind a password) are in no feed, no sitemap
and no search result, and do not even put their topic or author in one."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from broadsheet.feeds.tests.crawler import feed, json_feed, locations, page, xml
from broadsheet.testing import author, make_article, shared_data

pytestmark = pytest.mark.django_db

HIDDEN = ["draft", "unpublished", "scheduled", "private"]
SITE = "http://127.0.0.1:8000"


def story(title, *, secret_topic=None, **kwargs):
    """A story every feed below would list, were it visible."""
    return make_article(
        title,
        "world",
        topic_name="Secrets",
        extra_topics=("Wildlife", *([secret_topic] if secret_topic else [])),
        authors=("Casey Writer", f"{title} Author"),
        body=[("paragraph", RichText(f"<p>The {title.lower()} is about quokkas.</p>"))],
        **kwargs,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        stories = {
            "control": story("Quokka control story", age=timedelta(hours=2)),
            # Hidden ones are the newest, so a newest-first feed that let them
            # through would show them first.
            "draft": story("Quokka draft story", publish=False, secret_topic="Draft"),
            "unpublished": story(
                "Quokka unpublished story",
                age=timedelta(minutes=9),
                secret_topic="Unpublished",
            ),
            "scheduled": story(
                "Quokka scheduled story",
                go_live_at=timezone.now() + timedelta(days=1),
                secret_topic="Scheduled",
            ),
            "private": story(
                "Quokka private story",
                age=timedelta(minutes=5),
                secret_topic="Private",
            ),
        }
        stories["unpublished"].unpublish()
        PageViewRestriction.objects.create(
            page=stories["private"],
            restriction_type=PageViewRestriction.PASSWORD,
            password="letmein",
        )
        yield stories


FEEDS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/json/",
    "/feeds/sections/world/rss/",
    "/feeds/sections/world/atom/",
    "/feeds/sections/world/json/",
    "/feeds/topics/secrets/rss/",
    "/feeds/topics/wildlife/atom/",
    "/feeds/topics/secrets/json/",
    "/feeds/authors/casey-writer/rss/",
    "/feeds/authors/casey-writer/atom/",
    "/feeds/authors/casey-writer/json/",
]


def listed(client, path):
    """(title, id) of each story a feed lists, whatever its format."""
    response = client.get(path)
    if path.endswith("/json/"):
        return [(i["title"], i["id"]) for i in json_feed(response)["items"]]
    return [(entry.title, entry.id) for entry in feed(response).entries]


@pytest.mark.parametrize("kind", HIDDEN)
@pytest.mark.parametrize("path", FEEDS)
def test_hidden_story_is_in_no_feed(client, world, path, kind):
    stories = listed(client, path)
    titles = [title for title, _ in stories]
    assert "Quokka control story" in titles
    assert world[kind].title not in titles
    assert not any(id_.endswith(f":story/{world[kind].pk}") for _, id_ in stories)


def sitemap_addresses(client):
    index = xml(client.get("/sitemap.xml"))
    addresses = []
    for url in locations(index):
        addresses += locations(xml(client.get(url.removeprefix(SITE))))
    return addresses + locations(xml(client.get("/sitemap-news.xml")))


@pytest.mark.parametrize("kind", HIDDEN)
def test_hidden_story_is_in_no_sitemap(client, world, kind):
    addresses = sitemap_addresses(client)
    assert f"{SITE}{world['control'].url}" in addresses
    assert not any(world[kind].slug in address for address in addresses)


@pytest.mark.parametrize("kind", HIDDEN)
def test_hidden_storys_own_topic_and_author_are_in_no_sitemap(client, world, kind):
    addresses = sitemap_addresses(client)
    assert f"{SITE}/topics/secrets/" in addresses
    assert f"{SITE}/topics/{kind}/" not in addresses
    hidden_author = author(f"{world[kind].title} Author").get_absolute_url()
    assert f"{SITE}{hidden_author}" not in addresses


@pytest.mark.parametrize("kind", HIDDEN)
def test_hidden_story_is_in_no_search_result(client, world, kind):
    results = page(client.get("/search/?q=quokka")).find("main")
    assert "Quokka control story" in results.get_text()
    assert world[kind].title not in results.get_text()


def hide(story, kind):
    if kind == "unpublished":
        story.unpublish()
    else:
        PageViewRestriction.objects.create(
            page=story,
            restriction_type=PageViewRestriction.PASSWORD,
            password="letmein",
        )


@pytest.mark.parametrize("kind", ["unpublished", "private"])
def test_story_hidden_after_the_feeds_were_cached_leaves_them_at_once(
    client, world, kind
):
    story = world["control"]
    for path in ("/feeds/rss/", "/feeds/json/"):
        assert story.title in [title for title, _ in listed(client, path)]
    assert f"{SITE}{story.url}" in sitemap_addresses(client)
    hide(story, kind)
    for path in ("/feeds/rss/", "/feeds/json/"):
        assert story.title not in [title for title, _ in listed(client, path)]
    assert f"{SITE}{story.url}" not in sitemap_addresses(client)
