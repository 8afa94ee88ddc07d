"""RSS, Atom and JSON Feed of the notes on /corrections/: each entry is one
note, linking to its story, dated when it went public."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape

from broadsheet.corrections.notes import public_notes
from broadsheet.feeds.addresses import absolute, authority, page_url
from broadsheet.feeds.cache import cached_by_generation
from broadsheet.feeds.text import one_line

FEED_LENGTH = 50


class CorrectionsFeed(Feed):
    item_guid_is_permalink = False

    @classmethod
    def view(cls, feed_type):
        def serve(request):
            feed = cls()
            feed.feed_type = feed_type
            return feed(request)

        return cached_by_generation(serve)

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"Corrections | {settings.SITE_NAME}"

    def link(self):
        return absolute(reverse("corrections:list"))

    def description(self):
        return (
            f"Corrections, clarifications, editor's notes and retractions "
            f"on the stories of {settings.SITE_NAME}, newest first."
        )

    subtitle = description

    def feed_url(self):
        return absolute(self.request.path)

    def author_name(self):
        return settings.SITE_NAME

    def items(self):
        return public_notes()[:FEED_LENGTH]

    def item_title(self, note):
        return f"{note.get_kind_display()}: {one_line(note.article.title)}"

    def item_description(self, note):
        return f"<p>{escape(one_line(note.text))}</p>"

    def item_link(self, note):
        return f"{page_url(note.article, self)}#note-{note.uid}"

    def item_guid(self, note):
        # tag: URI (RFC 4151): a note keeps its id however its text is fixed.
        host = authority().split("/", 1)[0].rsplit(":", 1)[0]
        day = note.published_at.date().isoformat()
        return f"tag:{host},{day}:note/{note.uid}"

    def item_pubdate(self, note):
        return note.published_at

    def item_updateddate(self, note):
        return note.published_at

    def item_categories(self, note):
        return [note.get_kind_display()]

    def item_extra_kwargs(self, note):
        return {"summary": one_line(note.text)}
