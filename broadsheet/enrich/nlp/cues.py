"""What a sentence does for a reader: the kind of question it answers.

"Moscow is seeking artillery shells" says what someone wants (purpose);
"any transfer would violate sanctions" says what is at stake (consequence);
"Washington condemned the meeting" is a reaction; "officials fear" a concern;
"will meet again next month" what happens next. Read from the sentence's verb
group and subject (clauses.py), so the cue belongs to the clause whose subject
the question asks about, not to a word somewhere in the sentence.
"""

import re

from broadsheet.enrich.nlp.clauses import Reading

PURPOSE, CONSEQUENCE, REACTION, CONCERN, NEXT, BACKGROUND, HAPPENED = (
    "purpose",
    "consequence",
    "reaction",
    "concern",
    "next",
    "background",
    "happened",
)

# Verb groups, matched against the lower-case group ("is seeking").
PURPOSE_VERBS = re.compile(
    r"\b(?:seek|seeks|seeking|sought|want|wants|wanted|wanting|hope|hopes|hoped"
    r"|hoping|aim|aims|aimed|aiming|intend|intends|intended|wish|wishes|eager"
    r"|keen)\b"
)
PURPOSE_NOUNS = re.compile(
    r"\b(?:objectives?|goals?|aims?|priorit(?:y|ies)|ambitions?|demands?|wish"
    r"|wishlist|motives?|intentions?)\b"
)
# Not "to win" or "to secure" alone: "held off X to secure his victory" is
# an outcome, not an aim.
# Not "pushed the referee", "continued to press", "was looking into": pushing
# for something, looking to do it.
PURPOSE_PHRASES = re.compile(r"\b(?:in exchange for|in return for|in order to)\b")
# The clause's own verb group: "is looking to buy", "tried to block", "is
# pushing for" (its "for" right after the group).
PURPOSE_GROUPS = re.compile(r"\b(?:looking|trying|tries|tried) to\b")
PUSHING = re.compile(r"\b(?:push|press)(?:es|ed|ing)?$")
REACTION_VERBS = re.compile(
    r"\b(?:condemn|condemns|condemned|welcome|welcomes|welcomed|criticis\w+"
    r"|criticiz\w+|denounc\w+|prais\w+|reject|rejects|rejected|dismiss\w*"
    r"|respond\w*|react\w*|protest\w*|hail|hails|hailed|slam|slams|slammed"
    r"|applaud\w*|decr(?:y|ies|ied)|summon\w*|deplor\w+|objected)\b"
)
CONCERN_VERBS = re.compile(
    r"\b(?:fear|fears|feared|worry|worries|worried|warn|warns|warned|warning"
    r"|cautioned|concerned|alarmed)\b"
)
CONCERN_NOUNS = re.compile(r"\b(?:concerns?|fears?|worries|alarm|unease|anxiety)\b")
# "would violate", "could bolster", "might mean": a modal and what follows.
CONSEQUENCE_VERBS = re.compile(
    r"\b(?:would|could|might|may)\s+(?:also\s+|not\s+|further\s+)?"
    r"(?!be\b|have\b|say\b|take\b|come\b|go\b)\w+"
)
CONSEQUENCE_HEADS = re.compile(
    r"\b(?:means?|meant|risks?|threatens?|threatened|jeopardi[sz]es|undermines?)\b"
)
FUTURE_VERBS = re.compile(
    r"\b(?:will|shall|is due to|are due to|is expected to|are expected to"
    r"|is set to|are set to|is to|are to|plans? to|planned to|is scheduled to"
    r"|are scheduled to|is likely to|are likely to|is going to|are going to"
    r"|intends? to)\b"
)
FUTURE_WORDS = re.compile(
    r"\b(?:next (?:week|month|year|season|spring|summer|autumn|winter)"
    r"|later this (?:week|month|year)|in the coming (?:days|weeks|months))\b"
)
# "was arrested", "has been fined", "were injured": something done to the
# subject.
# "was arrested", not "was disappointed" or "were involved": a state is not
# something that happened.
PASSIVE = re.compile(
    r"^(?:was|were|has been|have been|had been)\s+(?:\w+ly\s+)?"
    r"(?!(?:disappointed|involved|interested|satisfied|pleased|concerned|worried"
    r"|expected|reported|based|delighted|determined|convinced|used|required)$)"
    r"\w+ed$"
)
# A passive anywhere in the group: "is likely to be welcomed".
BE_DONE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?\w+ed$")
# "has died", "resigned", "won": what became of the subject.
FATE = re.compile(
    r"^(?:has |have |had )?(?:\w+ly )?"
    r"(?:died|resigned|quit|retired|lost|won|withdrew|left)$"
)
BACKGROUND_WORDS = re.compile(
    r"\b(?:since (?:19|20)\d\d|first \w+ since|last (?:year|month)|in (?:19|20)\d\d"
    r"|previously|has long|have long|for years|for decades|history|ago"
    r"|the latest in)\b"
)


def kinds(text: str, reading: Reading) -> list[str]:
    """The kinds of question `text` answers about its subject, strongest
    first; [] when it only states a fact."""
    verb = reading.verb
    if not verb or reading.subject is None:
        return []
    subject = reading.subject.of(text)  # case kept: "Age Concern" is a name
    subject = subject[:1].lower() + subject[1:]
    found = []
    wants = PURPOSE_VERBS.search(verb) or PURPOSE_NOUNS.search(subject)
    wants = wants or PURPOSE_GROUPS.search(verb) or _pushing_for(text, verb)
    if wants or (PURPOSE_PHRASES.search(text.lower()) and not _quoted(text)):
        found.append(PURPOSE)
    if REACTION_VERBS.search(verb) and not BE_DONE.search(verb):
        found.append(REACTION)  # not "are likely to be welcomed"
    if CONCERN_VERBS.search(verb) or CONCERN_NOUNS.search(subject):
        found.append(CONCERN)
    if CONSEQUENCE_VERBS.search(verb) or CONSEQUENCE_HEADS.search(verb):
        found.append(CONSEQUENCE)
    if FUTURE_VERBS.search(verb) or FUTURE_WORDS.search(text):
        found.append(NEXT)
    if BACKGROUND_WORDS.search(text):
        found.append(BACKGROUND)
    if PASSIVE.match(verb) or FATE.match(verb):
        found.append(HAPPENED)
    return found


def _pushing_for(text: str, verb: str) -> bool:
    """ "X is pushing for Y", not "partners, which have been pressing for"
    somewhere else in the sentence."""
    return bool(PUSHING.search(verb)) and f"{verb} for " in text.lower()


def _quoted(text: str) -> bool:
    return any(mark in text for mark in '"\u201c\u201d')
