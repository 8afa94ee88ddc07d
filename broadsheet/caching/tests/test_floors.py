"""The ground floor imports nothing above it: `core` only itself, `caching`
only `core` and itself. Apps above declare what they invalidate and what
they show (their invalidation.py, template tags); the cache never asks."""

import ast
from pathlib import Path

import broadsheet

PACKAGE = Path(broadsheet.__file__).parent
ALLOWED = {"core": {"core"}, "caching": {"core", "caching"}}


def imported_apps(app):
    for path in (PACKAGE / app).rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "broadsheet" and len(parts) > 1:
                    yield path.relative_to(PACKAGE), parts[1]


def test_core_and_caching_import_nothing_above_them():
    for app, allowed in ALLOWED.items():
        above = [(str(path), name) for path, name in imported_apps(app)]
        assert [item for item in above if item[1] not in allowed] == [], app
