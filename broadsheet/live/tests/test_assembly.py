"""A live blog's page the page cache missed is put together from the cache
like a story's (its route, head and JSON-LD, the blog, its comments), and an
entry posted, edited or deleted shows on the next render all the same.
`?render=x` is an address the page cache never keeps."""

import pytest

from broadsheet.caching.tests.test_assembly import json_ld, reader_parts, render
from broadsheet.live.reading import ENTRIES_PER_PAGE
from broadsheet.live.tests.builders import make_live_blog, post_entry

pytestmark = pytest.mark.django_db

UNCACHED = "?render=x"


def updates(html):
    return [
        update["headline"]
        for update in json_ld(html, "LiveBlogPosting")["liveBlogUpdate"] or []
    ]


@pytest.fixture
def blog():
    blog = make_live_blog(topic_name="Elections")
    post_entry(blog, "Polls close.", minutes_ago=30, pinned=True, writer="Ada")
    post_entry(blog, "First result.", minutes_ago=20, title="First result")
    post_entry(blog, "Turnout is up.", minutes_ago=10, key_event=True, title="Turnout")
    return blog


def test_a_live_blog_put_together_from_the_cache_runs_no_query(client, blog):
    first, _ = render(client, blog.url + UNCACHED)
    again, queries = render(client, blog.url + UNCACHED)
    assert queries == 0
    assert reader_parts(again) == reader_parts(first)
    assert "Turnout is up." in again and 'class="live-key-events"' in again
    assert set(updates(again)) == {"Polls close.", "First result", "Turnout"}


def test_entries_posted_edited_and_deleted_show_on_the_next_render(client, blog):
    render(client, blog.url + UNCACHED)
    entry = post_entry(blog, "Winner declared.", title="Winner")
    html, _ = render(client, blog.url + UNCACHED)
    assert f'id="entry-{entry.pk}"' in html and "Winner" in updates(html)

    entry.body = [("paragraph", "<p>Winner declared, recount ahead.</p>")]
    entry.save()
    html, _ = render(client, blog.url + UNCACHED)
    assert "Winner declared, recount ahead." in html

    entry.deleted = True
    entry.save()
    html, _ = render(client, blog.url + UNCACHED)
    assert f'id="entry-{entry.pk}"' not in html and "Winner" not in updates(html)


def test_each_page_of_entries_is_put_together_apart(client, blog):
    for n in range(ENTRIES_PER_PAGE):
        post_entry(blog, f"Update {n}.", minutes_ago=5 - n / 100, title=f"Update {n}")
    first, _ = render(client, blog.url + UNCACHED)
    second, _ = render(client, blog.url + UNCACHED + "&page=2")
    again, queries = render(client, blog.url + UNCACHED + "&page=2")
    assert queries == 0 and reader_parts(again) == reader_parts(second)
    # The oldest entry was pushed onto page 2, in its entries and JSON-LD.
    assert "First result" in updates(second) and "First result" not in updates(first)
