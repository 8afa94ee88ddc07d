"""How a question reads: the wording for each kind of question.

Templates keep questions grammatical without a parser; what goes into them
(the focus: a name, a keyphrase or the sentence's own subject) comes from
the clause the answer is about (faq.py), so the question asks what the
answer says. Verbs agree with the focus ("What does Russia want?", "What do
analysts fear?").
"""

import re
from dataclasses import dataclass

from broadsheet.enrich.nlp import clauses, lexicon
from broadsheet.enrich.nlp.entities import ORGANISATION, PERSON, PLACE, Entity
from broadsheet.enrich.nlp.keyphrases import Keyphrase
from broadsheet.enrich.nlp.text import phrase_pattern

MAX_WHY_WORDS = 14  # "Why is X ...?" past this reads as a paragraph
AUX_WORDS = lexicon.words_of(
    "is are was were has have had will would could can should must may might"
)
# "Profits fell because ...": an effect, then its cause.
CAUSE = re.compile(
    r"\b(?:because|due to|as a result of|thanks to|driven by|caused by|"
    r"blamed on|on the back of)\b"
)
RISE = re.compile(r"\b(?:rose|risen|jumped|climbed|increased|grew|soared|surged)\b")
FALL = re.compile(r"\b(?:fell|fallen|dropped|slumped|declined|decreased|slipped)\b")
MEANS = re.compile(r"\b(?:means|will mean|would mean)\b")
MAY_AFTER = re.compile(
    r"\s+(?:(?:also|still|now|soon|well|eventually|even)\s+)?(?:could|might|may)"
    r"\s+(?!not\b|be\s+\w+[^d]\b)"
)
FIGURE = re.compile(
    r"[$\u00a3\u20ac]\s?\d|\d\s?(?:%|per ?cent|bn\b|million|billion)"
    r"|\b\d{1,3},\d{3}\b"  # "2,000 copies", "28,000 staff"
)


@dataclass(frozen=True)
class Focus:
    """Who or what a question asks about, as it reads inside the question."""

    phrase: str
    plural: bool = False
    named: bool = False  # a key name of the story
    people: bool = False  # a group of people: "officials", "business groups"
    person: bool = False  # a person or a body: "How is X involved?"
    place: bool = False

    def verb(self, singular: str, plural: str) -> str:
        return plural if self.plural else singular


def purpose(focus: Focus, verb: str, event: str) -> str:
    """ "What is Moscow seeking?", "What does Kim hope to gain from the
    summit?": what the clause says its subject wants."""
    source = f" from {event}" if event and event not in focus.phrase else ""
    if re.search(r"\b(?:seek|seeks|seeking|sought)\b", verb):
        return f"What {focus.verb('is', 'are')} {focus.phrase} seeking{source}?"
    if re.search(r"\bwant", verb):
        return f"What {focus.verb('does', 'do')} {focus.phrase} want{source}?"
    if re.search(r"\b(?:push|press)", verb):
        return f"What {focus.verb('is', 'are')} {focus.phrase} pushing for?"
    return f"What {focus.verb('does', 'do')} {focus.phrase} hope to gain{source}?"


def reaction(focus: Focus, event: str) -> str:
    to = f" to {event}" if event else ""
    return f"How {focus.verb('has', 'have')} {focus.phrase} responded{to}?"


def consequence(subject: Focus, target: Focus | None) -> str:
    """ "What could an arms transfer mean for the United Nations?" """
    if target and target.phrase.lower() not in subject.phrase.lower():
        return f"What could {subject.phrase} mean for {target.phrase}?"
    return f"What could {subject.phrase} mean?"


def concern(focus: Focus, about: Focus | None, warning: bool) -> str:
    """ "What are the concerns about the summit?" when the worry has an
    object; "What warning has the White House given?"; "What do analysts
    fear?"."""
    if about and about.phrase.lower() not in focus.phrase.lower():
        return f"What are the concerns about {about.phrase}?"
    if warning:
        return f"What warning {focus.verb('has', 'have')} {focus.phrase} given?"
    return f"What {focus.verb('does', 'do')} {focus.phrase} fear?"


def risk(focus: Focus) -> str:
    return f"What are the risks for {focus.phrase}?"


def next_step(focus: Focus) -> str:
    return f"What happens next for {focus.phrase}?"


def happened(focus: Focus) -> str:
    return f"What happened to {focus.phrase}?"


def background(focus: Focus) -> str:
    return f"What is the background to {focus.phrase}?"


def definite(focus: Focus) -> Focus:
    """ "An MP has had ..." opens a story; a question asks about "the MP"."""
    phrase = re.sub(r"^(?:a|an|any)\s", "the ", focus.phrase)
    return Focus(phrase, focus.plural, focus.named, focus.people, focus.person)


def lead(focus: Focus | None) -> str:
    if focus is None:
        return "What is the latest news?"
    return f"What is the latest news about {focus.phrase}?"


ABOUT = ("What does the story say about {}?", "What is known about {}?")


def general(focus: Focus, turn: int) -> str:
    """The catch-all, for a name or keyphrase the answer is about."""
    singular_name = not re.search(r"[a-z][^s]s$", focus.phrase)
    if focus.person and singular_name:
        return f"How is {focus.phrase} involved?"
    return ABOUT[turn % len(ABOUT)].format(focus.phrase)


AGAIN = ("What else does the story say about {}?", "What else is known about {}?")


def again(phrase: str, turn: int) -> str:
    """A second catch-all about a name another question asked about."""
    return AGAIN[turn % len(AGAIN)].format(phrase)


def is_filler(question: str) -> bool:
    """A catch-all a reader gains little from: asked only to reach four."""
    return question.startswith(tuple(t.split("{")[0] for t in ABOUT))


def _position(text: str, phrase: str) -> int:
    match = phrase_pattern(phrase).search(text)
    return match.start() if match else -1


def plain_phrase(text: str, lower_words=frozenset()) -> Focus | None:
    """A subject with no name in it, as a question can use it: "Officials"
    -> "officials", "Any arms transfer" -> "an arms transfer", "The two
    leaders" -> "the two leaders"; None for pronouns, clauses and long
    phrases. `lower_words`: words the story writes in lower case, so that
    "Arcturis" stays a name and "Officials" does not."""
    text = re.split(r"\s(?:in|at|to|for|from|with|by|on|between|against)\s", text)[0]
    # "The 31-year-old Norway international": the age says nothing asked.
    found = [w for w in text.split() if not AGE.fullmatch(w)]
    while found and found[0].lower() in QUANTIFIERS:
        found = found[1:]  # "Some independent researchers"
    if len(found) > 1 and found[0].endswith("ly") and found[1] in ("the", "a", "an"):
        found = found[1:]  # "certainly the press conference"
    if len(found) > 1 and found[0] != "The" and all(w[:1].isupper() for w in found[:2]):
        return None  # "Mark Philippoussis": a name the story does not rank
    text = " ".join(found)
    # Not quotations, figures or clauses; a possessive is fine ("Alzheimer's
    # charities", "patients' relatives").
    bare = re.sub(r"(?<=\w)'s?\b|(?<=s)'", "", text)
    if not found or len(found) > 4 or re.search(r"[\d,;:\"\u201c\u201d()']", bare):
        return None
    first = found[0].lower()
    if first in LEANING or first in lexicon.PRONOUNS or first in lexicon.FIRST_PERSON:
        return None  # "This", "Such a deal": leans on the sentence before
    others = lexicon.STOPWORDS - {"the", "a", "an", "any", "two", "three"}
    if any(w.lower() in others for w in found):
        return None
    last = found[-1].lower()
    if len(found) == 1 and found[0][0].isupper() and last not in lower_words:
        return None  # "Arcturis": a name the story does not rank, not a group
    # "the German international" is a player; "Early" is no noun phrase.
    player = last == "international" and len(found) > 1 and found[-2][:1].isupper()
    adjective = last in lexicon.ADJECTIVES and not player
    if adjective or last.endswith(("ly", "ing")) or last in _VERBISH:
        return None  # "Early", "ministers remain": not a noun phrase
    if len(found) > 1 and _verb_after_noun(found[-2].lower(), last):
        return None  # "the festival opens", "the research comes"
    if last in MEASURES:
        return None  # "the number" of what? "the share", "the rest"
    if first == "any" and len(found) > 1:
        found = ["an" if found[1][:1].lower() in "aeiou" else "a", *found[1:]]
    elif first in lower_words or first in lexicon.STOPWORDS:
        found[0] = first  # "The two leaders", "Officials"
    plural = (
        last.endswith("s")
        and not last.endswith("ss")
        and last not in lexicon.NOT_PLURAL
    )
    people = last in lexicon.GROUPS  # "police say": groups take a plural verb
    return Focus(" ".join(found), plural=plural or people, people=people)


def _verb_after_noun(before: str, last: str) -> bool:
    """ "festival opens": a singular noun, then a verb's "-s" form."""
    verb = last in clauses.VERB_FORMS and last.endswith("s") and not last.endswith("ss")
    return verb and not before.endswith("s") and before not in lexicon.STOPWORDS


# Nouns that say how much of something, not what: a question about "the
# number" means nothing without "of ...".
MEASURES = lexicon.words_of(
    """number numbers share proportion percentage level levels amount rest
    majority half third quarter total figure part range lot kind type
    sort mix bulk handful couple pair three two four five"""
)
QUANTIFIERS = lexicon.words_of("some many several most other both")
AGE = re.compile(r"\d+-year-old")
LEANING = lexicon.words_of("this that these those it such there what its")
_VERBISH = lexicon.words_of("remain remains say says runs run is are was were")


def entity_focus(entity: Entity) -> Focus:
    return Focus(
        entity.phrase,
        named=True,
        person=entity.kind in (PERSON, ORGANISATION),
        place=entity.kind == PLACE,
    )


def keyphrase_focus(keyphrase: Keyphrase) -> Focus:
    people = keyphrase.text.split()[-1] in lexicon.GROUPS  # "ministers"
    return Focus(keyphrase.phrase, plural=keyphrase.plural or people, people=people)


def why_inverted(text: str, subjects) -> str:
    """ "Why is Eastbrook still expected to receive an at-large bid?" from
    "Eastbrook is still expected to receive an at-large bid ... because of
    its record": a named subject and an auxiliary open the sentence, so the
    question is the same words with the two swapped."""
    cause = CAUSE.search(text.lower())
    if not cause or re.search(r"\b(?:is|are|was|were|be)\s+$", text[: cause.start()]):
        return ""  # "is due to be shown": a date, not a cause
    clause = re.split(r",| - | \u2013 | according to ", text[: cause.start()])[0]
    if re.search(r" (?:and|but|as|or|while|which|that) ", clause):
        return ""  # two clauses: which one has the cause?
    opening = clause.removeprefix("The ").removeprefix("the ")
    for subject in subjects:
        keyphrase = isinstance(subject, Keyphrase)
        names = [subject.text] if keyphrase else subject.names
        for name in names:
            # String tests, not a pattern per name: this runs for every
            # sentence with a cause, and compiling is the slow part.
            start = opening.lower() if keyphrase else opening
            if not start.startswith(name):
                continue
            auxiliary, *rest = opening[len(name) :].split() or [""]
            spaced = opening[len(name) : len(name) + 1].isspace()
            short = 2 <= len(rest) <= MAX_WHY_WORDS
            plain = not set(rest) & lexicon.PRONOUNS
            if spaced and auxiliary in AUX_WORDS and short and plain:
                return f"Why {auxiliary} {subject.phrase} {' '.join(rest)}?"
    return ""


def why_question(text: str, keyphrase: Keyphrase) -> str:
    """ "What is behind the rise in profits?" for "Profits rose because ...";
    "Why does the deal matter?" for "The deal means ..."; "What could happen
    to the traders?" for "... the traders could face ..."."""
    lower = text.lower()
    position = _position(lower, keyphrase.text)
    if position < 0:
        return ""
    cause = CAUSE.search(lower)
    if cause and position < cause.start():
        effect = lower[position : cause.start()]
        if RISE.search(effect):
            return f"What is behind the rise in {keyphrase.text}?"
        if FALL.search(effect):
            return f"What is behind the fall in {keyphrase.text}?"
    after = lower[position + len(keyphrase.text) :]
    if len(lower[:position].split()) <= 2 and MEANS.match(after.lstrip()):
        verb = "do" if keyphrase.plural else "does"
        return f"Why {verb} {keyphrase.phrase} matter?"
    if _may_happen_to(lower, position, keyphrase.text):
        return f"What could happen to {keyphrase.phrase}?"
    return ""


def _may_happen_to(lower: str, position: int, phrase: str) -> bool:
    """ "the traders could face", "If the traders are found guilty, they
    could": the keyphrase is who or what "could" is about."""
    after = lower[position + len(phrase) :]
    if MAY_AFTER.match(after):
        return position < 60  # "could face", "could be fined"; not "could be a"
    lead = lower[:position].strip()
    return lead in ("if", "if the") and bool(
        re.search(r", (?:they|it) (?:could|might|may)\b", after)
    )


def figures_question(text: str, keyphrase: Keyphrase) -> str:
    """ "How much have profits risen?" when the figure belongs to the
    keyphrase; otherwise "What do the figures show about profits?"."""
    lower = text.lower()
    position = _position(lower, keyphrase.text)
    if position < 0 or position > len(lower) // 2:
        return ""
    after = lower[position + len(keyphrase.text) :][:50]
    auxiliary = "have" if keyphrase.plural else "has"
    if position < 40 and RISE.search(after) and FIGURE.search(after + " "):
        return f"How much {auxiliary} {keyphrase.phrase} risen?"
    if position < 40 and FALL.search(after) and FIGURE.search(after + " "):
        return f"How much {auxiliary} {keyphrase.phrase} fallen?"
    return figures_about(keyphrase)


def figures_about(focus) -> str:
    if focus.phrase.split()[-1] in ("figures", "numbers", "statistics"):
        return ""  # not "What do the figures show about viewing figures?"
    return f"What do the figures show about {focus.phrase}?"
