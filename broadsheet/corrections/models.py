"""When each note on a story first went public.

A story's notes (news.ArticleNote) are page content: they live in its
revisions and are rewritten on every publish, carrying whatever date the
draft held. Their dates are a fact about publishing instead, so they are kept
here, by each note's uid, and written back onto the live notes after each
publish (signals.py). A note removed and later restored keeps its date.
"""

from django.db import models


class NoteDate(models.Model):
    uid = models.UUIDField(unique=True)
    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="+"
    )
    published_at = models.DateTimeField()

    def __str__(self):
        return f"{self.uid} {self.published_at.isoformat()}"
