"""A live blog's head tags: a story's (feeds.head.for_article), with its
NewsArticle made a LiveBlogPosting that lists the entries on the page, each a
BlogPosting at its anchor (https://schema.org/LiveBlogPosting; Google's
"live blog" structured data). Named in settings.PAGE_HEADS, so the feeds app
never imports this one."""

from dataclasses import replace

from broadsheet.feeds import jsonld
from broadsheet.feeds.addresses import absolute
from broadsheet.feeds.head import for_article
from broadsheet.feeds.text import iso, summary
from broadsheet.live.text import entry_text

# Google shows headlines up to 110 characters.
HEADLINE_LENGTH = 110


def entry_url(page_url, entries, entry):
    query = f"?page={entries.number}" if entries.number > 1 and not entry.pinned else ""
    return f"{page_url}{query}#{entry.anchor}"


def update(entry, page_url, entries):
    text = entry_text(entry)
    authors = []
    if entry.author:
        authors = [(entry.author.name, absolute(entry.author.get_absolute_url()))]
    return jsonld.blog_posting(
        headline=entry.title or summary(text, HEADLINE_LENGTH) or "Update",
        url=entry_url(page_url, entries, entry),
        published=entry.posted_at,
        modified=entry.updated_at,
        body=text,
        authors=authors,
    )


def for_live_blog(page, context):
    head = for_article(page, context["request"], context["faqs"])
    entries = context["entries"]
    shown = [*([context["pinned_entry"]] if context["pinned_entry"] else []), *entries]
    updates = [update(entry, head.canonical, entries) for entry in shown]
    latest = max((entry.updated_at for entry in shown), default=None)

    def as_live_blog(data):
        if data.get("@type") != "NewsArticle":
            return data
        if latest and page.published_at and latest > page.published_at:
            data = {**data, "dateModified": iso(latest)}
        return jsonld.live_blog_posting(
            data,
            coverage_start=page.coverage_started_at,
            coverage_end=page.coverage_end if page.is_ended else None,
            updates=updates,
        )

    return replace(head, jsonld=[as_live_blog(data) for data in head.jsonld])
