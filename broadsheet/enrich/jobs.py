"""Enrichment's periodic jobs (settings.WORKER_JOBS): cheap checks that
queue the slow work for the training queue's worker."""

from broadsheet.enrich.section_classifier import retraining_due


def queue_section_training() -> None:
    from broadsheet.enrich.tasks import retrain_sections

    if retraining_due():
        retrain_sections.enqueue()
