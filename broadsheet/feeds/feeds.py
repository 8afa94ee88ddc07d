"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds of the newest stories: the whole
site, and each section, topic and author.

One Feed class per scope, narrowed with get_object(); the format is the
feed_type each URL asks for. Every story comes through
ArticlePage.objects.published(), so no draft, scheduled, unpublished or
private story reaches a feed.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.timezone import localtime

from broadsheet.feeds.addresses import absolute, authority, home_url, page_url
from broadsheet.feeds.cache import cached_by_generation
from broadsheet.feeds.pictures import feed_picture
from broadsheet.feeds.text import one_line, xml_safe
from broadsheet.news.models import (
    ArticleNote,
    ArticlePage,
    ArticleTopic,
    Author,
    SectionPage,
    Topic,
)

# Enough for a reader who checks once a day on a busy news day.
FEED_LENGTH = 50
MEDIA_RSS = "http://search.yahoo.com/mrss/"


class MediaRSS:
    """Media RSS <media:content> for a story's picture: the image feed
    readers and aggregators show beside it (https://www.rssboard.org/media-rss).
    """

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        picture = item.get("picture")
        if picture is None:
            return
        handler.startElement(
            "media:content",
            {
                "url": picture.url,
                "medium": "image",
                "type": picture.type,
                "width": str(picture.width),
                "height": str(picture.height),
            },
        )
        if picture.alt:
            handler.addQuickElement("media:description", picture.alt)
        if picture.credit:
            handler.addQuickElement("media:credit", picture.credit)
        handler.endElement("media:content")


class RssFeed(MediaRSS, Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS}


class AtomFeed(MediaRSS, Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_RSS}


def notes_html(notes) -> str:
    """A story's notes (corrections and the like) for its feed entry, each
    with its kind and date, as the story shows them."""
    return "".join(
        format_html(
            "<p><strong>{}</strong> ({}): {}</p>",
            note.get_kind_display(),
            date_format(localtime(note.published_at), "DATETIME_FORMAT"),
            one_line(note.text),
        )
        for note in notes
    )


def story_guid(story):
    """A tag: URI (RFC 4151) from the site's host, the day the story was
    first published and its id: a headline or slug change keeps it, so feed
    readers never show a story twice."""
    host = authority().split("/", 1)[0].rsplit(":", 1)[0]
    day = story.published_at.date().isoformat()
    return f"tag:{host},{day}:story/{story.pk}"


class StoryFeed(Feed):
    """The site's newest published stories; subclasses narrow the scope."""

    item_guid_is_permalink = False

    @classmethod
    def view(cls, feed_type):
        """A view serving this feed as `feed_type`, cached until the site's
        content changes. A Feed per request, so it can keep what it looked up
        (the request, Wagtail's site root paths) while it builds."""

        def serve(request, *args, **kwargs):
            feed = cls()
            feed.feed_type = feed_type
            return feed(request, *args, **kwargs)

        return cached_by_generation(serve)

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    # The feed

    def get_object(self, request):
        return None

    def name(self, obj):
        return settings.SITE_NAME

    def title(self, obj):
        if obj is None:
            return settings.SITE_NAME
        return f"{one_line(self.name(obj))} | {settings.SITE_NAME}"

    def link(self, obj):
        return home_url()

    def description(self, obj):
        return f"The newest stories from {settings.SITE_NAME}."

    subtitle = description  # Atom's name for it

    def feed_url(self, obj):
        return absolute(self.request.path)

    def author_name(self, obj):
        # Atom asks for a feed author where a story has no byline.
        return settings.SITE_NAME

    def author_link(self, obj):
        return home_url()  # the newsroom's, whatever the feed's scope

    def stories(self, obj):
        return ArticlePage.objects.published()

    def items(self, obj):
        topics = ArticleTopic.objects.select_related("topic").order_by("sort_order")
        return (
            self.stories(obj)
            .for_listing()
            .prefetch_related(
                Prefetch("article_topics", queryset=topics),
                Prefetch(
                    "notes",
                    queryset=ArticleNote.objects.filter(published_at__isnull=False),
                ),
            )
            .newest_first()[:FEED_LENGTH]
        )

    # Each story

    def item_title(self, story):
        return one_line(story.title)

    def item_description(self, story):
        # Feed descriptions are HTML; a standfirst and notes are plain text.
        # (Only stories carry notes; other page types may share the feed.)
        notes = story.notes.all() if hasattr(story, "notes") else ()
        return escape(one_line(story.standfirst)) + notes_html(notes)

    def item_link(self, story):
        return page_url(story, self)

    def item_guid(self, story):
        return story_guid(story)

    def item_author_name(self, story):
        return ", ".join(one_line(author.name) for author in story.authors) or None

    def item_author_link(self, story):
        if len(story.authors) == 1:
            return absolute(story.authors[0].get_absolute_url())
        return None

    def item_pubdate(self, story):
        return story.published_at

    def item_updateddate(self, story):
        return story.updated_at or story.published_at

    def item_categories(self, story):
        names = [story.topic.name] if story.topic else []
        names += [tagged.topic.name for tagged in story.article_topics.all()]
        if story.section:
            names.append(story.section.title)
        return list(dict.fromkeys(one_line(name) for name in names))

    def item_extra_kwargs(self, story):
        """What RSS and Atom have no place for, or say less well: the picture
        (Media RSS), and for JSON Feed each byline apart, a plain summary
        and the story's own language."""
        picture = feed_picture(story.lead_image) if story.lead_image else None
        return {
            "picture": picture,
            "authors": [
                (one_line(a.name), absolute(a.get_absolute_url()))
                for a in story.authors
            ],
            "summary": one_line(story.standfirst),
            "language": story.language_code,
        }


class SectionFeed(StoryFeed):
    def get_object(self, request, slug):
        sections = SectionPage.objects.live().public().filter(slug=slug)
        section = sections.order_by("path").first()
        if section is None:
            raise Http404("No such section")
        return section

    def name(self, section):
        return section.title

    def link(self, section):
        return page_url(section, self)

    def description(self, section):
        return xml_safe(section.intro) or super().description(section)

    subtitle = description

    def stories(self, section):
        return super().stories(section).filter(section=section)


class PublishedOnlyFeed(StoryFeed):
    """A topic's or author's feed: like its page, it exists only while one of
    its stories is published (see broadsheet.news.views.shown_or_404)."""

    def items(self, obj):
        stories = list(super().items(obj))
        if not stories:
            raise Http404("No published stories")
        return stories


class TopicFeed(PublishedOnlyFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def name(self, topic):
        return topic.name

    def link(self, topic):
        return absolute(topic.get_absolute_url())

    def description(self, topic):
        return xml_safe(topic.description) or f"Stories about {one_line(topic.name)}."

    subtitle = description

    def stories(self, topic):
        return super().stories(topic).about(topic)


class AuthorFeed(PublishedOnlyFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def name(self, author):
        return author.name

    def link(self, author):
        return absolute(author.get_absolute_url())

    def description(self, author):
        return xml_safe(author.bio) or f"Stories by {one_line(author.name)}."

    subtitle = description

    def stories(self, author):
        return super().stories(author).by(author)
