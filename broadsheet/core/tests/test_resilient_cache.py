"""The Redis cache backend under a Redis outage: a real redis-server of the
test's own, killed, hung and started again mid-test."""

import logging
import time

import pytest

from broadsheet.core.resilient_cache import (
    LocalTier,
    ResilientRedisCache,
    cache_recovered,
)
from broadsheet.servers import RedisServer

pytestmark = pytest.mark.faults

RETRY_AFTER = 0.3
TIMEOUT = 0.3


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path).start()
    yield server
    server.resume()
    server.stop()


@pytest.fixture
def cache(redis_server):
    return make_cache(redis_server.url)


def make_cache(url, **options):
    options = {
        "socket_timeout": TIMEOUT,
        "socket_connect_timeout": TIMEOUT,
        "retry_after": RETRY_AFTER,
        **options,
    }
    return ResilientRedisCache(url, {"KEY_PREFIX": "t", "OPTIONS": options})


@pytest.fixture
def recoveries():
    seen = []

    def receiver(sender, lost_writes, **kwargs):
        seen.append(lost_writes)

    cache_recovered.connect(receiver)
    yield seen
    cache_recovered.disconnect(receiver)


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_values_read_before_an_outage_are_served_during_it(redis_server, cache):
    cache.set("front-page", {"html": "<h1>News</h1>"}, 600)
    other_process = make_cache(redis_server.url)
    assert other_process.get("front-page") == {"html": "<h1>News</h1>"}

    redis_server.stop()

    for backend in (cache, other_process):
        value, seconds = timed(lambda b=backend: b.get("front-page"))
        assert value == {"html": "<h1>News</h1>"}
        assert seconds < 1
    assert cache.get("never-cached") is None


def test_during_an_outage_calls_cost_no_time_and_one_warning_is_logged(
    redis_server, cache, caplog
):
    cache.set("k", 1, 60)
    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="broadsheet.cache"):
        _, first = timed(lambda: cache.get("k"))
        _, rest = timed(lambda: [cache.get(f"k{i}") for i in range(500)])
    assert first < 1
    assert rest < 0.5  # 500 calls answered locally, not 500 connection attempts
    warnings = [r for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(warnings) == 1


def test_a_hung_redis_costs_one_timeout_then_nothing(redis_server, cache):
    cache.set("k", "v", 60)
    redis_server.pause()
    value, first = timed(lambda: cache.get("k"))
    assert value == "v"
    assert first < TIMEOUT + 0.5
    _, second = timed(lambda: cache.get("k"))
    assert second < 0.05


def test_counters_and_add_keep_working_locally_during_an_outage(redis_server, cache):
    redis_server.stop()
    assert cache.add("rate", 0, 60) is True
    assert cache.add("rate", 0, 60) is False
    assert cache.incr("rate") == 1
    assert cache.incr("rate") == 2
    with pytest.raises(ValueError):
        cache.incr("missing")
    cache.set("page", "rendered during the outage", 60)
    assert cache.get("page") == "rendered during the outage"
    assert cache.get_many(["page", "missing"]) == {"page": "rendered during the outage"}


def test_service_comes_back_by_itself_and_says_what_was_lost(
    redis_server, cache, recoveries
):
    cache.set("generation", 1, None)
    redis_server.stop()
    cache.set("generation", 2, None)  # only this process's memory has it
    redis_server.start()  # empty, as after a restart without persistence

    time.sleep(RETRY_AFTER + 0.05)
    cache.get("anything")

    assert recoveries == [True]
    cache.set("after", "stored in Redis", 60)
    assert make_cache(redis_server.url).get("after") == "stored in Redis"


def test_an_outage_without_writes_recovers_with_nothing_lost(
    redis_server, cache, recoveries
):
    cache.get("x")
    redis_server.stop()
    cache.get("x")
    redis_server.start()
    time.sleep(RETRY_AFTER + 0.05)
    cache.get("x")
    assert recoveries == [False]


def test_the_local_tier_is_bounded_in_bytes_and_drops_the_oldest_first():
    tier = LocalTier(max_bytes=10_000)
    for i in range(100):
        tier.put(f"page{i}", b"x" * 1000, 60)
    assert tier.size <= 10_000
    assert tier.get("page0") is None
    assert tier.get("page99") == b"x" * 1000
    tier.put("huge", b"x" * 5000, 60)  # over a quarter of the budget
    assert tier.get("huge") is None


def test_the_local_tier_expires_entries():
    tier = LocalTier(max_bytes=10_000)
    tier.put("short", b"v", 0.05)
    tier.put("forever", b"v", None)
    time.sleep(0.1)
    assert tier.get("short") is None
    assert tier.get("forever") == b"v"
