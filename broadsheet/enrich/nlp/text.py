"""Splitting a paragraph into sentences, keeping each one exactly as written.

FAQ answers are checked against these sentences (grounding.py), so a sentence
is always a slice of the paragraph: nothing is rewritten, only cut. A careful
regular expression and a short list of abbreviations do better on news copy
than the unmaintained rule libraries (pysbd, last release 2021).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

# A candidate end: terminal punctuation (or an ellipsis), any closing quotes or
# brackets, then whitespace. Whether it really ends the sentence depends on the
# word before it and the word after it.
_END = re.compile(r"(?:\.\.\.|[.!?\u2026])+['\"\u2019\u201d)\]]*(?=\s)")
_NEXT_WORD = re.compile(r"\s+['\"\u2018\u201c(\[]*(\S*)")
_LAST_WORD = re.compile(r"(\S+)$")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles and the like: always followed by a name, never the end of a sentence.
TITLES = _words(
    "mr mrs ms dr prof sr jr st mt ft rev gen col capt cmdr lt sgt cpl gov sen"
    " rep hon pres supt insp det adm maj brig messrs mme mlle"
)
# Abbreviations that stand before a number ("No. 10", "Jan. 5", "p. 12").
BEFORE_NUMBER = _words(
    "no nos nr art fig figs vol vols p pp ch sec para jan feb mar apr jun jul aug"
    " sep sept oct nov dec"
)
# Abbreviations that may also end a sentence ("... of Apple Inc. The firm").
MAYBE_FINAL = _words("inc corp ltd co plc bros etc vs al approx est")
# Words that begin sentences: after an ambiguous abbreviation ("U.S.", "Inc.",
# an initial) one of these means a new sentence has started.
STARTERS = _words(
    "a an the he she it they we i you his her its their our my this that these"
    " those there here but and or so yet however meanwhile in on at for from by"
    " as if when while after before since although though mr mrs ms dr shares"
    " analysts officials some many most both all no one what who why how"
)


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of `paragraph`, in order, each an exact slice of it.

    Line breaks always end a sentence (quotes and verse keep their lines).
    """
    sentences = []
    for line in paragraph.splitlines():
        sentences.extend(_split_line(line))
    return sentences


def _split_line(line: str) -> list[str]:
    pieces, start = [], 0
    for match in _END.finditer(line):
        if _ends_sentence(line, match):
            pieces.append(line[start : match.end()])
            start = match.end()
    pieces.append(line[start:])
    return _merge_fragments([p.strip() for p in pieces])


def _merge_fragments(pieces: list[str]) -> list[str]:
    """Drop empty pieces; a piece without a letter or digit (a stray closing
    quote) belongs to the sentence before it."""
    merged: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        if merged and not any(c.isalnum() for c in piece):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def _ends_sentence(line: str, match: re.Match) -> bool:
    after = _NEXT_WORD.match(line, match.end())
    next_word = after.group(1) if after else ""
    if not next_word or not _starts_sentence(next_word):
        return False
    punctuation = match.group().rstrip("'\"\u2019\u201d)]")
    if punctuation != ".":
        return True  # "?", "!", an ellipsis: a capital after it starts anew
    before = _LAST_WORD.search(line, 0, match.start())
    word = before.group(1).lstrip("'\"\u2018\u201c([") if before else ""
    return _period_ends_sentence(word, next_word)


def _starts_sentence(word: str) -> bool:
    first = word[0]
    if first.isupper() or first.isdigit():
        return True
    # "eBay", "iPhone": lower-case brand names still open sentences.
    return bool(re.match(r"[a-z]+[A-Z]", word))


def _period_ends_sentence(word: str, next_word: str) -> bool:
    """Whether "<word>." before `next_word` ends a sentence."""
    lower = word.lower()
    next_is_starter = next_word.strip("'\"").lower() in STARTERS
    if lower in TITLES:
        return False
    if lower in BEFORE_NUMBER and next_word[0].isdigit():
        return False
    if lower in MAYBE_FINAL:
        return next_is_starter
    # An initial ("J. K. Rowling", "George W. Bush") or a dotted abbreviation
    # ("U.S.", "a.m."): a sentence ends there only if a new one visibly starts.
    if re.fullmatch(r"[A-Za-z](?:\.[A-Za-z])*", word):
        return next_is_starter
    return True


# Words, for the extractors: "U.S." first, so its last period stays part of it.
WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_](?:[\w'\u2019&.\-]*[^\W_])?")
OPENERS = '"\u201c\u2018(:\u2014'


_CAMEL = re.compile(r"[a-z]+[A-Z]")


@dataclass(frozen=True)
class Word:
    """A word of a sentence, where it stands, and what precedes it."""

    text: str
    start: int
    end: int
    gap: str  # the text between the previous token and this one
    possessive: bool = False
    # A capital first, or inside a brand name ("eBay", "iPod").
    capitalised: bool = False
    # First word of a sentence or of a quotation inside one.
    initial: bool = False


def words(text: str) -> list[Word]:
    """The words of `text`; a possessive "'s" is cut off and remembered."""
    return list(_words(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[Word, ...]:
    # Cached: every extractor reads the same sentences again.
    found, previous_end = [], 0
    for match in WORD.finditer(text):
        word, possessive = match.group(), False
        if word[-2:] in ("'s", "\u2019s") and len(word) > 2:
            word, possessive = word[:-2], True
        gap = text[previous_end : match.start()]
        capitalised = word[0].isupper() or bool(_CAMEL.match(word))
        initial = not match.start() or any(c in OPENERS for c in gap)
        found.append(
            Word(
                word, match.start(), match.end(), gap, possessive, capitalised, initial
            )
        )
        previous_end = match.end()
    return tuple(found)


def phrase_spans(text: str, phrase: str):
    """(start, end) of each whole-word `phrase` in `text`, as phrase_pattern
    finds them, without compiling a pattern: a story's names are new to the
    cache, and looking for them is the FAQ's inner loop."""
    if not phrase:
        return
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not _word_char(before) and not _word_char(after):
            yield start, end
        start = text.find(phrase, start + 1)


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


@lru_cache(maxsize=4096)
def phrase_pattern(phrase: str) -> re.Pattern:
    """`phrase` as a whole word or words: "rate" not in "rates", "Blair" not
    in "Blairite". Cached: names are looked for in sentence after sentence."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
