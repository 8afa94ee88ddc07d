"""What enrichment reads: a story as plain text, apart from Django.

Every enrichment step (FAQ, topics, section, summary, related stories) takes a
`Story`, so the same code runs on a published page, on a wire item and on the
research corpora in bench/ without a database.
"""

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class FAQPair:
    """A question with an answer built only from the story's own sentences.

    `sources` are indexes into `Story.sentences`: the sentences that support
    the answer. A pair without sources is never published.
    """

    question: str
    answer: str
    sources: tuple[int, ...]


@dataclass
class Story:
    headline: str
    standfirst: str = ""
    # The body's text blocks in order (paragraphs, subheads, quotes), plain
    # text without HTML.
    paragraphs: list[str] = field(default_factory=list)
    topic: str = ""  # the story's topic label, if it has one
    section: str = ""

    @cached_property
    def sentences(self) -> list[str]:
        """The body's sentences, in order: what FAQ answers may quote."""
        from broadsheet.enrich.nlp.text import split_sentences

        return [s for paragraph in self.paragraphs for s in split_sentences(paragraph)]

    @property
    def text(self) -> str:
        """Everything a classifier or a similarity measure should read."""
        return "\n".join([self.headline, self.standfirst, *self.paragraphs])
