"""Topic names to suggest for a story: its key names and keyphrases.

An existing topic is reused whenever a suggestion is the same subject under
another spelling ("interest rates" for "Interest Rate", "ECB" for "European
Central Bank"), so the site grows no near-duplicate topics.
"""

import re
from dataclasses import dataclass

from broadsheet.enrich.nlp import lexicon
from broadsheet.enrich.nlp.entities import Entity, is_acronym, key_entities
from broadsheet.enrich.nlp.keyphrases import Keyphrase, ranked_keyphrases, singular
from broadsheet.enrich.nlp.story import Story

MIN_SUGGESTIONS = 3
MAX_NAMES = 5  # people, organisations, places
MAX_KEYPHRASES = 4
MIN_ENTITY_SCORE = 2.0  # named more than in passing
MIN_KEYPHRASE_SCORE = 3.0
MIN_MENTIONS = 3
MIN_TOPIC_MENTIONS = 2
SMALL_WORDS = lexicon.words_of("a an and at by for in of on or the to with vs")


@dataclass(frozen=True)
class Suggestion:
    name: str  # an existing topic's exact name when one matches
    existing: bool


def suggest_topic_names(
    story: Story, existing: list[str], limit: int = 8
) -> list[Suggestion]:
    """Up to `limit` topic names, best first: the story's key names, then its
    keyphrases in title case, each mapped to an existing topic if one is the
    same subject."""
    known = _index(existing)
    suggestions: list[Suggestion] = []
    taken: set[str] = set()
    for keys, name in _candidates(story, existing):
        if len(suggestions) >= limit:
            break
        match = next((known[k] for k in keys if k in known), None)
        chosen = match or name
        if not _acceptable(chosen) or taken & (keys | {topic_key(chosen)}):
            continue
        if any(t.endswith(f" {k}") for t in taken for k in keys):
            continue  # "Rates" after "Interest Rates"
        taken |= keys | {topic_key(chosen)}
        suggestions.append(Suggestion(chosen, existing=match is not None))
    return suggestions


def topic_key(name: str) -> str:
    """What "Interest Rate", "interest rates" and "The Interest-Rate" share."""
    words = re.findall(r"[a-z0-9]+", name.lower().replace("&", " and "))
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(singular(w) for w in words)


def title_case(phrase: str) -> str:
    """ "cost of living" -> "Cost of Living"; acronyms stay as they are."""
    words = phrase.split()
    return " ".join(
        word if word.isupper() or (i and word in SMALL_WORDS) else _capitalise(word)
        for i, word in enumerate(words)
    )


def _capitalise(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def _index(existing: list[str]) -> dict[str, str]:
    """Every key an existing topic answers to: its spelling and its initials
    ("ECB" for "European Central Bank", and the other way round)."""
    index: dict[str, str] = {}
    for name in existing:
        for k in (topic_key(name), _initials(name)):
            if k:
                index.setdefault(k, name)
    return index


def _initials(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in SMALL_WORDS]
    if len(words) < 2:
        return ""
    return "".join(w[0] for w in words).lower()


def _mentioned(story: Story, existing: list[str]) -> list[str]:
    """Existing topics the story names in so many words ("interest rates"
    for "Interest Rates"): in its headline or standfirst, or twice."""
    body = f" {_keyed_text(' '.join(story.paragraphs))} "
    display = f" {_keyed_text(story.headline + ' ' + story.standfirst)} "
    found = []
    for name in existing:
        k = f" {topic_key(name)} "
        if k.strip() and (k in display or body.count(k) >= MIN_TOPIC_MENTIONS):
            found.append((display.find(k) if k in display else len(display), name))
    return [name for _, name in sorted(found)]


def _keyed_text(text: str) -> str:
    return " ".join(singular(w) for w in re.findall(r"[a-z0-9]+", text.lower()))


def _candidates(story: Story, existing: list[str]):
    """(keys, name) for the names, then the keyphrases, worth a topic; the
    thresholds relax when too few pass them."""
    entities = key_entities(story, limit=10)
    keyphrases = ranked_keyphrases(story, limit=10)
    strong = [e for e in entities if e.score >= MIN_ENTITY_SCORE][:MAX_NAMES]
    phrases = [k for k in keyphrases if _topic_worthy(k)]
    phrases = phrases[:MAX_KEYPHRASES]
    for entity in strong:
        yield _entity_keys(entity), entity.name
    for name in _mentioned(story, existing):
        yield {topic_key(name)}, name
    for keyphrase in phrases:
        yield _keyphrase_keys(keyphrase), title_case(keyphrase.text)
    # Too few above: the rest, in the same order.
    if len(strong) + len(phrases) < MIN_SUGGESTIONS:
        for entity in entities:
            yield _entity_keys(entity), entity.name
        for keyphrase in keyphrases:
            yield _keyphrase_keys(keyphrase), title_case(keyphrase.text)


def _topic_worthy(keyphrase: Keyphrase) -> bool:
    """Two words or more ("Interest Rates"), or one the story keeps coming
    back to ("Inflation"): one word said twice ("Team") makes a poor topic."""
    if keyphrase.score < MIN_KEYPHRASE_SCORE:
        return False
    return " " in keyphrase.text or len(keyphrase.mentions) >= MIN_MENTIONS


def _entity_keys(entity: Entity) -> set[str]:
    keys = {topic_key(name) for name in entity.names}
    keys |= {_initials(name) for name in entity.names if " " in name}
    keys |= {name.lower().replace(".", "") for name in entity.names if is_acronym(name)}
    return keys - {""}


def _keyphrase_keys(keyphrase: Keyphrase) -> set[str]:
    return {topic_key(keyphrase.text)}


def _acceptable(name: str) -> bool:
    """Never a stopword, a bare number or a fragment."""
    words = name.lower().split()
    if not words or len(name) < 3 or re.fullmatch(r"[\d.,%]+", name):
        return False
    return not all(w in lexicon.STOPWORDS for w in words)
