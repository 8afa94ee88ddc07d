"""Tags: the names of what a page or fragment shows, collected as it renders.

A tag names one thing a reader sees ("page:12", "topic:4", "image:7") or one
list whose membership changes ("latest", "list:section:3"). Templates, views
and model methods declare the tags of what they show while they render
(`declare`, the `{% shows %}` template tag); the page cache and each cached
fragment collect them, and an entry is stale as soon as one of its tags is
invalidated (broadsheet.caching.invalidation).
"""

import contextvars
from contextlib import contextmanager

from wagtail.models import Page

from broadsheet.caching.signals import SITE_TAG

# Every story listing ordered by time (the rail's Latest News, the front page,
# /latest/, the site's feeds and sitemaps): a publish or an unpublish changes it.
LATEST_TAG = "latest"
# The sections' navigation.
NAV_TAG = "nav"

# The collectors open in this thread or greenlet: the page being rendered and
# the fragments being rendered inside it, outermost first.
_collectors = contextvars.ContextVar("broadsheet_cache_collectors", default=())


class Collector:
    """What one render showed: its tags, and the recorded tag versions of the
    cached fragments it included (they were rendered earlier)."""

    def __init__(self):
        self.tags = {SITE_TAG}
        self.inherited = {}
        # The tag sequence as this render's first freshness check read it
        # (versions.still_match).
        self.sequence = None

    def inherit(self, versions):
        """A cached fragment's content is as fresh as its oldest tag."""
        self.tags.update(versions)
        for tag, version in versions.items():
            known = self.inherited.get(tag)
            self.inherited[tag] = version if known is None else min(known, version)


@contextmanager
def collecting():
    collector = Collector()
    token = _collectors.set(_collectors.get() + (collector,))
    try:
        yield collector
    finally:
        _collectors.reset(token)


def collecting_now() -> bool:
    """True inside a render the page cache may store (a reader's request):
    fragments are used only then, so editors and previews never read or
    write one."""
    return bool(_collectors.get())


def outermost():
    """The collector of the page being rendered, or None outside a render."""
    collectors = _collectors.get()
    return collectors[0] if collectors else None


def declare(*tags):
    """The render in progress shows these (no-op outside a cached render)."""
    for collector in _collectors.get():
        collector.tags.update(tags)


def inherit(versions):
    for collector in _collectors.get():
        collector.inherit(versions)


def tag_of(obj) -> str:
    """The tag of one object a reader sees: "page:<id>" for every Wagtail page
    (sections and the front page included), else the model's
    `cache_tag_prefix` (or its name) and the primary key."""
    if isinstance(obj, Page):
        return f"page:{obj.pk}"
    prefix = getattr(obj, "cache_tag_prefix", obj._meta.model_name)
    return f"{prefix}:{obj.pk}"


def list_tag(obj) -> str:
    """The tag of the stories listed under obj (a section, a topic, an
    author), or of every story (None)."""
    if obj is None:
        return LATEST_TAG
    kind = "section" if isinstance(obj, Page) else obj._meta.model_name
    return f"list:{kind}:{obj.pk}"


def declare_objects(*objs):
    declare(*(tag_of(obj) for obj in objs if obj is not None and obj.pk))
