"""schema.org structured data (JSON-LD) for search engines, built in Python.

Each builder returns a plain dict; `script()` serialises one for a
<script type="application/ld+json"> element. Property names are schema.org's
(https://schema.org/NewsArticle etc.); the tests check every one of them
against the vocabulary file in shared/corpora/schemas/schema-org.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe

from broadsheet.core.languages import site_language
from broadsheet.feeds.addresses import absolute, home_url
from broadsheet.feeds.text import iso, one_line

CONTEXT = "https://schema.org"
# broadsheet/static/broadsheet/logo.png; Google wants an organisation's logo
# at least 112x112 pixels.
LOGO_PATH = "broadsheet/logo.png"
LOGO_WIDTH = LOGO_HEIGHT = 512
# Inside <script>, "</script>" or "<!--" in a headline would end the element
# early; JSON lets those characters be written as escapes instead.
SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script(data):
    """`data` as JSON that is safe to place between <script> tags; None
    values are left out."""
    text = json.dumps(without_empty(data), ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(SCRIPT_ESCAPES))


def organization_id():
    return f"{home_url()}#organization"


def logo():
    return {
        "@type": "ImageObject",
        "url": absolute(static(LOGO_PATH)),
        "width": LOGO_WIDTH,
        "height": LOGO_HEIGHT,
    }


def newsroom():
    """The newsroom, as a story names it: its publisher, and the author of
    copy that carries no byline."""
    return {
        "@type": "NewsMediaOrganization",
        "@id": organization_id(),
        "name": settings.SITE_NAME,
        "url": home_url(),
        "logo": logo(),
    }


def organization(corrections_policy=None, publishing_principles=None):
    """The newsroom itself, for the front page and the corrections page, with
    the addresses of its policies (The Trust Project; Google's publisher
    guidelines read both)."""
    return {
        "@context": CONTEXT,
        **newsroom(),
        "correctionsPolicy": corrections_policy,
        "publishingPrinciples": publishing_principles,
    }


def website(description=""):
    """The site, with the search box search engines may offer for it."""
    search = absolute(reverse("search:search"))
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": f"{home_url()}#website",
        "name": settings.SITE_NAME,
        "url": home_url(),
        "description": one_line(description) or None,
        "inLanguage": site_language(),
        "publisher": {"@id": organization_id()},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{search}?q={{search_term_string}}",
            },
            # schema.org Actions: "<property>-input" names the placeholder
            # (https://schema.org/docs/actions.html).
            "query-input": "required name=search_term_string",
        },
    }


def person(name, url):
    return {"@type": "Person", "name": one_line(name), "url": url}


def authorship(authors):
    """Who wrote a story: its bylines, or the newsroom for agency copy and
    other stories without one, since Google's Article guidelines want an
    author on every story."""
    if not authors:
        return [newsroom()]
    return [person(name, url) for name, url in authors]


def news_article(
    story,
    *,
    url,
    description,
    authors,
    images,
    section,
    keywords,
    notes=(),
):
    """A story: `authors` are (name, absolute url) pairs, `images` the
    absolute addresses of a few sizes of its lead picture."""
    return {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "@id": f"{url}#article" if url else None,
        "headline": one_line(story.title),
        "description": description or None,
        "datePublished": iso(story.published_at),
        "dateModified": iso(story.updated_at or story.published_at),
        "author": authorship(authors),
        "image": images or None,
        "publisher": newsroom(),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url} if url else None,
        "url": url,
        "articleSection": one_line(section) or None,
        "keywords": [one_line(keyword) for keyword in keywords] or None,
        "inLanguage": story.language_code,
        "commentCount": story.comment_count,
        "correction": [correction(note) for note in notes if note.published_at] or None,
    }


def correction(note):
    """A note on a story, dated (https://schema.org/CorrectionComment):
    corrections, clarifications, editor's notes and retractions alike, each
    named by its kind."""
    return {
        "@type": "CorrectionComment",
        "name": note.get_kind_display(),
        "text": one_line(note.text),
        "datePublished": iso(note.published_at),
    }


def live_blog_posting(article, *, coverage_start, coverage_end, updates):
    """A live blog: the story's NewsArticle data (`article`, from
    news_article()) as a LiveBlogPosting, with its coverage times and its
    entries (`updates`, from blog_posting())."""
    return {
        **article,
        "@type": "LiveBlogPosting",
        "coverageStartTime": iso(coverage_start),
        "coverageEndTime": iso(coverage_end),
        "liveBlogUpdate": updates or None,
    }


def blog_posting(*, headline, url, published, modified, body, authors):
    """One entry of a live blog, at its anchor on the blog's page."""
    return {
        "@type": "BlogPosting",
        "headline": one_line(headline),
        "url": url,
        "datePublished": iso(published),
        "dateModified": iso(modified),
        "articleBody": body,
        "author": [person(name, author_url) for name, author_url in authors] or None,
    }


def faq_page(faqs, url):
    """The story's "Frequently Asked Questions", as questions and answers."""
    return {
        "@context": CONTEXT,
        "@type": "FAQPage",
        "url": url,
        "mainEntity": [
            {
                "@type": "Question",
                "name": one_line(faq.question),
                "acceptedAnswer": {"@type": "Answer", "text": one_line(faq.answer)},
            }
            for faq in faqs
        ],
    }


def breadcrumbs(trail):
    """Where a page sits: `trail` is (name, absolute url) from the front page."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": one_line(name),
                "item": url,
            }
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def without_empty(data):
    """`data` with None values left out, all the way down."""
    if isinstance(data, dict):
        return {k: without_empty(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [without_empty(item) for item in data]
    return data
