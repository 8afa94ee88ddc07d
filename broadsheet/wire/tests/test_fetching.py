"""Fetching sources over real HTTP from a loopback server: conditional GET,
compression, redirects, time-outs, size caps, Retry-After, and the addresses
a source may never reach."""

import gzip
import socket
import time

import pytest

from broadsheet.wire.sources import http
from broadsheet.wire.sources.http import Credentials, FetchError, Limits

FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
)
LIMITS = Limits(timeout=3, max_bytes=100_000)


def fetch(url, **options):
    return http.fetch(url, limits=options.pop("limits", LIMITS), **options)


def failure(url, **options) -> FetchError:
    with pytest.raises(FetchError) as raised:
        fetch(url, **options)
    return raised.value


def test_a_feed_is_fetched_with_its_validators(loopback, feed_server):
    url = feed_server.add(
        "/feed",
        FEED,
        etag='"v1"',
        last_modified="Tue, 01 Dec 2026 08:00:00 GMT",
        headers={"Content-Type": "application/rss+xml; charset=utf-8"},
    )

    response = fetch(url)

    assert (response.status, response.body) == (200, FEED)
    assert response.content_type == "application/rss+xml; charset=utf-8"
    assert (response.etag, response.last_modified) == (
        '"v1"',
        "Tue, 01 Dec 2026 08:00:00 GMT",
    )
    sent = feed_server.seen("/feed")[0].headers
    assert sent["host"] == f"127.0.0.1:{feed_server.port}"
    assert "gzip" in sent["accept-encoding"] and "br" in sent["accept-encoding"]
    assert sent["user-agent"].startswith("Broadsheet")


def test_an_unchanged_feed_answers_304_and_transfers_no_body(loopback, feed_server):
    url = feed_server.add("/feed", FEED, etag='"v1"', last_modified="Tue, 01 Dec")

    by_etag = fetch(url, etag='"v1"')
    by_date = fetch(url, last_modified="Tue, 01 Dec")

    assert by_etag.not_modified and by_etag.body == b""
    assert by_date.not_modified and by_date.body == b""
    requests = feed_server.seen("/feed")
    assert requests[0].headers["if-none-match"] == '"v1"'
    assert requests[1].headers["if-modified-since"] == "Tue, 01 Dec"


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_compressed_feeds_are_decoded(loopback, feed_server, encoding):
    url = feed_server.add("/feed", FEED * 50, encoding=encoding)

    assert fetch(url).body == FEED * 50


def test_redirects_are_followed_and_each_hop_is_checked(loopback, feed_server):
    final = feed_server.add("/final", FEED)
    first = feed_server.add("/old", status=301, location="/middle")
    feed_server.add("/middle", status=302, location=final)

    response = fetch(first)

    assert response.body == FEED
    assert response.url == final


def test_a_redirect_to_another_scheme_or_a_private_address_is_refused(
    loopback, feed_server
):
    to_ftp = feed_server.add("/ftp", status=302, location="ftp://127.0.0.1/feed")
    to_file = feed_server.add("/file", status=302, location="file:///etc/passwd")
    to_metadata = feed_server.add(
        "/metadata", status=307, location="http://169.254.169.254/latest/meta-data/"
    )

    assert "only http and https" in str(failure(to_ftp))
    assert "only http and https" in str(failure(to_file))
    assert str(failure(to_metadata)) == (
        "169.254.169.254, a link-local address (as cloud metadata services use): "
        "refused, not a public internet address (WIRE_ALLOWED_NETWORKS lists the "
        "exceptions)"
    )


def test_redirect_loops_end(loopback, feed_server):
    url = feed_server.add("/loop", status=302, location="/loop")

    assert str(failure(url)) == "more than 5 redirects"


def test_credentials_go_with_the_request_and_not_to_another_origin(
    loopback, feed_server
):
    elsewhere = feed_server.add("/elsewhere", FEED).replace("127.0.0.1", "localhost")
    url = feed_server.add("/private", FEED)
    moved = feed_server.add("/moved", status=302, location=elsewhere)

    fetch(url, credentials=Credentials("bearer", secret="s3cret"))
    fetch(url, credentials=Credentials("basic", "agency", "pw"))
    fetch(moved, credentials=Credentials("bearer", secret="s3cret"))

    sent = [request.headers.get("authorization") for request in feed_server.requests]
    assert sent[:2] == ["Bearer s3cret", "Basic YWdlbmN5OnB3"]
    assert sent[2] == "Bearer s3cret"  # /moved, same origin
    assert sent[3] is None  # /elsewhere, another host


@pytest.mark.parametrize("status", [429, 503])
def test_throttling_answers_carry_their_retry_after(loopback, feed_server, status):
    seconds = feed_server.add("/s", status=status, headers={"Retry-After": "120"})
    date = feed_server.add(
        "/d", status=status, headers={"Retry-After": "Fri, 01 Jan 2100 00:00:00 GMT"}
    )
    none = feed_server.add("/n", status=status)

    assert failure(seconds).retry_after == 120
    assert failure(date).retry_after > 365 * 24 * 3600
    assert failure(none).retry_after is None
    assert str(failure(none)).startswith(f"HTTP {status}")


def test_other_errors_say_their_status(loopback, feed_server):
    assert str(failure(feed_server.url("/missing"))) == "HTTP 404 Not Found"


def test_a_refused_connection_says_so_at_once(loopback):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    started = time.monotonic()

    error = failure(f"http://127.0.0.1:{port}/feed")

    assert str(error).startswith("connection failed: ")
    assert "refused" in str(error).lower()
    assert time.monotonic() - started < 1


def test_a_server_that_does_not_answer_in_time_is_given_up_on(loopback, feed_server):
    url = feed_server.add("/slow", FEED, delay=5)
    started = time.monotonic()

    error = failure(url, limits=Limits(timeout=1, max_bytes=100_000))

    assert time.monotonic() - started < 3
    assert str(error) == "took longer than 1 s (WIRE_FETCH_TIMEOUT)"


def test_a_server_trickling_bytes_cannot_hold_a_fetch_past_its_deadline(
    loopback, feed_server
):
    # Each byte comes well within any read time-out; the whole never would.
    url = feed_server.add("/trickle", FEED, trickle=0.1)
    started = time.monotonic()

    error = failure(url, limits=Limits(timeout=1, max_bytes=100_000))

    assert time.monotonic() - started < 3
    assert "took longer than 1 s" in str(error)


def test_a_body_past_the_size_cap_is_refused(loopback, feed_server):
    limits = Limits(timeout=5, max_bytes=10_000)
    declared = feed_server.add("/big", b"x" * 20_000)
    undeclared = feed_server.add("/lying", b"x" * 20_000, content_length=20_000)
    bomb = feed_server.add("/bomb", b"\0" * 5_000_000, encoding="gzip")

    assert str(failure(declared, limits=limits)) == (
        "larger than the 10,000 byte limit (WIRE_MAX_BYTES)"
    )
    assert "larger than" in str(failure(undeclared, limits=limits))
    # 5 MB of zeros is 5 KB compressed: the cap counts what it decodes to.
    assert len(gzip.compress(b"\0" * 5_000_000)) < limits.max_bytes
    assert "larger than" in str(failure(bomb, limits=limits))


@pytest.mark.parametrize(
    "url, said",
    [
        ("http://127.0.0.1:{port}/feed", "127.0.0.1, a loopback address"),
        ("http://[::1]:{port}/feed", "::1, a loopback address"),
        ("http://localhost:{port}/feed", "localhost resolves to"),
        ("http://10.1.2.3/feed", "10.1.2.3, a private network address"),
        ("http://192.168.0.1/feed", "192.168.0.1, a private network address"),
        ("http://169.254.169.254/latest/", "169.254.169.254, a link-local address"),
        ("http://[::ffff:127.0.0.1]:{port}/", "127.0.0.1, a loopback address"),
        ("http://0.0.0.0:{port}/feed", "0.0.0.0, an unspecified address"),
    ],
)
def test_addresses_inside_the_network_are_refused(feed_server, settings, url, said):
    settings.WIRE_ALLOWED_NETWORKS = []
    feed_server.add("/feed", FEED)

    error = failure(url.format(port=feed_server.port))

    assert said in str(error)
    assert "refused, not a public internet address" in str(error)
    assert feed_server.requests == []  # never even connected


def test_the_address_that_was_checked_is_the_one_connected_to(
    loopback, feed_server, monkeypatch
):
    """DNS rebinding: a name that answers a public (here: allowed) address to
    the check and an inside one to the connection must not get through. The
    fetch resolves once and connects to that address; nothing resolves the
    name a second time."""
    lookups = []
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        lookups.append(host)
        if host == "rebind.test" and len(lookups) > 1:
            raise AssertionError("resolved a second time")
        return real(
            "127.0.0.1" if host == "rebind.test" else host, port, *args, **kwargs
        )

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    feed_server.add("/feed", FEED)

    response = fetch(f"http://rebind.test:{feed_server.port}/feed")

    assert response.body == FEED
    # Once for the name; the connection is to the address (a literal).
    assert lookups == ["rebind.test", "127.0.0.1"]
    assert feed_server.seen("/feed")[0].headers["host"] == (
        f"rebind.test:{feed_server.port}"
    )


def test_only_http_and_https_are_fetched(loopback):
    for url in ("file:///etc/passwd", "ftp://example.com/feed", "gopher://x/"):
        assert "only http and https" in str(failure(url))
