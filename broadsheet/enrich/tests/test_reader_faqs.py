"""Generated FAQ answers readers see are those the story's current words
support; which ones that is, is worked out once per version of a story."""

import pytest
from django.test import Client
from wagtail.rich_text import RichText

from broadsheet.enrich import page_text
from broadsheet.news.models import ArticleFAQ, faq_fingerprint
from broadsheet.testing import make_article, parse

pytestmark = pytest.mark.django_db

QUOTED = "The harbour reopens on Monday after a month of repairs."
OTHER = "Fishing boats will be the first to return to the quay."


def generated(story, question, answer):
    ArticleFAQ.objects.create(
        article=story,
        question=question,
        answer=answer,
        generated=True,
        fingerprint=faq_fingerprint(question, answer),
    )


def questions(story):
    # An address the page cache does not keep: every view renders.
    html = parse(Client().get(story.url + "?fresh=1"))
    return [dt.get_text(strip=True) for dt in html.select(".faq dt")]


@pytest.fixture
def story():
    story = make_article(
        "Harbour reopens",
        body=[("paragraph", RichText(f"<p>{QUOTED} {OTHER}</p>"))],
    )
    generated(story, "When does the harbour reopen?", QUOTED)
    generated(story, "Who returns first?", OTHER)
    return story


def test_a_version_is_read_into_sentences_once(story, monkeypatch):
    assert questions(story) == ["When does the harbour reopen?", "Who returns first?"]

    def not_again(page):
        raise AssertionError("the same version was read again")

    monkeypatch.setattr(page_text, "story_for", not_again)
    assert questions(story) == ["When does the harbour reopen?", "Who returns first?"]


def test_an_edit_that_drops_a_quoted_sentence_drops_its_answer(story):
    assert len(questions(story)) == 2
    story.body = [("paragraph", RichText(f"<p>{OTHER}</p>"))]
    story.save_revision().publish()
    assert questions(story) == ["Who returns first?"]
