"""Live blogs and entries for the tests, written as the newsroom would."""

from datetime import timedelta

from django.utils import timezone
from wagtail.rich_text import RichText

from broadsheet.live.models import LiveBlogPage, LiveEntry
from broadsheet.news.models import ArticleAuthor, ArticlePage
from broadsheet.testing import author, section, topic


def make_live_blog(
    title="Election night: results as they come",
    section_slug="politics",
    *,
    status="live",
    standfirst="Follow the count.",
    authors=("Ada Lovelace",),
    topic_name=None,
    age=timedelta(hours=2),
    publish=True,
    **fields,
):
    blog = LiveBlogPage(
        title=title,
        live=False,
        standfirst=standfirst,
        status=status,
        topic=topic(topic_name) if topic_name else None,
        body=[("paragraph", RichText(f"<p>{title}: our live coverage.</p>"))],
        **fields,
    )
    for position, name in enumerate(authors):
        blog.article_authors.add(
            ArticleAuthor(author=author(name), sort_order=position)
        )
    section(section_slug).add_child(instance=blog)
    revision = blog.save_revision()
    if publish:
        revision.publish()
        when = timezone.now() - age
        ArticlePage.objects.filter(pk=blog.pk).update(
            first_published_at=when, last_published_at=when, published_at=when
        )
        blog.refresh_from_db()
    return blog


def post_entry(blog, text="An update.", *, minutes_ago=0, writer=None, **fields):
    """An entry posted `minutes_ago`, with one paragraph (or `body`)."""
    body = fields.pop("body", None) or [("paragraph", RichText(f"<p>{text}</p>"))]
    return LiveEntry.objects.create(
        blog=blog,
        body=body,
        posted_at=timezone.now() - timedelta(minutes=minutes_ago),
        author=author(writer) if writer else None,
        **fields,
    )
