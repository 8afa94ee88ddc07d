"""A stand-in for a cache's purge API on the loopback: it records every
request (method, path, headers, body) and answers with the status a test
sets, so the back ends are tested over real HTTP without the network."""

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    method: str
    path: str
    headers: dict  # names in lower case
    body: bytes
    status: int  # what it was answered


class FakeCdn:
    def __init__(self):
        self.requests: list[Request] = []
        self.status = 200
        self.arrived = threading.Condition()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                with server.arrived:
                    server.requests.append(
                        Request(self.command, self.path, headers, body, server.status)
                    )
                    server.arrived.notify_all()
                reply = b'{"success": true}'
                self.send_response(server.status)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            do_PURGE = do_POST = answer

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def wait_for(self, count, timeout=5.0):
        """The requests, once `count` have arrived (or the timeout passed)."""
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.requests) >= count, timeout)
            return list(self.requests)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
