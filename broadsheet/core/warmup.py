"""Load in a web worker, before its first reader, what Django loads lazily.

Django imports the URLconf (and through it every view module) on a process's
first request, and compiles each template the first time it is used. In a
worker that had only served cached pages, the first page it rendered paid for
all of that: after a publish, each of `broadsheet serve`'s workers took
0.1-0.7 s over its first re-render (py-spy: 41 % of those renders' time was
importing), and every reader queued behind it on that worker waited too
(docs/benchmarks.md, "Reading while publishing"). broadsheet/wsgi.py calls
warm_up() when a worker loads the application. Nothing here touches the
database or the cache, which may not answer yet; a failure is logged and the
worker starts anyway (the request then loads it as before).
"""

import logging
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver

logger = logging.getLogger("broadsheet.warmup")


def reader_template_names() -> list[str]:
    """Broadsheet's own templates (the project's folder and each Broadsheet
    app's): those readers' pages are made of. Wagtail's and Django's admin
    templates are left to the editors' first requests."""
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += [
        Path(config.path) / "templates"
        for config in apps.get_app_configs()
        if config.name.startswith("broadsheet.")
    ]
    names = set()
    for folder in folders:
        if folder.is_dir():
            names.update(
                path.relative_to(folder).as_posix()
                for path in folder.rglob("*")
                if path.suffix in (".html", ".xml", ".txt") and path.is_file()
            )
    return sorted(names)


def warm_up() -> None:
    started = time.monotonic()
    try:
        # Imports every urls.py and the views they name.
        routes = len(get_resolver().url_patterns)
        engine = engines["django"]
        for name in reader_template_names():
            try:
                engine.get_template(name)  # compiled into the cached loader
            except TemplateSyntaxError:
                # A fragment written to be included into a particular parent
                # (an {% endblock %}-less piece): compiled when used, as before.
                continue
    except Exception:
        logger.warning("warm-up failed; pages load what they need", exc_info=True)
        return
    logger.debug(
        "%s routes loaded, warmed up in %.2f s", routes, time.monotonic() - started
    )
