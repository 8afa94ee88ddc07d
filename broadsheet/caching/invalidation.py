"""The one home of cache invalidation.

Each app says what its models' changes invalidate in its own
`invalidation.py`, whose `connect()` registers rules here (apps.py calls
every app's in one loop); code that changes what readers see without a
model signal (a bulk insert, an `update()`) calls `invalidate(tags)`. Every
settings model is covered by one rule below. Nothing else writes tag
versions, and `tags_invalidated` is sent from here only, after commit, for
anything in front (broadsheet.cdn).
"""

import logging

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Site

from broadsheet.caching import store, versions
from broadsheet.caching.signals import SITE_TAG, tags_invalidated

log = logging.getLogger(__name__)


def invalidate(tags) -> None:
    """Everything showing one of these tags is stale: now, and again when the
    surrounding transaction commits (a page rendered in between, by another
    process reading the old rows, must not pass for fresh); then anything in
    front is told.

    Each new version makes every page showing the tag render again, and
    under load that render comes at once. So a transaction's invalidations
    are gathered and all marked again together at commit, and a tag the
    transaction already marked is not marked again before the commit unless
    this process has cached something since (it may show the transaction's
    changes so far: other processes cannot see them before the commit). A
    story's save signal and its enrichment both name its page: about eight
    new versions a publish before, four after (docs/benchmarks.md, "Reading
    while publishing"). Outside a transaction, once."""
    tags = frozenset(tags)
    if not tags:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _committed(tags)
        return
    pending = _pending(connection)
    # Marked by this transaction already, with nothing cached here since.
    due = {tag for tag in tags if pending.marked.get(tag) != store.stored}
    if due:
        versions.bump(due)
        pending.marked.update(dict.fromkeys(due, store.stored))


class _Pending:
    """A transaction's invalidated tags, marked again when it commits."""

    def __init__(self):
        # tag -> how many entries this process had cached when it was marked
        self.marked = {}

    def __call__(self):
        tags, self.marked = frozenset(self.marked), {}
        if tags:
            _committed(tags)


def _pending(connection) -> _Pending:
    """This transaction's gathering, registered to run on commit. One left
    by a transaction that ended (its callback no longer waiting: committed,
    or dropped with a rolled-back savepoint) is replaced."""
    pending = getattr(connection, "_broadsheet_pending_tags", None)
    waiting = pending is not None and any(
        callback is pending for _, callback, _ in connection.run_on_commit
    )
    if not waiting:
        pending = _Pending()
        connection._broadsheet_pending_tags = pending
        transaction.on_commit(pending)
    return pending


def _committed(tags) -> None:
    versions.bump(tags)
    for receiver, error in tags_invalidated.send_robust(sender=None, tags=tags):
        if error is not None:
            log.error("purging %s failed in %r: %r", sorted(tags), receiver, error)


def invalidate_all() -> None:
    invalidate({SITE_TAG})


def on_change(model, tags_of, *, skip_created=False) -> None:
    """Saving or deleting a `model` invalidates `tags_of(instance)`."""

    def saved(sender, instance, created=False, **kwargs):
        if not (created and skip_created):
            invalidate(tags_of(instance))

    def deleted(sender, instance, **kwargs):
        invalidate(tags_of(instance))

    uid = f"bs-invalidate-{model._meta.label}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}-del")


def settings_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, (BaseSiteSetting, BaseGenericSetting))
    ]


def connect() -> None:
    # Every settings model, whatever app it lives in, may change anything on
    # any page. Wagtail creates a site's row, empty, the first time a page
    # asks for it: nothing a reader sees has changed then.
    for model in settings_models():
        on_change(model, lambda instance: {SITE_TAG}, skip_created=True)
    # A site's host, port or root page: where every address leads (routes.py).
    on_change(Site, lambda instance: {SITE_TAG})
