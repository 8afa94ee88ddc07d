"""Whether the database has the tables this version of Broadsheet needs.

Commands that read or write the newsroom declare it with Django's
`requires_migrations_checks = True`; the `broadsheet` command refuses to
start them, in one line that says what to run, while migrations are missing
(broadsheet/__main__.py). `broadsheet demo` and `broadsheet serve` migrate
by themselves instead.
"""

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

MIGRATE = "run `broadsheet migrate` first"


def pending_migrations(alias=DEFAULT_DB_ALIAS) -> tuple[int, int]:
    """(migrations applied, migrations still to apply) on the database."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return len(executor.loader.applied_migrations), len(plan)


def unreadable(error: DatabaseError) -> str:
    """A database that does not answer, in one line."""
    reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return f"The database cannot be read ({reason}): check DATABASE_URL."


def not_ready(alias=DEFAULT_DB_ALIAS) -> str | None:
    """Why the database cannot serve a command yet, in one line, or None."""
    try:
        applied, pending = pending_migrations(alias)
    except DatabaseError as error:
        return unreadable(error)
    if not pending:
        return None
    if not applied:
        return f"The database has no tables yet: {MIGRATE}."
    count = f"{pending} migration{'s' if pending > 1 else ''} to apply"
    return f"The database is not up to date ({count}): {MIGRATE}."
