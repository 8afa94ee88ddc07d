"""/corrections/ and its feeds as readers, feed readers and crawlers see
them; the site's corrections policy named for search engines."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from broadsheet import testing
from broadsheet.corrections.tests.conftest import publish_with
from broadsheet.feeds.tests.crawler import (
    feed,
    feed_links,
    json_feed,
    jsonld,
    of_type,
    page,
    valid_atom,
    vocabulary,
)
from broadsheet.home.models import SiteSettings
from broadsheet.news.models import ArticleNote
from broadsheet.news.pagination import LISTING_PAGE_SIZE

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def listed(soup):
    """(kind, story headline, link, note text) for each note listed."""
    return [
        (
            item.select_one(".story-note__heading strong").get_text(),
            testing.words(item.find("h2")),
            item.find("h2").find("a")["href"],
            testing.words(item.find_all("p")[-1]),
        )
        for item in soup.select(".corrections-list li")
    ]


def test_lists_every_note_newest_first_with_its_date_and_story(reader):
    older = publish_with(testing.make_article("Dam report"), ("correction", "One."))
    newer = publish_with(testing.make_article("Rail fares"), ("clarification", "Two."))
    note = newer.notes.get()

    soup = page(reader.get("/corrections/"))

    assert listed(soup) == [
        ("Clarification", "Rail fares", f"{newer.url}#note-{note.uid}", "Two."),
        (
            "Correction",
            "Dam report",
            f"{older.url}#note-{older.notes.get().uid}",
            "One.",
        ),
    ]
    time = soup.select_one(".corrections-list time")
    assert time["datetime"] == note.published_at.isoformat()
    # The link lands on the note itself.
    story = page(reader.get(newer.url))
    assert story.find(id=f"note-{note.uid}") is not None


def test_notes_of_unpublished_stories_and_drafts_are_not_listed(reader):
    story = publish_with(testing.make_article("Dam report"), ("correction", "One."))
    publish_with(testing.make_article("Rail"), ("correction", "Draft."), publish=False)
    story.unpublish()

    assert listed(page(reader.get("/corrections/"))) == []
    assert feed(reader.get(reverse("corrections:rss"))).entries == []


def test_is_paginated(reader):
    story = testing.make_article("Long-running story")
    start = timezone.now() - timedelta(days=1)
    ArticleNote.objects.bulk_create(
        ArticleNote(
            article=story,
            kind="correction",
            text=f"Note {n}.",
            published_at=start + timedelta(minutes=n),
        )
        for n in range(LISTING_PAGE_SIZE + 3)
    )
    testing.bump()

    first = page(reader.get("/corrections/"))
    second = page(reader.get("/corrections/?page=2"))

    assert len(listed(first)) == LISTING_PAGE_SIZE
    assert listed(first)[0][3] == f"Note {LISTING_PAGE_SIZE + 2}."
    assert [row[3] for row in listed(second)] == ["Note 2.", "Note 1.", "Note 0."]
    assert first.find("a", rel="next")["href"] == "?page=2"
    assert first.find("link", rel="canonical")["href"] == f"{SITE}/corrections/"
    assert second.find("link", rel="canonical")["href"] == (
        f"{SITE}/corrections/?page=2"
    )


def test_feeds_list_the_notes_and_are_announced(reader):
    story = publish_with(testing.make_article("Dam report"), ("correction", "One."))
    note = story.notes.get()

    soup = page(reader.get("/corrections/"))
    links = {}
    for kind, href in feed_links(soup):  # its own first, then the site's
        links.setdefault(kind, href)
    assert links["application/rss+xml"] == f"{SITE}/corrections/rss/"
    assert links["application/atom+xml"] == f"{SITE}/corrections/atom/"
    assert links["application/feed+json"] == f"{SITE}/corrections/json/"

    (entry,) = feed(reader.get(reverse("corrections:rss"))).entries
    assert entry.title == "Correction: Dam report"
    assert entry.link == f"{SITE}{story.url}#note-{note.uid}"
    assert "One." in entry.description
    (entry,) = valid_atom(reader.get(reverse("corrections:atom"))).entries
    assert entry.title == "Correction: Dam report"
    document = json_feed(reader.get(reverse("corrections:json")))
    (item,) = document["items"]
    assert item["url"] == f"{SITE}{story.url}#note-{note.uid}"
    assert item["summary"] == "One."


def test_the_corrections_policy_is_named_for_search_engines(reader):
    policy = testing.make_article("How we correct our stories", "politics")
    principles = testing.make_article("Our standards", "politics")
    settings = SiteSettings.current()
    settings.corrections_policy = policy
    settings.publishing_principles = principles
    settings.save()

    for url in ("/", "/corrections/"):
        blocks = jsonld(page(reader.get(url)))
        organization = of_type(blocks, "NewsMediaOrganization")
        assert organization["correctionsPolicy"] == f"{SITE}{policy.url}"
        assert organization["publishingPrinciples"] == f"{SITE}{principles.url}"
        for block in blocks:
            assert vocabulary().problems(block) == []
    soup = page(reader.get("/corrections/"))
    assert soup.find("a", string="Our corrections policy")["href"] == (
        f"{SITE}{policy.url}"
    )


def test_without_a_policy_page_none_is_named(reader):
    organization = of_type(jsonld(page(reader.get("/"))), "NewsMediaOrganization")
    assert "correctionsPolicy" not in organization
    assert "publishingPrinciples" not in organization
