"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), written from the
same feed and items Django's syndication framework hands to RSS and Atom, so
the three formats list the same stories with the same ids.

The Feed classes in feeds.py add what JSON Feed says better than RSS: each
byline's author apart, a plain-text summary, a story's own language.
"""

import json

from django.utils.feedgenerator import SyndicationFeed

from broadsheet.core.languages import language_tag

VERSION = "https://jsonfeed.org/version/1.1"


class JsonFeed(SyndicationFeed):
    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        document = {"version": VERSION, **self.top_level()}
        document["items"] = [self.item(item) for item in self.items]
        outfile.write(json.dumps(document, ensure_ascii=False, indent=1))

    @property
    def language(self):
        return language_tag(self.feed["language"])

    def top_level(self):
        feed = self.feed
        return present(
            title=feed["title"],
            home_page_url=feed["link"],
            feed_url=feed["feed_url"],
            description=feed["description"],
            language=self.language,
            authors=[author(feed["author_name"], feed["author_link"])],
        )

    def item(self, item):
        picture = item.get("picture")
        language = language_tag(item.get("language") or "")
        return {
            **present(
                id=item["unique_id"],
                url=item["link"],
                title=item["title"],
                summary=item.get("summary"),
                image=picture.url if picture else None,
                date_published=rfc3339(item["pubdate"]),
                date_modified=rfc3339(item["updateddate"]),
                authors=[author(name, url) for name, url in item.get("authors", ())],
                tags=list(item["categories"]),
                language=language if language != self.language else None,
            ),
            # The HTML the RSS description and the Atom summary carry. JSON
            # Feed wants content in every item, if only an empty one.
            "content_html": item["description"] or "",
        }


def author(name, url):
    return present(name=name, url=url)


def rfc3339(moment):
    return moment.isoformat() if moment else None


def present(**members):
    """The members that have a value: JSON Feed leaves out what is unknown
    rather than sending null or an empty string."""
    return {
        name: value for name, value in members.items() if value not in (None, "", [])
    }
