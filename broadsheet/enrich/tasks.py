"""Enrichment as background work: on create, import and publish."""

import logging

from django_tasks import task

from broadsheet.enrich import articles, related_stories
from broadsheet.news.models import ArticlePage

log = logging.getLogger(__name__)


@task()
def enrich_stories(article_ids: list[int], force: bool = False) -> dict:
    """Enrich these stories, then rank their related stories; the lists they
    now belong in are refreshed by a second task, so a new story's own page
    is complete first."""
    enriched = unchanged = failed = 0
    for article_id in article_ids:
        try:
            outcome = articles.enrich(article_id, force=force)
        except ArticlePage.DoesNotExist:
            continue  # deleted since
        except Exception:  # one story must not stop the others
            log.exception("enriching story %s failed", article_id)
            failed += 1
            continue
        unchanged += outcome.unchanged
        enriched += not outcome.unchanged
    neighbours = set()
    for article_id in article_ids:
        try:
            neighbours.update(related_stories.refresh(article_id))
        except Exception:
            log.exception("ranking related stories of %s failed", article_id)
    neighbours.difference_update(article_ids)
    if neighbours:
        refresh_related.enqueue(sorted(neighbours))
    return {"enriched": enriched, "unchanged": unchanged, "failed": failed}


@task()
def refresh_related(article_ids: list[int]) -> int:
    for article_id in article_ids:
        related_stories.refresh(article_id)
    return len(article_ids)
