"""Enrichment as background work: on create, import and publish."""

from django_tasks import task

from broadsheet.enrich import articles, similar


@task()
def enrich_stories(article_ids: list[int], force: bool = False) -> dict:
    """Enrich these stories, then rank their related stories; the lists they
    now belong in are refreshed by a second task, so a new story's own page
    is complete first."""
    enriched = unchanged = 0
    for article_id in article_ids:
        outcome = articles.enrich(article_id, force=force)
        unchanged += outcome.unchanged
        enriched += not outcome.unchanged
    neighbours = set()
    for article_id in article_ids:
        neighbours.update(similar.refresh(article_id))
    neighbours.difference_update(article_ids)
    if neighbours:
        refresh_related.enqueue(sorted(neighbours))
    return {"enriched": enriched, "unchanged": unchanged}


@task()
def refresh_related(article_ids: list[int]) -> int:
    for article_id in article_ids:
        similar.refresh(article_id)
    return len(article_ids)
