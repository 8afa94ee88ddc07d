"""A form POST that declares a charset other than UTF-8 gets a plain 400,
on every POST URL, where Django itself answered 500 (ticket #34709)."""

import pytest
from django.test import Client

from broadsheet.testing import make_article

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def reader():
    """A browser-like client that has been given a CSRF cookie, as the
    reviewer's was (without one, the CSRF check answers 403 first)."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/admin/login/")
    assert "csrftoken" in client.cookies
    return client


def post(client, path, content_type, data=b"name=a&body=b"):
    """The body's bytes as sent (curl --data), whatever the header claims."""
    return client.generic(
        "POST",
        path,
        data,
        content_type=content_type,
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )


@pytest.mark.parametrize(
    "charset", ["utf-16", "UTF-32", "latin-1", "nonsense", "utf8", "us-ascii"]
)
@pytest.mark.parametrize("where", ["comments", "/admin/login/", "/search/"])
def test_a_form_in_another_charset_is_refused_plainly(reader, where, charset):
    if where == "comments":
        where = f"/comments/{make_article('Charset story').pk}/post/"

    response = post(reader, where, f"{FORM}; charset={charset}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == "Forms must be sent as UTF-8 text."


def test_a_multipart_form_in_another_charset_is_refused(reader):
    response = post(
        reader, "/admin/login/", "multipart/form-data; boundary=x; charset=utf-16"
    )

    assert response.status_code == 400


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8"])
def test_utf8_forms_still_go_through(reader, charset):
    response = post(
        reader,
        "/admin/login/",
        f"{FORM}; charset={charset}",
        b"username=nobody&password=wrong",
    )

    # The login form answered: a wrong password, not a refused form.
    assert response.status_code == 200
    assert b"password didn&#x27;t match" in response.content
