"""`{% fragment %}`: part of a page cached by what it shows; `{% shows %}`.

    {% load fragments %}
    {% fragment "story-body" page.pk %} ... {% endfragment %}
    {% fragment "rail" request.get_host for=300 %} ... {% endfragment %}

The name and the values after it make the key; `for=` is the fragment's
lifetime (seconds) for what no tag announces. The tags declared while the
fragment renders (by `{% shows %}`, `{% responsive_image %}`, views and
model methods) are stored with it; it is stale as soon as one of them is
invalidated, and then rendered again by one process while the others use
the previous copy (broadsheet.caching.store). The page around it records
the fragment's tags too, so a page holding a stale fragment is stale.

Fragments are used only in renders the page cache may store (a reader's
request): editors and previews render everything afresh, and so does
every render while the shared cache is down. A fragment must
hold nothing per reader: one that rendered a placeholder
(a form's CSRF token or stamp) is never stored, nor is one rendered for an
address the page cache may not store either (core.cache_keys.do_not_store).

    {% shows page page.section page.topic %}

declares that the template shows these objects (each its tag, see
broadsheet.caching.tags.tag_of); a string is declared as a tag as it is.
"""

import hashlib

from django import template
from django.template.base import token_kwargs

from broadsheet.caching import store, tags, versions
from broadsheet.core.cache_keys import may_store
from broadsheet.core.placeholders import NONCE_ATTRIBUTE

register = template.Library()

DEFAULT_SECONDS = 600


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, seconds):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.seconds = seconds

    def key(self, context):
        values = ":".join(str(value.resolve(context)) for value in self.vary_on)
        digest = hashlib.sha256(values.encode()).hexdigest()[:32]
        return f"fragment:{self.name.resolve(context)}:{digest}"

    def render(self, context):
        if not tags.collecting_now() or store.cache_is_away():
            return self.nodelist.render(context)
        key = self.key(context)
        entry, state = store.lookup(key)
        if state == store.FRESH or (state == store.STALE and not store.claim(key)):
            tags.inherit(entry.versions)
            return entry.value
        try:
            return self.render_fresh(context, key)
        finally:
            if state == store.STALE:
                store.release(key)

    def render_fresh(self, context, key):
        started = versions.now()
        with tags.collecting() as collector:
            content = self.nodelist.render(context)
        request = context.get("request")
        nonce = getattr(request, NONCE_ATTRIBUTE, None)
        if nonce and nonce in content:
            return content  # per-reader values: never stored
        if request is not None and not may_store(request):
            # What this address shows is not kept (a listing's page past its
            # end): nor are its parts, or made-up numbers would fill the cache.
            return content
        recorded = versions.record(collector.tags, started, collector.inherited)
        seconds = self.seconds.resolve(context) if self.seconds else DEFAULT_SECONDS
        store.store(key, store.Entry(content, recorded, int(seconds)))
        tags.inherit(recorded)
        return content


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    options = token_kwargs([bit for bit in bits[2:] if bit.startswith("for=")], parser)
    vary_on = [parser.compile_filter(bit) for bit in bits[2:] if "=" not in bit]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), vary_on, options.get("for")
    )


@register.simple_tag
def lists(obj=None):
    """`{% lists page %}`: the template lists the stories of a section, topic
    or author; `{% lists %}`: the newest stories of the whole site."""
    tags.declare(tags.list_tag(obj))
    return ""


@register.simple_tag
def shows(*objs):
    for obj in objs:
        if isinstance(obj, str):
            tags.declare(obj)
        elif obj is not None:
            tags.declare_objects(obj)
    return ""
