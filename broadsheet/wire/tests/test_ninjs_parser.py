"""Reading ninjs: versions, validation, refusals, and what a WireStory holds."""

import json

import pytest

from broadsheet import corpora
from broadsheet.wire.parsers import ninjs
from broadsheet.wire.parsers.base import Document, Refused, Skipped, split_byline
from broadsheet.wire.parsers.ninjs_schema import RELEASED, VERSIONS, schema_for
from broadsheet.wire.sources.base import Payload
from broadsheet.wire.tests.conftest import ninjs_item


def parse(data, version=None):
    return ninjs.parse(Document("item.json", data), version)


def refusal(data, version=None):
    with pytest.raises(Refused) as refused:
        parse(data, version)
    return str(refused.value)


def documents(text):
    return list(ninjs.documents(Payload("feed.json", text.encode())))


def test_a_declared_version_is_the_one_checked():
    assert parse(ninjs_item()).source_format == "ninjs 3.0"
    item = ninjs_item(standard={"name": "ninjs", "version": "3.1.0"})
    assert parse(item).source_format == "ninjs 3.1"


def test_an_undeclared_version_is_detected_from_property_names():
    one = {"uri": "u1", "type": "text", "headline": "H", "body_text": "B"}
    two = {"uri": "u2", "headlines": [{"value": "H"}], "versioncreated": "2024-01-01"}
    three = {"uri": "u3", "headlines": [{"value": "H"}], "versionCreated": "2024-01-01"}
    assert parse(one).source_format == "ninjs 1.6"
    assert parse(two).source_format == "ninjs 2.2"
    assert parse(three).source_format == "ninjs 3.1"


def test_a_forced_version_wins_over_the_declared_one():
    reason = refusal(ninjs_item(), version="1.0")
    assert reason.startswith("not valid ninjs 1.0: ")


def test_an_unknown_declared_version_is_refused_with_the_way_out():
    reason = refusal(ninjs_item(standard={"name": "ninjs", "version": "9.0"}))
    assert reason == (
        "declares ninjs 9.0, which this importer does not know (it knows "
        f"{', '.join(RELEASED)}); force one with --version"
    )


def test_schema_errors_are_one_line_with_where():
    reason = refusal(ninjs_item(urgency="high"))
    assert (
        reason == "not valid ninjs 3.0: 'high' is not of type 'integer' (at $.urgency)"
    )
    assert "\n" not in refusal(ninjs_item(bodies=[{"value": "x\n" * 400, "bad": 1}]))


def test_not_json_is_refused_with_line_and_column():
    (document,) = documents('{"uri": "a",\n "type": }')
    assert document.error == "not JSON: Expecting value (line 2, column 10)"
    (document,) = documents('{"uri": NaN}')
    assert document.error == "not JSON: NaN is not JSON"
    (document,) = documents("[1, 2")
    assert document.error.startswith("not JSON: ")


def test_a_json_value_that_is_not_an_object_is_refused():
    assert refusal(["a"]) == "not a ninjs item: a JSON array, not an object"


def test_arrays_and_json_lines_name_each_item_by_index():
    array = documents(json.dumps([ninjs_item("a"), ninjs_item("b")]))
    assert [d.name for d in array] == ["feed.json#0", "feed.json#1"]
    lines = documents(
        json.dumps(ninjs_item("a")) + "\n\n" + "{broken\n" + json.dumps(ninjs_item("c"))
    )
    assert [d.name for d in lines] == ["feed.json#0", "feed.json#1", "feed.json#2"]
    # The line of the file, blank lines counted, so an operator can open it.
    assert lines[1].error == (
        "not JSON: Expecting property name enclosed in double quotes (line 3, column 2)"
    )
    assert lines[2].data["uri"] == "c"


def test_json_lines_whose_first_line_is_bad_are_still_read_line_by_line():
    lines = documents(
        "{broken\n" + json.dumps(ninjs_item("b")) + "\n" + json.dumps(ninjs_item("c"))
    )
    assert [(d.name, bool(d.error)) for d in lines] == [
        ("feed.json#0", True), ("feed.json#1", False), ("feed.json#2", False)
    ]  # fmt: skip


def test_a_broken_pretty_printed_document_is_one_refusal():
    # One of its lines is JSON on its own; the comma missing after line 5 is not.
    lines = ["{", '  "uri": "a",', '  "headlines": [', '    {"value": "H"}', "  ]",
             '  "type": "text"', "}"]  # fmt: skip
    (document,) = documents("\n".join(lines))
    assert document.name == "feed.json"
    assert document.error == "not JSON: Expecting ',' delimiter (line 6, column 3)"


def test_non_text_items_are_skipped_not_refused():
    with pytest.raises(Skipped, match="skipped: a picture item, not an article"):
        parse(ninjs_item(type="picture"))
    with pytest.raises(Skipped, match="an event item"):
        parse({"uri": "e", "eventDetails": {}})


def test_an_extension_of_ninjs_is_checked_on_its_ninjs_part():
    extended = ninjs_item(
        standard={"name": "TTNINJS", "version": "3.0"}, ttSector="INR"
    )
    assert parse(extended).uri == "urn:test:1"
    assert "ttSector" in refusal(ninjs_item(ttSector="INR"))


def test_any_other_standard_gets_every_property_checked():
    for name in ("whatever", "NINJS-ish", "IPTC ninjs 3.0"):
        item = ninjs_item(standard={"name": name, "version": "3.0"}, bogus=1)
        assert "'bogus' was unexpected" in refusal(item, version="3.0")
        assert "'bogus' was unexpected" in refusal(item)
    plain = ninjs_item(standard={"name": "whatever", "version": "3.0"})
    assert parse(plain, version="3.0").uri == "urn:test:1"


def test_the_story_holds_what_an_article_needs():
    story = parse(ninjs_item())
    assert story.headline == "Harbour reopens after storm"
    assert story.standfirst == "Ferries sail again after three days."
    assert story.authors == ("Ada Reporter",)
    assert story.topics == ("Shipping", "Weather")
    assert story.genres == ("U.S.",)
    assert story.first_created.isoformat() == "2024-03-01T08:00:00+00:00"
    assert story.version_created.isoformat() == "2024-03-01T09:30:00+00:00"
    assert story.body_html.startswith("<p>The harbour reopened on Friday.</p>")


def test_an_item_without_a_headline_takes_its_slugline_or_first_words():
    assert parse({"uri": "u", "slugline": "harbour-storm"}).headline == "harbour-storm"
    body = {"uri": "u", "body_text": "Ferries sail again."}
    assert parse(body).headline == "Ferries sail again."


def test_a_plain_text_body_becomes_paragraphs():
    story = parse({"uri": "u", "body_text": "First line.\nSecond & last."})
    assert story.body_html == "<p>First line.</p><p>Second &amp; last.</p>"


@pytest.mark.parametrize(
    "byline, names",
    [
        (
            "Paulo Santalucia and Frances d'Emilio",
            ("Paulo Santalucia", "Frances d'Emilio"),
        ),
        ("Von Christian Hollmann, dpa", ("Christian Hollmann", "dpa")),
        ("By Jane Doe, AP Science Writer", ("Jane Doe",)),
        ("NTB", ("NTB",)),
        ("", ()),
    ],
)
def test_bylines_name_people(byline, names):
    assert split_byline(byline) == names


@pytest.mark.parametrize("corpus", corpora.each(), ids=str)
def test_fast_validation_agrees_with_jsonschema_everywhere(corpus):
    """The memoised check may only ever say what jsonschema says."""
    ninjs = corpus.path("ninjs")
    documents_ = []
    for path in sorted(ninjs.glob("validation/test_suite/*/should_*/*.json")):
        try:
            documents_.append(json.loads(path.read_text()))
        except ValueError:
            continue
    for path in sorted(ninjs.glob("examples/**/*.json")):
        data = json.loads(path.read_text())
        documents_ += data if isinstance(data, list) else [data]
    for version in VERSIONS:
        schema = schema_for(version)
        if schema.fast is None:
            continue
        for data in documents_:
            assert schema._fast_valid(data) == schema.full.is_valid(data), version
