"""A CDN or Varnish in front of the readers' pages.

Two halves, on the contract of ``broadsheet.caching``:

- ``middleware.py`` names what a response shows in the headers a cache in
  front reads (``xkey``, ``Surrogate-Key``, ``Cache-Tag``) and says how long
  it may keep the response (``Surrogate-Control``, ``CDN-Cache-Control``),
  only for responses that are the same for every reader;
- ``purge.py`` listens to ``tags_invalidated`` and, after commit, in a
  background thread, purges those tags in front through one of
  ``backends/`` (Varnish xkey, Fastly, Cloudflare), chosen by
  ``CDN_PURGE_BACKEND``.

The Varnish configuration that goes with it is ``docs/deploy/varnish.vcl``.
"""
