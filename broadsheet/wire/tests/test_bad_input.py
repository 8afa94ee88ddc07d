"""Wire items that are broken or hostile in ways the schema allows: each is
imported clean, or refused in one line, and the rest of its batch imports
(security review 2026-12, findings 8, 18, 19 and 20). Runs on SQLite and, in
the suite's second pass, on PostgreSQL, whose text columns refuse NUL."""

import pytest

from broadsheet.news.models import ArticlePage, Author, Topic
from broadsheet.testing import read, words
from broadsheet.wire.models import WireItem
from broadsheet.wire.parsers.base import Document
from broadsheet.wire.parsers.ninjs import parse
from broadsheet.wire.tests.conftest import import_ninjs, ninjs_item, write

pytestmark = pytest.mark.django_db


def headline(text):
    return [{"role": "main", "value": text}]


def test_a_nul_in_a_headline_does_not_fail_the_batch(tmp_path, client):
    write(
        tmp_path,
        "batch.json",
        [
            ninjs_item("urn:nul:good1", headlines=headline("Batch good one")),
            ninjs_item(
                "urn:nul:bad",
                headlines=headline("Bad \u0000 headline"),
                by="Ada\u0000 Reporter",
                subjects=[{"name": "Ship\u0000ping"}],
                descriptions=[{"role": "summary", "value": "Sum\u0000mary."}],
            ),
            ninjs_item("urn:nul:good2", headlines=headline("Batch good two")),
        ],
    )

    run = import_ninjs(tmp_path, publish=True)

    assert run.status == 0, run.err
    assert run.summary.startswith("3 imported, 0 updated, 0 unchanged, 0 refused")
    page = ArticlePage.objects.get(wire_item__uri="urn:nul:bad")
    assert page.title == "Bad headline"
    assert page.standfirst == "Summary."
    shown = read(client.get(page.url))
    assert words(shown.h1) == "Bad headline"
    assert "\x00" not in shown.text
    assert list(Author.objects.filter(name="Ada Reporter")) != []
    assert list(Topic.objects.filter(name="Shipping")) != []
    assert WireItem.objects.get(uri="urn:nul:bad").headline == "Bad headline"


def test_an_item_with_nothing_but_a_uri_is_refused_in_one_line(tmp_path, client):
    feed = write(
        tmp_path,
        "feed.json",
        [ninjs_item("urn:good"), {"uri": "x"}, {"uri": "y", "type": "text"}],
    )

    run = import_ninjs(tmp_path, publish=True)

    assert run.error_lines == [
        f"{feed}#1: has neither a headline nor a body: nothing to publish",
        f"{feed}#2: has neither a headline nor a body: nothing to publish",
    ]
    assert run.summary.startswith("1 imported, 0 updated, 0 unchanged, 2 refused")
    assert not WireItem.objects.filter(uri__in=["x", "y"]).exists()
    assert client.get("/world/wire-story-x/").status_code == 404


def test_markup_in_bylines_and_subjects_is_stripped_as_in_headlines(tmp_path):
    write(
        tmp_path,
        "item.json",
        ninjs_item(
            "urn:markup",
            by="<script>alert('by')</script>Evil <b>Byline</b>",
            subjects=[{"name": "<img src=x onerror=alert('subject')>Harbours"}],
        ),
    )

    run = import_ninjs(tmp_path, publish=True)

    assert run.status == 0, run.err
    page = ArticlePage.objects.get(wire_item__uri="urn:markup")
    assert [a.author.name for a in page.article_authors.all()] == ["Evil Byline"]
    assert page.topic.name == "Harbours"
    names = [*Author.objects.values_list("name", flat=True)]
    names += Topic.objects.values_list("name", flat=True)
    assert not [name for name in names if "<" in name or "alert" in name]


def test_a_deeply_nested_body_is_flattened_with_its_words_kept(tmp_path):
    nested = "<div>" * 5000 + "<p>Deep inside.</p>" + "</div>" * 5000
    write(
        tmp_path,
        "nested.json",
        ninjs_item("urn:nested", bodies=[{"role": "html", "value": nested}]),
    )

    run = import_ninjs(tmp_path, publish=True)

    assert run.status == 0, run.err
    assert run.error_lines == []
    page = ArticlePage.objects.get(wire_item__uri="urn:nested")
    assert [block.block_type for block in page.body] == ["paragraph"]
    assert page.body[0].value.source == "<p>Deep inside.</p>"


def test_every_text_a_parser_hands_over_is_free_of_nul():
    story = parse(
        Document(
            "item.json",
            ninjs_item(
                "urn:\u0000nul",
                headlines=headline("A\u0000B"),
                bodies=[{"role": "html", "value": "<p>x\u0000y</p>"}],
                genres=[{"name": "Wor\u0000ld"}],
                language="e\u0000n",
            ),
        )
    )
    texts = [value for value in vars(story).values() if isinstance(value, str)]
    texts += [
        v for value in vars(story).values() if isinstance(value, tuple) for v in value
    ]
    assert not [text for text in texts if "\x00" in text]
    assert (story.uri, story.headline, story.language) == ("urn:nul", "AB", "en")
