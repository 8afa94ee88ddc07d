"""What enrichment knows about each story, and the site's section model."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import register_setting

from broadsheet.core.site_settings import SiteSetting

# The audit log's name for an enrichment run (wagtail_hooks registers it).
LOG_ACTION = "broadsheet.enrich"


class Enrichment(models.Model):
    """One story's enrichment state: what was read, what was suggested."""

    article = models.OneToOneField(
        "news.ArticlePage",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="enrichment",
    )
    # Of the text last enriched: unchanged text is not worked on again.
    text_hash = models.CharField(max_length=40, blank=True)
    enriched_at = models.DateTimeField(null=True)
    faq_backend = models.CharField(max_length=40, blank=True)
    # The generated pairs of the last run, by fingerprint: their sources.
    generated_pairs = models.JSONField(default=dict)
    # The story's terms, entities, topics and section for "You may also like"
    # (broadsheet.enrich.nlp.ranking.Features, as JSON).
    features = models.JSONField(default=dict)
    # Topic names suggested and not yet accepted or rejected; and those an
    # editor rejected, never suggested again.
    suggested_topics = models.JSONField(default=list)
    rejected_topics = models.JSONField(default=list)
    suggested_section = models.ForeignKey(
        "news.SectionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    section_confidence = models.FloatField(null=True)

    def __str__(self):
        return f"Enrichment of article {self.article_id}"


class RelatedStory(models.Model):
    """One line of a story's "You may also like", computed when it is published."""

    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="related_links"
    )
    story = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="related_from"
    )
    position = models.PositiveSmallIntegerField()
    score = models.FloatField(default=0)
    reason = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "story"], name="related_story_once"
            )
        ]

    def __str__(self):
        return f"{self.article_id} -> {self.story_id}"


class SectionModel(models.Model):
    """A section classifier trained on the site's own published stories
    (`broadsheet train_sections`); the newest one is used."""

    created_at = models.DateTimeField(auto_now_add=True)
    stories = models.PositiveIntegerField()
    sections = models.JSONField(default=list)
    report = models.JSONField(default=dict)
    # Document frequencies of the archive's terms, for "You may also like".
    vocabulary = models.JSONField(default=dict)
    data = models.BinaryField()

    class Meta:
        get_latest_by = "created_at"

    def __str__(self):
        return f"Section model of {self.created_at:%Y-%m-%d %H:%M} ({self.stories})"


@register_setting(icon="wand")
class EnrichmentSettings(SiteSetting):
    publish_generated_faqs = models.BooleanField(
        "publish generated FAQs",
        default=True,
        help_text="Generated answers quote the story and go live with it. "
        "Untick to have every generated pair wait for an editor's approval.",
    )
    wire_topics = models.BooleanField(
        "wire stories take suggested topics",
        default=True,
        help_text="Imported stories are tagged with their suggested topics at "
        "once; stories written here keep them as suggestions for an editor.",
    )
    section_threshold = models.FloatField(
        default=0.8,
        help_text="How sure (0-1) the section classifier must be to file an "
        "imported story that names no section, or to suggest one to an editor.",
    )

    panels = [
        FieldPanel("publish_generated_faqs"),
        FieldPanel("wire_topics"),
        FieldPanel("section_threshold"),
    ]

    class Meta:
        verbose_name = "enrichment"
