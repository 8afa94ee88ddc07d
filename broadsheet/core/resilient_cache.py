"""A Redis cache that a Redis outage cannot take the site down with.

Django's RedisCache raises on every call while Redis is away, so every page
(cached ones included) failed and comments were lost (security review
2026-12, findings 1 and 2). This backend is the one place that deals with it,
so nothing that uses the cache has to catch cache errors:

- short socket time-outs and no retries inside redis-py: a dead or hung Redis
  costs a request at most one time-out, never seconds;
- a circuit breaker: after a failure the process stops asking Redis and asks
  again (one caller at a time) every `retry_after` seconds, so during an
  outage a request costs no time at all, and service comes back by itself;
- a small local memory tier per process: what this process read from or
  wrote to Redis is kept (bounded in bytes, least recently used out first),
  and during an outage every operation is answered from it. A page this
  process had cached keeps being served; counters and `add` keep working
  per process (rate limits and the form-stamp check hold per process);
- one warning when an outage starts and one line when it ends, not a
  traceback per request;
- `cache_recovered` is sent when Redis answers again, saying whether this
  process wrote something meanwhile that only its local tier holds (see
  broadsheet.caching.apps.repair_after_outage).
"""

import logging
import os
import threading
import time
from collections import OrderedDict

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.dispatch import Signal
from django.utils.functional import cached_property
from redis import exceptions as redis_errors
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger("broadsheet.cache")

# Sent with lost_writes=True/False by the process that sees Redis answer
# again after an outage.
cache_recovered = Signal()

# What an unreachable, hung, restarting or full Redis raises. A wrong
# command (ResponseError) is a bug and still raises.
OUTAGE_ERRORS = (
    redis_errors.ConnectionError,  # refused, reset, loading, too many clients
    redis_errors.TimeoutError,
    redis_errors.ReadOnlyError,  # a replica during a fail-over
    redis_errors.OutOfMemoryError,  # maxmemory with noeviction
    OSError,
)
DEFAULT_SOCKET_TIMEOUT = 0.5  # seconds; a cache answer takes < 1 ms
DEFAULT_RETRY_AFTER = 1.0  # seconds between probes while Redis is away
DEFAULT_LOCAL_MAX_BYTES = 32 * 1024 * 1024
# Entries kept locally after a read expire after this long even when Redis
# gave them a longer life: the local tier is a fallback, not a second cache.
LOCAL_READ_TIMEOUT = 600
INT_SIZE = 16  # what an integer counts as against the byte budget


class LocalTier:
    """A bounded, thread-safe LRU of serialised values with expiry times."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries = OrderedDict()  # key -> (expires or None, raw, size)
        self.lock = threading.Lock()

    def _live(self, key):
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry[0] is not None and entry[0] <= time.monotonic():
            self._drop(key)
            return None
        self.entries.move_to_end(key)
        return entry

    def _drop(self, key):
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.size -= entry[2]
        return entry is not None

    def _put(self, key, raw, timeout):
        size = len(raw) if isinstance(raw, bytes) else INT_SIZE
        self._drop(key)
        if size > self.max_bytes // 4:
            return  # one huge entry must not empty the tier
        expires = None if timeout is None else time.monotonic() + timeout
        self.entries[key] = (expires, raw, size)
        self.size += size
        while self.size > self.max_bytes:
            self._drop(next(iter(self.entries)))

    def get(self, key):
        with self.lock:
            entry = self._live(key)
            return None if entry is None else entry[1]

    def put(self, key, raw, timeout):
        with self.lock:
            if timeout is not None and timeout <= 0:
                self._drop(key)
            else:
                self._put(key, raw, timeout)

    def add(self, key, raw, timeout):
        with self.lock:
            if self._live(key) is not None:
                return False
            if timeout is None or timeout > 0:
                self._put(key, raw, timeout)
            return True

    def update(self, key, change):
        """Replace a live entry's value with change(raw), keeping its expiry;
        None when there is no such entry."""
        with self.lock:
            entry = self._live(key)
            if entry is None:
                return None
            raw = change(entry[1])
            remaining = None if entry[0] is None else entry[0] - time.monotonic()
            self._put(key, raw, remaining)
            return raw

    def touch(self, key, timeout):
        with self.lock:
            entry = self._live(key)
            if entry is None:
                return False
            self._put(key, entry[1], timeout)
            return True

    def delete(self, key):
        with self.lock:
            return self._drop(key)

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


class CircuitBreaker:
    """Closed: every call goes to Redis. Open (after a failure): calls are
    answered locally, and one caller every `retry_after` seconds probes."""

    def __init__(self, retry_after, name):
        self.retry_after = retry_after
        self.name = name
        self.lock = threading.Lock()
        self.down_since = None  # monotonic time of the first failure
        self.next_probe = 0.0

    @property
    def is_open(self):
        return self.down_since is not None

    def allow(self):
        if self.down_since is None:
            return True
        with self.lock:
            now = time.monotonic()
            if self.down_since is None or now >= self.next_probe:
                # This caller probes; the others keep answering locally.
                self.next_probe = now + self.retry_after
                return True
            return False

    def failed(self, error):
        with self.lock:
            now = time.monotonic()
            self.next_probe = now + self.retry_after
            if self.down_since is None:
                self.down_since = now
                logger.warning(
                    "cache %s unavailable (%s: %s); serving from this process's "
                    "memory and retrying every %ss",
                    self.name,
                    type(error).__name__,
                    str(error).splitlines()[0] if str(error) else "",
                    self.retry_after,
                )

    def succeeded(self):
        """True when this success ends an outage."""
        if self.down_since is None:
            return False
        with self.lock:
            if self.down_since is None:
                return False
            outage = time.monotonic() - self.down_since
            self.down_since = None
        logger.warning("cache %s is back after %.1f s", self.name, outage)
        return True


class ResilientRedisClient(RedisCacheClient):
    def __init__(
        self,
        servers,
        *,
        retry_after=DEFAULT_RETRY_AFTER,
        local_max_bytes=DEFAULT_LOCAL_MAX_BYTES,
        **options,
    ):
        options.setdefault("socket_connect_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        # Never retry inside redis-py: the breaker decides when to try again.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(servers, **options)
        self.local = LocalTier(local_max_bytes)
        self.breaker = CircuitBreaker(retry_after, name=servers[0].rpartition("@")[2])
        self.lost_writes = False
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        """One redis-py client per connection pool, made once. Django makes
        a new one for every call, and redis-py's constructor fills a table
        of some 170 reply callbacks: 0.14 ms each time, two or more times a
        cached page (a cached article on PostgreSQL + Redis: 0.93 ms a hit
        in-process, of which that was a third; docs/benchmarks.md). A
        client holds no connection of its own (each command takes one from
        the pool), so one is safe to share between threads and greenlets."""
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _call(self, remote, local, *, write=False):
        if self.breaker.allow():
            try:
                result = remote()
            except OUTAGE_ERRORS as error:
                self.breaker.failed(error)
            else:
                if self.breaker.succeeded():
                    lost, self.lost_writes = self.lost_writes, False
                    cache_recovered.send(sender=type(self), lost_writes=lost)
                return result
        if write:
            self.lost_writes = True
        return local()

    def _load(self, raw, default=None):
        return default if raw is None else self._serializer.loads(raw)

    def get(self, key, default):
        def remote():
            raw = self.get_client(key).get(key)
            if raw is not None:
                self.local.put(key, raw, LOCAL_READ_TIMEOUT)
            return self._load(raw, default)

        return self._call(remote, lambda: self._load(self.local.get(key), default))

    def get_many(self, keys):
        keys = list(keys)

        def remote():
            values = self.get_client(None).mget(keys)
            found = {k: raw for k, raw in zip(keys, values, strict=True) if raw}
            for k, raw in found.items():
                self.local.put(k, raw, LOCAL_READ_TIMEOUT)
            return {k: self._load(raw) for k, raw in found.items()}

        def local():
            found = {k: self.local.get(k) for k in keys}
            return {k: self._load(raw) for k, raw in found.items() if raw is not None}

        return self._call(remote, local)

    def has_key(self, key):
        return self._call(
            lambda: super(ResilientRedisClient, self).has_key(key),
            lambda: self.local.get(key) is not None,
        )

    def set(self, key, value, timeout):
        raw = self._serializer.dumps(value)

        def remote():
            client = self.get_client(key, write=True)
            if timeout == 0:
                client.delete(key)
            else:
                client.set(key, raw, ex=timeout)

        self._call(remote, lambda: None, write=True)
        self.local.put(key, raw, timeout)

    def set_many(self, data, timeout):
        self._call(
            lambda: super(ResilientRedisClient, self).set_many(data, timeout),
            lambda: None,
            write=True,
        )
        for key, value in data.items():
            self.local.put(key, self._serializer.dumps(value), timeout)

    def add(self, key, value, timeout):
        raw = self._serializer.dumps(value)

        def remote():
            added = super(ResilientRedisClient, self).add(key, value, timeout)
            if added:
                self.local.put(key, raw, timeout)
            return added

        return self._call(remote, lambda: self.local.add(key, raw, timeout), write=True)

    def incr(self, key, delta):
        def local():
            raw = self.local.update(
                key, lambda raw: self._serializer.dumps(self._load(raw) + delta)
            )
            if raw is None:
                raise ValueError(f"Key '{key}' not found.")
            return self._load(raw)

        return self._call(
            lambda: super(ResilientRedisClient, self).incr(key, delta),
            local,
            write=True,
        )

    def touch(self, key, timeout):
        return self._call(
            lambda: super(ResilientRedisClient, self).touch(key, timeout),
            lambda: self.local.touch(key, timeout),
            write=True,
        )

    def delete(self, key):
        dropped = self.local.delete(key)
        return self._call(
            lambda: super(ResilientRedisClient, self).delete(key),
            lambda: dropped,
            write=True,
        )

    def delete_many(self, keys):
        keys = list(keys)
        for key in keys:
            self.local.delete(key)
        self._call(
            lambda: super(ResilientRedisClient, self).delete_many(keys),
            lambda: None,
            write=True,
        )

    def clear(self):
        self.local.clear()
        return self._call(
            lambda: super(ResilientRedisClient, self).clear(),
            lambda: True,
            write=True,
        )


# One client per process and configuration: see ResilientRedisCache._cache.
_clients: dict[tuple, ResilientRedisClient] = {}
_clients_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    """settings.CACHES backend; OPTIONS may set `socket_timeout`,
    `socket_connect_timeout`, `retry_after` and `local_max_bytes`."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisClient

    @cached_property
    def _cache(self):
        """The process's client for this configuration. Django keeps a cache
        object per thread, and under `broadsheet serve`'s gevent workers
        each connection's greenlet counts as one: every reader connection
        made its own client, with its own connection pool (a new connection
        to Redis), its own circuit breaker (each waited out the time-out once
        during an outage) and its own empty memory tier (nothing cached to
        fall back on). The client is shared instead; its tier and breaker
        are locked, and its pool hands each command a connection of its
        own."""
        key = (os.getpid(), tuple(self._servers), repr(sorted(self._options.items())))
        with _clients_lock:
            client = _clients.get(key)
            if client is None:
                client = _clients[key] = self._class(self._servers, **self._options)
        return client

    @property
    def breaker(self):
        return self._cache.breaker
