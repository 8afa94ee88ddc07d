"""Newsroom personas shared by the tests of this folder."""

import pytest
from django.test import Client

from broadsheet import testing


@pytest.fixture
def editor():
    """An editor signed in to the admin."""
    return testing.logged_in(testing.make_editor("edna"))


@pytest.fixture
def reader():
    """A reader: no account, no session."""
    return Client()
