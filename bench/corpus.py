"""Synthetic wire copy for benchmarks: N ninjs 2.x items as JSON Lines.

Headlines and paragraphs are recombined from the BBC News corpus in
../shared/corpora (read at run time, never copied into the project) so search
and pages see real English; without it, from a generated vocabulary.
"""

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
BBC = SHARED / "bbc-news" / "bbc_news.jsonl"
GENRES = {  # BBC label -> our section, as a wire genre
    "business": "Business",
    "politics": "Politics",
    "sport": "Sports",
    "tech": "Technology",
    "entertainment": "Entertainment",
}
REPORTERS = [
    f"Reporter {name}"
    for name in (
        "Avery",
        "Blake",
        "Casey",
        "Devon",
        "Emery",
        "Finley",
        "Harper",
        "Jordan",
        "Kendall",
        "Logan",
        "Morgan",
        "Parker",
        "Quinn",
        "Reese",
        "Rowan",
        "Sage",
    )
]


def load_material(seed=7):
    rng = random.Random(seed)
    if BBC.exists():
        rows = [json.loads(line) for line in BBC.read_text().splitlines()]
        return [
            (
                GENRES[row["category"]],
                row["title"],
                [p for p in row["body"].split("\n\n") if p.strip()],
            )
            for row in rows
        ]
    words = [f"word{n}" for n in range(5000)]
    return [
        (
            rng.choice(list(GENRES.values())),
            " ".join(rng.choices(words, k=8)).capitalize(),
            [" ".join(rng.choices(words, k=60)) + "." for _ in range(8)],
        )
        for _ in range(2000)
    ]


def items(count, seed=7):
    """Yield `count` ninjs 2.1 text items, reproducibly."""
    rng = random.Random(seed)
    material = load_material(seed)
    now = datetime.now(UTC)
    for n in range(count):
        genre, title, paragraphs = rng.choice(material)
        _, _, other_paragraphs = rng.choice(material)
        body = rng.sample(paragraphs, min(len(paragraphs), 6)) + other_paragraphs[:2]
        created = now - timedelta(minutes=n * 7 + rng.randint(0, 6))
        topic_words = [w for w in title.split() if w[:1].isupper() and len(w) > 3]
        yield {
            "uri": f"urn:broadsheet-bench:{seed}:{n}",
            "standard": {"name": "ninjs", "version": "2.1"},
            "type": "text",
            "headline": f"{title} ({n})",
            "byline": rng.choice(REPORTERS),
            "versioncreated": created.isoformat(),
            "firstcreated": created.isoformat(),
            "description_text": paragraphs[0][:200],
            "body_html": "".join(f"<p>{p}</p>" for p in body),
            "genre": [{"name": genre}],
            "subject": [{"name": w} for w in topic_words[:2]] or [{"name": genre}],
            "language": "en",
        }


def write_jsonl(path, count, seed=7):
    with open(path, "w") as out:
        for item in items(count, seed):
            out.write(json.dumps(item) + "\n")
    return path
