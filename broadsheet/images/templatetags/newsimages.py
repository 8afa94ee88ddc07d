from django import template

from broadsheet.caching.tags import declare_objects
from broadsheet.images.renditions import responsive_image as build

register = template.Library()


@register.simple_tag
def responsive_image(image, kind, **attrs):
    """`{% responsive_image page.lead_image "lead" fetchpriority="high" %}`:
    an <img> with srcset, sizes, width, height and the image's alt text."""
    if not image:
        return ""
    # The page shows its caption, credit, alt text and size: a change to
    # them (NewsImage saved) makes it stale.
    declare_objects(image)
    return build(image, kind, **attrs)
