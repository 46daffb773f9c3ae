"""Benchmark: how well vnmedia reads the corpus news files, against hand labels.

    .venv/bin/python bench/bench_split.py [--corpus ../shared/corpus/articles] [--verbose]

Scores, over ``tests/fixtures/corpus_labels.json``: article-boundary precision and recall
(a found article matches a labelled one when their titles agree), title exact match,
noise removal (labelled captions, bylines, teasers… that are not spoken) and noise
precision (the share of dropped pieces, repeats aside, that are labelled noise), plus
section subheadings found.
"""

from __future__ import annotations

import argparse
import json
import sys
from difflib import SequenceMatcher
from pathlib import Path

from vnmedia.sources.files import read_source

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "fixtures" / "corpus_labels.json"


def squash(text: str) -> str:
    return " ".join(text.lower().split())


def same_title(found: str, labelled: str) -> bool:
    return SequenceMatcher(None, squash(found), squash(labelled)).ratio() >= 0.85


def score(corpus: Path, verbose: bool = False) -> dict[str, float]:
    files = json.loads(LABELS.read_text(encoding="utf-8"))["files"]
    found_total = labelled_total = matched = exact = 0
    noise_total = noise_removed = 0
    dropped_total = dropped_explained = 0
    sections_total = sections_found = 0
    for name, label in files.items():
        source = read_source(corpus / name)
        articles = source.articles
        spoken = [squash(a.title) for a in articles] + [
            squash(p.text) for a in articles for p in a.paragraphs
        ]
        titles = [a.title for a in articles]
        found_total += len(titles)
        labelled_total += len(label["articles"])
        unmatched = list(titles)
        for wanted in label["articles"]:
            hit = next((t for t in unmatched if same_title(t, wanted["title"])), None)
            if hit is not None:
                unmatched.remove(hit)
                matched += 1
                exact += squash(hit) == squash(wanted["title"])
            elif verbose:
                print(f"  {name}: missed article at line {wanted['line']}: {wanted['title'][:70]}")
        if verbose:
            for extra in unmatched:
                print(f"  {name}: extra article: {extra[:70]}")
        dropped_texts = [squash(d.text) for a in articles for d in a.dropped]
        for piece in label["noise"]:
            noise_total += 1
            text = squash(piece["text"])
            # Short pieces ("Thanh Niên") may also occur inside story sentences: a piece
            # counts as removed when it was dropped, or when it is nowhere in the speech.
            removed = any(text in d for d in dropped_texts) or not any(text in s for s in spoken)
            noise_removed += removed
            if verbose and not removed:
                print(f"  {name}: noise still spoken ({piece['reason']}): {piece['text'][:70]}")
        noise_texts = [squash(p["text"]) for p in label["noise"]]
        for article in articles:
            for dropped in article.dropped:
                if dropped.reason in {"duplicate", "truncated"}:
                    continue
                dropped_total += 1
                text = squash(dropped.text)
                explained = any(n in text or text in n for n in noise_texts)
                dropped_explained += explained
                if verbose and not explained:
                    print(
                        f"  {name}: dropped, not labelled noise ({dropped.reason}): {dropped.text[:70]}"
                    )
        found_sections = {squash(p.section) for a in articles for p in a.paragraphs if p.section}
        for section in label["sections"]:
            sections_total += 1
            sections_found += squash(section) in found_sections
    return {
        "articles labelled": labelled_total,
        "articles found": found_total,
        "boundary precision": matched / found_total,
        "boundary recall": matched / labelled_total,
        "title exact match": exact / labelled_total,
        "noise removed (recall)": noise_removed / noise_total,
        "dropped that is labelled noise (precision)": dropped_explained / max(1, dropped_total),
        "sections found": sections_found / max(1, sections_total),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "articles"
    )
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"{args.corpus} not found: nothing to measure", file=sys.stderr)
        return 1
    for metric, value in score(args.corpus, args.verbose).items():
        shown = f"{value:.1%}" if isinstance(value, float) else str(value)
        print(f"{metric:<44} {shown:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
