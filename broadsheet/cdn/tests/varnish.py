"""A real Varnish for the tests and the bench: Debian's varnishd on the
loopback, in a working directory of its own, running the shipped
docs/deploy/varnish.vcl with its backend pointed at a Broadsheet server."""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

VCL = Path(__file__).resolve().parents[3] / "docs" / "deploy" / "varnish.vcl"
BACKEND_PORT = re.compile(r'(\.port\s*=\s*)"8000";')
START_TIMEOUT = 30  # seconds: varnishd compiles the VCL with cc first


def varnishd_path():
    return shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if os.access("/usr/sbin/varnishd", os.X_OK) else None
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict  # names in lower case
    body: bytes

    @property
    def cache(self):
        """hit, miss or pass, as the shipped VCL says."""
        return self.headers.get("x-varnish-cache")


class Varnish:
    def __init__(self, backend_port):
        self.workdir = Path(tempfile.mkdtemp(prefix="broadsheet-varnish-"))
        vcl, count = BACKEND_PORT.subn(rf'\1"{backend_port}";', VCL.read_text())
        assert count == 1, "the shipped VCL names its backend port once"
        vcl_file = self.workdir / "broadsheet.vcl"
        vcl_file.write_text(vcl)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = open(self.workdir / "varnishd.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                varnishd_path(),
                "-F",  # in the foreground: this process owns it
                "-j",
                "none",  # no jail: runs as whoever runs the tests
                "-n",
                str(self.workdir / "state"),
                "-a",
                f"127.0.0.1:{self.port}",
                "-T",
                "127.0.0.1:0",
                "-f",
                str(vcl_file),
                "-s",
                "malloc,32m",
                "-p",
                "thread_pools=1",
                "-p",
                "thread_pool_min=10",
                "-p",
                "thread_pool_max=100",
            ],  # fmt: skip
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_until_listening()

    def wait_until_listening(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        log = (self.workdir / "varnishd.log").read_text(errors="replace")
        raise RuntimeError(f"varnishd did not start:\n{log[-3000:]}")

    def request(self, path, method="GET", headers=None, source="127.0.0.1"):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=10, source_address=(source, 0)
        )
        try:
            connection.request(
                method, path, headers={"Host": "localhost", **(headers or {})}
            )
            response = connection.getresponse()
            body = response.read()
            names = {k.lower(): v for k, v in response.getheaders()}
            return Answer(response.status, names, body)
        finally:
            connection.close()

    def stats(self):
        """varnishstat's counters, by name (MAIN.cache_hit, ...)."""
        output = subprocess.run(
            ["varnishstat", "-n", str(self.workdir / "state"), "-1", "-j"],
            capture_output=True,
            check=True,
            timeout=10,
        ).stdout
        counters = json.loads(output)
        counters = counters.get("counters", counters)
        return {
            name: value["value"]
            for name, value in counters.items()
            if isinstance(value, dict) and "value" in value
        }

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)
