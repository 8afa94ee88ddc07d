"""The notes readers may see: on published stories only, dated, newest first.

The corrections page and its feeds read through `public_notes()`, so a note on
a draft, an unpublished or a private story never reaches them (the story's
notes go public with the version that carries them: news.ArticleNote rows
are what was last published)."""

from broadsheet.news.models import ArticleNote, ArticlePage


def public_notes():
    return (
        ArticleNote.objects.filter(
            published_at__isnull=False,
            article__in=ArticlePage.objects.published().values("pk"),
        )
        .select_related("article")
        .order_by("-published_at", "-pk")
    )
