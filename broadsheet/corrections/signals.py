"""Publishing a story dates its new notes and keeps its dates honest.

`updated_at` (dateModified, the "Updated" line, feeds' and sitemaps' modified
dates) moves when a publish brings readers a new note, or when the editor
ticked "tell readers this is an update"; any other republish leaves it. The
tick is a choice about one edit: once published, it is cleared.

The page cache starts a new generation on the same page_published signal
(broadsheet.core.signals), after this transaction commits, so readers see the
note and the new date at once.
"""

from collections import defaultdict

from django.utils import timezone
from wagtail.signals import page_published

from broadsheet.corrections.models import NoteDate
from broadsheet.news.models import ArticleNote, ArticlePage


def date_notes(page, now) -> list[ArticleNote]:
    """Give the live notes of `page` their first-published dates (new ones:
    `now`); the notes that are new to readers."""
    notes = list(ArticleNote.objects.filter(article=page))
    known = dict(
        NoteDate.objects.filter(uid__in=[note.uid for note in notes]).values_list(
            "uid", "published_at"
        )
    )
    new = [note for note in notes if note.uid not in known]
    NoteDate.objects.bulk_create(
        [NoteDate(uid=note.uid, article=page, published_at=now) for note in new]
    )
    by_date = defaultdict(list)
    for note in notes:
        date = known.get(note.uid, now)
        if note.published_at != date:
            by_date[date].append(note.pk)
        note.published_at = date
    for date, pks in by_date.items():
        ArticleNote.objects.filter(pk__in=pks).update(published_at=date)
    return new


def story_published(sender, instance, revision=None, **kwargs):
    now = timezone.now()
    new_notes = date_notes(instance, now)
    changes = {}
    # Wagtail gives a first publish one time for both; a story is not
    # "updated" the moment it first goes out, whatever the box says.
    first = instance.first_published_at == instance.last_published_at
    if (new_notes or instance.announce_update) and not first:
        changes["updated_at"] = instance.updated_at = now
    if instance.announce_update:
        # In memory it stays ticked, for the history's record of this publish.
        changes["announce_update"] = False
    if changes:
        ArticlePage.objects.filter(pk=instance.pk).update(**changes)


def connect():
    page_published.connect(
        story_published, sender=ArticlePage, dispatch_uid="bs-corrections-publish"
    )
