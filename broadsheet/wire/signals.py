"""What the wire tells the rest of the newsroom, a whole batch at a time and
only once it is committed.

The bulk import sends no page_published per story (that is what makes it
fast); apps with work to do on new stories (enrichment, notifications) listen
to stories_imported instead. The desk listens to items_received, which every
way copy arrives sends (polling, push, import_ninjs), whether or not the items
became articles.
"""

from django.dispatch import Signal

# Sent with article_ids (every article created in the batch) and
# published_ids (those of them now live).
stories_imported = Signal()

# Sent with item_ids: the WireItems a committed batch added or changed.
items_received = Signal()
