"""Reader comments and the site's comment settings."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import register_setting

from broadsheet.comments import text
from broadsheet.comments.modes import Mode
from broadsheet.core.site_settings import SiteSetting

NAME_LENGTH = 80
# Long enough for a considered letter, short enough that nobody pastes a book.
BODY_LENGTH = 5000


class Status(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    SPAM = "spam", "Spam"
    REMOVED = "removed", "Removed"


class Moderation(models.TextChoices):
    PRE_ALL = "pre_all", "Pre-moderate every comment"
    PRE_FIRST = "pre_first", "Pre-moderate first-time commenters only"
    POST = "post", "Publish at once, moderate afterwards"


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """What readers may see: the one definition, for the page, the count
        and the feed."""
        return self.filter(status=Status.APPROVED)

    def on(self, article):
        return self.filter(article=article)

    def by_email(self, email):
        return self.filter(email=normalise_email(email))


def normalise_email(email):
    return (email or "").strip().lower()


class Comment(models.Model):
    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="reader_comments"
    )
    # One level of replies: a reply's parent is always a top-level comment.
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(max_length=NAME_LENGTH)
    # Lower-cased when stored: never shown, only matched (trust, forgetting).
    email = models.EmailField(blank=True, db_index=True)
    body = models.TextField()
    body_html = models.TextField(editable=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    is_staff = models.BooleanField(
        default=False, help_text="Written by the newsroom in the admin."
    )
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)
    # A salted hash, never the address; emptied after the retention period.
    ip_hash = models.CharField(max_length=64, blank=True)
    spam_score = models.FloatField(default=0)
    spam_reasons = models.JSONField(default=list, blank=True)
    # When moderators were told about it (pending comments only).
    notified_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self):
        return f"{self.name} on {self.article_id}"

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        self.body_html = text.render(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.url}#{self.anchor}"

    @property
    def anchor(self):
        return f"comment-{self.pk}"


@register_setting(icon="comment")
class CommentSettings(SiteSetting):
    default_mode = models.CharField(
        max_length=8,
        choices=Mode.choices,
        default=Mode.OPEN,
        help_text="For stories whose own switch says 'Site default'.",
    )
    close_after_days = models.PositiveIntegerField(
        default=30,
        help_text="Close comments on stories this many days old (0: never). "
        "A story switched to 'Open' stays open.",
    )
    moderation = models.CharField(
        max_length=10, choices=Moderation.choices, default=Moderation.PRE_FIRST
    )
    blocked_words = models.TextField(
        blank=True,
        help_text="One word or phrase a line. A comment containing one goes to spam.",
    )
    blocked_domains = models.TextField(
        blank=True,
        help_text="One domain a line (example.com also blocks its "
        "subdomains). Links to them, or an email there, go to spam.",
    )
    moderator_emails = models.TextField(
        blank=True,
        help_text="One address a line. Empty: every active account that may "
        "moderate comments and has an email address.",
    )
    notify_every_minutes = models.PositiveIntegerField(
        default=15,
        help_text="At most one email about pending comments this often.",
    )
    ip_retention_days = models.PositiveIntegerField(
        default=30,
        help_text="Hashed IP addresses are deleted after this many days.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("default_mode"), FieldPanel("close_after_days")],
            heading="Open or closed",
        ),
        FieldPanel("moderation"),
        MultiFieldPanel(
            [FieldPanel("blocked_words"), FieldPanel("blocked_domains")],
            heading="Blocklist",
        ),
        MultiFieldPanel(
            [FieldPanel("moderator_emails"), FieldPanel("notify_every_minutes")],
            heading="Moderators",
        ),
        FieldPanel("ip_retention_days"),
    ]

    class Meta:
        verbose_name = "Reader comments"

    @staticmethod
    def lines(value):
        return [line.strip() for line in value.splitlines() if line.strip()]

    def blocked_word_list(self):
        return [word.lower() for word in self.lines(self.blocked_words)]

    def blocked_domain_list(self):
        return [d.lower().lstrip(".") for d in self.lines(self.blocked_domains)]


def feed_url(article):
    return reverse("comments:feed", args=[article.pk])
