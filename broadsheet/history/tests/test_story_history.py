"""A story's public history as readers see it, and as the newsroom withdraws
a version from it."""

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText

from broadsheet import testing
from broadsheet.feeds.tests.crawler import page
from broadsheet.history.models import PublishedVersion
from broadsheet.history.tests.conftest import publish_with

pytestmark = pytest.mark.django_db


def paragraph(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def history_url(story):
    return f"{story.url}history/"


def versions_on(soup):
    return soup.select("section.history-version")


@pytest.fixture
def story():
    """Published, then corrected, then updated: three versions."""
    story = testing.make_article(
        "Council votes on budget",
        standfirst="A long night.",
        body=paragraph("The council met on Monday. It voted 7 to 2."),
    )
    publish_with(
        story,
        ("correction", "An earlier version gave the wrong day: it met on Tuesday."),
        body=paragraph("The council met on Tuesday. It voted 7 to 2."),
    )
    return publish_with(
        story,
        title="Council passes budget",
        announce=True,
        body=paragraph("The council met on Tuesday. It voted 7 to 2. Taxes rise."),
    )


def test_the_story_links_to_its_history(reader, story):
    soup = page(reader.get(story.url))
    link = soup.find("a", string="How this story has changed")
    assert link["href"] == history_url(story)


def test_lists_every_published_version_newest_first_with_what_changed(reader, story):
    soup = page(reader.get(history_url(story)))
    versions = versions_on(soup)

    assert [testing.words(v.find("h2")).split(":")[0] for v in versions] == [
        "Version 3",
        "Version 2",
        "Version 1",
    ]
    times = [v.find("h2").find("time")["datetime"] for v in versions]
    stored = PublishedVersion.objects.filter(article_id=story.pk)
    assert times == [v.published_at.isoformat() for v in reversed(stored)]
    newest, corrected, first = versions
    assert "First published." in testing.words(first)
    # The correction, with its note, and its word-level change to the body.
    assert "Correction" in testing.words(corrected.select_one(".story-note"))
    (body,) = corrected.select(".history-diff")
    assert [d.get_text() for d in body.find_all("del")] == ["Monday."]
    assert [i.get_text() for i in body.find_all("ins")] == ["Tuesday."]
    # The update: a new headline and a sentence added, text not markup.
    headline, body = newest.select(".history-diff")
    assert [d.get_text() for d in headline.find_all("del")] == ["votes on"]
    assert [i.get_text() for i in headline.find_all("ins")] == ["passes"]
    assert [i.get_text() for i in body.find_all("ins")] == ["Taxes rise."]
    assert "<p>" not in body.get_text()
    assert "marked this version as an update" in testing.words(newest)


def test_drafts_never_appear(reader, story):
    publish_with(story, title="Draft headline nobody saw", publish=False)

    html = reader.get(history_url(story)).content.decode()
    assert "Draft headline nobody saw" not in html
    assert len(versions_on(page(reader.get(history_url(story))))) == 3


def test_a_quiet_republish_with_no_change_is_no_new_version(reader, story):
    publish_with(story)
    assert PublishedVersion.objects.filter(article_id=story.pk).count() == 3


def test_history_is_fresh_after_a_publish_though_cached(reader, story):
    assert len(versions_on(page(reader.get(history_url(story))))) == 3
    assert reader.get(history_url(story))["X-Cache"] == "hit"

    publish_with(story, title="Council passes budget at last")

    assert len(versions_on(page(reader.get(history_url(story))))) == 4


def test_an_unpublished_story_has_no_public_history(reader, story):
    story.unpublish()
    assert reader.get(history_url(story)).status_code == 404


def test_hostile_text_is_shown_as_text(reader):
    story = testing.make_article("Safe", body=paragraph("Before."))
    hostile = "&lt;script&gt;alert(1)&lt;/script&gt; <b>bold</b>"
    story = publish_with(
        story, title="<img src=x onerror=alert(1)>", body=paragraph(hostile)
    )

    soup = page(reader.get(history_url(story)))
    diffs = soup.select(".history-diff")
    assert not soup.select(".history-diff script, .history-diff img, .history-diff b")
    assert "<img src=x onerror=alert(1)>" in diffs[0].get_text()
    assert "<script>alert(1)</script>" in diffs[1].get_text()


# Withdrawing a version (a legal take-down)

SECRET = "Councillor Smith took a bribe."


@pytest.fixture
def withdrawable(story):
    """Version 4 says something that must go; version 5 takes it out."""
    publish_with(story, body=paragraph(f"The council met on Tuesday. {SECRET}"))
    return publish_with(
        story, body=paragraph("The council met on Tuesday. It voted 7 to 2.")
    )


def withdraw(client, story, number):
    version = PublishedVersion.objects.filter(article_id=story.pk)[number - 1]
    return client.post(reverse("history_admin:withdraw", args=[story.pk, version.pk]))


def test_a_withdrawn_version_is_named_without_its_text(editor, reader, withdrawable):
    story = withdrawable
    assert "bribe" in reader.get(history_url(story)).content.decode()

    response = withdraw(editor, story, 4)

    assert response.status_code == 302
    html = reader.get(history_url(story)).content.decode()
    # Not in its own entry, nor in the diffs of its neighbours.
    assert "bribe" not in html and "Smith" not in html
    soup = page(reader.get(history_url(story)))
    withdrawn = versions_on(soup)[1]
    assert "Version 4" in testing.words(withdrawn.find("h2"))
    assert "This version was withdrawn" in testing.words(withdrawn)
    # Version 5 is compared with version 3, the last one still shown.
    newest = versions_on(soup)[0]
    assert newest.select(".history-diff del")[0].get_text() == "Taxes rise."
    stored = PublishedVersion.objects.filter(article_id=story.pk)[3]
    assert "bribe" not in stored.body_text and stored.withdrawn


def test_the_version_readers_see_now_cannot_be_withdrawn(editor, story):
    withdraw(editor, story, 3)
    assert not PublishedVersion.objects.filter(article_id=story.pk)[2].withdrawn


def test_readers_and_other_authors_cannot_withdraw(reader, withdrawable):
    story = withdrawable
    response = withdraw(reader, story, 4)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    outsider = testing.logged_in(testing.make_author_user("someone"))
    assert withdraw(outsider, story, 4).status_code in (302, 403)
    assert not PublishedVersion.objects.filter(article_id=story.pk)[3].withdrawn


def test_a_withdrawn_version_can_be_shown_again(editor, reader, withdrawable):
    story = withdrawable
    withdraw(editor, story, 4)
    version = PublishedVersion.objects.filter(article_id=story.pk)[3]
    editor.post(reverse("history_admin:restore", args=[story.pk, version.pk]))
    assert "bribe" in reader.get(history_url(story)).content.decode()


def test_the_newsroom_sees_every_version_in_the_admin(editor, withdrawable):
    soup = testing.read(
        editor.get(reverse("history_admin:versions", args=[withdrawable.pk]))
    )
    rows = soup.select("table.listing tbody tr")
    assert len(rows) == 5
    # Every version but the one readers see now can be withdrawn.
    assert len(soup.find_all("button", string="Withdraw")) == 4


def test_the_history_page_says_what_it_is_to_crawlers(reader, story):
    soup = page(reader.get(history_url(story)))
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == f"http://127.0.0.1:8000{history_url(story)}"
    assert soup.title.get_text().startswith("How this story has changed: ")
    assert soup.html["lang"] == story.language_code
