"""The picture a page or a story is shared with: one size of its image."""

import mimetypes
from dataclasses import dataclass

from wagtail.images.models import SourceImageIOError

from broadsheet.feeds.addresses import absolute
from broadsheet.feeds.text import one_line
from broadsheet.images.renditions import KINDS

# Sizes the pages already show, made at publish: sharing them costs no Pillow
# work, and asking for all of a kind at once lets the page's own <img> find
# them in the cache. 1200 pixels wide is what link previews ask for.
LEAD_SPECS = KINDS["lead"][0]
SHARE_SPEC = "width-1200"
JSONLD_SPECS = ("width-800", "width-1200", "width-1600")
PORTRAIT_SPECS = KINDS["portrait"][0]
PORTRAIT_SHARE_SPEC = "fill-320x320"


@dataclass(frozen=True)
class Picture:
    url: str
    width: int
    height: int
    type: str
    alt: str
    credit: str

    @classmethod
    def of(cls, image, rendition):
        return cls(
            url=absolute(rendition.url),
            width=rendition.width,
            height=rendition.height,
            type=mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg",
            alt=one_line(image.default_alt_text),
            credit=one_line(image.credit),
        )


def lead_pictures(image):
    """The share picture of a story's lead image and the addresses of a few
    sizes of it (for JSON-LD), in one lookup; (None, []) while its sizes
    cannot be made (an oversized picture, broadsheet/images/renditions.py)."""
    try:
        renditions = image.get_renditions(*LEAD_SPECS)
    except SourceImageIOError:
        return None, []
    share = Picture.of(image, renditions[SHARE_SPEC])
    sizes = dict.fromkeys(absolute(renditions[spec].url) for spec in JSONLD_SPECS)
    return share, list(sizes)


def portrait_picture(photo):
    try:
        renditions = photo.get_renditions(*PORTRAIT_SPECS)
    except SourceImageIOError:  # as in lead_pictures
        return None
    return Picture.of(photo, renditions[PORTRAIT_SHARE_SPEC])


def feed_picture(image):
    """A story's picture for a feed: its lead image renditions are prefetched
    with the stories, so this runs no query."""
    try:
        return Picture.of(image, image.get_rendition(SHARE_SPEC))
    except SourceImageIOError:  # as in lead_pictures
        return None
