"""Does each FAQ answer answer its question? An independent check.

    python bench/faq_focus.py [--sample N] [--corpus DIR] [--show N]

For every pair: the question's focus (who or what it asks about) must be the
grammatical subject or object of a clause of the quoted answer, not a name the
answer merely mentions in passing; and the question's type (who, purpose,
consequence, reaction, ...) must match a cue in the answer ("seeking" for a
purpose, "would violate" for a consequence, a role for "who").

This file reads questions and answers on its own: its own tokens, word lists
and clause reading. It imports nothing from broadsheet.enrich.nlp, so that the
figure it gives is not the generator agreeing with itself. It works on any
writer's pairs (the offline generator, a language model, an editor).
"""

import re
from dataclasses import dataclass

# -- Words -------------------------------------------------------------------


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


DETERMINERS = _set(
    "the a an this that these those its their his her our my your any some such"
    " both each every all another no"
)
PREPOSITIONS = _set(
    "in on at for from with by about into onto over under after before during"
    " since until between among against without within through across toward"
    " towards near beyond despite amid via per than like including upon off"
    " ahead behind outside inside around"
)
SUBORDINATORS = _set(
    "if when while although though because as since after before once unless"
    " whereas whether where until despite amid following"
)
AUXILIARIES = _set(
    "is are was were be been being am has have had will would could can may might"
    " should must do does did shall 's 're 've 'd 'll"
)
ADVERBS = _set(
    "also still not never now already just soon even only further again then"
    " reportedly previously recently repeatedly jointly publicly privately"
    " quickly immediately yet largely widely formally officially first later"
    " n't always often once broadly strongly"
)
PRONOUNS = _set("he she they it we i you who which")
# Verbs, as base forms; the other forms are made below. News copy leans on a
# few hundred verbs; unknown words ending in -ed after a noun count as verbs.
VERB_BASES = _set(
    """say tell add warn argue insist explain admit claim believe stress declare
    announce note conclude state comment reply write respond react welcome
    condemn criticise criticize praise reject dismiss deny accuse call urge
    demand ask seek want hope aim plan intend expect need try wish push press
    pledge promise vow agree sign meet visit hold arrive travel leave discuss
    offer provide supply send receive buy sell make take give get find show
    keep put set run lead win lose face fear worry risk threaten violate breach
    bolster boost strengthen weaken undermine mean cause affect damage help
    hurt raise cut rise fall grow increase decrease drop jump climb slip reach
    open close start begin end launch release report reveal confirm suggest
    include remain become seem appear look serve work build develop use
    fund pay cost spend invest order impose lift ban block allow approve
    support oppose back join form elect appoint name replace resign quit
    describe see come go move stay return follow focus mark include exchange
    secure obtain gain acquire deliver transfer export import produce
    test fire launch host invite greet toast tour inspect show study
    rule sentence charge arrest kill attack invade defend protect prevent
    stop continue resume delay postpone cancel announce unveil reduce expand
    struggle benefit improve worsen fail succeed manage prepare expect speak
    caution acknowledge predict generate employ handle score blame name
    think bring draw drive fly choose stand strike spend pay cut hit
    sue play throw fight break beat wear catch teach sing shoot sit lie
    feel forget understand hide seize crash collapse soar surge slump plunge
    tumble recover settle nominate sack hire jail convict accuse swap
    overturn overtake outsell own owe earn merge survive marry perform
    publish dominate overcome withdraw sweep hurt"""
)
IRREGULAR = {
    "say": "said", "tell": "told", "write": "wrote written", "seek": "sought",
    "meet": "met", "hold": "held", "leave": "left", "buy": "bought",
    "sell": "sold", "make": "made", "take": "took taken", "give": "gave given",
    "get": "got", "find": "found", "keep": "kept", "run": "ran", "lead": "led",
    "win": "won", "lose": "lost", "mean": "meant", "rise": "rose risen",
    "fall": "fell fallen", "grow": "grew grown", "begin": "began begun",
    "become": "became", "come": "came", "go": "went gone", "see": "saw seen",
    "send": "sent", "spend": "spent", "pay": "paid", "put": "put", "set": "set",
    "cut": "cut", "build": "built", "think": "thought", "bring": "brought",
    "draw": "drew drawn", "drive": "drove driven", "fly": "flew flown",
    "speak": "spoke spoken", "stand": "stood", "strike": "struck",
    "quit": "quit", "hit": "hit", "show": "shown showed",
    "choose": "chose chosen", "throw": "threw thrown", "fight": "fought",
    "break": "broke broken", "beat": "beat beaten", "wear": "wore worn",
    "catch": "caught", "teach": "taught", "sing": "sang sung", "shoot": "shot",
    "sit": "sat", "lie": "lay lain", "feel": "felt", "forget": "forgot",
    "understand": "understood", "hide": "hid hidden", "swap": "swapped",
    "sue": "sued", "broadcast": "broadcast", "overcome": "overcame",
    "cost": "cost", "spread": "spread", "hurt": "hurt",
    "withdraw": "withdrew withdrawn", "sweep": "swept",
}  # fmt: skip


def _forms(base: str) -> set[str]:
    if base.endswith("e"):
        regular = {base, base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2] not in "aeiou":
        regular = {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x")):
        regular = {base, base + "es", base + "ed", base + "ing"}
    else:
        regular = {base, base + "s", base + "ed", base + "ing"}
    if base in IRREGULAR:
        # Not "seed" for "see", "throwed" for "throw": the past is listed.
        regular = {form for form in regular if not form.endswith("d")}
    return regular | set(IRREGULAR.get(base, "").split())


VERBS = frozenset(form for base in VERB_BASES for form in _forms(base))
# Verbs after which a clause follows as their object: "said the deal ...".
REPORTING = frozenset(
    form
    for base in _set(
        "say tell add warn argue insist explain admit claim believe stress declare"
        " announce note conclude state comment reply write fear worry expect hope"
        " suggest report reveal confirm deny urge think know show accuse caution"
        " acknowledge predict"
    )
    for form in _forms(base)
) | {"thought", "known", "according"}

# Nouns spelt like a verb's "-s" form: "the price cuts", "the job losses".
PLURAL_NOUNS = _set(
    "cuts plans talks costs rises falls sales bids deals claims calls holds"
    " results changes increases reports returns moves votes tests shares"
    " offers orders supplies charges appeals loans losses gains ends hopes"
    " needs fears warnings attacks points records plays wins"
)
FATES = _set("died resigned quit left won lost retired")
HAPPENED_REACH = 5  # "has been sharply cut back": the verb group
COPULA = _set("is was are were be been 's")
BE = _set("is was are were be been being")
SAID = _set("said says told added warned argued insisted explained claimed noted")
# Cues a question's type must find in its answer.
CUES = {
    "lead": None,  # the story's opening: checked by position
    "who": None,  # a role given to the focus: checked by _gives_role
    "general": None,  # "How is X involved?": the focus test alone
    # "added" only for words: not "Joe Cole added a second".
    "said": r"\b(?:said|says|say|told|tells|"
    r"add(?:ed|s)(?=\s*[:,.\"\u201c]|\s+(?:that|he|she|they|it|we|I)\b|\s+[A-Z])|"
    r"warned|warns|argued|"
    r"insisted|explained|admitted|claimed|stressed|declared|announced|noted|"
    r"stated|wrote|according to|described|called|urged|believes?|thinks?|"
    r"adding|saying|conclude[ds]?|suggest(?:s|ed)?|reveal(?:s|ed)?|found|finds)\b",
    "reaction": r"\b(?:respond\w*|react\w*|welcom\w*|condemn\w*|criticis\w*|"
    r"criticiz\w*|prais\w*|reject\w*|dismiss\w*|denounc\w*|protest\w*|"
    r"objected|hailed|slammed|applauded|backed|opposed|warned|said|says|"
    r"called|urged|accused|expressed|voiced|summoned|demanded)\b",
    "purpose": r"\b(?:seek\w*|sought|want\w*|hop(?:e|es|ed|ing)\b|aim\w*|goal|"
    r"objective\w*|intend\w*|intention|plan(?:s|ned|ning)? to|in order to|"
    r"so as to|to secure|to obtain|to win|to gain|to get|to acquire|looking to|"
    r"keen to|eager to|push(?:ing|es|ed)? for|press(?:ing|es|ed)? for|"
    r"in exchange for|in return for|interest in|wish\w*|ambition\w*|purpose|"
    r"motive\w*|desire\w*|need\w*|request\w*|ask(?:s|ed|ing)? for|"
    r"want(?:s|ed)?|bid to|effort to|attempt to|trying to|tries to)",
    "consequence": r"\b(?:would|could|might|may|will)\s+(?:\w+\s+){0,2}?"
    r"(?:\w+)|\b(?:mean\w*|lead to|led to|result\w* in|risk\w*|threat\w*|"
    r"violat\w*|breach\w*|bolster\w*|boost\w*|undermin\w*|affect\w*|impact|"
    r"consequence\w*|implication\w*|stakes?|effect\w*|damag\w*|jeopardi\w*)",
    "concern": r"\b(?:concern\w*|fear\w*|worr\w*|risk\w*|threat\w*|warn\w*|"
    r"danger\w*|alarm\w*|anxi\w*|caution\w*|critic\w*|question\w* over|"
    r"doubt\w*|uneas\w*|unease|vulnerab\w*)",
    # Not a state: "the commission was satisfied", "is expected to".
    "happened": r"\b(?:(?:was|were|has been|have been|had been|got)\s+(?:\w+ly\s+)?"
    r"(?!(?:satisfied|pleased|concerned|worried|expected|believed|thought|"
    r"understood|known|said|reported|determined|convinced|delighted|"
    r"disappointed|interested|involved|based|set|due)\b)"
    r"\w+(?:ed|en|t)|died|resigned|quit|left|won|lost|retired|arrested|fined)\b",
    "risk": r"\b(?:risk\w*|threat\w*|danger\w*|(?:could|may|might|would)"
    r"\s+(?:also\s+)?(?:face|lose|suffer|be\s+\w+ed)|vulnerab\w*|exposed)",
    "next": r"\b(?:will|would|expected to|due to|set to|plans? to|planned|"
    r"is to|are to|scheduled|next|later|upcoming|likely to|going to|intends? to|"
    r"aims? to|hopes? to|to be (?:held|decided|announced)|pending|awaits?|"
    r"await\w*|future|ahead|coming (?:days|weeks|months))\b",
    "figures": r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"dozen|hundreds?|thousands?|millions?|billions?|half|third|quarter|"
    r"percent|per cent)\b",
    "cause": r"\b(?:because|due to|as a result|after|amid|following|blam\w*|"
    r"since|led to|caused?|thanks to|reason\w*|driven by|so that|as|why|"
    r"response to|prompted|sparked|triggered)\b",
    "background": r"\b(?:was|were|had|has been|have been|since|first|"
    r"previous\w*|last (?:year|month|week)|in (?:19|20)\d\d|history|earlier|"
    r"before|ago|former\w*|long|decades?|years?|began|began|came)\b",
}
ROLE_NOUNS = _set(
    """president leader minister chief head chairman chairwoman chair director
    secretary spokesman spokeswoman spokesperson founder boss manager coach
    captain player economist analyst governor commissioner chancellor mayor
    senator judge lawyer professor scientist researcher author writer singer
    actor actress producer star presenter editor official adviser advisor
    member deputy owner campaigner champion winner candidate envoy ambassador
    negotiator strategist engineer officer general commander prosecutor
    activist dictator ruler premier king queen prince princess emperor
    company firm group agency body organisation organization party maker
    giant start-up startup charity union network operator provider retailer
    bank regulator team club band country nation state government treasurer
    rancher veteran expert executive partner investor developer lender
    broadcaster publisher carrier airline university school institute
    association federation council committee court alliance coalition
    newcomer incumbent challenger rival ally guard forward striker midfielder
    defender goalkeeper keeper pitcher quarterback winger seed qualifier"""
)

# -- Questions ---------------------------------------------------------------

F = r"(?P<f>.+?)"
QUESTION_FORMS = [
    ("lead", rf"^What (?:is|was) the latest(?: news)? (?:about|on|from|in) {F}\?$"),
    ("lead", r"^What (?:is|was) the latest(?: news)?\?$"),
    ("lead", r"^What (?:has )?happened\?$"),
    ("happened", rf"^What (?:has )?happened to {F}\?$"),
    ("lead", rf"^What (?:has )?happen(?:ed|s) (?:with|at|in) {F}\?$"),
    ("general", rf"^How (?:is|are|was|were) {F} involved\?$"),
    ("general", rf"^What (?:else )?(?:is|are) known about {F}\?$"),
    ("general", rf"^What (?:else )?does the (?:story|article) say about {F}\?$"),
    ("general", rf"^What is happening (?:in|at|with) {F}\?$"),
    ("next", rf"^What (?:happens|comes|is) next (?:for|to|in|with|on) {F}\?$"),
    ("next", rf"^What (?:will|is|are) {F} (?:do|doing|going to do|planning) next\?$"),
    ("next", r"^What (?:happens|comes) next\?$"),
    ("cause", rf"^What is behind the (?:rise|fall|drop|increase|change) in {F}\?$"),
    ("cause", rf"^What (?:led|has led) to {F}\?$"),
    ("figures", rf"^What do the (?:figures|numbers) (?:show|say) about {F}\?$"),
    (
        "figures",
        rf"^How (?:much|many) (?:has|have|had|did|do|does|is|are|was|were)"
        rf" {F} (?:risen|fallen|grown|dropped|increased|decreased|changed|cost)\?$",
    ),
    ("figures", rf"^How (?:much|many|big|large|far) .*? {F}\?$"),
    ("background", rf"^What is the background to {F}\?$"),
    ("background", rf"^What (?:is|was) the history (?:of|between|behind) {F}\?$"),
    ("background", rf"^How did {F} (?:come about|start|begin|get here)\?$"),
    ("risk", rf"^What are the (?:risks|dangers) (?:for|to|of) {F}\?$"),
    (
        "concern",
        rf"^What are the (?:concerns|fears|worries|risks|dangers)"
        rf" (?:about|over|for|of|around|with) {F}\?$",
    ),
    ("concern", rf"^What (?:do|does|did) {F} (?:fear|worry about)\?$"),
    ("concern", rf"^What (?:worries|concerns) {F}\?$"),
    ("concern", rf"^What warnings? (?:has|have|did) {F} (?:given|issued|made)\?$"),
    (
        "consequence",
        rf"^What (?:could|would|might|will|does|do) {F} mean"
        rf"(?: for .+)?\?$",
    ),
    ("consequence", rf"^What (?:could|might|would) happen to {F}\?$"),
    ("consequence", rf"^What is at stake (?:for|in|with) {F}\?$"),
    ("consequence", rf"^Why (?:does|do|did) {F} matter\?$"),
    (
        "reaction",
        rf"^How (?:has|have|did) {F} (?:respond|react|responded|reacted)"
        rf"(?: to .+)?\?$",
    ),
    ("reaction", rf"^What (?:was|is) {F}'s (?:response|reaction)(?: to .+)?\?$"),
    # Before the purpose forms: "What did X say about the hope?" asks what X
    # said, not what X hopes.
    (
        "said",
        rf"^What (?:did|does|do|has|have) {F} (?:say|said|tell|told|argue|"
        rf"claim|announce|add|warn)\b.*\?$",
    ),
    (
        "purpose",
        rf"^What (?:does|do|did|is|are|was|were) {F} (?:hope|hoping|want|"
        rf"wanting|seek|seeking|aim|aiming|trying|looking|pushing|asking)\b.*\?$",
    ),
    (
        "purpose",
        rf"^What (?:is|are) {F}'s (?:goals?|aims?|objectives?|motives?)"
        rf"(?: .+)?\?$",
    ),
    (
        "purpose",
        rf"^Why (?:is|are|was|were|did|does|do) {F}"
        rf" (?:meet|meeting|visit|visiting|travel|going|seek|hold|holding)\b.*\?$",
    ),
    ("who", rf"^Who (?:is|are|was|were) {F}\?$"),
    ("who", rf"^What (?:is|are) {F}\?$"),
    (
        "cause",
        rf"^Why (?:is|are|was|were|has|have|had|does|do|did|will|would|"
        rf"could|can|should) {F} \w+.*\?$",
    ),
]
QUESTION_PATTERNS = [(kind, re.compile(form)) for kind, form in QUESTION_FORMS]


@dataclass(frozen=True)
class Reading:
    kind: str
    focus: str


def read_question(question: str) -> Reading:
    """The question's type and its focus phrase."""
    question = " ".join(question.split())
    why = re.match(
        r"Why (?:is|are|was|were|has|have|had|does|do|did|will|would|"
        r"could|can|should) (.+)\?$",
        question,
    )
    if why and not re.search(r" matter\?$", question):
        # "Why has the happoshu been ...": the focus ends where a verb starts.
        words = why.group(1).split()
        cut = next((i for i, w in enumerate(words) if i and _verb_like(w.lower())), 1)
        kind = "purpose" if _verb_like(words[cut].lower(), purpose=True) else "cause"
        return Reading(kind, " ".join(words[:cut]))
    for kind, pattern in QUESTION_PATTERNS:
        match = pattern.match(question)
        if match and match.groupdict().get("f"):
            return Reading(kind, _trim_focus(match.group("f")))
        if match:
            return Reading(kind, "")
    # Anything else: the first name or noun after the question words.
    rest = re.sub(r"^\w+\s+(?:\w+\s+)?", "", question.rstrip("?"))
    return Reading("other", _trim_focus(rest))


def _verb_like(word: str, purpose: bool = False) -> bool:
    if purpose:
        return word in _set(
            "meet meeting visit visiting travel travelling seek"
            " seeking hold holding want wanting going"
        )
    return (
        word in VERBS
        or word in AUXILIARIES
        or word in ADVERBS
        or (word.endswith(("ed", "ing", "en")) and len(word) > 4)
    )


def _trim_focus(focus: str) -> str:
    focus = re.sub(r"'s$|\u2019s$", "", focus.strip())
    # "What does X hope to gain from the summit": X ends where its verb starts.
    return focus.strip(" ,")


# -- Answers: a light clause reading -----------------------------------------

# "30,000" is one number, not "30", a comma and "000" (a comma starts a new
# clause or ends an opening adverbial).
TOKEN = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?\w*"
    r"|[A-Za-z0-9][\w'\u2019.&-]*[\w](?:(?<=s)'(?!\w))?|[A-Za-z0-9]"
    r"|[,;:\"\u201c\u201d()\u2014-]"
)
SENTENCE_END = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"\u201d']))\s+(?=[\"\u201c]?[A-Z])"
)
CLAUSE_BREAKS = _set("; : \u2014")
# Words that may start a second clause with a subject of its own: "came as
# President Bush said ...", "and Pavey followed up with bronze".
JOINTS = _set("and but as after when because since although though")
COORDINATORS = _set("and but while whereas")


@dataclass
class Clause:
    subject: list[str]
    objects: list[list[str]]


def sentences_of(answer: str) -> list[str]:
    return [s for s in SENTENCE_END.split(answer.strip()) if s]


def tokens(text: str) -> list[str]:
    return [t.replace("\u2019", "'") for t in TOKEN.findall(text)]


def clauses(sentence: str) -> list[Clause]:
    """The clauses of `sentence` with their subjects and objects."""
    words = tokens(sentence)
    found = []
    for part in _parts(words):
        found.extend(_read(part, depth=0))
    found.extend(_speakers(words))
    found.extend(_relative_subjects(words))
    return found


def _relative_subjects(words: list[str]) -> list[Clause]:
    """The subject of a relative clause ("coach Andy Robinson, who has seen
    his side lose") and the doer in a passive ("he was tripped by Bryson"):
    who does something in the sentence, though not in its main clause."""
    found = []
    for index, word in enumerate(words):
        lower = word.lower()
        if lower == "who" and index > 1 and words[index - 1] == ",":
            name = _name_before(words, index - 1)
            if name:
                found.append(Clause(name, []))
        cleft = [w.lower() for w in words[max(0, index - 6) : index]]
        if lower == "who" and "it" in cleft and COPULA & set(cleft):
            name = _name_before(words, index)  # "it was Mr Milburn who took"
            if name:
                found.append(Clause(name, []))
        # "was tripped by Bryson", not "must have registered by 1700 GMT".
        passive = index > 1 and words[index - 2].lower() in BE
        if lower == "by" and passive and _past(words[index - 1].lower()):
            found.append(Clause(_object(words[index + 1 :]), []))
    return found


def _name_before(words: list[str], end: int) -> list[str]:
    """The run of capitalised words ending right before `end`."""
    start = end
    while start > 0 and words[start - 1][:1].isupper() and end - start < 4:
        start -= 1
    return words[start:end]


def _speakers(words: list[str]) -> list[Clause]:
    """Who speaks where the clause reading misses it: "..., Mr Balls said",
    "said Mark LaNeve, GM's vice president", "according to Asahi"."""
    found = []
    lower = [w.lower() for w in words]
    for index, word in enumerate(lower):
        if word in SAID:
            after = words[index + 1 :]
            if after and (after[0][:1].isupper() or after[0].lower() in DETERMINERS):
                found.append(Clause(_object(after), []))  # "said Mr Blair"
            elif _role_then_name(after):
                found.append(Clause(_object(after), []))  # "said chief executive X"
            before = words[:index]
            if "," in before:
                tail = before[len(before) - before[::-1].index(",") :]
                if tail[:1] in (['"'], ["\u201d"]):
                    tail = tail[1:]  # '..., the minister ... Praful Patel said'
                if 0 < len(tail) <= 8:
                    found.append(Clause(_subject(tail), []))  # ", Mr Balls said"
                    found.extend(_after_preposition(tail))
        if word == "according" and lower[index + 1 : index + 2] == ["to"]:
            found.append(Clause(_object(words[index + 2 :]), []))
    return found


def _role_then_name(words: list[str]) -> bool:
    """ "chief executive Thierry Breton": up to three lower-case words (a
    role), then a name."""
    for index, word in enumerate(words[:4]):
        if word[:1].isupper():
            return index > 0
        lower = word.lower()
        plain = word.isalpha() and word.islower()
        if not plain or lower in DETERMINERS | PREPOSITIONS | PRONOUNS | AUXILIARIES:
            return False
    return False


def _after_preposition(tail: list[str]) -> list[Clause]:
    """ "the minister for civil aviation Praful Patel": the name after the
    role's last preposition is who speaks."""
    lower = [w.lower() for w in tail]
    at = max((i for i, w in enumerate(lower) if w in PREPOSITIONS), default=-1)
    rest = tail[at + 1 :]
    if at < 0 or not rest or not rest[-1][:1].isupper():
        return []
    return [Clause(_subject(rest), [])]


def _parts(words: list[str]) -> list[list[str]]:
    """Quotation and text apart; clauses split at ";", ":" and ", and/but"."""
    parts, current, quoted = [], [], False
    for index, word in enumerate(words):
        if word in ('"', "\u201c", "\u201d"):
            if current:
                parts.append(current)
            current, quoted = [], not quoted
            continue
        if word in CLAUSE_BREAKS:
            parts.append(current)
            current = []
            continue
        after_comma = index and words[index - 1] == ","
        clause_joint = word.lower() in ("while", "whereas") or (
            after_comma and word.lower() in COORDINATORS
        )
        # "Yelling clinched the title and Pavey followed up with bronze": a
        # second clause without a comma, a subject and its verb.
        clause_joint = clause_joint or (
            word.lower() in JOINTS and _clause_follows(words, index + 1)
        )
        if clause_joint and _has_verb(current):
            parts.append(current)
            current = []
            continue
        current.append(word)
    parts.append(current)
    return [piece for p in parts if p for piece in _opening_clause(p)]


def _opening_clause(part: list[str]) -> list[list[str]]:
    """ "While Serena is through, Venus went out": the opening clause and
    the main one, each with its subject."""
    first = part[0].lower()
    if first not in SUBORDINATORS - PREPOSITIONS or "," not in part:
        return [part]
    comma = part.index(",")
    return [p for p in (part[1:comma], part[comma + 1 :]) if p]


def _clause_follows(words: list[str], start: int) -> bool:
    """A name ("Pavey") or a determiner and a noun or two ("the bank"), and
    right after it a verb."""
    end = start
    if end < len(words) and words[end].lower() in DETERMINERS:
        end += 1
        while end < len(words) and end - start < 3 and words[end].islower():
            if _is_verb(words, end):
                break
            end += 1
    else:
        # "as Foreign Secretary Jack Straw said": a title and a name.
        while end < len(words) and end - start < 5 and words[end][:1].isupper():
            end += 1
    return start < end < len(words) and _is_verb(words, end)


def _has_verb(words) -> bool:
    return any(_is_verb(words, i) for i in range(len(words)))


def _is_verb(words: list[str], index: int) -> bool:
    word = words[index]
    lower = word.lower()
    before = words[index - 1].lower() if index else ""
    if lower in AUXILIARIES:
        return lower != "'s"
    if word[0].isupper() and index:
        return False  # a name
    if before in DETERMINERS or before in PREPOSITIONS:
        return False  # "the talks", "for supplies"
    if lower.endswith("ing") and len(lower) > 5 and lower not in VERB_BASES:
        # A participle is a finite verb only after an auxiliary: "is
        # seeking", not "Australian building products group" or "rising
        # costs".
        return before in AUXILIARIES or before in ADVERBS
    if lower in VERB_BASES:
        # An uninflected verb takes an object or a clause: "officials fear
        # the deal", not "any arms transfer between" nor "the cost of"; and
        # its subject is plural ("officials fear"), not "the insurance cost".
        after = words[index + 1].lower() if index + 1 < len(words) else ""
        # (Not after a preposition's phrase: "artists in this year's list
        # include".)
        in_phrase = {w.lower() for w in words[max(0, index - 5) : index]} & PREPOSITIONS
        if (
            _singular_noun(words[index - 1] if index else "")
            and not in_phrase
            and lower not in IRREGULAR.get(lower, "").split()
        ):
            return False
        return bool(after) and after not in PREPOSITIONS | {",", "of"}
    if lower in VERBS:
        # "..., costs" is a noun after a comma; "X, an economist, says" not.
        return lower in SAID or not (lower.endswith("s") and before in ("", ","))
    # "-ed" after a noun: "Officials confirmed", not "the reported deal".
    return lower.endswith("ed") and len(lower) > 4 and bool(before)


PLURALS_WITHOUT_S = _set("people police staff children men women")


def _singular_noun(word: str) -> bool:
    """A word a bare verb cannot follow: "cost" after "insurance" is a noun
    ("they cost", "officials fear", "police say" are verbs)."""
    if not word or word in PRONOUNS | AUXILIARIES | ADVERBS | DETERMINERS:
        return False
    if word[:1].isupper():
        return False  # "The League and the RSPCA say": a name may be many
    lower = word.lower()
    if lower == "to" or lower in PLURALS_WITHOUT_S or lower.endswith("ly"):
        return False  # "to fear", "police say", "officials reportedly fear"
    return word.isalpha() and not lower.endswith("s")


def _start(words: list[str]) -> int:
    """Where the clause's subject starts: after an opening adverbial ("On
    Tuesday,", "After the talks,") and a conjunction."""
    index = 0
    while index < len(words) and words[index].lower() in _set(
        "and but so yet however meanwhile also then"
    ):
        index += 1  # not "while": "While X is ..., Y wants" opens with a clause
    first = words[index].lower() if index < len(words) else ""
    opener = first in PREPOSITIONS or first in SUBORDINATORS or first == "according"
    if first.endswith("ing") and "-" not in first and "," in words[index:]:
        # "Speaking in Paris, he said", not "Rising costs are hitting
        # firms, the CBI says" nor "Oscar-winning director Ron Howard
        # chose ...,": a participle's phrase has no verb of its own.
        comma = words.index(",", index)
        opener = not any(_is_verb(words, i) for i in range(index + 1, comma))
    if opener and "," in words[index:]:
        return words.index(",", index) + 1
    if first in PREPOSITIONS and index + 2 < len(words):
        return index + 2  # "on Wednesday Prime Minister X said"
    return index


def _read(words: list[str], depth: int) -> list[Clause]:
    start = _start(words)
    verb = next(
        (i for i in range(start, len(words)) if _is_verb(words, i) and i > start),
        None,
    )
    if verb is None:
        return []
    subject = _subject(words[start:verb])
    end = verb
    while end < len(words) and (
        words[end].lower() in AUXILIARIES
        or words[end].lower() in ADVERBS
        or (words[end].lower() in VERBS and end == verb)
        or (
            words[end].lower().endswith(("ed", "ing", "en"))
            and end > verb
            and words[end - 1].lower() in AUXILIARIES | ADVERBS
        )
        or words[end].lower() in VERBS
        and words[end - 1].lower() in AUXILIARIES
    ):
        end += 1
    verb_words = [w.lower() for w in words[verb:end]]
    rest = words[end:]
    objects = [_object(rest)]
    if [w.lower() for w in subject] == ["it"] and set(verb_words) <= COPULA:
        objects = []  # "I think it was Mr Phillips": no one does anything
    clause_list = [Clause(subject, [o for o in objects if o])]
    if depth < 2 and (set(verb_words) & REPORTING):
        # "said the deal would ...": the reported clause is the object, and
        # its own subject and objects are what the sentence is about.
        reported = rest[1:] if rest[:1] and rest[0].lower() == "that" else rest
        # "told reporters the deal ...": skip an indirect object.
        for inner in _read(reported, depth + 1)[:1]:
            clause_list[0].objects.append(inner.subject)
            clause_list[0].objects.extend(inner.objects)
    if depth < 2 and {"to"} & {w.lower() for w in rest[:2]}:
        # "hopes to secure ammunition": the infinitive's object.
        at = [w.lower() for w in rest].index("to")
        after = rest[at + 1 :]
        if after and after[0].lower() in VERBS:
            clause_list[0].objects.append(_object(after[1:]))
    return clause_list


def _subject(words: list[str]) -> list[str]:
    """The noun phrase before the verb, without a trailing adverb or
    auxiliary ("..., Charles Kennedy has said")."""
    while words and words[-1].lower() in ADVERBS | AUXILIARIES | {","}:
        words = words[:-1]
    return words


def _list_goes_on(words: list[str], comma: int) -> bool:
    """A comma inside a list of short items that ends "and X": no verb, no
    clause word before the "and"."""
    rest = words[comma + 1 : comma + 12]
    if "and" not in rest:
        return False
    items = rest[: rest.index("and")]
    plain = not {w.lower() for w in items} & (SUBORDINATORS | PRONOUNS | {"that"})
    return plain and not any(_is_verb(items, i) for i in range(1, len(items)))


def _object(words: list[str]) -> list[str]:
    """The noun phrase after the verb group: up to a preposition other than
    "of", punctuation, or a new clause."""
    taken = []
    for index, word in enumerate(words):
        lower = word.lower()
        if word == "," and _list_goes_on(words, index):
            taken.append(word)  # "included games, EastEnders, CBBC and ..."
            continue
        if word in (",", ";", ":", "(", ")", '"', "\u201c", "\u201d"):
            break
        if lower in SUBORDINATORS and taken:
            break
        if lower in PREPOSITIONS - {"of"}:
            break
        if lower in ("which", "who", "that", "to") and taken:
            break
        if taken and lower in AUXILIARIES:
            break  # "think it was Mr Phillips": a clause, not an object
        taken.append(word)
        if len(taken) >= 14:
            break
    return taken


# -- The check ---------------------------------------------------------------

GENERIC_WORDS = _set(
    "the of and for in on at new national international"
    " state states group company party"
)


def _words_of(phrase: str) -> list[str]:
    return [w.lower().rstrip(".") for w in tokens(phrase) if w not in ',"()']


def _stem(word: str) -> str:
    word = word.removesuffix("'s").removesuffix("'")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def focus_in(focus: str, phrase: list[str]) -> bool:
    """Whether `phrase` (a subject or object) is about `focus`: the focus is
    the head of the phrase or of one of its conjuncts ("the deal", "Mr
    Blair", "pensions and the NHS", "leaders of the Pacific nations": the
    last word before a preposition, or of an "of"/"from" part), or its
    possessor ("Putin's objectives"). A word that only modifies the head
    ("the Beckham Windows trojan", "UK aid") is not enough."""
    wanted = [_stem(w) for w in _words_of(focus) if w not in DETERMINERS]
    if not wanted or not phrase:
        return False
    names = _name_forms(focus, wanted)
    for region in _regions(phrase):
        stems = [_stem(w.lower().rstrip(".")) for w in region]
        lowered = [w.lower().rstrip(".") for w in region]
        for at in _head_positions(region):
            window = stems[max(0, at - len(wanted) + 1) : at + 1]
            # A one-word form is compared as written too: "RICS" is no plural.
            if window == wanted or stems[at] in names or lowered[at] in names:
                return True
            if _clipped(region[at], focus):
                return True
    return False


def _clipped(word: str, focus: str) -> bool:
    """ "the Fed" for "the Federal Reserve": a capitalised word of three
    letters or more that the focus's first name-word starts with."""
    capitals = [w for w in tokens(focus) if w[:1].isupper()]
    if len(capitals) < 2 or len(word) < 3 or not word[:1].isupper():
        return False
    first = capitals[0]
    # Not "Japan" for "the Japanese Finance Ministry": a people's adjective.
    adjective = first.endswith(("ese", "ish", "ian", "an", "i"))
    return first.startswith(word) and len(first) > len(word) and not adjective


def _name_forms(focus: str, wanted: list[str]) -> set[str]:
    """One-word forms of the focus: its last word (a surname, "rates"), its
    first name-word ("Kim"), its words run together ("TimeWarner") and its
    initials ("EU", "LSE")."""
    forms = {wanted[-1], "".join(wanted)}
    capitals = [w for w in tokens(focus) if w[:1].isupper()]
    # Not "Blackpool" for "Blackpool Hotel Association": a body's first word
    # is often a place.
    body = len(wanted) > 2 and wanted[-1] in ROLE_NOUNS
    if capitals and not body:
        forms.add(_stem(capitals[0].lower()))
    if capitals:
        plain = [w for w in capitals if w.lower() not in GENERIC_WORDS]
        for kept in (capitals, plain):
            initials = "".join(w[0] for w in kept if w.lower() not in ("of", "the"))
            if len(initials) >= 2:
                forms.add(initials.lower())
    return forms - GENERIC_WORDS


def _regions(phrase: list[str]) -> list[list[str]]:
    """Each conjunct of `phrase`, up to its first preposition but "of" and
    "from" or a relative pronoun; the conjuncts after that belong to the
    preposition's phrase ("officials in Washington and Seoul", "the group,
    including Ken Clarke and Paul Tyler"), not to the head."""
    regions, current, bracket, inside = [], [], False, False
    for word in [*phrase, ","]:
        if word in ("(", ")"):
            bracket = word == "("  # "(CFCA)": an aside, not the head
            continue
        if bracket:
            continue
        lower = word.lower()
        if lower in ("and", "&", ",", "or", "nor", "-", "\u2014", "\u2013"):
            if current:
                regions.append(current)
            current = []
            # A comma or a dash ends the phrase: "The IAAF - athletics'
            # governing body - has met".
            inside = inside and lower in ("and", "&", "or", "nor")
            continue
        cut = (PREPOSITIONS - {"of", "from"}) | {"who", "which", "that", "to"}
        if lower in cut and word.islower():
            # "attempts to draw in the crowds": not "crowds"; but "Swansea
            # Unite Against Fascism" is one name.
            inside = True
        if not inside:
            current.append(word)
    return regions


def _head_positions(region: list[str]) -> list[int]:
    """The last word of the region and of each part before an "of" or a
    "from", and every possessor."""
    positions = [len(region) - 1]
    for index, word in enumerate(region):
        lower = word.lower()
        if lower in ("of", "from") and index:
            positions.append(index - 1)
        if lower.endswith(("'s", "'")) and len(lower) > 2:
            positions.append(index)
    return positions


def _pronoun(phrase: list[str]) -> bool:
    return len(phrase) == 1 and phrase[0].lower() in _set("he she they it we")


@dataclass(frozen=True)
class Verdict:
    kind: str
    focus: str
    focus_ok: bool
    type_ok: bool

    @property
    def ok(self) -> bool:
        return self.focus_ok and self.type_ok


def check(question: str, answer: str, sources=(), paragraph_of=None) -> Verdict:
    """The verdict on one pair. `sources`: the answer's sentence indexes in
    the story (the lead must be the story's opening); `paragraph_of`: each
    sentence's paragraph, so a "who" answer is not the closing paragraph."""
    reading = read_question(question)
    focus_ok = _focus_ok(reading, answer)
    return Verdict(
        reading.kind,
        reading.focus,
        focus_ok,
        _type_ok(reading, answer, sources, paragraph_of),
    )


def _focus_ok(reading: Reading, answer: str) -> bool:
    if reading.kind in ("next", "lead") and not reading.focus:
        return True  # "What happens next?": about the story itself
    if _clause_like(reading.focus):
        return False  # "the creature breathed smoke" is no one to ask about
    previous_matched = False
    for sentence in sentences_of(answer):
        for clause in clauses(sentence):
            phrases = [clause.subject, *clause.objects]
            if any(focus_in(reading.focus, p) for p in phrases):
                return True
            if previous_matched and _pronoun(clause.subject):
                return True  # "Mr Blair arrived ... He said ..."
        previous_matched = previous_matched or _mentions(reading.focus, sentence)
    return False


PASTS = frozenset(w for forms in IRREGULAR.values() for w in forms.split())


def _clause_like(focus: str) -> bool:
    """A focus that is a clause cut short, not a noun phrase: "the festival
    opens" is not asked about by "What is known about the festival opens?".
    A past ends it ("the legend swept"), or a verb's "-s" form after a
    singular noun ("the festival opens"), or a past
    follows a noun ("the creature breathed smoke"; not "the newly elected
    MP")."""
    words = [w for w in tokens(focus) if w.lower() not in DETERMINERS]
    lower = [w.lower() for w in words]
    if len(words) < 2 or any(w[:1].isupper() for w in words):
        return False
    last = lower[-1]
    if _past(last) or last in PASTS:
        return True
    if last in VERBS and last.endswith("s") and not lower[-2].endswith("s"):
        return last not in PLURAL_NOUNS  # "the festival opens"
    return any(
        _past(word) and not lower[i - 1].endswith("ly")
        for i, word in enumerate(lower[1:-1], start=1)
    )


def _past(word: str) -> bool:
    return word.endswith("ed") and not word.endswith("eed") and len(word) > 4


def _mentions(focus: str, sentence: str) -> bool:
    return focus_in(focus, tokens(sentence)[:12])


def _type_ok(reading: Reading, answer: str, sources, paragraph_of) -> bool:
    kind = reading.kind
    if kind in ("general", "other"):
        return True
    if kind == "lead":
        return bool(sources) and min(sources) <= 2
    if kind == "who":
        closing = (
            paragraph_of is not None
            and bool(sources)
            and max(paragraph_of) >= 2
            and paragraph_of[min(sources)] == max(paragraph_of)
        )
        return not closing and _gives_role(reading.focus, answer)
    # Case matters: "Age Concern" is a name, not a concern. A sentence's
    # first word is read in lower case.
    lowered = re.sub(r"(^|[.!?][\"\u201d']?\s+)([A-Z])", _lower_first, answer)
    if kind == "happened":
        return _happened_to(reading.focus, lowered)
    return bool(re.search(CUES[kind], lowered))


def _happened_to(focus: str, answer: str) -> bool:
    """ "What happened to X?": X is what the happening is said of, its verb
    within a few words after X ("Mr Smith, 54, resigned"), not a passive
    elsewhere in the answer ("the commission was satisfied that measures
    had been put in place")."""
    words = tokens(answer)
    wanted = [_stem(w) for w in _words_of(focus) if w not in DETERMINERS]
    heads = _name_forms(focus, wanted) | {wanted[-1]} if wanted else set()
    for index, word in enumerate(words):
        if _stem(word.lower().rstrip(".")) in heads or word.lower() in heads:
            verb = _first_verb(words, index + 1)
            group = " ".join(words[verb : verb + HAPPENED_REACH]) if verb else ""
            if re.match(rf"(?:(?:has|have|had)\s+)?{CUES['happened']}", group):
                return True
    return False


def _first_verb(words: list[str], start: int) -> int | None:
    """The first verb after `start`, past asides set off by commas (", 54,",
    ", who won bronze last month,")."""
    index = start
    while index < min(len(words), start + 30):
        word = words[index]
        if word == ",":
            index = _past_aside(words, index)
            continue
        if word.lower() in ("who", "whose", "which") and words[index - 1] == ",":
            # ", 59, who led ...,": on past the relative clause
            index = max(index + 1, _past_aside(words, index - 1))
            continue
        infinitive = words[index - 1].lower() == "to"  # "bets ... to become"
        if not infinitive and (_is_verb(words, index) or word.lower() in FATES):
            return index
        index += 1
    return None


def _past_aside(words: list[str], comma: int) -> int:
    """Where reading goes on after the comma at `comma`: past an aside that
    closes with a comma within a few words (", 31,", ", who hosted the show
    for 30 years,"), or right after the comma when a verb follows it (",
    was arrested") or nothing closes it (a list)."""
    after = comma + 1
    if after < len(words) and (_is_verb(words, after) or words[after] in FATES):
        return after
    closing = next(
        (i for i in range(after, min(len(words), after + 20)) if words[i] == ","), None
    )
    return closing + 1 if closing is not None else after


def _lower_first(match: re.Match) -> str:
    return match.group(1) + match.group(2).lower()


def _gives_role(focus: str, answer: str) -> bool:
    """ "Kim Jong Un, North Korea's leader," or "North Korean leader Kim Jong
    Un" or "X is a ...": the answer says who or what the focus is."""
    words = tokens(answer)
    # "Vice-President Dick Cheney": the role is the hyphenated word's last part.
    lower = [_stem(w.lower().split("-")[-1]) for w in words]
    named = [focus_in(focus, [word]) for word in words]
    for index in range(len(words)):
        if not named[index] or (index and named[index - 1]):
            continue  # the first word of each mention
        end = index
        while end + 1 < len(words) and named[end + 1]:
            end += 1
        before = lower[max(0, index - 4) : index]
        after = lower[end + 1 : end + 12]
        if set(before) & ROLE_NOUNS:
            return True
        if after[:1] == [","] and set(after[1:]) & ROLE_NOUNS:
            return True
        if (
            after[:1]
            and after[0] in ("is", "wa", "are", "were", "ha")
            and set(after[1:]) & ROLE_NOUNS
        ):
            return True
    return False


# -- Over a corpus -----------------------------------------------------------


def paragraph_index(story) -> list[int]:
    """Each sentence's paragraph: the story's structure, not a judgement."""
    from broadsheet.enrich.nlp.text import split_sentences

    return [n for n, p in enumerate(story.paragraphs) for _ in split_sentences(p)]


def evaluate(stories, generate) -> dict:
    pairs, focus_ok, type_ok, both = 0, 0, 0, 0
    kinds: dict[str, int] = {}
    failures = []
    for story in stories:
        paragraphs = paragraph_index(story)
        for pair in generate(story):
            verdict = check(pair.question, pair.answer, pair.sources, paragraphs)
            pairs += 1
            focus_ok += verdict.focus_ok
            type_ok += verdict.type_ok
            both += verdict.ok
            kinds[verdict.kind] = kinds.get(verdict.kind, 0) + 1
            if not verdict.ok:
                failures.append((story.headline, pair, verdict))
    return {
        "pairs": pairs,
        "focus": focus_ok / pairs if pairs else 0.0,
        "type": type_ok / pairs if pairs else 0.0,
        "both": both / pairs if pairs else 0.0,
        "kinds": kinds,
        "failures": failures,
    }


def main() -> None:
    import argparse
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--corpus", help="the bbc-news folder, if not ../shared")
    parser.add_argument("--code", default=str(root), help="checkout to evaluate")
    parser.add_argument("--show", type=int, default=0, help="print N failures")
    args = parser.parse_args()
    sys.path.insert(0, args.code)
    from broadsheet.enrich.nlp import faq
    from broadsheet.enrich.tests import stories as corpus

    if args.corpus:
        corpus.BBC = Path(args.corpus)
    stories = corpus.bbc_stories()
    if args.sample:
        stories = stories[:: max(1, len(stories) // args.sample)][: args.sample]
    figures = evaluate(stories, faq.generate)
    print(f"code: {Path(faq.__file__).resolve().parents[3]}")
    print(
        f"pairs {figures['pairs']}: focus {figures['focus']:.1%}, "
        f"type {figures['type']:.1%}, both {figures['both']:.1%}"
    )
    print("types:", dict(sorted(figures["kinds"].items(), key=lambda kv: -kv[1])))
    for headline, pair, verdict in figures["failures"][: args.show]:
        print(
            f"\n[{verdict.kind} focus={verdict.focus!r} focus_ok="
            f"{verdict.focus_ok} type_ok={verdict.type_ok}] {headline}"
        )
        print(f"  Q: {pair.question}\n  A: {pair.answer}")


if __name__ == "__main__":
    main()
