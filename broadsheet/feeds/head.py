"""What each reader page says about itself in <head>: its title, description,
canonical address, link previews (OpenGraph, Twitter cards), feeds and
JSON-LD.

The `{% page_head %}` tag (templatetags/page_head.py) calls one builder from
the page's context; `feeds/head.html` prints it. Builders use only what the page loads
anyway (the story, its section, byline and pictures), so head tags add no
query to a page view. The builders of pages whose head is a cached fragment
(stories, sections, the front page) declare what it shows, so the fragment
goes stale with them.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.models import Page

from broadsheet.caching.tags import declare, declare_objects, list_tag
from broadsheet.core.languages import og_locale, site_language
from broadsheet.feeds import jsonld
from broadsheet.feeds.addresses import absolute, home_url, page_url
from broadsheet.feeds.pictures import Picture, lead_pictures, portrait_picture
from broadsheet.feeds.text import iso, one_line, summary
from broadsheet.home.models import SiteSettings

RSS = "application/rss+xml"
ATOM = "application/atom+xml"
JSON_FEED = "application/feed+json"
# Each feed's format: in its address, in its link's title, and its type.
FORMATS = [
    ("rss", "RSS", RSS),
    ("atom", "Atom", ATOM),
    ("json", "JSON Feed", JSON_FEED),
]


@dataclass(frozen=True)
class FeedLink:
    title: str
    url: str
    type: str


@dataclass(frozen=True)
class ArticleFacts:
    """OpenGraph's article:* properties (https://ogp.me/#type_article)."""

    published_time: str | None
    modified_time: str | None
    section: str
    tags: list[str]
    authors: list[str]


@dataclass(frozen=True)
class Head:
    title: str
    description: str
    # None where no address stands for the page (search results).
    canonical: str | None
    # The name in link previews, where it differs from the browser title.
    share_title: str | None = None
    og_type: str = "website"
    picture: Picture | None = None
    article: ArticleFacts | None = None
    feeds: list[FeedLink] = field(default_factory=list)
    jsonld: list[dict] = field(default_factory=list)
    noindex: bool = False
    # A story's language tag, where it is not the site's.
    language: str = ""

    @property
    def site_name(self):
        return settings.SITE_NAME

    @property
    def locale(self):
        return og_locale(self.language or site_language())

    @property
    def og_title(self):
        return self.title if self.share_title is None else self.share_title

    @property
    def twitter_card(self):
        return "summary_large_image" if self.picture else "summary"

    @property
    def scripts(self):
        return [jsonld.script(data) for data in self.jsonld]


def titled(name, page_number=1):
    """A browser title: the page's name, its page in a listing, the site."""
    if page_number > 1:
        name = f"{name} (page {page_number})"
    return f"{one_line(name)} | {settings.SITE_NAME}"


def listing_canonical(url, stories):
    """A listing's address, with ?page= for pages after the first only."""
    if url and stories is not None and stories.number > 1:
        return f"{url}?page={stories.number}"
    return url


def site_feeds():
    return [
        FeedLink(
            f"{settings.SITE_NAME} ({label})", absolute(reverse(f"feeds:{fmt}")), kind
        )
        for fmt, label, kind in FORMATS
    ]


def scope_feeds(scope, slug, name):
    """The feeds of one section, topic or author, then the site's."""
    title = f"{one_line(name)} | {settings.SITE_NAME}"
    return [
        FeedLink(
            f"{title} ({label})",
            absolute(reverse(f"feeds:{scope}-{fmt}", args=[slug])),
            kind,
        )
        for fmt, label, kind in FORMATS
    ] + site_feeds()


def site_blurb(request):
    """The editors' few sentences about the site. Shared with the rail through
    the request, so asking costs no query of its own."""
    return SiteSettings.current(request).blurb


def for_home(page, request):
    declare_objects(page)
    url = page_url(page, request)
    description = summary(
        page.search_description
        or site_blurb(request)
        or f"{settings.SITE_NAME}: news from every section."
    )
    return Head(
        title=one_line(page.seo_title)
        or f"{settings.SITE_NAME}: news from every section",
        share_title=settings.SITE_NAME,
        description=description,
        canonical=url,
        feeds=site_feeds(),
        jsonld=[
            jsonld.website(description),
            jsonld.organization(**site_policies(request)),
        ],
    )


def site_policies(request):
    """The addresses of the site's corrections policy and publishing
    principles, where editors have chosen pages for them (Settings): one
    query, only when one is set, kept on the request for the page's other
    parts."""
    if request is not None and hasattr(request, "_site_policies"):
        return request._site_policies
    policies = find_policies(request)
    if request is not None:
        request._site_policies = policies
    return policies


def find_policies(request):
    settings_ = SiteSettings.current(request)
    chosen = {
        "corrections_policy": settings_.corrections_policy_id,
        "publishing_principles": settings_.publishing_principles_id,
    }
    ids = [pk for pk in chosen.values() if pk]
    if not ids:
        return {}
    pages = {
        page.pk: page
        for page in Page.objects.live().public().filter(pk__in=ids).only("url_path")
    }
    return {
        name: page_url(pages[pk], request) if pk in pages else None
        for name, pk in chosen.items()
    }


def for_section(page, request, stories):
    # Its canonical address names the listing's page, which a publish or an
    # unpublish in the section can move past the end.
    declare_objects(page)
    declare(list_tag(page))
    url = page_url(page, request)
    name = page.seo_title or page.title
    return Head(
        title=titled(name, stories.number),
        share_title=one_line(name),
        description=summary(
            page.search_description
            or page.intro
            or f"The latest {page.title} news from {settings.SITE_NAME}."
        ),
        canonical=listing_canonical(url, stories),
        feeds=scope_feeds("section", page.slug, page.title),
        jsonld=[
            jsonld.breadcrumbs([(settings.SITE_NAME, home_url()), (page.title, url)])
        ],
    )


def for_article(page, request, faqs, notes=()):
    # Its notes and FAQ pairs change with the story (its own tag).
    topic_list = page.topic_list()
    declare_objects(page, page.section, page.lead_image, *page.authors, *topic_list)
    url = page_url(page, request)
    section_url = page_url(page.section, request) if page.section else None
    picture, sizes = lead_pictures(page.lead_image) if page.lead_image else (None, [])
    topics = [topic.name for topic in topic_list]
    description = summary(
        page.search_description or page.standfirst or first_paragraph(page)
    )
    authors = [(a.name, absolute(a.get_absolute_url())) for a in page.authors]
    section = page.section.title if page.section else ""
    trail = [(settings.SITE_NAME, home_url())]
    if section_url:
        trail.append((section, section_url))
    trail.append((page.title, url))
    data = [
        jsonld.news_article(
            page,
            url=url,
            description=one_line(page.search_description or page.standfirst),
            authors=authors,
            images=sizes,
            section=section,
            keywords=topics,
            notes=notes,
        ),
        jsonld.breadcrumbs(trail),
    ]
    if faqs:
        data.append(jsonld.faq_page(faqs, url))
    return Head(
        title=titled(page.seo_title or page.title),
        share_title=one_line(page.seo_title or page.title),
        description=description,
        canonical=url,
        og_type="article",
        language=page.language_code,
        picture=picture,
        article=ArticleFacts(
            published_time=iso(page.published_at),
            modified_time=iso(page.updated_at or page.published_at),
            section=one_line(section),
            tags=[one_line(topic) for topic in topics],
            authors=[author_url for _, author_url in authors],
        ),
        feeds=scope_feeds("section", page.section.slug, section)
        if page.section
        else site_feeds(),
        jsonld=data,
    )


def for_story_history(page, request):
    """<story>/history/: a page of its own, about the story."""
    story_url = page_url(page, request)
    return Head(
        title=titled(f"How this story has changed: {page.title}"),
        share_title=one_line(page.title),
        description=summary(
            f"Every version of \u201c{page.title}\u201d that {settings.SITE_NAME} "
            "published, with what changed."
        ),
        canonical=f"{story_url}history/" if story_url else None,
        language=page.language_code,
        feeds=site_feeds(),
    )


def first_paragraph(page):
    """The text of a story's first paragraph, read from the stored body so
    that no block (an image's, say) is loaded for it."""
    for block in page.body.raw_data:
        if block["type"] == "paragraph":
            text = one_line(strip_tags(block["value"]))
            if text:
                return text
    return ""


def for_topic(topic, request, stories):
    url = absolute(topic.get_absolute_url())
    return Head(
        title=titled(topic.name, stories.number),
        share_title=one_line(topic.name),
        description=summary(
            topic.description
            or f"Stories about {topic.name} from {settings.SITE_NAME}."
        ),
        canonical=listing_canonical(url, stories),
        feeds=scope_feeds("topic", topic.slug, topic.name),
    )


def for_author(author, request, stories):
    url = absolute(author.get_absolute_url())
    return Head(
        title=titled(author.name, stories.number),
        share_title=one_line(author.name),
        description=summary(
            author.bio or f"Stories by {author.name} for {settings.SITE_NAME}."
        ),
        canonical=listing_canonical(url, stories),
        picture=portrait_picture(author.photo) if author.photo else None,
        feeds=scope_feeds("author", author.slug, author.name),
    )


def for_latest(request, stories):
    url = absolute(reverse("news:latest"))
    return Head(
        title=titled("Latest News", stories.number),
        share_title="Latest News",
        description=summary(
            f"The newest stories from {settings.SITE_NAME}, as they are published."
        ),
        canonical=listing_canonical(url, stories),
        feeds=site_feeds(),
    )


def corrections_feeds():
    return [
        FeedLink(
            f"Corrections | {settings.SITE_NAME} ({label})",
            absolute(reverse(f"corrections:{fmt}")),
            kind,
        )
        for fmt, label, kind in FORMATS
    ]


def for_corrections(request, notes):
    """/corrections/: its own feeds, and the newsroom with its policies."""
    url = absolute(reverse("corrections:list"))
    return Head(
        title=titled("Corrections", notes.number),
        share_title="Corrections",
        description=summary(
            f"Corrections, clarifications, editor's notes and retractions on "
            f"the stories of {settings.SITE_NAME}, newest first."
        ),
        canonical=listing_canonical(url, notes),
        feeds=corrections_feeds() + site_feeds(),
        jsonld=[jsonld.organization(**site_policies(request))],
    )


def for_search(request, query):
    """Results pages are not for indexing, and no one address stands for them."""
    return Head(
        title=titled(f"Search: {query}" if query else "Search"),
        description=summary(f"Search the stories of {settings.SITE_NAME}."),
        canonical=None,
        feeds=site_feeds(),
        noindex=True,
    )
