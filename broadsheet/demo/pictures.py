"""Pictures for the demo newsroom, drawn locally so the demo needs no network.

Each picture is an abstract skyline-and-sun composition whose colours and
shapes come from a seed, so the same story always gets the same picture.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

PALETTES = [
    ((22, 42, 72), (231, 111, 81), (244, 162, 97)),
    ((38, 70, 83), (42, 157, 143), (233, 196, 106)),
    ((61, 64, 91), (129, 178, 154), (242, 204, 143)),
    ((20, 33, 61), (252, 163, 17), (229, 229, 229)),
    ((53, 80, 112), (109, 89, 122), (234, 172, 139)),
    ((0, 48, 73), (214, 40, 40), (247, 127, 0)),
    ((40, 54, 24), (96, 108, 56), (221, 161, 94)),
]


def landscape(seed: str, width: int = 1600, height: int = 900) -> bytes:
    rng = random.Random(seed)
    dark, mid, light = rng.choice(PALETTES)
    picture = Image.new("RGB", (width, height), dark)
    draw = ImageDraw.Draw(picture)
    for y in range(height):  # vertical gradient sky
        t = y / height
        colour = tuple(int(light[i] * (1 - t) + dark[i] * t) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    sun_x, sun_y = (
        rng.randint(width // 5, 4 * width // 5),
        rng.randint(height // 6, height // 2),
    )
    radius = rng.randint(height // 10, height // 5)
    draw.ellipse(
        [sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=mid
    )
    x = 0
    while x < width:  # a skyline of blocks in the foreground
        block_width = rng.randint(width // 30, width // 10)
        top = rng.randint(height // 2, height - height // 8)
        shade = tuple(max(0, c - rng.randint(10, 40)) for c in dark)
        draw.rectangle([x, top, x + block_width, height], fill=shade)
        for wy in range(top + 12, height - 12, 28):  # lit windows
            for wx in range(x + 8, x + block_width - 8, 22):
                if rng.random() < 0.3:
                    draw.rectangle([wx, wy, wx + 8, wy + 12], fill=light)
        x += block_width + rng.randint(0, width // 60)
    picture = picture.filter(ImageFilter.SMOOTH)
    return to_jpeg(picture)


def portrait(name: str, size: int = 480) -> bytes:
    rng = random.Random(name)
    dark, mid, light = rng.choice(PALETTES)
    picture = Image.new("RGB", (size, size), mid)
    draw = ImageDraw.Draw(picture)
    draw.ellipse([size * 0.3, size * 0.18, size * 0.7, size * 0.58], fill=light)
    draw.ellipse([size * 0.12, size * 0.62, size * 0.88, size * 1.3], fill=dark)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=size // 8)
    draw.text((size * 0.06, size * 0.05), initials, fill=light, font=font)
    return to_jpeg(picture)


def to_jpeg(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()
