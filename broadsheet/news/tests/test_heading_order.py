"""Every reader page's headings go down one level at a time (h1, then h2,
then h3), as screen readers move through them and Lighthouse's "heading
order" audit asks: a listing's teasers sit right under its h1."""

import pytest
from django.test import Client

from broadsheet.testing import author, make_article, make_image, parse, section, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    story = None
    for n in range(3):
        story = make_article(
            f"Harbour news {n}",
            "world",
            topic_name="Harbours",
            authors=("Ada Lovelace",),
            lead_image=make_image(f"harbour {n}", width=320, height=180),
            standfirst="Boats.",
        )
    return {
        "home": "/",
        "section": section("world").url,
        "topic": topic("Harbours").get_absolute_url(),
        "author": author("Ada Lovelace").get_absolute_url(),
        "latest": "/latest/",
        "search": "/search/?q=harbour",
        "article": story.url,
    }


def levels(html):
    return [int(h.name[1]) for h in html.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


@pytest.mark.parametrize(
    "name", ["home", "section", "topic", "author", "latest", "search", "article"]
)
def test_no_heading_level_is_skipped(pages, name):
    found = levels(parse(Client().get(pages[name])))
    assert found[0] == 1, found
    skips = [(a, b) for a, b in zip(found, found[1:], strict=False) if b > a + 1]
    assert skips == [], found
