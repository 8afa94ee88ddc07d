"""Wire HTML made safe: what may arrive from an agency, and plain text from HTML.

Sanitising is the security boundary; broadsheet.wire.body then decides what of
the safe HTML becomes blocks of an article.

Policy, and why:
- Text structure passes: paragraphs, headings, quotes, lists, tables, emphasis,
  line breaks, and the neutral containers (div, section, span...) so block
  boundaries survive sanitising and can be turned into paragraphs.
- Links keep only an absolute http(s) or mailto href, and get
  rel="noopener nofollow": we vouch for neither the agency's links nor the
  pages they lead to. Relative links point into the agency's own site and would
  resolve against ours, so they are dropped (the link text stays).
- No <img>: an agency body links its pictures by URL, usually signed and
  short-lived, licensed separately from the text and without the size, credit
  or alt text our image pipeline needs; hot-linking them would leak readers to
  the agency and break when the URL expires. Pictures come in as NewsImages.
  A <figure> is kept only so the body converter can drop the caption with it.
- Everything that executes, embeds or submits is removed with its content;
  every attribute other than those above (on*, style, class, id, data-*) goes.
"""

import html
import re

import nh3

TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "cite",
    "ul", "ol", "li", "a", "strong", "em", "b", "i", "sup", "sub",
    "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr",
    "th", "td", "div", "span", "section", "article", "header", "footer", "main",
}  # fmt: skip
# Removed together with everything inside them.
CLEAN_CONTENT_TAGS = {
    "script", "style", "title", "head", "template", "noscript", "iframe",
    "object", "embed", "svg", "math", "canvas", "audio", "video", "select",
    "textarea", "button",
}  # fmt: skip
ATTRIBUTES = {"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}
ABSOLUTE_URL = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
LINK_REL = "noopener nofollow"
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def keep_absolute_links(tag, attribute, value):
    if tag == "a" and attribute == "href" and not ABSOLUTE_URL.match(value.strip()):
        return None
    return value


def sanitise(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=keep_absolute_links,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def text_of(markup: str) -> str:
    """Plain text of some HTML (a headline, a description), whitespace collapsed."""
    if "<" not in markup and "&" not in markup:
        return " ".join(markup.split())
    text = nh3.clean(markup, tags=set(), clean_content_tags=CLEAN_CONTENT_TAGS)
    return " ".join(html.unescape(text).split())


def text_to_html(text: str) -> str:
    """A plain-text body as paragraphs: blank lines separate them when the
    text has any, else every line is one (as most agencies send it)."""
    text = text.replace("\r\n", "\n").strip()
    parts = (
        PARAGRAPH_BREAK.split(text)
        if PARAGRAPH_BREAK.search(text)
        else text.split("\n")
    )
    return "".join(
        f"<p>{html.escape(' '.join(part.split()), quote=False)}</p>"
        for part in parts
        if part.strip()
    )


def looks_like_html(text: str) -> bool:
    return re.search(r"<[a-zA-Z][^>]*>", text) is not None
