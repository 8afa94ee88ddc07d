"""Each kind of change reaches every cached page that shows it, and only those.

Two stories in different sections, topics and authors; every reader page
and feed is read once (cached), then one thing changes. A page that showed
the old words must show the new ones at once; a page that did not show it
must still come from the cache (X-Cache: hit).
"""

import pytest
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from broadsheet.comments.models import Comment, Status
from broadsheet.comments.moderation import moderate
from broadsheet.enrich.models import EnrichmentSettings
from broadsheet.home.models import SiteSettings
from broadsheet.news.models import ArticlePage, Author, Topic
from broadsheet.testing import make_article, make_image, pick

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    picture = make_image(caption="Dawn over the quay", credit="Ann Photo/Agency")
    harbour = make_article(
        "Harbour reopens after storm",
        "world",
        body=[("paragraph", RichText("<p>Ferries wait at the quay.</p>"))],
        topic_name="Harbours",
        authors=("Ann Writer",),
        lead_image=picture,
    )
    markets = make_article(
        "Markets rally on rate hopes",
        "business",
        topic_name="Markets",
        authors=("Bob Columnist",),
    )
    return harbour, markets, picture


def addresses(harbour, markets):
    return [
        harbour.url,
        markets.url,
        "/",
        "/world/",
        "/business/",
        "/latest/",
        "/topics/harbours/",
        "/topics/markets/",
        "/authors/ann-writer/",
        "/authors/bob-columnist/",
        "/feeds/rss/",
        "/feeds/sections/world/rss/",
        "/feeds/sections/business/rss/",
        "/feeds/topics/harbours/atom/",
        "/feeds/topics/markets/atom/",
        "/feeds/authors/bob-columnist/json/",
        f"/comments/{harbour.pk}/rss/",
        f"/comments/{markets.pk}/rss/",
    ]


def read_all(client, urls):
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Cache" in response, url
        pages[url] = response
    return pages


def cached(client, urls):
    pages = read_all(client, urls)
    again = read_all(client, urls)
    assert all(r["X-Cache"] == "hit" for r in again.values())
    return pages


def check_change(client, urls, old, new, change):
    """Pages that showed `old` show `new` (and not `old`) right after
    `change()`; every other page is still a cache hit."""
    before = cached(client, urls)
    showing = {url for url, r in before.items() if old.encode() in r.content}
    assert showing, f"no page shows {old!r}"
    change()
    after = read_all(client, urls)
    for url, response in after.items():
        if url in showing:
            assert old.encode() not in response.content, url
            assert new.encode() in response.content, url
        else:
            assert response["X-Cache"] == "hit", url
    return showing


def test_editing_a_live_story_reaches_every_page_showing_it(client, stories):
    harbour, markets, _ = stories

    def edit():
        page = ArticlePage.objects.get(pk=harbour.pk)
        page.title = "Harbour reopens to ferries"
        page.save_revision().publish()

    showing = check_change(
        client,
        addresses(harbour, markets),
        "Harbour reopens after storm",
        "Harbour reopens to ferries",
        edit,
    )
    # Every page has Latest News; the other scopes' feeds do not show it.
    assert {harbour.url, markets.url, "/", "/business/"} <= showing


def test_renaming_a_topic_reaches_the_pages_naming_it(client, stories):
    harbour, markets, _ = stories

    def rename():
        topic = Topic.objects.get(name="Harbours")
        topic.name = "Ports"
        topic.save()

    showing = check_change(
        client, addresses(harbour, markets), "Harbours", "Ports", rename
    )
    assert {harbour.url, "/topics/harbours/", "/"} <= showing
    assert "/business/" not in showing


def test_editing_an_author_reaches_their_bylines(client, stories):
    harbour, markets, _ = stories

    def rename():
        author = Author.objects.get(name="Bob Columnist")
        author.name = "Robert Columnist"
        author.save()

    showing = check_change(
        client, addresses(harbour, markets), "Bob Columnist", "Robert Columnist", rename
    )
    assert {markets.url, "/business/", "/authors/bob-columnist/"} <= showing
    assert harbour.url not in showing


def test_a_pictures_caption_and_credit_reach_the_pages_showing_it(client, stories):
    """Review, architecture step 3: this change used to slip past."""
    harbour, markets, picture = stories

    def recaption():
        picture.caption = "Sunrise over the quay"
        picture.credit = "Ann Photo/Wire"
        picture.save()

    urls = addresses(harbour, markets)
    showing = check_change(client, urls, "Dawn over the quay", "Sunrise", recaption)
    # Its story's page, and the teasers that show the picture (its alt text).
    assert harbour.url in showing and markets.url not in showing
    assert b"Ann Photo/Wire" in client.get(harbour.url).content


def test_an_approved_comment_reaches_its_story_only(client, stories):
    harbour, markets, _ = stories
    comment = Comment.objects.create(
        article=harbour, name="Reader", body="Good news for the ferries"
    )
    assert comment.status != Status.APPROVED
    urls = addresses(harbour, markets)
    before = cached(client, urls)
    assert b"Good news for the ferries" not in before[harbour.url].content
    moderate(Comment.objects.filter(pk=comment.pk), "approve")
    after = read_all(client, urls)
    assert b"Good news for the ferries" in after[harbour.url].content
    assert b"Good news for the ferries" in after[f"/comments/{harbour.pk}/rss/"].content
    for url in set(urls) - {harbour.url, f"/comments/{harbour.pk}/rss/"}:
        assert after[url]["X-Cache"] == "hit", url


def test_publishing_a_story_reaches_its_lists_and_not_other_scopes(client, stories):
    harbour, markets, _ = stories
    urls = addresses(harbour, markets)
    cached(client, urls)
    make_article("Chip makers expand", "business", topic_name="Chips")
    after = read_all(client, urls)
    for url in [harbour.url, "/", "/business/", "/latest/", "/feeds/rss/"]:
        assert b"Chip makers expand" in after[url].content, url
    assert b"Chip makers expand" in after["/feeds/sections/business/rss/"].content
    for url in [
        "/feeds/sections/world/rss/",
        "/feeds/topics/harbours/atom/",
        "/feeds/topics/markets/atom/",
        "/feeds/authors/bob-columnist/json/",
    ]:
        assert after[url]["X-Cache"] == "hit", url


def test_unpublishing_or_restricting_a_story_removes_it_everywhere(client, stories):
    harbour, markets, _ = stories
    urls = [url for url in addresses(harbour, markets) if "harbour" not in url]
    urls.remove("/authors/ann-writer/")
    urls.remove(f"/comments/{harbour.pk}/rss/")
    cached(client, urls)
    ArticlePage.objects.get(pk=harbour.pk).unpublish()
    for url, response in read_all(client, urls).items():
        assert b"Harbour reopens after storm" not in response.content, url
    PageViewRestriction.objects.create(
        page=markets, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert b"Markets rally" not in client.get("/").content
    assert b"Markets rally" not in client.get("/feeds/rss/").content


@pytest.mark.parametrize("model", [SiteSettings, EnrichmentSettings])
def test_saving_any_settings_makes_every_page_fresh(client, stories, model):
    """EnrichmentSettings used to slip past (review, architecture step 3)."""
    harbour, markets, _ = stories
    urls = addresses(harbour, markets)
    cached(client, urls)
    model.current().save()
    after = read_all(client, urls)
    assert {r["X-Cache"] for r in after.values()} == {"miss"}


def test_the_blurb_and_editors_picks_reach_every_rail(client, stories):
    harbour, markets, _ = stories
    urls = [harbour.url, markets.url, "/", "/world/", "/topics/markets/"]
    cached(client, urls)
    settings = SiteSettings.current()
    settings.blurb = "News from the harbour town."
    settings.save()
    pick(markets)
    for url, response in read_all(client, urls).items():
        assert b"News from the harbour town." in response.content, url
        assert b"Editors&#x27; Picks" in response.content or b"Editors' Picks" in (
            response.content
        ), url
