"""Safe wire HTML to the blocks of an article body.

An imported story is made of the same blocks as one written in the admin
(paragraph, subhead, quote), not of a raw-HTML block: editors correct it in the
editor they know, and everything that reads bodies (the page, search, feeds,
enrichment) needs no second code path. What the blocks cannot hold is
flattened: headings of every level become subheads, tables become one
paragraph per row, and pictures with their captions are left out (see
broadsheet.wire.html for why).
"""

import html
import re
from html.parser import HTMLParser

from wagtail.rich_text import RichText

from broadsheet.wire.html import text_of

CONTAINERS = {"div", "section", "article", "header", "footer", "main", "body"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LISTS = {"ul", "ol"}
# Rich text as Wagtail's editor stores it: <b> and <i>, not <strong> and <em>.
INLINE_AS = {"b": "b", "strong": "b", "i": "i", "em": "i"}
CELL_SEPARATOR = " | "
SUBHEAD_LIMIT = 255
WHITESPACE = re.compile(r"\s+")
# Far beyond any real story (a table in a list in a quote is a dozen), and
# far below Python's recursion limit for the walks over the tree.
MAX_DEPTH = 100


class Node:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag, attrs=()):
        self.tag = tag
        self.attrs = dict(attrs)
        self.children = []


class TreeBuilder(HTMLParser):
    """A minimal tree of sanitised HTML (nh3 output is well formed).

    No deeper than MAX_DEPTH: past it, elements are flattened into the
    deepest one kept (their words stay, their nesting goes), so an agency's
    5,000 nested <div>s make a body, not a RecursionError in the walk."""

    VOID = {"br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]
        self.flattened = 0  # open elements past MAX_DEPTH, not in the tree

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            self.stack[-1].children.append(Node(tag, attrs))
        elif len(self.stack) > MAX_DEPTH:
            self.flattened += 1
        else:
            node = Node(tag, attrs)
            self.stack[-1].children.append(node)
            self.stack.append(node)

    def handle_endtag(self, tag):
        if self.flattened:
            self.flattened -= 1
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def tree(markup: str) -> Node:
    builder = TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def text(node) -> str:
    if isinstance(node, str):
        return node
    if node.tag == "br":
        return "\n"
    return "".join(text(child) for child in node.children)


def words(node) -> str:
    return " ".join(text(node).split())


def inline_html(nodes) -> str:
    """Rich-text HTML of inline content; unknown tags are unwrapped."""
    parts = []
    for position, node in enumerate(nodes):
        if isinstance(node, str):
            parts.append(html.escape(WHITESPACE.sub(" ", node), quote=False))
        elif node.tag == "br":
            parts.append("<br/>")
        elif node.tag in INLINE_AS:
            inner = inline_html(node.children)
            tag = INLINE_AS[node.tag]
            parts.append(f"<{tag}>{inner}</{tag}>" if inner.strip() else inner)
        elif node.tag == "a":
            parts.append(link(node))
        elif node.tag in LISTS:
            parts.append(list_html(node))
        else:
            parts.append(inline_html(node.children))
            # Adjacent spans (an agency's "vignette" and "source") read as words.
            following = nodes[position + 1] if position + 1 < len(nodes) else None
            if (
                node.tag == "span"
                and following is not None
                and not isinstance(following, str)
            ):
                parts.append(" ")
    return "".join(parts)


def link(node) -> str:
    inner = inline_html(node.children)
    href = node.attrs.get("href")
    if not href or not inner.strip():
        return inner
    rel = html.escape(node.attrs.get("rel") or "", quote=True)
    return f'<a href="{html.escape(href, quote=True)}" rel="{rel}">{inner}</a>'


def list_html(node) -> str:
    items = []
    for child in node.children:
        if isinstance(child, Node) and child.tag == "li":
            inner = inline_html(child.children).strip()
            if inner:
                items.append(f"<li>{inner}</li>")
    return f"<{node.tag}>{''.join(items)}</{node.tag}>" if items else ""


class BodyBuilder:
    def __init__(self, headline: str):
        self.headline = " ".join(headline.split()).casefold()
        self.blocks = []
        self.rich = []  # paragraphs and lists of the paragraph block being built
        self.loose = []  # inline nodes outside any paragraph

    def build(self, root: Node):
        self.walk(root.children)
        self.flush_rich()
        return self.blocks

    def walk(self, nodes):
        for node in nodes:
            if isinstance(node, str) or node.tag not in self.HANDLERS:
                self.loose.append(node)
                continue
            self.end_loose()
            self.HANDLERS[node.tag](self, node)
        self.end_loose()

    def end_loose(self):
        loose, self.loose = self.loose, []
        self.paragraph(loose)

    def paragraph(self, nodes):
        inner = inline_html(nodes).strip()
        if inner and inner.replace("<br/>", "").strip():
            self.rich.append(f"<p>{inner}</p>")

    def flush_rich(self):
        if self.rich:
            self.blocks.append(("paragraph", RichText("".join(self.rich))))
            self.rich = []

    def on_container(self, node):
        self.walk(node.children)

    def on_paragraph(self, node):
        self.paragraph(node.children)

    def on_list(self, node):
        markup = list_html(node)
        if markup:
            self.rich.append(markup)

    def on_heading(self, node):
        heading = words(node)[:SUBHEAD_LIMIT]
        if not heading or (node.tag == "h1" and heading.casefold() == self.headline):
            return  # an HTML5 document's own title, already the page's headline
        self.flush_rich()
        self.blocks.append(("subhead", heading))

    def on_quote(self, node, attribution=""):
        cite = next(
            (c for c in node.children if isinstance(c, Node) and c.tag == "cite"), None
        )
        if cite is not None:
            attribution = attribution or words(cite)
            node.children.remove(cite)
        quoted = "\n".join(
            line
            for line in (" ".join(part.split()) for part in text(node).split("\n"))
            if line
        )
        if quoted:
            self.flush_rich()
            self.blocks.append(("quote", {"text": quoted, "attribution": attribution}))

    def on_figure(self, node):
        """A figure with a quote is a pull quote; any other is a picture."""
        caption = next(
            (c for c in node.children if isinstance(c, Node) and c.tag == "figcaption"),
            None,
        )
        for child in node.children:
            if isinstance(child, Node) and child.tag == "blockquote":
                self.on_quote(child, attribution=words(caption) if caption else "")

    def on_table(self, node):
        for row in rows(node):
            cells = [words(cell) for cell in row.children if isinstance(cell, Node)]
            line = CELL_SEPARATOR.join(cell for cell in cells if cell)
            if line:
                self.rich.append(f"<p>{html.escape(line, quote=False)}</p>")

    def on_nothing(self, node):
        pass

    HANDLERS = {
        **dict.fromkeys(CONTAINERS, on_container),
        **dict.fromkeys(HEADINGS, on_heading),
        **dict.fromkeys(LISTS, on_list),
        "p": on_paragraph,
        "li": on_paragraph,
        "blockquote": on_quote,
        "figure": on_figure,
        "figcaption": on_nothing,
        "table": on_table,
    }


def rows(table: Node):
    for child in table.children:
        if isinstance(child, Node):
            if child.tag == "tr":
                yield child
            elif child.tag in ("thead", "tbody", "tfoot"):
                yield from rows(child)
            elif child.tag == "caption":
                yield Node("tr", ()) if not words(child) else caption_row(child)


def caption_row(caption: Node) -> Node:
    row = Node("tr")
    row.children.append(caption)
    return row


def body_blocks(safe_html: str, headline: str = "") -> list:
    """[(block type, value)] for ArticlePage.body, from sanitised HTML."""
    if not safe_html.strip():
        return []
    return BodyBuilder(headline).build(tree(safe_html))


def searchable_text(blocks) -> str:
    """The words of these blocks, as the search index reads a body; computed
    once from the blocks a bulk import has in hand."""
    parts = []
    for kind, value in blocks:
        if kind == "paragraph":
            parts.append(value.source)
        elif kind == "quote":
            parts.extend(
                [html.escape(value["text"]), html.escape(value["attribution"])]
            )
        else:
            parts.append(html.escape(str(value)))
    return text_of(" ".join(parts))
