"""The gunicorn worker `broadsheet serve` runs: gevent, so that idle and
slow clients cost a greenlet each instead of a whole worker.

With sync workers, twelve idle half-open connections took the site down
(review 2026-12, "Slow clients"); threads (gthread) and granian's WSGI
threads are held just the same by uploads that dribble in, while here
each waiting connection is a few kilobytes of memory (bench/slow_clients.py,
docs/benchmarks.md). Time-outs:

- request headers: gunicorn's keep-alive time-out (`--keep-alive`, 5 s)
  bounds the wait for each request's headers;
- bodies and responses: each read or write of the socket may wait at most
  CLIENT_TIMEOUT seconds for the client, where gunicorn's gevent worker
  would wait for ever.

No Django at import: gunicorn's master imports this before forking.
"""

import os

import gevent
from gunicorn.workers.base_async import AsyncWorker
from gunicorn.workers.ggevent import GeventWorker

CLIENT_TIMEOUT = 30  # seconds of silence from a client mid-request
# After each response, a connection waits this long before reading its next
# request, so that every other client whose request has arrived gets its turn
# first. Without it a client that asks again at once (keep-alive, a fast
# network) is served again and again while the others wait: one process,
# eight clients, p99 603 ms -> 20 ms (docs/benchmarks.md, slow clients).
TURN_SECONDS = 0.0005


class BroadsheetWorker(GeventWorker):
    def init_process(self):
        # Django keeps a database connection per thread, and under gevent
        # each request is a greenlet of its own: kept connections would
        # pile up, one per request. Closed after each request instead,
        # unless the operator chose otherwise.
        os.environ.setdefault("DATABASE_CONN_MAX_AGE", "0")
        super().init_process()

    def handle(self, listener, client, addr):
        # GeventWorker.handle would make the socket blocking (no time-out).
        client.settimeout(CLIENT_TIMEOUT)
        AsyncWorker.handle(self, listener, client, addr)

    def handle_request(self, listener_name, req, sock, addr):
        super().handle_request(listener_name, req, sock, addr)
        gevent.sleep(TURN_SECONDS)
