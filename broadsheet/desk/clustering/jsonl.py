"""`broadsheet cluster`'s input and output: JSON Lines, one document a line.

In: {"id": str, "text": str, "title"?: str, "published"?: ISO 8601,
"source"?: str}, in arrival order. Out: {"id": ..., "story": ...} for every
good line, in input order. A bad line gets one error message and is left
out; the others are clustered as if it had not been sent.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from broadsheet.desk.clustering.features import Document


@dataclass(frozen=True)
class BadLine:
    where: str  # "path:line"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def read(lines: Iterable[str], name: str) -> Iterator[Document | BadLine]:
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            document = parse(line)
        except ValueError as error:
            yield BadLine(where, str(error))
            continue
        if document.id in seen:
            yield BadLine(where, f"id {document.id!r} was already given")
            continue
        seen.add(document.id)
        yield document


def parse(line: str) -> Document:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    for name in ("id", "text"):
        if not isinstance(row.get(name), str) or not row[name].strip():
            raise ValueError(f'"{name}" must be a non-empty string')
    for name in ("title", "source", "published"):
        if row.get(name) is not None and not isinstance(row[name], str):
            raise ValueError(f'"{name}" must be a string')
    return Document(
        id=row["id"],
        text=row["text"],
        title=row.get("title") or "",
        published=_time(row.get("published")),
        source=row.get("source") or "",
    )


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f'"published" is not an ISO 8601 time: {value!r}') from None
    # A time without a zone is taken as UTC, as feeds mostly mean it.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def output(document: Document, story: str) -> str:
    return json.dumps({"id": document.id, "story": story}, ensure_ascii=False)
