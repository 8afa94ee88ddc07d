"""Live blogs: a story that grows by entries while the news happens.

A `LiveBlogPage` is an `ArticlePage` (Wagtail's multi-table inheritance): it
has the headline, standfirst, section, byline and topics of any story and
appears wherever stories are listed, through `ArticlePage.objects.published()`.
Its entries are rows of their own (`LiveEntry`), not page revisions: posting
one is a short form, not the page editor, and freshens the page at once.
"""

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from broadsheet.live.sanitise import clean_body
from broadsheet.news.blocks import ArticleBodyBlock
from broadsheet.news.models import ArticlePage, Author, CommentsMode


class LiveStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled: coverage has not started"
    LIVE = "live", "Live: entries are being posted"
    ENDED = "ended", "Ended: no more entries"


_STANDFIRST_AT = 1 + next(
    i
    for i, panel in enumerate(ArticlePage.content_panels)
    if getattr(panel, "field_name", None) == "standfirst"
)


class LiveBlogPage(ArticlePage):
    status = models.CharField(
        max_length=10, choices=LiveStatus.choices, default=LiveStatus.LIVE
    )
    coverage_start = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the coverage starts (or started). A blog published "
        "as \u201ccoverage has not started\u201d goes live by itself then. Leave "
        "empty to use the first publication.",
    )
    coverage_end = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the coverage ends (or ended): the blog ends by itself "
        "then. Set when the blog ends, if left empty.",
    )
    close_comments_when_ended = models.BooleanField(
        default=True,
        help_text="Once the blog has ended, readers can read comments but "
        "post no new ones.",
    )

    template = "live/live_blog_page.html"
    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    # A story's panels, with the live blog's own after the standfirst.
    content_panels = [
        *ArticlePage.content_panels[:_STANDFIRST_AT],
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("coverage_start"),
                FieldPanel("coverage_end"),
                FieldPanel("close_comments_when_ended"),
            ],
            heading="Live blog",
            help_text="Entries are posted from the page listing's "
            "\u201cLive entries\u201d button, without this editor.",
        ),
        *ArticlePage.content_panels[_STANDFIRST_AT:],
    ]

    class Meta:
        verbose_name = "live blog"

    @property
    def is_ended(self):
        return self.status == LiveStatus.ENDED

    @property
    def polls(self):
        """Open pages check for new entries unless the blog has ended (or is
        the preview of a blog not saved yet)."""
        return not self.is_ended and self.pk is not None

    def save(self, *args, **kwargs):
        if self.is_ended:
            self.coverage_end = self.coverage_end or timezone.now()
            if self.close_comments_when_ended:
                self.comments_mode = CommentsMode.CLOSED
        super().save(*args, **kwargs)

    @property
    def coverage_started_at(self):
        return self.coverage_start or self.published_at

    def updates_url(self, bucket):
        return reverse("live:updates", args=[self.pk, bucket])

    def get_context(self, request, *args, **kwargs):
        from broadsheet.live.reading import lazy_reader_view

        context = super().get_context(request, *args, **kwargs)
        context.update(lazy_reader_view(self, request))
        return context


class LiveEntryQuerySet(models.QuerySet):
    def shown(self):
        """What readers see: every entry not deleted."""
        return self.filter(deleted=False)

    def in_reading_order(self, oldest_first=False):
        order = ("posted_at", "pk") if oldest_first else ("-posted_at", "-pk")
        return self.order_by(*order)

    def for_display(self):
        return self.select_related("author", "story")


class LiveEntry(models.Model):
    blog = models.ForeignKey(
        LiveBlogPage, on_delete=models.CASCADE, related_name="entries"
    )
    posted_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Every change (an edit, a deletion) moves it: open pages ask for the
    # entries changed since they last looked.
    updated_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        Author,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_entries",
    )
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text="A short headline; required for a key event.",
    )
    key_event = models.BooleanField(
        "key event",
        default=False,
        help_text="Listed in the \u201cKey events\u201d box at the top.",
    )
    pinned = models.BooleanField(
        default=False,
        help_text="Shown first, above the newest entries. Pinning this entry "
        "unpins any other.",
    )
    body = StreamField(ArticleBodyBlock())
    # Deleted entries stay as rows, so that the pages open on readers'
    # screens learn of the deletion when they next ask for changes.
    deleted = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The standalone story this entry was broken out into.
    story = models.ForeignKey(
        ArticlePage,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="broken_out_from",
    )

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "live entries"
        indexes = [
            models.Index(fields=["blog", "deleted", "-posted_at"]),
            models.Index(fields=["blog", "-updated_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["blog"],
                condition=models.Q(pinned=True, deleted=False),
                name="live_one_pinned_entry_per_blog",
            )
        ]

    def __str__(self):
        return self.title or f"Entry of {self.posted_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        self.updated_at = timezone.now()
        if self.deleted:
            self.pinned = False
        with transaction.atomic():
            if self.pinned:
                # At most one pinned entry a blog (the constraint says so too).
                LiveEntry.objects.filter(blog_id=self.blog_id, pinned=True).exclude(
                    pk=self.pk
                ).update(pinned=False, updated_at=self.updated_at)
            super().save(*args, **kwargs)

    @property
    def text(self):
        from broadsheet.live.text import entry_text

        return entry_text(self)

    @property
    def anchor(self):
        return f"entry-{self.pk}"

    @property
    def story_is_published(self):
        story = self.story
        return bool(story and story.live and story.published_at)
