"""What the Wire desk page shows: the stories of the last 48 hours, ranked,
each with its copy and what the newsroom published about it. A fixed number
of queries whatever a page holds: the stories, then all their entries."""

from dataclasses import dataclass, field
from datetime import timedelta

from django import forms
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.utils import timezone

from broadsheet.desk.models import DeskEntry, DeskStory
from broadsheet.news.models import ArticlePage, SectionPage
from broadsheet.wire.models import Source

HOURS = 48  # the desk's day and a half: yesterday's stories still running
PER_PAGE = 20
KILLED = {"canceled", "withheld"}


class Filters(forms.Form):
    section = forms.ModelChoiceField(
        SectionPage.objects.order_by("title"),
        required=False,
        to_field_name="slug",
        empty_label="All sections",
    )
    source = forms.ModelChoiceField(
        Source.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label="All sources",
    )


@dataclass
class Copy:
    """One piece of copy and the other sources that carried it."""

    entry: DeskEntry
    carriers: list[DeskEntry] = field(default_factory=list)

    @property
    def item(self):
        return self.entry.item

    @property
    def duplicates(self) -> int:
        return len(self.carriers)


@dataclass
class Story:
    story: DeskStory
    copies: list[Copy] = field(default_factory=list)
    published: list[ArticlePage] = field(default_factory=list)


def stories(filters: dict):
    """DeskStory rows of the last HOURS, best first, as filtered."""
    since = timezone.now() - timedelta(hours=HOURS)
    # Stories with wire copy: one of the newsroom's own alone is no news to it.
    found = DeskStory.objects.filter(last_seen__gte=since, item_count__gt=0)
    if filters.get("section"):
        found = found.filter(section=filters["section"])
    if filters.get("source"):
        carried = DeskEntry.objects.filter(
            story=OuterRef("pk"), item__source=filters["source"]
        )
        found = found.filter(Exists(carried))
    return found.select_related("section").order_by("-rank_at", "-pk")


def desk_page(filters: dict, number):
    page = Paginator(stories(filters), PER_PAGE).get_page(number)
    page.object_list = with_copy(list(page.object_list))
    return page


def with_copy(rows: list[DeskStory]) -> list[Story]:
    """Each story with its copy (carriers grouped under the first) and the
    newsroom's stories in it: one query for all."""
    shown = {row.pk: Story(row) for row in rows}
    entries = (
        DeskEntry.objects.filter(story__in=rows)
        .select_related("item__source", "item__article", "article")
        .order_by("time", "pk")
    )
    copies: dict[int, Copy] = {}
    for entry in entries:
        story = shown[entry.story_id]
        page = entry.article or (entry.item.article if entry.item_id else None)
        if page is not None and page not in story.published:
            story.published.append(page)
        if entry.item_id is None:
            continue  # the newsroom's own story: listed as published
        if entry.item.pubstatus in KILLED:
            continue  # the agency took it back: not copy to use
        if entry.copy_of_id in copies:
            copies[entry.copy_of_id].carriers.append(entry)
        else:
            copies[entry.pk] = Copy(entry)
            story.copies.append(copies[entry.pk])
    return list(shown.values())
