"""Writes docs/examples/faq.md: the offline FAQ of 20 demo stories, for
readers to judge.

    python bench/faq_examples.py

Stories are taken in turn from each section of broadsheet/demo/content, so
every section is represented. The file is committed; run this again after
changing the generator and read the difference.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from broadsheet.enrich.nlp import faq  # noqa: E402
from broadsheet.enrich.tests.stories import SECTIONS, demo_stories  # noqa: E402

NAMES = {"us": "U.S."}  # section titles that are not the slug capitalised

OUTPUT = ROOT / "docs" / "examples" / "faq.md"
STORIES = 20


def spread(count: int):
    """`count` demo stories, round-robin over the sections."""
    by_section = {section: demo_stories(section) for section in SECTIONS}
    chosen, turn = [], 0
    while len(chosen) < count:
        for section in SECTIONS:
            stories = by_section[section]
            if turn < len(stories) and len(chosen) < count:
                chosen.append(stories[turn])
        turn += 1
    return chosen


def render(stories) -> str:
    lines = [
        "# FAQ examples",
        "",
        "What the offline generator (`broadsheet/enrich/nlp/faq.py`) writes for "
        f"{len(stories)} demo stories, two or three from each section. Made by "
        "`python bench/faq_examples.py`; do not edit by hand.",
        "",
        f"Under every FAQ readers see: *{faq.METHOD_NOTE}*",
        "",
    ]
    for story in stories:
        section = NAMES.get(story.section, story.section.title())
        lines += [f"## {story.headline}", "", f"*{section}*", ""]
        for pair in faq.generate(story):
            lines += [f"**{pair.question}**", "", f"> {pair.answer}", ""]
    return "\n".join(lines)


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(render(spread(STORIES)), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
