"""Words for clustering: what two reports of one event share.

Lower-cased words and numbers (a death toll, a magnitude or a score tells one
event from another of the same kind), without the stop words every story
uses. Line by line, so that the lead can count for more: news copy puts the
event in its first paragraphs (the inverted pyramid) and background further
down, and background is where two different events of one kind look alike.
"""

import re
from collections import Counter

from broadsheet.enrich.nlp.ranking import STOP_WORDS

# Words in any alphabet, and numbers with their decimal point ("6.1").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
# A paragraph's weight is 1 / (1 + index / LEAD_PARAGRAPHS): the first
# paragraphs count fully, the fifth half as much, the fifteenth a quarter.
LEAD_PARAGRAPHS = 5
# A headline states the event: its words count as a lead paragraph's twice.
HEADLINE_WEIGHT = 2.0


def words(text: str) -> list[str]:
    return [
        w
        for w in _TOKEN.findall(text.casefold())
        if (len(w) > 1 or w.isdigit()) and w not in STOP_WORDS
    ]


def term_counts(title: str, text: str) -> Counter:
    """Each word's weighted count: headline, then paragraphs by position."""
    counts: Counter = Counter()
    for word in words(title):
        counts[word] += HEADLINE_WEIGHT
    paragraphs = [p for p in text.splitlines() if p.strip()]
    for index, paragraph in enumerate(paragraphs):
        weight = 1.0 / (1.0 + index / LEAD_PARAGRAPHS)
        for word in words(paragraph):
            counts[word] += weight
    return counts


def shingles(text: str, size: int) -> set[str]:
    """Runs of `size` words, stop words kept: the copy's own wording."""
    tokens = _TOKEN.findall(text.casefold())
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}
