from django import template

from broadsheet.images.renditions import responsive_image as build

register = template.Library()


@register.simple_tag
def responsive_image(image, kind, **attrs):
    """`{% responsive_image page.lead_image "lead" fetchpriority="high" %}`:
    an <img> with srcset, sizes, width, height and the image's alt text."""
    if not image:
        return ""
    return build(image, kind, **attrs)
