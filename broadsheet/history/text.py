"""A story's words as readers read them, and what changed between two
versions, word by word: no models, no markup in, escaped HTML out."""

import html
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Where a rich-text paragraph ends and the next begins.
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
PARAGRAPH = "\n"
# Unchanged, removed and added words. <del> and <ins> are what screen readers
# announce as deletions and insertions; the stylesheet adds a hidden word
# for those that do not, and strikes or underlines them, not colour alone.
GAP = "<p>\u2026</p>"  # unchanged paragraphs left out
MARKS = {"=": "{}", "-": "<del>{}</del>", "+": "<ins>{}</ins>"}


def plain(markup: str) -> list[str]:
    """The paragraphs of some rich text, as text."""
    parts = BLOCK_END.split(markup)
    texts = (" ".join(html.unescape(TAG.sub(" ", part)).split()) for part in parts)
    return [text for text in texts if text]


def body_paragraphs(raw_blocks) -> list[str]:
    """The text of a StreamField's stored blocks (ArticleBodyBlock): what
    readers read, a paragraph each; pictures by their captions."""
    lines = []
    for block in raw_blocks:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph" and isinstance(value, str):
            lines += plain(value)
        elif kind == "subhead" and isinstance(value, str):
            lines.append(" ".join(value.split()))
        elif kind == "quote" and isinstance(value, dict):
            quote = " ".join(str(value.get("text", "")).split())
            who = " ".join(str(value.get("attribution", "")).split())
            lines.append(f"\u201c{quote}\u201d \u2014 {who}" if who else quote)
        elif kind == "image" and isinstance(value, dict) and value.get("caption"):
            lines.append(f"[Picture: {' '.join(str(value['caption']).split())}]")
    return [line for line in lines if line]


@dataclass(frozen=True)
class Change:
    """One field's change: `html` is the diff, or "" when it did not change."""

    field: str
    html: str


def tokens(text: str) -> list[str]:
    """Words, with paragraph breaks as tokens of their own."""
    found = []
    for number, paragraph in enumerate(text.split(PARAGRAPH)):
        if number:
            found.append(PARAGRAPH)
        found += paragraph.split()
    return found


def word_diff(old: str, new: str) -> str:
    """`old` to `new` word by word: unchanged words as they are, removed ones
    in <del>, added ones in <ins>, all of it escaped. Paragraphs with no
    change are left out ("…"), so a long story's diff shows its changes.

    Paragraphs are matched first, and words compared only within those that
    changed: a long story with one changed sentence costs one short diff."""
    a, b = old.split(PARAGRAPH), new.split(PARAGRAPH)
    paragraphs = []  # each a list of (op, word), or None when unchanged
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            paragraphs += [None] * (i2 - i1)
        elif op == "replace" and i2 - i1 == j2 - j1:
            for before, after in zip(a[i1:i2], b[j1:j2], strict=True):
                paragraphs += marked_paragraphs(before, after)
        else:
            paragraphs += marked_paragraphs(
                PARAGRAPH.join(a[i1:i2]), PARAGRAPH.join(b[j1:j2])
            )
    shown, skipped = [], False
    for paragraph in paragraphs:
        if paragraph is None or all(op == "=" for op, _ in paragraph):
            skipped = True
            continue
        if skipped:
            shown.append(GAP)
        skipped = False
        shown.append(f"<p>{render(paragraph)}</p>")
    if skipped and shown:
        shown.append(GAP)
    return mark_safe("".join(shown))


def marked_paragraphs(old: str, new: str) -> list[list[tuple[str, str]]]:
    """The words of `old` and `new` marked "=", "-" or "+", a list a
    paragraph; a paragraph break added or removed shows as a pilcrow."""
    a, b = tokens(old), tokens(new)
    marked = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            marked += [("=", token) for token in a[i1:i2]]
            continue
        marked += [("-", token) for token in a[i1:i2]]
        marked += [("+", token) for token in b[j1:j2]]
    paragraphs, current = [], []
    for op, token in marked:
        if token == PARAGRAPH:
            paragraphs.append(current)
            current = [(op, "\u00b6")] if op != "=" else []
        else:
            current.append((op, token))
    paragraphs.append(current)
    return paragraphs


def render(paragraph) -> str:
    out, run_op, run = [], None, []

    def flush():
        if run:
            out.append(MARKS[run_op].format(escape(" ".join(run))))

    for op, token in paragraph:
        if op != run_op:
            flush()
            run_op, run = op, []
        run.append(token)
    flush()
    return " ".join(out)


def changes(old, new) -> list[Change]:
    """What changed from version `old` to `new` (each with headline,
    standfirst and body_text), field by field, in reading order."""
    found = []
    for field, label in (
        ("headline", "Headline"),
        ("standfirst", "Standfirst"),
        ("body_text", "Story"),
    ):
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            found.append(Change(label, word_diff(before, after)))
    return found
