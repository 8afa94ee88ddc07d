"""One log line per request, in logfmt (key=value pairs that Loki, Vector,
Datadog, `lnav` and `grep` all read):

    method=GET path=/world/ status=200 ms=3.1 bytes=28112 cache=hit
    remote=203.0.113.9 request_id=...

The outermost middleware, so `ms` is the whole of Django's time on it. The
query string is left out: searches are readers' words.
"""

import logging
import time

from broadsheet.core.clients import client_address

logger = logging.getLogger("broadsheet.requests")


def logfmt_value(value):
    text = str(value)
    if not text or any(c in text for c in ' "=\\') or not text.isprintable():
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def logfmt(fields):
    return " ".join(
        f"{key}={logfmt_value(value)}" for key, value in fields.items() if value != ""
    )


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if logger.isEnabledFor(logging.INFO):
            logger.info(self.line(request, response, time.perf_counter() - started))
        return response

    def line(self, request, response, seconds):
        size = "" if response.streaming else len(response.content)
        return logfmt(
            {
                "method": request.method,
                "path": request.path[:300],
                "status": response.status_code,
                "ms": f"{seconds * 1000:.1f}",
                "bytes": size,
                "cache": response.get("X-Cache", ""),
                "remote": client_address(request),
                "request_id": request.headers.get("X-Request-ID", "")[:64],
            }
        )
