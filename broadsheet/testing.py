"""Helpers the test suite shares: personas and a way to write stories fast."""

import io
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.rich_text import RichText

from broadsheet.home.setup import AUTHORS, EDITORS
from broadsheet.images.models import NewsImage
from broadsheet.news.models import (
    ArticleAuthor,
    ArticleFAQ,
    ArticlePage,
    Author,
    SectionPage,
    Topic,
)


def make_user(username, group=None, superuser=False):
    user = User.objects.create_user(
        username,
        f"{username}@example.org",
        "correct horse battery staple",
        is_staff=True,
        is_superuser=superuser,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_editor(username="editor"):
    return make_user(username, EDITORS)


def make_author_user(username="author"):
    return make_user(username, AUTHORS)


def make_image(title="A picture", width=1600, height=900, **fields):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (120, 140, 160)).save(buffer, format="JPEG")
    return NewsImage.objects.create(
        title=title, file=ImageFile(buffer, name="picture.jpg"), **fields
    )


def section(slug="world"):
    return SectionPage.objects.get(slug=slug)


def topic(name):
    return Topic.objects.get_or_create(name=name)[0]


def author(name):
    return Author.objects.get_or_create(name=name)[0]


def make_article(
    title,
    section_slug="world",
    *,
    publish=True,
    age=timedelta(hours=1),
    topic_name=None,
    authors=("Jane Reporter",),
    faqs=(),
    standfirst="",
    body=None,
    lead_image=None,
    go_live_at=None,
):
    """A story, written and (by default) published `age` ago."""
    page = ArticlePage(
        title=title,
        standfirst=standfirst,
        topic=topic(topic_name) if topic_name else None,
        lead_image=lead_image,
        body=body
        if body is not None
        else [("paragraph", RichText(f"<p>{title}.</p>"))],
        go_live_at=go_live_at,
    )
    for position, name in enumerate(authors):
        page.article_authors.add(
            ArticleAuthor(author=author(name), sort_order=position)
        )
    for position, (question, answer) in enumerate(faqs):
        page.faqs.add(ArticleFAQ(question=question, answer=answer, sort_order=position))
    section(section_slug).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
        if go_live_at is None:
            when = timezone.now() - age
            ArticlePage.objects.filter(pk=page.pk).update(
                first_published_at=when, last_published_at=when, published_at=when
            )
            page.refresh_from_db()
    return page
