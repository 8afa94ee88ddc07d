"""What every story has, a live blog has too: its public history."""

import pytest

from broadsheet.live.tests.builders import make_live_blog, post_entry
from broadsheet.testing import read

pytestmark = pytest.mark.django_db


def test_a_live_blog_links_to_its_public_history(client):
    blog = make_live_blog()
    post_entry(blog)
    html = read(client.get(blog.url))
    link = html.select_one(".story__history a")["href"]
    assert link == f"{blog.url}history/"
    history = read(client.get(link))
    assert blog.title in history.get_text()
