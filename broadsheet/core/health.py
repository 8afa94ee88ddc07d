"""/healthz and /readyz, for load balancers and deploy scripts.

Answered by a middleware at the top of the stack, before host checks (a
load balancer asks by the machine's address), the HTTPS redirect, sessions
and the page cache, so a check costs microseconds and never touches a
reader's cache:

- /healthz: the process answers (200 "ok"). What a load balancer should
  poll: a dead or stuck process is taken out of rotation.
- /readyz: the database and the cache answer (200, or 503), with what each
  said as JSON. For deploys (send traffic once a new machine is ready) and
  monitoring. A load balancer should not poll it: when the shared database
  or Redis blips, every machine would be taken out at once, although each
  still serves cached pages (docs/deploy.md).
"""

import json
import time

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

READY_KEY = "broadsheet:readyz"


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        connection.close()  # a dead connection is not kept for the next check
        return f"down: {type(error).__name__}"
    return "ok"


def check_cache():
    breaker = getattr(cache, "breaker", None)  # resilient_cache.py
    try:
        cache.set(READY_KEY, time.time(), 60)
        cache.get(READY_KEY)
    except Exception as error:
        return f"down: {type(error).__name__}"
    if breaker is not None and breaker.is_open:
        return "down: serving from this process's memory"
    return "ok"


def plain(status, text, content_type="text/plain"):
    response = HttpResponse(text, status=status, content_type=content_type)
    add_never_cache_headers(response)
    return response


def healthz(request):
    return plain(200, "ok\n")


def readyz(request):
    checks = {"database": check_database(), "cache": check_cache()}
    ready = all(value == "ok" for value in checks.values())
    body = json.dumps({"ready": ready, **checks}) + "\n"
    return plain(200 if ready else 503, body, "application/json")


CHECKS = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        check = CHECKS.get(request.path_info)
        if check is not None and request.method in ("GET", "HEAD"):
            return check(request)
        return self.get_response(request)
