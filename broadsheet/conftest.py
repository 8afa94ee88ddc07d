import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached fragments must not carry one test's stories into the next."""
    cache.clear()
    yield
    cache.clear()
