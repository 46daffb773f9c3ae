"""Benchmark: the Vietnamese normalizer on the corpus test cases, and raw digits left in articles.

    .venv/bin/python bench/bench_normalize.py [--corpus ../shared/corpus] [--show N] [--library-only]

Scores exact and relaxed match per category of ``normalization/test_cases_*.txt`` (written~spoken
lines, NeMo's conventions). Relaxed match accepts the equally correct variants the corpus
README names ("linh"/"lẻ", "tư"/"bốn", "nghìn"/"ngàn", an omitted "không trăm" after
thousands) plus spelling variants of the same word. Then counts the digits left in the
spoken form of every corpus article (the goal is none). ``--library-only`` scores sea-g2p
alone, for comparison.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from vnmedia.sources.files import read_articles
from vnmedia.text.normalize import TextNormalizer, _sea_normalizer, _tidy

ROOT = Path(__file__).resolve().parents[1]

_VARIANTS = [
    (r"\blẻ\b", "linh"),
    (r"\btư\b", "bốn"),
    (r"\bngàn\b", "nghìn"),
    (r"\b(nghìn|triệu|tỷ) không trăm\b", r"\1"),
    (r"\b(triệu|tỷ) linh (\w+) (nghìn|triệu)\b", r"\1 \2 \3"),
    (r"\bkỉ\b", "kỷ"),
    (r"\buỷ\b", "ủy"),
    (r"\bhoà\b", "hòa"),
    (r"\bkhoá\b", "khóa"),
    (r"\bxê\b", "c"),
    (r"\bca\b", "k"),
    (r"\bmét lập phương\b", "mét khối"),
    (r"\bđô la mỹ\b", "đô la"),
    (r"\bhẹc\b", "héc"),
    (r"\bmét bình phương\b", "mét vuông"),
    (r"\bxen ti\b", "xăng ti"),
    (r"\bnhân\b", "x"),
]


def relaxed(text: str) -> str:
    """A canonical form in which equally correct readings coincide."""
    text = re.sub(r"[^\w\s]", " ", text.lower())
    text = " ".join(text.split())
    for pattern, replacement in _VARIANTS:
        text = re.sub(pattern, replacement, text)
    return " ".join(text.split())


def exact(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--show", type=int, default=0, help="print N misses per category")
    parser.add_argument("--library-only", action="store_true", help="score sea-g2p alone")
    args = parser.parse_args()
    cases_dir = args.corpus / "normalization"
    if not cases_dir.is_dir():
        print(f"{cases_dir} not found: nothing to measure", file=sys.stderr)
        return 1
    normalizer = TextNormalizer()
    if args.library_only:

        def speak(text: str) -> str:
            return _tidy(_sea_normalizer()(text))
    else:

        def speak(text: str) -> str:
            return normalizer.normalize(text, "vi")

    totals = [0, 0, 0]
    started = time.perf_counter()
    print(f"{'category':<10} {'cases':>5} {'exact':>7} {'relaxed':>8}")
    for path in sorted(cases_dir.glob("test_cases_*.txt")):
        cases = [
            line.split("~", 1)
            for line in path.read_text(encoding="utf-8").splitlines()
            if "~" in line
        ]
        scores = [0, 0]
        misses = []
        for written, expected in cases:
            got = speak(written)
            scores[0] += exact(got) == exact(expected)
            scores[1] += relaxed(got) == relaxed(expected)
            if relaxed(got) != relaxed(expected):
                misses.append((written, expected, got))
        name = path.stem.removeprefix("test_cases_")
        print(
            f"{name:<10} {len(cases):>5} {scores[0] / len(cases):>7.1%} {scores[1] / len(cases):>8.1%}"
        )
        for miss in misses[: args.show]:
            print("    ", " | ".join(miss))
        totals[0] += len(cases)
        totals[1] += scores[0]
        totals[2] += scores[1]
    elapsed = time.perf_counter() - started
    print(
        f"{'overall':<10} {totals[0]:>5} {totals[1] / totals[0]:>7.1%} {totals[2] / totals[0]:>8.1%}"
        f"   ({elapsed / totals[0] * 1000:.2f} ms per case)"
    )

    digits_left, paragraphs = 0, 0
    examples = []
    for path in sorted((args.corpus / "articles").glob("*.txt")):
        for article in read_articles(path):
            for text in [article.title, *(p.text for p in article.paragraphs)]:
                paragraphs += 1
                spoken = speak(text)
                found = re.findall(r"\S*\d\S*", spoken)
                digits_left += len(found)
                examples.extend(found[:2])
    print(
        f"corpus articles: {paragraphs} paragraphs, {digits_left} tokens with raw digits left"
        + (f" (e.g. {', '.join(examples[:8])})" if examples else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
