"""One way to read a settings model, with or without a request.

Readers' pages have a request (its site's settings are cached on it, so a
page asks the database once however many templates want them); tasks and
commands have none and read the default site's. Like Wagtail's
`BaseGenericSetting.load(request_or_site=None)`, for per-site settings.

A reader's render takes the row from the cache (settings.READER_SITE_SETTINGS,
broadsheet.caching.site_settings): the same for every reader until it is
saved, which invalidates every cached copy.
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Site


class SiteSetting(BaseSiteSetting):
    class Meta:
        abstract = True

    @classmethod
    def current(cls, request=None):
        """The settings of the request's site, or of the default site."""
        if request is not None:
            cached = _reader_site_settings()(cls, request)
            return cached if cached is not None else cls.for_request(request)
        site = Site.objects.filter(is_default_site=True).first()
        # Before the first migration made a site: the defaults.
        return cls.for_site(site) if site else cls()


@cache
def _reader_site_settings():
    return import_string(settings.READER_SITE_SETTINGS)
