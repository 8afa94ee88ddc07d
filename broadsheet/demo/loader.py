"""Builds the demo newsroom from the JSON files in demo/content/."""

import io
import json
import re
import secrets
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.blocks import StreamValue
from wagtail.models import Page
from wagtail.rich_text import RichText

from broadsheet.core.progress import Progress
from broadsheet.corrections.models import NoteDate
from broadsheet.demo import pictures
from broadsheet.demo.live_blogs import load_live_blogs
from broadsheet.demo.wire import load_wire
from broadsheet.enrich import articles, related_stories, section_classifier
from broadsheet.history.models import PublishedVersion
from broadsheet.home.models import EditorsPick, HomePage, SiteSettings
from broadsheet.home.setup import ADMINISTRATORS, AUTHORS, EDITORS
from broadsheet.images.models import NewsImage
from broadsheet.news.models import (
    ArticleAuthor,
    ArticleNote,
    ArticlePage,
    ArticleTopic,
    Author,
    SectionPage,
    Topic,
)

CONTENT_DIR = Path(__file__).parent / "content"
SECTION_FILES = [
    "politics",
    "us",
    "world",
    "business",
    "technology",
    "science",
    "health",
    "sports",
    "entertainment",
]
LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
BLURB = (
    "Broadsheet is an independent newsroom covering politics, the world, business, "
    "technology, science, health, sports and culture. Our reporters verify before "
    "they publish, correct in the open, and never hide a story behind a pop-up."
)
# Every fifth story carries an update a few hours after it first ran, so the
# demo shows the "Updated" line as real sites do.
UPDATED_EVERY = 5
DEMO_ACCOUNTS = [
    ("Administrator", "admin", ADMINISTRATORS, True),
    ("Editor", "editor", EDITORS, False),
    ("Author", "author", AUTHORS, False),
]


def paragraph_html(text):
    """Plain demo text to rich-text HTML, with [text](url) links."""
    html = LINK.sub(
        lambda m: f'<a href="{escape(m.group(2))}">{escape(m.group(1))}</a>',
        escape(text).replace("&#x27;", "'"),
    )
    return f"<p>{html}</p>"


def replaced(body, replacements):
    """A story's body with some words replaced in its paragraphs, as an
    editor's fix would: the blocks (pictures too) stay as they are."""
    raw = []
    for block in body.raw_data:
        block = dict(block)
        if block["type"] == "paragraph":
            for old, new in replacements:
                block["value"] = block["value"].replace(
                    escape(old).replace("&#x27;", "'"),
                    escape(new).replace("&#x27;", "'"),
                )
        raw.append(block)
    return StreamValue(body.stream_block, raw, is_lazy=True)


class DemoLoader:
    def __init__(self, log=print, progress_to=None):
        self.log = log
        self.progress_to = progress_to  # a terminal shows progress
        self.credentials_file = settings.DATA_DIR / "demo-credentials.json"

    def load(self):
        stories = [
            (name, story)
            for name in SECTION_FILES
            for story in json.loads((CONTENT_DIR / f"{name}.json").read_text())
        ]
        with transaction.atomic():
            self.authors = self.load_authors()
            self.ensure_accounts()
        created = 0
        with Progress("demo stories", len(stories), self.progress_to) as progress:
            for index, (section_slug, story) in enumerate(stories):
                if not ArticlePage.objects.filter(slug=story["slug"]).exists():
                    with transaction.atomic():
                        self.create_story(index, self.section(section_slug), story)
                    created += 1
                progress.advance()
        live_blogs = load_live_blogs(self, CONTENT_DIR)
        with transaction.atomic():
            self.load_site_settings(stories)
        enriched = self.enrich() if created or live_blogs else ""
        desk = load_wire(CONTENT_DIR / "wire.json")
        return (
            f"Demo newsroom ready: {created} new stories, {len(stories)} in the "
            f"demo, {live_blogs} new live blogs.{enriched}{desk}"
        )

    def enrich(self):
        """What the worker would do as the stories were published, at once:
        a section model trained on them, then every story's FAQ, topics and
        related stories (the FAQs are all generated: the demo has none of
        its own)."""
        started = time.monotonic()
        section_classifier.train()
        ids = list(ArticlePage.objects.order_by("pk").values_list("pk", flat=True))
        # Each story twice: enriched, then its related stories ranked.
        with Progress("enrichment", 2 * len(ids), self.progress_to) as progress:
            for article_id in ids:
                # Forced: tasks queued as the stories were published may have
                # run before the section model existed.
                articles.enrich(article_id, force=True)
                progress.advance()
            for article_id in ids:
                related_stories.refresh(article_id)
                progress.advance()
        return f" Enriched in {time.monotonic() - started:.1f} s."

    def section(self, slug):
        return SectionPage.objects.get(slug=slug)

    def load_authors(self):
        authors = {}
        for entry in json.loads((CONTENT_DIR / "authors.json").read_text()):
            author = Author.objects.filter(slug=entry["slug"]).first()
            if author is None:
                photo = self.picture(
                    f"Portrait of {entry['name']}",
                    pictures.portrait(entry["name"]),
                    alt=f"Illustrated portrait of {entry['name']}",
                    credit="Broadsheet illustration",
                )
                author = Author.objects.create(
                    name=entry["name"],
                    slug=entry["slug"],
                    job_title=entry["job_title"],
                    bio=entry["bio"],
                    photo=photo,
                )
            authors[author.name] = author
        return authors

    def picture(self, title, data, alt, caption="", credit=""):
        name = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] + ".jpg"
        return NewsImage.objects.create(
            title=title[:255],
            alt_text=alt,
            caption=caption,
            credit=credit,
            file=ImageFile(io.BytesIO(data), name=name),
        )

    def topic(self, name):
        topic = Topic.objects.filter(name__iexact=name).first()
        return topic or Topic.objects.create(name=name)

    def create_story(self, index, section, story):
        published = timezone.now() - timedelta(days=story["days_ago"])
        lead = story.get("lead_image")
        page = ArticlePage(
            title=story["headline"],
            slug=story["slug"],
            standfirst=story["standfirst"],
            topic=self.topic(story["topic"]),
            lead_image=self.picture(
                story["headline"],
                pictures.landscape(story["slug"]),
                alt=lead["alt"],
                caption=lead["caption"],
                credit=lead["credit"],
            )
            if lead
            else None,
            body=self.body(story),
            first_published_at=published,
        )
        for position, name in enumerate(story["authors"]):
            page.article_authors.add(
                ArticleAuthor(author=self.authors[name], sort_order=position)
            )
        for position, name in enumerate(story.get("extra_topics", [])):
            page.article_topics.add(
                ArticleTopic(topic=self.topic(name), sort_order=position)
            )
        section.add_child(instance=page)
        page.save_revision().publish()
        # Back-date the story as if it had been published when the file says.
        updated = (
            published + timedelta(hours=3) if index % UPDATED_EVERY == 2 else published
        )
        updated = min(updated, timezone.now())
        Page.objects.filter(pk=page.pk).update(
            first_published_at=published,
            last_published_at=updated,
            latest_revision_created_at=updated,
        )
        ArticlePage.objects.filter(pk=page.pk).update(
            published_at=published,
            updated_at=updated if updated != published else None,
        )
        if story.get("versions"):
            self.publish_versions(page, story["versions"], published)

    def publish_versions(self, page, versions, published):
        """Later versions of a story, each published as an editor would
        (a revision with its changes, a note, the "update" tick), then dated
        as if published `hours_after` the first: its public history, notes
        and "Updated" line show them."""
        now = timezone.now()
        times, noted, updated = [published], {}, None
        for version in versions:
            draft = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
            draft.title = draft.draft_title = version.get("headline", draft.title)
            draft.standfirst = version.get("standfirst", draft.standfirst)
            draft.body = replaced(draft.body, version.get("replace", []))
            draft.announce_update = bool(version.get("update"))
            when = min(published + timedelta(hours=version["hours_after"]), now)
            if note := version.get("note"):
                added = ArticleNote(kind=note["kind"], text=note["text"])
                draft.notes.add(added)
                noted[added.uid] = when
            if note or draft.announce_update:
                updated = when
            draft.save_revision().publish()
            times.append(when)
        kept = PublishedVersion.objects.filter(article_id=page.pk).order_by("pk")
        for version, when in zip(kept, times, strict=False):
            PublishedVersion.objects.filter(pk=version.pk).update(published_at=when)
        for uid, when in noted.items():
            ArticleNote.objects.filter(uid=uid).update(published_at=when)
            NoteDate.objects.filter(uid=uid).update(published_at=when)
        Page.objects.filter(pk=page.pk).update(
            last_published_at=times[-1], latest_revision_created_at=times[-1]
        )
        ArticlePage.objects.filter(pk=page.pk).update(updated_at=updated)

    def body(self, story):
        blocks = []
        for block in story["body"]:
            kind = block["type"]
            if kind == "paragraph":
                blocks.append(("paragraph", RichText(paragraph_html(block["text"]))))
            elif kind == "subhead":
                blocks.append(("subhead", block["text"]))
            elif kind == "quote":
                blocks.append(
                    (
                        "quote",
                        {
                            "text": block["text"],
                            "attribution": block.get("attribution", ""),
                        },
                    )
                )
            elif kind == "list":
                items = "".join(f"<li>{escape(item)}</li>" for item in block["items"])
                blocks.append(("paragraph", RichText(f"<ul>{items}</ul>")))
            elif kind == "image":
                image = self.picture(
                    block["caption"],
                    pictures.landscape(block["caption"]),
                    alt=block["alt"],
                    caption=block["caption"],
                    credit="Broadsheet illustration",
                )
                blocks.append(("image", {"image": image, "caption": ""}))
        return blocks

    def load_site_settings(self, stories):
        home = HomePage.objects.first()
        site_settings = SiteSettings.for_site(home.get_site())
        if not site_settings.blurb:
            site_settings.blurb = BLURB
            site_settings.save()
        if not site_settings.editors_picks.exists():
            # One story from each of the first six sections, a week's reading.
            picks = [story["slug"] for _, story in stories[3::7]][:6]
            for position, slug in enumerate(picks):
                EditorsPick.objects.create(
                    settings=site_settings,
                    sort_order=position,
                    article=ArticlePage.objects.get(slug=slug),
                )
            site_settings.save()

    def ensure_accounts(self):
        """Demo accounts, one per role; passwords made here, kept in the data dir."""
        saved = self.saved_credentials()
        for _role, username, group, superuser in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists() and username in saved:
                continue
            password = secrets.token_urlsafe(12)
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = superuser
            user.email = f"{username}@example.org"
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=group))
            saved[username] = password
        if "author" in saved and "Amara Okafor" in self.authors:
            author = self.authors["Amara Okafor"]
            if author.user_id is None:
                author.user = User.objects.get(username="author")
                author.save()
        self.credentials_file.parent.mkdir(parents=True, exist_ok=True)
        self.credentials_file.write_text(json.dumps(saved))
        self.credentials_file.chmod(0o600)

    def saved_credentials(self):
        if self.credentials_file.exists():
            return json.loads(self.credentials_file.read_text())
        return {}

    def accounts(self):
        saved = self.saved_credentials()
        return [
            (role, username, saved.get(username, "?"))
            for role, username, _, _ in DEMO_ACCOUNTS
        ]
