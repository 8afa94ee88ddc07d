"""Section classifier and "You may also like" ranking, against plain baselines.

    .venv/bin/python bench/eval_sections_related.py

BBC News (2,127 stories once 98 duplicates are dropped), one fixed stratified
80/20 split: section macro-F1 of broadsheet.enrich.nlp.section_model against TF-IDF +
LinearSVC, and precision@5 of broadsheet.enrich.nlp.ranking (the share of the
five stories shown that are in the story's own BBC category) against the
five most TF-IDF-cosine-similar stories. AG News (7,600 two-line wire items):
5-fold cross-validated accuracy of both classifiers. Then timings, with an
extrapolation to an archive of 100,000 stories.

The related-stories figure models a live site: the train split is the
archive, filed by editors in their true section; each test story is a new
arrival whose section is what our classifier (trained on the archive) says.
Its candidates are what the app would fetch: the stories best matching its
top query words in a full-text search, plus the newest in its section. Every
story gets a synthetic date, spread over a year by its number within its
category, so that dates carry no hint of the category.
"""

import json
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from broadsheet.enrich.nlp import ranking, section_model  # noqa: E402
from broadsheet.enrich.nlp.story import Story  # noqa: E402

try:  # written alongside this; without it, ranking uses no entities
    from broadsheet.enrich.nlp.entities import key_entities
except ImportError:
    key_entities = None

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
BBC = CORPORA / "bbc-news"
AG_NEWS = CORPORA / "ag-news" / "ag_news_test.jsonl"
SEED = 42
# What the app fetches (broadsheet/enrich/related_stories.py): full-text matches of
# the story's top words, and the newest stories of its section.
QUERY_WORDS = 8  # as broadsheet/enrich/related_stories.py
SEARCH_CANDIDATES = 200  # as similar.py
SECTION_CANDIDATES = 50
ENTITIES = 10
NOW = datetime(2005, 1, 1, tzinfo=UTC)
SPAN_DAYS = 365
ARCHIVE = 100_000
PARAGRAPHS = 5  # a synthetic story: about the length of a BBC one (4.8)


@cache
def bbc() -> list[dict]:
    """BBC News without the second story of each duplicate pair."""
    groups = json.loads((BBC / "duplicate_groups.json").read_text())
    dropped = {group[1] for group in groups}
    with open(BBC / "bbc_news.jsonl", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    return [row for row in rows if row["id"] not in dropped]


@cache
def ag_news() -> list[dict]:
    with open(AG_NEWS, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def story(row: dict, section: str = "") -> Story:
    paragraphs = [p for p in row["body"].split("\n\n") if p.strip()]
    return Story(headline=row["title"], paragraphs=paragraphs, section=section)


@cache
def bbc_split() -> tuple[np.ndarray, np.ndarray]:
    """Indexes of the train (archive) and test (new arrivals) stories."""
    labels = [row["category"] for row in bbc()]
    indexes = np.arange(len(labels))
    train, test = train_test_split(
        indexes, test_size=0.2, stratify=labels, random_state=SEED
    )
    return train, test


def _texts_labels(rows, indexes=None):
    chosen = rows if indexes is None else [rows[i] for i in indexes]
    return [story(row).text for row in chosen], [row["category"] for row in chosen]


def baseline_classifier():
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    return make_pipeline(vectoriser, LinearSVC())


def section_f1() -> dict[str, float]:
    """Macro-F1 on the BBC test split: the baseline's and ours."""
    train, test = bbc_split()
    train_texts, train_labels = _texts_labels(bbc(), train)
    test_texts, test_labels = _texts_labels(bbc(), test)
    baseline = baseline_classifier().fit(train_texts, train_labels)
    guesses = _model().predict_many(test_texts)
    ours = [label for label, _ in guesses]
    return {
        "baseline": f1_score(
            test_labels, baseline.predict(test_texts), average="macro"
        ),
        "ours": f1_score(test_labels, ours, average="macro"),
        **_confidence(guesses, test_labels),
    }


def _confidence(guesses, truth) -> dict[str, float]:
    """How our confidences behave: the share of stories at or above the
    default threshold (filed without an editor) and how many of those are
    right; and the expected calibration error (10 bins)."""
    right = np.array([label == t for (label, _), t in zip(guesses, truth, strict=True)])
    sure = np.array([confidence for _, confidence in guesses])
    filed = sure >= section_model.DEFAULT_THRESHOLD
    bins = np.minimum((sure * 10).astype(int), 9)
    error = sum(
        abs(right[bins == b].mean() - sure[bins == b].mean()) * (bins == b).mean()
        for b in range(10)
        if (bins == b).any()
    )
    return {
        "filed": filed.mean(),
        "filed right": right[filed].mean(),
        "calibration error": float(error),
    }


@cache
def _model() -> section_model.SectionModel:
    texts, labels = _texts_labels(bbc(), bbc_split()[0])
    return section_model.train(texts, labels)


def ag_news_accuracy(folds: int = 5) -> dict[str, float]:
    """Cross-validated accuracy on AG News: the baseline's and ours."""
    texts = [f"{row['title']}\n{row['body']}" for row in ag_news()]
    labels = np.array([row["category"] for row in ag_news()])
    right = {"baseline": 0, "ours": 0}
    guesses, truth = [], []
    splitter = StratifiedKFold(folds, shuffle=True, random_state=SEED)
    for train, test in splitter.split(texts, labels):
        train_texts, test_texts = [texts[i] for i in train], [texts[i] for i in test]
        baseline = baseline_classifier().fit(train_texts, labels[train])
        right["baseline"] += (baseline.predict(test_texts) == labels[test]).sum()
        ours = section_model.train(train_texts, list(labels[train]))
        guesses += ours.predict_many(test_texts)
        truth += list(labels[test])
    right["ours"] = sum(
        label == t for (label, _), t in zip(guesses, truth, strict=True)
    )
    return {name: int(n) / len(texts) for name, n in right.items()} | _confidence(
        guesses, truth
    )


def baseline_precision_at_5() -> float:
    """The five most TF-IDF-cosine-similar other stories, whole corpus."""
    texts, labels = _texts_labels(bbc())
    labels = np.array(labels)
    test = bbc_split()[1]
    vectoriser = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    matrix = vectoriser.fit_transform(texts)
    similarity = (matrix[test] @ matrix.T).toarray()
    similarity[np.arange(len(test)), test] = -1  # not the story itself
    top = np.argsort(-similarity, axis=1)[:, :5]
    return float((labels[top] == labels[test][:, None]).mean())


def published_dates() -> list[datetime]:
    """Spread over a year by number within the category, so that the date
    says nothing of the category."""
    numbers = defaultdict(list)
    for row in bbc():
        numbers[row["category"]].append(int(row["id"].rsplit("-", 1)[1]))
    dates = []
    for row in bbc():
        mine = numbers[row["category"]]
        share = (int(row["id"].rsplit("-", 1)[1]) - min(mine)) / (max(mine) - min(mine))
        dates.append(NOW - timedelta(days=1 + SPAN_DAYS * (1 - share)))
    return dates


@cache
def _site() -> dict:
    """Every BBC story as the app would store it, test stories filed by our
    classifier. Also the times each step took."""
    rows = bbc()
    train, test = bbc_split()
    filed = [row["category"] for row in rows]
    model = _model()  # trained before the clock starts
    started = time.perf_counter()
    test_texts = [story(rows[i]).text for i in test]
    for i, (label, _) in zip(test, model.predict_many(test_texts), strict=True):
        filed[i] = label
    predict_seconds = (time.perf_counter() - started) / len(test)
    stories = [story(row, filed[i]) for i, row in enumerate(rows)]
    started = time.perf_counter()
    idf = ranking.idf_from(*ranking.document_frequencies(s.text for s in stories))
    idf_seconds = time.perf_counter() - started
    started = time.perf_counter()
    names = [
        [e.name for e in key_entities(s, ENTITIES)] if key_entities else []
        for s in stories
    ]
    entity_seconds = (time.perf_counter() - started) / len(stories)
    started = time.perf_counter()
    features = [
        ranking.features(s, idf, n, []) for s, n in zip(stories, names, strict=True)
    ]
    features_seconds = (time.perf_counter() - started) / len(stories)
    return {
        "stories": stories,
        "idf": idf,
        "features": features,
        "filed": filed,
        "dates": published_dates(),
        "seconds": {
            "predict": predict_seconds,
            "idf": idf_seconds,
            "entities": entity_seconds,
            "features": features_seconds,
        },
    }


class _FullText:
    """The app's search index, roughly: stories holding any of the query
    words, ranked by the summed idf of the words they hold."""

    def __init__(self, stories, idf):
        self.postings = defaultdict(set)
        for index, s in enumerate(stories):
            for word in set(ranking.terms(s.text)):
                if " " not in word:
                    self.postings[word].add(index)
        self.idf = idf

    def search(self, words, limit):
        scores = defaultdict(float)
        for word in words:
            weight = self.idf.get(word, self.idf[ranking.UNSEEN])
            for index in self.postings.get(word, ()):
                scores[index] += weight
        return sorted(scores, key=lambda i: (-scores[i], i))[:limit]


@cache
def related_precision_at_5() -> dict[str, float]:
    """Precision@5 of our ranking for the test stories; also without dates
    (recency must not carry it) and on words alone (no section, entities).
    Plus the ranking's time and number of candidates per story."""
    site = _site()
    stories, features, dates, filed = (
        site[key] for key in ("stories", "features", "dates", "filed")
    )
    index = _FullText(stories, site["idf"])
    newest_in_section = defaultdict(list)
    for i in sorted(range(len(stories)), key=lambda i: dates[i], reverse=True):
        newest_in_section[filed[i]].append(i)
    variants = {
        "ours": lambda j: (features[j], dates[j]),
        "ours, no recency": lambda j: (features[j], None),
        "ours, words only": lambda j: (ranking.Features(features[j].terms), dates[j]),
    }
    hits = dict.fromkeys(variants, 0)
    rank_seconds = candidates = 0
    test = bbc_split()[1]
    for i in test:
        words = ranking.query_words(features[i], QUERY_WORDS)
        found = index.search(words, SEARCH_CANDIDATES + 1)
        found += newest_in_section[filed[i]][: SECTION_CANDIDATES + 1]
        ids = sorted(set(found) - {i})
        candidates += len(ids)
        for name, view in variants.items():
            target = view(i)[0]
            pool = [(j, *view(j)) for j in ids]
            started = time.perf_counter()
            shown = ranking.rank(target, pool, now=NOW, exclude_ids={i})
            if name == "ours":
                rank_seconds += time.perf_counter() - started
            hits[name] += sum(_same_category(i, r.id) for r in shown[:5])
    result = {name: n / (5 * len(test)) for name, n in hits.items()}
    return result | {
        "rank seconds": rank_seconds / len(test),
        "candidates": candidates / len(test),
    }


def _same_category(i: int, j: int) -> bool:
    return bbc()[i]["category"] == bbc()[j]["category"]


def timings() -> dict[str, float]:
    """Seconds: training on the BBC archive, and per story the rest."""
    texts, labels = _texts_labels(bbc(), bbc_split()[0])
    started = time.perf_counter()
    section_model.train(texts, labels)
    train_seconds = time.perf_counter() - started
    site = _site()
    return {
        "stories": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "train": train_seconds,
        "model bytes": len(_model().dumps()),
        "idf stories": len(site["stories"]),
        **site["seconds"],
        "rank": related_precision_at_5()["rank seconds"],
    }


def large_archive(stories: int = ARCHIVE) -> dict[str, float]:
    """Train on `stories` synthetic stories, each PARAGRAPHS paragraphs drawn
    at random from one BBC category: a measurement, not an estimate (though
    their vocabulary is BBC's, smaller than a real archive's)."""
    rng = np.random.default_rng(SEED)
    by_category = defaultdict(list)
    for row in bbc():
        by_category[row["category"]] += row["body"].split("\n\n")
    categories = sorted(by_category)
    texts, labels = [], []
    for n in range(stories):
        category = categories[n % len(categories)]
        pool = by_category[category]
        picks = rng.choice(len(pool), size=PARAGRAPHS, replace=False)
        texts.append("\n".join(pool[p] for p in picks))
        labels.append(category)
    started = time.perf_counter()
    model = section_model.train(texts, labels)
    train_seconds = time.perf_counter() - started
    started = time.perf_counter()
    frequencies = ranking.document_frequencies(texts)
    return {
        "stories": stories,
        "words": sum(len(t.split()) for t in texts),
        "train": train_seconds,
        "model bytes": len(model.dumps()),
        "document_frequencies": time.perf_counter() - started,
        "terms kept": len(frequencies[1]),
    }


def _print_confidence(figures) -> None:
    print(
        f"    ours at confidence >= {section_model.DEFAULT_THRESHOLD}: "
        f"{figures['filed']:.1%} filed, {figures['filed right']:.1%} of them "
        f"rightly; calibration error {figures['calibration error']:.3f}"
    )


def main() -> None:
    f1 = section_f1()
    print("BBC News, 2,127 stories, stratified 80/20 split (random_state=42)")
    print(f"  section macro-F1   baseline {f1['baseline']:.4f}   ours {f1['ours']:.4f}")
    _print_confidence(f1)
    p5 = related_precision_at_5()
    print(
        f"  related precision@5   baseline (TF-IDF cosine) "
        f"{baseline_precision_at_5():.4f}"
    )
    for name in ("ours", "ours, no recency", "ours, words only"):
        print(f"    {name:<22} {p5[name]:.4f}")
    entities = "key_entities" if key_entities else "none (entities.py missing)"
    print(
        f"    entities: {entities}; topics: none in BBC; "
        f"{p5['candidates']:.0f} candidates a story"
    )
    ag = ag_news_accuracy()
    print("AG News, 7,600 items, 5-fold stratified cross-validation")
    print(f"  accuracy           baseline {ag['baseline']:.4f}   ours {ag['ours']:.4f}")
    _print_confidence(ag)
    t = timings()
    scale = ARCHIVE / t["stories"]
    print(
        f"Times (BBC archive: {t['stories']:,} stories, {t['words']:,} words; "
        "a shared 2-core machine)"
    )
    print(
        f"  train              {t['train']:.1f} s  "
        f"(~{t['train'] * scale / 60:.1f} min for {ARCHIVE:,} such stories, "
        "linear in words)"
    )
    print(f"  stored model       {t['model bytes'] / 1e6:.1f} MB")
    print(f"  predict            {1000 * t['predict']:.2f} ms a story")
    print(
        f"  idf table          {t['idf']:.1f} s for {t['idf stories']:,} stories "
        f"(~{t['idf'] * ARCHIVE / t['idf stories']:.0f} s for {ARCHIVE:,})"
    )
    print(
        f"  features()         {1000 * t['features']:.2f} ms a story "
        f"(+ key_entities {1000 * t['entities']:.1f} ms)"
    )
    print(
        f"  rank()             {1000 * t['rank']:.1f} ms a story "
        f"({p5['candidates']:.0f} candidates)"
    )
    if "--large" in sys.argv:
        big = large_archive()
        print(
            f"Measured on {big['stories']:,} synthetic stories ({big['words']:,} words)"
        )
        print(
            f"  train {big['train']:.0f} s, model {big['model bytes'] / 1e6:.1f} MB,"
            f" document_frequencies {big['document_frequencies']:.0f} s "
            f"({big['terms kept']:,} terms kept)"
        )


if __name__ == "__main__":
    main()
