"""A source's health in words, one line: `broadsheet sources` and the admin."""

from django.utils import timezone
from django.utils.timesince import timesince, timeuntil

from broadsheet.wire.models import Source


def ago(moment, now) -> str:
    return f"{timesince(moment, now).split(',')[0]} ago" if moment else "never"


def state(source: Source, now=None) -> str:
    now = now or timezone.now()
    if not source.enabled:
        return "disabled"
    if not source.url:
        return "push only"
    if source.failures:
        return f"failing ({source.failures} in a row): {source.last_error}"
    if source.last_success_at is None:
        return "not polled yet"
    warning = f" (last time: {source.last_error})" if source.last_error else ""
    return f"ok{warning}"


def summary(source: Source, items_24h: int, now=None) -> str:
    """name, kind, trust, schedule and health, in one line."""
    now = now or timezone.now()
    trust = "publishes" if source.publishes else "to the desk"
    parts = [
        f"{source.slug}",
        f"{source.kind}",
        trust,
        state(source, now),
        f"last fetch {ago(source.last_fetch_at, now)}",
        f"last success {ago(source.last_success_at, now)}",
        f"{items_24h} items in 24 h",
    ]
    if source.enabled and source.url:
        parts.append(next_poll(source, now))
    return " | ".join(parts)


def next_poll(source: Source, now) -> str:
    if source.claimed_until and source.claimed_until > now:
        return "polling now"
    if source.next_poll_at <= now:
        return "next poll: due"
    return f"next poll in {timeuntil(source.next_poll_at, now).split(',')[0]}"
