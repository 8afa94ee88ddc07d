"""Feed parsers compared on the shared feed corpus, to choose the wire's:

- speed: every real-world capture (../shared/corpora/feeds/realworld, 218
  files, 12 MB), parsed from bytes, and the entries each parser finds;
- faithfulness: feedparser's own suite (tests/wellformed, outside sanitize/
  and http/: 995 files), whose `Expect:` expressions are written against
  feedparser's result; a parser with a "feedparser-compatible" result object
  is held to the same expressions.

    python bench/feed_parsers.py

Measures the candidates that are installed (feedparser is a dependency; try
`pip install fastfeedparser feedparser-rs` in a scratch virtualenv for the
others) and prints a Markdown table.
"""

import datetime
import importlib
import io
import json
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "feeds"
CANDIDATES = ["feedparser", "feedparser_rs", "fastfeedparser"]


def parser(name):
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    if name == "feedparser":
        return lambda data: module.parse(io.BytesIO(data), sanitize_html=False)
    return module.parse


def result_names(result) -> dict:
    names = {}
    for key in ("feed", "entries", "bozo", "version", "encoding", "namespaces"):
        try:
            names[key] = result[key]
        except Exception:  # noqa: BLE001 - an object, not a dict
            names[key] = getattr(result, key, None)
    return names


def speed(parse, files):
    started, entries, failures = time.perf_counter(), 0, 0
    for data in files:
        try:
            entries += len(result_names(parse(data))["entries"] or [])
        except Exception:  # noqa: BLE001 - counted, not fatal
            failures += 1
    return time.perf_counter() - started, entries, failures


def faithfulness(parse, tests):
    met = 0
    for data, expect in tests:
        try:
            if eval(
                expect, {"time": time, "datetime": datetime}, result_names(parse(data))
            ):  # noqa: S307
                met += 1
        except Exception:  # noqa: BLE001, S110 - an unmet expectation
            pass
    return met


def main():
    if not CORPUS.is_dir():
        raise SystemExit(f"the shared feed corpus is not at {CORPUS}")
    warnings.filterwarnings("ignore")
    manifest = json.loads((CORPUS / "manifest.json").read_text())["files"]
    real = [
        (CORPUS / f["path"]).read_bytes()
        for f in manifest
        if f["path"].startswith("realworld/")
        and f["path"].endswith((".xml", ".rss", ".atom", ".json", ".rdf"))
    ]
    tests = [
        ((CORPUS / f["path"]).read_bytes(), f["expect"])
        for f in manifest
        if f.get("expect")
        and "/wellformed/" in f["path"]
        and "/sanitize/" not in f["path"]
        and "/http/" not in f["path"]
    ]
    print(f"| parser | {len(real)} real-world feeds: time | entries | failures | "
          f"suite expectations met (of {len(tests)}) |")  # fmt: skip
    print("|---|---|---|---|---|")
    for name in CANDIDATES:
        parse = parser(name)
        if parse is None:
            print(f"| {name} | not installed | | | |")
            continue
        seconds, entries, failures = speed(parse, real)
        print(f"| {name} | {seconds:.2f} s | {entries:,} | {failures} | "
              f"{faithfulness(parse, tests)} |")  # fmt: skip
    sys.stdout.flush()


if __name__ == "__main__":
    main()
