"""A page as enrichment reads it: the text readers see, as a Story."""

import hashlib
import html
import re

from django.utils.html import strip_tags

from broadsheet.enrich.nlp.story import Story

# Where rich text breaks into separate lines (list items are their own
# sentences; a <br> ends a line).
_BREAK = re.compile(r"<br\s*/?>|</(p|li|h[1-6]|blockquote|div)>", re.IGNORECASE)


def html_lines(markup: str) -> list[str]:
    text = html.unescape(strip_tags(_BREAK.sub("\n", markup)))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def story_for(page) -> Story:
    """The story of an ArticlePage (live or a revision's), as plain text."""
    paragraphs = []
    for block in page.body:
        if block.block_type == "paragraph":
            paragraphs += html_lines(block.value.source)
        elif block.block_type == "quote":
            paragraphs += html_lines(html.escape(block.value["text"]))
        # Subheads are headings and images carry captions: neither is a
        # sentence of the story an answer could quote.
    return Story(
        headline=page.title,
        standfirst=page.standfirst,
        paragraphs=paragraphs,
        topic=page.topic.name if page.topic_id and page.topic else "",
        section=page.section.title if page.section_id and page.section else "",
    )


def text_hash(story: Story) -> str:
    return hashlib.sha1(story.text.encode()).hexdigest()
