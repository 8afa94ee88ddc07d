"""Readers' pages and fragments cached by what they show (tags), invalidated by tag.

The contract between the cache and anything in front of it (a CDN, Varnish):

- a cacheable reader response carries ``response.cache_tags``, a frozenset of
  tag strings naming what it shows ("page:12", "section:3", "latest", ...);
  ``broadsheet.cdn`` turns them into ``xkey`` / ``Surrogate-Key`` /
  ``Cache-Tag`` headers;
- when content changes, ``signals.tags_invalidated`` is sent after commit
  with ``tags=frozenset[str]``; a purge back end listens and purges exactly
  those tags in front. The tag ``"site"`` is on every cacheable response and
  means everything.
"""
