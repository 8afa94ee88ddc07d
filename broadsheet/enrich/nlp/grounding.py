"""The grounding check every FAQ answer passes before readers can see it.

An answer is grounded when it is made only of the story's own words: one or
more whole sentences of the story, or a clean span of one sentence (starting
and ending at word boundaries). Whatever produced the pair, a generator here
or a language model, this check decides; it never trusts a claimed source.
"""

import re
import unicodedata

from broadsheet.enrich.nlp.story import FAQPair, Story

# Typographic variants a model (or an editor's paste) swaps freely.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")
MIN_SPAN_WORDS = 4  # shorter fragments ("the bank said") answer nothing


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return _SPACE.sub(" ", text).strip()


def _is_clean_span(span: str, sentence: str) -> bool:
    start = sentence.find(span)
    while start != -1:
        end = start + len(span)
        before = sentence[start - 1] if start else " "
        after = sentence[end] if end < len(sentence) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = sentence.find(span, start + 1)
    return False


def _whole_sentences(answer, sentences, start, tried):
    """Indexes, in story order from `start`, of whole sentences that make up
    `answer` exactly, or None. Backtracks: a short sentence ("Rates rose", a
    subhead) that merely begins a longer one must not end the search."""
    if not answer:
        return ()
    if (len(answer), start) in tried:
        return None
    tried[len(answer), start] = True
    for index in range(start, len(sentences)):
        sentence = sentences[index]
        if not sentence or not answer.startswith(sentence):
            continue
        rest = answer[len(sentence) :]
        if rest and not rest[0].isspace():
            continue  # "Rates rose" is not a whole sentence of "Rates rose 5%."
        found = _whole_sentences(rest.lstrip(), sentences, index + 1, tried)
        if found is not None:
            return (index, *found)
    return None


def support(answer: str, sentences: list[str]) -> tuple[int, ...] | None:
    """Indexes of the sentences `answer` is made of, or None if it is not
    made only of them.

    Accepted: consecutive or scattered whole sentences in the story's order,
    or one clean span of at least MIN_SPAN_WORDS words of a single sentence.
    """
    answer = normalise(answer)
    if not answer:
        return None
    normalised = [normalise(s) for s in sentences]
    found = _whole_sentences(answer, normalised, 0, {})
    if found:
        return found
    # One clean span of one sentence (trailing punctuation of the span may
    # differ: "rates rose." quoting "rates rose, the bank said").
    span = answer.rstrip(".!?;:, ")
    if len(span.split()) < MIN_SPAN_WORDS:
        return None
    for index, sentence in enumerate(normalised):
        if _is_clean_span(span, sentence):
            return (index,)
    return None


def grounded(pair: FAQPair, story: Story) -> FAQPair | None:
    """`pair` with its true sources, or None when its answer is not supported."""
    sources = support(pair.answer, story.sentences)
    if sources is None or not pair.question.strip().endswith("?"):
        return None
    return FAQPair(pair.question.strip(), normalise(pair.answer), sources)
