"""A live blog's page and its polling endpoint run a fixed number of queries
however many entries they show: entries, their authors, pictures and picture
sizes are fetched in bulk (the style of news/tests/test_query_counts.py)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from broadsheet.live.reading import current_bucket
from broadsheet.live.tests.builders import make_live_blog, post_entry
from broadsheet.news.tests.test_query_counts import growth
from broadsheet.testing import make_image

pytestmark = pytest.mark.django_db


def add_entries(blog, first, count):
    for n in range(first, first + count):
        post_entry(
            blog,
            f"Update {n}.",
            minutes_ago=200 - n,
            writer=f"Writer {n % 3}",
            title=f"Update {n}" if n % 2 else "",
            key_event=n % 4 == 0,
            body=[
                ("paragraph", f"<p>Update {n}.</p>"),
                ("image", {"image": make_image(f"p{n}", width=96, height=64)}),
                ("quote", {"text": "We won.", "attribution": "A candidate"}),
            ],
        )


def queries(url):
    assert Client().get(url).status_code == 200  # picture sizes made once
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(url)
    assert response.status_code == 200
    cache.clear()
    return [query["sql"] for query in captured.captured_queries]


def test_blog_page_and_updates_run_a_fixed_number_of_queries():
    blog = make_live_blog()
    add_entries(blog, 0, 3)
    post_entry(blog, "Pinned.", pinned=True, writer="Ada Lovelace")
    updates = f"/live/{blog.pk}/updates/{current_bucket()}/"
    small = {"page": queries(blog.url), "updates": queries(updates)}

    add_entries(blog, 3, 12)
    updates = f"/live/{blog.pk}/updates/{current_bucket()}/"
    large = {"page": queries(blog.url), "updates": queries(updates)}

    for name in small:
        assert len(large[name]) == len(small[name]), growth(small[name], large[name])
