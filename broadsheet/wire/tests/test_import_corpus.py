"""IPTC's own material: every text item of its examples imports, and with each
conformance-suite folder's version forced, every should_pass text document
imports (or, saying nothing, is refused in one line) and every should_fail
document is refused, in one clean line. The examples send one story under
several uris (simple, medium, complex): exact copies make one item.

On the repository's sample of IPTC's corpus (three versions' suites and a
dozen examples), and on the whole of it where ../shared is present."""

import json

import pytest

from broadsheet import corpora
from broadsheet.news.models import ArticlePage
from broadsheet.wire.models import WireItem
from broadsheet.wire.tests.conftest import import_ninjs

pytestmark = pytest.mark.django_db

# Text items among the examples: fewer means the examples were cut short.
LEAST_TEXT_ITEMS = {"repository": 8, "full": 15}


def suite_folders():
    """(corpus, the suite's folder of one ninjs version), for each corpus."""
    return [
        pytest.param(corpus, folder, id=f"{corpus}-{folder.name}")
        for corpus in corpora.each()
        for folder in sorted(corpus.path("ninjs/validation/test_suite").iterdir())
        if folder.is_dir()
    ]


def items(path):
    data = json.loads(path.read_text())
    return data if isinstance(data, list) else [data]


def is_text(item):
    """ninjs leaves `type` optional: untyped stories are text (dpa sends them
    so), untyped items with event or planning details are not; a composite
    with a body is a story sent with its pictures."""
    kind = item.get("type")
    if kind is None:
        return "eventDetails" not in item and "plannedCoverage" not in item
    return kind == "text" or (kind == "composite" and any(
        key == "bodies" or key.startswith("body_") for key in item
    ))  # fmt: skip


def copies(run) -> dict[str, str]:
    """{document: the uri of the item it was an exact copy of} from the notes."""
    notes = (line.split(": skipped: the same copy as ") for line in run.out.split("\n"))
    return {note[0].split("#")[0]: note[1] for note in notes if len(note) == 2}


def canceled(item):
    return (item.get("pubstatus") or item.get("pubStatus")) == "canceled"


# What an item says a story with: a headline, a title or slugline, a body.
COPY = {"headline", "headlines", "title", "slugline", "bodies", "body_html"}
COPY |= {"body_text"}


def headline_of(item):
    if isinstance(item.get("headline"), str):
        return item["headline"]
    main = [h for h in item.get("headlines", []) if h.get("role") in ("main", None)]
    return main[0]["value"] if main else None


@pytest.mark.parametrize("corpus", corpora.each(), ids=str)
def test_every_text_example_imports(corpus):
    examples = corpus.path("ninjs/examples")
    run = import_ninjs(examples, publish=True)

    text_items = [
        (path, item)
        for path in sorted(examples.rglob("*.json"))
        for item in items(path)
        if isinstance(item, dict)
        and "uri" in item
        and is_text(item)
        and not canceled(item)
    ]
    assert len(text_items) >= LEAST_TEXT_ITEMS[corpus.name]
    refused_files = {line.split(": ")[0].split("#")[0] for line in run.error_lines}
    copied = copies(run)
    for path, item in text_items:
        assert str(path) not in refused_files, path
        uri = copied.get(str(path), item["uri"])
        article = ArticlePage.objects.get(wire_item__uri=uri)
        assert article.live
        if headline_of(item):
            # Several examples are one item in 1.4, 2.1 and 3.0: the last wins.
            assert article.title in {
                headline_of(i) for _, i in text_items if i["uri"] == uri
            }
    # Copies never made a second item.
    kept = {item["uri"] for path, item in text_items if str(path) not in copied}
    assert copied
    assert WireItem.objects.count() == len(kept)
    assert "Traceback" not in run.err


@pytest.mark.parametrize("corpus, folder", suite_folders())
def test_should_pass_text_documents_import_with_the_folder_version(corpus, folder):
    should_pass = folder / "should_pass"
    documents = [(path, items(path)[0]) for path in sorted(should_pass.glob("*.json"))]

    run = import_ninjs(should_pass, version=folder.name)

    # Valid ninjs need not say anything: a usable item with neither headline
    # nor body is refused, with that reason. A canceled item, or a withheld
    # one with nothing in it, is a kill notice: never an article (skipped).
    refused_paths = set()
    for line in run.error_lines:
        if line.startswith("CommandError: nothing imported"):
            continue
        path, reason = line.split(": ", 1)
        assert reason == "has neither a headline nor a body: nothing to publish"
        refused_paths.add(path)
    texts = [
        item
        for path, item in documents
        if is_text(item) and not canceled(item) and str(path) not in refused_paths
    ]
    for path, item in documents:
        if str(path) in refused_paths:
            assert not COPY & {key.lower() for key in item}, path
    imported, updated, unchanged, refused, skipped = (
        int(word) for word in run.summary.split()[0:10:2]
    )
    assert refused == len(refused_paths)
    assert imported + updated + unchanged + skipped + refused == len(documents)
    copied = copies(run)
    for path, item in documents:
        usable = item.get("pubstatus", item.get("pubStatus", "usable")) == "usable"
        if item in texts and usable:
            uri = copied.get(str(path), item["uri"])
            assert WireItem.objects.filter(uri=uri).exists()


@pytest.mark.parametrize("corpus, folder", suite_folders())
def test_should_fail_documents_are_refused_in_one_line(corpus, folder):
    should_fail = folder / "should_fail"
    paths = sorted(should_fail.glob("*.json"))

    run = import_ninjs(should_fail, version=folder.name)

    assert run.status == 1
    refusals = run.error_lines[:-1]
    assert (
        run.error_lines[-1] == f"CommandError: nothing imported: {len(paths)} refused"
    )
    assert [line.split(": ", 1)[0] for line in refusals] == [str(p) for p in paths]
    for line in refusals:
        reason = line.split(": ", 1)[1]
        expected = ("not JSON: ", f"not valid ninjs {folder.name}: ")
        assert reason.startswith(expected), line
    assert "Traceback" not in run.err
    assert ArticlePage.objects.count() == 0
