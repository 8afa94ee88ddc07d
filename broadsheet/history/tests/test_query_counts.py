"""The public history and /corrections/ run a fixed number of queries however
many versions or notes they show (cold cache, a few, then more)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from broadsheet import testing
from broadsheet.history.tests.conftest import publish_with

pytestmark = pytest.mark.django_db


def queries(url):
    """Queries of a cold render; the process's own first-use lookups (content
    types and the like) done beforehand."""
    Client().get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url).status_code == 200
    return len(captured)


def grow(story, count, start):
    for n in range(start, start + count):
        publish_with(story, ("correction", f"Fix number {n}."), title=f"Take {n}")


def test_history_costs_the_same_with_more_versions():
    story = testing.make_article("Take 0")
    grow(story, 2, 1)
    few = queries(f"{story.url}history/")
    grow(story, 6, 3)
    assert queries(f"{story.url}history/") == few


def test_corrections_page_costs_the_same_with_more_notes():
    stories = [testing.make_article(f"Story {n}") for n in range(6)]
    grow(stories[0], 2, 1)
    few = queries("/corrections/")
    for story in stories[1:]:
        grow(story, 2, 1)
    assert queries("/corrections/") == few
