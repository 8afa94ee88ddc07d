"""The polling endpoint, as open pages and a CDN in front see it: one URL per
time bucket, the same answer for every reader, cached by the page cache,
revalidated with ETag, and freshened the moment an entry is posted, edited or
deleted (the blog's page too)."""

import pytest
from django.test import Client

from broadsheet.live.reading import BUCKET_SECONDS, current_bucket
from broadsheet.live.tests.builders import make_live_blog, post_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog():
    return make_live_blog()


def updates_url(blog, bucket=None):
    return f"/live/{blog.pk}/updates/{current_bucket() if bucket is None else bucket}/"


def test_changes_come_with_their_html_and_the_blogs_version(client, blog):
    entry = post_entry(blog, "Turnout is up.", title="Turnout", writer="Ada Lovelace")

    response = client.get(updates_url(blog))

    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "live"
    assert data["bucket"] == current_bucket()
    [change] = data["entries"]
    assert change["id"] == entry.pk and change["deleted"] is False
    assert change["changed"] == data["version"]
    html = parse_fragment(change["html"])
    assert html["id"] == f"entry-{entry.pk}"
    assert "Turnout is up." in html.get_text()
    assert "Ada Lovelace" in html.get_text()


def parse_fragment(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "lxml").select_one("article.live-entry")


def test_it_is_public_briefly_cacheable_and_served_from_the_page_cache(blog):
    post_entry(blog)
    url = updates_url(blog)

    first = Client().get(url)
    second = Client().get(url)

    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    control = {part.strip() for part in first["Cache-Control"].split(",")}
    assert control == {"public", f"max-age={BUCKET_SECONDS}"}
    assert first["ETag"] == second["ETag"]
    assert first.content == second.content
    assert not first.cookies
    assert "cookie" not in first.get("Vary", "").lower()


def test_a_poll_that_finds_nothing_new_is_a_304(blog):
    post_entry(blog)
    url = updates_url(blog)
    etag = Client().get(url)["ETag"]

    again = Client().get(url, HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304 and again.content == b""
    post_entry(blog, "Another.")
    changed = Client().get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_posting_editing_and_deleting_reach_pollers_and_the_page_at_once(blog):
    reader = Client()
    first = post_entry(blog, "First.")
    url = updates_url(blog)
    version = reader.get(url).json()["version"]
    reader.get(blog.url)
    assert reader.get(blog.url)["X-Cache"] == "hit"  # the page is cached now

    second = post_entry(blog, "Second.")
    data = reader.get(url).json()
    assert [c["id"] for c in data["entries"] if c["changed"] > version] == [second.pk]
    assert f"entry-{second.pk}" in reader.get(blog.url).content.decode()

    version = data["version"]
    first.body = [("paragraph", "<p>First, corrected.</p>")]
    first.save()
    data = reader.get(url).json()
    [edit] = [c for c in data["entries"] if c["changed"] > version]
    assert edit["id"] == first.pk and "First, corrected." in edit["html"]
    assert "First, corrected." in reader.get(blog.url).content.decode()

    version = data["version"]
    second.deleted = True
    second.save()
    data = reader.get(url).json()
    [deletion] = [c for c in data["entries"] if c["changed"] > version]
    assert deletion == {
        "id": second.pk,
        "changed": deletion["changed"],
        "posted": deletion["posted"],
        "deleted": True,
    }
    assert f"entry-{second.pk}" not in reader.get(blog.url).content.decode()


def test_a_bucket_far_from_the_servers_clock_fills_no_cache(client, blog):
    for bucket in (current_bucket() + 50, current_bucket() - 50, 0):
        response = client.get(updates_url(blog, bucket))
        assert response.status_code == 404
        assert response.json() == {"bucket": current_bucket()}
        assert "no-store" in response["Cache-Control"]


def test_unpublished_and_unknown_blogs_have_no_updates(client, blog):
    url = updates_url(blog)
    blog.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(f"/live/999999/updates/{current_bucket()}/").status_code == 404
    assert client.get(f"/live/{blog.pk}/updates/{'9' * 40}/").status_code == 404


def test_an_ended_blog_tells_open_pages_to_stop(client, blog):
    post_entry(blog)
    blog.status = "ended"
    blog.save_revision().publish()
    assert client.get(updates_url(blog)).json()["status"] == "ended"
