"""A real HTTP server for the wire's tests, on the loopback at a port of its
own choosing, serving whatever each test puts at a path: bytes with headers,
conditional answers (ETag / Last-Modified), gzip or Brotli, redirects, slow
or trickling answers, errors with Retry-After. It records every request."""

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    etag: str = ""  # sent, and a matching If-None-Match gets a 304
    last_modified: str = ""  # likewise with If-Modified-Since
    encoding: str = ""  # "gzip" or "br": compressed when the client accepts it
    delay: float = 0.0  # seconds before the answer starts
    trickle: float = 0.0  # seconds between bytes of the body
    location: str = ""  # a redirect's Location
    content_length: int | None = None  # a Content-Length to claim


@dataclass
class Seen:
    path: str
    headers: dict  # names in lower case
    started: float
    ended: float = 0.0


class FeedServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                server.answer(self)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def add(self, path: str, body: bytes = b"", **options) -> str:
        self.routes[path] = Route(body=body, **options)
        return self.url(path)

    def seen(self, path: str) -> list[Seen]:
        with self.lock:
            return [request for request in self.requests if request.path == path]

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, handler):
        headers = {name.lower(): value for name, value in handler.headers.items()}
        seen = Seen(handler.path, headers, time.monotonic())
        with self.lock:
            self.requests.append(seen)
        route = self.routes.get(handler.path.split("?")[0])
        try:
            if route is None:
                self.send(handler, 404, {}, b"not here")
            else:
                self.serve(handler, route)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: a time-out or size cap being tested
        finally:
            seen.ended = time.monotonic()

    def serve(self, handler, route: Route):
        time.sleep(route.delay)
        headers = dict(route.headers)
        if route.location:
            headers["Location"] = route.location
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if self.unchanged(handler, route):
            self.send(handler, 304, headers, b"")
            return
        body = route.body
        accepted = handler.headers.get("Accept-Encoding", "")
        if route.encoding == "gzip" and "gzip" in accepted:
            body, headers["Content-Encoding"] = gzip.compress(body), "gzip"
        elif route.encoding == "br" and "br" in accepted:
            body, headers["Content-Encoding"] = brotli.compress(body), "br"
        self.send(handler, route.status, headers, body, route)

    def unchanged(self, handler, route) -> bool:
        if route.etag and handler.headers.get("If-None-Match") == route.etag:
            return True
        since = handler.headers.get("If-Modified-Since")
        return bool(route.last_modified and since == route.last_modified)

    def send(self, handler, status, headers, body, route=None):
        handler.send_response(status)
        length = len(body)
        if route is not None and route.content_length is not None:
            length = route.content_length
        for name, value in headers.items():
            handler.send_header(name, value)
        if status != 304:
            handler.send_header("Content-Length", str(length))
        handler.end_headers()
        if route is not None and route.trickle:
            for byte in body:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(route.trickle)
        else:
            handler.wfile.write(body)
