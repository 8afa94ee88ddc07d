"""Breaking out an entry: a standalone draft story in the blog's section,
made of the entry, linked both ways. The story opens with a link back to the
live blog (a page link, so it follows the blog if it moves); the entry links
to the story once the story is published."""

from django.utils.html import escape
from wagtail.rich_text import RichText

from broadsheet.feeds.text import summary
from broadsheet.live.text import entry_text
from broadsheet.news.models import ArticleAuthor, ArticlePage

TITLE_LENGTH = 100


def story_title(entry) -> str:
    return entry.title or summary(entry_text(entry), TITLE_LENGTH) or "Untitled"


def break_out(entry, user) -> ArticlePage:
    blog = entry.blog
    link_back = RichText(
        f'<p><i>This story grew out of our live coverage: <a linktype="page" '
        f'id="{blog.pk}">{escape(blog.title)}</a>.</i></p>'
    )
    story = ArticlePage(
        title=story_title(entry),
        live=False,
        topic_id=blog.topic_id,
        language=blog.language,
        body=[("paragraph", link_back), *[(b.block_type, b.value) for b in entry.body]],
        owner=user,
    )
    if entry.author_id:
        story.article_authors.add(ArticleAuthor(author_id=entry.author_id))
    blog.section.add_child(instance=story)
    story.save_revision(user=user, log_action=True)
    entry.story = story
    entry.save(update_fields=["story", "updated_at", "body"])
    return story
