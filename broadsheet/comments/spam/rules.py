"""A local rule set for comment spam: small, explainable, offline.

Each rule adds to the score and names itself, so a moderator sees why a
comment waits. Scores are meant for routing, not dropping: a doubtful
comment goes to the queue, a near-certain one to the spam folder, where a
moderator can still restore it.
"""

import re

from broadsheet.comments import text
from broadsheet.comments.spam.base import SpamChecker, Verdict

# The vocabulary of comment spam on news sites; whole words, any case.
SPAM_WORDS = re.compile(
    r"\b(viagra|cialis|casino|poker|porn|xxx|escort|payday|loans?|forex|"
    r"bitcoin|crypto|replica|rolex|seo services|backlinks?|buy now|click here|"
    r"work from home|make money|earn \$?\d+|100% free|free trial|cheap)\b",
    re.IGNORECASE,
)
MARKUP_LINK = re.compile(r"\[url=|<a\s+href|\[link", re.IGNORECASE)
SHORTENERS = re.compile(r"https?://(bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly)/", re.I)
REPEATED = re.compile(r"(.)\1{9,}")
SHOUTING_MIN_LETTERS = 20
SHORT_WITH_LINK = 40


class RuleChecker(SpamChecker):
    def check(self, submission):
        reasons, score = [], 0.0
        for rule in RULES:
            points, reason = rule(submission)
            if points:
                score += points
                reasons.append(reason)
        return Verdict(round(min(score, 1.0), 2), reasons)


def links(s):
    count = len(text.urls(s.body))
    return (0.2 * (count - 1), f"{count} links") if count > 1 else (0, "")


def spam_words(s):
    found = {m.lower() for m in SPAM_WORDS.findall(f"{s.name} {s.body}")}
    return (min(0.3 * len(found), 0.9), f"spam words: {', '.join(sorted(found))}")


def link_in_name(s):
    return (0.5, "link in the name") if re.search(r"https?:|www\.", s.name) else (0, "")


def markup_links(s):
    return (0.4, "link markup") if MARKUP_LINK.search(s.body) else (0, "")


def shortened_links(s):
    return (0.3, "shortened link") if SHORTENERS.search(s.body) else (0, "")


def short_with_link(s):
    short = len(s.body) < SHORT_WITH_LINK and text.urls(s.body)
    return (0.2, "short comment with a link") if short else (0, "")


def shouting(s):
    letters = [c for c in s.body if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    loud = len(letters) >= SHOUTING_MIN_LETTERS and upper > 0.7 * len(letters)
    return (0.2, "mostly capitals") if loud else (0, "")


def repeated(s):
    return (0.1, "repeated characters") if REPEATED.search(s.body) else (0, "")


RULES = [
    links,
    spam_words,
    link_in_name,
    markup_links,
    shortened_links,
    short_with_link,
    shouting,
    repeated,
]
