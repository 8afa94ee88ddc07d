"""Notes on a story (corrections, clarifications, editor's notes,
retractions) as an editor writes them and as readers and crawlers see them:
on the page, in its JSON-LD and in its feed entry, with honest dates."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from broadsheet import corpora, testing
from broadsheet.corrections.tests.conftest import publish_with
from broadsheet.feeds.tests.crawler import (
    feed,
    json_feed,
    jsonld,
    of_type,
    page,
    vocabulary,
)
from broadsheet.news.models import ArticlePage
from broadsheet.news.tests.test_newsroom_publishing import edit_url, story_form

pytestmark = pytest.mark.django_db

CORRECTION = "An earlier version gave the wrong date for the vote. It is on Tuesday."


def notes_on(soup):
    return soup.select(".story-note")


def updated_line(soup):
    return soup.select_one(".story__dates .updated time")


def test_editor_adds_a_correction_in_the_page_editor_and_readers_see_it(editor, reader):
    story = testing.make_article("Vote set for Monday", authors=["Jane Reporter"])

    response = editor.post(
        edit_url(story),
        story_form(
            "Vote set for Tuesday",
            slug=story.slug,
            authors=[testing.author("Jane Reporter")],
            body=[("paragraph", "<p>The vote is on Tuesday.</p>")],
            notes=[("correction", CORRECTION)],
            existing=story,
            action="publish",
        ),
    )

    assert response.status_code == 302
    soup = testing.read(reader.get(story.url))
    (note,) = notes_on(soup)
    assert testing.words(note).startswith("Correction ")
    assert CORRECTION in testing.words(note)
    # Under the body, dated to the minute it went public.
    body = soup.select_one(".story__body")
    assert body in note.find_all_previous("div")
    stored = ArticlePage.objects.get(pk=story.pk).notes.get()
    assert datetime.fromisoformat(note.find("time")["datetime"]) == stored.published_at
    # The correction is an update readers are told of.
    assert datetime.fromisoformat(updated_line(soup)["datetime"]) == (
        stored.published_at
    )


def test_a_note_in_a_draft_is_not_public_until_published(editor, reader):
    story = testing.make_article("Bridge reopens")
    publish_with(story, ("clarification", "Drafted note."), publish=False)

    soup = testing.read(reader.get(story.url))
    assert notes_on(soup) == []
    assert "Drafted note." not in reader.get("/corrections/").content.decode()
    assert updated_line(soup) is None


def test_a_retraction_keeps_the_story_up_marked_with_the_note_first(reader):
    story = testing.make_article("Minister to resign", standfirst="Sources say.")
    publish_with(story, ("retraction", "This story was wrong: she is staying."))

    response = reader.get(story.url)
    soup = testing.read(response)
    article = soup.select_one("article.story")
    assert "story--retracted" in article["class"]
    (note,) = notes_on(soup)
    assert testing.words(note).startswith("Retraction ")
    # Before the story's body: the first thing after the headline block.
    assert note.find_next("div", class_="story__body") is not None


def test_a_typo_fix_does_not_move_the_updated_date(reader):
    story = testing.make_article("Storm hits coast", age=timedelta(hours=3))
    publish_with(story, title="Storm hits the coast")

    fixed = ArticlePage.objects.get(pk=story.pk)
    assert fixed.updated_at is None
    soup = testing.read(reader.get(story.url))
    assert updated_line(soup) is None
    article = of_type(jsonld(soup), "NewsArticle")
    assert article["dateModified"] == article["datePublished"]


def test_an_edit_marked_as_an_update_moves_it_and_the_tick_is_cleared(reader):
    story = testing.make_article("Storm hits coast", age=timedelta(hours=3))
    updated = publish_with(story, announce=True, standfirst="Thousands evacuated.")

    assert updated.updated_at is not None
    assert updated.updated_at > updated.published_at
    assert not updated.announce_update  # the next edit starts unticked
    soup = testing.read(reader.get(story.url))
    assert datetime.fromisoformat(updated_line(soup)["datetime"]) == (
        updated.updated_at
    )
    article = of_type(jsonld(soup), "NewsArticle")
    assert datetime.fromisoformat(
        article["dateModified"]
    ) == updated.updated_at.replace(microsecond=0)

    # A later quiet fix keeps the date readers were given.
    again = publish_with(story, title="Storm hits the coast")
    assert again.updated_at == updated.updated_at


def test_the_editor_form_starts_unticked_after_an_update(editor):
    story = testing.make_article("Storm hits coast")
    publish_with(story, announce=True)

    form = testing.parse(editor.get(edit_url(story)))
    box = form.find("input", attrs={"name": "announce_update"})
    assert box is not None and not box.has_attr("checked")


def test_a_note_keeps_its_date_through_later_publishes():
    story = testing.make_article("Port strike ends")
    first = publish_with(story, ("correction", CORRECTION)).notes.get()
    later = publish_with(story, ("clarification", "The port is in Rotterdam."))

    notes = {note.kind: note for note in later.notes.all()}
    assert notes["correction"].published_at == first.published_at
    assert notes["clarification"].published_at > first.published_at
    assert later.updated_at == notes["clarification"].published_at


def test_json_ld_names_each_note_as_a_dated_correction_comment(client):
    story = testing.make_article("Vote set for Monday")
    story = publish_with(story, ("correction", CORRECTION))
    note = story.notes.get()

    blocks = jsonld(page(client.get(story.url)))
    article = of_type(blocks, "NewsArticle")
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "name": "Correction",
            "text": CORRECTION,
            "datePublished": note.published_at.isoformat(timespec="seconds"),
        }
    ]
    assert article["dateModified"] == note.published_at.isoformat(timespec="seconds")
    for block in blocks:
        assert vocabulary().problems(block) == []


def test_the_story_feed_entries_carry_the_note_and_the_new_date(client):
    story = publish_with(testing.make_article("Vote set"), ("correction", CORRECTION))

    rss = feed(client.get(reverse("feeds:rss")))
    (entry,) = [e for e in rss.entries if e.title == "Vote set"]
    assert "Correction" in entry.description and CORRECTION in entry.description

    document = json_feed(client.get(reverse("feeds:json")))
    (item,) = [i for i in document["items"] if i["title"] == "Vote set"]
    assert CORRECTION in item["content_html"]
    assert datetime.fromisoformat(item["date_modified"]) == story.updated_at


def test_a_correction_reaches_a_reader_whose_page_was_cached(reader):
    story = testing.make_article("Vote set for Monday")
    assert notes_on(testing.read(reader.get(story.url))) == []
    assert reader.get(story.url)["X-Cache"] == "hit"

    publish_with(story, ("correction", CORRECTION))

    assert len(notes_on(testing.read(reader.get(story.url)))) == 1
    entries = feed(reader.get(reverse("feeds:rss"))).entries
    assert CORRECTION in entries[0].description


@pytest.mark.parametrize("corpus", corpora.each(), ids=str)
def test_hostile_note_text_is_shown_as_text(client, corpus):
    lines = corpus.path("payloads/xss.txt").read_text("utf-8").splitlines()
    payloads = [line for line in lines if "<" in line][:40]
    story = testing.make_article("Hostile notes")
    story = publish_with(story, *[("correction", text) for text in payloads])

    soup = page(client.get(story.url))
    shown = [testing.words(n.select_one(".story-note__text")) for n in notes_on(soup)]
    assert shown == [" ".join(text.split()) for text in payloads]
    for note in notes_on(soup):
        text = note.select_one(".story-note__text")
        # Nothing but line breaks made of the text: no element, no attribute.
        assert {tag.name for tag in text.find_all(True)} <= {"br"}
        assert all(not tag.attrs for tag in text.find_all(True))
    article = of_type(jsonld(soup), "NewsArticle")
    assert len(article["correction"]) == len(payloads)
    feed(client.get(reverse("feeds:rss")))
    feed(client.get(reverse("corrections:rss")))


def test_sitemaps_date_a_story_by_its_notes_not_its_typo_fixes(client):
    story = testing.make_article("Vote set", age=timedelta(days=1))
    publish_with(story, title="Vote set!")
    lastmod = sitemap_lastmod(client, story)
    assert lastmod == story.published_at.date().isoformat()

    corrected = publish_with(story, ("correction", CORRECTION))
    assert sitemap_lastmod(client, story) == corrected.updated_at.date().isoformat()


def sitemap_lastmod(client, story):
    from broadsheet.feeds.tests.crawler import xml

    document = xml(client.get("/sitemap-articles.xml"))
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    for url in document.findall("sm:url", ns):
        if url.find("sm:loc", ns).text.endswith(story.url):
            return url.find("sm:lastmod", ns).text
    raise AssertionError("not in the sitemap")


def test_a_story_is_not_updated_the_moment_it_first_goes_out(reader):
    story = testing.make_article("Storm hits coast", publish=False)
    published = publish_with(story, ("editors_note", "Written with AP."), announce=True)

    assert published.live and published.updated_at is None
    assert published.notes.get().published_at is not None
    assert updated_line(testing.read(reader.get(story.url))) is None
