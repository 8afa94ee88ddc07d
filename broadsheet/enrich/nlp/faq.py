"""The offline FAQ: questions a reader would ask, answered in the story's words.

Each question comes from what its answer does. A sentence's subject, verb and
object (clauses.py) say what it is about; its verb group says what kind of
question it answers (cues.py): what someone wants ("is seeking"), what is at
stake ("would violate"), how someone reacted ("condemned"), what is feared,
what happens next. The question asks exactly that about exactly that subject
("What is Moscow seeking from the summit?"), in words from questions.py, and
its answer is the sentence, with the one before or after it when they belong
together (answers.py). A FAQ takes one question of each kind the story
supports before a second of any, the lead question first, and every pair
passes grounding.grounded(), the check a language model's pairs pass too.
"""

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from broadsheet.enrich.nlp import clauses, cues, lexicon, questions, speakers
from broadsheet.enrich.nlp.answers import VERBS, Sentences
from broadsheet.enrich.nlp.entities import (
    ORGANISATION,
    OTHER,
    PERSON,
    PLACE,
    Entity,
    key_entities,
)
from broadsheet.enrich.nlp.grounding import grounded
from broadsheet.enrich.nlp.keyphrases import Keyphrase, ranked_keyphrases
from broadsheet.enrich.nlp.questions import Focus, entity_focus, keyphrase_focus
from broadsheet.enrich.nlp.story import FAQPair, Story
from broadsheet.enrich.nlp.text import phrase_pattern

METHOD_NOTE = "Answers are quoted from the article."

MIN_QUESTION_WORDS = 4
TOP_ENTITIES = 10
TOP_KEYPHRASES = 10
FILLER_UNTIL = 4  # catch-alls only while the FAQ has fewer pairs than this
LEAD, WHO, SAID, CAUSE, FIGURES, GENERAL, RISK = (
    "lead",
    "who",
    "said",
    "cause",
    "figures",
    "general",
    "risk",
)
# The order a reader wants them in after the lead: who is involved, what
# they want, how others took it, what is at stake and feared, then the words,
# reasons, figures, what next and the background.
ORDER = (
    WHO,
    cues.PURPOSE,
    cues.REACTION,
    cues.CONSEQUENCE,
    cues.CONCERN,
    RISK,
    SAID,
    CAUSE,
    FIGURES,
    cues.NEXT,
    cues.HAPPENED,
    cues.BACKGROUND,
    GENERAL,
)
# How many of a kind before a second round: a story about two sides says
# what each of them wants.
FIRST_ROUND = {cues.PURPOSE: 2}
# The occasion a purpose question names: "hope to gain from the summit".
EVENTS = lexicon.words_of(
    """summit talks meeting visit deal trip negotiations agreement merger
    takeover bid election conference tour sale auction strike trial case
    inquiry review contract partnership alliance ceasefire truce treaty"""
)
WARNINGS = re.compile(r"\b(?:warn|caution)")
SPEAKS = re.compile(rf"\b{VERBS}$")
MAX_OF_A_KIND = 2  # a third "What happens next" reads like a template
# How many of a kind each round of choosing takes: one of each kind (two
# purposes) first, then up to MAX_OF_A_KIND, then anything, and that only
# to reach FILLER_UNTIL pairs.
ROUNDS = (
    lambda c: FIRST_ROUND.get(c.kind, 1),
    lambda c: MAX_OF_A_KIND,
    lambda c: float("inf"),
)
# "X could face ...": something may happen to X.
FACES = re.compile(r"\b(?:could|might|may|would) (?:also )?(?:face|lose|be forced)")
FIGURE = questions.FIGURE
HEAD_END = re.compile(
    r"\s(?:in|at|to|for|from|with|by|on|between|against|outside|inside|across"
    r"|over|under|after|before|during|amid|near|within|without|into|through"
    r"|like|including|about|among|such as|who|which|that)\s"
)
# The lead's subject may name its story's subject after "from": "Foreign
# ministers from the European Union and the African Union agreed ...".
LEAD_HEAD_END = re.compile(HEAD_END.pattern.replace("|from|", "|"))
NOT_HEADS = lexicon.words_of("dead alive ill well guilty free")  # "found dead"
PIECE_END = re.compile(r",?\s(?:of|from|and|&)\s")
POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)\s+(?:\w+\s+){0,2}?(\w+)")
FUTURE_NEAR_END = 3  # "what happens next" is at a story's end: its last third


@dataclass
class Candidate:
    question: str
    sources: tuple[int, ...]
    kind: str
    filler: bool = False
    focus: str = ""  # a catch-all's subject: asked about once only


def generate(story: Story, max_pairs: int = 6) -> list[FAQPair]:
    """Up to `max_pairs` grounded pairs: the lead question first, then one of
    each kind the story answers before a second of any, in a reader's order."""
    maker = _Maker(story)
    pool = list(maker.candidates())
    chosen: list[tuple[Candidate, FAQPair]] = []
    for candidate in (c for c in pool if c.kind == LEAD):
        if pair := maker.accept(candidate):
            chosen.append((candidate, pair))
            break
    taken: Counter = Counter()
    for round_ in ROUNDS:
        for candidate in pool:
            if len(chosen) >= max_pairs:
                break
            if candidate.kind == LEAD or taken[candidate.kind] >= round_(candidate):
                continue
            if candidate.filler and len(chosen) >= FILLER_UNTIL:
                continue
            if round_ is ROUNDS[-1] and len(chosen) >= FILLER_UNTIL:
                break
            if pair := maker.accept(candidate):
                chosen.append((candidate, pair))
                taken[candidate.kind] += 1
    lead = [pair for candidate, pair in chosen if candidate.kind == LEAD]
    rest = sorted(
        (c for c in chosen if c[0].kind != LEAD),
        key=lambda c: (ORDER.index(c[0].kind), c[1].sources[0]),
    )
    return lead + [pair for _, pair in rest]


class _Maker:
    def __init__(self, story: Story):
        self.story = story
        self.texts = story.sentences
        self.sentences = Sentences(story)
        self.entities = key_entities(story, TOP_ENTITIES)
        self.keyphrases = ranked_keyphrases(story, TOP_KEYPHRASES)
        self.used: set[int] = set()
        self.questions: set[str] = set()
        self.event = self._event()
        self._keyphrases = {k.phrase for k in self.keyphrases}
        # Words the story capitalises mid-sentence are names: "Arcturis".
        inner = {
            m.lower() for t in self.texts for m in re.findall(r"(?<=\w )[A-Z]\w+", t)
        }
        self.lower_words = {
            w.lower() for t in self.texts for w in re.findall(r"\w+", t)
        } - inner
        self.closing = self._closing_paragraph()

    def accept(self, candidate: Candidate) -> FAQPair | None:
        """The pair, grounded, unless it repeats a question or a sentence."""
        question, sources = candidate.question, candidate.sources
        normal = _normal(question)
        if normal in self.questions or len(question.split()) < MIN_QUESTION_WORDS:
            return None
        if not sources or not self.free(sources):
            return None
        if candidate.focus and _normal(candidate.focus) in " ".join(self.questions):
            return None  # "What is known about X?" after a question about X
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
        """Every candidate, by kind in ORDER; within a kind, best first."""
        yield from self._lead()
        by_kind: dict[str, list[Candidate]] = {kind: [] for kind in ORDER}
        for candidate in self._typed():
            by_kind[candidate.kind].append(candidate)
        for candidate in self._who():
            by_kind[WHO].append(candidate)
        for candidate in self._said():
            by_kind[SAID].append(candidate)
        for candidate in self._why():
            by_kind[CAUSE].append(candidate)
        for candidate in self._general():
            by_kind[GENERAL].append(candidate)
        for kind in ORDER:
            yield from by_kind[kind]

    # What the clause is about

    def focus(
        self, index: int, span, avoid: Focus | None = None, whole: bool = False
    ) -> Focus | None:
        """Who or what `span` of sentence `index` (a subject or an object)
        is about: a key name at its head, a keyphrase, or the words
        themselves ("officials", "an arms transfer"). Not a name in a phrase
        after a preposition ("the number of jobs in Europe") or before a
        possessive noun ("Yukos' lawyers"), which the span is not about."""
        if span is None:
            return None
        part = span.of(self.texts[index])
        head = _head_part(part, LEAD_HEAD_END if whole else HEAD_END)
        ends = _piece_ends(head)
        named = [
            (position, entity)
            for entity in self.entities
            for name in entity.names
            for match in phrase_pattern(name).finditer(head)
            if (position := match.start()) >= 0
            and (match.end() in ends or _owns_aim(head, match.end()))
        ]
        if named:
            focus = _joined_pair(head, named) or entity_focus(_head(named))
        else:
            lower = head.lower()
            phrases = [
                k
                for k in self.keyphrases
                if any(m.end() in ends for m in phrase_pattern(k.text).finditer(lower))
            ]
            phrases = [
                k for k in phrases if k.text not in lexicon.ADJECTIVES | NOT_HEADS
            ]
            focus = keyphrase_focus(phrases[0]) if phrases else None
            first = PIECE_END.split(head, maxsplit=1)[0]
            focus = focus or questions.plain_phrase(first, self.lower_words)
        if focus and avoid and focus.phrase == avoid.phrase:
            return None
        return focus

    def _lead(self):
        """ "What is the latest news about X?", X the subject (or object) of
        the story's first sentence: what the story is about."""
        indexes = self.sentences.usable_indexes()[:3]
        for index in indexes:
            sources = self.sentences.answer(index)
            if not sources:
                continue
            reading = clauses.read(self.texts[index])
            spans = [reading.subject, *reading.objects]
            named = (self._named_focus(index, s, whole=True) for s in spans)
            focus = next(filter(None, named), None)
            plain = self.focus(index, reading.subject)
            if focus is None and plain and len(plain.phrase.split()) > 1:
                focus = questions.definite(plain)  # "An MP has had ...": the MP
            # "Hiring in the euro area slowed ...": no name to ask about.
            yield Candidate(questions.lead(focus), sources, LEAD)
            return

    def _named_focus(self, index, span, whole=False) -> Focus | None:
        """A focus that is a key name or keyphrase, not a plain phrase."""
        focus = self.focus(index, span, whole=whole)
        known = {e.phrase for e in self.entities} | {k.phrase for k in self.keyphrases}
        if focus and (focus.phrase in known or " and " in focus.phrase):
            return focus
        return None

    # What each sentence does

    def _typed(self):
        """Purpose, reaction, consequence, concern, risk, figures, next and
        background questions, from each sentence's clause and cue; for
        "Analysts said the deal would ...", from the reported clause too."""
        indexes = self.sentences.usable_indexes()
        late = set(indexes[len(indexes) // FUTURE_NEAR_END :])
        for index in indexes[1:]:
            text = self.texts[index]
            reading = clauses.read(text)
            for clause in (reading, reading.inner):
                if clause is None:
                    continue
                subject = self.focus(index, clause.subject)
                if subject is None:
                    continue
                sources = self.sentences.answer(index, named=_names_of(subject))
                if not sources:
                    continue
                asked = False
                for kind in cues.kinds(text, clause):
                    if kind == cues.NEXT and index not in late:
                        continue
                    question = self._typed_question(kind, index, clause, subject)
                    if question:
                        asked = True
                        yield Candidate(question, sources, _kind_of(question, kind))
                if asked:
                    break  # the main clause's question, not the reported one
                if clause is reading and FIGURE.search(text):
                    question = self._figures_question(index, subject)
                    if question:
                        yield Candidate(question, sources, FIGURES)
                if (
                    clause is reading
                    and not subject.named
                    and SPEAKS.search(clause.verb)
                ):
                    question = self._group_said(index, reading, subject)
                    if question:
                        yield Candidate(question, sources, SAID)

    def _group_said(self, index, reading, group: Focus) -> str:
        """ "What do analysts say about the pact?" for "Analysts said the
        pact ...": voices the story quotes without naming them."""
        if not group.plural:
            return ""
        about = self.focus(index, reading.reported, avoid=group)
        if about is None or not (about.named or about.phrase in self._keyphrases):
            return ""  # "What did officials say about two people?"
        tense = "did" if re.search(r"(?:ed|said|told)$", reading.verb) else "do"
        return f"What {tense} {group.phrase} say about {about.phrase}?"

    def _typed_question(self, kind, index, reading, subject: Focus) -> str:
        """The question of `kind` about `subject`, or "" when the kind does
        not suit it: people want and react, things have consequences."""
        text = self.texts[index]
        actor = subject.named or subject.people
        known = subject.named or subject.phrase in self._keyphrases
        if kind == cues.PURPOSE and actor:
            return questions.purpose(subject, reading.verb, self.event)
        # Only someone fears, warns or condemns: a plural subject of those
        # verbs is people even when unlisted ("Exporters fear ...").
        voices = actor or subject.plural
        if kind == cues.REACTION and voices:
            mentioned = self.event and _in(text, self.event.split()[-1])
            return questions.reaction(subject, self.event if mentioned else "")
        if kind == cues.CONSEQUENCE and FACES.search(reading.verb):
            return questions.risk(subject) if actor or known else ""
        thing = known or len(subject.phrase.split()) > 1
        if (
            kind == cues.CONSEQUENCE
            and thing
            and not subject.people
            and not subject.person
        ):
            target = self._target(index, reading)
            return questions.consequence(subject, target)
        if kind == cues.CONCERN and voices:
            about = self.focus(index, reading.reported, avoid=subject)
            about = about if about and not about.people else None
            warning = bool(WARNINGS.search(reading.verb))
            return questions.concern(subject, about, warning)
        if kind == cues.NEXT and actor:
            return questions.next_step(subject)
        if kind == cues.HAPPENED and subject.named and not subject.place:
            return questions.happened(subject)
        if kind == cues.BACKGROUND and known and not subject.person:
            return questions.background(subject)
        return ""

    def _target(self, index, reading) -> Focus | None:
        """Who or what a consequence falls on: a key name in the object
        ("would violate United Nations Security Council resolutions")."""
        text = self.texts[index]
        for span in reading.objects:
            part = span.of(text)
            for entity in self.entities:
                if any(_position(part, name) >= 0 for name in entity.names):
                    return entity_focus(entity)
        return None

    def _figures_question(self, index, subject: Focus) -> str:
        """ "How much have profits risen?" when the sentence's subject is a
        keyphrase its figure belongs to."""
        for keyphrase in self.keyphrases:
            if keyphrase.phrase == subject.phrase:
                return questions.figures_question(self.texts[index], keyphrase)
        return ""

    def _event(self) -> str:
        """The occasion the story is about ("the summit"), named in its
        headline, or else in its lead."""
        lead = " ".join(self.texts[:2]).lower()
        for word in re.findall(r"[a-z]+", self.story.headline.lower()):
            if word in EVENTS and _position(lead, word) >= 0:
                return f"the {word}"
        for keyphrase in self.keyphrases:
            if keyphrase.text.split()[-1] in EVENTS and keyphrase.text in lead:
                return (
                    keyphrase.phrase if keyphrase.article else f"the {keyphrase.text}"
                )
        return ""

    def _closing_paragraph(self) -> int | None:
        """The story's last paragraph, when it has three or more: wire copy
        ends on a summary ("Kim, who has ruled since 2011, ..."), which
        introduces nobody."""
        paragraphs = self.sentences.paragraph_of
        if not paragraphs or paragraphs[-1] < 2:
            return None
        return paragraphs[-1]

    # Who is who

    def _who(self):
        people = [e for e in self.entities if e.kind == PERSON][:4]
        bodies = [e for e in self.entities if e.kind == ORGANISATION][:2]
        for entity in people:
            if speakers.known_person(entity):
                sources = self._introduction(entity)
                if sources:
                    yield Candidate(f"Who is {entity.name}?", sources, WHO)
        for entity in bodies:
            question = f"What is {entity.phrase}?"
            sources = self._introduction(entity)
            if sources and len(question.split()) >= MIN_QUESTION_WORDS:
                yield Candidate(question, sources, WHO)

    def _introduction(self, entity: Entity) -> tuple[int, ...]:
        """A sentence giving `entity` a role ("Christine Lagarde, the
        president of the ECB,") with the entity as its subject or the speaker,
        outside the closing paragraph."""
        for index in entity.mentions:
            text = self.texts[index]
            if self.sentences.paragraph_of[index] == self.closing:
                continue
            if not any(speakers.introduces(text, n, entity.kind) for n in entity.names):
                continue
            reading = clauses.read(text)
            about = [reading.subject, reading.speaker]
            if not any(
                clauses.in_span(text, span, n) for span in about for n in entity.names
            ):
                continue
            sources = self.sentences.answer(index, named=entity.names)
            if self.free(sources):
                return sources
        return ()

    # What was said

    def _said(self):
        talkers = [e for e in self.entities if e.kind != PLACE and speakers.talks(e)]
        talkers.sort(key=lambda e: e.kind not in (PERSON, ORGANISATION))
        for entity in talkers:
            for index in self._said_by(entity):
                sources = self.sentences.answer(index, named=entity.names)
                if sources:
                    question = self._said_question(entity, index)
                    yield Candidate(question, sources, SAID)
                    break

    def _said_by(self, entity: Entity):
        """Sentences reporting what `entity` said: naming it beside "said",
        or "He said ..." right after a sentence naming him."""
        pronouns = ("He", "She") if entity.kind == PERSON else ("It",)
        for index in entity.mentions:
            if speakers.speaker(self.texts[index], self.entities) is entity:
                yield index
            following = index + 1
            if following >= len(self.texts) or following in entity.mentions:
                continue
            if re.match(rf"(?:{'|'.join(pronouns)}) {VERBS}\b", self.texts[following]):
                yield following

    def _said_question(self, entity: Entity, index: int) -> str:
        text = self.texts[index]
        verb = "does" if re.search(r"\bsays\b", text) else "did"
        # What the words are about: after "said", or inside the quotation.
        speech = speakers.SPEECH.search(text)
        reported = text[speech.end() :] if speech else text
        if re.search(r"[\"\u201c]", text[: speech.start()] if speech else ""):
            reported = text
        topic = self._keyphrase_in_text(reported.lower(), avoid=entity)
        about = f" about {topic.phrase}" if topic else ""
        return f"What {verb} {entity.phrase} say{about}?"

    def _keyphrase_in_text(self, text, avoid: Entity) -> Keyphrase | None:
        avoided = " ".join(avoid.names).lower()
        for keyphrase in self.keyphrases:
            if keyphrase.text not in avoided and _position(text, keyphrase.text) >= 0:
                return keyphrase
        return None

    # Why

    def _why(self):
        subjects = [e for e in self.entities if e.kind != PLACE] + self.keyphrases
        for index in self.sentences.usable_indexes():
            text = self.texts[index]
            question = questions.why_inverted(text, subjects)
            part = self._subject_text(index).lower()
            for keyphrase in self.keyphrases:
                if not question and _position(part, keyphrase.text) >= 0:
                    question = questions.why_question(text, keyphrase)
            sources = self.sentences.answer(index)
            if question and sources:
                yield Candidate(question, sources, CAUSE)

    def _subject_text(self, index: int) -> str:
        reading = clauses.read(self.texts[index])
        return reading.subject.of(self.texts[index]) if reading.subject else ""

    # Anything else a reader may wonder about a name

    def _general(self):
        """ "How is X involved?", "What is known about X?": for a key name
        or keyphrase that is the subject or object of a sentence no other
        question has taken, the key names first; then, for a short story,
        any sentence's own subject ("What does the story say about local
        police?")."""
        found, plain = [], []
        for index in self.sentences.usable_indexes()[1:]:
            reading = clauses.read(self.texts[index])
            for span in [reading.subject, *reading.objects]:
                focus = self._named_focus(index, span)
                if focus:
                    found.append((not focus.person, not focus.named, index, focus))
            subject = self.focus(index, reading.subject)
            if subject and (len(subject.phrase.split()) > 1 or subject.people):
                plain.append((True, True, index, subject))
        ranked = sorted(found, key=lambda f: f[:3]) + plain
        for turn, (*_, index, focus) in enumerate(ranked):
            sources = self.sentences.answer(index, named=_names_of(focus))
            question = questions.general(focus, turn)
            if sources:
                filler = questions.is_filler(question)
                yield Candidate(question, sources, GENERAL, filler, focus.phrase)


def _head_part(part: str, end: re.Pattern) -> str:
    """A phrase up to its first preposition but "of": what it is about."""
    return end.split(part, maxsplit=1)[0]


def _piece_ends(head: str) -> set[int]:
    """Where the pieces of a phrase end, split at "of", "from" and "and":
    the head nouns ("leaders of [Pacific island nations]", "pensions and
    [the NHS]"). A name ending there is what the phrase is about; one
    before it only modifies ("the Beckham trojan", "UK aid")."""
    ends = {len(head.rstrip(" ,"))}
    for match in PIECE_END.finditer(head):
        ends.add(len(head[: match.start()].rstrip(" ,")))
    return ends


def _owns_aim(text: str, end: int) -> bool:
    """ "Putin's objectives": the name owns the aim the phrase is about."""
    match = POSSESSIVE.match(text, end)
    return bool(match) and bool(cues.PURPOSE_NOUNS.fullmatch(match.group(1)))


def _head(named) -> Entity:
    """The name a phrase is about: "Astravan leader Marek Dorn" is about
    Marek Dorn; a person, body or place before another kind of name."""
    kinds = [found for found in named if found[1].kind != OTHER] or named
    return max(kinds, key=lambda found: found[0])[1]


def _kind_of(question: str, kind: str) -> str:
    return RISK if question.startswith("What are the risks") else kind


def _joined_pair(part: str, named) -> Focus | None:
    """ "The European Union and Japan condemned ...": both names, as one
    plural focus (the second need not be a key name)."""
    for _, entity in sorted(named, key=lambda found: found[0]):
        for name in entity.names:
            match = _and_pattern(name).search(part)
            if match:
                other = f"{match.group(1) or ''}{match.group(2).strip()}"
                phrase = f"{entity.phrase} and {other}"
                return Focus(phrase, plural=True, named=True)
    return None


@lru_cache(maxsize=4096)
def _and_pattern(name: str) -> re.Pattern:
    return re.compile(rf"{re.escape(name)}\s+and\s+(the\s+)?((?:[A-Z][\w'-]*\s?)+)")


def _names_of(focus: Focus) -> tuple[str, ...]:
    return (focus.phrase.removeprefix("the "),)


def _in(text: str, phrase: str) -> bool:
    return _position(text.lower(), phrase.lower()) >= 0


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _position(text: str, phrase: str) -> int:
    match = phrase_pattern(phrase).search(text)
    return match.start() if match else -1
