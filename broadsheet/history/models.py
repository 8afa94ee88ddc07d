"""Every version of a story readers were shown, kept when it was published.

A version keeps its text as readers read it (headline, standfirst, the body
as plain paragraphs) and the notes first published with it, so the public
history (views.py) diffs stored text and reads no revision. A version an
editor withdraws (a legal take-down) loses its text here: the history says a
version was withdrawn, and nothing of it is left to show or to diff against.
Wagtail's own revision stays, for the newsroom only.
"""

from django.conf import settings
from django.db import models


class PublishedVersion(models.Model):
    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField()
    headline = models.TextField(blank=True)
    standfirst = models.TextField(blank=True)
    # The body's text, a paragraph a line: what changed, not the markup.
    body_text = models.TextField(blank=True)
    # The notes the story carried with this version, and those first
    # published with it ({"kind": label, "text": ...}), shown beside it.
    note_uids = models.JSONField(default=list, blank=True)
    new_notes = models.JSONField(default=list, blank=True)
    # The editor told readers this version was an update.
    announced = models.BooleanField(default=False)
    withdrawn = models.BooleanField(default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["published_at", "pk"]
        indexes = [models.Index(fields=["article", "published_at"])]

    def __str__(self):
        return f"{self.article_id} at {self.published_at.isoformat()}"

    def withdraw(self, user, when) -> None:
        """Keep that a version was published, and nothing of what it said."""
        self.withdrawn, self.withdrawn_at, self.withdrawn_by = True, when, user
        self.headline = self.standfirst = self.body_text = ""
        self.new_notes = []
        self.save()
