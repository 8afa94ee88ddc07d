"""A comment's text as readers see it: paragraphs, line breaks and links made
from URLs, nothing else. Built from escaped text, then passed through nh3
with only those elements allowed, so no markup a reader typed can survive
even if the linking code had a flaw."""

import re
from urllib.parse import urlsplit

import nh3
from django.utils.html import escape

LINK_REL = "nofollow ugc noopener"
# http(s) only: javascript:, data: and friends are never linked.
URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
# Punctuation that ends a sentence rather than the address.
TRAILING = ".,;:!?)]}'\""
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
ALLOWED_TAGS = {"p", "br", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
HOST = re.compile(r"[\w-]+(\.[\w-]+)*")


def urls(text):
    return [match.rstrip(TRAILING) for match in URL.findall(text or "")]


def is_linkable(address):
    """A web address with a plausible host: anything else stays text."""
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018 -- raises ValueError on a bad port
    except ValueError:
        return False
    return bool(parts.hostname and HOST.fullmatch(parts.hostname))


def linkify(line):
    """Escape a line, with each http(s) address made a link."""
    out, position = [], 0
    for match in URL.finditer(line):
        address = match.group().rstrip(TRAILING)
        if not is_linkable(address):
            continue
        out.append(escape(line[position : match.start()]))
        out.append(f'<a href="{escape(address)}">{escape(address)}</a>')
        position = match.start() + len(address)
    out.append(escape(line[position:]))
    return "".join(out)


def render(text):
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p for p in PARAGRAPH_BREAK.split(text.strip("\n")) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(linkify(line) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel=LINK_REL,
    )
