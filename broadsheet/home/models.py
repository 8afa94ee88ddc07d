"""The front page and the site-wide things editors set: blurb, Editors' Picks."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import register_setting
from wagtail.models import Orderable, Page

from broadsheet.caching.routes import KnownViewRestrictions
from broadsheet.core.site_settings import SiteSetting
from broadsheet.news.models import ArticlePage, SectionPage

HOME_LATEST_COUNT = 10
HOME_SECTION_COUNT = 4


class HomePage(KnownViewRestrictions, Page):
    lead_story = models.ForeignKey(
        "news.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty to lead with the newest story.",
    )

    content_panels = [*Page.content_panels, FieldPanel("lead_story")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage"]
    max_count_per_parent = 1

    def route(self, request, path_components):
        """A section in one query, not Wagtail's two (the page, then its
        specific type)."""
        if path_components:
            section = (
                SectionPage.objects.child_of(self)
                .filter(slug=path_components[0])
                .first()
            )
            if section is not None:
                section._cached_parent_obj = self
                return section.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        """The front's lists are read only when its fragment is rendered: a
        front put together from the cache runs none of these queries."""
        context = super().get_context(request, *args, **kwargs)
        context["front"] = SimpleLazyObject(self.front)
        return context

    def front(self):
        """The lead story, the newest others, and each section's newest."""
        published = ArticlePage.objects.published().for_listing().newest_first()
        lead = None
        if self.lead_story_id:
            lead = published.filter(pk=self.lead_story_id).first()
        latest = list(published[: HOME_LATEST_COUNT + 1])
        lead = lead or (latest[0] if latest else None)
        return {
            "lead_story": lead,
            "home_latest": [s for s in latest if s != lead][:HOME_LATEST_COUNT],
            "section_blocks": self.section_blocks(published),
        }

    def section_blocks(self, published):
        """Each section with its newest stories.

        One small indexed query per section for the ids, then one listing
        query for all of them: the cost follows the number of sections, never
        the size of the archive.
        """
        sections = list(SectionPage.objects.for_readers().child_of(self))
        ids = {
            section.pk: list(
                published.filter(section=section).values_list("pk", flat=True)[
                    :HOME_SECTION_COUNT
                ]
            )
            for section in sections
        }
        wanted = [pk for section_ids in ids.values() for pk in section_ids]
        stories = {story.pk: story for story in published.filter(pk__in=wanted)}
        return [
            (section, [stories[pk] for pk in ids[section.pk] if pk in stories])
            for section in sections
        ]


@register_setting(icon="doc-full")
class SiteSettings(SiteSetting, ClusterableModel):
    blurb = models.TextField(
        blank=True,
        help_text="A few sentences about the site, shown beside every story.",
    )

    corrections_policy = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page that says how the newsroom corrects its stories. "
        "Search engines are told of it (correctionsPolicy), and "
        "/corrections/ links to it.",
    )
    publishing_principles = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page of the newsroom's standards and ethics "
        "(publishingPrinciples).",
    )

    panels = [
        FieldPanel("blurb"),
        InlinePanel("editors_picks", label="Editors' Picks"),
        MultiFieldPanel(
            [FieldPanel("corrections_policy"), FieldPanel("publishing_principles")],
            heading="Policies",
        ),
    ]

    class Meta:
        verbose_name = "Site blurb, Editors' Picks and policies"


class EditorsPick(Orderable):
    settings = ParentalKey(
        SiteSettings, on_delete=models.CASCADE, related_name="editors_picks"
    )
    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]
