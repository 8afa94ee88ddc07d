""" "You may also like": what a story is about, and which stories are like it.

When a story is published, `features` keeps what ranking needs (its most
telling terms with TF-IDF weights, its key entities, topics and section) so
that ranking a few hundred candidates is arithmetic on small dicts, with no
text to read again. `rank` orders the candidates the app gathers (from the
search index, the story's topics and its section): likeness of words first,
then shared topics, entities and section, with a mild preference for fresh
stories. Pure Python, no Django: bench/eval_sections_related.py measures it
on BBC News.
"""

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from broadsheet.enrich.nlp.lexicon import SKLEARN_STOP_WORDS
from broadsheet.enrich.nlp.story import Story

# Enough terms to describe a story, few enough that a few hundred candidates
# rank in milliseconds and the stored JSON stays around 3 kB.
TERMS_KEPT = 80
# Readers (and editors) put the point of a story in its headline and
# standfirst, so their words count as if written that many times.
HEADLINE_WEIGHT = 3
STANDFIRST_WEIGHT = 2
# A pair of words is a term only when the story repeats it ("interest
# rates") or its headline has it: other pairs are mostly chance neighbours.
MIN_PAIR_COUNT = 2
# Weights are (1 + log tf) * idf ** IDF_POWER. Full idf fills the 80 kept
# terms with the story's rarest words, which few other stories share; its
# square root keeps common but central words ("rates", "striker") in the cut.
# On BBC News precision@5 by cosine alone rose from 0.85 to 0.93, close to
# full, untruncated TF-IDF vectors.
IDF_POWER = 0.5

# Document frequencies: terms in a single story are mostly names and typos,
# and the cap keeps the stored table to a few MB on a large archive. A term
# the table lacks is treated as seen in one story.
MIN_DF = 2
MAX_TERMS = 200_000
_PRUNE_AT = 1_000_000  # counting a huge archive: drop singletons past this
UNSEEN = ""  # the key, in an idf mapping, of the weight of an unknown term

# What a candidate earns beside the cosine of its terms (0..1; the stories
# shown typically score 0.1-0.3). Topics are editors' own labels, so they
# count most; entities are found by machine, and their names are already
# among the terms; a section is broad, but a strong hint among near-equals.
TOPIC_WEIGHT = 0.15  # per shared topic, up to two
ENTITY_WEIGHT = 0.02  # per shared key entity, up to three
SECTION_WEIGHT = 0.05
MAX_SHARED_TOPICS, MAX_SHARED_ENTITIES = 2, 3
# Fresher stories win close calls: after one half-life a story keeps
# 1 - RECENCY_SHARE / 2 of its score, and never less than 1 - RECENCY_SHARE,
# so a clearly closer story of last year still beats today's weaker match.
HALF_LIFE_DAYS = 30
RECENCY_SHARE = 0.15
# Cosine above this is the same story again (a re-filed wire version, a
# correction published as new): never "also like" it.
NEAR_COPY = 0.9
# A candidate needs this much in common with the story beyond its section
# (cosine plus topics and entities), or it would be filler.
MIN_EVIDENCE = 0.03
# Only the story's first few entities say what it is about.
REASON_ENTITIES = 3

# Words, in any alphabet, without the underscore: the search backends accept
# \w+ only. Apostrophes are dropped with what follows ("Blair's" is "blair").
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W\d_]+)?")
# scikit-learn's English list holds words that carry news ("interest
# rates", "a bill", "fire"); add the words every news story uses instead.
_NEWS_CONTENT = {
    "interest", "bill", "fire", "system", "call", "move", "part", "show", "side",
    "top", "full", "found", "made", "find", "front", "bottom", "serious", "empty",
    "fill", "amount", "name", "mill", "detail", "describe", "thick", "thin", "cry",
}  # fmt: skip
_NEWS_WORDS = {"said", "says", "say", "told", "mr", "mrs", "ms", "dr", "year"}
STOP_WORDS = frozenset((SKLEARN_STOP_WORDS - _NEWS_CONTENT) | _NEWS_WORDS)


@dataclass
class Features:
    """What ranking knows about a story; `to_dict` is what the app stores."""

    terms: dict[str, float]  # term (word or "two words") -> weight, L2 unit
    entities: list[str] = field(default_factory=list)  # display names
    topics: list[str] = field(default_factory=list)  # display names
    section: str = ""  # the section's name: compared, never shown

    @cached_property
    def match_keys(self) -> tuple[frozenset[str], frozenset[str], str]:
        """Topics, entities and section as compared (not stored)."""
        return (
            frozenset(map(_key, self.topics)),
            frozenset(map(_key, self.entities)),
            _key(self.section),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "terms": {term: round(w, 5) for term, w in self.terms.items()},
            "entities": list(self.entities),
            "topics": list(self.topics),
            "section": self.section,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Features":
        return cls(
            terms=dict(data.get("terms", {})),
            entities=list(data.get("entities", [])),
            topics=list(data.get("topics", [])),
            section=data.get("section", ""),
        )


@dataclass(frozen=True)
class Related:
    id: Any
    score: float
    reason: str  # reader-facing ("Also about Inflation") or ""


def _words(text: str) -> list[str]:
    words = (match.group().split("'")[0] for match in _WORD.finditer(_fold(text)))
    return [w for w in words if len(w) > 1 and not w.isdigit() and w not in STOP_WORDS]


def _fold(text: str) -> str:
    return text.lower().replace("\u2019", "'")


def terms(text: str) -> list[str]:
    """Words and pairs of neighbouring words ("bank england"), line by line:
    a pair never spans two paragraphs."""
    found = []
    for line in text.splitlines():
        words = _words(line)
        found += words
        found += [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return found


def document_frequencies(
    texts: Iterable[str], *, min_df: int = MIN_DF, max_terms: int = MAX_TERMS
) -> tuple[int, dict[str, int]]:
    """(number of texts, term -> number of texts with it) for `idf_from`,
    keeping the `max_terms` commonest terms seen in at least `min_df` texts."""
    counts: Counter[str] = Counter()
    documents, prune_at = 0, _PRUNE_AT
    for text in texts:
        documents += 1
        counts.update(set(terms(text)))
        if len(counts) > prune_at:  # lossy counting: bounded memory
            counts = Counter({t: n for t, n in counts.items() if n > 1})
            prune_at = max(_PRUNE_AT, 2 * len(counts))
    kept = [(term, n) for term, n in counts.items() if n >= min_df]
    if len(kept) > max_terms:
        kept = heapq.nlargest(max_terms, kept, key=lambda pair: pair[1])
    return documents, dict(kept)


def idf_from(documents: int, frequencies: Mapping[str, int]) -> dict[str, float]:
    """Smoothed inverse document frequencies, with UNSEEN for other terms."""

    def idf(df: int) -> float:
        return math.log((1 + documents) / (1 + df)) + 1

    table = {term: idf(df) for term, df in frequencies.items()}
    table[UNSEEN] = idf(1)
    return table


def features(
    story: Story,
    idf: Mapping[str, float] | None,
    entities: list[str],
    topics: list[str],
) -> Features:
    """A story's features; `idf` None (no archive yet) weighs terms by count."""
    counts: Counter[str] = Counter()
    blocks = [(HEADLINE_WEIGHT, story.headline), (STANDFIRST_WEIGHT, story.standfirst)]
    for weight, block in [*blocks, *((1, p) for p in story.paragraphs)]:
        for term in terms(block):
            counts[term] += weight
    unseen = idf.get(UNSEEN, 1.0) if idf else 1.0
    weights = {
        term: (1 + math.log(n)) * (idf.get(term, unseen) if idf else 1.0) ** IDF_POWER
        for term, n in counts.items()
        if n >= MIN_PAIR_COUNT or " " not in term
    }
    top = heapq.nlargest(TERMS_KEPT, weights.items(), key=lambda item: item[1])
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return Features(
        terms={term: w / norm for term, w in top},
        entities=_unique(entities),
        topics=_unique(topics),
        section=story.section,
    )


def _key(name: str) -> str:
    """What two spellings of one name share ("Time Warner", "TimeWarner")."""
    return re.sub(r"\W", "", name.casefold())


def _unique(names: Iterable[str]) -> list[str]:
    seen, kept = set(), []
    for name in names:
        if name.strip() and _key(name) not in seen:
            seen.add(_key(name))
            kept.append(name.strip())
    return kept


def top_terms(features: Features, n: int) -> list[str]:
    """The `n` heaviest terms, heaviest first (a pair is "two words")."""
    ranked = sorted(features.terms.items(), key=lambda item: -item[1])
    return [term for term, _ in ranked[:n]]


def query_words(features: Features, n: int) -> list[str]:
    """Up to `n` single words (\\w+) for the app's full-text candidate query,
    heaviest first: pairs give their two words."""
    words: dict[str, None] = {}
    for term in top_terms(features, len(features.terms)):
        for word in term.split():
            words.setdefault(word)
        if len(words) >= n:
            break
    return list(words)[:n]


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two unit-length term vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(term, 0.0) for term, w in a.items())


def _shared(mine: list[str], theirs: frozenset[str]) -> list[str]:
    """Names of `mine` whose keys are in `theirs`, in `mine`'s order."""
    return [name for name in mine if _key(name) in theirs]


def _evidence(target: Features, candidate: Features, similarity: float) -> float:
    """Cosine plus shared topics and entities: all but the section."""
    topics = len(target.match_keys[0] & candidate.match_keys[0])
    entities = len(target.match_keys[1] & candidate.match_keys[1])
    return (
        similarity
        + TOPIC_WEIGHT * min(topics, MAX_SHARED_TOPICS)
        + ENTITY_WEIGHT * min(entities, MAX_SHARED_ENTITIES)
    )


def _same_section(target: Features, candidate: Features) -> bool:
    section = target.match_keys[2]
    return bool(section) and section == candidate.match_keys[2]


def relevance(target: Features, candidate: Features) -> float:
    """How much a reader of `target` would care for `candidate`, before age."""
    similarity = cosine(target.terms, candidate.terms)
    evidence = _evidence(target, candidate, similarity)
    return evidence + SECTION_WEIGHT * _same_section(target, candidate)


def freshness(published_at: datetime | None, now: datetime) -> float:
    """1 for a story published now, falling towards 1 - RECENCY_SHARE."""
    if published_at is None:
        return 1 - RECENCY_SHARE
    days = max((now - published_at).total_seconds() / 86400, 0.0)
    return 1 - RECENCY_SHARE + RECENCY_SHARE * 0.5 ** (days / HALF_LIFE_DAYS)


def reason(target: Features, candidate: Features) -> str:
    """Why a reader is shown `candidate`, if there is a reason worth saying.

    A shared topic first (editors' words), then a main entity of both
    stories. Never "Also in Business": under a Business story it tells the
    reader nothing, and pure likeness of words has no honest short name.
    """
    topics = _shared(target.topics, candidate.match_keys[0])
    if topics:
        return f"Also about {topics[0]}"
    # An entity only if it is among the main ones of both stories: a passing
    # mention ("a factory in Arizona") is no reason.
    theirs = frozenset(map(_key, candidate.entities[:REASON_ENTITIES]))
    entities = _shared(target.entities[:REASON_ENTITIES], theirs)
    return f"Also about {entities[0]}" if entities else ""


def rank(
    target: Features,
    candidates: list[tuple[Any, Features, datetime | None]],
    *,
    now: datetime,
    pins: Iterable[Any] = (),
    exclude_ids: Iterable[Any] = (),
    limit: int = 6,
) -> list[Related]:
    """The stories to show under `target`: editors' pins in their order, then
    the best candidates, none a near-copy of the story or of each other.

    Put the story's own id in `exclude_ids` (a copy of it is caught anyway).
    """
    excluded = set(exclude_ids)
    known: dict[Any, tuple[Features, datetime | None]] = {}
    for id_, candidate, published_at in candidates:
        if id_ not in excluded:
            known.setdefault(id_, (candidate, published_at))
    chosen = _pinned(target, pins, known, excluded, now)[:limit]
    shown = [known[r.id][0].terms for r in chosen if r.id in known]
    for score, id_, candidate in _scored(target, known, {r.id for r in chosen}, now):
        if len(chosen) >= limit:
            break
        if any(cosine(candidate.terms, terms) > NEAR_COPY for terms in shown):
            continue  # a second copy of a story already in the list
        chosen.append(Related(id_, round(score, 4), reason(target, candidate)))
        shown.append(candidate.terms)
    return chosen


def _pinned(target, pins, known, excluded, now) -> list[Related]:
    pinned = []
    for id_ in dict.fromkeys(pins):
        if id_ in excluded:
            continue
        if id_ not in known:  # pinned but not among the candidates: still shown
            pinned.append(Related(id_, 0.0, ""))
            continue
        candidate, published_at = known[id_]
        score = relevance(target, candidate) * freshness(published_at, now)
        pinned.append(Related(id_, round(score, 4), reason(target, candidate)))
    return pinned


def _scored(target, known, skip, now) -> list[tuple[float, Any, Features]]:
    """Candidates worth showing, best first; the newer wins an exact tie."""
    scored = []
    for id_, (candidate, published_at) in known.items():
        similarity = cosine(target.terms, candidate.terms)
        if id_ in skip or similarity > NEAR_COPY:
            continue
        evidence = _evidence(target, candidate, similarity)
        if evidence < MIN_EVIDENCE:
            continue
        score = evidence + SECTION_WEIGHT * _same_section(target, candidate)
        stamp = published_at.timestamp() if published_at else float("-inf")
        scored.append((score * freshness(published_at, now), stamp, id_, candidate))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [(score, id_, candidate) for score, _, id_, candidate in scored]
