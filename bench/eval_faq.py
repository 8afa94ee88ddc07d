"""How good is the offline FAQ? Measured over the BBC News corpus.

    python bench/eval_faq.py [--sample N] [--corpus DIR] [--code CHECKOUT]

Prints, over 2,127 BBC stories (duplicates dropped): grounding rate, pairs
per article, articles with fewer than four pairs, repeated questions, share
of questions naming a top entity or keyphrase, the shortest question, the
share of pairs whose question's focus is the answer's subject or object and
whose type matches the answer's cue (bench/faq_focus.py, an independent
reading), the mix of question types, FAQs with three types or more, and the
time per article. Targets: grounding 100%; at least 4 pairs per article on
average; no repeats; at least 80% naming; no question under 4 words; 95%
focus match; well under 100 ms per article.

`--code /path/to/checkout` measures another checkout's generator (say, main
before a change) with this checker, for a before/after in the same run.
"""

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MIN_PAIRS = 4
MIN_TYPES = 3


def _code(argv: list[str]) -> str:
    """The checkout whose generator is measured: --code, or this one."""
    if "--code" in argv:
        return argv[argv.index("--code") + 1]
    return str(Path(__file__).resolve().parents[1])


sys.path.insert(0, _code(sys.argv))
sys.path.insert(1, str(Path(__file__).resolve().parent))

import faq_focus  # noqa: E402

from broadsheet.enrich.nlp import faq, grounding  # noqa: E402
from broadsheet.enrich.nlp.entities import key_entities  # noqa: E402
from broadsheet.enrich.nlp.keyphrases import keyphrases  # noqa: E402
from broadsheet.enrich.nlp.story import Story  # noqa: E402


def evaluate(stories: list[Story], generate=None) -> dict:
    """The figures over `stories`, one FAQ each."""
    generate = generate or faq.generate
    pairs_per_article, seconds = [], []
    pairs = grounded = naming = duplicates = focused = varied = 0
    kinds: Counter = Counter()
    shortest = None
    for story in stories:
        started = time.perf_counter()
        made = generate(story)
        seconds.append(time.perf_counter() - started)
        paragraphs = faq_focus.paragraph_index(story)
        verdicts = [
            faq_focus.check(p.question, p.answer, p.sources, paragraphs) for p in made
        ]
        focused += sum(v.ok for v in verdicts)
        kinds.update(v.kind for v in verdicts)
        varied += len({v.kind for v in verdicts}) >= MIN_TYPES
        pairs_per_article.append(len(made))
        pairs += len(made)
        grounded += sum(_grounded(pair, story) for pair in made)
        names = _top_names(story)
        naming += sum(_names_one(pair.question, names) for pair in made)
        questions = [_normal(pair.question) for pair in made]
        duplicates += len(questions) - len(set(questions))
        for pair in made:
            length = len(pair.question.split())
            shortest = length if shortest is None else min(shortest, length)
    return {
        "articles": len(stories),
        "pairs": pairs,
        "grounding_rate": grounded / pairs if pairs else 1.0,
        "mean_pairs": statistics.mean(pairs_per_article) if stories else 0.0,
        "articles_under_4": sum(n < MIN_PAIRS for n in pairs_per_article),
        "duplicate_questions": duplicates,
        "naming_rate": naming / pairs if pairs else 0.0,
        "shortest_question_words": shortest or 0,
        "focus_match": focused / pairs if pairs else 0.0,
        "kinds": kinds,
        "varied": varied / len(stories) if stories else 0.0,
        "ms_per_article": 1000 * statistics.mean(seconds) if seconds else 0.0,
        "ms_median": 1000 * statistics.median(seconds) if seconds else 0.0,
        "ms_max": 1000 * max(seconds, default=0.0),
    }


def _grounded(pair, story: Story) -> bool:
    """Supported by exactly the sentences the pair claims."""
    return grounding.support(pair.answer, story.sentences) == pair.sources


def _top_names(story: Story) -> list[str]:
    names = [n for e in key_entities(story, limit=10) for n in e.names]
    return [n.lower() for n in names + keyphrases(story, limit=10)]


def _names_one(question: str, names: list[str]) -> bool:
    question = question.lower()
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", question) for n in names)


def _normal(question: str) -> str:
    return " ".join(re.findall(r"\w+", question.lower()))


def main() -> None:
    from broadsheet.enrich.tests import stories as corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=0, help="first N stories only")
    parser.add_argument("--corpus", help="the bbc-news folder, if not ../shared")
    parser.add_argument("--code", help="a checkout whose generator to measure")
    args = parser.parse_args()
    if args.corpus:
        corpus.BBC = Path(args.corpus)
    stories = corpus.bbc_stories()
    if args.sample:
        stories = stories[: args.sample]
    figures = evaluate(stories)
    print("| measure | value |\n|---|---|")
    print(f"| articles | {figures['articles']:,} |")
    print(f"| pairs | {figures['pairs']:,} |")
    print(f"| grounding rate | {figures['grounding_rate']:.1%} |")
    print(f"| mean pairs per article | {figures['mean_pairs']:.2f} |")
    print(f"| articles with < 4 pairs | {figures['articles_under_4']} |")
    print(f"| duplicate questions | {figures['duplicate_questions']} |")
    print(f"| questions naming a top entity/keyphrase | {figures['naming_rate']:.1%} |")
    print(f"| shortest question (words) | {figures['shortest_question_words']} |")
    print(f"| focus and type match (faq_focus.py) | {figures['focus_match']:.1%} |")
    print(f"| FAQs with {MIN_TYPES}+ question types | {figures['varied']:.1%} |")
    total = sum(figures["kinds"].values()) or 1
    mix = ", ".join(f"{k} {n / total:.0%}" for k, n in figures["kinds"].most_common())
    print(f"| question types | {mix} |")
    print(
        f"| time per article (mean / median) | {figures['ms_per_article']:.1f}"
        f" / {figures['ms_median']:.1f} ms |"
    )
    print(f"| slowest article | {figures['ms_max']:.1f} ms |")


if __name__ == "__main__":
    main()
