"""Entries carrying the XSS corpus (in titles, paragraphs, quotes and picture
captions) render inert on the page and in the polling endpoint's HTML."""

import pytest
from bs4 import BeautifulSoup
from wagtail.rich_text import RichText

from broadsheet import corpora
from broadsheet.live.reading import current_bucket
from broadsheet.live.tests.builders import make_live_blog, post_entry
from broadsheet.testing import make_image, read

pytestmark = pytest.mark.django_db

LINES_PER_ENTRY = 60
ALLOWED = {"p", "br", "b", "i", "strong", "em", "a", "ol", "ul", "li"}


def payloads(corpus):
    text = corpus.path("payloads/xss.txt").read_text(errors="replace")
    return [line for line in text.splitlines() if line.strip()]


def assert_inert(entries_html):
    for entry in entries_html:
        assert entry.find(["script", "iframe", "svg", "object", "embed"]) is None
        for element in entry.find_all(True):
            for name, value in element.attrs.items():
                assert not name.lower().startswith("on"), element
                text = " ".join(value) if isinstance(value, list) else value
                assert "javascript:" not in text.lower().replace(" ", ""), element
        body = entry.select_one(".live-entry__body")
        for element in body.find_all(True):
            assert element.name in ALLOWED | {
                "figure",
                "figcaption",
                "img",
                "blockquote",
                "span",
                "cite",
                "h2",
                "footer",
            }, element


@pytest.mark.parametrize("corpus", corpora.each(), ids=str)
def test_hostile_entries_render_inert(client, corpus):
    lines = payloads(corpus)
    if not corpus.full:
        assert len(lines) > 100
    blog = make_live_blog()
    picture = make_image("p", width=64, height=48)
    chunks = [
        lines[i : i + LINES_PER_ENTRY] for i in range(0, len(lines), LINES_PER_ENTRY)
    ][:40]
    for n, chunk in enumerate(chunks):
        post_entry(
            blog,
            minutes_ago=len(chunks) - n,
            title=chunk[0][:200],
            key_event=True,
            body=[
                ("paragraph", RichText("".join(f"<p>{line}</p>" for line in chunk))),
                ("quote", {"text": "\n".join(chunk), "attribution": chunk[-1][:200]}),
                ("subhead", chunk[1][:200] if len(chunk) > 1 else "x"),
                ("image", {"image": picture, "caption": chunk[0][:200]}),
            ],
        )

    page = read(client.get(blog.url + "?page=1"))
    assert_inert(page.select("article.live-entry"))
    # The key events box shows the hostile titles as text.
    assert page.select_one(".live-key-events").find(["script", "img", "svg"]) is None

    updates = client.get(f"/live/{blog.pk}/updates/{current_bucket()}/").json()
    fragments = [
        BeautifulSoup(change["html"], "lxml").select_one("article.live-entry")
        for change in updates["entries"]
    ]
    assert len(fragments) == min(len(chunks), 50)
    assert_inert(fragments)
