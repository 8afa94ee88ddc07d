"""The newsroom's content: sections, articles, topics and authors."""

from datetime import timedelta

from django.core.paginator import Paginator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from broadsheet.comments import modes as comment_modes
from broadsheet.feeds import head
from broadsheet.news.blocks import ArticleBodyBlock
from broadsheet.news.querysets import ArticlePageManager

LISTING_PAGE_SIZE = 20
RELATED_COUNT = 6
# A republish within this window is the same edition, not an update readers
# need to be told about (editors often fix a typo right after publishing).
UPDATE_GRACE = timedelta(minutes=5)


class Topic(index.Indexed, models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text="Leave empty to make one from the name.",
    )
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:100]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:topic", args=[self.slug])

    def search_article_ids(self):
        return ArticlePage.objects.filter(
            models.Q(topic=self) | models.Q(article_topics__topic=self)
        ).values_list("pk", flat=True)


class Author(index.Indexed, models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(
        max_length=150,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text="Leave empty to make one from the name.",
    )
    job_title = models.CharField(max_length=150, blank=True)
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "images.NewsImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.OneToOneField(
        "auth.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The newsroom account that writes as this author.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("job_title"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:150]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:author", args=[self.slug])

    def search_article_ids(self):
        return self.bylines.values_list("article_id", flat=True)


def paginate(request, queryset, per_page=LISTING_PAGE_SIZE):
    """One page of a listing; a bad or out-of-range ?page= never errors."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class SectionPage(Page):
    intro = models.TextField(blank=True, help_text="A line under the section's name.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = ArticlePage.objects.published().filter(section=self)
        context["stories"] = paginate(request, stories.for_listing().newest_first())
        context["head"] = head.for_section(self, request, context["stories"])
        return context


class ArticlePage(Page):
    standfirst = models.TextField(
        blank=True, help_text="One or two sentences under the headline."
    )
    topic = models.ForeignKey(
        Topic,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead_articles",
        help_text="The topic label shown above the story and named in its FAQ.",
    )
    lead_image = models.ForeignKey(
        "images.NewsImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    # Derived from the page's place in the tree, kept as a column so listings
    # and "same section" queries need no tree walk. Set on save and on move.
    section = models.ForeignKey(
        SectionPage,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    # Copied from Wagtail's first_published_at on save: a column of this table
    # lets section and topic listings sort on one composite index instead of
    # a join to wagtailcore_page at every page view.
    published_at = models.DateTimeField(null=True, editable=False, db_index=True)
    # Maintained by the comments app when a comment is approved or removed,
    # so the article page never counts rows.
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    comments_mode = models.CharField(
        "comments",
        max_length=8,
        blank=True,
        default="",
        choices=comment_modes.ARTICLE_CHOICES,
        help_text="Open, closed (shown, no new ones) or hidden; "
        "or follow the site's default.",
    )

    objects = ArticlePageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        InlinePanel("article_authors", label="Byline", min_num=0),
        MultiFieldPanel(
            [FieldPanel("topic"), InlinePanel("article_topics", label="Other topics")],
            heading="Topics",
        ),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        InlinePanel("faqs", label="Frequently asked questions"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("comments_mode")]
    parent_page_types = ["news.SectionPage"]
    subpage_types = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("topic", [index.SearchField("name")]),
        index.RelatedFields(
            "article_authors",
            [index.RelatedFields("author", [index.SearchField("name")])],
        ),
        index.FilterField("section"),
        index.FilterField("published_at"),
    ]

    class Meta:
        indexes = [
            models.Index(fields=["section", "-published_at"]),
            models.Index(fields=["topic", "-published_at"]),
        ]

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        if parent is not None and parent.specific_class is SectionPage:
            self.section_id = parent.pk
        self.published_at = self.first_published_at
        super().save(*args, **kwargs)

    @property
    def headline(self):
        return self.title

    @cached_property
    def authors(self):
        bylines = self.article_authors.all()
        if "article_authors" not in getattr(self, "_prefetched_objects_cache", {}):
            # Not fetched with a listing: one query for all the names.
            bylines = bylines.select_related("author")
        return [byline.author for byline in bylines]

    @property
    def updated_at(self):
        """When the story changed after it was first published, else None."""
        first, last = self.first_published_at, self.last_published_at
        if first and last and last - first > UPDATE_GRACE:
            return last
        return None

    def related_stories(self):
        """Up to six published stories: same topic first, then same section.

        Two listing queries at most, each with its bylines and pictures in a
        fixed number more. (The enrichment issue replaces this with lists
        precomputed at publish time.)
        """
        published = (
            ArticlePage.objects.published()
            .for_listing()
            .exclude(pk=self.pk)
            .newest_first()
        )
        related = []
        if self.topic_id:
            related = list(published.filter(topic_id=self.topic_id)[:RELATED_COUNT])
        if len(related) < RELATED_COUNT and self.section_id:
            seen = [story.pk for story in related]
            related += published.filter(section_id=self.section_id).exclude(
                pk__in=seen
            )[: RELATED_COUNT - len(related)]
        return related

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_stories"] = self.related_stories()
        # One query, shared by the FAQ section and its JSON-LD.
        context["faqs"] = list(self.faqs.all())
        context["head"] = head.for_article(self, request, context["faqs"])
        return context


class ArticleAuthor(Orderable):
    article = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="bylines")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        unique_together = [("article", "author")]


class ArticleTopic(Orderable):
    article = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="article_topics"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged")

    panels = [FieldPanel("topic")]

    class Meta(Orderable.Meta):
        unique_together = [("article", "topic")]


class ArticleFAQ(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=300)
    answer = models.TextField()

    panels = [FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = "FAQ"
