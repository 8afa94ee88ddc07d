"""The site's section classifier, in the database: training and guessing."""

import logging
import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from broadsheet.enrich import page_text
from broadsheet.enrich.models import EnrichmentSettings, SectionModel

log = logging.getLogger(__name__)

# The loaded model of the newest SectionModel row, by its id: loading costs a
# few hundred milliseconds, guessing a fraction of one.
_loaded: dict[int, object] = {}


def newest_model_pk() -> int | None:
    """The id of the section model in use (the newest), if any."""
    return (
        SectionModel.objects.order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )


def latest_model():
    pk = newest_model_pk()
    if pk is None:
        return None
    if pk not in _loaded:
        # Imported only when there is a model: scikit-learn takes seconds to
        # import, which an import run or a page without one should not pay.
        from broadsheet.enrich.nlp import section_model

        data = SectionModel.objects.filter(pk=pk).values_list("data", flat=True)[0]
        try:
            model = section_model.SectionModel.loads(bytes(data))
        except Exception as error:  # a model from another version: retrain
            log.warning("section model %s unusable (%s); run train_sections", pk, error)
            model = None
        _loaded.clear()
        _loaded[pk] = model
    return _loaded[pk]


def guess(text: str, threshold: float):
    """(SectionPage, confidence) when the model is at least `threshold` sure."""
    from broadsheet.news.models import SectionPage

    model = latest_model()
    if model is None:
        return None
    label, confidence = model.predict(text)
    if confidence < threshold:
        return None
    section = SectionPage.objects.filter(slug=label).first()
    return (section, confidence) if section else None


def guess_many(texts: list[str]) -> list:
    """For each text, its SectionPage when the model is sure enough, else None."""
    from broadsheet.news.models import SectionPage

    model = latest_model() if texts else None
    if model is None:
        return [None] * len(texts)
    threshold = EnrichmentSettings.current().section_threshold
    by_slug = {section.slug: section for section in SectionPage.objects.all()}
    return [
        by_slug.get(label) if confidence >= threshold else None
        for label, confidence in model.predict_many(texts)
    ]


RETRAIN_AFTER = timedelta(days=7)
RETRAIN_GROWTH = 1.2  # or sooner, once the archive has grown by a fifth


def retrain_if_due() -> SectionModel | None:
    """Train when there is no model, the model is a week old, or the archive
    has grown by a fifth since; the worker asks once a day."""
    from broadsheet.enrich.nlp.section_model import NotEnoughStories
    from broadsheet.news.models import ArticlePage

    newest = SectionModel.objects.order_by("-created_at").first()
    published = ArticlePage.objects.published().count()
    due = (
        newest is None
        or timezone.now() - newest.created_at > RETRAIN_AFTER
        or published > newest.stories * RETRAIN_GROWTH
    )
    if not due:
        return None
    try:
        return train()
    except NotEnoughStories as error:
        log.info("section model not trained: %s", error)
        return None


def train(report=lambda line: None) -> SectionModel:
    """Train on every published story, each labelled with its section's slug."""
    from broadsheet.enrich.nlp import ranking, section_model
    from broadsheet.news.models import ArticlePage

    started = time.monotonic()
    texts, labels = [], []
    stories = (
        ArticlePage.objects.published()
        .filter(section__isnull=False)
        .select_related("section", "topic")
        .order_by("pk")
    )
    for page in stories.iterator(chunk_size=500):
        texts.append(page_text.story_for(page).text)
        labels.append(page.section.slug)
    report(f"{len(texts)} published stories read in {time.monotonic() - started:.1f} s")
    model = section_model.train(texts, labels)
    n_docs, frequencies = ranking.document_frequencies(texts)
    with transaction.atomic():
        row = SectionModel.objects.create(
            stories=len(texts),
            sections=sorted(set(labels)),
            report={
                "seconds": round(time.monotonic() - started, 1),
                "per_section": {s: labels.count(s) for s in sorted(set(labels))},
            },
            vocabulary={"documents": n_docs, "frequencies": frequencies},
            data=model.dumps(),
        )
        # Older models are of no further use.
        SectionModel.objects.exclude(pk=row.pk).delete()
    return row
