import pytest
from django.core.cache import cache

from broadsheet import corpora


def pytest_report_header(config):
    return f"corpora: {corpora.description()}"


def pytest_terminal_summary(terminalreporter):
    # Said again at the end, where a quiet run (-q, no header) shows it too.
    terminalreporter.write_line(f"corpora: {corpora.description()}")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached fragments must not carry one test's stories into the next."""
    cache.clear()
    yield
    cache.clear()
