"""RSS 2.0 and Atom feeds of the site, each section, topic and author, as a
feed reader reads them: well-formed, valid Atom, the newest stories first
with their metadata, and IDs that outlive a new headline or slug."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from broadsheet.feeds.feeds import FEED_LENGTH
from broadsheet.feeds.tests.crawler import NS, feed, valid_atom, xml
from broadsheet.news.models import ArticlePage
from broadsheet.testing import author, make_article, make_image, section, shared_data
from broadsheet.testing import topic as get_topic

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)
SITE = "https://news.example.org"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        section_page = section("science")
        section_page.intro = "Discoveries and the people behind them."
        section_page.save_revision().publish()
        stories = {
            "glacier": make_article(
                "Glacier retreat speeds up",
                "science",
                topic_name="Climate",
                extra_topics=("Ice", "Arctic"),
                authors=("Ada Lovelace", "Grace Hopper"),
                standfirst="Satellite data show <faster> melting & thinning.",
                lead_image=make_image(
                    "glacier", caption="The glacier", credit="Jane Doe/AP"
                ),
                age=1 * HOUR,
            ),
            "budget": make_article(
                "Budget passes",
                "politics",
                topic_name="Economy",
                authors=("Grace Hopper",),
                standfirst="A late-night vote.",
                age=2 * HOUR,
            ),
            "ice": make_article(
                "Sea ice at record low",
                "world",
                extra_topics=("Climate",),
                authors=("Ada Lovelace",),
                age=3 * HOUR,
            ),
        }
        yield stories


def rss(client, path):
    return feed(client.get(path))


def atom(client, path):
    return valid_atom(client.get(path))


FEEDS = {
    "site": lambda: ("/feeds/rss/", "/feeds/atom/"),
    "section": lambda: (
        reverse("feeds:section-rss", args=["science"]),
        reverse("feeds:section-atom", args=["science"]),
    ),
    "topic": lambda: (
        reverse("feeds:topic-rss", args=["climate"]),
        reverse("feeds:topic-atom", args=["climate"]),
    ),
    "author": lambda: (
        reverse("feeds:author-rss", args=[author("Ada Lovelace").slug]),
        reverse("feeds:author-atom", args=[author("Ada Lovelace").slug]),
    ),
}
EXPECTED = {
    "site": ["Glacier retreat speeds up", "Budget passes", "Sea ice at record low"],
    "section": ["Glacier retreat speeds up"],
    # The topic feed has stories led by the topic and tagged with it.
    "topic": ["Glacier retreat speeds up", "Sea ice at record low"],
    "author": ["Glacier retreat speeds up", "Sea ice at record low"],
}


@pytest.mark.parametrize("scope", FEEDS)
def test_rss_and_atom_feeds_list_the_scopes_stories_newest_first(client, world, scope):
    rss_path, atom_path = FEEDS[scope]()
    assert [e.title for e in rss(client, rss_path).entries] == EXPECTED[scope]
    assert [e.title for e in atom(client, atom_path).entries] == EXPECTED[scope]


def test_urls_of_the_feeds_are_short_and_plain():
    assert reverse("feeds:rss") == "/feeds/rss/"
    assert reverse("feeds:atom") == "/feeds/atom/"
    assert reverse("feeds:section-rss", args=["world"]) == "/feeds/sections/world/rss/"
    assert reverse("feeds:topic-atom", args=["ice"]) == "/feeds/topics/ice/atom/"
    assert reverse("feeds:author-rss", args=["ada"]) == "/feeds/authors/ada/rss/"


def test_rss_item_carries_the_storys_metadata(client, world):
    story = world["glacier"]
    parsed = rss(client, "/feeds/rss/")
    item = parsed.entries[0]
    assert parsed.version == "rss20"
    assert item.link == f"http://127.0.0.1:8000{story.url}"
    # The standfirst is plain text: a reader shows it as typed.
    assert item.summary == "Satellite data show &lt;faster&gt; melting &amp; thinning."
    assert item.author == "Ada Lovelace, Grace Hopper"
    assert item.published_parsed[:5] == story.published_at.utctimetuple()[:5]
    assert [tag.term for tag in item.tags] == ["Climate", "Ice", "Arctic", "Science"]
    assert item.id.startswith("tag:127.0.0.1,")
    assert item.guidislink is False
    picture = item.media_content[0]
    assert picture["medium"] == "image"
    assert picture["url"].startswith("http://127.0.0.1:8000/media/images/")
    assert (picture["width"], picture["height"]) == ("1200", "675")
    assert item.media_credit[0]["content"] == "Jane Doe/AP"


def test_atom_entry_carries_the_storys_metadata(client, world):
    story = world["glacier"]
    parsed = atom(client, "/feeds/atom/")
    entry = parsed.entries[0]
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Broadsheet"
    assert parsed.feed.author == "Broadsheet"
    assert entry.link == f"http://127.0.0.1:8000{story.url}"
    assert entry.published_parsed[:5] == story.published_at.utctimetuple()[:5]
    assert entry.updated_parsed[:5] == story.published_at.utctimetuple()[:5]
    assert entry.id == rss(client, "/feeds/rss/").entries[0].id
    assert entry.summary == "Satellite data show &lt;faster&gt; melting &amp; thinning."
    one_author = atom(client, "/feeds/atom/").entries[1]
    assert one_author.author_detail.name == "Grace Hopper"
    assert one_author.author_detail.href.endswith(
        author("Grace Hopper").get_absolute_url()
    )


def test_feed_says_what_it_is_and_where_it_lives(client, world):
    science = section("science")
    parsed = rss(client, "/feeds/sections/science/rss/")
    assert parsed.feed.title == "Science | Broadsheet"
    assert parsed.feed.link == f"http://127.0.0.1:8000{science.url}"
    assert parsed.feed.subtitle == "Discoveries and the people behind them."
    document = xml(client.get("/feeds/sections/science/atom/"))
    self_link = document.find("atom:link[@rel='self']", NS).get("href")
    assert self_link == "http://127.0.0.1:8000/feeds/sections/science/atom/"


@override_settings(SITE_URL=SITE)
def test_every_address_in_a_feed_is_on_site_url_whatever_the_host(client, world):
    body = client.get("/feeds/atom/", HTTP_HOST="localhost").content.decode()
    assert "localhost" not in body and "127.0.0.1" not in body
    entry = valid_atom(client.get("/feeds/atom/")).entries[0]
    assert entry.link.startswith(f"{SITE}/")
    assert entry.id.startswith("tag:news.example.org,")


def test_feed_holds_the_newest_fifty_stories(client, world):
    for n in range(FEED_LENGTH + 2):
        make_article(f"Brief {n}", "sports", age=timedelta(minutes=n), authors=())
    titles = [e.title for e in atom(client, "/feeds/atom/").entries]
    assert titles == [f"Brief {n}" for n in range(FEED_LENGTH)]


def test_guid_is_unchanged_after_a_new_headline_and_slug(client, world):
    story = world["budget"]
    before = {e.link: e.id for e in rss(client, "/feeds/rss/").entries}[
        f"http://127.0.0.1:8000{story.url}"
    ]
    story.title = "Budget passes after all-night session"
    story.slug = "budget-passes-after-all-night-session"
    story.save_revision().publish()
    story.refresh_from_db()
    entries = {e.link: e for e in rss(client, "/feeds/rss/").entries}
    after = entries[f"http://127.0.0.1:8000{story.url}"]
    assert after.title == "Budget passes after all-night session"
    assert after.id == before
    assert valid_atom(client.get("/feeds/atom/")).entries[1].id == before


def test_unknown_scope_is_not_found(client, world):
    for path in (
        "/feeds/sections/nowhere/rss/",
        "/feeds/topics/nothing/atom/",
        "/feeds/authors/nobody/rss/",
    ):
        assert client.get(path).status_code == 404


def test_a_topic_without_published_stories_has_no_feed(client, world):
    """As its page (see news/tests/test_hidden_names.py): a name nothing
    published uses is not revealed."""
    get_topic("Quiet")
    assert client.get("/feeds/topics/quiet/atom/").status_code == 404
    assert client.get("/feeds/topics/quiet/rss/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/sections/%00/rss/",
        "/feeds/topics/%00/rss/",
        "/feeds/authors/a%00b/atom/",
        "/feeds/sections/world%00/atom/",
    ],
)
def test_a_nul_in_a_feed_slug_is_not_found(client, world, path):
    # PostgreSQL refuses NUL in text: this was a 500 (security review, 13).
    assert client.get(path).status_code == 404


def test_a_feed_is_served_from_the_cache_until_something_is_published(client, world):
    first = client.get("/feeds/rss/").content
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/feeds/rss/")
    assert again.content == first
    assert len(queries) == 0
    make_article("Fresh news", "world", age=timedelta(minutes=1))
    assert rss(client, "/feeds/rss/").entries[0].title == "Fresh news"


def test_tracking_parameters_share_the_cached_feed(client, world):
    first = client.get("/feeds/rss/").content
    with CaptureQueriesContext(connection) as queries:
        tracked = client.get("/feeds/rss/?utm_source=newsletter")
    assert tracked.content == first
    assert len(queries) == 0


def test_story_moved_to_another_section_moves_feeds(client, world):
    story = world["ice"]
    story.move(section("science"), pos="last-child")
    assert ArticlePage.objects.get(pk=story.pk).section_id == section("science").pk
    titles = [e.title for e in rss(client, "/feeds/sections/science/rss/").entries]
    assert "Sea ice at record low" in titles
