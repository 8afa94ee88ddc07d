"""Each purge back end sends what its cache's API documents, over HTTP, to a
loopback server that records it."""

import json

import pytest

from broadsheet.cdn.backends.base import PurgeError
from broadsheet.cdn.backends.cloudflare import CloudflareBackend
from broadsheet.cdn.backends.fastly import FastlyBackend
from broadsheet.cdn.backends.varnish import VarnishBackend


def test_varnish_gets_a_purge_with_the_tags_in_xkey_purge(fake_cdn):
    VarnishBackend(urls=[fake_cdn.url]).purge(["page:12", "section:3"])
    (request,) = fake_cdn.requests
    assert request.method == "PURGE"
    assert request.headers["xkey-purge"] == "page:12 section:3"


def test_every_varnish_is_purged_and_soft_purge_uses_its_header(fake_cdn):
    VarnishBackend(urls=[fake_cdn.url, fake_cdn.url], soft=True).purge(["latest"])
    assert [r.headers["xkey-softpurge"] for r in fake_cdn.requests] == ["latest"] * 2
    assert all("xkey-purge" not in r.headers for r in fake_cdn.requests)


def test_fastly_gets_a_purge_by_surrogate_key(fake_cdn):
    FastlyBackend(urls=[fake_cdn.url], service_id="SVC1", token="tok").purge(
        ["page:12", "site"]
    )
    (request,) = fake_cdn.requests
    assert (request.method, request.path) == ("POST", "/service/SVC1/purge")
    assert request.headers["surrogate-key"] == "page:12 site"
    assert request.headers["fastly-key"] == "tok"
    assert "fastly-soft-purge" not in request.headers


def test_cloudflare_gets_tags_in_json_thirty_at_a_time(fake_cdn):
    tags = [f"page:{n}" for n in range(45)]
    CloudflareBackend(urls=[fake_cdn.url], service_id="ZONE", token="tok").purge(tags)
    first, second = fake_cdn.requests
    assert (first.method, first.path) == ("POST", "/zones/ZONE/purge_cache")
    assert first.headers["authorization"] == "Bearer tok"
    assert json.loads(first.body) == {"tags": tags[:30]}
    assert json.loads(second.body) == {"tags": tags[30:]}


def test_a_refused_purge_is_an_error_that_says_why(fake_cdn):
    fake_cdn.status = 403
    with pytest.raises(PurgeError, match="HTTP 403"):
        FastlyBackend(urls=[fake_cdn.url], service_id="S", token="bad").purge(["x"])


def test_a_cache_that_is_down_is_an_error_not_a_hang(fake_cdn):
    address = fake_cdn.url
    fake_cdn.close()
    with pytest.raises(PurgeError):
        VarnishBackend(urls=[address], timeout=0.5).purge(["x"])
