"""Spam checkers: each scores a comment from 0 (fine) to 1 (spam) with its
reasons. The local rule set needs no network; an external service can be
added as one more checker (see base.py) in settings.COMMENTS_SPAM_CHECKERS.
"""

from django.conf import settings
from django.utils.module_loading import import_string

from broadsheet.comments.spam.base import Verdict

DEFAULT_CHECKERS = ["broadsheet.comments.spam.rules.RuleChecker"]


def checkers():
    paths = getattr(settings, "COMMENTS_SPAM_CHECKERS", DEFAULT_CHECKERS)
    return [import_string(path)() for path in paths]


def check(submission):
    """The worst score any checker gives, with every checker's reasons."""
    verdicts = [checker.check(submission) for checker in checkers()]
    return Verdict(
        score=max((v.score for v in verdicts), default=0.0),
        reasons=[reason for v in verdicts for reason in v.reasons],
    )
