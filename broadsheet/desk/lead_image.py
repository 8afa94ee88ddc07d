"""A wire item's lead image for a story made from it: fetched through the
wire's one HTTP path (address checks, time-out, size cap) and checked as
any upload is (format, pixels, frames), credited to the source."""

from dataclasses import replace
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from broadsheet.images.forms import LimitedImageField
from broadsheet.images.models import NewsImage
from broadsheet.wire.sources.http import FetchError, Limits, fetch

# An editor waits for it: a slow picture server must not hold the page long.
TIMEOUT = 10.0


def lead_image(item, credit: str) -> tuple[NewsImage | None, str]:
    """(the image, "") or (None, why not: one line for the editor)."""
    if not item.image_url:
        return None, ""
    limits = Limits.from_settings()
    limits = replace(limits, timeout=min(limits.timeout, TIMEOUT))
    try:
        response = fetch(item.image_url, limits=limits)
    except FetchError as error:
        return None, f"The lead image could not be fetched: {error}."
    name = PurePosixPath(urlsplit(response.url).path).name or "lead-image"
    upload = SimpleUploadedFile(name[:100], response.body, response.content_type)
    try:
        checked = LimitedImageField().clean(upload)
    except ValidationError as error:
        return None, f"The lead image was left out: {' '.join(error.messages)}"
    image = NewsImage.objects.create(
        title=item.headline[:255], file=checked, credit=credit[:255]
    )
    return image, ""
