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
from dataclasses import dataclass, replace

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
from broadsheet.enrich.nlp.text import phrase_spans

MIN_QUESTION_WORDS = 4
TOP_ENTITIES = 10
ALL_NAMES = 30
TOP_KEYPHRASES = 10
MIN_PAIRS = 4  # the 4-6 pairs, where the story has the sentences
LEAD_SENTENCES = 3  # the lead question is answered by the story's opening
FILLER_UNTIL = 5  # catch-alls only while the FAQ has fewer pairs than this
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
# purposes) first, then up to MAX_OF_A_KIND, then anything, catch-alls
# included, and that only to reach FILLER_UNTIL pairs.
LAST = lambda c: float("inf")  # noqa: E731
ROUNDS = (
    lambda c: FIRST_ROUND.get(c.kind, 1),
    lambda c: MAX_OF_A_KIND,
    LAST,
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
ROLE_WORDS = lexicon.ROLES | lexicon.PERSON_LABELS
# "The European Union and Japan": the name after a key name's "and".
AND = re.compile(r"\s+and\s+(the\s+)?((?:[A-Z][\w'-]*\s?)+)")
DASHES = re.compile(r"\s[-\u2013\u2014]\s")
PIECE_END = re.compile(r",?\s(?:of|from|and|&)\s")
POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)\s+(?:\w+\s+){0,2}?(\w+)")
# Bodies act; they do not "mean" anything: not "What could the government
# mean?".
BODIES = lexicon.words_of(
    """government company firm group bank club team party council board union
    agency ministry department committee commission court side"""
)
# Nouns too general for "What happens next for ...?".
ABSTRACT = lexicon.words_of(
    """fact effect effects aim strength theme outcome idea challenge data issue
    problem point question reason result way case thing matter cash race cost
    costs news situation truth need view"""
)
NUMBER_WORDS = lexicon.words_of("two three four five six seven eight nine ten")
MAX_QUOTES_PER_SPEAKER = 2  # "What did X say about Y?", then about Z
MAX_BODIES = 4  # "What is X?" for the story's first few organisations


@dataclass
class Candidate:
    question: str
    sources: tuple[int, ...]
    kind: str
    filler: bool = False
    focus: str = ""  # a catch-all's subject: asked about once only
    key: str = ""  # one question per key: "What did X say?" once per speaker
    spare: bool = False  # a last resort: only for a FAQ short of MIN_PAIRS


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
            if not _eligible(candidate, round_, taken, len(chosen)):
                continue
            if pair := maker.accept(candidate):
                chosen.append((candidate, pair))
                taken[candidate.kind] += 1
    # A short story: a sentence's own subject ("What is known about
    # players?"), or "What else does the story say about X?" about one
    # person, rather than fewer than four pairs.
    for candidate in pool:
        if len(chosen) >= min(MIN_PAIRS, max_pairs):
            break
        if candidate.kind != GENERAL or not candidate.focus:
            continue
        if candidate.spare and (pair := maker.accept(candidate)):
            chosen.append((candidate, pair))
            continue
        question = questions.again(candidate.focus, len(chosen))
        again = replace(candidate, question=question, focus="")
        if pair := maker.accept(again):
            chosen.append((again, pair))
    lead = [pair for candidate, pair in chosen if candidate.kind == LEAD]
    rest = sorted(
        (c for c in chosen if c[0].kind != LEAD),
        key=lambda c: (ORDER.index(c[0].kind), c[1].sources[0]),
    )
    return lead + [pair for _, pair in rest]


def _eligible(candidate: Candidate, round_, taken: Counter, count: int) -> bool:
    """Whether this round takes `candidate`, with `count` pairs chosen."""
    if candidate.kind == LEAD or candidate.spare:
        return False
    if taken[candidate.kind] >= round_(candidate):
        return False
    if candidate.kind == GENERAL:
        # Catch-alls after every question of a kind; "What is known about
        # X?" only to reach FILLER_UNTIL, "How is X involved?" to the end.
        return round_ is LAST and (count < FILLER_UNTIL or not candidate.filler)
    return round_ is not LAST or count < FILLER_UNTIL


class _Maker:
    def __init__(self, story: Story):
        self.story = story
        self.texts = story.sentences
        self.sentences = Sentences(story)
        # Every name the story gives, to read a clause's subject with; the
        # key ones for who is who and who said what.
        self.names = key_entities(story, ALL_NAMES)
        self.entities = self.names[:TOP_ENTITIES]
        nouns = _nouns(self.texts)
        self.keyphrases = [
            k for k in ranked_keyphrases(story, TOP_KEYPHRASES) if _noun_like(k, nouns)
        ]
        self.used: set[int] = set()
        self.questions: set[str] = set()
        self.keys: Counter = Counter()
        self._foci: dict[tuple, Focus | None] = {}
        self.event = self._event()
        self._keyphrases = {k.phrase for k in self.keyphrases}
        self._key_names = [n.lower() for e in self.entities for n in e.names] + [
            k.text for k in self.keyphrases
        ]
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
        if candidate.key and self.keys[candidate.key] >= MAX_QUOTES_PER_SPEAKER:
            return None
        answer = " ".join(self.texts[i] for i in sources)
        pair = grounded(FAQPair(question, answer, sources), self.story)
        if pair is None:
            return None
        self.used.update(pair.sources)
        self.questions.add(normal)
        self.keys[candidate.key] += 1
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
            # What the story is about before a sentence's own subject: a
            # question naming a key name or keyphrase first.
            yield from sorted(by_kind[kind], key=lambda c: not self._names_key(c))

    def _names_key(self, candidate: Candidate) -> bool:
        question = candidate.question.lower()
        return any(_position(question, name) >= 0 for name in self._key_names)

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
        key = (index, span.start, span.end, whole)
        if key not in self._foci:  # a clause is read by every kind of question
            self._foci[key] = self._focus(*key)
        focus = self._foci[key]
        if focus and avoid and focus.phrase == avoid.phrase:
            return None
        return focus

    def _focus(self, index: int, start: int, end: int, whole: bool) -> Focus | None:
        # "Glynn Tromans - the UK champion - came third": before the aside.
        part = DASHES.split(self.texts[index][start:end], maxsplit=1)[0]
        part = part.split("(", 1)[0]  # "benefits (of HD-DVD)": an aside
        head = _head_part(part, LEAD_HEAD_END if whole else HEAD_END)
        ends = _piece_ends(head)
        named = [
            (position, entity)
            for entity in self.names
            for name in entity.names
            for position, stop in phrase_spans(head, name)
            if stop in ends or _owns_aim(head, stop)
        ]
        if named:
            focus = _joined_pair(head, named) or entity_focus(_head(named))
        else:
            lower = head.lower()
            phrases = [
                k
                for k in self.keyphrases
                if any(stop in ends for _, stop in phrase_spans(lower, k.text))
            ]
            phrases = [
                k for k in phrases if k.text not in lexicon.ADJECTIVES | NOT_HEADS
            ]
            focus = keyphrase_focus(phrases[0]) if phrases else None
            first = PIECE_END.split(head, maxsplit=1)[0]
            plain = questions.plain_phrase(first, self.lower_words)
            if focus and plain and _longer(plain, focus):
                focus = self._lowered(plain)  # "pharmacy groups", not "groups"
            focus = focus or plain
        return focus

    def subject_focus(self, index: int, reading) -> Focus | None:
        """The subject's focus; the name in apposition to a subject that
        names nobody ("Another international, Louise Damen, finished")."""
        subject = self.focus(index, reading.subject)
        if subject and subject.named:
            return subject
        return self._named_focus(index, reading.appositive) or subject

    def _lowered(self, focus: Focus) -> Focus:
        """ "Farmers' unions" opening a sentence is "farmers' unions" inside
        a question, unless its first word is a name the story uses."""
        first, *rest = focus.phrase.split()
        names = {w for e in self.names for n in e.names for w in n.split()}
        if not rest or not rest[0].islower() or first in names:
            return focus
        return replace(focus, phrase=" ".join([first.lower(), *rest]))

    def _lead(self):
        """ "What is the latest news about X?", X the subject (or object) of
        the story's first sentence: what the story is about."""
        indexes = [i for i in self.sentences.usable_indexes() if i < LEAD_SENTENCES]
        for index in indexes:
            sources = self.sentences.answer(index)
            if not sources:
                continue
            reading = clauses.read(self.texts[index])
            # The subject first: "Sri Lanka's banks face hard times following
            # December's tsunami" is news about the banks, not the tsunami.
            focus = self._named_focus(index, reading.subject, whole=True)
            plain = self.focus(index, reading.subject)
            if focus is None and plain and len(plain.phrase.split()) > 1:
                focus = questions.definite(plain)  # "An MP has had ...": the MP
            named = (self._named_focus(index, s, whole=True) for s in reading.objects)
            focus = focus or next(filter(None, named), None)
            # "Hiring in the euro area slowed ...": no name to ask about.
            yield Candidate(questions.lead(focus), sources, LEAD)
            return

    def _named_focus(self, index, span, whole=False) -> Focus | None:
        """A focus that is a key name or keyphrase, not a plain phrase."""
        focus = self.focus(index, span, whole=whole)
        known = {e.phrase for e in self.names} | {k.phrase for k in self.keyphrases}
        if focus and (focus.phrase in known or " and " in focus.phrase):
            return focus
        return None

    # What each sentence does

    def _typed(self):
        """Purpose, reaction, consequence, concern, risk, figures, next and
        background questions, from each sentence's clause and cue; for
        "Analysts said the deal would ...", from the reported clause too."""
        indexes = self.sentences.usable_indexes()
        for index in indexes[1:]:
            text = self.texts[index]
            reading = clauses.read(text)
            for clause in (reading, reading.inner):
                if clause is None:
                    continue
                subject = self.subject_focus(index, clause)
                if subject is None:
                    continue
                sources = self.sentences.answer(index, named=_names_of(subject))
                if not sources:
                    continue
                asked = False
                for kind in cues.kinds(text, clause):
                    if kind == cues.HAPPENED and clause is not reading:
                        continue  # "They said the tool had been trained ..."
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
        pact ...": voices the story quotes without naming them; "What did
        the company say about the takeover?" for the story's own company."""
        own = group.phrase.removeprefix("the ") in lexicon.LEANING_NOUNS
        if not group.plural and not (own and group.phrase.startswith("the ")):
            return ""
        about = self.focus(index, reading.reported, avoid=group)
        if about is None or not (about.named or about.phrase in self._keyphrases):
            return ""  # "What did officials say about two people?"
        past = re.search(r"(?:ed|said|told)$", reading.verb)
        tense = "did" if past else group.verb("does", "do")
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
        # A name "means" something only when it is a law, a treaty, a plan:
        # not "What could Downing Street mean?".
        entity = self._entity(subject)
        means = not subject.named or bool(entity and not speakers.talks(entity))
        body = subject.phrase.split()[-1] in BODIES  # "the government may ..."
        if (
            kind == cues.CONSEQUENCE
            and thing
            and means
            and not body
            and not subject.people
            and not subject.person
        ):
            target = self._target(index, reading)
            return questions.consequence(subject, target)
        if kind == cues.CONCERN and voices:
            about = self.focus(index, reading.reported, avoid=subject)
            about = about if about and not about.people else None
            warning = bool(WARNINGS.search(reading.verb))
            if not about and not cues.CONCERN_VERBS.search(reading.verb):
                return ""  # "Security concerns also featured": who fears?
            return questions.concern(subject, about, warning)
        # "the two task forces", "the company": a thing of the story's own,
        # not "the fact" or "the effect".
        definite = subject.phrase.startswith("the ") or subject.plural
        abstract = subject.phrase.split()[-1] in ABSTRACT
        particular = definite and not abstract
        if kind == cues.NEXT and (actor or known or particular):
            return questions.next_step(subject)
        if kind == cues.HAPPENED and (known or definite) and not subject.place:
            return questions.happened(subject)
        background = known or (definite and len(subject.phrase.split()) > 1)
        thing = not subject.person and not subject.people
        if kind == cues.BACKGROUND and background and thing:
            return questions.background(subject)
        return ""

    def _entity(self, focus: Focus) -> Entity | None:
        return next((e for e in self.names if e.phrase == focus.phrase), None)

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
        keyphrase its figure belongs to; "What do the figures show about the
        takeover?" for another thing or body (not a person: "What do the
        figures show about Tom Hanks?")."""
        if subject.people:
            return ""  # "What do the figures show about officials?"
        for keyphrase in self.keyphrases:
            if keyphrase.phrase == subject.phrase:
                return questions.figures_question(self.texts[index], keyphrase)
        thing = subject.named and not subject.place or len(subject.phrase.split()) > 1
        counted = subject.phrase.split()[0] in NUMBER_WORDS  # "two doses"
        if thing and not counted and not self._person(subject):
            return questions.figures_about(questions.definite(subject))  # "a poll"
        return ""

    def _person(self, focus: Focus) -> bool:
        entity = self._entity(focus)
        return entity is not None and entity.kind == PERSON

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
        """ "Who is X?" for each person the story introduces with a role,
        "What is X?" for a body it describes."""
        people = [e for e in self.entities if e.kind == PERSON]
        bodies = [e for e in self.entities if e.kind == ORGANISATION][:MAX_BODIES]
        for entity in people:
            if speakers.known_person(entity) or len(entity.name.split()) > 1:
                for sources in self._introductions(entity):
                    yield Candidate(f"Who is {entity.name}?", sources, WHO)
        for entity in bodies:
            question = f"What is {entity.phrase}?"
            if len(question.split()) >= MIN_QUESTION_WORDS:
                for sources in self._introductions(entity):
                    yield Candidate(question, sources, WHO)

    def _introductions(self, entity: Entity):
        """Sentences giving `entity` a role ("Christine Lagarde, the
        president of the ECB,") with the entity at the head of the subject
        or as the speaker, outside the closing paragraph."""
        for index in entity.mentions:
            text = self.texts[index]
            if self.sentences.paragraph_of[index] == self.closing:
                continue
            if not any(speakers.introduces(text, n, entity.kind) for n in entity.names):
                continue
            reading = clauses.read(text)
            about = (reading.subject, reading.appositive, reading.speaker)
            heads = (self.focus(index, span) for span in about)
            if not any(h and h.phrase == entity.phrase for h in heads):
                continue
            sources = self.sentences.answer(index, named=entity.names)
            if sources:
                yield sources

    # What was said

    def _said(self):
        talkers = [e for e in self.entities if e.kind != PLACE and speakers.talks(e)]
        talkers.sort(key=lambda e: e.kind not in (PERSON, ORGANISATION))
        for entity in talkers:
            # Every sentence quoting them, in order: the first one no other
            # question has taken is asked about.
            for index in self._said_by(entity):
                sources = self.sentences.answer(index, named=entity.names)
                if sources:
                    question = self._said_question(entity, index)
                    yield Candidate(question, sources, SAID, key=entity.name)

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
        before = text[: speech.start()] if speech else ""
        if re.search(r"[\"\u201c]", before):
            reported = before  # the quotation, not "..., drawing cheers"
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
        found, plain, spare = [], [], []
        for index in self.sentences.usable_indexes()[1:]:
            reading = clauses.read(self.texts[index])
            for span in [reading.subject, reading.appositive, *reading.objects]:
                focus = self._named_focus(index, span)
                if focus:
                    found.append((not focus.person, not focus.named, index, focus))
            subject = self.subject_focus(index, reading)
            if subject and (len(subject.phrase.split()) > 1 or subject.people):
                plain.append((True, True, index, subject))
            elif subject:
                spare.append((True, True, index, subject))  # "players"
        ranked = sorted(found, key=lambda f: f[:3]) + plain
        for turn, (*_, index, focus) in enumerate(ranked + spare):
            sources = self.sentences.answer(index, named=_names_of(focus))
            question = questions.general(focus, turn)
            if sources:
                filler = questions.is_filler(question)
                last = turn >= len(ranked)
                yield Candidate(
                    question, sources, GENERAL, filler, focus.phrase, spare=last
                )


# A word the story writes after one of these (and perhaps one word more) is
# a noun: "the injury", "a groin injury", "in doubt", "two nominations".
NOUN_BEFORE = (
    r"the|a|an|its|his|her|their|our|this|that|these|those|any|no|some|"
    r"in|on|at|for|of|with|from|by|about|over|after|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|\d[\d,.]*"
)


# A lookahead, so that "for the new workforce" finds "the new workforce" too.
NOUNS_AFTER = re.compile(
    rf"(?=\b(?i:{NOUN_BEFORE})\s+([a-z][\w-]*)\b(?:\s+([a-z][\w-]*)\b)?)"
)


def _nouns(texts: list[str]) -> set[str]:
    """The words the story writes after a determiner, or one word after it."""
    return {
        word
        for text in texts
        for match in NOUNS_AFTER.finditer(text)
        for word in match.groups()
        if word
    }


def _noun_like(keyphrase: Keyphrase, nouns: set[str]) -> bool:
    """Whether a one-word keyphrase is a noun a question can ask about, not
    a verb or an adverb the keyphrase reading took for one ("withdrew",
    "decide", "apart"): the story writes it after a determiner, or it is a
    plural that is no verb."""
    if " " in keyphrase.text:
        return True
    if keyphrase.plural and keyphrase.text not in clauses.VERB_FORMS:
        return True
    return keyphrase.text in nouns


def _longer(plain: Focus, keyphrase: Focus) -> bool:
    """ "pharmacy groups" for the keyphrase "groups": the fuller noun phrase
    the sentence writes."""
    words, short = plain.phrase.split(), keyphrase.phrase.split()
    return len(words) > len(short) and words[-1] == short[-1] and len(words) <= 3


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
            ands = (AND.match(part, end) for _, end in phrase_spans(part, name))
            match = next(filter(None, ands), None)
            after = part[match.end() :].split()[:1] if match else []
            if after and after[0].lower() in ROLE_WORDS:
                continue  # "Andy Hazell and Leicester star Lewis Moody"
            if match and "'" not in match.group(2):  # not "Joy Fawcett's US"
                other = f"{match.group(1) or ''}{match.group(2).strip()}"
                phrase = f"{entity.phrase} and {other}"
                return Focus(phrase, plural=True, named=True)
    return None


def _names_of(focus: Focus) -> tuple[str, ...]:
    return (focus.phrase.removeprefix("the "),)


def _in(text: str, phrase: str) -> bool:
    return _position(text.lower(), phrase.lower()) >= 0


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _position(text: str, phrase: str) -> int:
    return next((start for start, _ in phrase_spans(text, phrase)), -1)
