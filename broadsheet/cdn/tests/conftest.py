import pytest

from broadsheet.cdn.tests.fakecdn import FakeCdn


@pytest.fixture
def fake_cdn():
    server = FakeCdn()
    yield server
    server.close()


@pytest.fixture(scope="session")
def varnish(live_server):
    """Varnish running the shipped VCL in front of the live test server."""
    from broadsheet.cdn.tests.varnish import Varnish, varnishd_path

    if varnishd_path() is None:
        pytest.skip("varnishd is not installed (apt install varnish varnish-modules)")
    server = Varnish(backend_port=int(live_server.url.rsplit(":", 1)[1]))
    yield server
    server.stop()
