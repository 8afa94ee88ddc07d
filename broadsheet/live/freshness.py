"""The one place where a change to a live blog's entries reaches the caches:
the blog's tags are invalidated (broadsheet.caching.invalidation), in
Broadsheet's page cache and, after commit, in a CDN in front.
"""

from broadsheet.caching.invalidation import invalidate


def blog_tags(blog_id, section_id=None) -> frozenset[str]:
    """What shows a live blog's entries: its page (and polling endpoint,
    tagged as the page), and the listings that show it with its time."""
    tags = {f"page:{blog_id}", "latest"}
    if section_id:
        tags.add(f"list:section:{section_id}")
    return frozenset(tags)


def freshen(blog_id, section_id=None) -> None:
    """An entry of this blog was posted, edited or deleted."""
    invalidate(blog_tags(blog_id, section_id))
