"""What every reader page says about itself in <head>: a title, a
description, its canonical address, link previews (OpenGraph and Twitter
cards) and its feeds, as a crawler or a link preview reads them."""

from datetime import timedelta

import pytest
from django.test import Client
from django.test.utils import override_settings
from wagtail.rich_text import RichText

from broadsheet.feeds.tests.crawler import (
    feed,
    feed_links,
    link_href,
    meta,
    metas,
    page,
)
from broadsheet.feeds.text import DESCRIPTION_LENGTH
from broadsheet.home.models import SiteSettings
from broadsheet.news.models import Author, Topic
from broadsheet.testing import (
    author,
    make_article,
    make_image,
    section,
    shared_data,
    topic,
)

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
HOUR = timedelta(hours=1)
LONG = (
    "Negotiators from nearly two hundred countries worked through the night "
    "on a text that commits them to phasing down coal, ending deforestation "
    "and doubling the money rich nations give poorer ones to adapt, though "
    "several delegations said the pledges fall short."
)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        settings = SiteSettings.current()
        settings.blurb = "Broadsheet covers the world, one section at a time."
        settings.save()
        world = section("world")
        world.intro = "News from every continent."
        world.save_revision().publish()
        Topic.objects.create(
            name="Climate", slug="climate", description="How the planet is changing."
        )
        ada = Author.objects.create(
            name="Ada Lovelace",
            slug="ada-lovelace",
            bio="Ada covers science and the climate.",
            photo=make_image("ada", width=400, height=400, alt_text="Ada, smiling"),
        )
        story = make_article(
            "Climate summit agrees a deal",
            "world",
            topic_name="Climate",
            extra_topics=("Energy",),
            authors=(ada.name, "Grace Hopper"),
            standfirst=LONG,
            lead_image=make_image(
                "summit", width=1600, height=900, alt_text="Delegates applaud"
            ),
            age=1 * HOUR,
        )
        plain = make_article(
            "Quiet day in parliament",
            "politics",
            authors=(),
            body=[("paragraph", RichText("<p>Nothing <b>much</b> happened.</p>"))],
            age=2 * HOUR,
        )
        for n in range(21):  # World gets a second page
            make_article(f"Dispatch {n}", "world", age=(3 + n) * HOUR)
        yield {"story": story, "plain": plain, "ada": ada}


PAGES = {
    "home": lambda w: "/",
    "section": lambda w: section("world").url,
    "article": lambda w: w["story"].url,
    "topic": lambda w: topic("Climate").get_absolute_url(),
    "author": lambda w: w["ada"].get_absolute_url(),
    "latest": lambda w: "/latest/",
    "search": lambda w: "/search/?q=climate",
}
TITLES = {
    "home": "Broadsheet: news from every section",
    "section": "World | Broadsheet",
    "article": "Climate summit agrees a deal | Broadsheet",
    "topic": "Climate | Broadsheet",
    "author": "Ada Lovelace | Broadsheet",
    "latest": "Latest News | Broadsheet",
    "search": "Search: climate | Broadsheet",
}
DESCRIPTIONS = {
    "home": "Broadsheet covers the world, one section at a time.",
    "section": "News from every continent.",
    "topic": "How the planet is changing.",
    "author": "Ada covers science and the climate.",
}


@pytest.mark.parametrize("name", PAGES)
def test_every_reader_page_has_title_description_previews_and_feeds(
    client, world, name
):
    soup = page(client.get(PAGES[name](world)))
    assert soup.title.string == TITLES[name]
    description = meta(soup, "description")
    assert description
    assert len(description) <= DESCRIPTION_LENGTH
    if name in DESCRIPTIONS:
        assert description == DESCRIPTIONS[name]
    assert meta(soup, "og:site_name") == "Broadsheet"
    assert meta(soup, "og:title")
    assert meta(soup, "og:description") == description
    assert meta(soup, "og:type") == ("article" if name == "article" else "website")
    assert meta(soup, "og:locale") == "en_US"
    assert meta(soup, "twitter:card") in ("summary", "summary_large_image")
    assert meta(soup, "twitter:title") == meta(soup, "og:title")
    assert ("application/rss+xml", f"{SITE}/feeds/rss/") in feed_links(soup)
    assert ("application/atom+xml", f"{SITE}/feeds/atom/") in feed_links(soup)


@pytest.mark.parametrize("name", [n for n in PAGES if n != "search"])
def test_indexable_pages_have_an_absolute_canonical_address(client, world, name):
    path = PAGES[name](world)
    soup = page(client.get(path))
    assert link_href(soup, "canonical") == f"{SITE}{path}"
    assert meta(soup, "og:url") == f"{SITE}{path}"
    assert meta(soup, "robots") is None


def test_search_page_is_not_for_indexing_and_has_no_canonical(client, world):
    soup = page(client.get("/search/?q=climate"))
    assert meta(soup, "robots") == "noindex"
    assert link_href(soup, "canonical") is None
    assert meta(soup, "og:url") is None
    assert len(soup.find_all("meta", attrs={"name": "robots"})) == 1


def test_canonical_drops_tracking_and_first_page_parameters(client, world):
    url = section("world").url
    soup = page(client.get(f"{url}?utm_source=newsletter&page=1&fbclid=x"))
    assert link_href(soup, "canonical") == f"{SITE}{url}"
    story = world["story"].url
    soup = page(client.get(f"{story}?utm_campaign=x"))
    assert link_href(soup, "canonical") == f"{SITE}{story}"


def test_later_pages_of_a_listing_are_their_own_canonical_page(client, world):
    url = section("world").url
    soup = page(client.get(f"{url}?page=2&utm_source=x"))
    assert link_href(soup, "canonical") == f"{SITE}{url}?page=2"
    assert soup.title.string == "World (page 2) | Broadsheet"
    # A page past the end shows the last one, and says so.
    soup = page(client.get(f"{url}?page=99"))
    assert link_href(soup, "canonical") == f"{SITE}{url}?page=2"
    soup = page(client.get(f"{url}?page=nonsense"))
    assert link_href(soup, "canonical") == f"{SITE}{url}"


def test_article_preview_is_large_with_the_lead_picture(client, world):
    story = world["story"]
    soup = page(client.get(story.url))
    image = meta(soup, "og:image")
    assert image.startswith(f"{SITE}/media/images/")
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == (
        "1200",
        "675",
    )
    assert meta(soup, "og:image:alt") == "Delegates applaud"
    assert meta(soup, "og:image:type") == "image/jpeg"
    assert client.get(image.removeprefix(SITE)).status_code == 200
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "twitter:image") == image
    assert meta(soup, "og:title") == "Climate summit agrees a deal"


def test_article_describes_itself_as_an_article(client, world):
    story = world["story"]
    soup = page(client.get(story.url))
    assert meta(soup, "article:published_time") == story.published_at.isoformat(
        timespec="seconds"
    )
    assert meta(soup, "article:modified_time")
    assert meta(soup, "article:section") == "World"
    assert metas(soup, "article:tag") == ["Climate", "Energy"]
    assert metas(soup, "article:author") == [
        f"{SITE}{author('Ada Lovelace').get_absolute_url()}",
        f"{SITE}{author('Grace Hopper').get_absolute_url()}",
    ]


def test_long_standfirst_is_cut_at_a_word(client, world):
    description = meta(page(client.get(world["story"].url)), "description")
    assert description.endswith("\u2026")
    assert LONG.startswith(description[:-1])
    assert len(description) <= DESCRIPTION_LENGTH
    assert LONG[len(description) - 1] == " "


def test_story_without_standfirst_or_picture_is_described_by_its_first_paragraph(
    client, world
):
    soup = page(client.get(world["plain"].url))
    assert meta(soup, "description") == "Nothing much happened."
    assert meta(soup, "og:image") is None
    assert meta(soup, "twitter:card") == "summary"


def test_author_page_is_previewed_with_the_authors_photo(client, world):
    soup = page(client.get(world["ada"].get_absolute_url()))
    assert meta(soup, "og:image").startswith(f"{SITE}/media/images/")
    assert meta(soup, "og:image:width") == "320"
    assert meta(soup, "og:image:alt") == "Ada, smiling"


FEEDS_OF = {
    "section": "/feeds/sections/world/",
    "article": "/feeds/sections/world/",
    "topic": "/feeds/topics/climate/",
    "author": "/feeds/authors/ada-lovelace/",
}


@pytest.mark.parametrize("name", PAGES)
def test_page_announces_its_own_feeds_and_the_sites(client, world, name):
    links = feed_links(page(client.get(PAGES[name](world))))
    expected = []
    if name in FEEDS_OF:
        own = f"{SITE}{FEEDS_OF[name]}"
        expected = [
            ("application/rss+xml", f"{own}rss/"),
            ("application/atom+xml", f"{own}atom/"),
        ]
    expected += [
        ("application/rss+xml", f"{SITE}/feeds/rss/"),
        ("application/atom+xml", f"{SITE}/feeds/atom/"),
    ]
    assert links == expected
    for _, href in links:
        assert feed(Client().get(href.removeprefix(SITE))).entries


@override_settings(SITE_URL="https://news.example.org")
def test_head_addresses_are_on_site_url_whatever_the_host(world):
    soup = page(Client().get(world["story"].url, HTTP_HOST="localhost"))
    addresses = [
        link_href(soup, "canonical"),
        meta(soup, "og:url"),
        meta(soup, "og:image"),
    ]
    addresses += [href for _, href in feed_links(soup)]
    assert all(a.startswith("https://news.example.org/") for a in addresses)
