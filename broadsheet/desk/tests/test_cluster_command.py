import io
import json

import pytest
from django.core.management import CommandError, call_command

from .copy import FIXTURE, rows


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("cluster", *args, stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_every_document_gets_its_story_in_input_order():
    found, errors = run(str(FIXTURE))
    assert errors == ""
    assert [f["id"] for f in found] == [r["id"] for r in rows()]
    stories = {}
    for row, result in zip(rows(), found, strict=True):
        stories.setdefault(row["story"], set()).add(result["story"])
    # One key per event, and no key shared by two events.
    assert all(len(keys) == 1 for keys in stories.values())
    assert len({k for keys in stories.values() for k in keys}) == len(stories)


def test_bad_lines_get_one_line_each_and_the_rest_is_clustered(tmp_path):
    good = FIXTURE.read_text(encoding="utf-8").splitlines()
    lines = [
        good[0],
        "{not json",
        json.dumps({"id": "x"}),
        json.dumps({"id": "y", "text": "Copy", "published": "last Tuesday"}),
        json.dumps(["a", "list"]),
        good[0],  # the same id again
        good[1],
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found, errors = run(str(path))
    assert [f["id"] for f in found] == ["npa-1", "herald-1"]
    assert found[1]["story"] == found[0]["story"]
    messages = errors.splitlines()
    assert [m.split(": ", 1)[0] for m in messages] == [
        f"{path}:{n}" for n in (2, 3, 4, 5, 6)
    ]
    assert '"text" must be a non-empty string' in messages[1]
    assert "ISO 8601" in messages[2]
    assert "already given" in messages[4]


def test_files_are_read_in_the_order_given(tmp_path):
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    first.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    second.write_text("\n".join(lines[3:5]) + "\n", encoding="utf-8")
    found, _ = run(str(first), str(second))
    assert [f["id"] for f in found] == [r["id"] for r in rows()[:5]]
    assert {f["story"] for f in found} == {"npa-1"}


def test_a_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="No such file"):
        run("/nonexistent/copy.jsonl")


def test_nothing_but_bad_lines_fails(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("nonsense\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 bad lines"):
        run(str(path))
