"""Throttling password guesses, per account and per address, in the shared
cache (so every server process counts together).

Failures are counted per account and per address; a count lapses once
`window` seconds pass with no failure. When one reaches its limit, that
account or address is locked for `window` seconds from that moment: further
attempts are refused without the password being checked, and they are not
counted, so nobody can extend a lock by hammering it. A lock is always
time-boxed. An address that has signed in to an account before is exempt from
that account's lock (an attacker elsewhere cannot lock a real editor out),
though not from its own address's.

Keys hold digests, never the names or addresses. If the cache is down, no
attempt is refused (and the hashing cost of each guess still limits them):
locking every editor out during an outage would be worse.
"""

import hashlib
import logging
import math
from dataclasses import dataclass
from time import time as now

from django.core.cache import cache

log = logging.getLogger(__name__)

# An address that signed in to an account is remembered this long.
KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Throttle:
    scope: str  # "admin-login", "page-password"
    per_account: int  # failures that lock an account
    per_address: int  # failures that lock an address
    window: int  # seconds a count lasts after its last failure, and a lock lasts

    def _key(self, what: str, kind: str, value: str) -> str:
        return f"throttle:{self.scope}:{what}:{kind}:{digest(value)}"

    def _known_key(self, account: str, address: str) -> str:
        return f"throttle:{self.scope}:known:{digest(account)}:{digest(address)}"

    def wait(self, account: str, address: str) -> int:
        """Seconds until this account may be tried from this address, or 0."""
        account = normalise(account)
        locks = [self._key("lock", "address", address)]
        try:
            if not cache.get(self._known_key(account, address)):
                locks.append(self._key("lock", "account", account))
            until = max(cache.get_many(locks).values(), default=0)
        except Exception:  # the cache is down: see the module's docstring
            log.warning("%s throttle: cache unavailable", self.scope, exc_info=True)
            return 0
        return max(0, math.ceil(until - now()))

    def failed(self, account: str, address: str) -> None:
        limits = {
            ("account", normalise(account)): self.per_account,
            ("address", address): self.per_address,
        }
        try:
            for (kind, value), limit in limits.items():
                self._count(kind, value, limit)
        except Exception:
            log.warning("%s throttle: cache unavailable", self.scope, exc_info=True)

    def _count(self, kind: str, value: str, limit: int) -> None:
        key = self._key("failures", kind, value)
        cache.add(key, 0, self.window)
        try:
            count = cache.incr(key)
        except ValueError:  # lapsed between add() and incr()
            cache.add(key, 1, self.window)
            return
        # Some back ends (the file cache) reset the expiry on incr().
        cache.touch(key, self.window)
        if count >= limit:
            # add(): a lock already running is never extended.
            cache.add(self._key("lock", kind, value), now() + self.window, self.window)
            cache.delete(key)
            shown = value if kind == "address" else digest(value)
            log.warning(
                "%s: %s %s locked for %d s after %d failures",
                self.scope,
                kind,
                shown,
                self.window,
                limit,
            )

    def succeeded(self, account: str, address: str) -> None:
        """Remember that this address knows this account's password."""
        try:
            cache.set(
                self._known_key(normalise(account), address),
                1,
                KNOWN_ADDRESS_SECONDS,
            )
        except Exception:
            log.warning("%s throttle: cache unavailable", self.scope, exc_info=True)


def normalise(account: str) -> str:
    # "Admin" and "admin " are the same target for a guesser.
    return (account or "").strip().lower()


def refusal(seconds: int) -> str:
    """The same words whichever limit was reached, and whether or not the
    password was right: it is not checked while locked."""
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return (
        "Too many failed attempts. For security, please wait "
        f"{minutes} {unit} before trying again."
    )
