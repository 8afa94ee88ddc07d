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

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from broadsheet.core.cache import bump_content_generation
from broadsheet.enrich import classifier, pages
from broadsheet.enrich.backends import generate_faq
from broadsheet.enrich.models import LOG_ACTION, Enrichment, site_settings
from broadsheet.enrich.topics import suggest_topic_names
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


class WorkingCopy:
    """The version of a story editors see, locked, to change and save.

    with WorkingCopy(article_id) as copy: change copy.working; it is saved on
    leaving the block unless copy.discard is set.
    """

    def __init__(self, article_id: int):
        self.article_id = article_id
        self.discard = False

    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        page = (
            ArticlePage.objects.select_for_update(of=("self",))
            .select_related("topic", "section")
            .get(pk=self.article_id)
        )
        pending = page.latest_revision_id and (
            page.has_unpublished_changes or not page.live
        )
        self.page = page
        self.revision = page.latest_revision if pending else None
        self.working = self.revision.as_object() if self.revision else page
        return self

    def __exit__(self, kind, error, traceback):
        if kind is None and not self.discard:
            save_working_copy(self.page, self.working, self.revision)
        return self.atomic.__exit__(kind, error, traceback)


def enrich(article_id: int, *, force: bool = False) -> Outcome:
    """Enrich one story; `force` regenerates even when its text is unchanged."""
    with WorkingCopy(article_id) as copy:
        page, working = copy.page, copy.working
        story = pages.story_for(working)
        digest = pages.text_hash(story)
        enrichment, _ = Enrichment.objects.get_or_create(article_id=page.pk)
        outcome = Outcome(article_id=page.pk)
        if not force and enrichment.text_hash == digest:
            outcome.unchanged = copy.discard = True
            return outcome
        settings = site_settings()
        from_wire = hasattr(page, "wire_item")

        with outcome.timed("faq"):
            write_faqs(working, story, outcome)
        with outcome.timed("topics"):
            add_topics(working, story, enrichment, outcome, from_wire, settings)
        with outcome.timed("summary"):
            fill_summaries(working, story, outcome)
        with outcome.timed("section"):
            suggest_section(working, story, enrichment, outcome, settings)
        with outcome.timed("features"):
            enrichment.features = features_for(working, story)
        enrichment.text_hash = digest
        enrichment.enriched_at = timezone.now()
        enrichment.faq_backend = outcome.faq_backend
        enrichment.save()
        PageLogEntry.objects.log_action(
            page, LOG_ACTION, data=log_data(outcome), content_changed=False
        )
    return outcome


# FAQ


def normal_question(question: str) -> str:
    return " ".join(
        "".join(c for c in question.lower() if c.isalnum() or c == " ").split()
    )


def write_faqs(working, story, outcome: Outcome) -> None:
    """Regenerate the untouched generated pairs; keep every other pair."""
    existing = sorted(working.faqs.all(), key=lambda faq: faq.sort_order or 0)
    kept = [faq for faq in existing if faq.editors_own]
    taken = {normal_question(faq.question) for faq in kept}
    result = generate_faq(story, max_pairs=MAX_FAQS)
    outcome.faq_backend = result.backend_name
    fresh = []
    for pair in result.pairs:
        if len(kept) + len(fresh) >= MAX_FAQS:
            break
        if normal_question(pair.question) in taken:
            continue
        taken.add(normal_question(pair.question))
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
    outcome.faqs = len(fresh)


# Topics


def topic_key(name: str) -> str:
    return " ".join(name.casefold().split())


def add_topics(working, story, enrichment, outcome, from_wire, settings):
    """Suggest topics; wire stories take them at once when the site says so."""
    current = [working.topic] if working.topic_id else []
    current += [link.topic for link in working.article_topics.all()]
    have = {topic_key(topic.name) for topic in current if topic}
    rejected = {topic_key(name) for name in enrichment.rejected_topics}
    existing = list(Topic.objects.values_list("name", flat=True))
    names = [
        suggestion.name
        for suggestion in suggest_topic_names(story, existing, limit=MAX_TOPICS)
        if topic_key(suggestion.name) not in have | rejected
    ]
    if from_wire and settings.wire_topics:
        room = max(0, MAX_TOPICS - len(have))
        apply_topics(working, names[:room])
        outcome.topics_added = names[:room]
        enrichment.suggested_topics = []
    else:
        enrichment.suggested_topics = names
        outcome.topics_suggested = names


def topic_named(name: str) -> Topic:
    topic = Topic.objects.filter(name__iexact=name).first()
    return topic or Topic.objects.create(name=name[:100])


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


def fill_summaries(working, story, outcome: Outcome) -> None:
    from broadsheet.enrich import summary

    if not working.standfirst.strip() and (text := summary.standfirst(story)):
        working.standfirst = text
        outcome.filled.append("standfirst")
    description = working.search_description.strip()
    if not description and (text := summary.meta_description(story)):
        working.search_description = text
        outcome.filled.append("meta description")


# Section


def suggest_section(working, story, enrichment, outcome, settings) -> None:
    """The classifier's section, when it is sure enough and differs."""
    enrichment.suggested_section = None
    enrichment.section_confidence = None
    guess = classifier.guess(story.text, settings.section_threshold)
    if guess is None:
        return
    section, confidence = guess
    enrichment.section_confidence = confidence
    if section.pk != working.section_id:
        enrichment.suggested_section = section
        outcome.section, outcome.section_confidence = section.title, confidence


# Related stories' features


def features_for(working, story) -> dict:
    from broadsheet.enrich import similar

    return similar.features_for(working, story)


# Writing back


def save_working_copy(page, working, revision: Revision | None) -> None:
    if revision is not None:
        # A draft: editors see the change in the admin; readers on publish.
        Revision.objects.filter(pk=revision.pk).update(
            content=working.serializable_data()
        )
        return
    working.save(clean=False)
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
        transaction.on_commit(bump_content_generation)


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
    """Approve every generated pair: from now on they are the editor's."""
    with WorkingCopy(article_id) as copy:
        faqs = list(copy.working.faqs.all())
        waiting = [faq for faq in faqs if faq.generated and not faq.approved]
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
