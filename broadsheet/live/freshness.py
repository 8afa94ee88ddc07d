"""The one place where a change to a live blog's entries reaches the caches.

Readers' pages (the blog, its polling endpoint, listings that show it) are
cached by content generation today (broadsheet.core.cache); a CDN in front
purges by tag (broadsheet.caching). Both are told here, so a switch to tag
invalidation is a change to this function alone.
"""

from django.db import transaction

from broadsheet.caching.signals import tags_invalidated
from broadsheet.core.cache import bump_content_generation


def blog_tags(blog_id, section_id=None) -> frozenset[str]:
    """What shows a live blog's entries: its page (and polling endpoint,
    tagged as the page), and the listings that show it with its time."""
    tags = {f"page:{blog_id}", "latest"}
    if section_id:
        tags.add(f"section:{section_id}")
    return frozenset(tags)


def freshen(blog_id, section_id=None) -> None:
    """An entry of this blog was posted, edited or deleted."""
    bump_content_generation()
    tags = blog_tags(blog_id, section_id)
    transaction.on_commit(
        lambda: tags_invalidated.send(sender=freshen, tags=tags), robust=True
    )
