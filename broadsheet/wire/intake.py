"""One source, one poll: fetch, read, import, and the source's health.

Split in two so that the network and the database never wait for each other:
fetch_and_read() is the slow, uncertain part (HTTP, then parsing: no
database), run in polling's worker threads; take() writes what was read, in
the worker's own thread, and keeps the source's health and schedule. Pushes
and import_ninjs reach the same Importer (importer.py).
"""

import logging
import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from broadsheet.wire import reading
from broadsheet.wire.importer import Importer, Tally
from broadsheet.wire.models import Source
from broadsheet.wire.parsers import feeds, ninjs
from broadsheet.wire.sources import http
from broadsheet.wire.sources.base import Payload

logger = logging.getLogger(__name__)

MAX_BACKOFF = 6 * 3600  # seconds: a dead feed is still tried four times a day
ERROR_LIMIT = 500  # Source.last_error
NOTES_KEPT = 20  # refusals reported per poll, one line each


@dataclass
class Reading:
    """What a fetch brought, read: parsed documents, or why not."""

    response: http.Response | None = None
    parsed: list = field(default_factory=list)
    format: str = ""
    # Why the document is not what it should be, in one line (a feed that
    # is not well-formed may still have had entries recovered).
    problem: str = ""
    error: http.FetchError | None = None


@dataclass
class Outcome:
    """A poll's result, as `broadsheet poll` and the health columns tell it."""

    source: Source
    status: str  # "new", "not modified", "failed"
    tally: Tally = field(default_factory=Tally)
    error: str = ""
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.status == "failed":
            return f"{self.source.slug}: failed: {self.error}"
        if self.status == "not modified":
            return f"{self.source.slug}: not modified"
        t = self.tally
        said = f"{t.imported} new, {t.updated} updated, {t.unchanged} unchanged"
        said += f", {t.skipped} skipped, {t.refused} refused"
        warning = f" ({self.error})" if self.error else ""
        return f"{self.source.slug}: {said}{warning}"


def credentials(source: Source) -> http.Credentials:
    return http.Credentials(source.auth, source.username, source.secret)


def fetch_and_read(source: Source) -> Reading:
    """The source's document, fetched (conditionally) and parsed. No
    database: this runs in a polling thread."""
    try:
        response = http.fetch(
            source.url,
            etag=source.etag,
            last_modified=source.last_modified,
            credentials=credentials(source),
        )
    except http.FetchError as error:
        return Reading(error=error)
    if response.not_modified:
        return Reading(response)
    return read(source.kind, source.slug, response)


def read(kind: str, name: str, response: http.Response) -> Reading:
    if kind == Source.Kind.NINJS:
        payload = Payload(name, response.body)
        documents = list(ninjs.documents(payload))
        parsed = [reading.read_document(document, None) for document in documents]
        whole = documents[0].error if len(documents) == 1 else ""
        return Reading(response, parsed, "ninjs", problem=whole)
    feed = feeds.read(response.body, response.url, response.content_type, name=name)
    parsed = [reading.parse_document(d, feeds.parse) for d in feed.documents]
    return Reading(response, parsed, feed.format, problem=feed.problem)


def take(source: Source, got: Reading) -> Outcome:
    """Write what a poll read and note the source's health; the source's
    claim ends here."""
    if not still_claimed(source):
        # The lease ran out and another worker has the source now: what this
        # fetch brought is theirs to write (they fetch it again).
        return Outcome(source, "failed", error="claim lost; polled by another worker")
    if got.error is not None:
        return failed(source, str(got.error), got.error.retry_after)
    if got.response.not_modified:
        return succeeded(source, Outcome(source, "not modified"), got.response)
    if got.problem and not any(p.story for p in got.parsed):
        return failed(source, got.problem)
    outcome = Outcome(source, "new", error=got.problem)
    outcome.tally = import_parsed(source, got.parsed, outcome.notes)
    return succeeded(source, outcome, got.response)


def import_parsed(source, parsed, notes) -> Tally:
    def note(line):
        if len(notes) < NOTES_KEPT:
            notes.append(" ".join(line.split()))

    importer = Importer.for_source(source, report_error=note, report_note=note)
    for one in parsed:
        if one.story is not None:
            importer.add(one.name, one.story, one.blocks)
        elif one.skipped:
            importer.skipped(one.name, one.skipped)
        else:
            importer.refused(one.name, one.refused)
    return importer.finish()


def succeeded(source: Source, outcome: Outcome, response) -> Outcome:
    now = timezone.now()
    source.last_fetch_at = source.last_success_at = now
    source.last_error = outcome.error[:ERROR_LIMIT]
    source.failures = 0
    if response.etag or response.last_modified or not response.not_modified:
        source.etag, source.last_modified = response.etag, response.last_modified
    source.next_poll_at = now + timedelta(seconds=spread(source.poll_every))
    release(source)
    return outcome


def failed(source: Source, error: str, retry_after: float | None = None) -> Outcome:
    now = timezone.now()
    source.last_fetch_at = now
    source.last_error = " ".join(error.split())[:ERROR_LIMIT]
    source.failures += 1
    source.next_poll_at = now + timedelta(seconds=backoff(source, retry_after))
    release(source)
    return Outcome(source, "failed", error=source.last_error)


def backoff(source: Source, retry_after: float | None) -> float:
    """Exponential in the failures in a row, with jitter so that sources
    that failed together (an outage) do not all come back together; a
    server's Retry-After is honoured when it asks for longer."""
    ceiling = min(source.poll_every * 2**source.failures, MAX_BACKOFF)
    delay = random.uniform(ceiling / 2, ceiling)
    if retry_after is not None:
        delay = max(delay, min(retry_after, MAX_BACKOFF * 4))
    return delay


def spread(seconds: float) -> float:
    """The poll interval, give or take 5%: sources added together drift
    apart instead of being fetched in one burst for ever."""
    return seconds * random.uniform(0.95, 1.05)


HEALTH_FIELDS = [
    "last_fetch_at",
    "last_success_at",
    "last_error",
    "failures",
    "etag",
    "last_modified",
    "next_poll_at",
]


def claimed(source: Source):
    """The source's row, while the claim this object was loaded with holds."""
    rows = Source.objects.filter(pk=source.pk)
    if source.claimed_until is not None:
        rows = rows.filter(claimed_until=source.claimed_until)
    return rows


def still_claimed(source: Source) -> bool:
    return claimed(source).exists()


def release(source: Source) -> None:
    """Write the poll's health and end the claim, if it still holds."""
    values = {name: getattr(source, name) for name in HEALTH_FIELDS}
    claimed(source).update(**values, claimed_until=None)
    source.claimed_until = None
