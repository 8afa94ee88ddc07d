"""Settings for the test suite: the real ones, made fast and isolated.

The database comes from DATABASE_URL as in production (SQLite when unset), so
the same suite runs on SQLite and on PostgreSQL; Redis is the cache when
REDIS_URL is set, a local memory cache otherwise. Every other variable of
.env.example is dropped, so that what a developer's shell exports (an
operator's SITE_URL, BROADSHEET_DATA_DIR, an LLM server) changes no test.
"""

import os
import re
import tempfile
from pathlib import Path

ENV_EXAMPLE = Path(__file__).resolve().parent.parent / ".env.example"
# How `./run test` chooses the PostgreSQL + Redis pass.
FROM_THE_SHELL = {"DATABASE_URL", "REDIS_URL"}


def env_example_names() -> set[str]:
    """Variables .env.example documents, set (NAME=...) or commented (# NAME=...)."""
    pattern = re.compile(r"^\s*#?\s*(?:export\s+)?([A-Z][A-Z0-9_]*)=", re.MULTILINE)
    return set(pattern.findall(ENV_EXAMPLE.read_text()))


for name in env_example_names() - FROM_THE_SHELL:
    # Removed from this process, and so from the servers and commands the
    # tests start, which inherit its environment.
    os.environ.pop(name, None)
os.environ["BROADSHEET_DATA_DIR"] = tempfile.mkdtemp(prefix="broadsheet-test-")

from broadsheet.settings import *  # noqa: E402,F403
from broadsheet.settings import DATA_DIR, REDIS_URL  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # No manifest: tests render templates without running collectstatic first.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # Parallel test workers (pytest-xdist) each get a Redis database of their
    # own: a test's cache.clear() flushes its whole database.
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    base, _, database = REDIS_URL.rpartition("/")
    if database.isdigit() and worker:
        CACHES["default"]["LOCATION"] = f"{base}/{int(database) - worker}"  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"broadsheet-test-{os.getpid()}"  # noqa: F405
# Tasks run as they are enqueued, so a test sees their effect at once; the
# worker's own tests switch to the database backend.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,  # noqa: F405
    }
}
MEDIA_ROOT = Path(DATA_DIR) / "media"
# whitenoise warns about a missing STATIC_ROOT at start-up; tests need none.
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # noqa: F405
