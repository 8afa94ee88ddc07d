"""The technical knobs of the comment defences, as Django settings with
defaults that are safe on a busy site. (Editorial choices: moderation policy,
blocklist, default switch, live in CommentSettings, in the admin.)"""

from django.conf import settings

DEFAULTS = {
    # A person needs more than this to read a story and write a line; a bot
    # posting the form it just fetched does not.
    "COMMENTS_MIN_SECONDS": 3,
    # A form older than this is a replay or a tab left open for days.
    "COMMENTS_FORM_MAX_AGE": 2 * 24 * 3600,
    # (posts, seconds) per hashed IP address and per email; None: no limit.
    "COMMENTS_RATE_LIMITS": {"ip": (5, 60), "email": (3, 60)},
    "COMMENTS_MAX_LINKS": 3,
    # The same text from the same person within this long is a duplicate.
    "COMMENTS_DUPLICATE_SECONDS": 24 * 3600,
    "COMMENTS_PER_PAGE": 100,
}
# Spam scores: from DOUBTFUL a comment waits for a moderator whatever the
# policy; from SPAM it goes to the spam folder.
DOUBTFUL_SCORE = 0.3
SPAM_SCORE = 0.8


def get(name):
    return getattr(settings, name, DEFAULTS[name])
