"""Helpers the test suite shares: personas and a way to write stories fast."""

import io
from contextlib import contextmanager
from datetime import timedelta

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, User
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.rich_text import RichText
from wagtail.signal_handlers import disable_reference_index_auto_update

from broadsheet.home.setup import AUTHORS, EDITORS
from broadsheet.images.models import NewsImage
from broadsheet.news.models import (
    ArticleAuthor,
    ArticleFAQ,
    ArticlePage,
    ArticleTopic,
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
    extra_topics=(),
    authors=("Jane Reporter",),
    faqs=(),
    standfirst="",
    body=None,
    lead_image=None,
    go_live_at=None,
    slug="",
):
    """A story, written and (by default) published `age` ago. Its slug comes
    from the title unless given (a title of only symbols makes none)."""
    page = ArticlePage(
        title=title,
        slug=slug,
        # Not live until published, as when written in the admin: a draft
        # must not be served at its URL.
        live=False,
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
    for position, name in enumerate(extra_topics):
        page.article_topics.add(ArticleTopic(topic=topic(name), sort_order=position))
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


def pick(*articles):
    """Make these stories the Editors' Picks, in this order."""
    from broadsheet.home.models import EditorsPick, SiteSettings

    settings = SiteSettings.current()
    settings.editors_picks.all().delete()
    for position, article in enumerate(articles):
        EditorsPick.objects.create(
            settings=settings, article=article, sort_order=position
        )
    settings.save()  # as the admin does: cached rails are refreshed


@contextmanager
def shared_data(django_db_blocker, build=None):
    """For a module-scoped fixture: data made once, undone after the module.

        @pytest.fixture(scope="module")
        def world(django_db_setup, django_db_blocker):
            with shared_data(django_db_blocker, build_world) as world:
                yield world

    (or build the data inside `with shared_data(django_db_blocker):`).

    Each test still runs in its own savepoint inside this transaction, so what
    one test changes is rolled back before the next starts. Not for
    transactional tests, which would flush the shared rows. While `build()`
    runs, the admin's reference index ("where is this used?") is not kept: no
    reader page reads it, and it is a third of the cost of a story.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        data = None
        if build is not None:
            with disable_reference_index_auto_update():
                data = build()
        yield data
        transaction.set_rollback(True)


# Reading pages as a reader does: parsed HTML, never template source.

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def logged_in(user):
    """A browser session of `user`, as if they had signed in to the admin."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def parse(response):
    """Any response's HTML, parsed, whatever its status (admin pages too)."""
    return BeautifulSoup(response.content, "lxml")


def read(response):
    """The page a reader got, parsed; it must have been served."""
    assert response.status_code == 200, f"status {response.status_code}"
    return BeautifulSoup(response.content, "lxml")


def words(element):
    """An element's text as a reader sees it: whitespace collapsed."""
    return " ".join(element.get_text(" ").split())


def heading(root, text):
    """The first heading whose text is `text`, or None."""
    for element in root.find_all(HEADINGS):
        if words(element) == text:
            return element
    return None


def block(root, heading_text):
    """The <section> (or <aside>/<nav>) a heading titles, or None."""
    title = heading(root, heading_text)
    if title is None:
        return None
    return title.find_parent(["section", "aside", "nav"])


def headlines(root):
    """The headlines of the stories listed in `root` (each an <article>
    whose heading links to it), in reading order."""
    return [
        words(h)
        for h in root.find_all(HEADINGS)
        if h.find("a") and h.find_parent("article")
    ]


def bump():
    """Readers' pages show a change made without the publishing signals."""
    from broadsheet.caching.invalidation import invalidate_all

    invalidate_all()


def call(*args, **options) -> str:
    """A management command's standard output."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


class Terminal(io.StringIO):
    """Captured output that says it is a terminal, as a TTY does."""

    def isatty(self):
        return True
