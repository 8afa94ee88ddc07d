"""The pages that list stories, as a reader sees them: the front page, section
fronts, topics, authors, the latest news and search; their pagination; and
what every reader page has in common."""

from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Site
from wagtail.rich_text import RichText

from broadsheet.news.models import Author, Topic
from broadsheet.testing import (
    author,
    block,
    heading,
    headlines,
    make_article,
    make_image,
    pick,
    read,
    section,
    shared_data,
    topic,
    words,
)

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)
DISPATCHES = [f"Dispatch {n:02}" for n in range(1, 22)]  # newest first


def build_world():
    """Four sections with stories, two authors, three topics, and enough
    stories in World (22) to need a second page. Built once."""
    photo = make_image("ada", width=400, height=400, alt_text="Ada, smiling")
    stories = {
        "summit": make_article(
            "Climate summit opens",
            "world",
            topic_name="Climate",
            authors=("Ada Lovelace",),
            standfirst="Leaders gather in Geneva.",
            lead_image=make_image("summit", width=800, height=450),
            age=1 * HOUR,
        ),
        "aardvark": make_article(
            "Aardvark census completed",
            "science",
            topic_name="Wildlife",
            authors=("Ada Lovelace",),
            age=2 * HOUR,
        ),
        "zoo": make_article(
            "Zoo funding rises",
            "business",
            topic_name="Markets",
            authors=("Grace Hopper",),
            standfirst="Bumblebee sanctuaries get a share.",
            age=3 * HOUR,
        ),
        "council": make_article(
            "Council meets on Tuesday",
            "politics",
            topic_name="Elections",
            extra_topics=("Climate",),
            authors=("Ada Lovelace",),
            body=[("paragraph", RichText("<p>A capybara sat in the chamber.</p>"))],
            age=4 * HOUR,
        ),
    }
    for n, title in enumerate(DISPATCHES):
        make_article(
            title,
            "world",
            authors=("Grace Hopper",),
            body=[("paragraph", RichText(f"<p>News dispatch {n}.</p>"))],
            age=(5 + n) * HOUR,
        )
    Author.objects.filter(name="Ada Lovelace").update(
        job_title="Science editor",
        bio="Ada covers science.\n\nShe joined in 2020.",
        photo=photo,
    )
    Topic.objects.filter(name="Climate").update(
        description="Our reporting on the warming planet."
    )
    pick(stories["zoo"], stories["aardvark"])
    # Make the picture sizes once, here, rather than in every test.
    warm = Client()
    for url in ("/", "/world/", author("Ada Lovelace").get_absolute_url()):
        assert warm.get(url).status_code == 200
    return stories


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, build_world) as data:
        yield data


def story_list(page):
    """The headlines of a listing's stories, in order."""
    return headlines(page.find("main").find("ol"))


def get(client, url, **params):
    return read(client.get(url, params))


# Home


def test_home_leads_with_the_newest_story(client, world):
    lead = block(read(client.get("/")), "Top story")
    assert headlines(lead) == ["Climate summit opens"]
    assert lead.find("img")["alt"] is not None


def test_home_leads_with_the_editors_lead_story_when_set(client, world):
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.lead_story = world["zoo"]
    home.save()

    page = read(client.get("/"))

    assert headlines(block(page, "Top story")) == ["Zoo funding rises"]
    assert "Zoo funding rises" not in headlines(block(page, "Latest News"))


def test_home_latest_news_is_newest_first_without_the_lead(client, world):
    latest = block(read(client.get("/")).find("main"), "Latest News")
    assert headlines(latest) == [
        "Aardvark census completed",
        "Zoo funding rises",
        "Council meets on Tuesday",
        *DISPATCHES[:7],
    ]
    assert latest.find("h2").find("a")["href"] == "/latest/"


def test_home_has_a_block_for_each_section_that_has_stories(client, world):
    main = read(client.get("/")).find("main")
    blocks = {
        words(h): h.find_parent("section")
        for h in main.find_all("h2")
        if h.find("a") and not h.find_parent("article") and words(h) != "Latest News"
    }
    assert list(blocks) == ["Politics", "World", "Business", "Science"]
    assert headlines(blocks["World"]) == ["Climate summit opens", *DISPATCHES[:3]]
    assert headlines(blocks["Science"]) == ["Aardvark census completed"]
    assert blocks["World"].find("h2").find("a")["href"] == section("world").url


def test_home_rail_shows_the_editors_picks(client, world):
    picks = block(read(client.get("/")).find("aside"), "Editors' Picks")
    assert [words(a) for a in picks.find_all("a")] == [
        "Zoo funding rises",
        "Aardvark census completed",
    ]


# Section fronts


def test_section_front_lists_its_stories_newest_first(client, world):
    page = read(client.get(section("world").url))
    assert heading(page, "World").name == "h1"
    assert story_list(page) == ["Climate summit opens", *DISPATCHES[:19]]


def test_section_front_shows_only_its_own_stories(client, world):
    assert story_list(read(client.get(section("science").url))) == [
        "Aardvark census completed"
    ]


def test_empty_section_front_says_so(client, world):
    main = read(client.get(section("health").url)).find("main")
    assert "No stories here yet." in words(main)


# Topic pages


def test_topic_page_lists_stories_with_the_topic_as_primary_or_extra_topic(
    client, world
):
    page = read(client.get(topic("Climate").get_absolute_url()))
    assert heading(page, "Climate").name == "h1"
    assert "Our reporting on the warming planet." in words(page.find("main"))
    assert story_list(page) == ["Climate summit opens", "Council meets on Tuesday"]


def test_topic_label_on_a_teaser_leads_to_the_topic_page(client, world):
    main = read(client.get("/latest/")).find("main")
    assert main.find("a", string="Wildlife")["href"] == "/topics/wildlife/"


# Author pages


def test_author_page_shows_name_job_bio_and_photo(client, world):
    main = read(client.get(author("Ada Lovelace").get_absolute_url())).find("main")
    assert words(main.find("h1")) == "Ada Lovelace"
    assert "Science editor" in words(main)
    assert [words(p) for p in main.find_all("p")][:3] == [
        "Science editor",
        "Ada covers science.",
        "She joined in 2020.",
    ]
    photo = main.find("img")
    assert photo["alt"]
    assert int(photo["width"]) == int(photo["height"])


def test_author_page_lists_their_stories_only(client, world):
    page = read(client.get(author("Ada Lovelace").get_absolute_url()))
    assert story_list(page) == [
        "Climate summit opens",
        "Aardvark census completed",
        "Council meets on Tuesday",
    ]


def test_byline_on_a_teaser_leads_to_the_author_page(client, world):
    main = read(client.get(section("science").url)).find("main")
    assert main.find("a", string="Ada Lovelace")["href"] == "/authors/ada-lovelace/"


def test_accented_topic_and_author_names_have_working_pages(client, world):
    story = make_article(
        "Carnival opens", topic_name="São Paulo", authors=("José García",)
    )

    main = read(client.get(story.url)).find("main")
    byline = main.find("a", string="José García")
    label = main.find("a", string="São Paulo")

    assert words(read(client.get(byline["href"])).find("h1")) == "José García"
    assert words(read(client.get(label["href"])).find("h1")) == "São Paulo"


# Latest


def test_latest_lists_every_section_newest_first(client, world):
    page = read(client.get("/latest/"))
    assert words(page.find("h1")) == "Latest News"
    assert story_list(page) == [
        "Climate summit opens",
        "Aardvark census completed",
        "Zoo funding rises",
        "Council meets on Tuesday",
        *DISPATCHES[:16],
    ]


# Search


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("aardvark", "Aardvark census completed"),  # headline
        ("bumblebee", "Zoo funding rises"),  # standfirst
        ("capybara", "Council meets on Tuesday"),  # body
    ],
)
def test_search_finds_stories_by_headline_standfirst_and_body(
    client, world, query, found
):
    page = get(client, "/search/", q=query)
    assert story_list(page) == [found]
    assert "1 result" in words(page.find("main"))


@pytest.mark.parametrize("query", ["aardvark", "", "zeppelin"])
def test_search_pages_are_not_indexed_by_search_engines(client, world, query):
    page = get(client, "/search/", q=query)
    robots = page.find("meta", attrs={"name": "robots"})
    assert robots is not None and "noindex" in robots["content"]


@pytest.mark.parametrize("query", [None, "", "   "])
def test_search_without_a_query_asks_for_one(client, world, query):
    params = {} if query is None else {"q": query}
    main = read(client.get("/search/", params)).find("main")
    assert main.find("form", role="search").find("input", type="search")
    assert not main.find("ol")
    assert "Type a word or two to find stories." in words(main)


def test_search_with_no_match_says_so(client, world):
    main = get(client, "/search/", q="zeppelin").find("main")
    assert not main.find("ol")
    assert "No stories match “zeppelin”." in words(main)


def test_search_shows_the_query_as_text_never_as_markup(client, world):
    main = get(client, "/search/", q="<b>bold</b>").find("main")
    assert main.find("b") is None
    assert "No stories match “<b>bold</b>”." in words(main)
    assert main.find("input", type="search")["value"] == "<b>bold</b>"


# Pagination: 20 stories a page.

PAGINATED = {
    "section": lambda: (section("world").url, {}),
    "author": lambda: (author("Grace Hopper").get_absolute_url(), {}),
    "latest": lambda: ("/latest/", {}),
    "search": lambda: ("/search/", {"q": "dispatch"}),
}


def rel_link(page, rel):
    link = page.find("a", rel=rel)
    if link is None:
        return None
    return {k: v[0] for k, v in parse_qs(urlparse(link["href"]).query).items()}


@pytest.mark.parametrize("listing", PAGINATED)
def test_listing_pages_hold_twenty_stories_with_links_between_them(
    client, world, listing
):
    url, params = PAGINATED[listing]()

    first = get(client, url, **params)
    second = get(client, url, **params, page=2)

    assert len(story_list(first)) == 20
    assert 1 <= len(story_list(second)) <= 20
    assert not set(story_list(first)) & set(story_list(second))
    assert rel_link(first, "prev") is None
    assert rel_link(first, "next") == {**params, "page": "2"}
    assert rel_link(second, "prev") == {**params, "page": "1"}
    assert rel_link(second, "next") is None


@pytest.mark.parametrize("listing", PAGINATED)
def test_a_bad_page_number_shows_a_page_and_never_an_error(client, world, listing):
    url, params = PAGINATED[listing]()
    first, last = (story_list(get(client, url, **params, page=n)) for n in (1, 2))
    for asked, shown in [("abc", first), ("", first), ("999", last), ("0", last)]:
        got = client.get(url, {**params, "page": asked})
        assert got.status_code == 200, f"?page={asked}"
        assert story_list(read(got)) == shown, f"?page={asked}"


def test_short_listing_has_no_pagination(client, world):
    main = read(client.get(section("science").url)).find("main")
    assert main.find("a", rel="next") is None
    assert main.find("a", rel="prev") is None


def test_a_listing_of_exactly_a_page_has_no_next_page_and_one_more_has(client):
    for n in range(20):
        make_article(f"Tide table {n:02}", "science", topic_name="Tides", age=n * HOUR)
    url = topic("Tides").get_absolute_url()
    first = get(client, url)
    assert len(story_list(first)) == 20
    assert first.find("nav", class_="pagination") is None

    make_article("Tide table 20", "science", topic_name="Tides", age=20 * HOUR)
    cache.clear()
    first, second = get(client, url), get(client, url, page=2)
    assert words(first.find("nav", class_="pagination")) == "Page 1 Older →"
    assert story_list(second) == ["Tide table 20"]
    assert words(second.find("nav", class_="pagination")) == "← Newer Page 2"


# Not found, favicon


@pytest.mark.parametrize("url", ["/topics/no-such-topic/", "/authors/no-such-person/"])
def test_unknown_topic_or_author_is_not_found(client, world, url):
    assert client.get(url).status_code == 404


def test_favicon_ico_redirects_to_an_svg_that_is_served(client, settings):
    # Static files are collected at deploy time; here they come from the app.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True

    redirect = client.get("/favicon.ico")
    assert redirect.status_code in (301, 302)
    assert urlparse(redirect["Location"]).path.endswith(".svg")

    icon = client.get(redirect["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(
        icon.streaming_content if icon.streaming else [icon.content]
    )


# What every reader page has

READER_PAGES = {
    "home": lambda w: "/",
    "section": lambda w: section("world").url,
    "article": lambda w: w["summit"].url,
    "topic": lambda w: topic("Climate").get_absolute_url(),
    "author": lambda w: author("Ada Lovelace").get_absolute_url(),
    "latest": lambda w: "/latest/",
    "search results": lambda w: "/search/?q=summit",
    "search, no match": lambda w: "/search/?q=zeppelin",
    "search, no query": lambda w: "/search/",
    "empty section": lambda w: section("health").url,
}


@pytest.fixture(scope="module")
def reader_pages(world):
    """Every kind of reader page, each fetched once on a cold cache."""
    pages = {}
    for name, url in READER_PAGES.items():
        cache.clear()
        pages[name] = read(Client().get(url(world)))
    cache.clear()
    return pages


@pytest.fixture(params=READER_PAGES)
def reader_page(request, reader_pages):
    return reader_pages[request.param]


def test_every_page_has_the_landmarks(reader_page):
    banner = reader_page.find(role="banner") or reader_page.select_one("body > header")
    contentinfo = reader_page.find(role="contentinfo") or reader_page.select_one(
        "body > footer"
    )
    assert banner is not None
    assert banner.find("nav") is not None  # the sections
    assert len(reader_page.find_all("main")) == 1
    assert contentinfo is not None


def test_every_page_has_exactly_one_h1_inside_main(reader_page):
    h1s = reader_page.find_all("h1")
    assert len(h1s) == 1
    assert h1s[0].find_parent("main") is not None


def test_every_page_starts_with_a_link_that_skips_to_the_content(reader_page):
    skip = reader_page.body.find("a")
    assert skip["href"].startswith("#")
    target = reader_page.find(id=skip["href"][1:])
    assert target is not None and target.name == "main"
    assert "skip" in words(skip).lower()


def test_every_image_has_alt_text_attribute(reader_page):
    assert all(img.has_attr("alt") for img in reader_page.find_all("img"))


@pytest.mark.parametrize("name", ["home", "section", "article", "author"])
def test_pages_with_pictures_describe_them(reader_pages, name):
    images = reader_pages[name].find_all("img")
    assert images
    assert all(img.has_attr("alt") for img in images)
