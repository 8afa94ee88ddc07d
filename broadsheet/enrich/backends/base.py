"""What every FAQ back end offers, and the checks every FAQ passes.

Whoever writes the pairs (the offline generator, a language model, the test
dummy), `finish` decides what readers see: only answers quoted from the story,
each question asked once, no two answers from the same sentences.
"""

import logging
import re

from broadsheet.enrich.nlp.grounding import grounded, normalise
from broadsheet.enrich.nlp.story import FAQPair, Story

logger = logging.getLogger(__name__)

MIN_QUESTION_WORDS = 4  # "Why?" or "What happened?" tell a reader nothing
QUOTED_LABEL = "Answers are quoted from the article."
_NOT_WORD = re.compile(r"[^\w\s]")


class FAQBackendError(Exception):
    """A back end could not produce a FAQ this time; the default one will."""


class FAQBackend:
    name = ""
    # The method note readers see under the FAQ.
    label = QUOTED_LABEL

    def generate(self, story: Story, max_pairs: int = 6) -> list[FAQPair]:
        """At most `max_pairs` checked pairs, or FAQBackendError."""
        raise NotImplementedError

    def finish(
        self, pairs: list[FAQPair], story: Story, max_pairs: int
    ) -> list[FAQPair]:
        """The pairs that pass every check, in order, with their true sources."""
        kept, questions, sources = [], set(), set()
        for pair in pairs:
            pair = grounded(pair, story)
            if pair is None or len(pair.question.split()) < MIN_QUESTION_WORDS:
                continue
            question = question_key(pair.question)
            if question in questions or pair.sources in sources:
                continue
            questions.add(question)
            sources.add(pair.sources)
            kept.append(pair)
        if len(kept) < len(pairs):
            logger.info(
                "FAQ back end %s: dropped %d of %d pairs (not quoted or repeated)",
                self.name,
                len(pairs) - len(kept),
                len(pairs),
            )
        return kept[:max_pairs]


def question_key(question: str) -> str:
    """The question as compared for repeats: case and punctuation aside."""
    return " ".join(_NOT_WORD.sub(" ", normalise(question).casefold()).split())
