"""Enriching a story in the database: FAQ, topics, summary, section, features.

Enrichment works on the version of a story editors see in the admin:

- a live story without unpublished changes is changed in place, and its
  current revision's content is rewritten to match (not a new revision: the
  newsroom's history shows editors' work, not each enrichment; the audit log
  records it). Readers see the result at once;
- a draft, or a live story with a pending draft, has its latest revision's
  content changed; readers see the result when an editor publishes it.

Nothing an editor wrote, approved or edited is ever replaced: generated FAQ
pairs are regenerated only while untouched, topics are added (never
removed), and the standfirst and meta description are only filled when empty.
Unchanged text is not worked on again (its hash is kept), so the task that
runs on every publish is cheap when only, say, a picture changed.
"""

import hashlib
import logging
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import PageLogEntry, Revision

from broadsheet.caching.invalidation import invalidate
from broadsheet.enrich import page_text, related_stories, section_classifier
from broadsheet.enrich.backends import generate_faq
from broadsheet.enrich.backends.base import question_key
from broadsheet.enrich.models import LOG_ACTION, Enrichment, EnrichmentSettings
from broadsheet.enrich.nlp import grounding
from broadsheet.enrich.nlp.topics import suggest_topic_names, topic_key
from broadsheet.news.invalidation import articles_tags
from broadsheet.news.models import (
    ArticleFAQ,
    ArticlePage,
    ArticleTopic,
    Topic,
    faq_fingerprint,
)

log = logging.getLogger(__name__)

MAX_FAQS = 6
MAX_TOPICS = 8


@dataclass
class Outcome:
    article_id: int
    unchanged: bool = False
    faqs: int = 0  # generated pairs written
    faq_backend: str = ""
    topics_added: list[str] = field(default_factory=list)
    topics_suggested: list[str] = field(default_factory=list)
    section: str = ""
    section_confidence: float | None = None
    filled: list[str] = field(default_factory=list)  # standfirst, description
    seconds: dict[str, float] = field(default_factory=dict)  # by step

    @contextmanager
    def timed(self, step):
        started = time.perf_counter()
        yield
        self.seconds[step] = time.perf_counter() - started


class Changed(Exception):
    """The story changed while it was being enriched: enrich it again."""


def snapshot(page) -> tuple:
    """What must not change between reading a story and saving its
    enrichment: its revisions, its state and the latest revision's content
    (which autosave may rewrite in place)."""
    content = (
        Revision.objects.filter(pk=page.latest_revision_id)
        .values_list("content", flat=True)
        .first()
    )
    return (
        page.latest_revision_id,
        page.live_revision_id,
        page.live,
        page.has_unpublished_changes,
        hashlib.sha1(repr(content).encode()).hexdigest(),
    )


class WorkingCopy:
    """The version of a story editors see, to change and save.

    with WorkingCopy(article_id) as copy: change copy.working; it is saved on
    leaving the block unless copy.discard is set. With `expect` (a
    snapshot() taken earlier), raises Changed if the story has changed since.
    The rows are locked for the block, which should be short.
    """

    def __init__(self, article_id: int, expect: tuple | None = None):
        self.article_id = article_id
        self.expect = expect
        self.discard = False

    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        try:
            self.page, self.revision, self.working = load(self.article_id, lock=True)
            if self.expect is not None and snapshot(self.page) != self.expect:
                raise Changed(self.article_id)
        except BaseException:
            self.atomic.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(self, kind, error, traceback):
        try:
            if kind is None and not self.discard:
                save_working_copy(self.page, self.working, self.revision)
        except BaseException:
            # Leave the transaction (rolled back) whatever went wrong, or the
            # connection stays inside it for good.
            if not self.atomic.__exit__(*sys.exc_info()):
                raise
            return False
        return self.atomic.__exit__(kind, error, traceback)


def load(article_id: int, lock=False):
    """(page, pending revision or None, the version editors see)."""
    pages_ = ArticlePage.objects.select_related("topic", "section")
    if lock:
        pages_ = pages_.select_for_update(of=("self", "page_ptr"))
    page = pages_.get(pk=article_id)
    pending = page.latest_revision_id and (
        page.has_unpublished_changes or not page.live
    )
    revision = page.latest_revision if pending else None
    return page, revision, revision.as_object() if revision else page


@dataclass
class Plan:
    """What enrichment found, before anything is written."""

    faq: object = None  # a FAQResult
    topics: list[str] = field(default_factory=list)
    standfirst: str = ""
    description: str = ""
    section: tuple | None = None  # (SectionPage, confidence)
    confidence: float | None = None


ATTEMPTS = 3


def enrich(article_id: int, *, force: bool = False) -> Outcome:
    """Enrich one story; `force` regenerates even when its text is unchanged.

    The slow part (the generator, perhaps a remote model) works on a copy
    read without locks; what it found is then written in a short
    transaction, to a fresh copy, only if the story has not changed
    meanwhile (otherwise it starts again).
    """
    for attempt in range(ATTEMPTS):
        page, _, working = load(article_id)
        expect = snapshot(page)
        story = page_text.story_for(working)
        enrichment = Enrichment.objects.filter(article_id=article_id).first()
        enrichment = enrichment or Enrichment(article_id=article_id)
        outcome = Outcome(article_id=article_id)
        has_faqs = bool(list(working.faqs.all()))
        # A story whose FAQ was lost (an edit form opened before enrichment
        # and saved after) is worked on again even if its text is the same.
        if (
            not force
            and has_faqs
            and enrichment.text_hash == page_text.text_hash(story)
        ):
            outcome.unchanged = True
            return outcome
        settings = EnrichmentSettings.current()
        from_wire = ArticlePage.objects.filter(
            pk=article_id, wire_item__isnull=False
        ).exists()
        plan = Plan()
        with outcome.timed("faq"):
            plan.faq = generate_faq(story, max_pairs=MAX_FAQS)
        with outcome.timed("topics"):
            plan.topics = topic_suggestions(working, story, enrichment)
        with outcome.timed("summary"):
            plan_summaries(working, story, plan)
        with outcome.timed("section"):
            plan.section, plan.confidence = section_guess(story, settings)
        try:
            with WorkingCopy(article_id, expect=expect) as copy:
                apply(copy, plan, enrichment, outcome, from_wire, settings)
        except Changed:
            if attempt == ATTEMPTS - 1:
                raise
            continue
        return outcome


def apply(copy, plan, enrichment, outcome, from_wire, settings) -> None:
    working = copy.working
    write_faqs(working, plan.faq, enrichment, outcome)
    add_topics(working, plan.topics, enrichment, outcome, from_wire, settings)
    fill_summaries(working, plan, outcome)
    enrichment.suggested_section = None
    enrichment.section_confidence = plan.confidence
    if plan.section and plan.section.pk != working.section_id:
        enrichment.suggested_section = plan.section
        outcome.section = plan.section.title
        outcome.section_confidence = plan.confidence
    # The final text, standfirst filled in: what the next run compares.
    story = page_text.story_for(working)
    with outcome.timed("features"):
        enrichment.features = related_stories.features_for(working, story)
    enrichment.text_hash = page_text.text_hash(story)
    enrichment.enriched_at = timezone.now()
    enrichment.faq_backend = outcome.faq_backend
    enrichment.save()
    PageLogEntry.objects.log_action(
        copy.page, LOG_ACTION, data=log_data(outcome), content_changed=False
    )


# FAQ


def write_faqs(working, result, enrichment, outcome: Outcome) -> None:
    """Regenerate the untouched generated pairs; keep every other pair."""
    existing = sorted(working.faqs.all(), key=lambda faq: faq.sort_order or 0)
    kept = [faq for faq in existing if faq.editors_own]
    taken = {question_key(faq.question) for faq in kept}
    outcome.faq_backend = result.backend_name
    fresh = []
    for pair in result.pairs:
        if len(kept) + len(fresh) >= MAX_FAQS:
            break
        if question_key(pair.question) in taken:
            continue
        taken.add(question_key(pair.question))
        fresh.append(
            ArticleFAQ(
                question=pair.question,
                answer=pair.answer,
                generated=True,
                sources=list(pair.sources),
                fingerprint=faq_fingerprint(pair.question, pair.answer),
            )
        )
    for position, faq in enumerate(kept + fresh):
        faq.sort_order = position
    working.faqs = kept + fresh
    # Remembered, so a pair that comes back through the admin's form (which
    # does not carry these fields for a pair not saved yet) is known again.
    enrichment.generated_pairs = {faq.fingerprint: faq.sources for faq in fresh}
    outcome.faqs = len(fresh)


# Topics


def current_topic_keys(working) -> set[str]:
    return {topic_key(name) for name in working.topic_names()}


def topic_suggestions(working, story, enrichment) -> list[str]:
    have = current_topic_keys(working)
    rejected = {topic_key(name) for name in enrichment.rejected_topics}
    existing = list(Topic.objects.values_list("name", flat=True))
    return [
        suggestion.name
        for suggestion in suggest_topic_names(story, existing, limit=MAX_TOPICS)
        if topic_key(suggestion.name) not in have | rejected
    ]


def add_topics(working, names, enrichment, outcome, from_wire, settings):
    """Wire stories take the suggested topics at once when the site says so;
    the others keep them as suggestions for an editor."""
    have = current_topic_keys(working)
    names = [name for name in names if topic_key(name) not in have]
    if from_wire and settings.wire_topics:
        room = max(0, MAX_TOPICS - len(have))
        apply_topics(working, names[:room])
        outcome.topics_added = names[:room]
        enrichment.suggested_topics = []
    else:
        enrichment.suggested_topics = names
        outcome.topics_suggested = names


def topic_named(name: str) -> Topic:
    """The topic of this name, or of the same slug ("US Economy" and "U.S.
    Economy"), else a new one."""
    name = name[:100]
    slug = slugify(name, allow_unicode=True)[:100]
    topic = Topic.objects.filter(Q(name__iexact=name) | Q(slug=slug)).first()
    return topic or Topic.objects.create(name=name)


def apply_topics(working, names: list[str]) -> None:
    """Tag the story: the first topic leads when it has none, the rest follow."""
    links = list(working.article_topics.all())
    linked = {link.topic_id for link in links}
    for name in names:
        topic = topic_named(name)
        if not working.topic_id:
            working.topic = topic
        elif topic.pk != working.topic_id and topic.pk not in linked:
            links.append(ArticleTopic(topic=topic, sort_order=len(links)))
            linked.add(topic.pk)
    working.article_topics = links


# Standfirst and meta description


def plan_summaries(working, story, plan: Plan) -> None:
    from broadsheet.enrich.nlp import summary

    if not working.standfirst.strip():
        plan.standfirst = summary.standfirst(story)
    if not working.search_description.strip():
        plan.description = summary.meta_description(story)


def fill_summaries(working, plan: Plan, outcome: Outcome) -> None:
    """Only what is still empty: an editor may have written one meanwhile."""
    if plan.standfirst and not working.standfirst.strip():
        working.standfirst = plan.standfirst
        outcome.filled.append("standfirst")
    if plan.description and not working.search_description.strip():
        working.search_description = plan.description
        outcome.filled.append("meta description")


# Section


def section_guess(story, settings):
    """(SectionPage or None, confidence or None): the classifier's section
    when it is sure enough."""
    guess = section_classifier.guess(story.text, settings.section_threshold)
    if guess is None:
        return None, None
    return guess


# Writing back


ENRICHED_FIELDS = [
    "standfirst",
    "search_description",
    "topic",
    "faqs",
    "article_topics",
]


def save_working_copy(page, working, revision: Revision | None) -> None:
    if revision is not None:
        # A draft: editors see the change in the admin; readers on publish.
        Revision.objects.filter(pk=revision.pk).update(
            content=working.serializable_data()
        )
        return
    # Only what enrichment changes: the rest of the row may have been
    # changed by an editor since it was read.
    working.save(clean=False, update_fields=ENRICHED_FIELDS)
    # The live page's revision(s) must say what the live page holds, or the
    # next edit in the admin would silently drop what enrichment added.
    revisions = {page.latest_revision_id, page.live_revision_id} - {None}
    if revisions:
        Revision.objects.filter(pk__in=revisions).update(
            content=working.serializable_data()
        )
    if page.live:
        from broadsheet.search.index import index_articles

        index_articles([working])
        # Its page and the lists of its (perhaps new) topics.
        invalidate(articles_tags([working.pk]))


def log_data(outcome: Outcome) -> dict:
    return {
        "faqs": outcome.faqs,
        "faq_backend": outcome.faq_backend,
        "topics_added": outcome.topics_added,
        "topics_suggested": outcome.topics_suggested,
        "section": outcome.section,
        "filled": outcome.filled,
    }


# An editor's decisions (the enrichment page in the admin)


def approve_generated(article_id: int) -> int:
    """Approve every generated pair still supported by the story's text:
    from now on they are the editor's."""
    with WorkingCopy(article_id) as copy:
        sentences = page_text.story_for(copy.working).sentences
        faqs = list(copy.working.faqs.all())
        waiting = [
            faq
            for faq in faqs
            if faq.generated
            and not faq.approved
            and grounding.support(faq.answer, sentences) is not None
        ]
        for faq in waiting:
            faq.approved = True
        copy.working.faqs = faqs
        copy.discard = not waiting
    return len(waiting)


def decide_topic(article_id: int, name: str, accept: bool) -> None:
    """Tag the story with a suggested topic, or never suggest it again."""
    with WorkingCopy(article_id) as copy:
        enrichment, _ = Enrichment.objects.get_or_create(article_id=article_id)
        enrichment.suggested_topics = [
            n for n in enrichment.suggested_topics if topic_key(n) != topic_key(name)
        ]
        if accept:
            apply_topics(copy.working, [name])
        else:
            enrichment.rejected_topics = [*enrichment.rejected_topics, name]
            copy.discard = True
        enrichment.save()
