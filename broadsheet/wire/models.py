"""What the wire remembers: where copy comes from (Source) and every item that
came (WireItem), with the article made from it, if any."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

MIN_POLL_EVERY = 30  # seconds: no agency wants to be asked more often
DEFAULT_POLL_EVERY = 300


class Source(models.Model):
    """A feed or an agency: polled at its URL, or pushing to /wire/push/<slug>/."""

    class Kind(models.TextChoices):
        RSS = "rss", "RSS (0.9x, 1.0/RDF, 2.0)"
        ATOM = "atom", "Atom (0.3, 1.0)"
        JSONFEED = "jsonfeed", "JSON Feed (1.0, 1.1)"
        NINJS = "ninjs", "ninjs (one item, an array or JSON Lines)"

    class Trust(models.TextChoices):
        DESK = "desk", "Items wait on the desk"
        PUBLISH = "publish", "Items are published at once"

    class Auth(models.TextChoices):
        NONE = "", "None"
        BASIC = "basic", "HTTP basic (user name and password)"
        BEARER = "bearer", "Bearer token"

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=50, unique=True)
    url = models.URLField(
        "URL",
        max_length=2000,
        blank=True,
        help_text="Polled for new items. Leave empty for an agency that pushes.",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RSS)
    poll_every = models.PositiveIntegerField(
        "poll every (seconds)",
        default=DEFAULT_POLL_EVERY,
        validators=[MinValueValidator(MIN_POLL_EVERY)],
    )
    section = models.ForeignKey(
        "news.SectionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where its items go when nothing in them names a section.",
    )
    trust = models.CharField(max_length=10, choices=Trust.choices, default=Trust.DESK)
    credit = models.CharField(
        "credit line",
        max_length=150,
        blank=True,
        help_text="The byline of items that name no author, e.g. the agency's name.",
    )
    enabled = models.BooleanField(default=True)
    # Credentials for fetching: used, never shown again (the admin's fields
    # are write-only). Stored as given: they must be sent as they are.
    auth = models.CharField(
        "credentials", max_length=10, choices=Auth.choices, blank=True
    )
    username = models.CharField(max_length=150, blank=True)
    secret = models.CharField(max_length=500, blank=True)
    # SHA-256 of the push token: tokens are random and long, so a fast hash
    # is enough, and a database leak does not hand out the token.
    push_token_hash = models.CharField(max_length=64, blank=True)

    # Health and schedule, kept by polling.
    next_poll_at = models.DateTimeField(default=timezone.now, db_index=True)
    # A worker polling the source holds it until then (see polling.claim).
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_fetch_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    failures = models.PositiveIntegerField(
        default=0, help_text="Failed polls in a row (the back-off grows with them)."
    )
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def publishes(self) -> bool:
        return self.trust == self.Trust.PUBLISH

    def new_push_token(self) -> str:
        """A fresh push token: returned once, stored hashed. Call save()."""
        token = secrets.token_urlsafe(32)
        self.push_token_hash = token_hash(token)
        return token

    def accepts_token(self, token: str) -> bool:
        if not self.push_token_hash or not token:
            return False
        return hmac.compare_digest(self.push_token_hash, token_hash(token))

    def items_since(self, hours=24) -> int:
        since = timezone.now() - timedelta(hours=hours)
        return self.items.filter(received_at__gte=since).count()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class WireItem(models.Model):
    """One item of copy, by its `uri` (ninjs uri, feed GUID or link), in its
    canonical form, and the article made from it if any: a re-sent item
    updates that article instead of adding a second one. Items from sources
    that are not trusted wait here, without an article, until an editor
    makes one. The text fields are named as on WireStory, so the one mapping
    to page fields (broadsheet.wire.mapping) reads either."""

    uri = models.CharField(max_length=1000, unique=True)
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
        help_text="Empty for items imported from files (import_ninjs).",
    )
    article = models.OneToOneField(
        "news.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wire_item",
    )
    source_format = models.CharField(max_length=30, help_text='e.g. "ninjs 3.0"')
    # The document's hash: an identical re-send changes nothing.
    fingerprint = models.CharField(max_length=64)
    # The words' hash (WireStory.content_key): the same copy under another
    # uri or link is an exact duplicate and makes no second item.
    content_key = models.CharField(max_length=64, db_index=True)
    headline = models.CharField(max_length=255)
    standfirst = models.TextField(blank=True)
    body_html = models.TextField(blank=True, help_text="Sanitised.")
    text = models.TextField(blank=True, help_text="The body as plain text.")
    authors = models.JSONField(default=list, blank=True)
    topics = models.JSONField(default=list, blank=True)
    genres = models.JSONField(default=list, blank=True)
    link = models.CharField(max_length=2000, blank=True, db_index=True)
    language = models.CharField(max_length=35, blank=True)
    image_url = models.CharField("lead image URL", max_length=2000, blank=True)
    pubstatus = models.CharField(max_length=20, default="usable")
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When the source first published it."
    )
    version_created = models.DateTimeField(null=True, blank=True)
    # The agency's version number and note to editors, as last received: a
    # re-send with a higher version or a new note becomes a note on its story.
    version = models.CharField(max_length=20, blank=True)
    ed_note = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    last_imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "wire item"

    def __str__(self):
        return self.uri

    @property
    def byline(self) -> str:
        return ", ".join(self.authors)
