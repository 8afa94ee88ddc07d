"""Long commands show their progress on a terminal, one line redrawn in
place, and write nothing of it to a log, CI or a pipe."""

import contextlib
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from broadsheet.core.progress import Progress
from broadsheet.testing import Terminal, make_article


def frames(text):
    """The states a terminal shows, in order (each redraw starts with \\r)."""
    return [frame.strip().removesuffix("\x1b[K") for frame in text.split("\r")[1:]]


def test_on_a_terminal_one_line_is_redrawn_until_done():
    terminal = Terminal()
    with Progress("stories", 3, terminal) as progress:
        for _ in range(3):
            progress.advance()

    shown = frames(terminal.getvalue())
    assert shown[0].startswith("stories [------------------------] 0/3 (0.0/s")
    assert shown[-1].startswith("stories [########################] 3/3 (")
    assert shown[-1].endswith("/s)")  # nothing left to wait for
    assert terminal.getvalue().count("\n") == 1  # left on screen when done


def test_time_left_is_told_from_the_pace_so_far(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("broadsheet.core.progress.time.monotonic", lambda: now[0])
    terminal = Terminal()
    with Progress("stories", 100, terminal) as progress:
        now[0] += 20
        progress.advance(25)  # 25 in 20 s: the other 75 in a minute

    assert frames(terminal.getvalue())[1] == (
        "stories [######------------------] 25/100 (1.2/s, 1:00 left)"
    )


def test_a_count_of_unknown_length_has_no_bar():
    terminal = Terminal()
    with Progress("items", None, terminal) as progress:
        progress.advance(1200)

    assert frames(terminal.getvalue())[-1].startswith("items 1,200 (")


@pytest.mark.parametrize("stream", [io.StringIO(), None], ids=["pipe", "none"])
def test_without_a_terminal_nothing_is_written(stream):
    with Progress("stories", 3, stream) as progress:
        for _ in range(3):
            progress.advance()
        progress.clear()

    assert stream is None or stream.getvalue() == ""


def test_a_line_of_the_commands_own_gets_a_clean_line():
    terminal = Terminal()
    with Progress("items", None, terminal) as progress:
        progress.advance()
        progress.clear()
        terminal.write("item.json: not JSON\n")

    assert "\r\x1b[Kitem.json: not JSON\n" in terminal.getvalue()


# --- the commands ---------------------------------------------------------------


def run(command, *args, terminal):
    """A command's stderr, as a terminal or as a log file receives it."""
    err = Terminal() if terminal else io.StringIO()
    # train_sections with one story is refused, after reading it.
    with contextlib.suppress(CommandError):
        call_command(command, *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


@pytest.fixture
def wire_file(tmp_path):
    items = [
        {"uri": f"urn:test:{n}", "type": "text", "headline": f"Harbour story {n}"}
        for n in range(3)
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in items))
    return path


LABELS = {
    "enrich": "enrich [",
    "train_sections": "reading stories [",
    "import_ninjs": "ninjs items ",
}


@pytest.mark.django_db
@pytest.mark.parametrize("command", LABELS)
def test_a_long_command_shows_progress_on_a_terminal_only(command, wire_file):
    make_article("Harbour reopens after the storm", "world")
    args = [wire_file] if command == "import_ninjs" else []

    on_terminal = run(command, *args, terminal=True)
    in_a_log = run(command, *args, terminal=False)

    shown = frames(on_terminal)
    assert any(frame.startswith(LABELS[command]) for frame in shown), on_terminal
    assert "\r" not in in_a_log and LABELS[command] not in in_a_log
