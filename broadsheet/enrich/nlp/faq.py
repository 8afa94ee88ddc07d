"""The offline FAQ: questions a reader would ask, answered in the story's words.

Questions are templates filled with the story's key entities and keyphrases
("Who is Christine Lagarde?", "What did the Bank of England say about
interest rates?"); answers are one or two of the story's own sentences, found
by cues (a role beside a name, "said", "because", "will"). Templates keep the
questions grammatical without a parser; cues keep the answers on topic. Every
pair then passes grounding.grounded(), the check a language model's pairs
pass too, so nothing unsupported reaches readers.
"""

import re
from dataclasses import dataclass

from broadsheet.enrich.nlp import lexicon
from broadsheet.enrich.nlp.answers import VERBS, Sentences
from broadsheet.enrich.nlp.entities import (
    ORGANISATION,
    OTHER,
    PERSON,
    PLACE,
    Entity,
    is_acronym,
    key_entities,
)
from broadsheet.enrich.nlp.grounding import grounded
from broadsheet.enrich.nlp.keyphrases import Keyphrase, ranked_keyphrases
from broadsheet.enrich.nlp.story import FAQPair, Story
from broadsheet.enrich.nlp.text import phrase_pattern

MIN_QUESTION_WORDS = 4
ABOUT = ("What does the story say about {}?", "What is known about {}?")
MAX_WHY_WORDS = 14  # "Why is X ...?" past this reads as a paragraph
TOP_ENTITIES = 10
TOP_KEYPHRASES = 10
SPEAKER_REACH = 45  # characters between a name and its "said"
ROLES = "|".join(sorted(lexicon.ROLES, key=len, reverse=True))
# Words before a name that are no part of it: "Solicitor General Warren Pike".
TITLE_WORDS = (
    lexicon.TITLES
    | lexicon.PERSON_LABELS
    | {title.split()[-1] for title in lexicon.MULTIWORD_TITLES}
)
AUXILIARIES = (
    r"(?:is|are|was|were|has|have|had|will|would|could|can|should|must|may|might)"
)
ROLE_AFTER = re.compile(
    rf",\s+(?!and\b)(?:the\s+|a\s+|an\s+|who\s+is\s+)?"
    rf"(?:[\w'\u2019-]+\s+){{0,4}}(?:{ROLES})\b",
    re.IGNORECASE,
)
ROLE_BEFORE = re.compile(
    rf"\b(?:{ROLES})(?:'s)?\s+(?:of\s+[\w ]+?\s+)?$", re.IGNORECASE
)
ORG_APPOSITIVE = re.compile(r"(?: \([A-Z]+\))?, (?:the|a|an|one of) ")

# "Mr Blair said", "said Mr Blair", "according to the ECB"; not "who said".
SPEECH = re.compile(
    rf"(?<!who )(?<!which )(?<!that )(?<!is )(?<!are )(?<!was )(?<!were )"
    rf"\b(?:{VERBS}|according to)\b(?! to\b)(?!\s+\d)"
)  # and not "is said to", not "added 14 points"
SPEECH_BEFORE_NAME = re.compile(r"\b(?:said|says|added|according to)$")
# "Economists said", "Some scientists warned": unnamed voices.
GROUP_SPEAKS = re.compile(
    r"(?:(?:Some|Many|Several|Other|Most)\s+)?((?:[A-Za-z-]+\s+){0,2}[a-z]+s)"
    r"\s+(?:also\s+)?(?:said|say|warned|argued|believe|noted|cautioned|advised)\b"
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
FUTURE = re.compile(
    r"\b(?:will|expected to|(?:is|are) due|due to be|next (?:week|month|year|"
    r"season|spring|summer|autumn|winter)|later this|(?:is|are) set to|"
    r"aims to|intends to|hopes to|(?:is|are) likely to|(?:is|are) going to|"
    r"scheduled to)\b"
)
FIGURE = re.compile(r"[$\u00a3\u20ac]\s?\d|\d\s?(?:%|per ?cent|bn\b|million|billion)")
# "he will", "the company will": someone named earlier in the sentence.
STAND_IN = re.compile(r"\b(?:(he|she)|it|they|the (?:company|firm|group|bank))\s*$")
# What may stand between a name and its "said": "Time Warner has said",
# "Mr Blair also told"; not "evaluations run by Tessellate itself and said".
GAP_WORDS = lexicon.words_of(
    "has have had also recently previously earlier later then now again"
    " further yesterday today once subsequently separately initially"
)
# What may stand between a name and its "will": "Keegan is expected to",
# "Rosneft officials will"; not "Ayaan Hirsi Ali and was due to".
NEAR_WORDS = GAP_WORDS | lexicon.words_of(
    "is are was were be been still officials executives bosses itself"
)


@dataclass
class Candidate:
    question: str
    sources: tuple[int, ...]
    # A catch-all ("What does the story say about X?"): asked only while the
    # FAQ has fewer than FILLER_UNTIL pairs, since a reader gains little.
    filler: bool = False


FILLER_UNTIL = 4


def generate(story: Story, max_pairs: int = 6) -> list[FAQPair]:
    """Up to `max_pairs` grounded pairs, in order of importance to a reader:
    what happened, who is who, what was said, why, the figures, what next."""
    maker = _Maker(story)
    pairs: list[FAQPair] = []
    for candidate in maker.candidates():
        if len(pairs) >= max_pairs:
            break
        if candidate.filler and len(pairs) >= FILLER_UNTIL:
            continue
        if pair := maker.accept(candidate):
            pairs.append(pair)
    return pairs


class _Maker:
    def __init__(self, story: Story):
        self.story = story
        self.texts = story.sentences
        self.sentences = Sentences(story)
        self.entities = key_entities(story, TOP_ENTITIES)
        self.keyphrases = ranked_keyphrases(story, TOP_KEYPHRASES)
        self.used: set[int] = set()
        self.questions: set[str] = set()
        self.quoted: set[str] = set()  # entities already asked what they said

    def accept(self, candidate: Candidate) -> FAQPair | None:
        """The pair, grounded, unless it repeats a question or a sentence."""
        question, sources = candidate.question, candidate.sources
        normal = _normal(question)
        if normal in self.questions or len(question.split()) < MIN_QUESTION_WORDS:
            return None
        if not sources or not self.free(sources):
            return None
        answer = " ".join(self.texts[i] for i in sources)
        pair = grounded(FAQPair(question, answer, sources), self.story)
        if pair is None:
            return None
        self.used.update(pair.sources)
        self.questions.add(normal)
        return pair

    def free(self, sources) -> bool:
        return bool(sources) and not self.used & set(sources)

    def candidates(self):
        """Candidates, best first; generate() keeps the first that fit."""
        yield from self._lead()
        yield from self._who(people=1)
        yield from self._said(speakers=1)
        yield from self._group_said()
        yield from self._why()
        yield from self._figures()
        yield from self._next()
        yield from self._said(speakers=2)
        yield from self._who(people=2)
        yield from self._involved()

    # What happened

    def _lead(self):
        for index in self.sentences.usable_indexes()[:3]:
            sources = self.sentences.answer(index)
            subject = self._lead_subject(sources)
            if sources and subject:
                yield Candidate(f"What is the latest news about {subject}?", sources)
                return

    def _lead_subject(self, sources) -> str:
        """Who or what the story is about, named in its lead: what the
        headline names first (its subject), then the top names and
        keyphrases; a place last ("the latest news about the US" is rarely
        what a story is)."""
        lead = " ".join(self.texts[i] for i in sources)
        headline = self.story.headline
        people = [e for e in self.entities if e.kind != PLACE]
        places = [e for e in self.entities if e.kind == PLACE]
        in_headline = sorted(
            (position, rank, subject)
            for rank, subject in enumerate(self.entities + self.keyphrases)
            if (position := _first_position(headline, subject)) >= 0
        )
        choices = [
            *(s for *_, s in in_headline if isinstance(s, Entity) and s.kind != PLACE),
            *(s for *_, s in in_headline if isinstance(s, Keyphrase)),
            *(s for *_, s in in_headline),
            *people[:5],
            *self.keyphrases[:5],
            *places[:2],
        ]
        for choice in choices:
            if _first_position(lead, choice) >= 0:
                return choice.phrase
        return ""

    # Who is who

    def _who(self, people):
        for entity in [e for e in self.entities if e.kind == PERSON][:people]:
            if _known_person(entity):
                sources = self._introduction(entity)
                yield Candidate(f"Who is {entity.name}?", sources)
        for entity in [e for e in self.entities if e.kind == ORGANISATION][:people]:
            question = f"What is {entity.phrase}?"
            if len(question.split()) >= MIN_QUESTION_WORDS:
                yield Candidate(question, self._introduction(entity))

    def _introduction(self, entity: Entity) -> tuple[int, ...]:
        """A sentence, not yet used, giving `entity` its role: "Christine
        Lagarde, the president of the ECB," or "ECB president Christine
        Lagarde"."""
        for index in entity.mentions:
            text = self.texts[index]
            if any(_introduces(text, n, entity.kind) for n in entity.names):
                sources = self.sentences.answer(index, named=entity.names)
                if self.free(sources):
                    return sources
        return ()

    # What was said

    def _said(self, speakers):
        talkers = [e for e in self.entities if e.kind != PLACE and _talks(e)]
        talkers.sort(key=lambda e: e.kind not in (PERSON, ORGANISATION))
        for entity in talkers:
            if len(self.quoted) >= speakers:
                return
            if entity.name in self.quoted:
                continue
            for index in self._said_by(entity):
                sources = self.sentences.answer(index, named=entity.names)
                if self.free(sources):
                    self.quoted.add(entity.name)
                    yield Candidate(
                        self._said_question(entity, index, sources), sources
                    )
                    break

    def _said_by(self, entity: Entity):
        """Sentences reporting what `entity` said: naming it beside "said",
        or "He said ..." right after a sentence naming him."""
        pronouns = ("He", "She") if entity.kind == PERSON else ("It",)
        for index in entity.mentions:
            if _speaker(self.texts[index], self.entities) is entity:
                yield index
            following = index + 1
            if following >= len(self.texts) or following in entity.mentions:
                continue
            if re.match(rf"(?:{'|'.join(pronouns)}) {VERBS}\b", self.texts[following]):
                yield following

    def _said_question(self, entity: Entity, index: int, sources) -> str:
        text = self.texts[index]
        verb = "does" if re.search(r"\bsays\b", text) else "did"
        # What the words are about: after "said", or inside the quotation.
        speech = SPEECH.search(text)
        reported = text[speech.end() :] if speech else text
        if re.search(r"[\"\u201c]", text[: speech.start()] if speech else ""):
            reported = text
        topic = self._keyphrase_in_text(reported.lower(), avoid=entity)
        about = f" about {topic.phrase}" if topic else ""
        return f"What {verb} {entity.phrase} say{about}?"

    def _keyphrase_in(
        self, sources, avoid: Entity | None = None, top=TOP_KEYPHRASES, avoid_text=""
    ):
        text = " ".join(self.texts[i] for i in sources).lower()
        return self._keyphrase_in_text(text, avoid, top, avoid_text)

    def _keyphrase_in_text(self, text, avoid=None, top=TOP_KEYPHRASES, avoid_text=""):
        avoided = " ".join(avoid.names).lower() if avoid else avoid_text
        for keyphrase in self.keyphrases[:top]:
            if keyphrase.text in avoided:
                continue
            if _position(text, keyphrase.text) >= 0:
                return keyphrase
        return None

    def _group_said(self):
        """ "What do economists say about inflation?" for "Economists said
        ...": voices the story quotes without naming them."""
        for index in self.sentences.usable_indexes():
            match = GROUP_SPEAKS.match(self.texts[index])
            sources = self.sentences.answer(index)
            if not match or not self.free(sources):
                continue
            group = match.group(1).lower()
            if group.split()[0] in lexicon.STOPWORDS:
                continue
            topic = self._keyphrase_in(sources, avoid_text=group)
            about = f" about {topic.phrase}" if topic else ""
            yield Candidate(f"What do {group} say{about}?", sources)
            return

    # Why, and what it means

    def _why(self):
        subjects = [e for e in self.entities if e.kind != PLACE] + self.keyphrases
        for index in self.sentences.usable_indexes():
            sources = self.sentences.answer(index)
            if not self.free(sources):
                continue
            text = self.texts[index]
            question = _why_inverted(text, subjects)
            for keyphrase in self.keyphrases:
                question = question or _why_question(text, keyphrase)
            if question:
                yield Candidate(question, sources)
                return

    # Figures

    def _figures(self):
        for index in self.sentences.usable_indexes():
            text = self.texts[index]
            sources = self.sentences.answer(index)
            if not FIGURE.search(text) or not self.free(sources):
                continue
            for keyphrase in self.keyphrases[:3]:
                question = _figures_question(text, keyphrase)
                if question:
                    yield Candidate(question, sources)
                    return

    # What next

    def _next(self):
        indexes = self.sentences.usable_indexes()
        # The end of a story says what comes next: search from the back.
        for index in reversed(indexes[len(indexes) // 3 :]):
            sources = self.sentences.answer(index)
            if not self.free(sources):
                continue
            subject = self._future_subject(index, sources)
            if subject:
                yield Candidate(f"What happens next for {subject}?", sources)
                return

    def _future_subject(self, index: int, sources) -> str:
        """The name or keyphrase just before "will" ("The White House will
        announce"), or the name a stand-in ("the company will") refers to."""
        text = self.texts[index]
        future = FUTURE.search(_outside_quotes(text))
        if not future:
            return ""
        before = text[: future.start()]
        for entity in self.entities:
            if entity.kind != PLACE and _ends_near(before, entity.names):
                return entity.phrase
        for keyphrase in self.keyphrases:
            if _ends_near(before.lower(), [keyphrase.text]):
                return keyphrase.phrase
        stand_in = STAND_IN.search(before)
        if stand_in:
            # The name nearest before the stand-in, of the right kind.
            kind = PERSON if stand_in.group(1) else ORGANISATION
            earlier = " ".join(self.texts[i] for i in sources[:-1]) + " " + before
            named = [
                (match.start(), entity)
                for entity in self.entities
                if entity.kind == kind
                for name in entity.names
                for match in _mentions(earlier, name)
            ]
            if named:
                return max(named, key=lambda found: found[0])[1].phrase
        return ""

    # Anything else a reader may wonder about a name

    def _involved(self):
        """What else the story says about its names and keyphrases: the
        oft-mentioned first, the passing mentions last."""
        asked = " ".join(self.questions)
        entities = [e for e in self.entities if _normal(e.name) not in asked]
        named = [e for e in entities if e.kind in (PERSON, ORGANISATION)]
        others = [e for e in entities if e.kind == OTHER]
        places = [e for e in entities if e.kind == PLACE and _place_name(e.name)]
        keyphrases = [k for k in self.keyphrases if k.text not in asked]
        subjects = [
            *(e for e in named if len(e.mentions) > 1),
            *keyphrases[:3],
            *(e for e in others if len(e.mentions) > 1),
            *places,
            *keyphrases[3:],
            *(e for e in named + others if len(e.mentions) <= 1),
        ]
        for subject in subjects:
            for index in subject.mentions:
                sources = self.sentences.answer(index)
                if self.free(sources):
                    # Two wordings in turn, so a list of them does not drone.
                    turn = len(self.questions) % 2
                    question = _involved_question(subject, turn)
                    yield Candidate(question, sources, filler=_catch_all(question))
                    break


def _known_person(entity: Entity) -> bool:
    """Sure enough it is a person to ask "Who is ...?": a full name with a
    given name first, or one the story also uses by surname alone."""
    words = entity.name.split()
    if len(words) < 2:
        return False
    return words[0].lower() in lexicon.GIVEN_NAMES or words[-1] in entity.aliases


def _talks(entity: Entity) -> bool:
    """Laws and treaties are quoted, but do not speak."""
    last = entity.name.split()[-1].lower()
    return last not in ("act", "law", "bill", "convention", "treaty", "code", "rules")


def _outside_quotes(text: str) -> str:
    """`text` with quotations blanked out (same length): what a source
    predicts in a quotation is opinion, not what happens next."""
    return re.sub(
        r"[\"\u201c][^\"\u201d]*[\"\u201d]?", lambda m: " " * len(m.group()), text
    )


def _first_position(text: str, subject: Entity | Keyphrase) -> int:
    """Where `text` first names `subject` (a keyphrase in any case), or -1."""
    if isinstance(subject, Keyphrase):
        return _position(text.lower(), subject.text)
    found = [_position(text, name) for name in subject.names]
    return min((p for p in found if p >= 0), default=-1)


def _names_any(text: str, names) -> bool:
    """Whether `text` names one of `names`, capitals and all."""
    return any(_position(text, name) >= 0 for name in names)


def _in(text: str, phrase: str) -> bool:
    return _position(text.lower(), phrase.lower()) >= 0


def _place_name(name: str) -> bool:
    """Where "What is happening in X?" reads well: not "in Wall Street"."""
    return not name.lower().endswith(("street", "road", "avenue", "square"))


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _position(text: str, phrase: str) -> int:
    match = phrase_pattern(phrase).search(text)
    return match.start() if match else -1


def _ends_near(before: str, names, reach: int = 12) -> bool:
    """Whether `before` ends with one of `names`, give or take a few words
    ("The White House", "Rosneft officials")."""
    for name in names:
        if name not in before:
            continue
        matches = list(phrase_pattern(name).finditer(before))
        rest = before[matches[-1].end() :] if matches else "."
        rest = rest.removeprefix("'s").removeprefix("'")
        if len(rest) <= reach and set(rest.lower().split()) <= NEAR_WORDS:
            return True
    return False


def _introduces(text: str, name: str, kind: str) -> bool:
    """Whether `text` gives `name` a role: "Christine Lagarde, the president
    of the ECB," or "ECB president Christine Lagarde"; for an organisation,
    "Fairmont Markets, one of Britain's largest grocers,"."""
    if name not in text:
        return False
    for match in phrase_pattern(name).finditer(text):
        if kind == PERSON:
            before = text[max(0, match.start() - 60) : match.start()]
            if ROLE_AFTER.match(text, match.end()) or ROLE_BEFORE.search(before):
                return True
        elif kind == ORGANISATION and ORG_APPOSITIVE.match(text, match.end()):
            return not is_acronym(name)
    return False


def _speaker(text: str, entities: list[Entity]) -> Entity | None:
    """Whose words `text` reports: the name nearest a speech verb, before it
    ("Mr Blair said", "Christine Lagarde, the ECB's president, said") or
    just after it ("said Alan Greenspan.")."""
    best, best_distance = None, SPEAKER_REACH
    for verb in SPEECH.finditer(text):
        for entity in entities:
            for name in entity.names:
                for match in _mentions(text, name):
                    distance = _distance(text, match, verb)
                    if distance is not None and distance < best_distance:
                        best, best_distance = entity, distance
    return best


def _mentions(text: str, name: str):
    """Where `name` stands on its own: not "Def Jam" in "Island Def Jam Music
    Group"."""
    for match in phrase_pattern(name).finditer(text):
        before = text[: match.start()].split()[-1:] or [""]
        after = text[match.end() :].split()[:1] or [""]
        opens_sentence = match.start() <= len(before[0]) + 1
        title = before[0].lower() in TITLE_WORDS
        inside_before = before[0][:1].isupper() and not opens_sentence and not title
        if not inside_before and not after[0][:1].isupper():
            yield match


def _distance(text: str, name: re.Match, verb: re.Match) -> int | None:
    if name.end() <= verb.start():
        gap = text[name.end() : verb.start()]
        if re.fullmatch(r",[^,]{1,60},\s*", gap):
            return 1  # an appositive between: "Lagarde, the ECB's president, said"
        if re.search(r"[,.;:\"\u201c\u201d]|^'", gap):
            return None  # "Deutsche Bank's position, analysts said"
        if not set(gap.lower().split()) <= GAP_WORDS:
            return None
        return len(gap)
    if name.start() >= verb.end() and SPEECH_BEFORE_NAME.search(verb.group()):
        gap = text[verb.end() : name.start()]
        words = gap.lower().split()
        ends = text[name.end() : name.end() + 1] in ("", ",", ".")
        # "said Robert Sinche, head of", "said US lawyer Jamie Firestone";
        # not "said the success of Long Orbit, ..."
        plain = not set(words) & lexicon.STOPWORDS and not re.search(r"[^\w\s-]", gap)
        if ends and plain and len(words) <= 4:
            return len(gap)
    return None


def _why_inverted(text: str, subjects) -> str:
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
    for subject in subjects:
        names = subject.names if isinstance(subject, Entity) else [subject.text]
        for name in names:
            pattern = rf"(?:The\s+)?{re.escape(name)}\s+({AUXILIARIES})\s+(.+?)\s*$"
            flags = re.IGNORECASE if isinstance(subject, Keyphrase) else 0
            match = re.match(pattern, clause, flags)
            rest = match.group(2).split() if match else []
            if 2 <= len(rest) <= MAX_WHY_WORDS and not set(rest) & lexicon.PRONOUNS:
                return f"Why {match.group(1)} {subject.phrase} {' '.join(rest)}?"
    return ""


def _why_question(text: str, keyphrase: Keyphrase) -> str:
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


def _figures_question(text: str, keyphrase: Keyphrase) -> str:
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
    return f"What do the figures show about {keyphrase.phrase}?"


def _catch_all(question: str) -> bool:
    return not question.startswith(("How is ", "What is happening in "))


def _involved_question(subject: Entity | Keyphrase, turn: int = 0) -> str:
    # "How is X involved?" for one person or body; not "How is the Games".
    singular_name = not re.search(r"[a-z][^s]s$", subject.phrase)
    named = isinstance(subject, Entity) and subject.kind in (PERSON, ORGANISATION)
    if named and singular_name:
        return f"How is {subject.phrase} involved?"
    if isinstance(subject, Entity) and subject.name.lower() in lexicon.PLACES:
        return f"What is happening in {subject.phrase}?"
    return ABOUT[turn % len(ABOUT)].format(subject.phrase)
