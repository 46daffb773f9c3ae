"""Count how often each multi-syllable word appears in the news, for words worth learning.

    .venv/bin/python bench/fit_word_frequencies.py [--write]

Counts on ``shared/corpus/unc-more`` (1,838 Dân Trí articles): each paragraph segmented with
pyvi (as ``text/words.py`` does at run time), every multi-syllable word that is not a name
or a number counted in lower case; words counted at least ``MIN_COUNT`` times are kept.
``--write`` stores them in ``src/vnmedia/data/word_frequencies.tsv``. Then, on the 400
articles of ``shared/corpus/unc`` it never counted: how many of their multi-syllable words
the list knows, and what the words picked for a few articles look like.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from vnmedia.text.words import (
    FREQUENCIES_FILE,
    MIN_COUNT,
    WordFrequencies,
    learnable,
    segment,
    words_worth_learning,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TARGET = ROOT / "src" / "vnmedia" / "data" / FREQUENCIES_FILE


def paragraphs(folder: Path) -> list[list[str]]:
    """Each article's paragraphs."""
    return [
        [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for path in sorted(folder.glob("*.txt"))
    ]


def count(articles: list[list[str]]) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    total = 0
    for article in articles:
        for paragraph in article:
            tokens = segment(paragraph)
            total += sum(1 for token in tokens if any(c.isalpha() for c in token))
            counts.update(w for w in map(learnable, tokens) if w is not None)
    return counts, total


def report(frequencies: WordFrequencies) -> None:
    held_out = paragraphs(CORPUS / "unc")
    counts, _ = count(held_out)
    known = sum(n for w, n in counts.items() if w in frequencies.counts)
    print(
        f"held-out unc/ ({len(held_out)} articles): {sum(counts.values())} multi-syllable "
        f"words, {100 * known / max(1, sum(counts.values())):.1f} % of them in the list; "
        f"{len(counts)} distinct, {sum(1 for w in counts if w in frequencies.counts)} in it"
    )
    for article in held_out[:3]:
        picked = words_worth_learning(article, 8, frequencies)
        print("  " + ", ".join(f"{w.word} ({w.per_million:.0f}/M)" for w in picked))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {TARGET.name}")
    args = parser.parse_args()
    counts, total = count(paragraphs(CORPUS / "unc-more"))
    kept = {w: n for w, n in counts.items() if n >= MIN_COUNT}
    print(
        f"unc-more/: {total} words, {len(counts)} distinct multi-syllable words, "
        f"{len(kept)} seen {MIN_COUNT}+ times"
    )
    lines = [f"# words\t{total}"] + [f"{w}\t{n}" for w, n in sorted(kept.items())]
    text = "\n".join(lines) + "\n"
    if args.write:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET} ({len(text.encode('utf-8')) // 1024} KB)")
    report(WordFrequencies.parse(text))


if __name__ == "__main__":
    main()
