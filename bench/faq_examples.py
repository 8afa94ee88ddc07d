"""Writes docs/examples/faq.md: the offline FAQ of 20 demo stories, for
readers to judge.

    python bench/faq_examples.py [--before CHECKOUT]

Stories are taken in turn from each section of broadsheet/demo/content, so
every section is represented. The file is committed; run this again after
changing the generator and read the difference. With `--before`, another
checkout's generator (say, main before a change: `git worktree add` or `git
archive` it somewhere) also writes docs/examples/faq-before-after.md: five
stories, its FAQ beside this one's.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from broadsheet.enrich.nlp import faq  # noqa: E402
from broadsheet.enrich.nlp.story import Story  # noqa: E402
from broadsheet.enrich.tests.stories import (  # noqa: E402
    SECTIONS,
    SUMMIT,
    demo_stories,
)

NAMES = {"us": "U.S."}  # section titles that are not the slug capitalised

OUTPUT = ROOT / "docs" / "examples" / "faq.md"
COMPARISON = ROOT / "docs" / "examples" / "faq-before-after.md"
STORIES = 20
# What the article page writes under a generated FAQ (news/article_page.html).
METHOD_NOTE = "Answers are quoted from the article."
COMPARED = 5  # the invented summit story and four demo stories


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
        f"Under every FAQ readers see: *{METHOD_NOTE}*",
        "",
    ]
    for story in stories:
        section = NAMES.get(story.section, story.section.title())
        lines += [f"## {story.headline}", "", f"*{section}*", ""]
        for pair in faq.generate(story):
            lines += [f"**{pair.question}**", "", f"> {pair.answer}", ""]
    return "\n".join(lines)


# Run in a child process: two versions of one package cannot share one.
GENERATE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from broadsheet.enrich.nlp import faq
from broadsheet.enrich.nlp.story import Story
stories = [Story(**item) for item in json.load(sys.stdin)]
print(json.dumps([[p.question for p in faq.generate(s)] for s in stories]))
"""


def questions_of(checkout: str, stories: list[Story]) -> list[list[str]]:
    """Each story's questions as `checkout`'s generator writes them."""
    items = [
        {"headline": s.headline, "paragraphs": s.paragraphs, "section": s.section}
        for s in stories
    ]
    done = subprocess.run(
        [sys.executable, "-c", GENERATE, checkout],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def comparison(before: str, stories: list[Story]) -> str:
    old = questions_of(before, stories)
    new = questions_of(str(ROOT), stories)
    lines = [
        "# FAQ questions before and after issue 14",
        "",
        "The offline generator's questions for five stories: the invented wire "
        "story about a summit in `broadsheet/enrich/tests/stories.py` (the "
        "issue's bad example, retold) and four demo stories. Before: templates "
        'filled with the story\'s names ("What is happening in X?" for any '
        "sentence naming X). After: each question asks what its answer's "
        "subject does (wants, risks, reacts, fears, plans). Answers are "
        "quoted sentences in both; see [faq.md](faq.md) for them. Made by "
        "`python bench/faq_examples.py --before CHECKOUT`; do not edit by hand.",
        "",
    ]
    for story, was, now in zip(stories, old, new, strict=True):
        lines += [f"## {story.headline}", "", "| before | after |", "|---|---|"]
        for row in range(max(len(was), len(now))):
            left = was[row] if row < len(was) else ""
            right = now[row] if row < len(now) else ""
            lines.append(f"| {left} | {right} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", help="a checkout whose FAQ to set beside")
    args = parser.parse_args()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    stories = spread(STORIES)
    OUTPUT.write_text(render(stories), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    if args.before:
        compared = [SUMMIT, *stories[: COMPARED - 1]]
        COMPARISON.write_text(comparison(args.before, compared), encoding="utf-8")
        print(f"wrote {COMPARISON.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
