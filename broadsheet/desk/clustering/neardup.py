"""Near-duplicates: one piece of copy carried by several sources.

Agencies' copy is republished with a new headline, a trimmed ending or a few
words changed. Its wording survives: most runs of SHINGLE words of the
shorter carrier are found in the longer one (containment, which neither a
trimmed ending nor a new headline lowers much).

Each carrier keeps a bottom-k sketch (Broder 1997; Cohen & Kaplan 2007):
the SKETCH smallest hashes of its headline's and body's shingles, and how
many distinct shingles it has. A text of up to SKETCH shingles is kept
whole. Two sketches answer exactly, for every shingle of the shorter text
whose hash lies below both sketches' largest, whether the longer text has
it: those shingles are a uniform sample of the shorter text, so the share
found is an unbiased estimate of its containment, however short it is or
however long the other. (MinHash resemblance, used before, could not see a
short carrier inside a long one: a third kept resembles at 0.33, a first
paragraph at 0.1, below any safe cut.)

Candidates come from the story clusterer (a near-duplicate is always among
the stories most like it), so no LSH index is kept.
"""

import hashlib
import math
from dataclasses import dataclass

import numpy as np

from broadsheet.desk.clustering.text import shingles

SHINGLE = 4  # words: long enough that distinct stories share almost none
SKETCH = 128  # hashes kept: 512 bytes a carrier
# The shorter carrier's shingles found in the longer one: an edited or cut
# copy keeps most of them; two reports written apart share a few quotes.
MIN_CONTAINMENT = 0.7
MIN_SHINGLES = 8  # a headline alone is not copy
# Shingles of the shorter text the estimate rests on, at least: two texts
# whose sketches overlap in fewer cannot be told apart from chance.
MIN_SAMPLE = 6
MIN_SHARED = math.ceil(MIN_SAMPLE * MIN_CONTAINMENT)
_ALL = np.uint32(2**32 - 1)


@dataclass(frozen=True)
class Signature:
    hashes: np.ndarray  # the SKETCH smallest shingle hashes, uint32, sorted
    size: int  # how many distinct shingles the text has

    @property
    def limit(self) -> np.uint32:
        """Every shingle hash up to this one is in the sketch."""
        return self.hashes[-1] if self.size > len(self.hashes) else _ALL

    def to_text(self) -> str:
        return f"k{self.size}:{self.hashes.astype('<u4').tobytes().hex()}"

    @classmethod
    def from_text(cls, text: str) -> "Signature":
        size, _, data = text.partition(":")
        if not size.startswith("k"):
            raise ValueError("not a bottom-k signature (stored before 2026-12?)")
        hashes = np.frombuffer(bytes.fromhex(data), dtype="<u4").astype(np.uint32)
        return cls(hashes, int(size[1:]))


def signature(text: str, title: str = "") -> Signature | None:
    """The copy's signature (headline and body), or None when it is too
    short to judge."""
    found = shingles(text, SHINGLE)
    if len(found) < MIN_SHINGLES:
        return None  # the body must be copy; a headline may come with it
    if title:
        found |= shingles(title, SHINGLE)
    hashes = np.fromiter((_hash32(s) for s in found), dtype=np.uint32, count=len(found))
    hashes = np.unique(hashes)  # sorted; a 32-bit collision counts once
    return Signature(hashes[:SKETCH].copy(), len(found))


def _hash32(shingle: str) -> int:
    digest = hashlib.blake2b(shingle.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "little")


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the shorter text's shingles found in the longer."""
    shorter, longer = (a, b) if a.size <= b.size else (b, a)
    sample = shorter.hashes[shorter.hashes <= min(shorter.limit, longer.limit)]
    if len(sample) < MIN_SAMPLE:
        return 0.0
    found = np.isin(sample, longer.hashes, assume_unique=True)
    return float(np.count_nonzero(found)) / len(sample)


def best_match(new: Signature, others: list[Signature]) -> tuple[int, float]:
    """(index, containment) of the closest of `others`, or (-1, 0.0)."""
    if not others:
        return -1, 0.0
    # Every shingle a near-duplicate shares in its estimate is a hash of
    # both sketches, and it needs at least MIN_SHARED of them: one look at
    # all the others' hashes at once leaves only those worth estimating
    # (most stories' copy shares no 4-word run with the new one at all).
    stacked = np.concatenate([o.hashes for o in others])
    owners = np.repeat(np.arange(len(others)), [len(o.hashes) for o in others])
    shared = np.bincount(owners[np.isin(stacked, new.hashes)], minlength=len(others))
    best, score = -1, 0.0
    for index in np.flatnonzero(shared >= MIN_SHARED):
        found = containment(new, others[index])
        if found > score:
            best, score = int(index), found
    return best, score


def is_near_duplicate(score: float) -> bool:
    return score >= MIN_CONTAINMENT
