"""Every size a picture is shown at, named by where it appears.

Templates ask for a kind ("lead", "teaser"), never for raw filter specs, so the
renditions made at publish time are exactly those the pages will use.
"""

from wagtail.images.models import ResponsiveImage

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
    "teaser": (("fill-320x180", "fill-640x360"), "(min-width: 60em) 14rem, 40vw"),
    "portrait": (("fill-160x160", "fill-320x320"), "7.5rem"),
}


def responsive_image(image, kind, **attrs):
    specs, sizes = KINDS[kind]
    renditions = image.get_renditions(*specs)
    return ResponsiveImage(renditions, {"sizes": sizes, **attrs})


def prepare(image, kinds):
    """Make the renditions now, so no reader waits for Pillow."""
    for kind in kinds:
        image.get_renditions(*KINDS[kind][0])
