"""RSS of a story's approved comments, newest first."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Rss201rev2Feed

from broadsheet.caching.tags import declare
from broadsheet.caching.views import cached_by_tags
from broadsheet.comments.invalidation import comments_tag
from broadsheet.comments.models import Comment
from broadsheet.comments.modes import Mode, effective_mode
from broadsheet.feeds.addresses import absolute, page_url
from broadsheet.feeds.text import one_line, xml_safe
from broadsheet.news.models import ArticlePage

FEED_LENGTH = 50


class CommentFeed(Feed):
    feed_type = Rss201rev2Feed
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, article_id):
        from broadsheet.comments.models import CommentSettings

        article = ArticlePage.objects.published().filter(pk=article_id).first()
        if article is None:
            raise Http404
        if effective_mode(article, CommentSettings.current(request)) == Mode.HIDDEN:
            raise Http404
        self.article_url = page_url(article, self)
        return article

    def title(self, article):
        return f"Comments on {one_line(article.title)}"

    def link(self, article):
        return f"{self.article_url}#comments"

    def description(self, article):
        return f"Readers' comments on {one_line(article.title)}."

    def feed_url(self, article):
        return absolute(self.request.path)

    def items(self, article):
        return (
            Comment.objects.approved()
            .filter(article=article)
            .order_by("-created_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, comment):
        return one_line(comment.name)

    def item_description(self, comment):
        # Sanitised when stored (broadsheet.comments.text): only p, br and
        # rel="nofollow ugc noopener" links.
        return xml_safe(comment.body_html)

    def item_link(self, comment):
        return f"{self.article_url}#{comment.anchor}"

    def item_author_name(self, comment):
        return one_line(comment.name)

    def item_pubdate(self, comment):
        return comment.created_at

    def item_guid(self, comment):
        return f"{self.article_url}#{comment.anchor}"


@cached_by_tags()
def comment_feed(request, article_id):
    """A Feed per request: it keeps the request and the story's address."""
    declare(comments_tag(article_id), f"page:{article_id}")
    return CommentFeed()(request, article_id=article_id)
