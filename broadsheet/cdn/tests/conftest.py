import pytest

from broadsheet.cdn.tests.fakecdn import FakeCdn


@pytest.fixture
def fake_cdn():
    server = FakeCdn()
    yield server
    server.close()
