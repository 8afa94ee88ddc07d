"""Personas and a publishing helper for the corrections tests."""

import pytest
from django.test import Client

from broadsheet import testing
from broadsheet.news.models import ArticleNote, ArticlePage


@pytest.fixture
def editor():
    return testing.logged_in(testing.make_editor("edna"))


@pytest.fixture
def reader():
    return Client()


def publish_with(story, *notes, announce=False, publish=True, **fields):
    """Edit `story` as the page editor does (its newest version, in memory),
    add `notes` ((kind, text) pairs), change `fields`, save a revision and
    publish it. The story as readers now have it."""
    page = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    for kind, text in notes:
        page.notes.add(ArticleNote(kind=kind, text=text))
    for name, value in fields.items():
        setattr(page, name, value)
    page.announce_update = announce
    revision = page.save_revision()
    if publish:
        revision.publish()
    return ArticlePage.objects.get(pk=story.pk)
