"""Cached pages are served compressed as the browser asks, and answer
conditional requests with 304 when they hold nothing per reader."""

import gzip
import re

import brotli
import pytest

from broadsheet.testing import make_article

pytestmark = pytest.mark.django_db

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]*)"')


def decoded(response):
    body = response.content
    coding = response.get("Content-Encoding")
    if coding == "br":
        return brotli.decompress(body)
    if coding == "gzip":
        return gzip.decompress(body)
    assert coding is None
    return body


@pytest.fixture
def story():
    return make_article("Harbour reopens after storm")


@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_a_cached_page_is_sent_in_the_coding_asked_for(client, story, coding):
    plain = client.get("/")
    assert "Content-Encoding" not in plain
    for state in ("hit", "hit"):
        response = client.get("/", headers={"accept-encoding": f"{coding}, deflate"})
        assert response["X-Cache"] == state
        assert response["Content-Encoding"] == coding
        assert int(response["Content-Length"]) == len(response.content)
        assert len(response.content) < len(plain.content) / 3
        assert decoded(response) == plain.content
        assert "Accept-Encoding" in response["Vary"]


def test_brotli_is_preferred_and_a_refused_coding_is_not_used(client, story):
    both = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})
    assert both["Content-Encoding"] == "br"
    refused = client.get("/", headers={"accept-encoding": "br;q=0, gzip"})
    assert refused["Content-Encoding"] == "gzip"
    none = client.get("/", headers={"accept-encoding": "identity"})
    assert "Content-Encoding" not in none


def test_a_page_with_no_per_reader_values_answers_conditional_requests(client, story):
    first = client.get("/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('W/"')
    assert client.get("/", headers={"if-none-match": etag}).status_code == 304
    assert client.get("/", headers={"if-modified-since": modified}).status_code == 304
    # The same page in another coding is the same (weak) entity.
    compressed = client.get(
        "/", headers={"if-none-match": etag, "accept-encoding": "br"}
    )
    assert compressed.status_code == 304
    make_article("Ferry timetable returns")
    changed = client.get("/", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert b"Ferry timetable returns" in changed.content


def test_a_page_with_a_comment_form_is_filled_in_then_compressed(client, story):
    """Each response carries its own CSRF token and form stamp, so it is
    compressed after they are filled in, and never answered with a 304 (the
    browser would keep a spent form stamp)."""
    first = client.get(story.url, headers={"accept-encoding": "br"})
    second = client.get(story.url, headers={"accept-encoding": "gzip"})
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    tokens = [TOKEN.search(decoded(r)).group(1) for r in (first, second)]
    assert tokens[0] != tokens[1]
    assert all(b"bs-csrf-" not in token for token in tokens)
    assert "Last-Modified" not in second
    again = client.get(story.url, headers={"if-none-match": second["ETag"]})
    assert again.status_code == 200
