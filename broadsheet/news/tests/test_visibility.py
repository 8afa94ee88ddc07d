"""Stories readers must not see: drafts, unpublished stories, stories
scheduled for later, and stories behind a password. None of them may appear
on any public page, however an editor has featured them, and their own URL
must not show them."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from broadsheet.home.models import HomePage
from broadsheet.news.models import ArticlePage
from broadsheet.testing import (
    author,
    block,
    make_article,
    pick,
    read,
    section,
    shared_data,
    topic,
    words,
)

pytestmark = pytest.mark.django_db

HIDDEN = ["draft", "unpublished", "scheduled", "private"]
PASSWORD = "letmein"


def story(title, **kwargs):
    """A story every listing below would show, were it visible."""
    return make_article(
        title,
        "world",
        topic_name="Secrets",
        extra_topics=("Wildlife",),
        authors=("Casey Writer",),
        body=[("paragraph", RichText(f"<p>The {title.lower()} is about quokkas.</p>"))],
        **kwargs,
    )


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )


def build_world():
    stories = {
        "anchor": story("Anchor story", age=timedelta(hours=3)),
        "control": story("Quokka control story", age=timedelta(hours=2)),
        # Hidden ones are the newest, so any newest-first list that let
        # them through would show them first.
        "draft": story("Quokka draft story", publish=False),
        "unpublished": story("Quokka unpublished story", age=timedelta(minutes=9)),
        "scheduled": story(
            "Quokka scheduled story",
            go_live_at=timezone.now() + timedelta(days=1),
        ),
        "private": story("Quokka private story", age=timedelta(minutes=5)),
    }
    stories["unpublished"].unpublish()
    restrict(stories["private"])
    # Each is in the state its name says, as the admin would leave it.
    for kind, live in [("draft", False), ("unpublished", False), ("private", True)]:
        stories[kind].refresh_from_db()
        assert stories[kind].live is live, kind
    scheduled = ArticlePage.objects.get(pk=stories["scheduled"].pk)
    assert not scheduled.live and scheduled.latest_revision.approved_go_live_at
    # An editor picked them all, hidden ones first.
    pick(*(stories[kind] for kind in HIDDEN), stories["control"])
    assert Client().get(stories["anchor"].url).status_code == 200
    return stories


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, build_world) as data:
        yield data


def appears(page, story):
    """Whether a reader can see or reach `story` anywhere on `page` (a page
    or a block of one; a block that is not there shows nothing)."""
    if page is None:
        return False
    return story.title in words(page) or page.find("a", href=story.url) is not None


PUBLIC_PAGES = {
    "home": lambda: "/",
    "section front": lambda: section("world").url,
    "topic page": lambda: topic("Secrets").get_absolute_url(),
    "extra topic page": lambda: topic("Wildlife").get_absolute_url(),
    "author page": lambda: author("Casey Writer").get_absolute_url(),
    "latest": lambda: "/latest/",
    "search": lambda: "/search/?q=quokka",
}


@pytest.mark.parametrize("kind", HIDDEN)
@pytest.mark.parametrize("where", PUBLIC_PAGES)
def test_hidden_story_is_on_no_public_page(client, world, where, kind):
    page = read(client.get(PUBLIC_PAGES[where]()))
    main = page.find("main")
    assert appears(main, world["control"]), "the page lists visible stories"
    assert not appears(page, world[kind])


@pytest.mark.parametrize("kind", HIDDEN)
def test_hidden_story_is_not_among_another_storys_related_stories(client, world, kind):
    page = read(client.get(world["anchor"].url))
    related = block(page.find("main"), "You may also like")
    assert appears(related, world["control"])
    assert not appears(page, world[kind])


@pytest.mark.parametrize("kind", HIDDEN)
@pytest.mark.parametrize("rail_block", ["Latest News", "Editors' Picks"])
def test_hidden_story_is_not_in_the_rail_even_when_an_editor_picked_it(
    client, world, rail_block, kind
):
    rail = block(read(client.get("/")).find("aside"), rail_block)
    assert appears(rail, world["control"])
    assert not appears(rail, world[kind])


@pytest.mark.parametrize("kind", HIDDEN)
def test_hidden_story_never_leads_the_home_page_even_when_chosen(client, world, kind):
    home = HomePage.objects.get()
    home.lead_story = world[kind]
    home.save()

    lead = block(read(client.get("/")), "Top story")

    assert not appears(lead, world[kind])
    assert appears(lead, world["control"]), "the newest visible story leads instead"


@pytest.mark.parametrize("kind", ["draft", "unpublished", "scheduled"])
def test_unpublished_story_url_is_not_found(client, world, kind):
    assert client.get(world[kind].url).status_code == 404


def test_private_story_url_shows_a_password_form_not_the_story(client, world):
    story = world["private"]
    response = client.get(story.url)
    text = response.content.decode()
    assert story.title not in text
    assert "about quokkas" not in text
    if response.status_code == 200:
        assert read(response).find("input", type="password") is not None


def test_private_story_opens_with_its_password(client, world):
    """The restriction is a real one, not a broken page."""
    story = world["private"]
    form = (
        read(client.get(story.url)).find("input", type="password").find_parent("form")
    )
    fields = {
        i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")
    }
    fields["password"] = PASSWORD
    client.post(form["action"], fields)
    assert story.title in words(read(client.get(story.url)).find("main"))


# A story hidden after readers have seen it goes from cached pages at once.

HIDE = {
    "unpublished": lambda page: page.unpublish(),
    "made private": restrict,
}


@pytest.mark.parametrize("how", HIDE)
@pytest.mark.parametrize("rail_block", ["Latest News", "Editors' Picks"])
def test_story_hidden_later_leaves_the_cached_rail_at_once(
    client, world, how, rail_block
):
    control = world["control"]
    before = block(read(client.get("/")).find("aside"), rail_block)
    assert appears(before, control)

    # A fresh copy: the shared one must keep its state for the next tests.
    HIDE[how](ArticlePage.objects.get(pk=control.pk))

    page = read(client.get(world["anchor"].url))
    assert not appears(block(page.find("aside"), rail_block), control)
    assert not appears(page, control)
