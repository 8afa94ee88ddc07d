"""What corrections change on readers' pages: a story's notes are published
with it (its own tag, broadsheet.news.invalidation); the /corrections/ page
and its feeds list every story's notes, so a publish that brings readers a
new note invalidates them too."""

from broadsheet.caching.invalidation import invalidate

CORRECTIONS_TAG = "corrections"


def notes_published() -> None:
    invalidate({CORRECTIONS_TAG})


def connect() -> None:
    """Notes are dated on publish (signals.story_published), which calls
    notes_published: no model signal of their own to follow."""
