import os

import pytest
from django.core.cache import cache

from broadsheet import corpora


def pytest_report_header(config):
    return f"corpora: {corpora.description()}"


def pytest_terminal_summary(terminalreporter):
    # Said again at the end, where a quiet run (-q, no header) shows it too.
    terminalreporter.write_line(f"corpora: {corpora.description()}")


def pytest_collection_modifyitems(config, items):
    """The fault tests start servers of their own: they run once, in the
    PostgreSQL+Redis pass (or alone, with -m faults), not in both passes."""
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    if on_postgres or "faults" in (config.getoption("markexpr") or ""):
        return
    faults = [item for item in items if item.get_closest_marker("faults")]
    if faults:
        config.hook.pytest_deselected(items=faults)
        items[:] = [item for item in items if not item.get_closest_marker("faults")]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached fragments must not carry one test's stories into the next."""
    cache.clear()
    yield
    cache.clear()
