"""gzip and brotli for cached pages, chosen by the request's Accept-Encoding.

A page with no per-reader values is compressed once, when it is stored, at a
high level; a page with placeholders (the CSRF token, the comment form's
stamp) differs for every response, so it is filled in first and compressed
then, at a fast level (docs/benchmarks.md has the costs).
"""

import gzip
import re

import brotli

# Stored once: a little more effort (past 6, brotli takes many times longer
# for a page 1-7% smaller: docs/benchmarks.md).
STORED_GZIP_LEVEL = 9
STORED_BROTLI_QUALITY = 6
# Per response: fast.
LIVE_GZIP_LEVEL = 5
LIVE_BROTLI_QUALITY = 4
# Below this, compression costs more than it saves.
MIN_SIZE = 200

ENCODINGS = ("br", "gzip")
_token = re.compile(r"^\s*([a-z0-9*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?", re.I)


def accepted(header: str) -> set[str]:
    """The content codings a request accepts (q=0 refuses one)."""
    codings = set()
    for part in header.split(","):
        match = _token.match(part)
        if not match:
            continue
        name, q = match.group(1).lower(), match.group(2)
        try:
            if q is not None and float(q) <= 0:
                continue
        except ValueError:
            continue
        codings.add(name)
    if "*" in codings:
        codings.update(ENCODINGS)
    return codings


def choose(header: str) -> str | None:
    """brotli if the client takes it, else gzip, else none."""
    codings = accepted(header or "")
    return next((coding for coding in ENCODINGS if coding in codings), None)


def compress(content: bytes, coding: str, *, stored: bool) -> bytes:
    if coding == "br":
        quality = STORED_BROTLI_QUALITY if stored else LIVE_BROTLI_QUALITY
        return brotli.compress(content, mode=brotli.MODE_TEXT, quality=quality)
    level = STORED_GZIP_LEVEL if stored else LIVE_GZIP_LEVEL
    # mtime=0: the same page compresses to the same bytes.
    return gzip.compress(content, compresslevel=level, mtime=0)


def compress_all(content: bytes) -> dict[str, bytes]:
    if len(content) < MIN_SIZE:
        return {}
    return {coding: compress(content, coding, stored=True) for coding in ENCODINGS}
