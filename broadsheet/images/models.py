"""Images with the caption, credit and alt text a newsroom must print.

Wagtail's default image has only a title and a free "description"; a news
photo needs a caption for readers, a credit for the agency, and alt text for
screen readers, kept apart because they say different things.
"""

from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage

from broadsheet.images.renditions import refuse_if_too_large


class NewsImage(AbstractImage):
    # Pages showing this picture carry the tag "image:<id>".
    cache_tag_prefix = "image"
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text="Photographer and agency, e.g. 'Jane Doe/AP'.",
    )
    alt_text = models.CharField(
        max_length=255,
        blank=True,
        help_text="What the picture shows, for readers who cannot see it.",
    )

    admin_form_fields = (
        *WagtailImage.admin_form_fields,
        "caption",
        "credit",
        "alt_text",
    )

    @property
    def default_alt_text(self):
        return self.alt_text or self.caption or self.title

    # Every rendition Wagtail makes goes through these two.

    def create_rendition(self, filter):
        refuse_if_too_large(self)
        return super().create_rendition(filter)

    def create_renditions(self, *filters):
        if filters:
            refuse_if_too_large(self)
        return super().create_renditions(*filters)


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(
        NewsImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
