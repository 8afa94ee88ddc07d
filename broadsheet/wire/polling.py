"""Polling: which sources are due, fetched side by side, and written one by one.

A Poller keeps a bounded pool of threads (WIRE_POLL_WORKERS) for the network
part of a poll (intake.fetch_and_read) and writes the results in its own
thread, so one hanging or huge source holds one thread until its time-out,
never the others, and the database has one writer. Politeness: one request
at a time per host, and WIRE_HOST_GAP seconds between two (in one process).

A source is claimed before it is fetched, by a conditional UPDATE of its
`claimed_until` (a lease a little longer than a fetch may take): two workers
never poll one source at once, and a worker that dies mid-poll frees its
sources when the lease ends. The health written after a poll only lands
while the claim still holds.

The worker calls poll_due_sources() as one of its periodic jobs; `broadsheet
poll` polls by hand.
"""

import logging
import time
from concurrent import futures
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from urllib3.util import parse_url

from broadsheet.wire import intake
from broadsheet.wire.models import Source

logger = logging.getLogger(__name__)

GRACE = 15  # seconds past a fetch's own time-out before it is given up on
# Seconds a worker's polling turn waits for fetches in flight: a little, so
# fast feeds are written in the same turn, not so long that tasks wait.
JOB_WAIT = 2


@dataclass
class Flight:
    source: Source
    host: str
    started: float  # time.monotonic()


class Poller:
    def __init__(self, workers: int | None = None, gap: float | None = None):
        self.workers = workers or settings.WIRE_POLL_WORKERS
        self.gap = settings.WIRE_HOST_GAP if gap is None else gap
        self.pool = futures.ThreadPoolExecutor(
            self.workers, thread_name_prefix="wire-poll"
        )
        self.flights: dict[futures.Future, Flight] = {}
        # Fetches given up on (past their deadline) still hold a thread.
        self.abandoned: set[futures.Future] = set()
        self.host_free_at: dict[str, float] = {}

    # Steps

    def step(self, wait: float = 0.0, only=None) -> list[intake.Outcome]:
        """Write what has arrived, start what is due, and wait up to `wait`
        seconds for fetches in flight, writing each as it lands. `only`: a
        set of ids of sources to poll now, due or not (by hand); each id is
        taken out of it once its poll has started."""
        outcomes = self.land()
        self.launch(only)
        deadline = time.monotonic() + wait
        while self.flights and (remaining := deadline - time.monotonic()) > 0:
            futures.wait(
                list(self.flights),
                timeout=min(remaining, self.next_deadline()),
                return_when=futures.FIRST_COMPLETED,
            )
            outcomes += self.land()
            self.launch(only)
        return outcomes

    def poll_now(self, sources) -> list[intake.Outcome]:
        """Poll these sources now, due or not, and wait for every one (each
        within its time-out), host by host with the politeness gap."""
        wanted = {source.pk for source in sources}
        outcomes = self.step(only=wanted)
        while wanted or self.flights:
            outcomes += self.step(wait=1.0, only=wanted)
            if wanted and not self.flights and not self.claimable(wanted):
                break  # claimed by another worker, disabled or removed
        return outcomes

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)

    # Starting fetches

    def launch(self, only=None) -> None:
        room = self.workers - len(self.flights) - self.still_running()
        if room <= 0:
            return
        now = time.monotonic()
        # More than there is room for: sources of busy hosts are passed over.
        for source in self.candidates(only, limit=room * 10):
            host = host_of(source.url)
            if host in self.busy_hosts() or self.host_free_at.get(host, 0) > now:
                continue
            claimed = claim(source, force=only is not None)
            if claimed is None:
                continue
            if only is not None:
                only.discard(source.pk)
            future = self.pool.submit(intake.fetch_and_read, claimed)
            self.flights[future] = Flight(claimed, host, time.monotonic())
            room -= 1
            if room == 0:
                return

    def candidates(self, only, limit):
        sources = Source.objects.filter(enabled=True).exclude(url="")
        if only is not None:
            return list(sources.filter(pk__in=only).order_by("next_poll_at"))
        now = timezone.now()
        return list(
            sources.filter(next_poll_at__lte=now)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by("next_poll_at")[:limit]
        )

    def claimable(self, ids) -> bool:
        return self.candidates(ids, limit=len(ids)) != []

    def busy_hosts(self) -> set[str]:
        return {flight.host for flight in self.flights.values()}

    def still_running(self) -> int:
        self.abandoned = {f for f in self.abandoned if not f.done()}
        return len(self.abandoned)

    # Writing results

    def land(self) -> list[intake.Outcome]:
        outcomes = []
        now = time.monotonic()
        for future, flight in list(self.flights.items()):
            if future.done():
                reading = future.result()
            elif now - flight.started > hard_limit():
                # Past its time-out and the grace: a resolver that hangs
                # (getaddrinfo has no time-out of its own). Its thread is
                # left to finish; the source is released as failed.
                self.abandoned.add(future)
                reading = intake.Reading(error=intake.http.FetchError(too_slow()))
            else:
                continue
            del self.flights[future]
            self.host_free_at[flight.host] = time.monotonic() + self.gap
            outcomes.append(self.write(flight.source, reading))
        return outcomes

    def write(self, source, reading) -> intake.Outcome:
        try:
            return intake.take(source, reading)
        except Exception as error:  # one source's failure is not the others'
            logger.exception("writing the poll of %s failed", source.slug)
            return intake.failed(source, f"could not be written: {error!r}")

    def next_deadline(self) -> float:
        if not self.flights:
            return 0.0
        oldest = min(flight.started for flight in self.flights.values())
        return max(0.05, oldest + hard_limit() - time.monotonic())


def hard_limit() -> float:
    return settings.WIRE_FETCH_TIMEOUT + GRACE


def too_slow() -> str:
    return f"took longer than {settings.WIRE_FETCH_TIMEOUT} s (WIRE_FETCH_TIMEOUT)"


def host_of(url: str) -> str:
    try:
        return (parse_url(url).host or "").lower()
    except ValueError:
        return ""


def claim(source: Source, force: bool = False) -> Source | None:
    """The source, claimed by this worker with a conditional UPDATE, or None
    when another worker has it (or it is no longer due)."""
    now = timezone.now()
    lease = now + timedelta(seconds=hard_limit() + GRACE)
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    query = Source.objects.filter(free, pk=source.pk, enabled=True)
    if not force:
        query = query.filter(next_poll_at__lte=now)
    if query.update(claimed_until=lease) != 1:
        return None
    return Source.objects.select_related("section").get(pk=source.pk)


# The worker's periodic job

_poller = None


def poll_due_sources() -> None:
    """One turn of polling for `broadsheet worker`: write what arrived since
    the last turn, start what is due, wait a few seconds for fetches in
    flight. Fetches still going on continue in the background."""
    global _poller
    if _poller is None:
        _poller = Poller()
    for outcome in _poller.step(wait=JOB_WAIT):
        if outcome.status != "not modified":
            logger.info("wire: %s", outcome.line())
