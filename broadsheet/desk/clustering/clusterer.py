"""Online story clustering: each piece of copy joins a story as it arrives.

One pass in arrival order, nothing looked ahead at, memory bounded by a
sliding window (Miranda et al., EMNLP 2018, without their learned weights).
A story is the sum of its copy's TF-IDF vectors, idf counted over the copy in
the window. New copy is compared with the stories that share its most
telling words (an inverted index, so one assignment reads a few hundred
stories whatever the window holds), by

- the cosine of its words with the story's,
- whether the story names the same people, bodies and places (its few most
  salient names, and the story's, found in the other's words), and whether
  the names it is mostly about are the copy's (two like events, the same
  team's two players put on injured reserve, differ in who they are about
  more than in their words),
- time: a Gaussian of the gap to the story's newest copy (sigma 3 days, as
  Miranda et al.), so a like event a week later is another story;

and joins the best one if it scores above a threshold that grows with the
length of the copy, else starts a story of its own. A near-duplicate of copy
already in a candidate story (neardup.py) always joins that story. When the
new copy scores above its threshold with a second story as well, and the two
stories are as like each other as their own copy is to them, they are merged
(the Assignment names the stories merged into the one it joins).
"""

import heapq
import math
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
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
    # distinct words. Unrelated copy overlaps by chance more, the fewer words
    # it has (each word is a small chance of a shared term, and a unit vector
    # puts more weight on each of few words), so the threshold falls with
    # the copy's length, as length**LENGTH_EXPONENT: a title and a summary
    # (25 words) joins at 0.125, a full story (100 words and more) at 0.3.
    # The floor: below about 35 words the power law would let copy join on
    # a word or two in common (on GoogleNews-TS, titles and snippets of 17
    # to 29 words: 0.857 / 0.892 with a floor of 0.1, 0.871 / 0.902 with
    # 0.125, 0.863 / 0.898 with 0.15; ECB+ alike at all three).
    threshold: float = 0.3
    reference_terms: int = 100
    length_exponent: float = 0.7
    min_threshold: float = 0.125
    max_threshold: float = 0.3
    # Same names: +-NAME_WEIGHT/2 on the score, all agreeing to none.
    name_weight: float = 0.1
    # Who the story is about: the cosine of the copy's salient names with
    # the story's (their salience summed over its copy), less half, times
    # this: +-0.1 from the same people to others. A name the story only
    # mentions in passing (the injured player's team-mate) counts little.
    name_profile_weight: float = 0.2
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
    # Two stories that a new piece would join alike (it scores above its
    # threshold with both) become one when they are as like each other as
    # their own copy is to them: the cosine of their centroids at least the
    # lower of their cohesions (a story's mean cosine with its copy, which
    # is its norm over its size). Copy of one event that arrived before the
    # copy linking it was opened as two stories; two like events (each
    # story tight around its own names and numbers) stay apart.
    merge_stories: bool = True
    merge_candidates: int = 2  # runners-up looked at for a merge


@dataclass(frozen=True)
class Assignment:
    story: str
    new_story: bool
    score: float  # of the story joined (0 for a new one)
    duplicate_of: str | None = None  # the first carrier of the same copy
    containment: float = 0.0
    # Stories this piece showed to be one with `story`, merged into it (the
    # desk moves their copy over); an extension, empty for most copy.
    merged: tuple[str, ...] = ()


@dataclass
class _Story:
    key: str
    vector: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    size: int = 0  # pieces of copy in the window
    newest: float | None = None
    names: Counter = field(default_factory=Counter)
    names_square: float = 0.0  # the squared norm of `names`, kept up to date
    indexed: set[str] = field(default_factory=set)
    members: list[str] = field(default_factory=list)  # with a signature
    signatures: list[neardup.Signature] = field(default_factory=list)
    last_seen: int = 0  # arrival number of its latest copy
    opened: int = 0  # arrival number of its first copy
    absorbed: list[str] = field(default_factory=list)  # keys merged into it


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
        # Key of a story merged into another -> that one's key, while copy
        # filed under the old key is in the window.
        self.merged_into: dict[str, str] = {}

    # -- the two entry points -------------------------------------------

    def assign(self, item_id: str, features: Features) -> Assignment:
        """Decide the story of new copy, and remember it."""
        self._advance(features.time)
        vector = self._vector(features, counting=True)
        scored = self._scored(features, vector)
        assignment = self._decide(item_id, features, scored)
        if self.settings.merge_stories and not assignment.new_story:
            assignment = self._merges(features, scored, assignment)
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
        return self.current(item.story) if item else None

    def current(self, key: str) -> str:
        """The story a story key now stands for (the one it was merged
        into, if it was)."""
        while key in self.merged_into:
            key = self.merged_into[key]
        return key

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
            score += self._name_profile(features, story)
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

    def _name_profile(self, features: Features, story: _Story) -> float:
        """+-name_profile_weight/2 as the copy's salient names are those the
        story is most about; 0 when either has none."""
        if not features.names or not story.names_square:
            return 0.0
        dot = sum(w * story.names.get(n, 0.0) for n, w in features.names.items())
        mine = math.sqrt(sum(w * w for w in features.names.values()))
        cosine = dot / (mine * math.sqrt(story.names_square)) if mine else 0.0
        return self.settings.name_profile_weight * (cosine - 0.5)

    def _time_factor(self, time: float | None, newest: float | None) -> float:
        if time is None or newest is None:
            return 1.0
        gap = (time - newest) / (self.settings.time_sigma_days * DAY)
        return math.exp(-0.5 * gap * gap)

    def threshold(self, features: Features) -> float:
        s = self.settings
        length = len(features.terms) / s.reference_terms
        scaled = s.threshold * length**s.length_exponent
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

    def _merges(self, features, scored, assignment: Assignment) -> Assignment:
        """The assignment, with the stories it bridges merged: the story
        first opened keeps its key."""
        threshold = self.threshold(features)
        joined = self.stories[assignment.story]
        group = [joined]
        runners_up = [(s, k) for s, k in scored if k != joined.key]
        for score, key in runners_up[: self.settings.merge_candidates]:
            other = self.stories[key]
            if score >= threshold and self._alike(joined, other):
                group.append(other)
        if len(group) == 1:
            return assignment
        first = min(group, key=lambda story: story.opened)
        merged = tuple(story.key for story in group if story is not first)
        return replace(assignment, story=first.key, merged=merged)

    @staticmethod
    def _alike(a: _Story, b: _Story) -> bool:
        if not a.norm or not b.norm:
            return False
        small, large = (a, b) if len(a.vector) <= len(b.vector) else (b, a)
        dot = sum(w * large.vector.get(t, 0.0) for t, w in small.vector.items())
        cohesion = min(a.norm / a.size, b.norm / b.size)
        return dot / (a.norm * b.norm) >= cohesion

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
            story = self.stories[assignment.story] = _Story(
                assignment.story, opened=self.arrivals
            )
        for key in assignment.merged:
            if key in self.stories and key != story.key:
                self._merge(story, self.stories[key])
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
        for name, weight in features.names.items():
            before = story.names[name]
            story.names[name] = before + weight
            story.names_square += (before + weight) ** 2 - before * before
        if features.time is not None:
            story.newest = max(story.newest or features.time, features.time)
        if features.signature is not None:
            story.members.append(item_id)
            story.signatures.append(features.signature)
        story.last_seen = self.arrivals
        self._index(story, fresh=bool(assignment.merged))
        self.items[item_id] = _Item(
            story=story.key,
            terms=tuple(features.terms),
            time=features.time,
            original=assignment.duplicate_of or item_id,
        )
        self._evict()

    def _merge(self, story: _Story, other: _Story) -> None:
        """Move `other`'s copy into `story`: one story from now on."""
        for term, weight in other.vector.items():
            story.vector[term] = story.vector.get(term, 0.0) + weight
        if len(story.vector) > 2 * self.settings.story_terms:
            kept = heapq.nlargest(
                self.settings.story_terms, story.vector.items(), key=_weight
            )
            story.vector = dict(kept)
        story.norm = math.sqrt(sum(w * w for w in story.vector.values()))
        story.size += other.size
        story.names.update(other.names)
        story.names_square = sum(w * w for w in story.names.values())
        if other.newest is not None:
            story.newest = max(story.newest or other.newest, other.newest)
        story.members += other.members
        story.signatures += other.signatures
        story.last_seen = max(story.last_seen, other.last_seen)
        story.opened = min(story.opened, other.opened)
        # Its copy keeps its key in the window; the key now leads here.
        self.merged_into[other.key] = story.key
        story.absorbed += [other.key, *other.absorbed]
        for key in other.absorbed:
            self.merged_into[key] = story.key
        other.absorbed = []
        self._drop(other)

    def _index(self, story: _Story, fresh: bool = False) -> None:
        # A story's heaviest words settle as it grows: they are found again
        # while it is small, then at every INDEX_EVERY-th piece (finding them
        # reads the whole vector); in between, its postings are only moved
        # to the newest end.
        if fresh or story.size <= INDEX_EVERY or story.size % INDEX_EVERY == 0:
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
        story = self.stories.get(self.current(item.story))
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
        for key in story.absorbed:  # none of their copy is left either
            self.merged_into.pop(key, None)

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
    """Every document's assignment, in order: the desk's decisions offline,
    each `story` the key of the story the document ends in (after any later
    merge), as the desk shows it once the stream has passed."""
    clusterer = StoryClusterer(settings)
    assignments = [clusterer.assign(item_id, f) for item_id, f in documents]
    return final(assignments)


def final(assignments: list[Assignment]) -> list[Assignment]:
    """The assignments with each story key replaced by the key of the story
    it was merged into, if it was, later in the same stream."""
    into: dict[str, str] = {}
    for assignment in assignments:
        for key in assignment.merged:
            into[key] = assignment.story

    def resolve(key: str) -> str:
        while key in into:
            key = into[key]
        return key

    return [
        a if a.story not in into else replace(a, story=resolve(a.story))
        for a in assignments
    ]
