"""Which section a story belongs in, learnt from the site's own published stories.

A linear SVM over TF-IDF word unigrams and bigrams, the strongest simple model
for news of this kind; bench/eval_sections_related.py measures it. Tried on
BBC and AG News and left out, as no reliable help: character n-grams (+0.4
points on AG News, -0.2 on BBC, five times the training time), a headline
counted twice, logistic regression.

Its confidence is a softmax of the SVM's decision scores divided by a
temperature fitted on out-of-fold scores ("temperature scaling"): one
parameter, so it stays stable on a small site's few hundred stories, and it
never changes which section wins, only how sure we say we are. Per-class
Platt scaling (CalibratedClassifierCV) fits one curve per section and can
reorder close calls; we want the SVM's choice and an honest probability.
"""

import html
import io
import json
import pickle
import re
import zlib
from collections import Counter
from dataclasses import dataclass

import numpy as np
import sklearn
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

FORMAT_VERSION = 1  # bump whenever SectionModel or its pipeline changes shape
_MAGIC = b"broadsheet-sections\n"

# Below this the caller leaves the choice to an editor. Confidences are
# calibrated (expected calibration error 0.01-0.03 in bench/), so 0.8 reads
# "right four times in five" at worst. At 0.8, on AG News (two-line wire
# items, the hard case) 81% of stories were filed without an editor, 94% of
# them rightly; on BBC News 98% and 99.3%.
DEFAULT_THRESHOLD = 0.8

MIN_SECTIONS = 2
# Fewer examples than this and a section's vocabulary is a guess; it also has
# to be split across the calibration folds.
MIN_STORIES_PER_SECTION = 5
CALIBRATION_FOLDS = 3

# Bigrams seen in a single story are mostly names and typos: dropping them
# helped slightly on both corpora and keeps the stored model small. The cap
# bounds the stored model on a large archive; even 20,000 terms lost nothing
# on BBC News.
MIN_DF = 2
MAX_FEATURES = 100_000
# Cross-validated on BBC and AG News: 0.5 ties 1.0 there and is a little
# safer with the few stories a new site starts with.
SVM_C = 0.5


class NotEnoughStories(ValueError):
    """Too few published stories to learn sections from."""


class IncompatibleModel(ValueError):
    """A stored model from another format or scikit-learn version: retrain."""


# Wire feeds (AG News among them) carry escaped markup and broken entities:
# "&lt;b&gt;", "#36;10 million" for "$10 million", a bare "quot;", and a lone
# backslash where a line break was.
_BROKEN_ENTITY = re.compile(r"(?<![&\w])#(\d{2,4});")
_BARE_QUOT = re.compile(r"(?<![&\w])quot;")
_TAG = re.compile(
    r"</?(?:a|b|i|u|p|br|em|strong|span|div|font|nobr)\b[^<>]{0,200}>", re.I
)


def clean_text(text: str) -> str:
    """`text` with markup, entities and wire escapes undone, lower-cased."""
    text = _BROKEN_ENTITY.sub(r"&#\1;", text)
    text = _BARE_QUOT.sub('"', text)
    # Twice: feeds double-escape ("&amp;lt;b&amp;gt;").
    text = html.unescape(html.unescape(text))
    text = _TAG.sub(" ", text).replace("\\", " ")
    return text.lower()


def _pipeline() -> Pipeline:
    vectoriser = TfidfVectorizer(
        preprocessor=clean_text,
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=MIN_DF,
        max_features=MAX_FEATURES,
    )
    svm = LinearSVC(C=SVM_C, random_state=0)  # the same stories, the same model
    return Pipeline([("tfidf", vectoriser), ("svm", svm)])


def _scores(pipeline, texts) -> np.ndarray:
    """Decision scores, one column per section, for binary models too."""
    scores = pipeline.decision_function(texts)
    if scores.ndim == 1:  # two sections: one signed score
        scores = np.column_stack([-scores, scores])
    return scores


@dataclass
class SectionModel:
    pipeline: Pipeline
    temperature: float
    trained_on: int  # number of stories, for the admin's "last trained" line

    @property
    def sections(self) -> list[str]:
        return list(self.pipeline.classes_)

    def predict(self, text: str) -> tuple[str, float]:
        return self.predict_many([text])[0]

    def predict_many(self, texts: list[str]) -> list[tuple[str, float]]:
        """(section, confidence in 0..1) for each text."""
        if not texts:
            return []
        probabilities = softmax(_scores(self.pipeline, texts) / self.temperature, 1)
        best = probabilities.argmax(axis=1)
        return [
            (str(self.sections[b]), float(p[b]))
            for b, p in zip(best, probabilities, strict=True)
        ]

    def dumps(self) -> bytes:
        """Bytes for a BinaryField: a JSON header, then the zlib'd pickle."""
        header = {"format": FORMAT_VERSION, "sklearn": sklearn.__version__}
        payload = zlib.compress(pickle.dumps(self, pickle.HIGHEST_PROTOCOL))
        return _MAGIC + json.dumps(header).encode() + b"\n" + payload

    @classmethod
    def loads(cls, data: bytes) -> "SectionModel":
        """The model `dumps` wrote, or IncompatibleModel if it must be retrained.

        Only ever given bytes this module wrote to our own database: pickle
        runs code from what it loads, so never feed it uploaded bytes.
        """
        stream = io.BytesIO(bytes(data))
        if stream.readline() != _MAGIC:
            raise IncompatibleModel("Not a section model; retrain.")
        header = json.loads(stream.readline())
        found = (header.get("format"), header.get("sklearn"))
        if found != (FORMAT_VERSION, sklearn.__version__):
            raise IncompatibleModel(
                f"Section model was saved by format {found[0]} with scikit-learn "
                f"{found[1]}; this is format {FORMAT_VERSION} with scikit-learn "
                f"{sklearn.__version__}. Retrain it."
            )
        model = pickle.loads(zlib.decompress(stream.read()))
        if not isinstance(model, cls):
            raise IncompatibleModel("Stored object is not a SectionModel; retrain.")
        return model


def _check_enough(labels: list[str]) -> None:
    counts = Counter(labels)
    short = {s: n for s, n in counts.items() if n < MIN_STORIES_PER_SECTION}
    if len(counts) < MIN_SECTIONS:
        raise NotEnoughStories(
            f"Need published stories in at least {MIN_SECTIONS} sections; "
            f"found {len(counts)}."
        )
    if short:
        listed = ", ".join(f"{s or '(none)'} ({n})" for s, n in sorted(short.items()))
        error = NotEnoughStories(
            f"Need at least {MIN_STORIES_PER_SECTION} published stories in each "
            f"section; too few in {listed}."
        )
        error.short_sections = short  # so a caller may leave them out and retry
        raise error


def _fit_temperature(scores: np.ndarray, truth: np.ndarray) -> float:
    """The temperature that minimises log-loss of softmax(scores / T)."""

    def log_loss(log_t: float) -> float:
        log_p = log_softmax(scores / np.exp(log_t), axis=1)
        return -log_p[np.arange(len(truth)), truth].mean()

    return float(np.exp(minimize_scalar(log_loss, bounds=(-6, 3)).x))


def train(texts: list[str], labels: list[str]) -> SectionModel:
    """A model of the site's sections from its stories' texts and sections."""
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} labels.")
    _check_enough(labels)
    pipeline = _pipeline()
    vectoriser, svm = pipeline.named_steps.values()
    # The vocabulary and idf are learnt once from all stories, labels unseen,
    # and only the SVM is cross-validated: four times faster on a large
    # archive, and the scores barely differ from refitting everything.
    matrix = vectoriser.fit_transform(texts)
    folds = StratifiedKFold(CALIBRATION_FOLDS, shuffle=True, random_state=0)
    held_out = cross_val_predict(
        svm, matrix, labels, cv=folds, method="decision_function"
    )
    if held_out.ndim == 1:
        held_out = np.column_stack([-held_out, held_out])
    svm.fit(matrix, labels)
    # Single precision halves the stored model; scores move by ~1e-7.
    svm.coef_ = svm.coef_.astype(np.float32)
    truth = np.searchsorted(svm.classes_, labels)
    temperature = _fit_temperature(held_out, truth)
    return SectionModel(pipeline, temperature, trained_on=len(texts))
