"""What the clusterer keeps of a piece of copy, read once when it arrives.

`features` does the language work (words, names, the near-duplicate
signature); the clusterer only does arithmetic on the result, and the desk
stores the result (`to_dict`) so that a restarted worker rebuilds its window
without reading any text again.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from broadsheet.desk.clustering import neardup, text
from broadsheet.enrich.nlp.entities import key_entities
from broadsheet.enrich.nlp.story import Story

NAMES_KEPT = 5  # the who and where of a story: its few most salient names


@dataclass
class Document:
    """One piece of copy as it arrives."""

    id: str
    text: str
    title: str = ""
    published: datetime | None = None
    source: str = ""


@dataclass
class Features:
    terms: dict[str, float]  # word -> weighted count (headline, lead first)
    # The last word of each salient name ("reid" for Tara Reid), with its
    # salience: names are compared with the words of other copy, where a
    # surname alone is the common way to name someone again.
    names: dict[str, float] = field(default_factory=dict)
    signature: neardup.Signature | None = None
    time: float | None = None  # POSIX seconds, when published

    def to_dict(self) -> dict[str, Any]:
        return {
            "terms": dict(self.terms),
            "names": dict(self.names),
            "signature": self.signature.to_text() if self.signature else "",
            "time": self.time,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Features":
        signature = data.get("signature") or ""
        return cls(
            terms=dict(data.get("terms", {})),
            names=dict(data.get("names", {})),
            signature=neardup.Signature.from_text(signature) if signature else None,
            time=data.get("time"),
        )


def features(document: Document) -> Features:
    paragraphs = [p for p in document.text.splitlines() if p.strip()]
    return Features(
        terms=dict(text.term_counts(document.title, document.text)),
        names=_names(Story(headline=document.title, paragraphs=paragraphs)),
        signature=neardup.signature(document.text, document.title),
        time=document.published.timestamp() if document.published else None,
    )


def _names(story: Story) -> dict[str, float]:
    names: dict[str, float] = {}
    for entity in key_entities(story, limit=NAMES_KEPT):
        found = text.words(entity.name)
        if found:
            last = found[-1]
            names[last] = names.get(last, 0.0) + entity.score
    return names
