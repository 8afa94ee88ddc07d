from django.db.models import Prefetch, Q
from wagtail.models import PageManager
from wagtail.query import PageQuerySet


class ArticlePageQuerySet(PageQuerySet):
    def published(self):
        """What readers may see: live, not behind a view restriction.

        Every listing, feed, sitemap and search goes through this method, so a
        draft, a scheduled story or an unpublished one cannot leak through any
        of them. Scheduled stories are not live until their time comes.
        """
        return self.live().public().filter(published_at__isnull=False)

    def for_listing(self, pictures=True):
        """Everything a teaser shows, fetched in a fixed number of queries;
        without its picture's sizes where teasers show none (pictures=False:
        "You may also like")."""
        from broadsheet.news.models import ArticleAuthor

        related = ("topic", "section", "lead_image")
        sizes = ("lead_image__renditions",) if pictures else ()
        return self.select_related(*related).prefetch_related(
            *sizes,
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by(
                    "sort_order"
                ),
            ),
        )

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def about(self, topic):
        """Stories led by `topic` or tagged with it: its page and its feeds."""
        return self.filter(Q(topic=topic) | Q(pk__in=topic.tagged.values("article_id")))

    def by(self, author):
        """Stories with `author` in the byline: their page and their feeds."""
        return self.filter(article_authors__author=author)


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class SectionPageQuerySet(PageQuerySet):
    def for_readers(self):
        """Live, public sections, found from the sections' own small table.

        Asked through the page tree alone (live(), child_of(), ordered by
        path), SQLite, which keeps no statistics, walks every page in the
        tree to find the nine sections: about 100 ms at 100,000 stories,
        paid by the navigation and the front page after every publish."""
        sections = self.model._default_manager.values("pk")
        return self.filter(pk__in=sections).live().public()


SectionPageManager = PageManager.from_queryset(SectionPageQuerySet)
