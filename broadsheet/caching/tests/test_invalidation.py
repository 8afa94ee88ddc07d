"""How many new versions a change makes: each one sends every page showing
the tag to a re-render, at once under load (caching/invalidation.py)."""

from unittest import mock

import pytest
from django.db import transaction

from broadsheet.caching import store, versions
from broadsheet.caching.invalidation import invalidate

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def bumps():
    with mock.patch.object(versions, "bump", wraps=versions.bump) as spy:
        yield spy


def marked(spy):
    return [set(call.args[0]) for call in spy.call_args_list]


def test_outside_a_transaction_a_change_makes_one_version(bumps):
    invalidate({"page:7", "latest"})

    assert marked(bumps) == [{"page:7", "latest"}]


def test_a_transaction_naming_a_tag_twice_marks_it_once_then_at_commit(bumps):
    with transaction.atomic():
        invalidate({"page:7", "latest"})  # a story's save signal
        invalidate({"page:7", "latest", "list:topic:3"})  # its enrichment
        assert marked(bumps) == [{"page:7", "latest"}, {"list:topic:3"}]

    assert marked(bumps)[2:] == [{"page:7", "latest", "list:topic:3"}]
    assert len(bumps.call_args_list) == 3


def test_a_tag_is_marked_again_once_this_process_cached_something_since(bumps):
    """A page cached mid-transaction by this process may show its changes so
    far: the next change must make it stale again."""
    with transaction.atomic():
        invalidate({"page:7"})
        store.store("page:test", store.Entry("<p>Old</p>", {"page:7": 1}, 60))
        invalidate({"page:7"})

    assert marked(bumps) == [{"page:7"}, {"page:7"}, {"page:7"}]


def test_a_rolled_back_savepoint_leaves_nothing_to_mark_at_commit(bumps):
    with transaction.atomic():
        try:
            with transaction.atomic():
                invalidate({"page:7"})
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
        invalidate({"page:8"})

    assert marked(bumps) == [{"page:7"}, {"page:8"}, {"page:8"}]
