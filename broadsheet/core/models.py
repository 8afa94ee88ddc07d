"""What the workers share through the database, so that several of them,
on one machine or many, divide the work instead of doing it twice."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """A running `broadsheet worker`: it touches its row every few seconds.
    A task still marked running by a worker whose row went quiet is queued
    again (broadsheet/core/work.py)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    queues = models.CharField(max_length=200)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.worker_id


class PeriodicJob(models.Model):
    """When a periodic job (settings.WORKER_JOBS) is next due. A worker runs
    it only if its conditional UPDATE moves next_run_at on, so exactly one
    worker runs each turn."""

    name = models.CharField(max_length=200, primary_key=True)
    next_run_at = models.DateTimeField()

    def __str__(self):
        return self.name
