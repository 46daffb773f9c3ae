"""Sentence by sentence (``--interleave sentence``): how the corpus cuts into sentences, and
how many sentences of human translations pair up.

1. The corpus articles (``shared/corpus/articles``): paragraphs, sentences, and the
   requests a line-by-line translator (Google) needs — one per paragraph — against one per
   sentence.
2. Translation memories (default ``input/translations.tsv``, the sample's human
   translation): each paragraph entry cut into sentences on both sides; pairs when the
   counts agree, else the paragraph is spoken whole.

    .venv/bin/python bench/bench_sentences.py [--memory FILE ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_scale import CORPUS  # noqa: E402

from vnmedia.sources.files import read_sources  # noqa: E402
from vnmedia.text.chunking import split_sentences  # noqa: E402
from vnmedia.text.pairs import read_lines, tsv_pairs  # noqa: E402


def corpus_counts(corpus: Path) -> None:
    paragraphs = [p.text for s in read_sources([corpus]) for a in s.articles for p in a.paragraphs]
    sentences = [len(split_sentences(p)) or 1 for p in paragraphs]
    multi = sum(1 for n in sentences if n > 1)
    print(
        f"corpus: {len(paragraphs)} paragraphs, {sum(sentences)} sentences "
        f"({sum(sentences) / len(paragraphs):.2f} a paragraph; {multi} paragraphs of 2 or more)"
    )
    print(
        f"line-by-line translator: {len(paragraphs)} requests (one per paragraph) instead of "
        f"{sum(sentences)} (one per sentence): {sum(sentences) / len(paragraphs):.2f}x fewer"
    )


def memory_counts(path: Path) -> None:
    pairs = list(tsv_pairs(path, read_lines(path, "translation memory")))
    aligned = whole = single = 0
    for vietnamese, english in pairs:
        vi, en = split_sentences(vietnamese), split_sentences(english)
        if len(vi) < 2:
            single += 1
        elif len(vi) == len(en):
            aligned += len(vi)
        else:
            whole += 1
    multi = len(pairs) - single
    print(
        f"{path}: {len(pairs)} entries, {single} of one sentence; of the {multi} longer ones "
        f"{multi - whole} cut into {aligned} sentence pairs, {whole} spoken whole "
        f"({100 * (multi - whole) / max(1, multi):.0f} % paired)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--memory", type=Path, action="append", default=None)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if args.corpus.is_dir():
        corpus_counts(args.corpus)
    for path in args.memory or [ROOT / "input" / "translations.tsv"]:
        memory_counts(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
