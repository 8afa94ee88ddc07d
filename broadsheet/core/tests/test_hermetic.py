"""The suite is hermetic: an operator's configuration exported in the shell
(every variable of .env.example, at a production value) changes none of the
settings the tests run with and none of the variables they can read.
`./run test` also runs its whole SQLite pass with it exported."""

import json
import os
import subprocess
import sys
from pathlib import Path

from broadsheet.test_settings import FROM_THE_SHELL, env_example_names

PRODUCTION_ENV = Path(__file__).with_name("production.env")

# What the tests see: every setting, and the documented variables as the
# process (and any server or command it starts) has them. Paths in the
# per-run data directory, the secret key generated there, the process id in
# the cache prefix and the order of sets differ from run to run, so they are
# named or sorted.
REPORT = """
import json, os, sys
import django
from django.conf import settings

django.setup()
data_dir = str(settings.DATA_DIR)
key_file = settings.DATA_DIR / "secret_key"
secret = key_file.read_text().strip() if key_file.exists() else "<none>"

def plain(value):
    if isinstance(value, (set, frozenset)):
        value = sorted(value)
    text = repr(value).replace(data_dir, "<data dir>")
    return text.replace(secret, "<generated>").replace(str(os.getpid()), "<pid>")

print(json.dumps({
    "settings": {n: plain(getattr(settings, n)) for n in dir(settings) if n.isupper()},
    "environment": {n: plain(os.environ.get(n)) for n in sys.argv[1:]},
}))
"""


def production_values():
    values = {}
    for line in PRODUCTION_ENV.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    return values


def seen_by_tests(**exported):
    environment = {**os.environ, **exported}
    environment["DJANGO_SETTINGS_MODULE"] = "broadsheet.test_settings"
    names = sorted(env_example_names())
    process = subprocess.run(
        [sys.executable, "-c", REPORT, *names],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


def test_the_production_values_cover_every_documented_variable():
    assert set(production_values()) == env_example_names() - FROM_THE_SHELL


def test_an_operators_exported_configuration_changes_nothing_tests_see():
    clean = seen_by_tests()
    exported = seen_by_tests(**production_values())

    changed = {
        kind: {name: v for name, v in seen.items() if clean[kind][name] != v}
        for kind, seen in exported.items()
    }
    assert changed == {"settings": {}, "environment": {}}
    # And it is the test configuration, not the operator's.
    assert clean["settings"]["SITE_URL"] == repr("http://127.0.0.1:8000")
    assert clean["environment"]["SITE_URL"] == repr(None)
    assert clean["settings"]["DATA_DIR"] != repr(Path("/var/lib/broadsheet"))


def test_the_database_and_cache_still_come_from_the_shell():
    """How `./run test` chooses its PostgreSQL + Redis pass."""
    seen = seen_by_tests(
        DATABASE_URL="postgres://tester@db.invalid:5432/broadsheet",
        REDIS_URL="redis://cache.invalid:6379/7",
    )
    assert "'NAME': 'broadsheet'" in seen["settings"]["DATABASES"]
    assert "'HOST': 'db.invalid'" in seen["settings"]["DATABASES"]
    # Each xdist worker takes the database below the one named.
    assert "redis://cache.invalid:6379/" in seen["settings"]["CACHES"]
