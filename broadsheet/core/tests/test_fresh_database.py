"""On a fresh database (an empty data directory), as an operator meets it:
every command that needs the newsroom's tables says in one line to run
`broadsheet migrate`, never with a traceback, and `broadsheet demo` prepares
the database itself, then loads the newsroom.

Each command runs as `broadsheet ...` in a process of its own, with the
production settings and a data directory of its own (SQLite)."""

import os
import sqlite3
import subprocess
import sys

import pytest
from django.db.migrations.recorder import MigrationRecorder

from broadsheet.core.schema import MIGRATE, not_ready

# Not the test run's database: each of these makes its own.
NOT_INHERITED = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}


def broadsheet(tmp_path, *args, timeout=60, **env):
    environment = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    environment["BROADSHEET_DATA_DIR"] = str(tmp_path / "data")
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "broadsheet", *map(str, args)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


COMMANDS = {
    "enrich": ["enrich"],
    "train_sections": ["train_sections"],
    "import_ninjs": ["import_ninjs", "item.json", "--publish"],
    "forget_commenter": ["forget_commenter", "reader@example.org"],
    "worker": ["worker"],  # would run until stopped, were it let in
    "createsuperuser": ["createsuperuser", "--no-input", "--username", "ed"],
}


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_on_a_fresh_database_says_to_migrate_in_one_line(tmp_path, name):
    (tmp_path / "item.json").write_text('{"uri": "urn:x:1", "type": "text"}')

    run = broadsheet(tmp_path, *COMMANDS[name])

    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"The database has no tables yet: {MIGRATE}."], (
        run.stderr
    )
    assert run.stdout == ""


@pytest.mark.django_db
def test_a_database_behind_the_code_is_named_as_such():
    """As after an upgrade: a migration the code has, the database not yet."""
    assert not_ready() is None
    applied = MigrationRecorder.Migration.objects.filter(app="news")
    applied.order_by("-id").first().delete()

    assert not_ready() == (
        f"The database is not up to date (1 migration to apply): {MIGRATE}."
    )


def test_help_needs_no_database(tmp_path):
    run = broadsheet(tmp_path, "help", "enrich")

    assert run.returncode == 0, run.stderr
    assert "--section" in run.stdout


def test_a_database_that_does_not_answer_is_named_in_one_line(tmp_path):
    # Port 9 (discard): nothing listens there.
    run = broadsheet(
        tmp_path, "enrich", DATABASE_URL="postgres://nobody@127.0.0.1:9/newsroom"
    )

    assert run.returncode == 1
    [line] = run.stderr.splitlines()
    assert line.startswith("The database cannot be read (")
    assert line.endswith("): check DATABASE_URL.")


def test_demo_on_an_empty_data_directory_migrates_then_loads(tmp_path):
    run = broadsheet(tmp_path, "demo", timeout=600)

    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("Preparing the database (")
    assert lines[1].startswith(
        "Demo newsroom ready: 63 new stories, 63 in the demo, 1 new live blogs."
    )
    assert [line.split()[0] for line in lines[2:]] == [
        "Administrator",
        "Editor",
        "Author",
    ]
    assert run.stderr == ""  # no terminal here: no progress shown
    database = sqlite3.connect(tmp_path / "data" / "broadsheet.sqlite3")
    with database:
        [(stories,)] = database.execute("SELECT COUNT(*) FROM news_articlepage")
        [(live,)] = database.execute(
            "SELECT COUNT(*) FROM wagtailcore_page p JOIN news_articlepage a"
            " ON a.page_ptr_id = p.id WHERE p.live"
        )
    database.close()
    assert stories == live == 64  # 63 stories and a live blog, all published
