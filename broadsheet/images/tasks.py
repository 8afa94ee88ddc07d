from django_tasks import task

from broadsheet.images.models import NewsImage
from broadsheet.images.renditions import prepare


@task()
def prepare_renditions(image_kinds: dict[str, list[str]]) -> int:
    """Renditions for {image id: [kinds]}, made when a story is published."""
    images = NewsImage.objects.in_bulk([int(pk) for pk in image_kinds])
    for pk, kinds in image_kinds.items():
        if image := images.get(int(pk)):
            prepare(image, kinds)
    return len(images)
