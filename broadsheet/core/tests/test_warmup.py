"""A web worker loads the URLconf and compiles the readers' templates when it
starts, not during the first page it renders (core/warmup.py)."""

import subprocess
import sys

from django.template import engines

from broadsheet.core.warmup import reader_template_names, warm_up


def test_the_readers_templates_are_found():
    names = reader_template_names()

    for name in ("base.html", "news/article_page.html", "live/live_blog_page.html"):
        assert name in names


def test_warm_up_compiles_the_readers_templates_into_the_cached_loader():
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()

    warm_up()

    compiled = {
        key[0] if isinstance(key, tuple) else key for key in loader.get_template_cache
    }
    assert {
        "base.html",
        "news/article_page.html",
        "news/includes/teaser.html",
    } <= compiled


def test_loading_the_wsgi_application_warms_the_worker_up():
    """What a gunicorn worker does when it starts: import broadsheet.wsgi. The
    URLconf's modules are then already imported."""
    check = (
        "import sys\n"
        "import broadsheet.wsgi\n"
        "assert 'broadsheet.urls' in sys.modules, 'no URLconf'\n"
        "assert 'broadsheet.news.views' in sys.modules, 'no views'\n"
        "print('warm')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, timeout=120
    )

    assert out.stdout.strip() == "warm", out.stderr[-2000:]
