"""Extractive summaries: a standfirst and a meta description from the story's
own sentences, for stories (mostly from the wire) that arrive without them.

Nothing is paraphrased: a summary is the standfirst or the first sentences
that make sense on their own, cut at a word boundary only when they must be.
"""

from broadsheet.enrich.nlp import lexicon
from broadsheet.enrich.nlp.answers import Sentences
from broadsheet.enrich.nlp.grounding import normalise
from broadsheet.enrich.nlp.story import Story

META_LIMIT = 160  # what search engines show of a description
STANDFIRST_LIMIT = 300  # two lines under a headline on a phone
STANDFIRST_SENTENCES = 2
ELLIPSIS = "\u2026"


def meta_description(story: Story, limit: int = META_LIMIT) -> str:
    """At most `limit` characters: the standfirst, else the opening sentences
    that fit; cut at a word boundary with "…" only if even one does not."""
    if story.standfirst.strip():
        return cut(normalise(story.standfirst), limit)
    sentences = _opening(story)
    if not sentences:
        return cut(normalise(story.headline), limit)
    return cut(_fitting(sentences, limit) or sentences[0], limit)


def standfirst(story: Story) -> str:
    """The story's standfirst, or the first one or two of its sentences that
    stand alone (within STANDFIRST_LIMIT characters)."""
    if story.standfirst.strip():
        return normalise(story.standfirst)
    sentences = _opening(story)[:STANDFIRST_SENTENCES]
    if not sentences:
        return ""
    return cut(_fitting(sentences, STANDFIRST_LIMIT) or sentences[0], STANDFIRST_LIMIT)


def cut(text: str, limit: int) -> str:
    """`text` if it fits, else its longest run of whole words that fits with
    "…" after it."""
    if len(text) <= limit:
        return text
    words = text[: limit - len(ELLIPSIS) + 1].split(" ")
    kept = " ".join(words[:-1]) if len(words) > 1 else words[0][: limit - 1]
    return kept.rstrip(" ,;:-\u2013\u2014(") + ELLIPSIS


def _opening(story: Story) -> list[str]:
    """The first sentences in a row that stand alone: a lead, then what
    follows it until one leans on another ("He said ...")."""
    sentences = Sentences(story)
    opening: list[str] = []
    previous = None
    for index in sentences.usable_indexes():
        leaning = sentences.leans(index, nouns=bool(opening))
        if leaning or _linked(story.sentences[index]):
            if opening:
                break
            continue
        if previous is not None and index != previous + 1:
            break
        opening.append(normalise(story.sentences[index]))
        previous = index
    return opening


def _linked(sentence: str) -> bool:
    """ "However, ...", "But ...": fine in an answer, odd opening a summary."""
    first = sentence.split(maxsplit=1)[0].strip(",").lower() if sentence else ""
    return first in lexicon.SOFT_STARTS


def _fitting(sentences: list[str], limit: int) -> str:
    """As many of `sentences`, from the first, as fit in `limit` characters."""
    text = ""
    for sentence in sentences:
        longer = f"{text} {sentence}".strip()
        if len(longer) > limit:
            break
        text = longer
    return text
