"""What the desk remembers: stories (DeskStory) and every piece of copy the
clusterer placed in one (DeskEntry), a wire item or a story the newsroom
published, in the order it was assigned."""

from datetime import timedelta

from django.db import models

# The desk ranks stories by how many sources carry them and how recent they
# are: each source beyond the first counts as this much recency, so a story
# four sources carried 18 hours ago ranks with one that came just now.
SOURCE_WORTH = timedelta(hours=6)


class DeskStory(models.Model):
    """An event reported by one or many sources: a cluster of copy. Its
    counts are kept up to date as copy joins it, so the desk reads them."""

    key = models.CharField(max_length=40, unique=True)  # the clusterer's
    headline = models.CharField(max_length=255, help_text="Of its first copy.")
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)
    item_count = models.PositiveIntegerField(default=0)  # wire items
    source_count = models.PositiveIntegerField(default=0)
    section = models.ForeignKey(
        "news.SectionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Suggested: where its first copy would go.",
    )
    # last_seen plus SOURCE_WORTH per source beyond the first: the desk's
    # order, computed when copy joins (not when the desk is read).
    rank_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "desk story"
        verbose_name_plural = "desk stories"

    def __str__(self):
        return self.headline

    def rank(self):
        self.rank_at = self.last_seen + max(0, self.source_count - 1) * SOURCE_WORTH


class DeskEntry(models.Model):
    """One piece of copy as the clusterer saw it: a wire item, or a story the
    newsroom published (not made from a wire item). Its features are kept so
    that a restarted process rebuilds the clusterer's window without reading
    any text again; `pk` is the order of assignment."""

    key = models.CharField(max_length=40, unique=True)  # "item:12", "page:7"
    story = models.ForeignKey(
        DeskStory, on_delete=models.CASCADE, related_name="entries"
    )
    item = models.OneToOneField(
        "wire.WireItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="desk_entry",
    )
    article = models.OneToOneField(
        "news.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="desk_entry",
    )
    # The first carrier of the same copy (a near-duplicate), else empty.
    copy_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carriers",
    )
    features = models.JSONField()
    # Keys of the stories this copy showed to be one with its own, merged
    # into it when it was assigned (their entries moved over): another
    # process replaying this entry merges them in its memory too.
    merged = models.JSONField(default=list, blank=True)
    # The copy's time (published at its source, else received): the
    # clusterer's window and the desk's "last 48 hours" read it.
    time = models.DateTimeField(db_index=True)
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "desk entry"
        verbose_name_plural = "desk entries"

    def __str__(self):
        return self.key


class DeskLock(models.Model):
    """One row, updated first in every assignment's transaction: two
    processes never assign at once (a row lock on PostgreSQL, the write lock
    on SQLite), so each sees the other's decisions before deciding."""

    turns = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"desk lock ({self.turns} turns)"
