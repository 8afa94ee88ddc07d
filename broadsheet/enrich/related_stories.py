""" "You may also like", computed when a story is published or changed.

Each story's features (weighted terms, entities, topics, section) are kept
with its enrichment. To rank a story's related stories, candidates come from
the readers' search index (its top terms, any of them), from its topics and
from its section; broadsheet.enrich.nlp.ranking ranks them. The result is stored
as RelatedStory rows, so the article page reads its list in one query.
"""

from django.db import transaction
from django.utils import timezone

from broadsheet.caching.invalidation import invalidate
from broadsheet.enrich.models import Enrichment, RelatedStory, SectionModel
from broadsheet.enrich.nlp import entities, ranking
from broadsheet.enrich.section_classifier import newest_model_pk
from broadsheet.news.models import RELATED_COUNT, ArticlePage
from broadsheet.search.index import backend

SEARCH_CANDIDATES = 200
TOPIC_CANDIDATES = 50
SECTION_CANDIDATES = 50
QUERY_TERMS = 8
# The page promises a few stories: when too few are related enough, the
# newest of the same section fill the list up to this many.
MIN_RELATED = 3
# What a RelatedStory row keeps of the reason a story was chosen.
REASON_LENGTH = RelatedStory._meta.get_field("reason").max_length

_vocabulary: dict[int, dict] = {}


def idf():
    """Inverse document frequencies of the archive, from the newest section
    model (`train_sections` counts them); None before any training."""

    pk = newest_model_pk()
    if pk is None:
        return None
    if pk not in _vocabulary:
        vocabulary = SectionModel.objects.filter(pk=pk).values_list(
            "vocabulary", flat=True
        )[0]
        _vocabulary.clear()
        _vocabulary[pk] = ranking.idf_from(
            vocabulary.get("documents", 0), vocabulary.get("frequencies", {})
        )
    return _vocabulary[pk]


def features_for(page, story) -> dict:

    names = [entity.name for entity in entities.key_entities(story, limit=10)]
    return ranking.features(story, idf(), names, page.topic_names()).to_dict()


def candidate_ids(page, features) -> set[int]:

    search = backend()
    words = ranking.query_words(features, QUERY_TERMS)
    ids = set()
    if words:
        found, _ = search.ranked(search.expression(words, True), 0, SEARCH_CANDIDATES)
        ids.update(found)
    published = ArticlePage.objects.published().newest_first()
    if page.topic_id:
        ids.update(
            published.about(page.topic).values_list("pk", flat=True)[:TOPIC_CANDIDATES]
        )
    if page.section_id:
        ids.update(
            published.filter(section_id=page.section_id).values_list("pk", flat=True)[
                :SECTION_CANDIDATES
            ]
        )
    ids.discard(page.pk)
    return ids


def refresh(article_id: int) -> list[int]:
    """Recompute one published story's list; the ids now in it."""

    page = (
        ArticlePage.objects.published()
        .select_related("topic", "section")
        .filter(pk=article_id)
        .first()
    )
    enrichment = Enrichment.objects.filter(article_id=article_id).first()
    if page is None or enrichment is None or not enrichment.features:
        RelatedStory.objects.filter(article_id=article_id).delete()
        return []
    target = ranking.Features.from_dict(enrichment.features)
    ids = candidate_ids(page, target)
    published = ArticlePage.objects.published()
    # The candidates still published, then their features: two indexed
    # lookups by id (a subquery of published() would scan the archive).
    dates = dict(published.filter(pk__in=ids).values_list("pk", "published_at"))
    rows = Enrichment.objects.filter(article_id__in=dates).values_list(
        "article_id", "features"
    )
    candidates = [
        (pk, ranking.Features.from_dict(features), dates[pk])
        for pk, features in rows
        if features
    ]
    pins = list(
        page.pinned_stories.filter(story__in=published)
        .order_by("sort_order")
        .values_list("story_id", flat=True)
    )
    ranked = ranking.rank(
        target,
        candidates,
        now=timezone.now(),
        pins=pins,
        exclude_ids={page.pk},
        limit=RELATED_COUNT,
    )
    if len(ranked) < MIN_RELATED and page.section_id:
        ranked += section_fill(page, ranked, MIN_RELATED - len(ranked))
    before = list(
        RelatedStory.objects.filter(article_id=article_id)
        .order_by("position")
        .values_list("story_id", "reason")
    )
    if before == [(item.id, item.reason[:REASON_LENGTH]) for item in ranked]:
        return [item.id for item in ranked]
    with transaction.atomic():
        # The story's "You may also like" fragment shows the new list.
        invalidate({f"related:{article_id}"})
        RelatedStory.objects.filter(article_id=article_id).delete()
        RelatedStory.objects.bulk_create(
            RelatedStory(
                article_id=article_id,
                story_id=item.id,
                position=position,
                score=item.score,
                reason=item.reason[:REASON_LENGTH],
            )
            for position, item in enumerate(ranked)
        )
    return [item.id for item in ranked]


def section_fill(page, ranked, count):

    taken = {item.id for item in ranked} | {page.pk}
    newest = (
        ArticlePage.objects.published()
        .filter(section_id=page.section_id)
        .exclude(pk__in=taken)
        .newest_first()
        .values_list("pk", flat=True)[:count]
    )
    reason = f"Also in {page.section.title}" if page.section else ""
    return [ranking.Related(pk, 0.0, reason) for pk in newest]


def lists_naming(article_id: int) -> list[int]:
    """Stories whose list shows this one (to refresh when it changes)."""
    return list(
        RelatedStory.objects.filter(story_id=article_id).values_list(
            "article_id", flat=True
        )
    )
