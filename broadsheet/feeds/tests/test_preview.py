"""An editor's preview of a story not yet published, or not yet saved, shows
its head tags and JSON-LD without dates it does not have."""

import pytest
from django.urls import reverse

from broadsheet import testing
from broadsheet.feeds.tests.crawler import jsonld, meta, of_type, page
from broadsheet.news.tests.test_newsroom_publishing import story_form

pytestmark = pytest.mark.django_db


def preview(editor, url, form):
    response = editor.post(url, form)
    assert response.json()["is_valid"] is True
    return page(editor.get(url))


def test_preview_of_a_new_story_has_head_tags_and_no_publication_date():
    editor = testing.logged_in(testing.make_editor("edna"))
    world = testing.section("world")
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("news", "articlepage", world.pk)
    )
    soup = preview(editor, url, story_form("Unsaved scoop", standfirst="Soon."))
    assert meta(soup, "og:title") == "Unsaved scoop"
    assert meta(soup, "description") == "Soon."
    article = of_type(jsonld(soup), "NewsArticle")
    assert article["headline"] == "Unsaved scoop"
    assert "datePublished" not in article


def test_preview_of_a_draft_has_head_tags():
    editor = testing.logged_in(testing.make_editor("edna"))
    story = testing.make_article("Draft scoop", publish=False)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(story.pk,))
    form = story_form("Draft scoop, rewritten", slug=story.slug, existing=story)
    soup = preview(editor, url, form)
    assert meta(soup, "og:title") == "Draft scoop, rewritten"
    article = of_type(jsonld(soup), "NewsArticle")
    assert "datePublished" not in article
