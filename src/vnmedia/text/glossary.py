"""A newsroom glossary: how names, places, offices and abbreviations must come out in English.

A glossary is a TSV file (``vietnamese<TAB>english`` per line, ``#`` comments), the same
format as a translation memory: "UBND quận" → "District People's Committee", "Bắc Từ Liêm"
→ "Bac Tu Liem". Whatever translated a text, the glossary is checked against the output: a
term found in the Vietnamese whose English is missing from the translation is reported, per
episode, in the manifest and the build report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .pairs import memory_key, read_lines, tsv_pairs


def _folded(text: str) -> str:
    """The memory's lookup form, in any case."""
    return memory_key(text).casefold()


_WORD_CHAR = re.compile(r"\w")


class TermFinder:
    """Where the entries of a table (literal strings, whole words) stand in a text: one
    alternation for the whole table finds where entries start; at each such start, every
    entry found there is a candidate.

    The longest entry wins wherever two would overlap, even when the shorter starts first
    ("A B" and "B C D" in "A B C D": "B C D"), as when each entry was looked for on its own,
    longest first; a shorter entry at the same start as a losing one still counts where it
    overlaps nothing.
    """

    def __init__(self, entries: Sequence[str], before: str = r"(?<!\w)") -> None:
        """``entries``, distinct, in the order they win (longest first; among entries of one
        length, the first); ``before``: what may not stand before an entry (a lookbehind)."""
        self._index = {entry: n for n, entry in enumerate(entries)}
        self._lengths = sorted({len(entry) for entry in entries}, reverse=True)
        body = "|".join(map(re.escape, entries)) or r"(?!)"  # (?!): nothing to find
        self._starts = re.compile(rf"(?={before}(?:{body})(?!\w))")

    def spans(self, text: str) -> list[tuple[int, int, int]]:
        """(entry's index, start, end) of every entry found in ``text``, none overlapping,
        the longest entries first (then by their order, then left to right)."""
        found = sorted(
            hit for start in self._starts.finditer(text) for hit in self._at(text, start.start())
        )
        taken: list[tuple[int, int, int]] = []
        for index, start, end in found:
            if not any(s < end and start < e for _, s, e in taken):
                taken.append((index, start, end))
        return taken

    def _at(self, text: str, start: int) -> Iterator[tuple[int, int, int]]:
        """Every entry that stands at ``start`` as a whole word (what stands before it was
        checked when the start was found)."""
        for length in self._lengths:
            index = self._index.get(text[start : start + length])
            if index is not None and not _WORD_CHAR.match(text, start + length):
                yield index, start, start + length


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    vietnamese: str
    english: str


class Glossary:
    """Terms to find in Vietnamese text and the English each must become."""

    def __init__(self, terms: Iterable[Term] = ()) -> None:
        # Longest first, so "UBND quận Bắc Từ Liêm" is checked before "UBND quận".
        self.terms = sorted(
            {_folded(t.vietnamese): t for t in terms if t.vietnamese and t.english}.values(),
            key=lambda t: -len(t.vietnamese),
        )
        self._finder = TermFinder([_folded(t.vietnamese) for t in self.terms])

    def __len__(self) -> int:
        return len(self.terms)

    def terms_in(self, vietnamese: str) -> list[Term]:
        """The glossary terms in a Vietnamese text (whole words, any case), in text order."""
        first: dict[int, int] = {}
        # A longer term hides the shorter ones inside it or overlapping it.
        for index, start, _ in self._finder.spans(_folded(vietnamese)):
            first.setdefault(index, start)
        return [self.terms[index] for index, _ in sorted(first.items(), key=lambda i: i[1])]

    def lookup(self, vietnamese: str) -> str | None:
        """The English the glossary gives for exactly this term (any case), if any."""
        folded = _folded(vietnamese)
        return next((t.english for t in self.terms if _folded(t.vietnamese) == folded), None)

    def misses(self, vietnamese: str, english: str) -> list[Term]:
        """Terms of the Vietnamese whose English is not in the translation."""
        translated = _folded(english)
        return [t for t in self.terms_in(vietnamese) if _folded(t.english) not in translated]

    @classmethod
    def load(cls, paths: Iterable[str | Path]) -> Glossary:
        """Read every glossary file (later files win on duplicate terms)."""
        terms: list[Term] = []
        for item in paths:
            path = Path(item)
            lines = read_lines(path, "glossary")
            terms += [Term(vi.strip(), en.strip()) for vi, en in tsv_pairs(path, lines)]
        return cls(terms)
