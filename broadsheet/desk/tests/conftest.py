"""Fixtures the desk's tests share."""

import pytest

from broadsheet.desk import assignment


@pytest.fixture(autouse=True)
def fresh_process():
    """Each test starts as a new process: no desk window in memory."""
    assignment.forget_window()
    yield
    assignment.forget_window()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a turn to its commit (the test's own transaction never commits,
    and a turn not committed is forgotten by the next)."""

    def run(step, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return step(*args, **kwargs)

    return run
