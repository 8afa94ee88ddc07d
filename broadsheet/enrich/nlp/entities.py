"""Who a story is about: its named entities, ranked by salience.

Names are runs of capitalised words ("European Central Bank", "Tony Blair"),
cleaned of what capitals also mark in English (the first word of a sentence,
titles, months) and folded together when they name the same thing ("Mr
Blair" and "Tony Blair", "ECB" and "European Central Bank"). Each entity gets
a kind guessed from the cues around it. Keyphrases, the story's common-noun
subjects, are in keyphrases.py.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from broadsheet.enrich.nlp import lexicon
from broadsheet.enrich.nlp.story import Story
from broadsheet.enrich.nlp.text import Word, phrase_pattern, split_sentences, words

PERSON, ORGANISATION, PLACE, OTHER = "person", "organisation", "place", "other"

# Where a mention counts most: readers meet the headline and standfirst first,
# and a news story puts what matters in its opening sentences.
HEADLINE_WEIGHT = 3.0
STANDFIRST_WEIGHT = 2.0
LEAD_SENTENCES, LEAD_BONUS = 3, 0.5
SPREAD_BONUS = 0.5  # per further paragraph: a name all through the story
ADJECTIVE_PENALTY = 0.3

# Roles that also come before things: "market leader Best Buy".
NOT_ONLY_PEOPLE = lexicon.words_of(
    "leader member partner owner investor winner champion star head chair official"
)
CONNECTORS = lexicon.words_of(
    "of for the de la du le van von der den del da di dos das ter ten bin ibn al el"
    " & and"
)


@dataclass
class Entity:
    name: str
    kind: str  # PERSON, ORGANISATION, PLACE or OTHER
    aliases: tuple[str, ...] = ()
    mentions: tuple[int, ...] = ()  # indexes into Story.sentences
    score: float = 0.0
    article: str = ""  # "the" when the story writes "the European Central Bank"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def phrase(self) -> str:
        """The name as it reads inside a sentence: "the European Central Bank"."""
        return f"{self.article} {self.name}" if self.article else self.name


@dataclass
class _Group:
    """Every mention of one name, before aliases are folded together."""

    surfaces: Counter = field(default_factory=Counter)
    sentences: set = field(default_factory=set)
    weight: float = 0.0
    cues: Counter = field(default_factory=Counter)
    definite: float = 0.0
    modifier: int = 0  # mentions right before a common noun
    count: int = 0


def key(name: str) -> str:
    """What two spellings of one name share: "TimeWarner", "Time Warner"."""
    return re.sub(r"[\s.'\u2019\-]", "", name.lower())


def is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalnum()


def key_entities(story: Story, limit: int = 10) -> list[Entity]:
    """The story's named entities, most salient first."""
    return _extract(story)[:limit]


def _extract(story: Story) -> list[Entity]:
    scanner = _Scanner(story)
    scanner.scan()
    entities = [_entity(group) for group in scanner.folded()]
    entities = [e for e in entities if e.score > 0]
    entities.sort(key=lambda e: (-e.score, min(e.mentions, default=10**6), e.name))
    return entities


class _Scanner:
    def __init__(self, story: Story):
        self.story = story
        self.segments = self._segments()
        self.groups: dict[str, _Group] = defaultdict(_Group)
        self.acronym_links: list[tuple[str, str]] = []
        self.inner_pairs: set[str] = set()  # "National Insurance" mid-sentence
        self.lower_words, self.inner_capitals = self._vocabulary()
        self.headline_names = self._headline_names()

    def _segments(self) -> list[tuple[int | None, float, int | None, str]]:
        """(sentence index, weight, paragraph, text) for the standfirst's and
        the body's sentences; the headline is matched against names later."""
        segments = [
            (None, STANDFIRST_WEIGHT, None, s)
            for s in split_sentences(self.story.standfirst)
        ]
        index = 0
        for paragraph, text in enumerate(self.story.paragraphs):
            for sentence in split_sentences(text):
                bonus = LEAD_BONUS if index < LEAD_SENTENCES else 0.0
                segments.append((index, 1.0 + bonus, paragraph, sentence))
                index += 1
        return segments

    def _vocabulary(self) -> tuple[set[str], set[str]]:
        """Words the story writes in lower case, and capitalised words it uses
        mid-sentence: a sentence's first word is a name only if it is among
        the second and never among the first."""
        lower, inner = set(), set()
        for *_, text in self.segments:
            found = words(text)
            for index, token in enumerate(found):
                if not token.capitalised:
                    lower.add(token.text.lower())
                elif not token.initial and _standing_alone(found, index):
                    inner.add(token.text)
            runs = [(s, e) for s, e in _runs(found) if e - s > 1]
            # A surname: "Lagarde said" opening a sentence, after "Christine
            # Lagarde" elsewhere.
            inner.update(found[e - 1].text for s, e in runs)
            self.inner_pairs.update(
                f"{found[s].text} {found[s + 1].text}"
                for s, e in runs
                if not found[s].initial
            )
        return lower, inner

    def _headline_names(self) -> set[str]:
        """Capitalised words of a sentence-case headline the story never
        writes in lower case: "Eastbrook awaits verdict"."""
        found = words(self.story.headline)
        capitals = [w.text for w in found if w.capitalised]
        if len(capitals) * 2 > len(found):
            return set()  # "Fed Holds Rates Steady": capitals say nothing
        # Not "Astronomers detect ...": a plural opening the headline.
        return {
            w
            for w in capitals
            if w.lower() not in self.lower_words
            and not (w == found[0].text and re.search(r"[^s]s$", w))
        }

    def scan(self) -> None:
        for sentence, weight, paragraph, text in self.segments:
            found = words(text)
            for start, end in _runs(found):
                for first, last, cues in self._names_in(found, start, end):
                    self._record(found, first, last, cues, sentence, weight, paragraph)
        self._scan_headline()

    def _names_in(self, found, start, end):
        """(first, last, cues) of each name in the run found[start:end],
        split around titles: "Bank of England Governor Mervyn King"."""
        index, part_start, cues = start, start, Counter()
        while index < end:
            length = _title_length(found, index, end)
            if length and index + length < end and found[index + length].capitalised:
                yield from self._cleaned(found, part_start, index, cues)
                cues = Counter({PERSON: 3})
                index += length
                part_start = index
            else:
                index += 1
        yield from self._cleaned(found, part_start, end, cues)

    def _cleaned(self, found, first, end, cues):
        while first < end and self._skip_leading(found[first]):
            if self._known_start(found, first, end):
                break  # "National Insurance" opening a sentence
            first += 1
        last = end - 1
        while last >= first and _skip_trailing(found[last].text):
            last -= 1
        while self._labelled_person(found, first, last):
            first += 1  # "Republican Clay Hartman", "Lib Dem Norman Baker"
            cues = cues + Counter({PERSON: 2})
        if last < first:
            return
        if first == last and not self._single_name(found[first]):
            return
        given = _given_name_inside(found, first, last)
        if given:  # "Families Minister Margaret Hodge" cut short: "Families"
            yield from self._cleaned(found, first, given, cues)
            first, cues = given, cues + Counter({PERSON: 2})
        yield first, last, cues

    def _known_start(self, found, first, end) -> bool:
        if first + 1 >= end or not found[first].initial:
            return False
        pair = f"{found[first].text} {found[first + 1].text}"
        return pair in self.inner_pairs

    @staticmethod
    def _labelled_person(found, first, last) -> bool:
        # "Republican Clay Hartman": a label, then a full name.
        return (
            last - first >= 2
            and found[first].text.lower() in lexicon.PERSON_LABELS
            and found[last].text.lower() not in lexicon.ORG_SUFFIXES
        )

    def _skip_leading(self, token: Word) -> bool:
        lower = token.text.lower()
        if is_acronym(token.text):
            return False  # "US", not "us"
        if token.text == "The" and not token.initial:
            return False  # "The Clash", "The Hague": part of the name
        if lower in lexicon.STOPWORDS or lower in lexicon.NOT_NAMES:
            return True
        if (lower in CONNECTORS and token.text.islower()) or lower in lexicon.TITLES:
            return True  # "of", but not "Van" in "Van Gogh"
        if re.search(r"-[a-z]+$", token.text):
            return True  # "State-owned Rosneft", "London-based"
        plural = re.search(r"[a-z][^s]s$", token.text)
        if token.initial and plural and token.text not in self.inner_capitals:
            return True  # "Sprinters Kostas Kenteris": a plural noun
        # "Shares in ...", "Consumer groups said": an ordinary word capitalised
        # only because it opens the sentence.
        return (
            token.initial
            and lower in self.lower_words
            and token.text not in self.inner_capitals
        )

    def _single_name(self, token: Word) -> bool:
        word, lower = token.text, token.text.lower()
        if len(word) < 2 or word.isdigit() or not any(c.isalpha() for c in word):
            return False
        if lower in lexicon.DEMONYMS or lower in lexicon.TITLES:
            return False
        if re.fullmatch(r"[A-Z]{2,}s", word):
            return False  # "PCs", "MPs": common nouns
        if is_acronym(word) or lower in lexicon.PLACES:
            return True
        return (
            not token.initial
            or word in self.inner_capitals
            or word in self.headline_names
        )

    def _record(self, found, first, last, cues, sentence, weight, paragraph):
        surface = " ".join(t.text for t in found[first : last + 1])
        group = self.groups[key(surface)]
        group.surfaces[surface] += 1
        group.count += 1
        group.weight += weight
        if sentence is not None:
            group.sentences.add((sentence, paragraph))
        group.cues.update(cues)
        group.cues.update(_context_cues(found, first, last))
        group.definite += _definite(found, first, last)
        after = found[last + 1] if last + 1 < len(found) else None
        if after and not after.gap.strip() and after.text.islower():
            group.modifier += 1  # "Pacific island nations", "Andean countries"
        acronym = _parenthesised_acronym(found, last)
        if acronym:
            self.acronym_links.append((key(surface), key(acronym)))

    def _scan_headline(self) -> None:
        headline = self.story.headline
        for group in self.groups.values():
            for surface in group.surfaces:
                if phrase_pattern(surface).search(headline):
                    group.weight += HEADLINE_WEIGHT
                    break

    def folded(self) -> list[_Group]:
        """Groups with aliases folded in: acronyms into their expansions,
        surnames into full names, "Google Inc" into "Google"."""
        parent = {k: k for k in self.groups}

        def root(k):
            while parent[k] != k:
                k = parent[k]
            return k

        for into, alias in _alias_pairs(self.groups, self.acronym_links):
            a, b = root(alias), root(into)
            if a != b:
                parent[a] = b
        merged: dict[str, _Group] = {}
        for k, group in self.groups.items():
            target = merged.setdefault(root(k), _Group())
            target.surfaces.update(group.surfaces)
            target.sentences |= group.sentences
            target.weight += group.weight
            target.cues.update(group.cues)
            target.definite += group.definite
            target.modifier += group.modifier
            target.count += group.count
        return list(merged.values())


def _definite(found, first, last) -> float:
    """1 for "the Federal Reserve", 0 for "Google"; a half for "the Reuters
    news agency", where "the" belongs to the noun after the name."""
    if not first or found[first - 1].text.lower() != "the":
        return 0.0
    after = found[last + 1] if last + 1 < len(found) else None
    if first == last and _well_known(found[first].text):
        return 1.0
    if after and not after.gap.strip() and not after.capitalised:
        lower = after.text.lower()
        if lower not in lexicon.STOPWORDS and lower not in lexicon.COMMON_VERBS:
            return 0.5  # a noun or a verb after it: cannot tell which
    return 1.0


def _well_known(word: str) -> bool:
    """ "the UK", "the BBC": no noun after them owns their "the"."""
    return is_acronym(word) or word.lower() in lexicon.PLACES


def _standing_alone(found, index) -> bool:
    """Not part of a longer name: "Tessellate" in "by Tessellate itself", not
    "Health" in "Cumberland Vale Health"."""
    before = found[index - 1] if index else None
    after = found[index + 1] if index + 1 < len(found) else None
    joined_before = before and before.capitalised and not found[index].gap.strip()
    joined_after = after and after.capitalised and not after.gap.strip()
    return not joined_before and not joined_after


def _runs(found: list[Word]):
    """(start, end) of each run of capitalised words, joined by connectors
    ("Bank of England") and broken by punctuation or a possessive."""
    index = 0
    while index < len(found):
        if not found[index].capitalised:
            index += 1
            continue
        end = index + 1
        while end < len(found) and _continues(found, end):
            end += 1
        while end > index and found[end - 1].text.lower() in CONNECTORS:
            end -= 1
        yield index, end
        index = max(end, index + 1)


def _continues(found, index) -> bool:
    token = found[index]
    if found[index - 1].possessive or token.gap.strip():
        return False
    if token.capitalised:
        return True
    return (
        token.text.lower() in CONNECTORS
        and _joins(found, index)
        and found[index - 1].text.lower() not in lexicon.TITLES
    )


def _joins(found, index) -> bool:
    """Whether the connector at `index` sits inside a name: more capitals
    follow it ("Bank of England"), and an "and" only inside an organisation's
    name ("Securities and Exchange Commission", not "Google and Yahoo")."""
    after = index + 1
    while after < len(found) and found[after].text.lower() in CONNECTORS:
        after += 1
    if after >= len(found) or not found[after].capitalised or found[after].gap.strip():
        return False
    if found[index].text.lower() not in ("and", "&"):
        return True
    # "the European Union and the African Union": two names; but
    # "Securities and Exchange Commission" is one (a lone word before "and").
    before = found[index - 2] if index >= 2 else None
    alone = (
        before is None
        or not before.capitalised
        or before.text == "The"
        or _well_known(before.text)  # "US Securities and Exchange Commission"
        or bool(found[index - 1].gap.strip())
    )
    ends_name = found[index - 1].text.lower() in lexicon.ORG_SUFFIXES and not alone
    if ends_name or after > index + 1:
        return False
    end = after
    while end + 1 < len(found) and found[end + 1].capitalised:
        if found[end + 1].gap.strip():
            break
        end += 1
    return found[end].text.lower() in lexicon.ORG_SUFFIXES


def _given_name_inside(found, first, last) -> int:
    """Where a full name starts inside a longer run ("Families Margaret
    Hodge"), or 0: a given name after words that are not given names, with
    only name words after it."""
    for index in range(first + 1, last):
        words = [t.text for t in found[index : last + 1]]
        if words[0].lower() in lexicon.GIVEN_NAMES and _person_shaped(words):
            before = [t.text.lower() for t in found[first:index]]
            if not set(before) & (lexicon.GIVEN_NAMES | CONNECTORS):
                return index
    return 0


def _title_length(found, index, end) -> int:
    """How many words of found[index:end] are a title ("Prime Minister")."""
    for length in (4, 3, 2):
        words = " ".join(t.text.lower() for t in found[index : index + length])
        if index + length <= end and words in lexicon.MULTIWORD_TITLES:
            return length
    return 1 if found[index].text.lower() in lexicon.TITLES else 0


def _skip_trailing(word: str) -> bool:
    """ "Google on Monday", "Bank of England Governor": not the name's end."""
    lower = word.lower()
    return (
        lower in CONNECTORS
        or lower in lexicon.MONTHS
        or lower in lexicon.WEEKDAYS
        or lower in lexicon.TITLES
    )


def _context_cues(found, first, last) -> Counter:
    cues = Counter()
    before = found[first - 1].text.lower() if first else ""
    if before in lexicon.ROLES - NOT_ONLY_PEOPLE and not found[first].gap.strip():
        cues[PERSON] += 2  # "economist Nadia Whitford"
    if before in lexicon.PLACE_PREPOSITIONS:
        cues[PLACE] += 0.5  # weak: "investors in Google"
    if last + 1 < len(found):
        after = found[last + 1]
        word = after.text.lower()
        if after.gap.strip() == ",":
            if word == "who":
                cues[PERSON] += 2
            elif word == "which":
                cues[ORGANISATION] += 1
            elif _role_follows(found, last + 1):
                cues[PERSON] += 1.5  # "Christine Lagarde, the ECB's president,"
    return cues


def _role_follows(found, index) -> bool:
    for token in found[index : index + 6]:
        if token is not found[index] and token.gap.strip():
            return False
        if token.text.lower() in lexicon.ROLES:
            return True
    return False


def _parenthesised_acronym(found, last) -> str:
    """ "ECB" in "the European Central Bank (ECB) said"."""
    if last + 1 < len(found):
        after = found[last + 1]
        if after.gap.strip() == "(" and is_acronym(after.text):
            return after.text
    return ""


def _alias_pairs(groups: dict[str, _Group], acronym_links):
    """(full name's key, alias's key) for every alias the story reveals."""
    yield from ((full, short) for full, short in acronym_links if short in groups)
    names = {k: _display(g) for k, g in groups.items()}
    by_initials = defaultdict(list)
    for k, name in names.items():
        words = name.split()
        if len(words) > 1:
            initials = "".join(w[0] for w in words if w.lower() not in CONNECTORS)
            by_initials[initials.upper()].append(k)
    for k, name in names.items():
        if is_acronym(name) and len(by_initials[name.replace(".", "")]) == 1:
            yield by_initials[name.replace(".", "")][0], k
    yield from _surname_pairs(groups, names)
    yield from _clipped_pairs(names, groups)
    for k, name in names.items():
        words = name.split()
        if len(words) > 1 and words[-1].lower() in lexicon.CORPORATE_ENDINGS:
            shorter = key(" ".join(words[:-1]))
            if shorter in groups:
                yield shorter, k
        # "The Game" and "Game"; "US Department of Justice" and "Department
        # of Justice".
        first = words[0].lower()
        if len(words) > 1 and (first == "the" or first in lexicon.PLACES):
            shorter = key(" ".join(words[1:]))
            if shorter in groups and (first == "the" or len(words) > 2):
                yield k, shorter


def _surname_pairs(groups, names):
    """("Tony Blair", "Blair"): a lone word that ends a person's full name."""
    full_by_last = defaultdict(list)
    for k, name in names.items():
        words = name.split()
        if 2 <= len(words) <= 4 and all(_name_word(w) for w in words[1:]):
            full_by_last[words[-1]].append(k)
    for k, name in names.items():
        if " " not in name:
            candidates = full_by_last.get(name, [])
        else:  # "Van Gogh" in a story about "Theo van Gogh"
            tail = f" {name.lower()}"
            candidates = [c for c in names if names[c].lower().endswith(tail)]
        # One of the two must look like a person: "Russell Tanguay" may not
        # by itself, but "Mr Tanguay" does.
        short_kind = _guess_kind(name, groups[k].cues)
        candidates = [
            c
            for c in candidates
            if PERSON in (_guess_kind(names[c], groups[c].cues), short_kind)
            or (_guess_kind(names[c], groups[c].cues) == OTHER and len(candidates) == 1)
        ]  # or the only "Lena Varga" in a story that says "Varga said"
        if candidates:
            yield max(candidates, key=lambda c: groups[c].count), k


def _clipped_pairs(names, groups):
    """("Federal Reserve", "Fed"), ("Bank of England", "Bank"), ("Veridian
    Semiconductor", "Veridian"): a lone word that is, or is clipped from, a
    word of exactly one longer name of a body, not of a person or place."""
    for k, name in names.items():
        if " " in name or len(name) < 3 or is_acronym(name):
            continue
        longer = [
            other
            for other, full in names.items()
            if " " in full and _clipped_from(name, full, groups[other].cues)
        ]
        weights = sorted((groups[o].weight for o in longer), reverse=True)
        if longer and (len(weights) == 1 or weights[0] > weights[1]):
            yield max(longer, key=lambda o: groups[o].weight), k  # the likelier


def _clipped_from(word: str, full: str, cues) -> bool:
    first, last = full.split()[0], full.split()[-1]
    if first.startswith(word) and len(first) > len(word):
        # "Fed", but not "Japan" for "Japanese Finance Ministry", nor "Scot"
        # for "Scottish Parliament": a people's adjective is no clipping.
        adjective = first.endswith(("ese", "ish", "ian", "an", "i"))
        return not adjective and word.lower() not in lexicon.PLACES
    if _generic_head(word):
        return word in (first, last)  # "Bank", "Commission"
    ordinary = word.lower() not in lexicon.PLACES | lexicon.GIVEN_NAMES
    return ordinary and word == first and _guess_kind(full, cues) != PERSON


def _generic_head(word: str) -> bool:
    """ "Bank" for "Bank of England": a word naming the kind of body."""
    return word.lower() in lexicon.ORG_SUFFIXES


def _display(group: _Group) -> str:
    return group.surfaces.most_common(1)[0][0]


def _entity(group: _Group) -> Entity:
    surfaces = [s for s, _ in group.surfaces.most_common()]
    # "Federal Reserve" over "US Federal Reserve" when the story has both.
    plain = [s for s in surfaces if not _place_prefixed(s, surfaces)] or surfaces
    name = max(plain, key=lambda s: _name_preference(s, group.surfaces[s]))
    aliases = tuple(s for s in surfaces if s != name)
    kind = _guess_kind(name, group.cues + _alias_cues(name, aliases))
    spread = len({paragraph for _, paragraph in group.sentences})
    score = group.weight + SPREAD_BONUS * max(spread - 1, 0)
    if name.lower() in lexicon.NOT_NAMES or name.lower() in lexicon.DEMONYMS:
        score = 0.0
    if " " not in name and group.modifier == group.count and kind == OTHER:
        score *= ADJECTIVE_PENALTY  # "Andean countries": a word used as an adjective
    prior = _definite_prior(name)
    # "a senior EU diplomat" says nothing about "the EU" either way.
    votes, total = group.definite + prior, group.count - group.modifier + prior
    definite = kind != PERSON and votes > 0 and votes * 2 >= total
    definite = definite or name.lower() in lexicon.INSTITUTIONS  # "the House"
    definite = definite or name.lower() in lexicon.THE_PLACES  # "the UK"
    return Entity(
        name=name,
        kind=kind,
        aliases=aliases,
        mentions=tuple(sorted(index for index, _ in group.sentences)),
        score=round(score, 3),
        article="the" if definite else "",
    )


def _place_prefixed(surface: str, surfaces) -> bool:
    first, _, rest = surface.partition(" ")
    return first.lower() in lexicon.PLACES and rest in surfaces


def _definite_prior(name: str) -> float:
    """Institutions take "the" (the Federal Reserve, the Bank of England)
    even where the story happens to write "Bank of England figures"."""
    words = name.lower().split()
    if words[-1] in lexicon.INSTITUTIONS:
        return 1.0
    return 1.0 if "of" in words[1:-1] else 0.0


def _name_preference(surface: str, count: int):
    """Full names over surnames and acronyms, then the commonest spelling."""
    words = surface.split()
    return (not is_acronym(surface), min(len(words), 4), count, surface)


def _alias_cues(name, aliases) -> Counter:
    cues = Counter()
    if any(name.endswith(f" {alias}") for alias in aliases):
        cues[PERSON] += 1  # referred to by surname alone
    return cues


def _guess_kind(name: str, cues: Counter) -> str:
    scores = Counter(cues)
    words = name.split()
    lower = name.lower()
    if words[-1].lower() in lexicon.ORG_SUFFIXES:
        scores[ORGANISATION] += 3
    elif len(words) > 2 and words[0].lower() in lexicon.ORG_SUFFIXES:
        scores[ORGANISATION] += 3  # "Bank of England", "University of Leeds"
    if lower in lexicon.PLACES or lower.removeprefix("the ") in lexicon.PLACES:
        scores[PLACE] += 4
    elif is_acronym(name):
        scores[ORGANISATION] += 1.5
    elif _person_shaped(words):
        scores[PERSON] += 1.5
    if not scores:
        return OTHER
    kind, best = scores.most_common(1)[0]
    return kind if best > 0 else OTHER


def _person_shaped(words: list[str]) -> bool:
    """ "Tony Blair", "George W. Bush": a given name, then names."""
    return (
        2 <= len(words) <= 4
        and words[0].lower() in lexicon.GIVEN_NAMES
        and all(_name_word(w) or re.fullmatch(r"[A-Z]\.?", w) for w in words[1:])
    )


def _name_word(word: str) -> bool:
    lower = word.lower()
    return (
        word[0].isupper()
        and word.replace("-", "").replace("'", "").isalpha()
        and lower not in lexicon.ORG_SUFFIXES
        and lower not in lexicon.PLACES
        and lower not in CONNECTORS
    )
