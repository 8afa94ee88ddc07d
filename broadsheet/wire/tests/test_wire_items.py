"""Every item is kept as a WireItem, with or without an article; exact copies
make no second item; each committed batch is announced with items_received;
one mapping fills a page, whichever path made it."""

from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from broadsheet.news.models import ArticlePage, SectionPage
from broadsheet.wire.importer import Importer
from broadsheet.wire.mapping import fields_for
from broadsheet.wire.models import Source, WireItem
from broadsheet.wire.parsers.base import Document
from broadsheet.wire.parsers.ninjs import parse
from broadsheet.wire.signals import items_received
from broadsheet.wire.tests.conftest import import_ninjs, ninjs_item, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Runs what waits for the commit (the test's transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def received():
    """The item_ids of every items_received sent during the test."""
    batches = []

    def listen(sender, item_ids, **kwargs):
        batches.append(sorted(item_ids))

    items_received.connect(listen)
    yield batches
    items_received.disconnect(listen)


def story(uri, **fields):
    return parse(Document(uri, ninjs_item(uri, **fields)))


def intake(importer, *stories):
    for one in stories:
        importer.add(one.uri, one)
    return importer.finish()


def test_an_import_announces_its_items_once_committed(tmp_path, received, on_commit):
    write(tmp_path, "a.json", [ninjs_item("urn:a"), ninjs_item("urn:b")])

    with on_commit():
        import_ninjs(tmp_path, publish=True)
        assert received == []  # not before the commit

    items = WireItem.objects.order_by("uri")
    assert received == [sorted(item.pk for item in items)]
    item = items[0]
    assert (item.headline, item.standfirst, item.language) == (
        "Harbour reopens after storm",
        "Ferries sail again after three days.",
        "en",
    )
    assert item.authors == ["Ada Reporter"] and item.topics == ["Shipping", "Weather"]
    assert item.text.startswith("The harbour reopened on Friday.")
    assert item.article.live and item.source is None


def test_an_unchanged_resend_announces_nothing(tmp_path, received, on_commit):
    write(tmp_path, "a.json", ninjs_item("urn:a"))
    with on_commit():
        import_ninjs(tmp_path, publish=True)
    received.clear()

    with on_commit():
        import_ninjs(tmp_path, publish=True)

    assert received == []


def test_exact_copies_under_other_uris_make_no_second_item(tmp_path, received):
    original = ninjs_item("urn:first")
    copy = {**original, "uri": "urn:again", "versionCreated": "2024-03-02T10:00:00Z"}
    feed = write(tmp_path, "a.json", [original, copy])

    run = import_ninjs(tmp_path, publish=True)

    assert f"{feed}#1: skipped: the same copy as urn:first" in run.out
    assert list(WireItem.objects.values_list("uri", flat=True)) == ["urn:first"]
    assert ArticlePage.objects.count() == 1


def test_a_link_to_a_home_page_makes_no_two_items_copies():
    source = Source.objects.create(name="Site", slug="site")
    first, second = (
        story(uri, headlines=[{"value": uri}], bodies=[{"role": "text", "value": uri}])
        for uri in ("urn:home:1", "urn:home:2")
    )
    same_story = story("urn:home:3", headlines=[{"value": "Again"}])

    intake(
        Importer.for_source(source),
        replace(first, link="https://site.example/"),
        replace(second, link="https://site.example/"),
        replace(same_story, link="https://site.example/2026/story"),
        replace(same_story, uri="urn:home:4", link="https://site.example/2026/story"),
    )

    assert sorted(source.items.values_list("uri", flat=True)) == [
        "urn:home:1", "urn:home:2", "urn:home:3",
    ]  # fmt: skip


def test_a_desk_source_keeps_items_without_pages_until_an_editor_makes_one(
    received, on_commit
):
    source = Source.objects.create(name="Harbour Wire", slug="harbour", credit="HW")
    importer = Importer.for_source(source)

    with on_commit():
        tally = intake(importer, story("urn:d1", by=""), story("urn:d2"))

    assert (tally.imported, tally.refused) == (2, 0)
    assert ArticlePage.objects.count() == 0
    items = {item.uri: item for item in source.items.all()}
    assert set(items) == {"urn:d1", "urn:d2"}
    assert all(item.article_id is None for item in items.values())
    assert received == [sorted(item.pk for item in items.values())]
    assert source.items_since(24) == 2

    # A re-send updates the waiting item's copy.
    received.clear()
    update = story(
        "urn:d1",
        headlines=[{"value": "Harbour reopens, ferries full"}],
        versionCreated="2024-03-01T11:00:00Z",
    )
    with on_commit():
        tally = intake(Importer.for_source(source), update)
    assert tally.updated == 1
    assert (
        WireItem.objects.get(uri="urn:d1").headline == "Harbour reopens, ferries full"
    )
    assert received == [[items["urn:d1"].pk]]


def test_a_trusted_source_publishes_at_once_credited_to_it(client):
    sports = SectionPage.objects.get(slug="sports")
    source = Source.objects.create(
        name="Agency", slug="agency", trust=Source.Trust.PUBLISH, credit="Agency",
        section=sports,
    )  # fmt: skip

    intake(Importer.for_source(source), story("urn:t1", by="", genres=[]))

    page = ArticlePage.objects.get(wire_item__uri="urn:t1")
    assert page.live and page.section_id == sports.pk
    assert [a.author.name for a in page.article_authors.all()] == ["Agency"]
    assert client.get(page.url).status_code == 200


def test_one_mapping_fills_new_resent_and_desk_made_pages_alike(tmp_path):
    item = ninjs_item("urn:m", language="nb_no", subjects=[{"name": "Ferjer"}])
    write(tmp_path, "a.json", item)
    import_ninjs(tmp_path, publish=True)
    new = ArticlePage.objects.get(wire_item__uri="urn:m")
    item["headlines"] = [{"value": "Ferjene går igjen"}]
    item["versionCreated"] = "2024-03-01T12:00:00Z"
    write(tmp_path, "a.json", item)
    import_ninjs(tmp_path, publish=True)
    resent = ArticlePage.objects.get(wire_item__uri="urn:m")

    stored = WireItem.objects.get(uri="urn:m")
    desk = ArticlePage()
    fields_for(stored).apply_to(desk)

    def seen(page):
        return (
            page.standfirst,
            page.language,
            page.topic.name,
            [a.author.name for a in page.article_authors.all()],
            [block.block_type for block in page.body],
        )

    assert new.language == "nb-NO"
    assert seen(new) == seen(resent) == seen(desk)
    assert resent.title == desk.title == "Ferjene går igjen"


def test_a_batch_of_desk_items_is_written_in_a_fixed_number_of_queries():
    source = Source.objects.create(name="Wire", slug="wire")

    def count(n):
        stories = [story(f"urn:q{n}:{i}") for i in range(n)]
        with CaptureQueriesContext(connection) as queries:
            intake(Importer.for_source(source), *stories)
        return len(queries)

    assert count(5) == count(50)
