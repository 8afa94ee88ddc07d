"""Word-level diffs of a story's text: readable, escaped, paragraphs kept."""

from broadsheet.history.text import body_paragraphs, word_diff


def test_marks_removed_and_added_words():
    assert word_diff("The vote is on Monday.", "The vote is on Tuesday.") == (
        "<p>The vote is on <del>Monday.</del> <ins>Tuesday.</ins></p>"
    )


def test_leaves_out_unchanged_paragraphs():
    old = "One.\nTwo.\nThree.\nFour."
    new = "One.\nTwo.\nThree, now.\nFour."
    assert (
        word_diff(old, new)
        == "<p>\u2026</p><p><del>Three.</del> <ins>Three, now.</ins></p><p>\u2026</p>"
    )


def test_escapes_everything():
    diff = word_diff("a", "<script>x</script>")
    assert "<script>" not in diff and "&lt;script&gt;" in diff


def test_body_text_is_the_words_not_the_markup():
    blocks = [
        {
            "type": "paragraph",
            "value": "<p>A <b>bold</b> &amp; true.</p><ul><li>x</li></ul>",
        },
        {"type": "subhead", "value": "Next"},
        {"type": "quote", "value": {"text": "Yes.", "attribution": "Ann"}},
        {"type": "image", "value": {"image": 3, "caption": "A dam"}},
        {"type": "image", "value": {"image": 3, "caption": ""}},
    ]
    assert body_paragraphs(blocks) == [
        "A bold & true.",
        "x",
        "Next",
        "\u201cYes.\u201d \u2014 Ann",
        "[Picture: A dam]",
    ]


def test_a_paragraph_added_or_removed_shows_whole():
    assert word_diff("A.\nB.", "A.\nNew one.\nB.") == (
        "<p>\u2026</p><p><ins>New one.</ins></p><p>\u2026</p>"
    )
    assert word_diff("A.\nGone.\nB.", "A.\nB.") == (
        "<p>\u2026</p><p><del>Gone.</del></p><p>\u2026</p>"
    )
