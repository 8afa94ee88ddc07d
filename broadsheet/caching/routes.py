"""Where a reader's address leads, cached by what was read to find it.

Wagtail finds a page by asking for the site, then its root page, then each
page of the path (the front page and sections find theirs in one query a
level), and before serving it asks for the view restrictions of the page and
its ancestors: five or six queries, whose building was half of a story render
put together from cached fragments. That answer is the same for every reader
until one of the pages on the way, an object fetched with them (a story's
topic and picture) or a view restriction changes, so it is cached like a
fragment: with the tags of those objects, the tags a page names for fields
other apps keep with update() (`field_cache_tags()`: a story's comment
count), and `site` (moves, view restrictions, sites and settings invalidate
it), fresh while their versions match.

Only readers' requests use it (those the page cache collects tags for):
editors and previews route through Wagtail as before. Only addresses that
lead to a page are stored, so made-up addresses (404s) cannot fill the cache.
"""

import hashlib
import pickle
from dataclasses import dataclass

from django.db import models
from django.http.request import split_domain_port
from wagtail.models import Page

from broadsheet.caching import store, tags, versions

# For what no tag announces (there is nothing: the tags cover every field
# read); only so that entries of pages nobody reads leave the cache.
ROUTE_SECONDS = 3600


@dataclass
class Route:
    site: object
    result: tuple
    restrictions: list


class KnownViewRestrictions:
    """A page mixin: the view restrictions found with a cached route are
    used as they are (Wagtail's check_view_restrictions hook asks the page),
    not asked for again."""

    def get_view_restrictions(self):
        known = getattr(self, "_known_view_restrictions", None)
        if known is not None:
            return known
        return super().get_view_restrictions()


def key(request, path) -> str:
    # The site is chosen by host name and port (Wagtail's Site.find_for_request).
    host = split_domain_port(request._get_raw_host())[0].lower()
    address = f"{host}:{request.get_port()}:{path}"
    return f"route:{hashlib.sha256(address.encode()).hexdigest()[:32]}"


def prefill(request, path) -> None:
    """Before Wagtail's serve view runs: the route of a reader's request from
    the cache, or found now through Wagtail and stored. Wagtail keeps both on
    the request (`_wagtail_site`, `_wagtail_route_for_request`), where its
    view then finds them."""
    if not tags.collecting_now() or store.cache_is_away():
        return
    cache_key = key(request, path)
    entry, state = store.lookup(cache_key)
    if state == store.FRESH:
        apply(request, entry.value)
        tags.inherit(entry.versions)
        return
    route = find(request, path, cache_key)
    if route is not None:
        apply(request, route)


def find(request, path, cache_key) -> Route | None:
    started = versions.now()
    with tags.collecting() as collector:
        result = Page.route_for_request(request, path)
        if result is None:
            return None  # not a page: nothing is stored
        site = request._wagtail_site
        restrictions = list(result[0].get_view_restrictions())
        for obj in read_with(result[0], site.root_page):
            tags.declare_objects(obj)
            # Fields another app keeps with update() (a story's comment count).
            tags.declare(*getattr(obj, "field_cache_tags", list)())
    route = Route(site, result, restrictions)
    try:
        pickle.dumps(route)
    except (pickle.PicklingError, TypeError, AttributeError):
        return route  # a page type that cannot be kept: routed each time
    recorded = versions.record(collector.tags, started, collector.inherited)
    store.store(cache_key, store.Entry(route, recorded, ROUTE_SECONDS))
    return route


def read_with(*pages):
    """The pages, the pages above them that routing loaded, and the objects
    fetched with each (a story's topic, picture and section): every one a
    template may read from the cached copy."""
    seen, todo = set(), list(pages)
    while todo:
        obj = todo.pop()
        if obj is None or id(obj) in seen:
            continue
        seen.add(id(obj))
        yield obj
        todo.extend(
            value
            for value in obj._state.fields_cache.values()
            if isinstance(value, models.Model)
        )
        todo.append(getattr(obj, "_cached_parent_obj", None))
        if isinstance(obj, Page):
            # Its specific copy, where one was loaded.
            specific = obj.__dict__.get("specific")
            if specific is not obj:
                todo.append(specific)


def apply(request, route) -> None:
    request._wagtail_site = route.site
    page = route.result[0]
    page._known_view_restrictions = route.restrictions
    request._wagtail_route_for_request = route.result
