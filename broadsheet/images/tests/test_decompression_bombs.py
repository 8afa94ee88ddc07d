"""Pictures that cost far more to decode than their file size suggests
(security review, finding 9): a 15 KB PNG of 11000 x 11000 pixels was
accepted, and one rendition of it peaked at 731 MB; a 200-frame GIF was
accepted. Uploads are capped in pixels (every frame counted) and frames, with
a plain message, and a larger picture stored some other way is never resized
inside a request."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage

from broadsheet.images.models import NewsImage
from broadsheet.images.tasks import prepare_renditions
from broadsheet.testing import (
    logged_in,
    make_article,
    make_author_user,
    make_editor,
    make_image,
    parse,
    read,
)

pytestmark = [
    pytest.mark.django_db,
    # Pillow warns about the bombs as it measures them; they are refused.
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]


def png(width, height):
    """A huge one-bit blank picture: tiny file, huge decode (the reviewer's)."""
    buffer = io.BytesIO()
    PILImage.new("1", (width, height), 0).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def animation(frames, size=(64, 64), format="GIF"):
    pictures = [
        PILImage.new("RGB", size, (frame * 37 % 256, frame * 11 % 256, frame % 7 * 30))
        for frame in range(frames)
    ]
    buffer = io.BytesIO()
    pictures[0].save(buffer, format=format, save_all=True, append_images=pictures[1:])
    return buffer.getvalue()


def upload(client, name, content):
    return client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content)},
    )


def errors(response):
    return " ".join(
        e.get_text(" ", strip=True) for e in parse(response).select(".error-message")
    )


@pytest.fixture
def author():
    return logged_in(make_author_user())


def test_the_reviewers_121_megapixel_png_is_refused(author):
    bomb = png(11000, 11000)
    assert len(bomb) < 20_000

    response = upload(author, "bomb121mp.png", bomb)

    assert response.status_code == 200
    assert errors(response) == (
        "This picture is 11000 x 11000 pixels (121 megapixels); the largest "
        "accepted is 40 megapixels in all. Please resize it and upload it again."
    )
    assert not NewsImage.objects.exists()


def test_one_too_big_for_pillow_to_measure_is_refused_plainly(author):
    response = upload(author, "bomb400mp.png", png(20000, 20000))

    assert "far too large" in errors(response)
    assert not NewsImage.objects.exists()


def test_a_200_frame_gif_is_refused(author):
    response = upload(author, "long.gif", animation(200))

    assert errors(response) == (
        "This animation has 200 frames; the most accepted is 100. Please upload "
        "a shorter animation or a still picture."
    )
    assert not NewsImage.objects.exists()


def test_an_animated_webp_counts_its_frames_too(author):
    content = animation(150, format="WEBP")
    assert PILImage.open(io.BytesIO(content)).n_frames == 150

    assert "150 frames" in errors(upload(author, "long.webp", content))


def test_an_animated_png_is_refused_as_wagtail_cannot_read_one(author):
    response = upload(author, "long.png", animation(150, format="PNG"))

    assert "Upload a valid image" in errors(response)
    assert not NewsImage.objects.exists()


def test_frames_count_towards_the_pixels(author):
    # 30 frames of 1500 x 1000: 45 megapixels to decode in all.
    response = upload(author, "heavy.gif", animation(30, size=(1500, 1000)))

    assert "in each of its 30 frames" in errors(response)


def test_a_picture_at_the_limit_is_accepted(author):
    response = upload(author, "forty.png", png(8000, 5000))

    assert response.status_code == 302
    assert NewsImage.objects.get().width == 8000


def test_a_short_animation_is_accepted(author):
    assert upload(author, "short.gif", animation(12)).status_code == 302


def test_the_multiple_uploader_refuses_it_too(author):
    response = author.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("bomb121mp.png", png(11000, 11000))},
    )

    assert response.json()["success"] is False
    assert "121 megapixels" in response.json()["error_message"]
    assert not NewsImage.objects.exists()


@override_settings(IMAGE_MAX_PIXELS=1_000_000, IMAGE_MAX_FRAMES=5)
def test_the_limits_are_settings(author):
    assert "1.0 megapixels" in errors(upload(author, "a.png", png(1200, 1000)))
    assert "the most accepted is 5" in errors(upload(author, "b.gif", animation(6)))


# A picture over the limit that is already stored (uploaded before it, or
# by other means): stood in for by a small file with the large dimensions.


@pytest.fixture
def oversized():
    picture = make_image(title="Legacy panorama", alt_text="A wide harbour")
    NewsImage.objects.filter(pk=picture.pk).update(width=11000, height=11000)
    return NewsImage.objects.get(pk=picture.pk)


def test_the_admin_listing_does_not_resize_it(oversized):
    response = logged_in(make_editor()).get("/admin/images/")

    assert response.status_code == 200
    assert "Legacy panorama" in response.text
    assert not oversized.renditions.exists()


def test_a_story_page_does_not_resize_it(client, oversized):
    story = make_article("Harbour panorama", lead_image=oversized)
    oversized.renditions.all().delete()  # as if the task had not run yet

    page = read(client.get(story.url))

    assert page.select_one(".story__lead-image img") is None
    assert not oversized.renditions.exists()


def test_the_background_task_makes_its_sizes(client, oversized):
    prepare_renditions.call({str(oversized.pk): ["lead"]})

    assert oversized.renditions.count() == 4
    story = make_article("Harbour panorama", lead_image=oversized)
    with CaptureQueriesContext(connection):
        page = read(client.get(story.url))
    assert page.select_one(".story__lead-image img")["alt"] == "A wide harbour"
