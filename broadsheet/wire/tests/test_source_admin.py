"""Wire sources in the admin: editors see them and their health,
administrators change them; credentials and push tokens are never shown
again once saved."""

import json

import pytest

from broadsheet.home.setup import ADMINISTRATORS
from broadsheet.testing import (
    logged_in,
    make_author_user,
    make_editor,
    make_user,
    parse,
    words,
)
from broadsheet.wire.models import Source

pytestmark = pytest.mark.django_db

INDEX = "/admin/wire_sources/"


@pytest.fixture
def administrator():
    return logged_in(make_user("ada", ADMINISTRATORS))


@pytest.fixture
def harbour():
    return Source.objects.create(
        name="Harbour Gazette",
        slug="harbour",
        url="https://harbour-gazette.example/rss",
        failures=2,
        last_error="HTTP 503 Service Unavailable",
        auth=Source.Auth.BASIC,
        username="gazette",
        secret="hunter2-secret",
    )


def form(**fields):
    data = {
        "name": "Quay Daily",
        "slug": "quay",
        "url": "https://quay-daily.example/feed.json",
        "kind": "jsonfeed",
        "poll_every": "300",
        "trust": "desk",
        "credit": "",
        "enabled": "on",
        "auth": "",
        "username": "",
        "secret": "",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def test_editors_see_sources_and_their_health_but_cannot_change_them(harbour):
    editor = logged_in(make_editor())

    listing = editor.get(INDEX)
    assert listing.status_code == 200
    row = words(parse(listing).find("table", class_="listing"))
    assert "Harbour Gazette" in row
    assert "failing (2 in a row): HTTP 503 Service Unavailable" in row
    assert editor.get(f"{INDEX}inspect/{harbour.pk}/").status_code == 200
    assert editor.get(f"{INDEX}new/").status_code in (302, 403)
    assert editor.get(f"{INDEX}edit/{harbour.pk}/").status_code in (302, 403)
    assert editor.post(f"{INDEX}edit/{harbour.pk}/", form()).status_code in (302, 403)
    assert Source.objects.get(pk=harbour.pk).name == "Harbour Gazette"


def test_authors_do_not_see_sources(harbour):
    author = logged_in(make_author_user())
    assert author.get(INDEX).status_code in (302, 403)


def test_credentials_are_written_never_shown(administrator, harbour):
    edit = administrator.get(f"{INDEX}edit/{harbour.pk}/")
    inspect = administrator.get(f"{INDEX}inspect/{harbour.pk}/")
    for page in (edit, inspect):
        assert page.status_code == 200
        assert "hunter2-secret" not in page.content.decode()
    assert parse(edit).find("input", {"name": "secret"}).get("value") in (None, "")

    # Saved without a new one: the stored secret stays.
    fields = form(
        name="Harbour Gazette", slug="harbour", url=harbour.url, kind="rss",
        auth="basic", username="gazette",
    )  # fmt: skip
    assert administrator.post(f"{INDEX}edit/{harbour.pk}/", fields).status_code == 302
    assert Source.objects.get(pk=harbour.pk).secret == "hunter2-secret"

    fields["secret"] = "new-secret"
    administrator.post(f"{INDEX}edit/{harbour.pk}/", fields)
    assert Source.objects.get(pk=harbour.pk).secret == "new-secret"

    fields.update(secret="", forget_secret="on")
    administrator.post(f"{INDEX}edit/{harbour.pk}/", fields)
    assert Source.objects.get(pk=harbour.pk).secret == ""


def test_a_new_push_token_is_shown_once_and_works(administrator, client):
    response = administrator.post(f"{INDEX}new/", form(new_push_token="on"))

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    token = parse(response).find(id="push-token").get_text()
    source = Source.objects.get(slug="quay")
    assert source.accepts_token(token) and token not in source.push_token_hash
    assert token not in administrator.get(f"{INDEX}edit/{source.pk}/").content.decode()
    pushed = client.post(
        "/wire/push/quay/",
        json.dumps({"uri": "urn:quay:1", "headlines": [{"value": "Cranes"}]}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert pushed.status_code == 200


@pytest.mark.parametrize(
    "url, said",
    [
        ("http://127.0.0.1/feed", "127.0.0.1, a loopback address"),
        ("http://169.254.169.254/latest/", "a link-local address"),
        ("ftp://example.com/feed", "Only http and https"),
    ],
)
def test_a_url_inside_the_network_is_refused_when_saved(administrator, url, said):
    response = administrator.post(f"{INDEX}new/", form(url=url))

    assert response.status_code == 200
    assert said in words(parse(response))
    assert not Source.objects.exists()
