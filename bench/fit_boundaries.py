"""Fit the article-boundary model on the ``fit`` half of shared/corpus/unc.

    .venv/bin/python bench/fit_boundaries.py [--corpus ../shared/corpus/unc] [--files 600]
                                             [--write]

Uses scikit-learn's LogisticRegression (a dev dependency: at run time vnmedia only reads
the weights it writes). Files of 2-5 articles run together (titled and as crawled) and
single articles are made from the fit half only (see bench_articles.py); every piece that
could open an article is a sample, labelled by whether an article really starts there.

The vocabulary the signals weigh words by (``Vocabulary``: in how many articles each
syllable appears) is counted on the same articles the weights are fitted on: the fit half,
or in cross-validation the folds being fitted.

The regularization, the threshold and the bonus for starts shaped like a drawn one
(``like_other_starts``, see ``choose`` in ``text/boundaries.py``) are chosen by 5-fold
cross-validation inside the fit half (folds by article), on the measure the benchmark
reports: start F1 of the decoded boundaries, with single articles kept whole. ``--write``
stores the model in ``src/vnmedia/data/boundaries.json``; then ``bench_articles.py --part
test`` reports on the half the model never saw. The shipped model is this script's output
as it stands (about 13 minutes on one core).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_articles import CORPUS, ROOT, TOLERANCE, Doc, Sample, Score, load, samples  # noqa: E402

from vnmedia.text.boundaries import (  # noqa: E402
    FEATURES,
    Boundary,
    Model,
    Vocabulary,
    candidate_features,
    choose,
)
from vnmedia.text.pieces import Piece, read_pieces  # noqa: E402

MODEL_PATH = ROOT / "src" / "vnmedia" / "data" / "boundaries.json"


@dataclass
class File:
    """One made-up file, read once: its pieces, candidates, feature rows and labels."""

    kind: str
    sample: Sample
    pieces: list[Piece]
    indices: list[int]
    rows: np.ndarray
    labels: np.ndarray


def read(kind: str, sample: Sample, vocabulary: Vocabulary) -> File:
    pieces = read_pieces(sample.text)
    candidates = candidate_features(pieces, vocabulary)
    lines = [pieces[index].line for index, _ in candidates]
    positive = set()
    for start in sample.starts[1:]:
        hit = next((k for k, line in enumerate(lines) if start <= line <= start + TOLERANCE), None)
        if hit is not None:
            positive.add(hit)
    rows = np.array([[features[name] for name in FEATURES] for _, features in candidates])
    labels = np.array([int(k in positive) for k in range(len(candidates))])
    return File(
        kind, sample, pieces, [i for i, _ in candidates], rows.reshape(-1, len(FEATURES)), labels
    )


def to_model(
    classifier: LogisticRegression,
    mean: np.ndarray,
    scale: np.ndarray,
    threshold: float,
    like_other_starts: float,
    vocabulary: Vocabulary,
) -> Model:
    return Model(
        weights={name: float(w) for name, w in zip(FEATURES, classifier.coef_[0], strict=True)},
        bias=float(classifier.intercept_[0]),
        threshold=threshold,
        means={name: float(m) for name, m in zip(FEATURES, mean, strict=True)},
        scales={name: float(s) for name, s in zip(FEATURES, scale, strict=True)},
        like_other_starts=like_other_starts,
        vocabulary=vocabulary,
    )


def vocabulary_of(docs: list[Doc]) -> Vocabulary:
    return Vocabulary.count("\n".join(doc.lines) for doc in docs)


def decode_scores(model: Model, files: list[File]) -> dict[str, Score]:
    """Scores of the boundaries the model draws (the same choice as at run time)."""
    weights = np.array([model.weights[n] for n in FEATURES])
    means = np.array([model.means[n] for n in FEATURES])
    scales = np.array([model.scales[n] for n in FEATURES])
    scores: dict[str, Score] = {}
    for file in files:
        values = ((file.rows - means) / scales) @ weights + model.bias if len(file.rows) else []
        scored = [
            Boundary(index, file.pieces[index].line, float(v), ())
            for index, v in zip(file.indices, values, strict=True)
        ]
        starts = [file.pieces[0].line if file.pieces else 1] + [
            b.line
            for b in choose(file.pieces, scored, model.threshold, model.like_other_starts)
            if b.accepted
        ]
        scores.setdefault(file.kind, Score()).add(file.sample, sorted(starts))
    return scores


def objective(scores: dict[str, Score]) -> float:
    """What the threshold is chosen for: both F1s, with single articles kept whole at least
    98 % of the time (a split single article is the worst mistake for a producer)."""
    single = scores["single"].exact / scores["single"].files
    return scores["titled"].f1 + scores["crawled"].f1 - 10 * max(0.0, 0.98 - single)


def fit(
    rows: np.ndarray, labels: np.ndarray, c: float
) -> tuple[LogisticRegression, np.ndarray, np.ndarray]:
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    classifier = LogisticRegression(C=c, max_iter=2000)
    classifier.fit((rows - mean) / scale, labels)
    return classifier, mean, scale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--files", type=int, default=600, help="multi-article files per kind")
    parser.add_argument(
        "--more",
        type=Path,
        action="append",
        default=[],
        help="another corpus folder of the same format (unc-more): its fit half is added",
    )
    parser.add_argument(
        "--kinds",
        default="titled,crawled,single",
        help="kinds of made-up files to fit on (bench_articles.py: titled, crawled, topic, ...)",
    )
    parser.add_argument(
        "--whole",
        action="store_true",
        help="fit on the whole of --corpus, not its fit half (unc/'s test half, looked at too "
        "often, is no test any more: titled_dumps.py reports on unc-more's test half)",
    )
    parser.add_argument(
        "--c", default="0.01,0.1,1,10", help="regularization strengths to cross-validate"
    )
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="where --write stores it")
    args = parser.parse_args()
    docs = load(args.corpus, None if args.whole else "fit")
    for folder in args.more:
        docs += load(folder, "fit")
    kinds = tuple(args.kinds.split(","))
    vocabulary = vocabulary_of(docs)
    files = [
        read(kind, sample, vocabulary)
        for kind in kinds
        for sample in samples(docs, kind, args.files, seed=7)
    ]
    # Cross-validation folds by article, not by file: a made-up file reuses articles, so
    # folds by file would score the model on articles it was fitted on.
    folds = 5
    fold_files = []
    for fold in range(folds):
        inside = [d for k, d in enumerate(docs) if k % folds == fold]
        outside = [d for k, d in enumerate(docs) if k % folds != fold]
        known = vocabulary_of(outside)
        fold_files.append(
            (
                [
                    read(kind, s, known)
                    for kind in kinds
                    for s in samples(outside, kind, args.files // 2, seed=fold)
                ],
                [
                    read(kind, s, known)
                    for kind in kinds
                    for s in samples(inside, kind, args.files // 4, seed=fold)
                ],
                known,
            )
        )
    thresholds = np.arange(-3.0, 3.01, 0.25)
    bonuses = np.arange(0.0, 3.01, 0.5)
    best: tuple[float, float, float, float] | None = None
    for c in (float(value) for value in args.c.split(",")):
        totals = np.zeros((len(thresholds), len(bonuses)))
        for train, held_out, known in fold_files:
            rows = np.concatenate([f.rows for f in train])
            labels = np.concatenate([f.labels for f in train])
            classifier, mean, scale = fit(rows, labels, c)
            for t, threshold in enumerate(thresholds):
                for b, bonus in enumerate(bonuses):
                    model = to_model(classifier, mean, scale, threshold, bonus, known)
                    totals[t, b] += objective(decode_scores(model, held_out))
        t, b = np.unravel_index(int(np.argmax(totals)), totals.shape)
        print(
            f"C={c:<6} best threshold {thresholds[t]:+.2f}, like_other_starts {bonuses[b]:+.1f}"
            f"  objective {totals[t, b] / folds:.4f}"
            f"  (without the bonus: {totals[:, 0].max() / folds:.4f})"
        )
        if best is None or totals[t, b] > best[0]:
            best = (totals[t, b], c, float(thresholds[t]), float(bonuses[b]))
    assert best is not None
    _, c, threshold, bonus = best
    rows = np.concatenate([f.rows for f in files])
    labels = np.concatenate([f.labels for f in files])
    classifier, mean, scale = fit(rows, labels, c)
    model = to_model(classifier, mean, scale, threshold, bonus, vocabulary)
    print(
        f"chosen C={c}, threshold {threshold:+.2f}, like_other_starts {bonus:+.1f}; "
        f"{len(labels)} candidates, {labels.sum()} starts"
    )
    scores = decode_scores(model, files)
    for kind, s in scores.items():
        print(
            f"  fit half, {kind:<8} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} exact {s.exact / s.files:.3f}"
        )
    for name in sorted(FEATURES, key=lambda n: -abs(model.weights[n])):
        print(f"  {name:<20} {model.weights[name]:+.3f}")
    if args.write:
        payload = {
            "about": "Article-boundary model: logistic regression on standardized features, "
            "fitted by bench/fit_boundaries.py on "
            + ("the whole of" if args.whole else "the fit half of")
            + f" shared/corpus/{args.corpus.name}"
            + "".join(f" and of {folder.name}" for folder in args.more)
            + "; "
            "vocabulary: in how many of those articles each syllable appears.",
            "features": list(FEATURES),
            "weights": model.weights,
            "bias": model.bias,
            "threshold": model.threshold,
            "means": model.means,
            "scales": model.scales,
            "like_other_starts": model.like_other_starts,
            "vocabulary": {
                "documents": vocabulary.documents,
                "frequency": dict(vocabulary.frequency),
            },
        }
        args.out.write_text(
            json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
