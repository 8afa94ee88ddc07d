"""Near-duplicates: one piece of copy carried by several sources.

Agencies' copy is republished with a new headline, a trimmed ending or a few
words changed. Its wording survives: most runs of SHINGLE words of the
shorter carrier are found in the longer one. MinHash (Broder 1997) keeps a
fixed-size signature of a text's shingles from which the resemblance
(Jaccard) of two texts is estimated; with each text's shingle count, that
gives the containment of the shorter in the longer, which a trimmed ending
does not lower. Candidates come from the story clusterer (a near-duplicate
is always among the stories most like it), so no LSH index is kept.
"""

import hashlib
from dataclasses import dataclass

import numpy as np

from broadsheet.desk.clustering.text import shingles

SHINGLE = 4  # words: long enough that distinct stories share almost none
HASHES = 64  # estimates resemblance within about +-0.06
# The shorter carrier's shingles found in the longer one: an edited or cut
# copy keeps most of them; two reports written apart share a few quotes.
MIN_CONTAINMENT = 0.7
MIN_SHINGLES = 8  # a headline alone is not copy
# One chance hash match would make a tiny text "contained" in a long one: the
# shorter must also be a fair share of the longer (a third kept resembles at
# 0.33).
MIN_RESEMBLANCE = 0.2

_rng = np.random.default_rng(20_260_301)  # fixed: signatures are stored
_MULTIPLIERS = _rng.integers(1, 2**63, HASHES, dtype=np.uint64) | np.uint64(1)
_OFFSETS = _rng.integers(0, 2**63, HASHES, dtype=np.uint64)


@dataclass(frozen=True)
class Signature:
    minima: np.ndarray  # HASHES uint32 values
    size: int  # how many distinct shingles the text has

    def to_text(self) -> str:
        return f"{self.size}:{self.minima.astype('<u4').tobytes().hex()}"

    @classmethod
    def from_text(cls, text: str) -> "Signature":
        size, _, data = text.partition(":")
        return cls(np.frombuffer(bytes.fromhex(data), dtype="<u4").copy(), int(size))


def signature(text: str) -> Signature | None:
    """The text's signature, or None when it is too short to judge."""
    found = shingles(text, SHINGLE)
    if len(found) < MIN_SHINGLES:
        return None
    hashes = np.fromiter((_hash64(s) for s in found), dtype=np.uint64, count=len(found))
    # Multiply-shift hashing (Dietzfelbinger et al. 1997): one universal
    # hash function per row; uint64 arithmetic wraps, as it should here.
    with np.errstate(over="ignore"):
        mixed = hashes[None, :] * _MULTIPLIERS[:, None] + _OFFSETS[:, None]
    return Signature((mixed >> np.uint64(32)).min(axis=1).astype(np.uint32), len(found))


def _hash64(shingle: str) -> int:
    digest = hashlib.blake2b(shingle.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the shorter text's shingles found in the longer."""
    return best_match(a, [b])[1]


def best_match(new: Signature, others: list[Signature]) -> tuple[int, float]:
    """(index, containment) of the closest of `others`, or (-1, 0.0)."""
    if not others:
        return -1, 0.0
    stacked = np.stack([o.minima for o in others])
    resemblance = np.count_nonzero(stacked == new.minima, axis=1) / HASHES
    sizes = np.array([o.size for o in others], dtype=float)
    # |A & B| = J / (1 + J) * (|A| + |B|), from J = |A & B| / |A | B|.
    shared = resemblance / (1 + resemblance) * (sizes + new.size)
    scores = np.minimum(1.0, shared / np.minimum(sizes, new.size))
    scores[resemblance < MIN_RESEMBLANCE] = 0.0
    index = int(scores.argmax())
    return index, float(scores[index])


def is_near_duplicate(score: float) -> bool:
    return score >= MIN_CONTAINMENT
