"""Configuration: every environment variable is documented, and the defaults
are the safe ones (a secret key of the installation's own, debug off).

Settings are loaded in a fresh interpreter for each case, since the module
reads the environment once, at import.
"""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from broadsheet import settings as broadsheet_settings
from broadsheet.test_settings import env_example_names

PACKAGE_DIR = Path(broadsheet_settings.__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
SETTINGS_FILE = PACKAGE_DIR / "settings.py"
ENV_EXAMPLE = PROJECT_DIR / ".env.example"

# Functions whose first argument names an environment variable.
ENV_READERS = {"envbool", "envlist", "envint", "envfloat", "getenv"}


def is_os_environ(node):
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def reads_environment(call):
    """Whether a call's first argument names an environment variable."""
    func = call.func
    if isinstance(func, ast.Attribute) and is_os_environ(func.value):
        return func.attr in {"get", "setdefault", "pop"}
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return name in ENV_READERS


def env_names_read(path):
    """Names of the environment variables a module reads, from its source.

    Finds os.environ.get("X"), os.environ["X"], os.getenv("X") and the
    settings helpers envbool("X", ...) / envlist("X", ...).
    """
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        name_node = None
        if isinstance(node, ast.Call) and node.args and reads_environment(node):
            name_node = node.args[0]
        elif isinstance(node, ast.Subscript) and is_os_environ(node.value):
            name_node = node.slice
        if isinstance(name_node, ast.Constant) and isinstance(name_node.value, str):
            names.add(name_node.value)
    return names


def documented_names():
    if not ENV_EXAMPLE.exists():
        pytest.fail(f"{ENV_EXAMPLE} is missing: it documents the configuration")
    return env_example_names()


def package_env_names():
    """Configuration read anywhere in the package, outside its tests."""
    names = set()
    for path in PACKAGE_DIR.rglob("*.py"):
        if "tests" in path.parts or path.name.startswith("test"):
            continue
        names |= env_names_read(path)
    # Python plumbing, not configuration a site owner sets.
    return names - {"DJANGO_SETTINGS_MODULE"}


# --- documentation --------------------------------------------------------------


def test_the_settings_reader_finds_the_variables_we_know_settings_read():
    names = env_names_read(SETTINGS_FILE)

    assert {
        "BROADSHEET_DATA_DIR",
        "DEBUG",
        "SECRET_KEY",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
        "SERVE_MEDIA",
        "REDIS_URL",
    } <= names
    # The helpers' own os.environ.get(name) is not a variable name.
    assert "name" not in names


def test_every_variable_settings_read_is_documented_in_env_example():
    missing = env_names_read(SETTINGS_FILE) - documented_names()

    assert not missing, f"Add to .env.example: {', '.join(sorted(missing))}"


def test_every_variable_the_commands_read_is_documented_in_env_example():
    missing = package_env_names() - documented_names()

    assert not missing, f"Add to .env.example: {', '.join(sorted(missing))}"


def test_env_example_documents_only_variables_broadsheet_reads():
    unknown = documented_names() - package_env_names()

    assert not unknown, f"Read by nothing: {', '.join(sorted(unknown))}"


# --- loading settings in a fresh interpreter ----------------------------------------

REPORT = (
    "import json, broadsheet.settings as s; "
    "print(json.dumps({'SECRET_KEY': s.SECRET_KEY, 'DEBUG': s.DEBUG, "
    "'DATA_DIR': str(s.DATA_DIR)}))"
)


def run_settings(tmp_path, data_dir=None, **env):
    """Import broadsheet.settings with only the given configuration set."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in env_names_read(SETTINGS_FILE) and key != "DJANGO_SETTINGS_MODULE"
    }
    environment["PYTHONPATH"] = str(PROJECT_DIR)
    if data_dir is not None:
        environment["BROADSHEET_DATA_DIR"] = str(data_dir)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", REPORT],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def loaded_settings(tmp_path, data_dir=None, **env):
    process = run_settings(tmp_path, data_dir, **env)
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


def test_secret_key_is_generated_into_the_data_dir_when_not_set(tmp_path):
    data_dir = tmp_path / "site-data"

    loaded = loaded_settings(tmp_path, data_dir)

    key_file = data_dir / "secret_key"
    assert key_file.exists()
    assert key_file.read_text().strip() == loaded["SECRET_KEY"]
    assert len(loaded["SECRET_KEY"]) >= 50
    assert key_file.stat().st_mode & 0o077 == 0, "only the owner may read the key"
    assert loaded["DATA_DIR"] == str(data_dir.resolve())


def test_each_installation_gets_its_own_secret_key(tmp_path):
    first = loaded_settings(tmp_path, tmp_path / "one")["SECRET_KEY"]
    second = loaded_settings(tmp_path, tmp_path / "two")["SECRET_KEY"]

    assert first != second
    assert first not in SETTINGS_FILE.read_text()
    assert second not in SETTINGS_FILE.read_text()


def test_an_installation_keeps_its_secret_key_across_restarts(tmp_path):
    data_dir = tmp_path / "site-data"

    first = loaded_settings(tmp_path, data_dir)["SECRET_KEY"]
    again = loaded_settings(tmp_path, data_dir)["SECRET_KEY"]

    assert first == again


def test_secret_key_from_the_environment_wins_and_no_file_is_written(tmp_path):
    data_dir = tmp_path / "site-data"

    loaded = loaded_settings(tmp_path, data_dir, SECRET_KEY="shared-by-two-machines")

    assert loaded["SECRET_KEY"] == "shared-by-two-machines"
    assert not (data_dir / "secret_key").exists()


def test_debug_is_off_unless_set(tmp_path):
    assert loaded_settings(tmp_path, tmp_path / "data")["DEBUG"] is False


@pytest.mark.parametrize("value", ["1", "true", "True", "yes", "on"])
def test_debug_turns_on_with_a_true_word(tmp_path, value):
    assert loaded_settings(tmp_path, tmp_path / "data", DEBUG=value)["DEBUG"] is True


@pytest.mark.parametrize("value", ["0", "false", "no", "off", ""])
def test_debug_stays_off_with_a_false_word(tmp_path, value):
    assert loaded_settings(tmp_path, tmp_path / "data", DEBUG=value)["DEBUG"] is False


@pytest.mark.parametrize("value", ["maybe", "enabled", "2"])
def test_an_invalid_debug_value_stops_start_up(tmp_path, value):
    process = run_settings(tmp_path, tmp_path / "data", DEBUG=value)

    assert process.returncode != 0
    assert "ImproperlyConfigured" in process.stderr
    assert "DEBUG" in process.stderr


def test_an_invalid_boolean_raises_improperly_configured(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        broadsheet_settings.envbool("DEBUG", False)
