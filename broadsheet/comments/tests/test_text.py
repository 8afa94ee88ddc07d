"""Comment text: paragraphs, line breaks and safe links; nothing else."""

import pytest

from broadsheet.comments.text import render


@pytest.mark.parametrize(
    ("typed", "html"),
    [
        ("Hello", "<p>Hello</p>"),
        ("One\n\nTwo", "<p>One</p><p>Two</p>"),
        ("One\r\nline", "<p>One<br>line</p>"),
        ("<b>bold</b>", "<p>&lt;b&gt;bold&lt;/b&gt;</p>"),
        (
            "See https://example.org/a?b=1&c=2.",
            '<p>See <a href="https://example.org/a?b=1&amp;c=2" '
            'rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a>.</p>',
        ),
        ("javascript:alert(1)", "<p>javascript:alert(1)</p>"),
        ("   ", ""),
    ],
)
def test_render(typed, html):
    assert render(typed) == html
