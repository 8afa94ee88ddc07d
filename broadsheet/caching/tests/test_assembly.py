"""A reader's page the page cache missed is put together from the cache:
its route, its head tags and JSON-LD, its story, front or listing, each
fresh while what it shows is unchanged. `?render=x` is an address the page
cache never keeps, so every request here is a render."""

import hashlib
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from broadsheet.comments.models import Comment, CommentSettings
from broadsheet.comments.moderation import moderate
from broadsheet.news.models import ArticlePage, CommentsMode
from broadsheet.testing import make_article, make_image, section

pytestmark = pytest.mark.django_db

UNCACHED = "?render=x"


@pytest.fixture
def story():
    return make_article(
        "Harbour reopens after storm",
        "world",
        body=[("paragraph", RichText("<p>Ferries wait at the quay.</p>"))],
        topic_name="Harbours",
        authors=("Ann Writer",),
        lead_image=make_image(caption="Dawn over the quay"),
        faqs=[("When does it reopen?", "On Monday.")],
    )


def render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


def reader_parts(html):
    """The page without the comment form's per-response values."""
    return re.sub(r'value="[^"]*"', "", html.split('<section id="comments"')[0])


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>')


def json_ld(html, kind):
    for script in JSON_LD.findall(html):
        data = json.loads(script)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind}")


def approve(story, name, body):
    comment = Comment.objects.create(article=story, name=name, body=body)
    moderate(Comment.objects.filter(pk=comment.pk), "approve")
    return comment


def test_a_story_put_together_from_the_cache_runs_no_query(client, story):
    approve(story, "Reader", "Good news")
    first, _ = render(client, story.url + UNCACHED)
    again, queries = render(client, story.url + UNCACHED)
    # Its comment settings, comments and form come from the cache too.
    assert queries == 0
    assert reader_parts(again) == reader_parts(first)
    assert "Ferries wait at the quay." in again
    assert "Good news" in again
    assert 'name="email"' in again
    assert json_ld(again, "NewsArticle")["headline"] == "Harbour reopens after storm"


def form_values(html):
    return dict(re.findall(r'name="(csrfmiddlewaretoken|stamp)" value="([^"]*)"', html))


def test_the_comment_form_gets_its_own_token_and_stamp_each_response(client, story):
    first, _ = render(client, story.url + UNCACHED)
    again, _ = render(client, story.url + UNCACHED)
    # The fields come from the cache; the per-reader values never do.
    assert (
        form_values(first).keys()
        == form_values(again).keys()
        == {
            "csrfmiddlewaretoken",
            "stamp",
        }
    )
    assert form_values(first)["stamp"] != form_values(again)["stamp"]
    assert "bs-csrf-" not in again and "bs-stamp-" not in again


def test_a_comment_approved_or_removed_reaches_the_cached_comment_list(client, story):
    render(client, story.url + UNCACHED)
    comment = approve(story, "Reader", "Good news")
    html, _ = render(client, story.url + UNCACHED)
    assert "Good news" in html and "1 comment<" in html
    moderate(Comment.objects.filter(pk=comment.pk), "remove")
    html, _ = render(client, story.url + UNCACHED)
    assert "Good news" not in html and "0 comments<" in html


def test_changed_comment_settings_show_on_the_next_render(client, story):
    html, _ = render(client, story.url + UNCACHED)
    assert 'id="leave-comment"' in html
    settings = CommentSettings.current()
    settings.default_mode = CommentsMode.CLOSED
    settings.save()
    html, queries = render(client, story.url + UNCACHED)
    assert 'id="leave-comment"' not in html
    assert "Comments are closed on this story." in html
    settings.default_mode = CommentsMode.HIDDEN
    settings.save()
    html, _ = render(client, story.url + UNCACHED)
    assert "Comments are off for this story." in html
    # Read from the cache again once they stopped changing.
    _, queries = render(client, story.url + UNCACHED)
    assert queries == 0


def test_the_front_and_a_section_put_together_from_the_cache_run_no_query(
    client, story
):
    for url in ("/", "/world/"):
        first, _ = render(client, url + UNCACHED)
        again, queries = render(client, url + UNCACHED)
        assert queries == 0, url
        assert again == first, url
        assert "Harbour reopens after storm" in again, url


def test_a_publish_reaches_the_front_and_section_put_together_from_the_cache(
    client, story
):
    for url in ("/", "/world/", story.url):
        render(client, url + UNCACHED)
    make_article("Ferry timetable restored", "world", topic_name="Harbours")
    for url in ("/", "/world/", story.url):
        html, _ = render(client, url + UNCACHED)
        assert "Ferry timetable restored" in html, url


def test_the_story_head_counts_an_approved_comment(client, story):
    html, _ = render(client, story.url + UNCACHED)
    assert json_ld(html, "NewsArticle")["commentCount"] == 0
    approve(story, "Reader", "Good news")
    html, _ = render(client, story.url + UNCACHED)
    assert json_ld(html, "NewsArticle")["commentCount"] == 1
    assert "1 comment<" in html and "Good news" in html


def test_a_cached_route_follows_a_new_slug_and_an_unpublish(client, story):
    render(client, story.url + UNCACHED)
    old_url = story.url
    page = ArticlePage.objects.get(pk=story.pk)
    page.slug = "harbour-reopens"
    page.save_revision().publish()
    assert client.get(old_url + UNCACHED).status_code == 404
    html, _ = render(client, "/world/harbour-reopens/" + UNCACHED)
    assert "Harbour reopens after storm" in html
    page.unpublish()
    assert client.get("/world/harbour-reopens/" + UNCACHED).status_code == 404


def test_an_edit_reaches_a_story_put_together_from_the_cache(client, story):
    render(client, story.url + UNCACHED)
    page = ArticlePage.objects.get(pk=story.pk)
    page.title = "Harbour reopens to ferries"
    page.save_revision().publish()
    html, _ = render(client, story.url + UNCACHED)
    assert "Harbour reopens after storm" not in html
    assert json_ld(html, "NewsArticle")["headline"] == "Harbour reopens to ferries"


def listing_fragment(number):
    """The cache key of World's listing fragment for ?page=<number> (as
    FragmentNode.key makes it: its name, then its values' digest)."""
    values = f"{section('world').pk}:{number}"
    digest = hashlib.sha256(values.encode()).hexdigest()[:32]
    return f"fragment:section-stories:{digest}"


def test_a_listing_page_past_its_end_keeps_no_fragment(client, story):
    assert client.get("/world/?page=50").status_code == 200
    assert cache.get(listing_fragment(50)) is None
    assert client.get("/world/?page=1").status_code == 200
    assert cache.get(listing_fragment(1)) is not None
