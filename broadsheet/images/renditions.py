"""Every size a picture is shown at, named by where it appears.

Templates ask for a kind ("lead", "teaser"), never for raw filter specs, so the
renditions made at publish time are exactly those the pages will use.
"""

import contextvars
import logging
from contextlib import contextmanager

from django.conf import settings
from wagtail.images.models import ResponsiveImage, SourceImageIOError

log = logging.getLogger(__name__)

KINDS = {
    # Across the article column, above the fold: loads first.
    "lead": (
        ("width-480", "width-800", "width-1200", "width-1600"),
        "(min-width: 60em) 42rem, 100vw",
    ),
    "inline": (
        ("width-480", "width-800", "width-1200"),
        "(min-width: 60em) 42rem, 100vw",
    ),
    "teaser-lead": (
        ("fill-480x270", "fill-800x450", "fill-1200x675"),
        "(min-width: 60em) 48rem, 100vw",
    ),
    # Beside a listing's headline: a column of 12rem (6.5rem on phones).
    "teaser": (("fill-320x180", "fill-640x360"), "(min-width: 60em) 14rem, 40vw"),
    # The same sizes in the front page's grid (site.css .story-grid): columns
    # of 14rem or more, so one across a phone (Lighthouse's "low resolution"
    # finding when this said 40vw), two or three on wider screens, and at
    # most about 17.6rem beside the rail.
    "teaser-grid": (
        ("fill-320x180", "fill-640x360"),
        "(min-width: 60em) 18rem, (min-width: 33em) 50vw, 100vw",
    ),
    "portrait": (("fill-160x160", "fill-320x320"), "7.5rem"),
}


def responsive_image(image, kind, **attrs):
    """The picture's <img>, or "" when its sizes cannot be made now (see
    refuse_if_too_large): the page goes out without it rather than not at all."""
    specs, sizes = KINDS[kind]
    try:
        renditions = image.get_renditions(*specs)
    except SourceImageIOError as error:
        log.warning("image %s not shown: %s", image.pk, error)
        return ""
    return ResponsiveImage(renditions, {"sizes": sizes, **attrs})


def prepare(image, kinds):
    """Make the renditions now, so no reader waits for Pillow. Called by the
    background task, where even an oversized picture may be resized."""
    with large_renditions_allowed():
        for kind in kinds:
            image.get_renditions(*KINDS[kind][0])


# Decompression bombs (security review, finding 9): an upload over
# IMAGE_MAX_PIXELS is refused (forms.py), but a picture stored before the
# limit, or by other means, may be larger; one 121-megapixel PNG took 731 MB
# and 1.3 s to resize. Such a picture is resized only in the background task,
# never inside a request (a reader's page, the admin's image listing).
_large_allowed = contextvars.ContextVar("large_renditions_allowed", default=False)


@contextmanager
def large_renditions_allowed():
    token = _large_allowed.set(True)
    try:
        yield
    finally:
        _large_allowed.reset(token)


def refuse_if_too_large(image):
    """Raise SourceImageIOError (which Wagtail's {% image %} tag shows as a
    missing picture) for an oversized picture outside the background task."""
    pixels = (image.width or 0) * (image.height or 0)
    if pixels > settings.IMAGE_MAX_PIXELS and not _large_allowed.get():
        raise SourceImageIOError(
            f"{image.width} x {image.height} pixels is too large to resize "
            "during a request; the background task makes its sizes"
        )
