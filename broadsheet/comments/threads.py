"""The approved comments under a story, threaded one level deep, in a fixed
number of queries however many there are."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator

from broadsheet.comments import conf
from broadsheet.comments.models import Comment

SHOWN_FIELDS = [
    "pk",
    "article_id",
    "parent_id",
    "name",
    "body_html",
    "is_staff",
    "created_at",
]


@dataclass
class Thread:
    comment: Comment
    replies: list = field(default_factory=list)


def threads(article, page_number=None):
    """(threads, page): oldest first; past COMMENTS_PER_PAGE top-level
    comments, one page of them (page is None when all fit)."""
    if not article.comment_count:  # kept by moderation: no query at all
        return [], None
    approved = Comment.objects.approved().filter(article=article).only(*SHOWN_FIELDS)
    per_page = conf.get("COMMENTS_PER_PAGE")
    if article.comment_count <= per_page:
        return build(list(approved)), None
    page = Paginator(approved.filter(parent=None), per_page).get_page(page_number)
    tops = list(page.object_list)
    replies = list(approved.filter(parent__in=[c.pk for c in tops]))
    return build(tops + replies), page


def build(comments):
    by_id = {c.pk: Thread(c) for c in comments if c.parent_id is None}
    for comment in comments:
        if comment.parent_id is not None and comment.parent_id in by_id:
            by_id[comment.parent_id].replies.append(comment)
    return list(by_id.values())
