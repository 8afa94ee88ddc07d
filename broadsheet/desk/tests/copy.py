"""The invented wire copy in fixtures/wire_copy.jsonl: six events reported by
four invented sources (Norland Press Agency, Coastal Herald, Daily Ledger,
Wire Europe), with republished and trimmed carriers of the same copy and a
second storm elsewhere days later. Written for these tests."""

import json
from pathlib import Path

from broadsheet.desk.clustering.features import Document, features
from broadsheet.desk.clustering.jsonl import parse

FIXTURE = Path(__file__).parent / "fixtures" / "wire_copy.jsonl"


def rows() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.open(encoding="utf-8")]


def documents() -> list[Document]:
    return [parse(line) for line in FIXTURE.open(encoding="utf-8")]


def prepared():
    return [(d.id, features(d)) for d in documents()]
