"""The demo's live blog (content/live.json): a live election night with a
dozen entries, two key events and one pinned entry, posted as an editor
would, minutes apart."""

import json
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text import RichText

from broadsheet.live.models import LiveBlogPage, LiveEntry
from broadsheet.news.models import ArticleAuthor, ArticlePage, SectionPage

LIVE_FILE = "live.json"


def load_live_blogs(loader, content_dir) -> int:
    """Each live blog of the file not in the database yet; how many were made."""
    made = 0
    for blog in json.loads((content_dir / LIVE_FILE).read_text()):
        if not ArticlePage.objects.filter(slug=blog["slug"]).exists():
            with transaction.atomic():
                create_live_blog(loader, blog)
            made += 1
    return made


def create_live_blog(loader, data):
    started = timezone.now() - timedelta(hours=data["started_hours_ago"])
    page = LiveBlogPage(
        title=data["headline"],
        slug=data["slug"],
        standfirst=data["standfirst"],
        topic=loader.topic(data["topic"]),
        status=data["status"],
        coverage_start=started,
        body=[
            ("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in data["intro"]
        ],
    )
    for position, name in enumerate(data["authors"]):
        page.article_authors.add(
            ArticleAuthor(author=loader.authors[name], sort_order=position)
        )
    SectionPage.objects.get(slug=data["section"]).add_child(instance=page)
    page.save_revision().publish()
    Page.objects.filter(pk=page.pk).update(
        first_published_at=started,
        last_published_at=started,
        latest_revision_created_at=started,
    )
    ArticlePage.objects.filter(pk=page.pk).update(published_at=started)
    for entry in data["entries"]:
        posted = timezone.now() - timedelta(minutes=entry["minutes_ago"])
        created = LiveEntry.objects.create(
            blog=page,
            posted_at=posted,
            author=loader.authors[entry["author"]],
            title=entry.get("title", ""),
            key_event=entry.get("key_event", False),
            pinned=entry.get("pinned", False),
            body=loader.body(entry),
        )
        LiveEntry.objects.filter(pk=created.pk).update(updated_at=posted)
