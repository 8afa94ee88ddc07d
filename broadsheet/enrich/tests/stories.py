"""Real stories for the enrichment tests and benchmarks, as `Story`s.

The demo stories ship with the code. The BBC corpus may not be
redistributed: it is read from ../shared where present, and a dozen stories
written for the purpose in its manner (corpora/news-stand-ins) stand in for
it everywhere.
"""

import json
import re
from pathlib import Path

from broadsheet import corpora
from broadsheet.enrich.nlp.story import Story

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "broadsheet" / "demo" / "content"
BBC = corpora.SHARED_ROOT / "bbc-news"
SECTIONS = [
    "world", "us", "politics", "business", "technology",
    "science", "health", "sports", "entertainment",
]  # fmt: skip


def demo_stories(section: str | None = None) -> list[Story]:
    """The demo stories as enrichment reads a published page
    (broadsheet.enrich.page_text.story_for): paragraphs, quotations and list
    items, each a paragraph; subheads and images left out."""
    stories = []
    for name in [section] if section else SECTIONS:
        for item in json.loads((DEMO / f"{name}.json").read_text()):
            stories.append(_demo_story(item, name))
    return stories


def _demo_story(item: dict, section: str) -> Story:
    paragraphs = []
    for block in item["body"]:
        if block["type"] in ("paragraph", "quote"):
            paragraphs.append(_link_text(block["text"]))
        elif block["type"] == "list":
            paragraphs.extend(_link_text(text) for text in block["items"])
    return Story(
        headline=item["headline"],
        standfirst=item.get("standfirst", ""),
        paragraphs=paragraphs,
        topic=item.get("topic", ""),
        section=section,
    )


def _link_text(text: str) -> str:
    """ "[the report](https://...)" reads as "the report" on the page."""
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)


def news_stories(corpus: corpora.Corpus) -> list[Story]:
    """Wire-length news stories: the BBC News corpus from the full corpora,
    the stand-ins written in its manner from the repository's."""
    if corpus.full:
        return bbc_stories()
    return _jsonl_stories(corpus.path("news-stand-ins/stories.jsonl"), set())


def bbc_stories() -> list[Story]:
    """The BBC News corpus without its duplicates (the second of each pair
    in duplicate_groups.json): 2,127 stories."""
    duplicates = json.loads((BBC / "duplicate_groups.json").read_text())
    return _jsonl_stories(BBC / "bbc_news.jsonl", {group[1] for group in duplicates})


def _jsonl_stories(path: Path, dropped: set[str]) -> list[Story]:
    stories = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            if item["id"] not in dropped:
                stories.append(_jsonl_story(item))
    return stories


def _jsonl_story(item: dict) -> Story:
    paragraphs = [p.strip() for p in item["body"].split("\n\n") if p.strip()]
    return Story(
        headline=item["title"], paragraphs=paragraphs, section=item["category"]
    )


# An invented wire story about a summit (written for these tests; no real
# people or countries): the kind of story whose FAQ a reader judges hardest,
# with two leaders who want different things, a sanctions risk, reactions
# from abroad, what happens next and a closing summary paragraph.
SUMMIT = Story(
    headline="Astravan leader arrives in Tarsia for summit with Koval as arms "
    "deal fears grow",
    paragraphs=[
        "Astravan leader Marek Dorn arrived in Tarsia on Tuesday for a summit "
        "with President Ilya Koval, as Western governments warned that the two "
        "countries could agree an arms deal in breach of international "
        "sanctions.",
        "Dorn travelled to the port city of Velsk by armoured train, and was "
        "greeted at the station by Koval's foreign minister, Oleg Varin.",
        "Koval is seeking artillery shells and anti-tank missiles for his "
        "country's war against Moravia, according to officials in Washington.",
        "Dorn hopes to gain food aid, hard currency and advanced satellite "
        "technology in exchange for the munitions, analysts said.",
        "Any arms transfer between the two countries would violate United "
        "Nations Security Council resolutions that ban all weapons trade with "
        "Astrava.",
        "A deal could also bolster Tarsia's flagging war effort and deepen its "
        "isolation from Europe, said Lena Hartmann, a security analyst at the "
        "Berlin Institute for Strategic Studies.",
        "The European Union and Japan condemned the summit on Tuesday. The "
        "White House warned that it would impose new sanctions on any company "
        "involved in arms sales to Astrava.",
        "Western officials fear the summit could lead to technology transfers "
        "that would help Astrava build more accurate missiles.",
        "The two leaders are expected to hold talks on Wednesday and to sign a "
        "cooperation agreement on Thursday, the Tarsian presidency said.",
        "Dorn, who has ruled Astrava since 2011, rarely travels abroad, and "
        "Koval has made few foreign trips since the start of the war against "
        "Moravia.",
    ],
    section="world",
)
