"""Who does what in a sentence: its subject, its verb and its object.

The FAQ asks about what a sentence is about, not about a name it mentions in
passing: "Russia is seeking artillery shells" answers "What does Russia
want?", not "What is happening in Ukraine?". That needs the sentence's
subject and object, found here without a parser: news sentences are mostly
subject, verb group, object, with an opening adverbial ("On Tuesday,") or a
quotation and its speaker around them. A closed list of auxiliaries and a few
hundred news verbs find the verb; the subject is what comes before it, the
object what comes after, up to the next preposition or clause.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from broadsheet.enrich.nlp import lexicon
from broadsheet.enrich.nlp.text import Word, words

AUXILIARIES = lexicon.words_of(
    "is are was were be been being am has have had will would could can may"
    " might should must do does did shall"
)
NEGATIONS_AND_ADVERBS = lexicon.words_of(
    "not n't never also still now already just soon even only further again then"
    " reportedly previously recently repeatedly jointly publicly privately"
    " quickly immediately yet largely widely formally officially first later"
    " always often once strongly broadly probably likely certainly almost"
)
DETERMINERS = lexicon.words_of(
    "the a an this that these those its their his her our my your any some such"
    " each every no another both all"
)
PREPOSITIONS = lexicon.words_of(
    "in on at for from with by about into onto over under after before during"
    " since until between among against without within through across toward"
    " towards near beyond despite amid via per than like including upon off"
    " ahead behind around following"
)
OPENERS = PREPOSITIONS | lexicon.words_of(
    "if when while although though because as once unless whereas where"
    " following speaking asked according earlier later"
)
CLAUSE_WORDS = lexicon.words_of(
    "who which that because although though while whereas when if unless as"
    " where after before since"
)
# News verbs by their base form; their other forms are made below.
BASES = lexicon.words_of(
    """say tell add warn argue insist explain admit claim believe stress declare
    announce note conclude state comment reply respond react welcome condemn
    criticise criticize praise reject dismiss deny accuse call urge demand ask
    seek want hope aim plan intend expect need try wish push press pledge
    promise vow agree sign meet visit arrive travel discuss offer provide supply
    receive show face fear worry risk threaten violate breach bolster boost
    strengthen weaken undermine cause affect damage help hurt raise increase
    decrease drop jump climb slip reach open close start launch release report
    reveal confirm suggest include remain seem appear look serve work develop
    use fund cost invest order impose lift ban block allow approve support
    oppose back join form elect appoint name replace resign describe move stay
    return follow focus mark exchange secure obtain gain acquire deliver
    transfer export import produce test fire host invite greet tour inspect
    study rule sentence charge arrest kill attack invade defend protect prevent
    stop continue resume delay postpone cancel unveil reduce expand struggle
    benefit improve worsen fail succeed manage prepare predict forecast
    estimate total post record earn owe borrow lend save vote pass debate
    consider review investigate probe examine sue appeal settle own employ
    hire recruit train sack dismiss caution acknowledge estimate make take
    give get bring keep play score beat finish retire perform die marry star
    direct top miss suffer injure withdraw pull sack shoot land claim earn
    lead overtake outsell outperform sign admit plead convict jail fine award
    nominate honour honor beat defeat draw come become go"""
)
IRREGULAR_FORMS = lexicon.words_of(
    """said told sought met held left bought sold made took taken gave given got
    found kept ran led won lost meant rose risen fell fallen grew grown began
    begun became came went gone saw seen sent spent paid put set cut built
    thought brought drew drawn drove driven flew flown spoke spoken stood struck
    quit hit shown chose chosen wrote written fought threw thrown broke broken
    hid hidden felt forgot understood sat withdrew withdrawn overcame beat"""
)


def _forms(base: str) -> set[str]:
    if base.endswith("e"):
        return {base, base + "s", base + "d", base[:-1] + "ing"}
    if base.endswith("y") and base[-2] not in "aeiou":
        return {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    if base.endswith(("s", "sh", "ch", "x")):
        return {base, base + "es", base + "ed", base + "ing"}
    if re.fullmatch(r".*[^aeiou][aeiou][pbtg]", base) and len(base) <= 4:
        double = base + base[-1]  # "plan": "planned", "planning"
        return {base, base + "s", double + "ed", double + "ing"}
    return {base, base + "s", base + "ed", base + "ing"}


VERB_FORMS = frozenset(
    {form for base in BASES for form in _forms(base)}
    | IRREGULAR_FORMS
    | lexicon.IRREGULAR_VERBS
)
REPORTING = frozenset(
    form
    for base in lexicon.words_of(
        "say tell add warn argue insist explain admit claim believe stress"
        " declare announce note conclude state comment reply fear worry expect"
        " hope suggest report reveal confirm deny urge predict caution"
    )
    for form in _forms(base)
) | {"said", "told", "thought"}
# Pasts spelt like their base: "The teacher beat Jolene Byrne".
ROLE_NOUNS = lexicon.words_of("star stars leader leaders head chief boss champion")
PAST_AS_BASE = lexicon.words_of("beat put set cut hit quit let cost hurt shut spread")
PLURALS_WITHOUT_S = lexicon.words_of(
    "people police staff children men women public cattle data media"
)
SUBORDINATE = lexicon.words_of("because although though unless whereas if when while")
MAX_OPENER_WORDS = 14  # "On Tuesday, ..." but not a whole clause before a comma
MAX_OBJECT_WORDS = 10
MAX_NAME_WORDS = 4


@dataclass
class Span:
    start: int  # character offsets into the sentence
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class Reading:
    """A sentence's main clause: who (subject), does (verb group), what
    (objects: the object and, after "said", the reported clause's subject
    and object)."""

    subject: Span | None = None
    verb: str = ""  # the verb group, lower case: "is seeking", "would violate"
    objects: list[Span] = field(default_factory=list)
    reported: Span | None = None  # "said [the deal] would ...": its subject
    inner: "Reading | None" = None  # the reported clause, read the same way
    speaker: Span | None = None  # "..., Mr Blair said": who is quoted
    appositive: Span | None = None  # "The champion, Jo Pavey, won": the name


def read(text: str) -> Reading:
    return _read(text)


@lru_cache(maxsize=4096)
def _read(text: str) -> Reading:
    found = words(text)
    reading = _clause(text, found, _start(found), depth=0)
    reading.speaker = _trailing_speaker(text, found)
    if reading.subject is None and reading.speaker is not None:
        reading.subject = reading.speaker
    return reading


def _start(found: list[Word]) -> int:
    """The first word of the subject: past an opening adverbial ("On Tuesday,",
    "After the talks,") and a quotation that opens the sentence."""
    index = 0
    while index < len(found) and found[index].text.lower() in lexicon.SOFT_STARTS:
        index += 1
    first = found[index].text.lower() if index < len(found) else ""
    # "Welcoming the ruling, Maeve Sherlock said": a participle's phrase.
    participle = first.endswith("ing") and "-" not in first
    if first in OPENERS or participle:
        for later in range(index + 1, min(len(found), index + MAX_OPENER_WORDS)):
            if participle and found[later].text.lower() in AUXILIARIES:
                break  # "Rising costs are hitting firms, ...": the subject
            if "," in found[later].gap:
                return later
    return index


def _clause(text: str, found: list[Word], start: int, depth: int) -> Reading:
    verb = _verb_at(found, start)
    if verb is None:
        return Reading()
    end = _verb_group_end(found, verb)
    # "Kim, who travelled by train, hopes": the subject is "Kim"; "Capriati
    # also decided": "Capriati".
    last = next((i for i in range(start + 1, verb) if "," in found[i].gap), verb)
    while last - 1 > start and found[last - 1].text.lower() in NEGATIONS_AND_ADVERBS:
        last -= 1
    reading = Reading(
        subject=Span(found[start].start, found[last - 1].end),
        verb=" ".join(w.text.lower() for w in found[verb:end]),
        appositive=_appositive(found, last, verb),
    )
    obj = _object(found, end)
    if obj:
        reading.objects.append(obj)
    said = reading.verb.split()[-1] in REPORTING
    if said and depth < 2 and end < len(found):
        inner_start = end + (found[end].text.lower() == "that")
        inner = _clause(text, found, inner_start, depth + 1)
        if inner.subject:
            reading.objects.append(inner.subject)
            reading.reported = inner.subject
            reading.inner = inner
        reading.objects.extend(inner.objects)
    return reading


def _appositive(found: list[Word], comma: int, verb: int) -> Span | None:
    """ "Another Great Britain international, Louise Damen, finished third":
    the name set off by commas between the subject and its verb."""
    if comma >= verb:
        return None
    close = next((i for i in range(comma + 1, verb) if "," in found[i].gap), verb)
    name = found[comma:close]
    if close < verb:
        return None  # more than one aside: not a plain apposition
    if 0 < len(name) <= MAX_NAME_WORDS and all(w.capitalised for w in name):
        return Span(name[0].start, name[-1].end)
    return None


def _verb_at(found: list[Word], start: int) -> int | None:
    """The index of the main clause's first verb word after `start`, past
    a relative clause or an appositive set off by commas."""
    index, skipping = start + 1, False
    while index < len(found):
        word = found[index]
        if "," in word.gap:
            # ", who arrived on Tuesday," and ", the ECB's president," hide
            # no main verb; a comma then a verb ends the skip.
            skipping = word.text.lower() in ("who", "which") or (
                word.text.lower() in DETERMINERS and not skipping
            )
            if skipping:
                index += 1
                continue
        if any(c in word.gap for c in ';:"\u201c\u201d'):
            return None
        if not skipping and word.text.lower() in SUBORDINATE:
            return None  # "long waits because prescriptions could not ...": a
            # second clause before any verb of the first
        if not skipping and is_verb(found, index):
            return index
        index += 1
    return None


def is_verb(found: list[Word], index: int) -> bool:
    word = found[index]
    lower = word.text.lower()
    before = found[index - 1].text.lower() if index else ""
    if lower in AUXILIARIES:
        return True
    if word.capitalised or before in DETERMINERS or before in PREPOSITIONS:
        return False  # a name, "the talks", "for supplies"
    if lower in ROLE_NOUNS and index + 1 < len(found) and found[index + 1].capitalised:
        return False  # "Hollywood stars Kevin Spacey": a role before a name
    if found[index - 1].possessive if index else False:
        return False  # "Russia's war"
    if lower.endswith("ing") and before not in AUXILIARIES:
        return False  # "Early voting opened", "speaking at"
    if lower in BASES and before not in AUXILIARIES:
        # "officials fear the summit", not "any arms transfer between"; and
        # not after a singular noun or name, which would take "stars":
        # "Hollywood star Tom Hanks", "film star Robert De Niro".
        if index and _singular(found[index - 1]) and lower not in PAST_AS_BASE:
            return False
        return before in lexicon.PRONOUNS or _object_after(found, index)
    if lower in VERB_FORMS:
        if lower.endswith("s") and not lower.endswith("ss"):
            # "talks", "plans", "calls": a verb after a name or a pronoun,
            # or before an object; after a singular noun too ("the festival
            # opens with"), unless a verb follows ("the peace talks resumed").
            if _noun_or_name_before(found, index) or _object_after(found, index):
                return True
            after = found[index + 1].text.lower() if index + 1 < len(found) else ""
            verb_after = after in AUXILIARIES or after in VERB_FORMS
            return index > 1 and _singular(found[index - 1]) and not verb_after
        return True
    return lower.endswith("ed") and len(lower) > 4 and index > 0


def _singular(word: Word) -> bool:
    lower = word.text.lower()
    if lower in lexicon.PRONOUNS | lexicon.FIRST_PERSON | lexicon.GROUPS:
        return False  # "they fear", "we want", "analysts say"
    if lower in PLURALS_WITHOUT_S:
        return False  # "police say"
    if lower in NEGATIONS_AND_ADVERBS or lower.endswith("ly"):
        return False  # "officials also fear"
    return not lower.endswith("s") or lower in lexicon.NOT_PLURAL


def _noun_or_name_before(found, index) -> bool:
    before = found[index - 1]
    lower = before.text.lower()
    return before.capitalised or lower in lexicon.PRONOUNS or lower.endswith("ly")


def _object_after(found, index) -> bool:
    after = found[index + 1].text.lower() if index + 1 < len(found) else ""
    if index + 1 < len(found) and found[index + 1].capitalised:
        return True  # "officials fear Astrava ..."
    return after in DETERMINERS or after in lexicon.PRONOUNS or after in ("to", "that")


def _verb_group_end(found: list[Word], verb: int) -> int:
    """Past the verb group: "has been seeking", "would not violate", "is
    expected to"."""
    end = verb + 1
    while end < len(found) and not found[end].gap.strip():
        lower = found[end].text.lower()
        previous = found[end - 1].text.lower()
        if lower in AUXILIARIES or lower in NEGATIONS_AND_ADVERBS:
            end += 1
        elif lower in VERB_FORMS or lower.endswith(("ed", "ing", "en")):
            if previous in AUXILIARIES | NEGATIONS_AND_ADVERBS | {"to"}:
                end += 1
            else:
                break
        elif lower == "to" and end + 1 < len(found) and _infinitive(found, end + 1):
            end += 1  # "hopes to secure", "is expected to announce"
        else:
            break
    return end


def _infinitive(found: list[Word], index: int) -> bool:
    """ "to secure", not "sent to Feroz Abbasi" nor "rose to 5%"."""
    word = found[index]
    lower = word.text.lower()
    if word.capitalised or lower in DETERMINERS or lower in lexicon.PRONOUNS:
        return False
    return not word.text[:1].isdigit()


def _object(found: list[Word], start: int) -> Span | None:
    taken = []
    for index in range(start, min(len(found), start + MAX_OBJECT_WORDS)):
        word = found[index]
        lower = word.text.lower()
        if index > start and re.search(r"[,;:()\"\u201c\u201d\u2014]", word.gap):
            break
        if lower in PREPOSITIONS - {"of"} or lower in CLAUSE_WORDS:
            break
        if lower == "to":
            break  # "sent to Feroz Abbasi": no direct object
        taken.append(word)
    if not taken:
        return None
    return Span(taken[0].start, taken[-1].end)


# "..., Mr Blair said." / "..., said Alan Greenspan, head of ..." / "..., the
# company said in a statement."
_TRAILING_SAID = re.compile(r"(?:said|says|added|told|warned|argued|insisted)$")


def _trailing_speaker(text: str, found: list[Word]) -> Span | None:
    for index, word in enumerate(found):
        lower = word.text.lower()
        if not _TRAILING_SAID.match(lower) or not index:
            continue
        if "," in found[index].gap or '"' in found[index].gap:
            # "..., said Alan Greenspan": the name after the verb.
            after = found[index + 1 : index + 6]
            if not after or not (after[0].capitalised or after[0].text == "the"):
                continue
            name = []
            for w in after:
                if name and re.search(r"[,.;]", w.gap):
                    break
                name.append(w)
            if name:
                return Span(name[0].start, name[-1].end)
        # "..., Mr Blair said": the words since the last comma.
        since = index
        while since > 0 and not re.search(r"[,\"\u201d]", found[since].gap):
            since -= 1
        if 0 < index - since <= 6 and since > 0:
            return Span(found[since].start, found[index - 1].end)
    return None
