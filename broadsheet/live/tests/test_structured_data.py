"""A live blog as a search engine reads it: a LiveBlogPosting (not a
NewsArticle) with its coverage times and its entries as BlogPostings at their
anchors, every type and property checked against schema.org's vocabulary."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from broadsheet.feeds.tests.crawler import jsonld, of_type, page, vocabulary
from broadsheet.feeds.text import iso
from broadsheet.live.reading import ENTRIES_PER_PAGE
from broadsheet.live.tests.builders import make_live_blog, post_entry

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
SCRIPT_TITLE = "Result </script><script>alert(1)</script> <!-- & more"


def test_a_live_blog_is_a_live_blog_posting_with_its_entries(client):
    start = timezone.now() - timedelta(hours=3)
    blog = make_live_blog(coverage_start=start, topic_name="Elections")
    first = post_entry(
        blog,
        "Polls have closed across the country.",
        minutes_ago=30,
        writer="Grace Hopper",
    )
    key = post_entry(
        blog,
        body=[
            ("subhead", "A landslide"),
            ("paragraph", RichText("<p>The <b>opposition</b> wins.</p>")),
        ],
        minutes_ago=5,
        title="Opposition wins",
        key_event=True,
    )

    blocks = jsonld(page(client.get(blog.url)))

    assert not [block for block in blocks if block["@type"] == "NewsArticle"]
    posting = of_type(blocks, "LiveBlogPosting")
    url = f"{SITE}{blog.url}"
    assert posting["url"] == url
    assert posting["headline"] == blog.title
    assert posting["coverageStartTime"] == iso(start)
    assert "coverageEndTime" not in posting
    assert posting["articleSection"] == "Politics"
    assert posting["dateModified"] == iso(key.updated_at)
    newest, oldest = posting["liveBlogUpdate"]
    assert newest == {
        "@type": "BlogPosting",
        "headline": "Opposition wins",
        "url": f"{url}#entry-{key.pk}",
        "datePublished": iso(key.posted_at),
        "dateModified": iso(key.updated_at),
        "articleBody": "A landslide The opposition wins.",
    }
    assert oldest["headline"] == "Polls have closed across the country."
    assert oldest["url"] == f"{url}#entry-{first.pk}"
    assert oldest["author"] == [
        {
            "@type": "Person",
            "name": "Grace Hopper",
            "url": f"{SITE}/authors/grace-hopper/",
        }
    ]
    for block in blocks:
        assert vocabulary().problems(block) == []


def test_an_ended_blog_says_when_coverage_ended(client):
    blog = make_live_blog()
    post_entry(blog)
    blog.status = "ended"
    blog.save_revision().publish()
    blog.refresh_from_db()

    posting = of_type(jsonld(page(client.get(blog.url))), "LiveBlogPosting")

    assert posting["coverageEndTime"] == iso(blog.coverage_end)
    assert vocabulary().problems(posting) == []


def test_later_pages_list_their_own_entries_at_their_page(client):
    blog = make_live_blog()
    entries = [
        post_entry(blog, f"Update {n}.", minutes_ago=100 - n)
        for n in range(ENTRIES_PER_PAGE + 2)
    ]
    posting = of_type(jsonld(page(client.get(blog.url + "?page=2"))), "LiveBlogPosting")
    assert [update["url"] for update in posting["liveBlogUpdate"]] == [
        f"{SITE}{blog.url}?page=2#entry-{entry.pk}" for entry in entries[1::-1]
    ]


def test_an_entry_title_cannot_break_out_of_the_script_element(client):
    blog = make_live_blog()
    post_entry(blog, "<p>x</p>", title=SCRIPT_TITLE)
    response = client.get(blog.url)
    for script in page(response).find_all("script", type="application/ld+json"):
        assert "<" not in script.string and ">" not in script.string
    posting = of_type(jsonld(page(response)), "LiveBlogPosting")
    assert posting["liveBlogUpdate"][0]["headline"] == SCRIPT_TITLE
