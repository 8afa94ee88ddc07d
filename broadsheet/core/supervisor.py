"""Keeps `broadsheet serve`'s children running: the web server and the
workers. A child that dies is started again after a back-off (it used to
stop the others with it, and the site stayed down: review 2026-12, finding
1); SIGTERM or SIGINT stops them all, each given time to finish what it is
doing."""

import ctypes
import ctypes.util
import functools
import logging
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field

logger = logging.getLogger("broadsheet.serve")

FIRST_DELAY, LONGEST_DELAY = 1.0, 30.0
# A child that ran this long before dying is restarted at once: it was not
# failing at start-up.
STABLE_AFTER = 60.0
STOP_TIMEOUT = 20.0  # seconds a child has to stop before it is killed
POLL = 0.2


def die_with_parent():
    """Linux: the child gets SIGTERM if `serve` itself is killed (SIGKILL
    cannot be caught), instead of running on without a supervisor."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: nothing to do


PR_SET_PDEATHSIG = 1


def in_child(niceness: int):
    die_with_parent()
    if niceness:
        os.nice(niceness)


@dataclass
class Child:
    name: str
    command: list[str]
    # Added to the child's niceness: background work yields the processor to
    # readers' requests when both want it.
    niceness: int = 0
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    delay: float = FIRST_DELAY
    restart_at: float | None = None
    restarts: int = field(default=0)

    def start(self):
        self.process = subprocess.Popen(
            self.command, preexec_fn=functools.partial(in_child, self.niceness)
        )
        self.started_at = time.monotonic()
        self.restart_at = None


class Supervisor:
    def __init__(self, children: list[Child]):
        self.children = children
        self.stopping = False

    def stop(self, signum=None, frame=None):
        self.stopping = True

    def run(self):
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        for child in self.children:
            child.start()
        while not self.stopping:
            self.check(time.monotonic())
            time.sleep(POLL)
        self.stop_all()

    def check(self, now):
        for child in self.children:
            if child.restart_at is not None:
                if now >= child.restart_at:
                    logger.warning("starting %s again", child.name)
                    child.restarts += 1
                    child.start()
                continue
            code = child.process.poll()
            if code is None:
                continue
            if now - child.started_at >= STABLE_AFTER:
                child.delay = FIRST_DELAY
            logger.error(
                "%s stopped (exit code %s); starting it again in %.0f s",
                child.name,
                code,
                child.delay,
            )
            child.restart_at = now + child.delay
            child.delay = min(LONGEST_DELAY, child.delay * 2)

    def stop_all(self):
        running = [c for c in self.children if c.process and c.process.poll() is None]
        for child in running:
            child.process.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT
        for child in running:
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("%s did not stop in time; killing it", child.name)
                child.process.kill()
                child.process.wait()
