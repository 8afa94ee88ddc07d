"""A live blog as a reader sees it: the pinned entry first, then the newest
(the oldest once the blog has ended), a key events box linking to the key
entries wherever they are, pages for long blogs, deleted entries gone, and
comments closed once it has ended."""

import pytest
from django.db import IntegrityError, transaction

from broadsheet.live.models import LiveEntry
from broadsheet.live.reading import ENTRIES_PER_PAGE
from broadsheet.live.tests.builders import make_live_blog, post_entry
from broadsheet.testing import make_image, parse

pytestmark = pytest.mark.django_db


def entry_ids(html):
    """The entries of the page, in the order a reader reads them."""
    return [
        int(article["id"].removeprefix("entry-"))
        for article in html.select("article.live-entry")
    ]


@pytest.fixture
def blog():
    return make_live_blog()


def test_newest_entry_first_and_pinned_above_all(client, blog):
    first = post_entry(blog, "Polls close.", minutes_ago=30, pinned=True)
    second = post_entry(blog, "First result.", minutes_ago=20)
    third = post_entry(blog, "Turnout is up.", minutes_ago=10)

    html = parse(client.get(blog.url))

    assert entry_ids(html) == [first.pk, third.pk, second.pk]
    pinned = html.select_one(".live-pinned article")
    assert pinned["id"] == f"entry-{first.pk}"
    assert "Pinned" in pinned.get_text()
    assert html.select_one(".live-status").get_text() == "Live"


def test_an_ended_blog_reads_oldest_first_and_stops_polling(client, blog):
    early = post_entry(blog, "Polls close.", minutes_ago=30)
    late = post_entry(blog, "Winner declared.", minutes_ago=5)
    blog.status = "ended"
    blog.save_revision().publish()

    response = client.get(blog.url)
    html = parse(response)

    assert entry_ids(html) == [early.pk, late.pk]
    assert html.select_one(".live-status").get_text() == "Ended"
    assert not html.select_one("#live-entries").has_attr("data-updates")
    assert b"live/live.js" not in response.content
    assert not html.select(".live-refresh")


def test_a_live_blog_polls_and_offers_a_refresh_link_without_javascript(client, blog):
    post_entry(blog)
    response = client.get(blog.url)
    html = parse(response)

    section = html.select_one("#live-entries")
    assert section["data-updates"] == f"/live/{blog.pk}/updates/0/"
    assert html.select_one(".live-refresh a")["href"] == blog.url
    script = html.find("script", src=lambda src: src and "live/live" in src)
    assert script is not None and script.has_attr("defer")


def test_key_events_box_links_to_each_key_entry_on_its_page(client, blog):
    key_early = post_entry(
        blog, "Exit poll.", minutes_ago=500, key_event=True, title="Exit poll"
    )
    for n in range(ENTRIES_PER_PAGE + 2):
        post_entry(blog, f"Count {n}.", minutes_ago=400 - n)
    key_late = post_entry(
        blog, "Winner.", minutes_ago=1, key_event=True, title="Winner declared"
    )

    html = parse(client.get(blog.url))

    links = [
        (a.get_text(" ", strip=True), a["href"])
        for a in html.select(".live-key-events a")
    ]
    assert [text.split(" ", 2)[-1] for text, _ in links] == [
        "Winner declared",
        "Exit poll",
    ]
    assert links[0][1] == f"#entry-{key_late.pk}"
    assert links[1][1] == f"?page=2#entry-{key_early.pk}"
    page_two = parse(client.get(blog.url + "?page=2"))
    assert page_two.select_one(f"#entry-{key_early.pk}") is not None
    assert page_two.select_one(".live-key-events a")["href"] == (
        f"?page=1#entry-{key_late.pk}"
    )


def test_long_blogs_are_paginated_and_any_page_number_is_safe(client, blog):
    entries = [
        post_entry(blog, f"Update {n}.", minutes_ago=100 - n)
        for n in range(ENTRIES_PER_PAGE + 5)
    ]
    newest_first = [entry.pk for entry in reversed(entries)]

    first = parse(client.get(blog.url))
    second = parse(client.get(blog.url + "?page=2"))

    assert entry_ids(first) == newest_first[:ENTRIES_PER_PAGE]
    assert entry_ids(second) == newest_first[ENTRIES_PER_PAGE:]
    assert first.select_one(".pagination a[rel=next]")["href"] == "?page=2"
    for page in ("999", "9" * 40, "-3", "two", "1e9", ""):
        response = client.get(blog.url, {"page": page})
        assert response.status_code == 200, page
        assert entry_ids(parse(response)) in (
            newest_first[:ENTRIES_PER_PAGE],
            newest_first[ENTRIES_PER_PAGE:],
        )
    assert (
        entry_ids(parse(client.get(blog.url + "?page=" + "9" * 40)))
        == (newest_first[ENTRIES_PER_PAGE:])
    )


def test_deleted_entries_are_not_shown(client, blog):
    kept = post_entry(blog, "Kept.")
    gone = post_entry(blog, "A mistake.", key_event=True, title="Mistake")
    gone.deleted = True
    gone.save()

    html = parse(client.get(blog.url))

    assert entry_ids(html) == [kept.pk]
    assert "A mistake" not in html.get_text()
    assert not html.select(".live-key-events")


def test_at_most_one_pinned_entry_per_blog(blog):
    first = post_entry(blog, "Pinned first.", pinned=True)
    second = post_entry(blog, "Pinned next.", pinned=True)

    first.refresh_from_db()
    assert not first.pinned and second.pinned
    with pytest.raises(IntegrityError), transaction.atomic():
        LiveEntry.objects.filter(pk=first.pk).update(pinned=True)


def test_entry_pictures_are_shown_with_their_sizes(client, blog):
    picture = make_image("Crowd at the count", width=1200, height=800, alt_text="x")
    entry = post_entry(
        blog, body=[("image", {"image": picture, "caption": "The count hall"})]
    )
    html = parse(client.get(blog.url))
    image = html.select_one(f"#entry-{entry.pk} figure img")
    assert image["srcset"].count("w,") >= 1
    assert "The count hall" in html.select_one(f"#entry-{entry.pk} figcaption").text


def test_comments_close_when_the_blog_ends(client, blog):
    assert parse(client.get(blog.url)).select_one("form#leave-comment") is not None
    blog.status = "ended"
    blog.save_revision().publish()

    html = parse(client.get(blog.url))

    assert html.select_one("form#leave-comment") is None
    blog.refresh_from_db()
    assert blog.comments_mode == "closed" and blog.coverage_end is not None


def test_a_scheduled_blog_says_when_coverage_starts(client):
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now() + timedelta(hours=3)
    blog = make_live_blog(status="scheduled", coverage_start=start)
    html = parse(client.get(blog.url))
    assert html.select_one(".live-status").get_text() == "Coming up"
    assert "Coverage starts" in html.select_one(".live-coverage").get_text()
    assert html.select_one(".live-entries__empty") is not None
