"""/healthz and /readyz for load balancers, and the request log."""

import json
import logging

import pytest
from django.test import override_settings

from broadsheet.core.requestlog import logfmt

pytestmark = pytest.mark.django_db


def test_healthz_answers_cheaply_never_cached_for_any_host(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "X-Cache" not in response


def test_readyz_says_the_database_and_cache_answer(client):
    response = client.get("/readyz", HTTP_HOST="10.1.2.3")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "ready": True,
        "database": "ok",
        "cache": "ok",
    }
    assert "no-store" in response["Cache-Control"]


def test_readyz_is_503_when_the_database_does_not_answer(client, monkeypatch):
    from broadsheet.core import health

    monkeypatch.setattr(
        health.connection, "cursor", lambda: (_ for _ in ()).throw(OSError("down"))
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["ready"] is False
    assert body["database"] == "down: OSError"


def test_each_request_is_one_logfmt_line_with_its_timing(client, caplog):
    with caplog.at_level(logging.INFO, logger="broadsheet.requests"):
        client.get("/")
        client.get("/", HTTP_X_REQUEST_ID="abc-123")
        client.get("/no-such-page/?q=secret words")
        client.get("/healthz")
    lines = [r.getMessage() for r in caplog.records if r.name == "broadsheet.requests"]
    assert len(lines) == 3  # health checks are not logged
    fields = [dict(pair.split("=", 1) for pair in line.split(" ")) for line in lines]
    assert fields[0]["method"] == "GET" and fields[0]["path"] == "/"
    assert fields[0]["status"] == "200"
    assert float(fields[0]["ms"]) > 0
    assert int(fields[0]["bytes"]) > 1000
    assert fields[1]["cache"] == "hit"
    assert fields[1]["request_id"] == "abc-123"
    assert fields[2]["status"] == "404"
    assert "secret" not in lines[2]


def test_logfmt_quotes_what_needs_quoting():
    assert logfmt({"a": "x y", "b": 'say "hi"', "c": "", "d": 3}) == (
        'a="x y" b="say \\"hi\\"" d=3'
    )


@override_settings(ALLOWED_HOSTS=["news.example.com"])
def test_other_paths_still_check_the_host(client):
    assert client.get("/", HTTP_HOST="10.1.2.3").status_code == 400
    assert client.get("/healthz", HTTP_HOST="10.1.2.3").status_code == 200
