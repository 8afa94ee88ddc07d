"""Entry bodies made safe before they are stored.

Entries posted in the admin come through Draftail, which writes only the
features it offers; entries written by other means (the demo loader, a
script, a future API) could carry any HTML. Paragraphs are cleaned to
Wagtail's own rich-text storage format, so a script or an event handler in an
entry is dropped whatever wrote it. Other blocks are plain text the templates
escape.
"""

import re

import nh3
from wagtail.rich_text import RichText

# Wagtail's stored rich text for the paragraph features (news.blocks):
# bold, italic, links (external, or to a page by its id), lists.
TAGS = {"p", "br", "b", "i", "strong", "em", "a", "ol", "ul", "li"}
ATTRIBUTES = {"a": {"href", "linktype", "id"}}
URL_SCHEMES = {"http", "https", "mailto"}
CLEAN_CONTENT_TAGS = {"script", "style", "template", "noscript", "iframe", "svg"}
ABSOLUTE_URL = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def link_attributes(tag, attribute, value):
    """Links are absolute http(s) or mailto addresses, or Wagtail's links to a
    page by its number: nothing relative (it would resolve against our own
    site), no other id (ids in an entry could clobber the page's own)."""
    if attribute == "href" and not ABSOLUTE_URL.match(value.strip()):
        return None
    if attribute == "linktype" and value != "page":
        return None
    if attribute == "id" and not value.isdigit():
        return None
    return value


def clean_html(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attribute_filter=link_attributes,
        link_rel=None,
    )


def clean_body(body):
    """The stream's blocks, paragraphs cleaned. A stored stream is cleaned
    from its raw data, so no block is loaded (an image stays an id: no
    query); (type, value) pairs, as code writes them, are cleaned too."""
    if hasattr(body, "raw_data"):
        blocks = []
        for block in body.raw_data:
            block = dict(block)
            if block.get("type") == "paragraph":
                block["value"] = clean_html(str(block["value"]))
            blocks.append(block)
        return blocks
    return [
        (kind, RichText(clean_html(getattr(value, "source", str(value)))))
        if kind == "paragraph"
        else (kind, value)
        for kind, value in body
    ]
