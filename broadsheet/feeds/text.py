"""Text as machines read it: XML-safe, whitespace-tidy, cut to length."""

import re

from django.utils import timezone

# XML 1.0 forbids C0 controls other than tab, newline and return, lone
# surrogates and U+FFFE/U+FFFF; one of them makes a whole feed unreadable
# (https://www.w3.org/TR/xml/#charsets). Editors paste them in from wires
# and word processors without knowing.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Search engines show about 155-160 characters of a description.
DESCRIPTION_LENGTH = 160


def xml_safe(text):
    return NOT_XML.sub("", text or "")


def one_line(text):
    """XML-safe text with its whitespace runs (newlines too) made one space."""
    return " ".join(xml_safe(text).split())


def summary(text, length=DESCRIPTION_LENGTH):
    """A description: one line, cut at a word with an ellipsis if too long."""
    text = one_line(text)
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def iso(moment):
    """An aware datetime as ISO 8601 in the site's time zone, to the second."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")
