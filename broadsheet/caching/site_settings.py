"""Settings models read by readers' renders, from the cache.

A story's comment section asks for the comment settings on every render;
the row is the same for every reader until an editor saves it, and every
settings model's change invalidates `site` (invalidation.connect), so it is
kept like a route: fresh while `site`'s version matches. Core's
`SiteSetting.current(request)` asks here through settings.READER_SITE_SETTINGS
(core stands below this app).
"""

from wagtail.models import Site

from broadsheet.caching import store, tags, versions
from broadsheet.caching.signals import SITE_TAG

# For what no tag announces (nothing: saving a settings row invalidates
# `site`); only so that rows of sites nobody reads leave the cache.
SETTINGS_SECONDS = 3600


def for_reader(model, request):
    """The request's site's row of a settings model in a reader's render,
    or None elsewhere (editors, previews, tasks, the cache down): the caller
    then reads the database as before."""
    if not tags.collecting_now() or store.cache_is_away():
        return None
    attribute = model.get_cache_attr_name()  # where Wagtail keeps it per request
    if hasattr(request, attribute):
        return getattr(request, attribute)
    site = Site.find_for_request(request)
    if site is None:
        return None
    key = f"settings:{model._meta.label_lower}:{site.pk}"
    entry, state = store.lookup(key)
    if state == store.FRESH:
        value, recorded = entry.value, entry.versions
    else:
        started = versions.now()
        value = model.for_site(site)
        recorded = versions.record({SITE_TAG}, started, {})
        store.store(key, store.Entry(value, recorded, SETTINGS_SECONDS))
    tags.inherit(recorded)
    value._request = request  # as Wagtail's for_request: its page URLs
    setattr(request, attribute, value)
    return value
