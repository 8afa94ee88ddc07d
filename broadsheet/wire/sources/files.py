"""Files, folders (walked in name order) and standard input, given as '-'."""

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from broadsheet.wire.sources.base import Payload

STDIN = "-"
# Wire folders also hold pictures, NewsML originals and notes: only these are
# read when a folder is walked. A file named explicitly is always read.
SUFFIXES = {".json", ".jsonl", ".ndjson"}


class SourceError(Exception):
    """A path that names nothing readable; reported like a refused document."""

    def __init__(self, name: str, reason: str):
        # Both in args, so that it pickles (it may travel to a reader process).
        super().__init__(name, reason)
        self.name, self.reason = name, reason

    def __str__(self):
        return f"{self.name}: {self.reason}"


def expand(paths: Iterable[str]) -> Iterator[str | Path]:
    """Every file the paths name, folders walked recursively in name order."""
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES
            )
        else:
            yield path


def read(paths: Iterable[str]) -> Iterator[Payload | SourceError]:
    """One payload per file, read lazily; unreadable paths come back as errors
    so that one bad path does not stop a batch."""
    for path in expand(paths):
        if path == STDIN:
            yield Payload(name="<stdin>", data=sys.stdin.buffer.read())
            continue
        try:
            yield Payload(name=str(path), data=path.read_bytes())
        except OSError as error:
            yield SourceError(str(path), f"cannot read: {error.strerror or error}")
