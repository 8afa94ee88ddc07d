"""What a story is about in common nouns: "interest rates", "broadband".

Keyphrases are runs of ordinary words bounded by stopwords, verbs and names,
scored by how often and how early they occur (RAKE-like, without a model).
Names belong to entities.py; a capitalised word counts here only when the
story also writes it in lower case ("Inflation rose" opening a sentence).
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from broadsheet.enrich.nlp import lexicon
from broadsheet.enrich.nlp.story import Story
from broadsheet.enrich.nlp.text import split_sentences, words

HEADLINE_WEIGHT = 3.0
STANDFIRST_WEIGHT = 2.0
LEAD_SENTENCES, LEAD_BONUS = 3, 0.5
LONGER_BONUS = 0.6  # per word past the first: "interest rates" over "rates"
ONCE_PENALTY = 0.5  # said once, deep in the body: rarely what a story is about
MAX_WORDS = 3
NUMBERS = lexicon.words_of(
    "one two three four five six seven eight nine ten eleven twelve twenty"
    " thirty forty fifty hundred hundreds thousand thousands million millions"
    " billion billions trillion bn first second third"
)
DETERMINERS = lexicon.words_of(
    "the a an this that these those its their his her our my your every each"
)
ADJECTIVE_ENDINGS = ("ful", "ous", "less", "able", "ible", "ical")
MEASURES = NUMBERS | lexicon.words_of(
    "year years point points day days week weeks month months quarter hour time"
)
GERUND_BEFORE = lexicon.words_of("of for about by from without after before on in")
ADVERBS = lexicon.words_of(
    "also still not never then now already just soon even only further again"
)
OBJECTS = lexicon.words_of(
    "a an the that this these those his her their its our it them him he she"
    " they we what whether how"
)
VERB_BEFORE = lexicon.words_of(
    "to will would could can may might should must not be been being is are was"
    " were has have had did does do n't cannot he she they it we i who which"
)  # a modal, "to" or a subject pronoun: "to expand", "when he beat"
_WORD = re.compile(r"[a-z][a-z\-]*[a-z]")


@dataclass
class Keyphrase:
    text: str  # lower case, as the story most often writes it
    score: float
    mentions: tuple[int, ...]  # indexes into Story.sentences
    article: str = ""  # "the" when the story writes "the election"
    plural: bool = False

    @property
    def phrase(self) -> str:
        return f"{self.article} {self.text}" if self.article else self.text


@dataclass
class _Counts:
    surfaces: Counter = field(default_factory=Counter)
    weight: float = 0.0
    count: int = 0
    sentences: set = field(default_factory=set)
    the: int = 0  # after "the"
    determined: int = 0  # after any determiner: "a rate", "its rate"
    modified: int = 0  # inside a longer phrase: "core inflation"
    bare_singular: int = 0  # "inflation rose": no determiner, no modifier
    in_display: bool = False  # in the headline or standfirst
    standfirst: bool = False
    verbal: int = 0  # after "to", "will", "was": used as a verb


def keyphrases(story: Story, limit: int = 10) -> list[str]:
    """The story's keyphrases, most salient first, in lower case."""
    return [k.text for k in ranked_keyphrases(story, limit)]


def ranked_keyphrases(story: Story, limit: int = 10) -> list[Keyphrase]:
    counts = _count(story)
    ranked = sorted(counts.items(), key=lambda item: (-_score(item[1]), item[0]))
    chosen: list[Keyphrase] = []
    for phrase_key, phrase_counts in ranked:
        if len(chosen) >= limit:
            break
        if not phrase_counts.sentences and not phrase_counts.standfirst:
            continue  # headline words alone are often its verbs ("holds")
        if phrase_counts.verbal * 2 >= phrase_counts.count:
            continue
        if _verb_ing(phrase_key, phrase_counts):
            continue
        if any(_overlaps(phrase_key, key_of(k.text)) for k in chosen):
            continue
        chosen.append(_keyphrase(phrase_counts))
    return chosen


def _verb_ing(phrase_key: str, counts: _Counts) -> bool:
    """ "slopping", "price tags reflecting": verbs, unless the story says "the
    funding", "the house building"."""
    return phrase_key.endswith("ing") and not counts.determined


def key_of(phrase: str) -> str:
    """What "interest rate" and "interest rates" share."""
    return " ".join(singular(w) for w in phrase.lower().split())


def singular(word: str) -> str:
    if word in lexicon.NOT_PLURAL or len(word) < 4 or word.endswith(("ss", "us")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def _count(story: Story) -> dict[str, _Counts]:
    found = [w for _, _, text in _segments(story) for w in words(text)]
    lower_words = {w.text for w in found if not w.capitalised and w.text.islower()}
    # Capitalised mid-sentence somewhere: a name, even where it opens one.
    lower_words -= {w.text.lower() for w in found if w.capitalised and not w.initial}
    counts: dict[str, _Counts] = defaultdict(_Counts)
    title_case = _title_case(story.headline)
    for sentence, weight, text in _segments(story):
        found = words(text)
        headline = sentence == -1 and title_case
        for chunk in _chunks(found, lower_words, headline):
            for start in range(len(chunk)):
                for length in range(1, MAX_WORDS + 1):
                    gram = chunk[start : start + length]
                    if len(gram) < length or not _acceptable(gram):
                        continue
                    following = chunk[start + length : start + length + 1]
                    if following and _noun_like(following[0][1]):
                        continue  # a modifier here: "interest" in "interest rates"
                    _add(counts, gram, found, sentence, weight, modified=start > 0)
    return counts


def _title_case(headline: str) -> bool:
    """ "Fed Holds Rates Steady": capitals there say nothing about names."""
    found = [w for w in words(headline) if w.text.lower() not in lexicon.STOPWORDS]
    return sum(w.capitalised for w in found) > 0.6 * len(found) > 1


def _segments(story: Story):
    """(sentence index, weight, text); -1 for the headline, -2 standfirst."""
    yield -1, HEADLINE_WEIGHT, story.headline
    for text in split_sentences(story.standfirst):
        yield -2, STANDFIRST_WEIGHT, text
    for index, text in enumerate(story.sentences):
        bonus = LEAD_BONUS if index < LEAD_SENTENCES else 0.0
        yield index, 1.0 + bonus, text


def _chunks(found, lower_words, headline):
    """Runs of ordinary words: (position, lower-case word) lists."""
    chunk: list[tuple[int, str]] = []
    for position, word in enumerate(found):
        text = word.text.lower()
        usable = _content_word(text) and (
            not word.capitalised or ((headline or word.initial) and text in lower_words)
        )
        if usable and (not chunk or not word.gap.strip()):
            chunk.append((position, text))
        else:
            if chunk:
                yield chunk
            chunk = [(position, text)] if usable else []
        if word.possessive and chunk:
            yield chunk  # "the company's profits": two phrases
            chunk = []
    if chunk:
        yield chunk


def _content_word(text: str) -> bool:
    return (
        bool(_WORD.fullmatch(text))
        and text not in lexicon.STOPWORDS
        and text not in lexicon.COMMON_VERBS
        and text not in lexicon.MONTHS
        and text not in lexicon.WEEKDAYS
        and text not in lexicon.DEMONYMS
        and text not in NUMBERS
        and text not in lexicon.IRREGULAR_VERBS
    )


def _too_general(text: str) -> bool:
    """Nouns that stay in a phrase ("company" in "oil company" shows "oil"
    is a modifier there) but never end a keyphrase of their own."""
    return text in lexicon.GENERIC_NOUNS or text in lexicon.ROLES


def _graded(word: str) -> bool:
    """A comparative or superlative of a listed adjective: "clearer",
    "larger", "biggest"."""
    for ending in ("er", "est"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            if {stem, stem + "e", stem[:-1]} & lexicon.ADJECTIVES:
                return True
    return False


def _noun_like(text: str) -> bool:
    return text not in lexicon.ADJECTIVES and not text.endswith(("ed", "ly"))


def _acceptable(gram) -> bool:
    texts = [text for _, text in gram]
    first, last = texts[0], texts[-1]
    if last in lexicon.ADJECTIVES or last.endswith(("ly", "ed")) or _too_general(last):
        return False
    if _graded(first) or _graded(last):
        return False  # "clearer picture", "the latest"
    if len(texts) > 1 and first in lexicon.GENERIC_NOUNS:
        return False  # "percent target", "year profits"
    if len(texts) == 1 and set(first.split("-")) & MEASURES:
        return False  # "five-year", "quarter-point": always before a noun
    if last.endswith(ADJECTIVE_ENDINGS):
        return False  # "useful", "dangerous", "political"
    if first.endswith("ly") or (len(texts) > 1 and first.endswith("ed")):
        return False  # "pleaded guilty": a verb phrase
    if len(texts) > 1 and first in lexicon.EVALUATIVE:
        return False  # "good cash flow": "cash flow" says it
    return len(texts) > 1 or len(first) >= 4


def _add(counts, gram, found, sentence, weight, modified):
    surface = " ".join(text for _, text in gram)
    entry = counts[key_of(surface)]
    # The body's wording names the phrase; the headline's only if it is all
    # there is ("grips" in a headline, "grip" in the story).
    entry.surfaces[surface] += 1 if sentence != -1 else 0.1
    # Inside a longer phrase a single word counts half: "interest rates"
    # should not lose to its own "rates".
    entry.weight += weight / 2 if modified and len(gram) == 1 else weight
    entry.count += 1
    if sentence >= 0:
        entry.sentences.add(sentence)
    else:
        entry.in_display = True
        entry.standfirst = entry.standfirst or sentence == -2
    previous = found[gram[0][0] - 1] if gram[0][0] else None
    before = previous.text.lower() if previous else ""
    if before == "the":
        entry.the += 1
    if _gerund(gram[0][1], before):
        entry.verbal += 1  # "considering taking legal action"
    elif modified and _object_follows(found, gram[-1][0]):
        entry.verbal += 1  # "the artist occupies an essential place"
    if modified or (previous and previous.capitalised and not previous.initial):
        entry.modified += 1  # "core inflation", "Russian government"
    elif before in DETERMINERS or before in NUMBERS or before.isdigit():
        entry.determined += 1  # "the rate", "two games"
    elif previous and previous.possessive:
        entry.determined += 1  # "the bank's rate"
    else:
        if _verb_before(found, gram[0][0]) or _object_follows(found, gram[-1][0]):
            entry.verbal += 1
        last = gram[-1][1]
        entry.bare_singular += singular(last) == last  # "inflation rose"


def _gerund(first: str, before: str) -> bool:
    return first.endswith("ing") and (before in VERB_BEFORE or before in GERUND_BEFORE)


def _verb_before(found, position) -> bool:
    """ "will also add", "to expand": a modal or "to" before the word,
    adverbs aside."""
    index = position - 1
    while index >= max(position - 5, 0):
        word = found[index].text.lower()
        if word in VERB_BEFORE:
            return True
        if word in ("and", "or") and index:
            index -= 2  # "to collect and check": past "and collect"
            continue
        if word not in ADVERBS:
            return False
        index -= 1
    return False


def _object_follows(found, position) -> bool:
    """ "economists predict a rise": a word followed by "a" or "the" is a
    verb far more often than a noun."""
    after = found[position + 1] if position + 1 < len(found) else None
    return bool(after) and not after.gap.strip() and after.text.lower() in OBJECTS


def _score(counts: _Counts) -> float:
    length = len(counts.surfaces.most_common(1)[0][0].split())
    score = counts.weight * (1 + LONGER_BONUS * (length - 1))
    if counts.count == 1 and not counts.in_display:
        score *= ONCE_PENALTY
    return score


def _overlaps(a: str, b: str) -> bool:
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def _keyphrase(counts: _Counts) -> Keyphrase:
    text = counts.surfaces.most_common(1)[0][0]
    last = text.split()[-1]
    plural = singular(last) != last
    return Keyphrase(
        text=text,
        score=round(_score(counts), 3),
        mentions=tuple(sorted(counts.sentences)),
        article=_article(text, counts, plural),
        plural=plural,
    )


def _article(text: str, counts: _Counts, plural: bool) -> str:
    """ "the" where English wants one in a question: "the dollar", "the
    election"; none for plurals and for nouns the story writes bare
    ("inflation", "interest rates")."""
    if plural:
        return "the" if counts.the * 2 > counts.count else ""
    # A singular noun wants "the" ("the auction") unless the story shows it
    # is a mass noun by writing it bare, again and again ("inflation").
    if text.split()[-1] in lexicon.MASS_NOUNS:
        return ""
    bare = counts.bare_singular
    return "" if bare >= 3 and bare > counts.determined else "the"
