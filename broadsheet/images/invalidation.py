"""A picture's caption, credit, alt text or focal point is shown wherever
the picture is ({% responsive_image %} declares "image:<id>")."""

from broadsheet.caching.invalidation import on_change
from broadsheet.caching.tags import tag_of


def connect():
    from broadsheet.images.models import NewsImage

    on_change(NewsImage, lambda image: {tag_of(image)})
