"""Who is who and who said what: the names a story introduces and quotes.

"Christine Lagarde, the president of the ECB," introduces a person; "Mr
Blair said", "said Alan Greenspan" and "according to the ECB" report what
someone said. The FAQ asks "Who is ...?" and "What did ... say?" from these.
"""

import re

from broadsheet.enrich.nlp import lexicon
from broadsheet.enrich.nlp.answers import VERBS
from broadsheet.enrich.nlp.entities import ORGANISATION, PERSON, Entity, is_acronym
from broadsheet.enrich.nlp.text import phrase_pattern

SPEAKER_REACH = 45  # characters between a name and its "said"
ROLES = "|".join(sorted(lexicon.ROLES, key=len, reverse=True))
# Words before a name that are no part of it: "Solicitor General Warren Pike".
TITLE_WORDS = (
    lexicon.TITLES
    | lexicon.PERSON_LABELS
    | {title.split()[-1] for title in lexicon.MULTIWORD_TITLES}
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
    r"(?!(?:(?<=added)|(?<=adding)) (?:a|an|the|his|her|their|its)\b)"
)  # and not "is said to", not "added 14 points" nor "added a second"
SPEECH_BEFORE_NAME = re.compile(r"\b(?:said|says|added|according to)$")
# What may stand between a name and its "said": "Time Warner has said",
# "Mr Blair also told"; not "evaluations run by Tessellate itself and said".
GAP_WORDS = lexicon.words_of(
    "has have had also recently previously earlier later then now again"
    " further yesterday today once subsequently separately initially"
)


def known_person(entity: Entity) -> bool:
    """Sure enough it is a person to ask "Who is ...?": a full name with a
    given name first, or one the story also uses by surname alone."""
    words = entity.name.split()
    if len(words) < 2:
        return False
    return words[0].lower() in lexicon.GIVEN_NAMES or words[-1] in entity.aliases


def talks(entity: Entity) -> bool:
    """Laws and treaties are quoted, but do not speak."""
    last = entity.name.split()[-1].lower()
    return last not in ("act", "law", "bill", "convention", "treaty", "code", "rules")


def introduces(text: str, name: str, kind: str) -> bool:
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


def speaker(text: str, entities: list[Entity]) -> Entity | None:
    """Whose words `text` reports: the name nearest a speech verb, before it
    ("Mr Blair said", "Christine Lagarde, the ECB's president, said") or
    just after it ("said Alan Greenspan.")."""
    best, best_distance = None, SPEAKER_REACH
    for verb in SPEECH.finditer(text):
        for entity in entities:
            for name in entity.names:
                for match in mentions(text, name):
                    distance = _distance(text, match, verb)
                    if distance is not None and distance < best_distance:
                        best, best_distance = entity, distance
    return best


def mentions(text: str, name: str):
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


# "A spokesman for Fox said", "The MP for Sittingbourne and Sheppey said":
# the name is inside the speaker's phrase, not the speaker.
PHRASE_BEFORE = re.compile(
    r"\b(?:for|of|at|from|behind|with|in|on)\s+(?:the\s+)?(?:[A-Z][\w'-]*\s+){0,3}"
    r"(?:(?:and|&)\s+(?:[A-Z][\w'-]*\s+){0,3})?$"
)


def _in_phrase(before: str) -> bool:
    return bool(PHRASE_BEFORE.search(before))


def _distance(text: str, name: re.Match, verb: re.Match) -> int | None:
    if name.end() <= verb.start():
        if _in_phrase(text[: name.start()]):
            return None  # "a spokesman for Fox said": the spokesman speaks
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
        # "said Robert Sinche, head of", "said US lawyer Jamie Firestone",
        # "said Mr Takenaka"; not "said the success of Long Orbit, ..."
        plain = not (set(words) - TITLE_WORDS) & lexicon.STOPWORDS
        plain = plain and not re.search(r"[^\w\s.-]", gap)
        if ends and plain and len(words) <= 4:
            return len(gap)
    return None
