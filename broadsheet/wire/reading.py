"""From documents to parsed stories; from paths, optionally in a second process.

Reading, validating and sanitising an item is pure CPU work with no database
(about a third of a bulk import's time), so with `jobs` it runs in worker
processes, a file at a time, while this process writes the previous file's
stories to the database.
"""

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from broadsheet.wire.body import body_blocks
from broadsheet.wire.parsers import ninjs
from broadsheet.wire.parsers.base import Refused, Skipped, WireStory
from broadsheet.wire.sources import files

logger = logging.getLogger(__name__)

READ_AHEAD = 4  # files in flight per reader process


@dataclass(frozen=True)
class Parsed:
    """One document's outcome: a story (with its body blocks), or why not."""

    name: str
    story: WireStory | None = None
    blocks: list | None = None
    refused: str = ""
    skipped: str = ""


def read_payload(payload, version=None) -> list[Parsed]:
    if isinstance(payload, files.SourceError):
        return [Parsed(payload.name, refused=payload.reason)]
    return [read_document(document, version) for document in ninjs.documents(payload)]


def read_document(document, version) -> Parsed:
    return parse_document(document, lambda document: ninjs.parse(document, version))


def parse_document(document, parse) -> Parsed:
    """One document through its format's parse(): a story with its body's
    blocks, or the one-line reason it was refused or skipped."""
    try:
        story = parse(document)
        return Parsed(
            document.name, story, body_blocks(story.body_html, story.headline)
        )
    except Refused as reason:
        return Parsed(document.name, refused=str(reason))
    except Skipped as reason:
        return Parsed(document.name, skipped=str(reason))
    except Exception as error:  # noqa: BLE001
        # One odd item must not stop an import of thousands, nor print a
        # traceback in the middle of the report: refuse it, log the detail.
        logger.debug("Could not read %s", document.name, exc_info=True)
        return Parsed(document.name, refused=f"could not be read: {error!r}")


def read(paths, version=None, jobs=0) -> Iterator[Parsed]:
    payloads = files.read(paths)
    if jobs <= 0:
        for payload in payloads:
            yield from read_payload(payload, version)
        return
    # fork: the workers inherit the loaded settings and touch no database
    # connection. A few files read ahead, in order, so that memory stays
    # bounded; a worker that dies raises BrokenProcessPool, it does not hang.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        ahead = deque()
        for payload in payloads:
            ahead.append(pool.submit(read_payload, payload, version))
            if len(ahead) > READ_AHEAD * jobs:
                yield from ahead.popleft().result()
        while ahead:
            yield from ahead.popleft().result()
