"""An entry's words as plain text: for search engines (its BlogPosting's
articleBody), a broken-out story's headline and the admin's list."""

from django.utils.html import strip_tags

from broadsheet.feeds.text import one_line


def entry_text(entry) -> str:
    """An entry's words, read from its stored blocks (no block loaded)."""
    parts = []
    for block in entry.body.raw_data:
        value = block["value"]
        if block["type"] == "paragraph":
            parts.append(strip_tags(value))
        elif block["type"] == "subhead":
            parts.append(value)
        elif block["type"] == "quote":
            parts.append(value.get("text", ""))
        elif block["type"] == "image" and value.get("caption"):
            parts.append(value["caption"])
    return one_line(" ".join(parts))
