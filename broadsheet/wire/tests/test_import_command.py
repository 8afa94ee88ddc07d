"""`broadsheet import_ninjs`: what an operator sees, and what it leaves behind."""

import io
import json
import sys
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from broadsheet.news.models import ArticlePage, Author
from broadsheet.wire.models import WireItem
from broadsheet.wire.tests.conftest import import_ninjs, ninjs_item, write

pytestmark = pytest.mark.django_db


def article(uri="urn:test:1"):
    return ArticlePage.objects.get(wire_item__uri=uri)


def test_refused_documents_get_one_line_each_and_the_rest_imports(tmp_path):
    good = write(tmp_path, "a_good.json", ninjs_item("urn:good"))
    no_uri = ninjs_item()
    del no_uri["uri"]
    bad = write(tmp_path, "b_bad.json", no_uri)
    broken = tmp_path / "c_broken.json"
    broken.write_text('{"uri": "x",')
    array = write(tmp_path, "d_array.json", [ninjs_item("urn:a0"), {"uri": 7}])
    lines = write(
        tmp_path, "e_lines.jsonl", [ninjs_item("urn:l0"), ninjs_item("urn:l1")]
    )

    run = import_ninjs(tmp_path)

    assert run.status == 0
    assert run.error_lines == [
        f"{bad}: not valid ninjs 3.0: 'uri' is a required property",
        f"{broken}: not JSON: Expecting property name enclosed in double quotes "
        "(line 1, column 13)",
        f"{array}#1: not valid ninjs 3.1: 7 is not of type 'string' (at $.uri)",
    ]
    assert run.summary.startswith(
        "4 imported, 0 updated, 0 unchanged, 3 refused, 0 skipped in "
    )
    assert run.summary.endswith(" items/s)")
    assert set(WireItem.objects.values_list("uri", flat=True)) == {
        "urn:good", "urn:a0", "urn:l0", "urn:l1"
    }  # fmt: skip
    assert good.exists() and lines.exists()


def test_a_json_lines_file_with_a_bad_first_line_imports_the_others(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        "{not json",
        json.dumps(ninjs_item("urn:l1")),
        json.dumps(ninjs_item("urn:l2")),
    ]
    path.write_text("\n".join(lines) + "\n")

    run = import_ninjs(path)

    assert run.error_lines == [
        f"{path}#0: not JSON: Expecting property name enclosed in double quotes "
        "(line 1, column 2)"
    ]
    assert run.summary.startswith("2 imported, 0 updated, 0 unchanged, 1 refused")
    assert set(WireItem.objects.values_list("uri", flat=True)) == {"urn:l1", "urn:l2"}


def test_naming_another_standard_does_not_escape_the_schema(tmp_path):
    item = ninjs_item(standard={"name": "whatever", "version": "3.0"}, bogus=1)
    path = write(tmp_path, "item.json", item)

    run = import_ninjs(path, version="3.0")

    assert run.error_lines == [
        f"{path}: not valid ninjs 3.0: Unevaluated properties are not allowed "
        "('bogus' was unexpected) ('whatever' is not a profile of ninjs known here)",
        "CommandError: nothing imported: 1 refused",
    ]
    assert not ArticlePage.objects.exists()


def test_a_run_that_imports_nothing_but_refuses_something_fails(tmp_path):
    write(tmp_path, "bad.json", {"type": "text"})
    run = import_ninjs(tmp_path / "bad.json")
    assert run.status == 1
    assert run.error_lines[-1] == "CommandError: nothing imported: 1 refused"


def test_a_missing_path_is_refused_not_a_crash(tmp_path):
    write(tmp_path, "good.json", ninjs_item())
    run = import_ninjs(tmp_path / "nope.json", tmp_path / "good.json")
    assert run.status == 0
    assert run.error_lines == [
        f"{tmp_path / 'nope.json'}: cannot read: No such file or directory"
    ]


def test_standard_input_is_read_for_a_dash(monkeypatch):
    data = json.dumps([ninjs_item("urn:s0"), ninjs_item("urn:s1")]).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    run = import_ninjs("-")
    assert run.summary.startswith("2 imported")


def test_re_importing_a_uri_updates_its_article(tmp_path):
    path = write(tmp_path, "item.json", ninjs_item())
    import_ninjs(path, publish=True)
    first = article()
    write(
        tmp_path,
        "item.json",
        ninjs_item(
            headlines=[{"value": "Harbour reopens, ferries full"}], by="Ben Editor"
        ),
    )

    run = import_ninjs(path, publish=True)

    assert run.summary.startswith("0 imported, 1 updated")
    assert ArticlePage.objects.count() == 1
    updated = article()
    assert (updated.pk, updated.url) == (first.pk, first.url)  # same page, same URL
    assert updated.title == "Harbour reopens, ferries full"
    assert [a.name for a in updated.authors] == ["Ben Editor"]
    assert updated.revisions.count() == 2
    assert import_ninjs(path, publish=True).summary.startswith(
        "0 imported, 0 updated, 1 unchanged"
    )


def test_the_same_uri_twice_in_one_batch_is_one_article(tmp_path):
    later = ninjs_item(headlines=[{"value": "Second version"}])
    path = write(tmp_path, "feed.json", [ninjs_item(), later])
    run = import_ninjs(path, publish=True, jobs=0)  # read in this process
    assert run.summary.startswith("1 imported, 1 updated")
    assert article().title == "Second version"


def test_without_publish_articles_are_drafts_readers_never_see(tmp_path, client):
    import_ninjs(write(tmp_path, "item.json", ninjs_item()))
    draft = article()
    assert not draft.live and draft.has_unpublished_changes
    assert draft.first_published_at is None
    assert ArticlePage.objects.published().count() == 0
    assert client.get(f"/us/{draft.slug}/").status_code == 404
    assert "Harbour reopens" not in client.get("/us/").content.decode()
    assert (
        "Harbour reopens"
        not in client.get("/search/", {"q": "harbour"}).content.decode()
    )


def test_with_publish_articles_are_live_with_the_agency_dates(tmp_path):
    import_ninjs(write(tmp_path, "item.json", ninjs_item()), publish=True)
    story = article()
    assert story.live and not story.has_unpublished_changes
    assert story.published_at.isoformat() == "2024-03-01T08:00:00+00:00"
    assert story.last_published_at.isoformat() == "2024-03-01T09:30:00+00:00"
    assert story.live_revision_id == story.latest_revision_id


def test_an_embargoed_item_is_scheduled_not_published(tmp_path):
    lifts = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    item = ninjs_item(embargoedUntil=lifts.isoformat())
    import_ninjs(write(tmp_path, "item.json", item), publish=True)
    story = article()
    assert not story.live and story.go_live_at == lifts
    assert story.latest_revision.approved_go_live_at == lifts
    assert ArticlePage.objects.published().count() == 0


def test_withheld_and_canceled_items_are_never_published(tmp_path):
    write(tmp_path, "a.json", ninjs_item("urn:w", pubStatus="withheld"))
    write(tmp_path, "b.json", ninjs_item("urn:c", pubStatus="canceled"))
    run = import_ninjs(tmp_path, publish=True)
    assert run.summary.startswith(
        "1 imported, 0 updated, 0 unchanged, 0 refused, 1 skipped"
    )
    assert not article("urn:w").live


def test_a_canceled_resend_takes_the_live_article_down(tmp_path):
    path = write(tmp_path, "item.json", ninjs_item())
    import_ninjs(path, publish=True)
    write(tmp_path, "item.json", ninjs_item(pubStatus="canceled"))
    import_ninjs(path, publish=True)
    assert not article().live
    assert ArticlePage.objects.published().count() == 0


def test_authors_are_created_once_and_then_reused(tmp_path):
    Author.objects.create(name="Ada Reporter", slug="ada", job_title="Harbour desk")
    write(tmp_path, "a.json", ninjs_item("urn:1", by="ADA REPORTER and Trond Husø"))
    write(tmp_path, "b.json", ninjs_item("urn:2", by="Trond Husø"))
    import_ninjs(tmp_path)
    assert list(Author.objects.values_list("name", "slug").order_by("name")) == [
        ("Ada Reporter", "ada"),
        ("Trond Husø", "trond-huso"),
    ]
    assert [a.name for a in article("urn:1").authors] == ["Ada Reporter", "Trond Husø"]


@pytest.mark.parametrize(
    "fields, section",
    [
        ({"genres": [{"name": "Sport"}]}, "sports"),  # IPTC's name for the desk
        ({"genres": [{"name": "Analysis"}, {"literal": "business"}]}, "business"),
        ({"genres": [], "subjects": [{"name": "Politics"}]}, "politics"),
        ({"genres": [{"name": "Feature"}], "subjects": []}, "world"),  # default
    ],
)
def test_genres_file_stories_under_sections(tmp_path, fields, section):
    import_ninjs(write(tmp_path, "item.json", ninjs_item(**fields)), publish=True)
    assert article().section.slug == section
    assert Client().get(article().url).status_code == 200


def test_the_default_section_can_be_chosen(tmp_path):
    item = ninjs_item(genres=[], subjects=[])
    import_ninjs(write(tmp_path, "item.json", item), section="science")
    assert article().section.slug == "science"
    assert import_ninjs(tmp_path, section="nowhere").status == 1
