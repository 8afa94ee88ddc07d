"""The front page is a page (broadsheet.news.invalidation) and the site's
settings a settings model (broadsheet.caching.invalidation); Editors' Picks
are rows of their own, saved after the settings row in the admin."""

from broadsheet.caching.invalidation import on_change
from broadsheet.caching.signals import SITE_TAG


def connect():
    from broadsheet.home.models import EditorsPick

    on_change(EditorsPick, lambda pick: {SITE_TAG})
