import pytest
from bs4 import BeautifulSoup

from broadsheet.images.renditions import KINDS
from broadsheet.testing import make_article, make_editor, make_image

pytestmark = pytest.mark.django_db


def specs(*kinds):
    return {spec for kind in kinds for spec in KINDS[kind][0]}


def test_publishing_a_story_makes_its_picture_sizes(django_capture_on_commit_callbacks):
    picture = make_image(alt_text="A harbour at dawn")
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Harbour reopens", lead_image=picture)
    made = set(picture.renditions.values_list("filter_spec", flat=True))
    assert made == specs("lead", "teaser", "teaser-lead")


def test_article_page_serves_the_prepared_sizes_without_making_new_ones(
    client, django_capture_on_commit_callbacks
):
    picture = make_image(alt_text="A harbour at dawn")
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article("Harbour reopens", lead_image=picture)
    before = picture.renditions.count()
    html = BeautifulSoup(client.get(story.url).content, "lxml")
    img = html.select_one(".story__lead-image img")
    assert img["alt"] == "A harbour at dawn"
    assert len(img["srcset"].split(",")) == len(KINDS["lead"][0])
    assert img["width"] and img["height"] and img["sizes"]
    assert picture.renditions.count() == before


def test_a_page_view_writes_no_picture_size_to_the_cache_it_read_it_from(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    """Wagtail 8.0 wrote every rendition it found in its cache back to it on
    every page view (a file written per size with the file cache)."""
    from broadsheet.images.models import NewsRendition

    picture = make_image(alt_text="A harbour at dawn")
    inline = make_image(alt_text="Boats")
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article(
            "Harbour reopens", lead_image=picture, body=[("image", {"image": inline})]
        )
    # An editor's view renders every part afresh (a reader's would take the
    # story from a cached fragment and ask for no picture size at all).
    client.force_login(make_editor("edna"))
    first = client.get(story.url).content  # fills the cache
    writes = []
    backend = NewsRendition.cache_backend
    monkeypatch.setattr(backend, "set", lambda *a, **k: writes.append(a[0]))
    monkeypatch.setattr(backend, "set_many", lambda d, *a, **k: writes.extend(d))
    again = client.get(story.url).content
    assert [key for key in writes if key.startswith("wagtail-rendition-")] == []

    def srcsets(html):
        return [img["srcset"] for img in BeautifulSoup(html, "lxml").select("img")]

    assert srcsets(again) == srcsets(first)
    assert len(srcsets(again)) == 2
