"""Fetching a source over HTTP: the one way the wire reaches the network.

urllib3 (already under Wagtail, through requests) rather than a client that
hides the connection: each hop of a fetch resolves the host once, checks
every address (addresses.py) and connects to the checked one, sending the
name for TLS and the Host header, so DNS cannot answer differently between
the check and the connection. Besides that:

- conditional GET: If-None-Match / If-Modified-Since from the last answer;
  a 304 transfers no body;
- gzip, deflate and Brotli bodies, decoded as they stream (urllib3 2.6+
  bounds each decoded chunk, so a small compressed bomb stays small);
- redirects followed by hand, at most MAX_REDIRECTS, http(s) only, each hop
  checked like the first; credentials are not sent to another origin;
- a time-out for the whole fetch, connect to last byte (a watchdog shuts the
  socket when it passes, so a server trickling bytes cannot hold a worker),
  and a size cap on the decoded body;
- 429 and 503 answers carry their Retry-After for the caller's back-off.

Every failure is a FetchError with a one-line reason.
"""

import email.utils
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import urllib3
from django.conf import settings
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.exceptions import HTTPError as Urllib3Error

from broadsheet.wire.sources import addresses

MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
THROTTLED = {429, 503}
CONNECT_TIMEOUT = 10.0  # seconds; never more than what is left of the fetch
CHUNK = 64 * 1024
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)


class FetchError(Exception):
    """Why a fetch failed, in one line; `retry_after` in seconds when the
    server said when to come back."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Credentials:
    kind: str = ""  # "basic", "bearer" or "" (none)
    username: str = ""
    secret: str = ""

    def header(self) -> dict:
        if self.kind == "basic":
            return urllib3.util.make_headers(
                basic_auth=f"{self.username}:{self.secret}"
            )
        if self.kind == "bearer":
            return {"authorization": f"Bearer {self.secret}"}
        return {}


@dataclass(frozen=True)
class Limits:
    timeout: float  # seconds for the whole fetch
    max_bytes: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(settings.WIRE_FETCH_TIMEOUT, settings.WIRE_MAX_BYTES)


@dataclass(frozen=True)
class Response:
    status: int  # 200, or 304: not modified since the last fetch
    url: str  # where the body came from, after redirects
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    credentials: Credentials | None = None,
    limits: Limits | None = None,
) -> Response:
    limits = limits or Limits.from_settings()
    deadline = time.monotonic() + limits.timeout
    headers = {
        "accept": ACCEPT,
        "user-agent": f"Broadsheet (+{settings.SITE_URL})",
        **urllib3.util.make_headers(accept_encoding=True),
        **(credentials or Credentials()).header(),
    }
    if etag:
        headers["if-none-match"] = etag
    if last_modified:
        headers["if-modified-since"] = last_modified
    origin = origin_of(url)
    for _ in range(MAX_REDIRECTS + 1):
        pool, response = open_url(url, headers, deadline, limits)
        try:
            if response.status not in REDIRECTS:
                return answer(response, url, deadline, limits)
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {response.status} without a Location")
        finally:
            response.release_conn()
            pool.close()
        url = urljoin(url, location.strip())
        if origin_of(url) != origin:
            headers.pop("authorization", None)
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def origin_of(url: str) -> tuple:
    parts = urllib3.util.parse_url(url)
    return (parts.scheme, parts.host, parts.port)


def open_url(url, headers, deadline, limits):
    """Connect to a checked address of the URL's host and send the request."""
    try:
        parts = urllib3.util.parse_url(url)
    except urllib3.exceptions.LocationParseError as error:
        raise FetchError(f"not a URL: {url[:200]}") from error
    if parts.scheme not in ("http", "https") or not parts.host:
        raise FetchError(f"only http and https URLs are fetched, not {url[:200]}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    host = parts.host.strip("[]")
    try:
        candidates = addresses.resolve(host, port)
    except addresses.Refused as refused:
        raise FetchError(str(refused)) from None
    failure = None
    for address in candidates:
        remaining = left(deadline, limits)
        pool = connection_pool(parts.scheme, address, port, host, remaining)
        try:
            return pool, pool.urlopen(
                "GET",
                parts.request_uri,
                headers={**headers, "host": parts.netloc},
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=True,
                assert_same_host=False,
                release_conn=False,
            )
        except (NewConnectionError, ConnectTimeoutError) as error:
            pool.close()
            failure = error  # try the host's next address
        except Urllib3Error as error:
            pool.close()
            raise FetchError(connection_error(error, deadline, limits)) from None
    raise FetchError(connection_error(failure, deadline, limits))


def connection_pool(scheme, address, port, host, timeout):
    """A pool for one connection to `address`, speaking to it as `host`."""
    timeouts = urllib3.Timeout(connect=min(CONNECT_TIMEOUT, timeout), read=timeout)
    if scheme == "http":
        return urllib3.HTTPConnectionPool(address, port, timeout=timeouts, maxsize=1)
    return urllib3.HTTPSConnectionPool(
        address,
        port,
        timeout=timeouts,
        maxsize=1,
        server_hostname=host,
        assert_hostname=host,
        cert_reqs="CERT_REQUIRED",
    )


def left(deadline, limits) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"took longer than {limits.timeout:g} s")
    return remaining


def answer(response, url, deadline, limits) -> Response:
    status = response.status
    reason = f"HTTP {status} {response.reason or ''}".strip()
    if status == 304:
        return Response(304, url)
    if status in THROTTLED:
        raise FetchError(reason, retry_after(response.headers.get("retry-after")))
    if not 200 <= status < 300:
        raise FetchError(reason)
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(too_large(limits))
    return Response(
        200,
        url,
        body=read_body(response, deadline, limits),
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag", "")[:500],
        last_modified=response.headers.get("last-modified", "")[:100],
    )


def read_body(response, deadline, limits) -> bytes:
    """The decoded body, up to the size cap, before the deadline."""
    watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), response.shutdown)
    watchdog.daemon = True
    watchdog.start()
    chunks, size = [], 0
    try:
        for chunk in response.stream(CHUNK, decode_content=True):
            size += len(chunk)
            if size > limits.max_bytes:
                raise FetchError(too_large(limits))
            chunks.append(chunk)
            left(deadline, limits)
    except (Urllib3Error, OSError) as error:
        raise FetchError(connection_error(error, deadline, limits)) from None
    finally:
        watchdog.cancel()
    return b"".join(chunks)


def too_large(limits) -> str:
    return f"larger than the {limits.max_bytes:,} byte limit (WIRE_MAX_BYTES)"


def connection_error(error, deadline, limits) -> str:
    # NewConnectionError is a TimeoutError to urllib3; a refusal is not.
    timed_out = isinstance(error, urllib3.exceptions.TimeoutError) and not (
        isinstance(error, NewConnectionError)
    )
    if timed_out or time.monotonic() >= deadline:
        return f"took longer than {limits.timeout:g} s (WIRE_FETCH_TIMEOUT)"
    reason = getattr(error, "reason", None) or error
    return f"connection failed: {' '.join(str(reason).split())[:300]}"


def retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: a number of seconds or an HTTP date."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
