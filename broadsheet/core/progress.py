"""Progress of a long command (import_ninjs, enrich, train_sections, demo):
one line redrawn in place on a terminal, nothing at all in logs, CI or a
pipe, where the command's own summary line says what was done.

    with Progress("enrich", len(ids), self.stderr) as progress:
        for article_id in ids:
            ...
            progress.advance()
"""

import time

from django.core.management.base import OutputWrapper

BAR_WIDTH = 24
REDRAW_EVERY = 0.1  # seconds: smooth to the eye, cheap for a fast loop


class Progress:
    def __init__(self, label, total=None, stream=None):
        """`total` None: a count with no bar (a stream of unknown length).
        No stream, or one that is not a terminal: silent."""
        self.label, self.total, self.done = label, total, 0
        self.shown = bool(stream is not None and stream.isatty())
        self.stream = stream
        self.started = self.drawn = time.monotonic()

    def advance(self, steps=1):
        self.done += steps
        if self.shown and time.monotonic() - self.drawn >= REDRAW_EVERY:
            self.draw()

    def draw(self):
        self.drawn = time.monotonic()
        rate = self.done / max(self.drawn - self.started, 1e-9)
        speed = f"{rate:,.1f}/s" if rate < 10 else f"{rate:,.0f}/s"
        line = f"{self.label} {self.done:,} ({speed})"
        if self.total:
            filled = BAR_WIDTH * min(self.done, self.total) // self.total
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            line = f"{self.label} [{bar}] {self.done:,}/{self.total:,} ({speed}"
            left = self.total - self.done
            line += f", {clock(left / rate)} left)" if left > 0 and rate else ")"
        self.write(f"\r{line}\x1b[K")

    def clear(self):
        """Make way for a line of the command's own; the next step redraws."""
        if self.shown:
            self.write("\r\x1b[K")

    def write(self, text):
        # Django's wrapper ends every write with a newline, and colours a
        # command's stderr as an error, unless told not to.
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, style_func=str, ending="")
        else:
            self.stream.write(text)
        self.stream.flush()

    def __enter__(self):
        if self.shown:
            self.draw()
        return self

    def __exit__(self, *exc_info):
        if self.shown:  # the final count stays on screen
            self.draw()
            self.write("\n")


def clock(seconds):
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes}:{seconds:02d}"
