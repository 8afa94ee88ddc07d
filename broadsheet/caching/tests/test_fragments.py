"""{% fragment %}: part of a page cached by what it shows."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from broadsheet.caching import store, tags, versions
from broadsheet.caching.invalidation import invalidate
from broadsheet.caching.templatetags.fragments import FragmentNode
from broadsheet.core.placeholders import NONCE_ATTRIBUTE
from broadsheet.news.models import ArticlePage
from broadsheet.testing import make_article, make_editor

FRAGMENT = Template(
    '{% load fragments %}{% fragment "box" key %}{% shows "thing" %}'
    "{{ value }}{% endfragment %}"
)


def render(value, key="a", request=None):
    context = Context({"value": value, "key": key, "request": request})
    return FRAGMENT.render(context)


def in_readers_page(value, **kwargs):
    with tags.collecting() as page:
        return render(value, **kwargs), page


def test_a_fragment_is_served_until_what_it_shows_changes():
    assert in_readers_page("first")[0] == "first"
    content, page = in_readers_page("second")
    assert content == "first"
    # The page around it records the fragment's tags.
    assert "thing" in page.tags and page.inherited["thing"] > 0
    invalidate({"unrelated"})
    assert in_readers_page("third")[0] == "first"
    invalidate({"thing"})
    assert in_readers_page("fourth")[0] == "fourth"


def test_a_render_sees_the_cache_as_at_its_first_check_and_stores_nothing_stale():
    in_readers_page("first")
    in_readers_page("second")  # checked: fresh at this sequence number
    started = versions.now()
    with tags.collecting() as page:
        assert render("second") == "first"  # the render's first check
        invalidate({"thing"})
        # Later checks in the same render use the sequence it first read...
        assert render("third") == "first"
    # ...but what the render shows is recorded as stale, so a page holding
    # it is never served as fresh; the next render shows the change.
    assert not versions.match(versions.record(page.tags, started, page.inherited))
    assert in_readers_page("fourth")[0] == "fourth"


def test_the_key_values_make_separate_fragments():
    assert in_readers_page("one", key="a")[0] == "one"
    assert in_readers_page("two", key="b")[0] == "two"


def test_editors_renders_neither_read_nor_write_fragments():
    in_readers_page("cached")
    assert render("fresh") == "fresh"  # no page cache render around it
    invalidate({"thing"})
    render("editor")
    assert in_readers_page("reader")[0] == "reader"


def test_a_fragment_holding_a_per_reader_placeholder_is_never_stored():
    request = RequestFactory().get("/")
    setattr(request, NONCE_ATTRIBUTE, "n0nce")
    assert in_readers_page("bs-csrf-n0nce", request=request)[0] == "bs-csrf-n0nce"
    assert in_readers_page("later")[0] == "later"


def test_a_stale_fragment_being_rendered_elsewhere_is_served_as_it_was():
    in_readers_page("old")
    invalidate({"thing"})
    key = fragment_key("a")
    assert store.claim(key)  # another process is rendering it now
    content, page = in_readers_page("new")
    assert content == "old"
    # The page holding it records it as stale, to be put together again.
    assert not versions.match(page.inherited)
    store.release(key)
    assert in_readers_page("new")[0] == "new"


def fragment_key(key):
    node = next(n for n in FRAGMENT.nodelist if isinstance(n, FragmentNode))
    return node.key(Context({"key": key}))


def test_while_the_shared_cache_is_down_fragments_are_rendered_in_place(
    monkeypatch,
):
    """Each cache call may then wait for a probe of the cache: a render
    makes as few as it can."""
    in_readers_page("cached")
    monkeypatch.setattr(store, "cache_is_away", lambda: True)
    content, page = in_readers_page("rendered")
    assert content == "rendered" and "thing" in page.tags


@pytest.mark.django_db
def test_a_readers_search_uses_the_cached_rail_and_an_editors_does_not(client):
    story = make_article("Harbour reopens after storm")
    client.get("/")  # the rail and the navigation are now cached
    # A change no signal announces: only a fresh render shows it.
    ArticlePage.objects.filter(pk=story.pk).update(title="Harbour renamed quietly")
    search = client.get("/search/", {"q": "nothing"})
    assert "X-Cache" not in search  # the page itself is never stored
    assert b"Harbour reopens after storm" in search.content
    client.force_login(make_editor())
    editors = client.get("/search/", {"q": "nothing"})
    assert b"Harbour renamed quietly" in editors.content
