"""Which of a story's sentences can answer a question, and with which neighbour.

"He said the plan would fail." answers nothing on its own: readers meet it
under a question, without the sentence that names him. Such a sentence is
only an answer together with the one before it, in the same paragraph. The
other way round, a sentence that leans on the answer ("He said ...", the
rest of a quotation) belongs with it: the answer takes it along, up to
three sentences in all.
"""

import re

from broadsheet.enrich.nlp import lexicon
from broadsheet.enrich.nlp.story import Story
from broadsheet.enrich.nlp.text import split_sentences, words

MIN_ANSWER_WORDS = 6  # shorter are headings, captions or fragments
MAX_ANSWER_WORDS = 80  # a reader wants the answer, not the article
MAX_ANSWER_SENTENCES = 3

VERBS = (
    r"(?:said|says|told|added|warned|argued|insisted|explained|admitted|claimed"
    r"|believes|stressed|declared|announced|noted|concluded|stated|commented"
    r"|replied|wrote|writes|explains|adds|warns|believed|adding|saying)"
)
SPEECH = re.compile(rf"\b(?:{VERBS}|according to)\b(?!\s+\d)")  # not "added 14"
DUMMY_IT = re.compile(
    r"It (?:is|was|has been|had been|will be|would be|remains|seems) "
    r"(?:\w+ ){0,2}(?:that|to|whether|how|why|when|if)\b"
)
PRONOUN_SPEAKER = re.compile(
    rf"\b(?:he|she|they|it)\s+{VERBS}\b",
    re.IGNORECASE,
)
# A line-up or a list of results: names and commas, not a statement.
LIST_LIKE_COMMAS = 4
OPENING_QUOTES = '"\u201c'
CLOSING_QUOTES = '"\u201d'


class Sentences:
    def __init__(self, story: Story):
        self.texts = story.sentences
        self.paragraph_of = [
            number
            for number, paragraph in enumerate(story.paragraphs)
            for _ in split_sentences(paragraph)
        ]
        self._usable = [self._check(text) for text in self.texts]

    def usable_indexes(self) -> list[int]:
        return [i for i, usable in enumerate(self._usable) if usable]

    def usable(self, index: int) -> bool:
        """A whole statement: ends like one, neither a heading nor a question."""
        return self._usable[index]

    @staticmethod
    def _check(text: str) -> bool:
        count = len(text.split())
        ending = text.rstrip("'\"\u2019\u201d) ")
        return (
            ending.endswith((".", "!"))
            and not ending.endswith("following.")  # a list comes next
            and not text.startswith(("-", "\u2022", "*"))  # "- Listen to ..."
            and MIN_ANSWER_WORDS <= count <= MAX_ANSWER_WORDS
            and not _list_like(text)
        )

    def answer(self, index: int | None, named=()) -> tuple[int, ...]:
        """The sentences that answer with sentence `index`: itself, or the one
        before and itself when it leans on that one, and the sentences after
        it that lean on it; () when none works. `named`: names the question
        gives, so "he" in the answer is known."""
        if index is None or not self.usable(index):
            return ()
        sources = self._with_before(index, named)
        return self._with_followers(sources) if sources else ()

    def _with_before(self, index: int, named) -> tuple[int, ...]:
        if not self.leans(index, named):
            return (index,)
        if _quotation_tail(self.texts[index]):
            return self._whole_quotation(index)
        before = index - 1
        if before < 0 or self.paragraph_of[before] != self.paragraph_of[index]:
            return ()
        if not self.usable(before) or self.leans(before):
            return ()
        length = len(self.texts[before].split()) + len(self.texts[index].split())
        return (before, index) if length <= MAX_ANSWER_WORDS else ()

    def _whole_quotation(self, index: int) -> tuple[int, ...]:
        """`"In the first set ... I started to enjoy it," Varga said.`: the
        quotation from its opening sentence, in the same paragraph."""
        for start in range(index - 1, index - MAX_ANSWER_SENTENCES, -1):
            if start < 0 or self.paragraph_of[start] != self.paragraph_of[index]:
                return ()
            if self.texts[start].lstrip()[:1] in OPENING_QUOTES:
                sources = tuple(range(start, index + 1))
                length = sum(len(self.texts[i].split()) for i in sources)
                return sources if length <= MAX_ANSWER_WORDS else ()
        return ()

    def _with_followers(self, sources: tuple[int, ...]) -> tuple[int, ...]:
        """`Kim arrived on Tuesday. He will stay three days.`: a sentence
        in the same paragraph that leans on the answer completes it."""
        words_in = sum(len(self.texts[i].split()) for i in sources)
        after = sources[-1] + 1
        while len(sources) < MAX_ANSWER_SENTENCES and after < len(self.texts):
            same = self.paragraph_of[after] == self.paragraph_of[sources[-1]]
            words_in += len(self.texts[after].split())
            if not same or words_in > MAX_ANSWER_WORDS or not self.usable(after):
                break
            if not self.leans(after, nouns=False):
                break
            sources, after = (*sources, after), after + 1
        return sources

    def leans(self, index: int, named=(), nouns: bool = True) -> bool:
        """Whether sentence `index` needs the one before it to make sense.
        `nouns`: count "The company said" as leaning (not in a story's lead,
        where "the company" is the one in the headline)."""
        text = self.texts[index]
        found = words(text)
        if not found:
            return True
        if found[0].text[0].islower():
            return True  # a quotation's continuation, a cut sentence
        if found[0].text.lower() in lexicon.SOFT_STARTS:
            found = found[1:]  # "But Mr Blair said" stands; "But he said" not
        first = found[0].text.lower() if found else ""
        second = found[1].text.lower() if len(found) > 1 else ""
        if DUMMY_IT.match(" ".join(w.text for w in found)):
            return False  # "It is expected that ...": nobody is "it"
        if first in lexicon.LEANING_STARTS:
            return True  # "He ...", "This ..."
        if (
            nouns
            and first == "the"
            and second in lexicon.LEANING_NOUNS
            and found[1].text.islower()
            and second not in {name.lower() for name in named}
        ):
            # "The company said ...", not "The Bank of England", nor under a
            # question that names "the company".
            return True
        if PRONOUN_SPEAKER.search(text) and not any(n in text for n in named):
            return True
        if _quotation_tail(text) or _unattributed_quotation(text):
            return True
        # Someone's own words ("we", "I") and nobody named: whose?
        quoted = any(mark in text for mark in '"\u201c\u201d')
        return _first_person(found) and not (quoted and SPEECH.search(text))


def _list_like(text: str) -> bool:
    found = words(text)
    capitals = sum(w.capitalised for w in found)
    return text.count(",") >= LIST_LIKE_COMMAS and capitals * 2 >= len(found)


def _quotation_tail(text: str) -> bool:
    """The last sentence of a quotation opened in the sentence before:
    `prices will rise," she said.`"""
    opening = sum(text.count(q) for q in "\u201c")
    closing = sum(text.count(q) for q in "\u201d")
    if opening or closing:
        return closing > opening
    if text.count('"') % 2 == 0:
        return False
    # One straight quotation mark: it closes a quotation when a word or a
    # punctuation mark comes right before it.
    position = text.index('"')
    return position > 0 and not text[position - 1].isspace()


def _unattributed_quotation(text: str) -> bool:
    """`"Today's judgement does not affect other cases."` with no speaker."""
    return text.lstrip()[:1] in OPENING_QUOTES and not SPEECH.search(text)


def _first_person(found) -> bool:
    return any(
        w.text == "I"
        or (w.text.lower() in lexicon.FIRST_PERSON and not w.text.isupper())
        for w in found
    )
