"""Deployment defaults (security review, findings 10, 21 and 22): HTTPS with
HSTS and a redirect when SITE_URL is https, `check --deploy` clean but for
one warning left on purpose, a private data directory and database file, and
a 500 page that claims only what is true, with error mail when ADMINS is set.

Settings are read once, at import, so the configuration cases run in a fresh
interpreter."""

import json
import logging
import os
import stat
import subprocess
import sys
from unittest import mock

import pytest
from django.core import mail
from django.test import Client, override_settings

from broadsheet.core.tests.test_settings_doc import (
    PROJECT_DIR,
    SETTINGS_FILE,
    env_names_read,
)
from broadsheet.testing import make_article

HTTPS = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-key-for-the-check-" + "x" * 40,
    "ALLOWED_HOSTS": "news.example.com",
    "SITE_URL": "https://news.example.com",
}
REPORT = (
    "import json, broadsheet.settings as s; print(json.dumps({name: getattr(s, name, "
    "None) for name in ['SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
    "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', 'ADMINS', "
    "'X_FRAME_OPTIONS']}))"
)


def run(tmp_path, argv, umask=None, **env):
    """A fresh interpreter with only the given configuration."""
    # Not the test run's own: its settings module, nor the browser tests' licence
    # to run the ORM beside Playwright (check --deploy rightly refuses it).
    test_only = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in env_names_read(SETTINGS_FILE) and key not in test_only
    }
    environment.update(
        PYTHONPATH=str(PROJECT_DIR),
        BROADSHEET_DATA_DIR=str(tmp_path / "data"),
        DJANGO_SETTINGS_MODULE="broadsheet.settings",
        **env,
    )
    return subprocess.run(
        [sys.executable, *argv],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


def settings_with(tmp_path, **env):
    process = run(tmp_path, ["-c", REPORT], **env)
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


# HTTPS


def test_check_deploy_leaves_only_the_preload_warning_for_https(tmp_path):
    process = run(tmp_path, ["-m", "broadsheet", "check", "--deploy"], **HTTPS)

    warnings = [line for line in process.stderr.splitlines() if "(security." in line]
    assert [w.split(")")[0].split("(")[1] for w in warnings] == ["security.W021"]
    assert "1 issue" in process.stderr


def test_check_deploy_is_clean_once_preloading_is_chosen(tmp_path):
    process = run(
        tmp_path,
        ["-m", "broadsheet", "check", "--deploy"],
        SECURE_HSTS_PRELOAD="true",
        **HTTPS,
    )

    assert process.returncode == 0, process.stderr
    assert "System check identified no issues" in process.stdout


def test_an_https_site_turns_on_hsts_and_the_redirect(tmp_path):
    loaded = settings_with(tmp_path, **HTTPS)

    assert loaded["SECURE_SSL_REDIRECT"] is True
    assert loaded["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert loaded["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert loaded["SECURE_HSTS_PRELOAD"] is False
    assert loaded["X_FRAME_OPTIONS"] == "DENY"


def test_hsts_and_the_redirect_are_tuned_by_the_environment(tmp_path):
    loaded = settings_with(
        tmp_path,
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_SSL_REDIRECT="false",
        **HTTPS,
    )

    assert loaded["SECURE_HSTS_SECONDS"] == 3600
    assert loaded["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert loaded["SECURE_SSL_REDIRECT"] is False


def test_a_plain_http_site_gets_neither(tmp_path):
    loaded = settings_with(tmp_path, SITE_URL="http://127.0.0.1:8000")

    assert loaded["SECURE_SSL_REDIRECT"] is None
    assert loaded["SECURE_HSTS_SECONDS"] is None


HTTPS_SETTINGS = {
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_SSL_REDIRECT": True,
    "SECURE_REDIRECT_EXEMPT": [r"^(healthz|readyz)/?$"],
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
}


@pytest.mark.django_db
@override_settings(**HTTPS_SETTINGS)
def test_behind_the_tls_proxy_pages_carry_hsts_and_plain_http_is_redirected():
    story = make_article("Harbour reopens after storm")
    reader = Client()

    plain = reader.get(story.url)
    secure = reader.get(story.url, HTTP_X_FORWARDED_PROTO="https")

    assert plain.status_code == 301
    assert plain["Location"] == f"https://testserver{story.url}"
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
@override_settings(**HTTPS_SETTINGS)
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_checks_are_not_redirected(path):
    response = Client().get(path)

    assert not response.get("Location", "").startswith("https://")


# The data directory


def test_a_new_data_directory_and_database_are_private(tmp_path):
    process = run(tmp_path, ["-c", "import broadsheet.settings"], umask=0o022)
    assert process.returncode == 0, process.stderr

    data = tmp_path / "data"
    assert stat.S_IMODE(data.stat().st_mode) == 0o711  # others: no listing
    assert stat.S_IMODE((data / "broadsheet.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "secret_key").stat().st_mode) == 0o600


def test_an_existing_readable_install_is_made_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    for name in ("broadsheet.sqlite3", "broadsheet.sqlite3-wal"):
        (data / name).write_bytes(b"")
        (data / name).chmod(0o644)

    process = run(tmp_path, ["-c", "import broadsheet.settings"], umask=0o022)

    assert process.returncode == 0, process.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o711
    for name in ("broadsheet.sqlite3", "broadsheet.sqlite3-wal"):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600


def test_migrate_leaves_the_database_private(tmp_path):
    process = run(
        tmp_path, ["-m", "broadsheet", "migrate", "--no-input", "-v", "0"], umask=0o022
    )

    assert process.returncode == 0, process.stderr
    database = tmp_path / "data" / "broadsheet.sqlite3"
    assert database.stat().st_size > 0
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


# The 500 page and error mail


@pytest.fixture
def production_logging(monkeypatch):
    """Logging as a server has it: without the handlers pytest adds to
    capture log records, which would count as somewhere errors are sent."""
    root = logging.getLogger()
    monkeypatch.setattr(
        root,
        "handlers",
        [h for h in root.handlers if type(h).__module__.startswith("logging")],
    )


def failing_latest_page():
    """/latest/ breaks, as any view might."""
    return mock.patch(
        "broadsheet.news.views.published_stories",
        side_effect=RuntimeError("the database fell over"),
    )


@pytest.mark.django_db
@override_settings(ADMINS=[])
def test_without_error_mail_the_500_page_promises_nothing(production_logging):
    with failing_latest_page():
        response = Client(raise_request_exception=False).get("/latest/")

    assert response.status_code == 500
    text = response.content.decode()
    assert "Something went wrong on our side" in text
    assert "told" not in text and "report" not in text
    assert "the database fell over" not in text
    assert mail.outbox == []


@pytest.mark.django_db
@override_settings(ADMINS=[("Ops", "ops@example.org")])
def test_with_admins_set_each_error_is_mailed_and_the_page_says_so():
    with failing_latest_page():
        response = Client(raise_request_exception=False).get("/latest/")

    assert response.status_code == 500
    assert "The newsroom has been sent a report." in response.content.decode()
    assert "the database fell over" not in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ops@example.org"]
    assert "RuntimeError" in mail.outbox[0].body


@pytest.mark.django_db
@override_settings(ADMINS=[])
def test_a_log_file_counts_as_telling_the_newsroom(production_logging, tmp_path):
    sink = logging.FileHandler(tmp_path / "errors.log")
    logging.getLogger("django.request").addHandler(sink)
    try:
        with failing_latest_page():
            response = Client(raise_request_exception=False).get("/latest/")
    finally:
        logging.getLogger("django.request").removeHandler(sink)
        sink.close()

    assert "The newsroom has been sent a report." in response.content.decode()
    assert "RuntimeError" in (tmp_path / "errors.log").read_text()


def test_admins_are_read_from_the_environment(tmp_path):
    loaded = settings_with(
        tmp_path, ADMINS="Ops Desk <ops@example.org>, dev@example.org, not-an-address"
    )

    assert loaded["ADMINS"] == [
        ["Ops Desk", "ops@example.org"],
        ["", "dev@example.org"],
    ]
