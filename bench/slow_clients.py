"""Slow and idle clients against each web server `broadsheet serve` could use.

For each server: readers' requests (wrk, cached pages) alone, then again
while 1,000 idle connections are held open (each sent half a request line,
as a slowloris client does) and 100 uploads send their bodies a few bytes a
second. Connections the server closes are opened again at once, so the
pressure holds for the whole run. Reports requests/s and latency
percentiles from wrk for both runs, and how many held connections the
server dropped (its time-outs at work).

    nice .venv/bin/python bench/slow_clients.py --data /tmp/bench-data
    nice .venv/bin/python bench/slow_clients.py --servers granian gunicorn-sync

The data directory must hold a migrated database with stories
(`broadsheet migrate && broadsheet demo`) and collected static files. Needs
wrk (Debian package `wrk`). Figures: docs/benchmarks.md.
"""

import argparse
import asyncio
import os
import re
import resource
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from broadsheet.servers import free_port, wait_for_port  # noqa: E402

PYTHON = sys.executable
PAGES = ["/", "/world/", "/latest/"]


def server_commands(port, processes):
    """The candidates, as `broadsheet serve` would run each."""
    from broadsheet.core.management.commands.serve import web_server_command

    bind = f"127.0.0.1:{port}"
    app = "broadsheet.wsgi:application"
    return {
        "gunicorn-sync": [PYTHON, "-m", "gunicorn", app, "--bind", bind,
                          "--workers", str(2 * processes + 1)],
        "gunicorn-gthread": [PYTHON, "-m", "gunicorn", app, "--bind", bind,
                             "--workers", str(processes), "--threads", "16",
                             "--worker-class", "gthread"],
        "gunicorn-gevent": [PYTHON, "-m", "gunicorn", app, "--bind", bind,
                            "--workers", str(processes),
                            "--worker-class", "gevent"],
        "granian": [PYTHON, "-m", "granian", "--interface", "wsgi", app,
                    "--host", "127.0.0.1", "--port", str(port),
                    "--workers", str(processes), "--no-log"],
        "serve": web_server_command(bind, processes),
    }  # fmt: skip


def wrk(port, seconds, connections=8):
    """(requests/s, {percentile: ms}) for readers' pages."""
    script = ROOT / "bench" / "pages.lua"
    script.write_text(
        "paths = {" + ",".join(f'"{p}"' for p in PAGES) + "}\n"
        "n = 0\nrequest = function()\n  n = n + 1\n"
        "  return wrk.format('GET', paths[(n % #paths) + 1])\nend\n"
    )
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
         "-s", str(script), f"http://127.0.0.1:{port}/"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    script.unlink()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    percentiles = {}
    for name, value, unit in re.findall(r"\s(50|90|99)%\s+([\d.]+)(us|ms|s)\b", out):
        percentiles[name] = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return {
        "rate": rate,
        **{f"p{k}": v for k, v in percentiles.items()},
        "non2xx": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


TOKEN = "b" * 32


async def hold(port, idle, slow, seconds, counts, upload_path):
    """Keep `idle` half-sent requests and `slow` dribbling uploads open."""
    deadline = time.monotonic() + seconds

    async def one(kind):
        while time.monotonic() < deadline:
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                counts["refused"] += 1
                await asyncio.sleep(0.1)
                continue
            try:
                if kind == "idle":
                    writer.write(b"GET / HTTP/1.1\r\n")
                else:
                    # A comment form with a CSRF cookie and header of the
                    # client's own making: Django's check passes without
                    # reading the body, so the view reads it, as slowly as
                    # it comes.
                    writer.write(
                        f"POST {upload_path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        f"Cookie: csrftoken={TOKEN}\r\nX-CSRFToken: {TOKEN}\r\n"
                        "Content-Type: application/x-www-form-urlencoded\r\n"
                        "Content-Length: 1000000\r\n\r\n".encode()
                    )
                await writer.drain()
                while time.monotonic() < deadline:
                    if kind == "slow":
                        writer.write(b"a=bbbb&")
                        await writer.drain()
                    try:
                        data = await asyncio.wait_for(reader.read(1024), 1.0)
                    except TimeoutError:
                        continue
                    if not data:  # the server closed it
                        counts[f"{kind} closed"] += 1
                        break
            except OSError:
                counts[f"{kind} closed"] += 1
            finally:
                writer.close()
            # Open it again a second later: the connections stay held without
            # turning this process (on the server's own CPUs) into a flood.
            await asyncio.sleep(1.0)

    await asyncio.gather(
        *[one("idle") for _ in range(idle)], *[one("slow") for _ in range(slow)]
    )


def attackers(port, idle, slow, seconds, upload_path):
    code = (
        "import asyncio, collections, json, sys; sys.path.insert(0, 'bench');"
        "import slow_clients as s; c = collections.Counter();"
        f"asyncio.run(s.hold({port}, {idle}, {slow}, {seconds}, c, "
        f"{upload_path!r}));"
        "print(json.dumps(c))"
    )
    return subprocess.Popen(
        [PYTHON, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )


def comment_form_path(env):
    """The comment form of a published story in the bench's database."""
    code = (
        "import django; django.setup();"
        "from broadsheet.news.models import ArticlePage;"
        "print(ArticlePage.objects.published().first().pk)"
    )
    out = subprocess.run(
        [PYTHON, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return f"/comments/{out.stdout.strip()}/post/"


def wait_until_answering(port, timeout=180):
    """The port opens before the server's processes have loaded the site."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/healthz", timeout=5
            ) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("the server did not answer")


def measure(name, command, port, env, seconds, idle, slow):
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for_port(port, timeout=60, process=server)
        wait_until_answering(port)
        wrk(port, 5)  # warm the page cache and the processes
        normal = wrk(port, seconds)
        pressure = attackers(port, idle, slow, seconds + 4, comment_form_path(env))
        time.sleep(3)  # let the connections pile up
        loaded = wrk(port, seconds)
        held = pressure.communicate(timeout=seconds + 30)[0].strip()
        return {"server": name, "normal": normal, "attacked": loaded, "held": held}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # held by the slow clients
            server.kill()
            server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="BROADSHEET_DATA_DIR")
    parser.add_argument("--servers", nargs="*")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--idle", type=int, default=1000)
    parser.add_argument("--slow", type=int, default=100)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 20000), hard))
    env = {
        **os.environ,
        "BROADSHEET_DATA_DIR": args.data,
        "DJANGO_SETTINGS_MODULE": "broadsheet.settings",
        "REQUEST_LOG": "false",
    }
    for name in args.servers or list(server_commands(0, 1)):
        port = free_port()  # a fresh one: a stopped server may linger a while
        commands = server_commands(port, args.processes)
        result = measure(
            name, commands[name], port, env, args.seconds, args.idle, args.slow
        )
        n, a = result["normal"], result["attacked"]
        print(
            f"{name:17} normal {n['rate']:7.0f} req/s p50 {n.get('p50', 0):6.1f} "
            f"p99 {n.get('p99', 0):7.1f} ms | attacked {a['rate']:7.0f} req/s "
            f"({a['rate'] / max(n['rate'], 1):.0%}) p50 {a.get('p50', 0):6.1f} "
            f"p99 {a.get('p99', 0):7.1f} ms, {a['timeouts']} time-outs, "
            f"{a['non2xx']} errors | held: {result['held']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
