"""The desk's work for the worker: assignment turns (assignment.py).

Turns run in slices of about SLICE_SECONDS: a slice that leaves copy waiting
queues the next one. The worker publishes scheduled stories between tasks,
so a backlog never holds a story past its time by more than a slice (it
held them for the 17 minutes a bulk import's 100,000 items took to place).
"""

from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from broadsheet.desk import assignment

SLICE_SECONDS = 5.0


@task()
def assign_items() -> int:
    """The wire items waiting for their story (sent after each intake batch;
    run twice, the second finds nothing left to do)."""
    done, more = assignment.assign_for(SLICE_SECONDS)
    if more:
        assign_items.enqueue()
    return done


@task()
def assign_articles(article_ids: list[int]) -> int:
    """Published stories join their story on the desk (and anything waiting
    before them goes first, in arrival order)."""
    done, more = assignment.assign_for(SLICE_SECONDS)
    if more:
        # Their turn comes once the copy that arrived before them is placed.
        assign_articles.enqueue(article_ids)
        return done
    return done + assignment.assign(article_ids=article_ids)


def queue_waiting() -> None:
    """The minute job (settings.WORKER_JOBS): wire items a lost task left off
    the desk get a task, unless one is already queued."""
    if not assignment.waiting_items(limit=1):
        return
    queued = DBTaskResult.objects.filter(
        task_path=assign_items.module_path, status=TaskResultStatus.READY
    )
    if not queued.exists():
        assign_items.enqueue()
