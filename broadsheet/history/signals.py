"""Each publish of a story keeps the version readers are shown."""

from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.signals import page_published

from broadsheet.history.models import PublishedVersion
from broadsheet.history.text import PARAGRAPH, body_paragraphs
from broadsheet.news.models import ArticlePage


def version_of(page, revision, published_at, previous=None) -> PublishedVersion:
    """`page` (a story as one revision has it) as a version, unsaved."""
    notes = list(page.notes.all())
    before = set(previous.note_uids) if previous else set()
    return PublishedVersion(
        article_id=page.pk,
        revision=revision,
        published_at=published_at,
        headline=page.title,
        standfirst=page.standfirst,
        body_text=PARAGRAPH.join(body_paragraphs(page.body.raw_data)),
        note_uids=[str(note.uid) for note in notes],
        new_notes=[
            {"kind": note.get_kind_display(), "text": note.text}
            for note in notes
            if str(note.uid) not in before
        ],
        announced=bool(page.announce_update),
    )


def same_for_readers(old: PublishedVersion, new: PublishedVersion) -> bool:
    return (
        (old.headline, old.standfirst, old.body_text)
        == (new.headline, new.standfirst, new.body_text)
        and not new.new_notes
        and not new.announced
    )


def earlier_versions(page, revision) -> list[PublishedVersion]:
    """The versions published before history was kept (or in bulk, by the
    wire): Wagtail's log names each published revision."""
    entries = (
        PageLogEntry.objects.filter(
            page_id=page.pk, action="wagtail.publish", revision__isnull=False
        )
        .exclude(revision=revision)
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    versions, previous = [], None
    for entry in entries:
        when = entry.timestamp
        if previous is None and page.first_published_at:
            when = min(when, page.first_published_at)
        version = version_of(entry.revision.as_object(), entry.revision, when, previous)
        if previous is None or not same_for_readers(previous, version):
            versions.append(version)
            previous = version
    return versions


def story_published(sender, instance, revision=None, **kwargs):
    page = instance
    previous = PublishedVersion.objects.filter(article_id=page.pk).last()
    if previous is None:
        earlier = earlier_versions(page, revision)
        PublishedVersion.objects.bulk_create(earlier)
        previous = earlier[-1] if earlier else None
    when = page.last_published_at or timezone.now()
    version = version_of(page, revision, when, previous)
    if previous is None or not same_for_readers(previous, version):
        version.save()


def connect():
    page_published.connect(
        story_published, sender=ArticlePage, dispatch_uid="bs-history-publish"
    )
