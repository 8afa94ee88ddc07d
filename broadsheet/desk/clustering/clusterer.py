"""Online story clustering: each piece of copy joins a story as it arrives.

One pass in arrival order, nothing looked ahead at, memory bounded by a
sliding window (Miranda et al., EMNLP 2018, without their learned weights).
A story is the sum of its copy's TF-IDF vectors, idf counted over the copy in
the window. New copy is compared with the stories that share its most
telling words (an inverted index, so one assignment reads a few hundred
stories whatever the window holds), by

- the cosine of its words with the story's,
- whether the story names the same people, bodies and places (its few most
  salient names, and the story's, found in the other's words),
- time: a Gaussian of the gap to the story's newest copy (sigma 3 days, as
  Miranda et al.), so a like event a week later is another story;

and joins the best one if it scores above a threshold that grows with the
length of the copy, else starts a story of its own. A near-duplicate of copy
already in a candidate story (neardup.py) always joins that story.
"""

import heapq
import math
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from broadsheet.desk.clustering import neardup
from broadsheet.desk.clustering.features import Features

DAY = 86_400.0
INDEX_EVERY = 4  # pieces of copy between two readings of a story's top words


@dataclass(frozen=True)
class Settings:
    window_days: float = 7.0
    # Also a bound by count, for copy without dates (and a flood with them).
    window_items: int = 500_000
    # Joining threshold on the combined score for copy with REFERENCE_TERMS
    # distinct words. Unrelated copy overlaps by chance in proportion to the
    # square root of its number of words (each word is a small chance of a
    # shared term, and a unit vector spreads its weight over all of them), so
    # the threshold scales the same way: a title and a summary (25 words)
    # joins at 0.125, a full story (100 words) at 0.25, within the bounds.
    threshold: float = 0.25
    reference_terms: int = 100
    min_threshold: float = 0.1
    max_threshold: float = 0.3
    # Same names: +-NAME_WEIGHT/2 on the score, all agreeing to none.
    name_weight: float = 0.1
    time_sigma_days: float = 3.0
    # Candidate stories: those filed under one of the copy's QUERY_TERMS
    # most telling words that other copy in the window has too (of a very
    # common word, only the POSTING_SCAN latest stories). A story is filed
    # under its INDEX_TERMS heaviest words, kept up to date as it grows.
    query_terms: int = 20
    index_terms: int = 40
    posting_scan: int = 500
    max_candidates: int = 100
    story_terms: int = 400  # a story's vector keeps its heaviest words
    near_duplicate_stories: int = 3  # looked in for a near-duplicate


@dataclass(frozen=True)
class Assignment:
    story: str
    new_story: bool
    score: float  # of the story joined (0 for a new one)
    duplicate_of: str | None = None  # the first carrier of the same copy
    containment: float = 0.0


@dataclass
class _Story:
    key: str
    vector: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    size: int = 0  # pieces of copy in the window
    newest: float | None = None
    names: Counter = field(default_factory=Counter)
    indexed: set[str] = field(default_factory=set)
    members: list[str] = field(default_factory=list)  # with a signature
    signatures: list[neardup.Signature] = field(default_factory=list)
    last_seen: int = 0  # arrival number of its latest copy


@dataclass
class _Item:
    story: str
    terms: tuple[str, ...]
    time: float | None
    original: str  # itself, or the first carrier of its copy


class StoryClusterer:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.df: Counter = Counter()
        self.items: OrderedDict[str, _Item] = OrderedDict()
        self.stories: dict[str, _Story] = {}
        self.postings: dict[str, dict[str, None]] = {}
        self.now: float | None = None  # the newest time seen
        self.arrivals = 0

    # -- the two entry points -------------------------------------------

    def assign(self, item_id: str, features: Features) -> Assignment:
        """Decide the story of new copy, and remember it."""
        self._advance(features.time)
        vector = self._vector(features, counting=True)
        scored = self._scored(features, vector)
        assignment = self._decide(item_id, features, scored)
        self._add(item_id, features, vector, assignment)
        return assignment

    def replay(self, item_id: str, features: Features, assignment: Assignment):
        """Remember copy whose story was decided before (by this process or
        another, as stored by the desk): the window is rebuilt exactly."""
        self._advance(features.time)
        vector = self._vector(features, counting=True)
        self._add(item_id, features, vector, assignment)

    def story_of(self, item_id: str) -> str | None:
        item = self.items.get(item_id)
        return item.story if item else None

    # -- scoring ----------------------------------------------------------

    def _vector(self, features: Features, counting: bool) -> dict[str, float]:
        """The copy's TF-IDF vector, unit length; counting adds it to df."""
        if counting:
            self.df.update(features.terms.keys())
        total = len(self.items) + 1
        weights = {
            term: math.log1p(count) * (math.log(total / self.df[term]) + 1.0)
            for term, count in features.terms.items()
            if count > 0
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {term: w / norm for term, w in weights.items()}

    def _scored(self, features, vector) -> list[tuple[float, str]]:
        """(score, story) for each candidate story, best first."""
        scored = []
        for key in self._candidates(vector):
            story = self.stories[key]
            cosine = sum(w * story.vector.get(t, 0.0) for t, w in vector.items())
            score = cosine / story.norm if story.norm else 0.0
            score += self._name_bonus(features, story)
            score *= self._time_factor(features.time, story.newest)
            scored.append((score, key))
        scored.sort(reverse=True)
        return scored

    def _candidates(self, vector: dict[str, float]) -> list[str]:
        hits: Counter = Counter()
        shared = ((t, w) for t, w in vector.items() if self.df[t] > 1)
        query = heapq.nlargest(self.settings.query_terms, shared, key=_weight)
        for term, _ in query:
            posting = self.postings.get(term)
            if posting:
                # Newest last: of a very common word, only the latest stories.
                for key in islice(reversed(posting), self.settings.posting_scan):
                    hits[key] += 1
        if len(hits) <= self.settings.max_candidates:
            return list(hits)
        ranked = heapq.nlargest(
            self.settings.max_candidates,
            hits.items(),
            key=lambda kv: (kv[1], self.stories[kv[0]].last_seen),
        )
        return [key for key, _ in ranked]

    def _name_bonus(self, features: Features, story: _Story) -> float:
        """+-name_weight/2 as the copy's salient names and the story's are
        found in each other's words; 0 when either has none."""
        if not features.names or not story.names:
            return 0.0
        mine = sum(w for n, w in features.names.items() if n in story.vector)
        agree_mine = mine / sum(features.names.values())
        theirs = story.names.most_common(len(features.names) or 1)
        total = sum(n for _, n in theirs)
        agree_theirs = sum(n for name, n in theirs if name in features.terms) / total
        return self.settings.name_weight * ((agree_mine + agree_theirs) / 2 - 0.5)

    def _time_factor(self, time: float | None, newest: float | None) -> float:
        if time is None or newest is None:
            return 1.0
        gap = (time - newest) / (self.settings.time_sigma_days * DAY)
        return math.exp(-0.5 * gap * gap)

    def threshold(self, features: Features) -> float:
        s = self.settings
        scaled = s.threshold * math.sqrt(len(features.terms) / s.reference_terms)
        return min(s.max_threshold, max(s.min_threshold, scaled))

    def _decide(self, item_id, features, scored) -> Assignment:
        duplicate = self._near_duplicate(features, scored)
        if duplicate:
            key, original, containment = duplicate
            score = next(s for s, k in scored if k == key)
            return Assignment(key, False, score, original, containment)
        if scored and scored[0][0] >= self.threshold(features):
            return Assignment(scored[0][1], False, scored[0][0])
        return Assignment(item_id, True, 0.0)

    def _near_duplicate(self, features, scored):
        if features.signature is None:
            return None
        for _, key in scored[: self.settings.near_duplicate_stories]:
            story = self.stories[key]
            index, containment = neardup.best_match(
                features.signature, story.signatures
            )
            if index >= 0 and neardup.is_near_duplicate(containment):
                carrier = story.members[index]
                return key, self.items[carrier].original, containment
        return None

    # -- the window ---------------------------------------------------------

    def _add(self, item_id, features, vector, assignment: Assignment):
        if item_id in self.items:
            raise ValueError(f"{item_id!r} is already in the window")
        self.arrivals += 1
        story = self.stories.get(assignment.story)
        if story is None:
            story = self.stories[assignment.story] = _Story(assignment.story)
        # The norm is kept up to date term by term (a story of 800 words is
        # not summed again for each new piece), and summed afresh only when
        # the vector is cut back to its heaviest words.
        squares = story.norm * story.norm
        for term, weight in vector.items():
            before = story.vector.get(term, 0.0)
            story.vector[term] = after = before + weight
            squares += after * after - before * before
        if len(story.vector) > 2 * self.settings.story_terms:
            kept = heapq.nlargest(
                self.settings.story_terms, story.vector.items(), key=_weight
            )
            story.vector = dict(kept)
            squares = sum(w * w for w in story.vector.values())
        story.norm = math.sqrt(max(squares, 0.0))
        story.size += 1
        story.names.update(features.names)
        if features.time is not None:
            story.newest = max(story.newest or features.time, features.time)
        if features.signature is not None:
            story.members.append(item_id)
            story.signatures.append(features.signature)
        story.last_seen = self.arrivals
        self._index(story)
        self.items[item_id] = _Item(
            story=story.key,
            terms=tuple(features.terms),
            time=features.time,
            original=assignment.duplicate_of or item_id,
        )
        self._evict()

    def _index(self, story: _Story) -> None:
        # A story's heaviest words settle as it grows: they are found again
        # while it is small, then at every INDEX_EVERY-th piece (finding them
        # reads the whole vector); in between, its postings are only moved
        # to the newest end.
        if story.size <= INDEX_EVERY or story.size % INDEX_EVERY == 0:
            top = heapq.nlargest(
                self.settings.index_terms, story.vector.items(), key=_weight
            )
            terms = {term for term, _ in top}
        else:
            terms = set(story.indexed)
        if len(story.indexed) > 2 * self.settings.index_terms:
            self._unindex(story, story.indexed - terms)  # words it lost
        for term in terms:
            posting = self.postings.setdefault(term, {})
            posting.pop(story.key, None)  # to the end: the newest
            posting[story.key] = None
        story.indexed |= terms

    def _advance(self, time: float | None) -> None:
        """Move the window on to `time` before copy of then is judged."""
        if time is not None and (self.now is None or time > self.now):
            self.now = time
        self._evict()

    def _evict(self) -> None:
        cutoff = None
        if self.now is not None:
            cutoff = self.now - self.settings.window_days * DAY
        while self.items:
            key, item = next(iter(self.items.items()))
            too_many = len(self.items) > self.settings.window_items
            dated = cutoff is not None and item.time is not None
            too_old = dated and item.time < cutoff
            if not (too_many or too_old):
                break
            self.items.popitem(last=False)
            self._forget(key, item)

    def _forget(self, key: str, item: _Item) -> None:
        self.df.subtract(item.terms)
        for term in item.terms:
            if self.df[term] <= 0:
                del self.df[term]
        story = self.stories.get(item.story)
        if story is None:
            return
        story.size -= 1
        if key in story.members:
            at = story.members.index(key)
            del story.members[at], story.signatures[at]
        if story.size <= 0:
            self._drop(story)

    def _drop(self, story: _Story) -> None:
        self._unindex(story, story.indexed)
        del self.stories[story.key]

    def _unindex(self, story: _Story, terms: set[str]) -> None:
        for term in terms:
            posting = self.postings.get(term)
            if posting is not None:
                posting.pop(story.key, None)
                if not posting:
                    del self.postings[term]
        story.indexed = story.indexed - terms

    def __len__(self) -> int:
        return len(self.items)


def _weight(item: tuple[str, float]) -> float:
    return item[1]


def cluster(
    documents: Iterable[tuple[str, Features]], settings: Settings | None = None
) -> list[Assignment]:
    """Every document's assignment, in order: the desk's decisions offline."""
    clusterer = StoryClusterer(settings)
    return [clusterer.assign(item_id, f) for item_id, f in documents]
