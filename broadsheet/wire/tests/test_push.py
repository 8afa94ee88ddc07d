"""An agency pushes ninjs to POST /wire/push/<source>/ with its bearer token."""

import json

import pytest

from broadsheet.news.models import ArticlePage
from broadsheet.wire.models import Source, WireItem
from broadsheet.wire.tests.conftest import ninjs_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    source = Source.objects.create(name="Agency", slug="agency", url="")
    source.token = source.new_push_token()
    source.save()
    return source


def push(client, body, token, slug="agency", **headers):
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
    return client.post(
        f"/wire/push/{slug}/",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", **headers},
    )


def test_a_pushed_item_waits_on_the_desk(client, agency):
    response = push(client, ninjs_item("urn:push:1"), agency.token)

    assert response.status_code == 200
    assert response.json() == {
        "results": [{"index": 0, "status": "imported", "uri": "urn:push:1"}],
        "counts": {"imported": 1},
    }
    item = WireItem.objects.get(uri="urn:push:1")
    assert item.source == agency and item.article is None
    assert response["Cache-Control"].startswith("max-age=0")
    assert "no-cache" in response["Cache-Control"]


def test_a_trusted_agency_s_push_is_published(client, agency):
    Source.objects.filter(pk=agency.pk).update(trust=Source.Trust.PUBLISH)

    push(client, ninjs_item("urn:push:live"), agency.token)

    page = ArticlePage.objects.get(wire_item__uri="urn:push:live")
    assert page.live
    assert client.get(page.url).status_code == 200


def test_a_batch_gets_one_result_per_line(client, agency):
    lines = "\n".join(
        [
            json.dumps(ninjs_item("urn:push:a")),
            '{"uri": "broken",',
            json.dumps({"uri": "urn:push:empty"}),
            json.dumps({**ninjs_item("urn:push:pic"), "type": "picture"}),
            json.dumps(ninjs_item("urn:push:b")),
        ]
    )

    response = push(client, lines.encode(), agency.token)

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == [
        "imported", "refused", "refused", "skipped", "imported",
    ]  # fmt: skip
    assert results[1]["reason"].startswith("not JSON: ")
    assert results[2]["reason"] == (
        "has neither a headline nor a body: nothing to publish"
    )
    assert response.json()["counts"] == {"imported": 2, "refused": 2, "skipped": 1}


def test_a_resend_updates_and_an_identical_one_changes_nothing(client, agency):
    push(client, ninjs_item("urn:push:1"), agency.token)
    update = ninjs_item(
        "urn:push:1",
        headlines=[{"value": "Harbour reopens, ferries full"}],
        versionCreated="2024-03-01T11:00:00Z",
    )

    first = push(client, update, agency.token)
    again = push(client, update, agency.token)

    assert first.json()["results"][0]["status"] == "updated"
    assert again.json()["results"][0]["status"] == "unchanged"
    assert WireItem.objects.get().headline == "Harbour reopens, ferries full"


def test_without_a_valid_token_nothing_is_taken(client, agency):
    item = ninjs_item("urn:push:x")

    for response in [
        push(client, item, "wrong"),
        push(client, item, ""),
        client.post("/wire/push/agency/", json.dumps(item), "application/json"),
        push(client, item, agency.token, slug="nobody"),
    ]:
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
    Source.objects.filter(pk=agency.pk).update(enabled=False)
    assert push(client, item, agency.token).status_code == 401
    assert not WireItem.objects.exists()


def test_the_token_is_stored_hashed(agency):
    stored = Source.objects.get(pk=agency.pk).push_token_hash
    assert agency.token not in stored and len(stored) == 64
    assert agency.accepts_token(agency.token)


def test_a_push_past_the_size_cap_is_refused(client, agency, settings):
    settings.WIRE_MAX_BYTES = 2_000
    big = ninjs_item("urn:push:big", bodies=[{"role": "text", "value": "x" * 3_000}])

    response = push(client, big, agency.token)

    assert response.status_code == 413
    assert not WireItem.objects.exists()


def test_every_document_refused_is_a_bad_request(client, agency):
    response = push(client, b"not json at all", agency.token)

    assert response.status_code == 400
    assert response.json()["results"][0]["status"] == "refused"


def test_only_post_is_accepted(client, agency):
    response = client.get(
        "/wire/push/agency/", headers={"Authorization": f"Bearer {agency.token}"}
    )
    assert response.status_code == 405


def test_csrf_does_not_apply_to_the_push_endpoint(agency):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    assert push(strict, ninjs_item("urn:push:csrf"), agency.token).status_code == 200
    assert strict.post("/search/", {"q": "x"}).status_code in (403, 405)
