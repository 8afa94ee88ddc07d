"""The newsroom's content: sections, articles, topics and authors."""

import hashlib
import uuid
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, route
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from broadsheet.caching.routes import KnownViewRestrictions
from broadsheet.caching.tags import declare
from broadsheet.core.languages import language_tag, site_language, validate_language_tag
from broadsheet.news.blocks import ArticleBodyBlock
from broadsheet.news.invalidation import comments_tag
from broadsheet.news.pagination import listing_number, paginate
from broadsheet.news.querysets import ArticlePageManager, SectionPageManager

RELATED_COUNT = 6


class CommentsMode(models.TextChoices):
    """Whether a story takes comments; the comments app says what each means
    for readers (and what the site's default is)."""

    OPEN = "open", "Open: readers may comment"
    CLOSED = "closed", "Closed: comments shown, no new ones"
    HIDDEN = "hidden", "Hidden: no comments shown or taken"


# Agency copy whose last version came within this window of its first is one
# edition (wire/bulk.py), not an update readers need to be told about.
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


class SectionPage(KnownViewRestrictions, Page):
    intro = models.TextField(blank=True, help_text="A line under the section's name.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    # Live blogs (broadsheet.live) are stories too: named here by label only,
    # as Wagtail asks the parent which page types it may hold.
    subpage_types = ["news.ArticlePage", "live.LiveBlogPage"]

    objects = SectionPageManager()

    def route(self, request, path_components):
        """A story is found with what its page shows first (topic, picture)
        in one query: Wagtail's own routing asks for the page, then again for
        its specific type, then once more for each of these."""
        if path_components:
            story = (
                ArticlePage.objects.child_of(self)
                .select_related("topic", "lead_image")
                .filter(slug=path_components[0])
                .first()
            )
            if story is not None and story.specific_class is not ArticlePage:
                # A live blog (an ArticlePage subclass): its own type's row
                # too, one query, with what was fetched with the story.
                story = with_fetched(story.specific, story)
            if story is not None:
                story._cached_parent_obj = self  # as Wagtail's route does
                if story.section_id == self.pk:
                    story.section = self
                return story.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        """The listing is lazy: read only when its fragment (or the head's,
        which names its page number) is rendered."""
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = SimpleLazyObject(
            # published() reads the view restrictions: inside, so as to be lazy.
            lambda: paginate(
                request,
                ArticlePage.objects.published()
                .filter(section=self)
                .for_listing()
                .newest_first(),
            )
        )
        context["listing_number"] = listing_number(request)
        return context


def with_fetched(specific, story):
    """The specific page, given the topic and picture fetched with `story`."""
    if isinstance(specific, ArticlePage):
        specific.topic, specific.lead_image = story.topic, story.lead_image
    return specific


class ArticlePageForm(WagtailAdminPageForm):
    """The story's editor. "Tell readers this is an update" starts unticked
    on every new edit: it is a choice about this edit, not a property of the
    story. A draft waiting for review keeps its author's choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.instance.has_unpublished_changes:
            self.initial["announce_update"] = False


class WireCopyPanel(HelpPanel):
    """The wire copy an editor writes from, at the top of a story's form: the
    item chosen on the desk and the story's other sources. What it holds is
    the desk's business (settings.EDITOR_WIRE_COPY names the function that
    renders it, or none), so this model imports nothing from it."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = ""
            path = getattr(settings, "EDITOR_WIRE_COPY", "")
            if path and self.instance is not None and self.request is not None:
                self.content = import_string(path)(self.instance, self.request)

        def is_shown(self):
            return bool(self.content)


class ArticlePage(KnownViewRestrictions, RoutablePageMixin, Page):
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
        # "" follows the site's default.
        choices=[("", "Site default"), *CommentsMode.choices],
        help_text="Open, closed (shown, no new ones) or hidden; "
        "or follow the site's default.",
    )

    language = models.CharField(
        max_length=35,
        blank=True,
        validators=[validate_language_tag],
        help_text="The story's language as a tag such as nb, es-MX or zh-Hant, "
        "when it is not the site's. Browsers, screen readers and search engines "
        "read it.",
    )

    # When readers were last told the story changed: a correction or other
    # note, or an edit its editor marked as an update. A typo fix or any
    # other quiet republish leaves it (and dateModified, the "Updated" line,
    # feeds' and sitemaps' modified dates) alone. Kept by broadsheet.corrections.
    updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    announce_update = models.BooleanField(
        "tell readers this is an update",
        default=False,
        help_text="Tick for a change readers should know about: the story "
        "shows \u201cUpdated\u201d with the time it is published, and search "
        "engines and feeds see a new modified date. Leave unticked for typo "
        "fixes and small edits. A note below does this by itself.",
    )

    objects = ArticlePageManager()
    base_form_class = ArticlePageForm

    content_panels = [
        WireCopyPanel(heading="Wire copy"),
        *Page.content_panels,
        FieldPanel("standfirst"),
        InlinePanel("article_authors", label="Byline", min_num=0),
        MultiFieldPanel(
            [FieldPanel("topic"), InlinePanel("article_topics", label="Other topics")],
            heading="Topics",
        ),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                InlinePanel(
                    "notes",
                    label="Note",
                    help_text="Corrections, clarifications, editor's notes and "
                    "retractions. Each is dated when the story is published "
                    "with it, listed on /corrections/ and kept in the story's "
                    "public history.",
                ),
                FieldPanel("announce_update"),
            ],
            heading="Corrections and updates",
        ),
        InlinePanel("faqs", label="Frequently asked questions"),
        InlinePanel(
            "pinned_stories",
            label="Pinned in \u201cYou may also like\u201d",
            max_num=RELATED_COUNT,
            help_text="Shown first, in this order; the rest are chosen for "
            "you when the story is published.",
        ),
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("language"),
        FieldPanel("comments_mode"),
    ]
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

    def with_content_json(self, content):
        """A revision's version of the story keeps the story's own
        `updated_at`: when readers were told it changed is a fact about the
        story, not about the draft a revision holds (publishing an old draft
        must not move it back)."""
        obj = super().with_content_json(content)
        obj.updated_at = self.updated_at
        return obj

    def field_cache_tags(self):
        """Tags a cached copy of this page goes stale with besides its own
        (caching/routes.py): its comment count is kept by the comments app."""
        return [comments_tag(self.pk)]

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

    def reader_notes(self):
        """The notes readers see, oldest first: one query on a live page (a
        note is dated when first published); a preview's are in memory."""
        notes = list(self.notes.all())
        return sorted(
            notes,
            key=lambda note: (
                note.published_at is None,
                note.published_at.timestamp() if note.published_at else 0,
                note.pk or 0,
            ),
        )

    @route(r"^history/$", name="history")
    def history(self, request):
        """The story's public history; the history app draws it
        (settings.STORY_HISTORY_VIEW), so this model imports nothing from it."""
        return import_string(settings.STORY_HISTORY_VIEW)(request, self)

    def topic_list(self):
        """The story's topics, its lead topic first, each once: what its page,
        its search document and its related-story features name. Tagged
        topics prefetched with the page, or held in memory by a revision or
        a form, are used as they are."""
        links = self.article_topics.all()
        if "article_topics" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("topic")
        topics = [self.topic] if self.topic_id else []
        topics += [link.topic for link in links]
        return list({topic.pk: topic for topic in topics if topic}.values())

    def topic_names(self):
        return [topic.name for topic in self.topic_list()]

    def related_stories(self):
        """Up to six published stories, each with a `related_reason`.

        The list is computed when a story is published or changed
        (broadsheet.enrich), so here it is read in one query (and the
        teasers' bylines and pictures in a fixed number more). A story not
        enriched yet falls back to same topic, then same section.
        """
        if self.pk is None:  # a preview of a story not saved yet
            return []
        declare(f"related:{self.pk}")
        # Its teasers show no picture (news/article_page.html).
        published = ArticlePage.objects.published().for_listing(pictures=False)
        related = list(
            published.filter(related_from__article=self)
            .annotate(
                related_position=models.F("related_from__position"),
                related_reason=models.F("related_from__reason"),
            )
            .order_by("related_position")[:RELATED_COUNT]
        )
        if related:
            return related
        published = published.exclude(pk=self.pk).newest_first()
        # The fallback changes whenever the topic or section gains a story.
        declare(f"list:topic:{self.topic_id}", f"list:section:{self.section_id}")
        if self.topic_id:
            related = list(published.filter(topic_id=self.topic_id)[:RELATED_COUNT])
        if len(related) < RELATED_COUNT and self.section_id:
            seen = [story.pk for story in related]
            related += published.filter(section_id=self.section_id).exclude(
                pk__in=seen
            )[: RELATED_COUNT - len(related)]
        return related

    @property
    def language_code(self) -> str:
        """The story's language tag: its own, else the site's."""
        return language_tag(self.language) or site_language()

    def get_context(self, request, *args, **kwargs):
        """Everything but the language is lazy: read only by the fragments
        (head, story, its body, "You may also like") that are rendered, so
        a page put together from cached fragments runs none of it."""
        context = super().get_context(request, *args, **kwargs)
        context["html_lang"] = self.language_code
        # Shared by the notes on the page and the JSON-LD's `correction`.
        context["notes"] = SimpleLazyObject(self.reader_notes)
        context["related_stories"] = SimpleLazyObject(self.related_stories)
        # Shared by the FAQ section and its JSON-LD.
        faqs = SimpleLazyObject(lambda: reader_faqs(self, request))
        context["faqs"] = faqs
        # Readers are told how the answers were made (see the template).
        quoted = SimpleLazyObject(
            lambda: [faq.generated and not faq.edited for faq in faqs]
        )
        context["faqs_quoted"] = SimpleLazyObject(lambda: any(quoted))
        context["faqs_all_quoted"] = SimpleLazyObject(lambda: all(quoted))
        return context


@cache
def _reader_faqs():
    return import_string(settings.READER_FAQS)


def reader_faqs(page, request=None) -> list:
    """The FAQ pairs readers see on a story. Generated pairs are enrichment's
    business (settings.READER_FAQS names the function that decides), so this
    model imports nothing from it."""
    return _reader_faqs()(page, request)


class NoteKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    CLARIFICATION = "clarification", "Clarification"
    EDITORS_NOTE = "editors_note", "Editor\u2019s note"
    RETRACTION = "retraction", "Retraction"


NOTE_LIMIT = 2000


class ArticleNote(models.Model):
    """A dated note about the story, public with the version it is published
    with: a correction, clarification, editor's note or retraction. Plain
    text (templates escape it). A retraction keeps the story up, marked."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(
        max_length=16, choices=NoteKind.choices, default=NoteKind.CORRECTION
    )
    text = models.TextField(
        max_length=NOTE_LIMIT,
        help_text="What was wrong and what is right, in plain words, e.g. "
        "\u201cAn earlier version of this story gave the wrong date for the "
        "vote. It is on Tuesday.\u201d",
    )
    # The same note from revision to revision (rows are rewritten on each
    # publish): what its date is kept by (broadsheet.corrections).
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    # When readers first saw it; set on publish, never by hand.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [FieldPanel("kind"), FieldPanel("text")]

    class Meta:
        ordering = ["published_at", "pk"]
        indexes = [models.Index(fields=["-published_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def is_retraction(self) -> bool:
        return self.kind == NoteKind.RETRACTION


class ArticleAuthor(Orderable):
    article = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="bylines")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        unique_together = [("article", "author")]


class PinnedStory(Orderable):
    """A story an editor puts first in another's "You may also like"."""

    article = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="pinned_stories"
    )
    story = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="pinned_in"
    )

    panels = [PageChooserPanel("story", "news.ArticlePage")]

    class Meta(Orderable.Meta):
        unique_together = [("article", "story")]


class ArticleTopic(Orderable):
    article = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="article_topics"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged")

    panels = [FieldPanel("topic")]

    class Meta(Orderable.Meta):
        unique_together = [("article", "topic")]


class GeneratedNotePanel(HelpPanel):
    """Says, on a generated pair in the story's form, that it was generated,
    and whether an editor has approved or edited it."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            faq = self.instance
            if faq is None:  # e.g. the revisions' compare view
                self.content = ""
                return
            states = [
                state
                for state, true in (
                    ("edited", faq.edited),
                    ("approved", faq.approved),
                )
                if true
            ]
            self.content = format_html(
                "<strong>Generated</strong>: quoted from the story{}.",
                f" ({', '.join(states)})" if states else "",
            )

        def is_shown(self):
            return bool(getattr(self.instance, "generated", False))


def faq_fingerprint(question: str, answer: str) -> str:
    return hashlib.sha1(f"{question}\n{answer}".encode()).hexdigest()


class ArticleFAQ(Orderable):
    """A question readers may still have, with its answer.

    Written by an editor, or generated (broadsheet.enrich) with the story's
    sentences that support the answer. A generated pair an editor approved or
    edited is the editor's: regenerating never replaces it.
    """

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=300)
    answer = models.TextField()
    generated = models.BooleanField(default=False, editable=False)
    approved = models.BooleanField(
        default=False,
        help_text="Generated answers wait for this when the site's enrichment "
        "settings say so. An approved answer is never regenerated.",
    )
    # Indexes of the story's sentences the answer quotes, when generated.
    sources = models.JSONField(default=list, blank=True, editable=False)
    # What the generator wrote: an answer that no longer matches was edited.
    fingerprint = models.CharField(max_length=40, blank=True, editable=False)

    panels = [
        GeneratedNotePanel(),
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("approved"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "FAQ"

    @property
    def edited(self) -> bool:
        return self.generated and self.fingerprint != faq_fingerprint(
            self.question, self.answer
        )

    @property
    def editors_own(self) -> bool:
        """Written, approved or edited by an editor: enrichment leaves it be."""
        return not self.generated or self.approved or self.edited

    def is_live(self, publish_generated: bool) -> bool:
        return self.editors_own or publish_generated
