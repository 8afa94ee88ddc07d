"""A story's public history: every version readers were shown, newest
first, each with what changed from the version before it (word by word) and
the notes published with it. A withdrawn version is named, never shown: the
next version is compared with the last one still public."""

from dataclasses import dataclass, field

from django.template.response import TemplateResponse

from broadsheet.history.models import PublishedVersion
from broadsheet.history.text import Change, changes


@dataclass
class Entry:
    number: int
    version: PublishedVersion
    first: bool = False
    changes: list[Change] = field(default_factory=list)

    @property
    def withdrawn(self):
        return self.version.withdrawn


def entries_for(versions) -> list[Entry]:
    entries, shown = [], None
    for number, version in enumerate(versions, start=1):
        entry = Entry(number, version)
        if not version.withdrawn:
            entry.first = shown is None
            entry.changes = changes(shown, version) if shown else []
            shown = version
        entries.append(entry)
    return entries[::-1]


def story_history(request, page):
    """<story>/history/ (ArticlePage's route): the page itself was found
    live and public by Wagtail's serve view, restrictions applied."""
    versions = PublishedVersion.objects.filter(article_id=page.pk)
    return TemplateResponse(
        request,
        "history/story_history.html",
        {
            "page": page,
            "self": page,
            "story_history": entries_for(versions),
            "html_lang": page.language_code,
        },
    )
