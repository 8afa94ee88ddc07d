"""The desk's work for the worker: assignment turns (assignment.py)."""

from django_tasks import task

from broadsheet.desk import assignment


@task()
def assign_items() -> int:
    """Every wire item waiting for its story (sent after each intake batch;
    run twice, the second finds nothing left to do)."""
    return assignment.assign_waiting()


@task()
def assign_articles(article_ids: list[int]) -> int:
    """Published stories join their story on the desk (and anything waiting
    before them goes first, in arrival order)."""
    return assignment.assign(article_ids=article_ids) + assignment.assign_waiting()
