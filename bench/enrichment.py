"""The enrichment evaluation, all of it, from one command:

    .venv/bin/python bench/enrichment.py

On ../shared/corpora (BBC News, AG News; read, never copied here):
section classification against TF-IDF + LinearSVC, "You may also like"
precision@5 against plain TF-IDF cosine, both baselines run here in the same
run; then the FAQ generator's grounding and question figures. Takes a few
minutes on two cores. The figures go into docs/benchmarks.md.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_faq  # noqa: E402
import eval_sections_related  # noqa: E402


def main():
    started = time.monotonic()
    print("== Sections and related stories\n")
    eval_sections_related.main()
    print("\n== FAQ\n")
    sys.argv = sys.argv[:1]
    eval_faq.main()
    print(f"\n(evaluation took {time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
