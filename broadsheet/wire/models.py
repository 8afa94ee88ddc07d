"""What the wire remembers: which article each agency item became."""

from django.db import models


class WireItem(models.Model):
    """One agency item (by its ninjs `uri`) and the article made from it, so a
    re-sent item updates that article instead of adding a second one."""

    uri = models.CharField(max_length=1000, unique=True)
    article = models.OneToOneField(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="wire_item"
    )
    source_format = models.CharField(max_length=30, help_text='e.g. "ninjs 3.0"')
    # The document's hash: an identical re-send changes nothing.
    fingerprint = models.CharField(max_length=64)
    version_created = models.DateTimeField(null=True, blank=True)
    first_imported_at = models.DateTimeField(auto_now_add=True)
    last_imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "wire item"

    def __str__(self):
        return self.uri
