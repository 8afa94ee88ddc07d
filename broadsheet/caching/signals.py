from django.dispatch import Signal

# Sent after commit with tags=frozenset[str]: every cached response or fragment
# carrying one of those tags is stale. Purge back ends (broadsheet.cdn) listen.
tags_invalidated = Signal()

# Every cacheable reader response carries this tag; invalidating it empties all.
SITE_TAG = "site"
