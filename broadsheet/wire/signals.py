"""What the wire tells the rest of the newsroom.

The bulk import sends no page_published per story (that is what makes it
fast); apps with work to do on new stories (enrichment, notifications) listen
here instead and get a whole batch at once, after it is committed.
"""

from django.dispatch import Signal

# Sent with article_ids (every article created in the batch) and
# published_ids (those of them now live).
stories_imported = Signal()
