"""`broadsheet demo`: a full newsroom where every page has something to show."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from broadsheet.home.models import SiteSettings
from broadsheet.home.setup import SECTIONS
from broadsheet.news.models import ArticlePage, Author, Topic
from broadsheet.testing import Terminal

pytestmark = pytest.mark.django_db

MIN_STORIES = 60


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "lxml")


def test_demo_builds_a_newsroom_that_shows_every_article_element(
    client, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    out, log = io.StringIO(), io.StringIO()
    call_command("demo", stdout=out, stderr=log)
    stories = ArticlePage.objects.published()
    assert stories.count() >= MIN_STORIES
    assert {s.section.slug for s in stories} == {slug for _, slug in SECTIONS}
    assert Author.objects.filter(photo__isnull=False).count() >= 10
    assert Topic.objects.count() >= 20
    assert SiteSettings.objects.get().editors_picks.count() >= 5
    printed = out.getvalue()
    assert "admin" in printed and "password:" in printed

    assert log.getvalue() == ""  # not a terminal: no progress shown

    # Run again: nothing is duplicated. On a terminal, its progress shows.
    counts = (stories.count(), Author.objects.count(), Topic.objects.count())
    terminal = Terminal()
    call_command("demo", stdout=io.StringIO(), stderr=terminal)
    assert (stories.count(), Author.objects.count(), Topic.objects.count()) == counts
    assert "\rdemo stories [########################] 63/63 (" in terminal.getvalue()

    for story in stories.select_related("topic"):
        html = page_html(client, story.url)
        assert html.h1.get_text(strip=True) == story.title
        assert html.select_one(".story__meta .byline a[rel=author]")
        assert html.select_one(".story__meta time[datetime]")
        assert (
            html.select_one('a.comment-count[href="#comments"]').get_text()
            == "0 comments"
        )
        assert html.select_one(".story__labels a.label").get_text() == story.topic.name
        assert html.select(".story__body p")
        faq = html.select(".story__faq .faq__item")
        assert 4 <= len(faq) <= 6
        assert html.select_one("#faq-heading").get_text() == (
            f"Frequently Asked Questions (FAQs) about {story.topic.name}"
        )
        assert (
            html.select_one("#more-heading").get_text()
            == f"More about {story.topic.name}"
        )
        assert 3 <= len(html.select(".story__related .teaser")) <= 6
        assert html.select_one("#comments h2").get_text() == "Leave a Comment"
        assert html.select(".rail__blurb p")
        assert len(html.select("#rail-picks + ol li")) >= 5
        assert html.select("#rail-latest + ol li")
        assert html.select_one(".site-footer__copyright")

    for url in ["/", "/latest/", "/search/?q=rates"] + [
        f"/{slug}/" for _, slug in SECTIONS
    ]:
        assert page_html(client, url).select(".teaser")
    for author in Author.objects.all():
        html = page_html(client, author.get_absolute_url())
        assert html.select(".teaser") and html.select_one(".author-header img")

    # One corrected story, and one with a few versions to compare.
    corrected = stories.get(slug="assembly-passes-lobbying-transparency-bill")
    html = page_html(client, corrected.url)
    (note,) = html.select(".story-note")
    assert note.select_one("strong").get_text() == "Correction"
    assert corrected.updated_at == corrected.notes.get().published_at
    assert "164 votes to 112" in html.select_one(".story__body").get_text()
    corrections = page_html(client, "/corrections/")
    assert corrected.title in corrections.select_one(".corrections-list").get_text()
    changed = stories.get(slug="water-vapour-detected-temperate-exoplanet")
    history = page_html(client, f"{changed.url}history/")
    assert len(history.select("section.history-version")) == 3
    assert history.select(".history-diff del") and history.select(".history-diff ins")
    times = [t["datetime"] for t in history.select("section.history-version h2 time")]
    assert times == sorted(times, reverse=True)
    assert changed.published_at < changed.updated_at <= changed.last_published_at
