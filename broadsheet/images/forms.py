"""The image upload form: Wagtail's, with limits on what a picture may cost
to decode (security review, finding 9: a 15 KB PNG of 121 megapixels was
accepted, and a 200-frame GIF). Installed with WAGTAILIMAGES_IMAGE_FORM_BASE,
so every upload path (the add page, the multiple uploader, the chooser) uses
it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

MEGAPIXEL = 1_000_000


def megapixels(pixels: int) -> str:
    return (
        f"{pixels / MEGAPIXEL:.0f}"
        if pixels >= 10 * MEGAPIXEL
        else (f"{pixels / MEGAPIXEL:.1f}")
    )


def frame_count(f) -> int:
    """Frames in an animated GIF or WebP (Willow's Pillow plug-in says 1 for
    every picture, so Wagtail's own pixel count misses them). Counting reads
    each frame's header, not its pixels."""
    f.seek(0)
    try:
        with PILImage.open(f) as picture:
            return getattr(picture, "n_frames", 1)
    finally:
        f.seek(0)


class LimitedImageField(WagtailImageField):
    """Refuses pictures over IMAGE_MAX_PIXELS (counting every frame of an
    animation) or over IMAGE_MAX_FRAMES frames, saying which and by how much."""

    def check_image_pixel_size(self, f):
        limit, max_frames = settings.IMAGE_MAX_PIXELS, settings.IMAGE_MAX_FRAMES
        try:
            width, height = f.image.get_size()
            frames = frame_count(f)
        except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
            # Pillow will not even read the size of something this large.
            raise ValidationError(
                "This picture is far too large to use. The largest accepted is "
                f"{megapixels(limit)} megapixels.",
                code="file_too_many_pixels",
            ) from None
        if frames > max_frames:
            raise ValidationError(
                f"This animation has {frames} frames; the most accepted is "
                f"{max_frames}. Please upload a shorter animation or a still picture.",
                code="too_many_frames",
            )
        if width * height * frames > limit:
            each = f" in each of its {frames} frames" if frames > 1 else ""
            raise ValidationError(
                f"This picture is {width} x {height} pixels "
                f"({megapixels(width * height)} megapixels){each}; the largest "
                f"accepted is {megapixels(limit)} megapixels in all. Please resize "
                "it and upload it again.",
                code="file_too_many_pixels",
            )


class NewsImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = LimitedImageField(
                required=field.required,
                label=field.label,
                widget=field.widget,
            )
