"""Titles for the corpus articles that lost theirs, restored from their URL slugs.

Only 60 of the 400 articles in ``shared/corpus/unc`` keep their title line (28 in the test
half), so the titled benchmark moves by ±0.05 with a handful of articles. Every article's
``index.tsv`` row has its title as the URL spells it ("lai-suat-ngan-hang-giam-sau"): no
diacritics, no punctuation. The diacritics come back from the article itself: each slug
syllable takes the accented form the article uses most for it (pairs of syllables first,
so "ban" next to "hang" becomes "bán hàng", not "bàn"), else the form the whole corpus uses
most, else it stays bare.

On the 60 real titles this gets 95 % of the syllables right (run this file to see); what it
cannot restore is punctuation (":", "?", quotes), so restored titles never have the
``Place: …`` or question shapes real titles often have. They are a second, larger test of
titled files, not a stand-in for real ones.

    .venv/bin/python bench/restored_titles.py    # accuracy on the 60 real titles
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from slugify import slugify

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_articles import CORPUS, Doc, load  # noqa: E402

WORD = re.compile(r"\w+")


@cache
def bare(syllable: str) -> str:
    """A syllable as a URL slug spells it (python-slugify, which names vnmedia's episodes):
    no diacritics, "đ" as "d", lower case. Cached: slugify is slow, and a corpus repeats
    its words."""
    return slugify(syllable)


@dataclass
class Usage:
    """How a text spells each bare syllable and pair, and which words it capitalizes."""

    single: defaultdict[str, Counter[str]]
    pairs: defaultdict[tuple[str, str], Counter[tuple[str, str]]]
    capitals: Counter[str]
    """Per word: times capitalized inside a line minus times in lower case."""

    @classmethod
    def of(cls, lines: Iterable[str]) -> Usage:
        usage = cls(defaultdict(Counter), defaultdict(Counter), Counter())
        for line in lines:
            words = WORD.findall(line)
            for position, word in enumerate(words):
                low = word.lower()
                usage.single[bare(word)][low] += 1
                if position:
                    usage.capitals[low] += 1 if word[:1].isupper() else -1
            for a, b in zip(words, words[1:], strict=False):
                usage.pairs[(bare(a), bare(b))][(a.lower(), b.lower())] += 1
        return usage


def restore_title(slug: str, lines: Iterable[str], corpus: Usage) -> str:
    """The title ``slug`` spells, with the diacritics and capitals the article uses."""
    own = Usage.of(lines)
    syllables = slug.split("-")
    chosen: list[str | None] = [None] * len(syllables)
    # Pairs the article spells most often first; a pair may not contradict a choice made.
    pairs = sorted(
        (
            (own.pairs[(a, b)].most_common(1)[0], k)
            for k, (a, b) in enumerate(zip(syllables, syllables[1:], strict=False))
            if own.pairs.get((a, b))
        ),
        key=lambda item: -item[0][1],
    )
    for ((first, second), _), k in pairs:
        if chosen[k] in (None, first) and chosen[k + 1] in (None, second):
            chosen[k], chosen[k + 1] = first, second
    words = []
    for k, syllable in enumerate(syllables):
        word = chosen[k]
        if word is None:
            spelled = own.single.get(syllable) or corpus.single.get(syllable)
            word = spelled.most_common(1)[0][0] if spelled else syllable
        capital = k == 0 or own.capitals[word] > 0
        words.append(word[:1].upper() + word[1:] if capital else word)
    return " ".join(words)


def slugs(corpus: Path = CORPUS) -> dict[str, str]:
    """Each article's title slug, from ``index.tsv``."""
    rows = (corpus / "index.tsv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    column = header.index("title_slug")
    return {row.split("\t")[0]: row.split("\t")[column] for row in rows[1:]}


def _usage(docs: list[Doc]) -> Usage:
    """How the articles' text (never a real title line) spells each syllable."""
    return Usage.of(line for doc in docs for line in doc.lines[1 if doc.titled else 0 :])


def with_titles(docs: list[Doc], corpus: Path = CORPUS) -> list[Doc]:
    """``docs``, each untitled one with its restored title as its first line."""
    spelled = {}
    for folder in {corpus, *(doc.corpus for doc in docs)}:
        spelled.update(slugs(folder))
    usage = _usage(docs)
    return [
        doc
        if doc.titled
        else replace(
            doc,
            lines=(restore_title(spelled[doc.name], doc.lines, usage), *doc.lines),
            titled=True,
        )
        for doc in docs
    ]


def main() -> int:
    docs = load(CORPUS)
    spelled = slugs()
    usage = _usage(docs)
    right = total = exact = 0
    for doc in (d for d in docs if d.titled):
        real = [w.lower() for w in WORD.findall(doc.lines[0])]
        restored = restore_title(spelled[doc.name], doc.lines[1:], usage).lower().split()
        total += len(real)
        if len(real) == len(restored):
            right += sum(a == b for a, b in zip(real, restored, strict=True))
            exact += real == restored
    titled = sum(d.titled for d in docs)
    print(
        f"restored from slugs, against the {titled} real titles: "
        f"{right / total:.1%} of {total} syllables right, {exact} titles exact"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
