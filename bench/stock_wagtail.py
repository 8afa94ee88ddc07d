"""A stock Wagtail 8 project with one article page type, for a baseline.

`wagtail start` (its own project template, no download) in a folder, plus an
ArticlePage with a title, a byline, a date and a rich-text body, and `count`
such pages under the home page, each with a body of the length the bench's
agency stories have. Served by gunicorn with gevent workers, as `broadsheet
serve` serves Broadsheet; nothing caches its pages, so every request renders.
"""

import os
import random
import subprocess
import sys
from pathlib import Path

MODEL = """

from django.db import models as _models
from wagtail.fields import RichTextField


class ArticlePage(Page):
    byline = _models.CharField(max_length=255, blank=True)
    date = _models.DateTimeField()
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + ["byline", "date", "body"]
    parent_page_types = ["home.HomePage"]
"""

TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block body_class %}template-articlepage{% endblock %}
{% block content %}
<article>
  <h1>{{ page.title }}</h1>
  <p class="byline">By {{ page.byline }}</p>
  <time datetime="{{ page.date|date:'c' }}">{{ page.date|date:"F j, Y, g:i a" }}</time>
  {{ page.body|richtext }}
</article>
{% endblock %}
"""

LOCAL = """
SECRET_KEY = "stock-wagtail-bench"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
"""

CREATE_PAGES = """
import json, sys
from datetime import datetime, timedelta, timezone
from home.models import ArticlePage, HomePage

home = HomePage.objects.first()
bodies = json.load(open(sys.argv[1]))
start = datetime(2025, 1, 1, tzinfo=timezone.utc)
for n, (title, byline, body) in enumerate(bodies):
    home.add_child(instance=ArticlePage(
        title=title, slug=f"story-{n}", byline=byline,
        date=start + timedelta(minutes=7 * n), body=body))
"""


def build(folder: Path, count: int, bodies) -> dict:
    """Make the project in `folder` with `count` pages; returns its env."""
    folder.mkdir(parents=True, exist_ok=True)
    project = folder / "stock"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "stock.settings.production",
        "PYTHONPATH": str(project),
    }
    for name in ("DATABASE_URL", "REDIS_URL", "BROADSHEET_DATA_DIR"):
        env.pop(name, None)
    wagtail = Path(sys.executable).with_name("wagtail")
    project.mkdir(exist_ok=True)
    subprocess.run(
        [str(wagtail), "start", "stock", str(project)], check=True, capture_output=True
    )
    with open(project / "home" / "models.py", "a") as models:
        models.write(MODEL)
    (project / "home" / "templates" / "home" / "article_page.html").write_text(TEMPLATE)
    (project / "stock" / "settings" / "local.py").write_text(LOCAL)
    manage = [sys.executable, str(project / "manage.py")]
    quiet = {"env": env, "check": True, "cwd": project, "capture_output": True}
    subprocess.run([*manage, "makemigrations", "home"], **quiet)
    subprocess.run([*manage, "migrate", "--no-input"], **quiet)
    subprocess.run([*manage, "collectstatic", "--no-input"], **quiet)
    data = folder / "bodies.json"
    import json

    data.write_text(json.dumps(bodies[:count]))
    script = folder / "create_pages.py"
    script.write_text(CREATE_PAGES)
    subprocess.run(
        [*manage, "shell", "-c", f"import sys; sys.argv=['', '{data}']; "
         f"exec(open('{script}').read())"],
        **quiet,
    )  # fmt: skip
    return env


def article_bodies(count: int):
    """Titles, bylines and bodies like the bench's agency stories."""
    from import_ninjs import FIRST, LAST, body_html, demo_material

    rng = random.Random(11)
    material = demo_material()
    return [
        (
            f"{rng.choice(material['headline'])} ({n})",
            f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            body_html(rng, material),
        )
        for n in range(count)
    ]


def serve_command(project: Path, bind: str, workers: int) -> list[str]:
    """The same gunicorn settings as `broadsheet serve`, with gunicorn's own
    gevent worker (Broadsheet's adds time-outs for slow clients only)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "stock.wsgi:application",
        "--chdir",
        str(project),
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--worker-class",
        "gevent",
        "--worker-connections",
        "2000",  # as broadsheet serve
        "--keep-alive",
        "5",
    ]
