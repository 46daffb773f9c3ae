"""A newsroom glossary: how names, places, offices and abbreviations must come out in English.

A glossary is a TSV file (``vietnamese<TAB>english`` per line, ``#`` comments), the same
format as a translation memory: "UBND quận" → "District People's Committee", "Bắc Từ Liêm"
→ "Bac Tu Liem". Whatever translated a text, the glossary is checked against the output: a
term found in the Vietnamese whose English is missing from the translation is reported, per
episode, in the manifest and the build report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .pairs import memory_key, read_lines, tsv_pairs


def _folded(text: str) -> str:
    """The memory's lookup form, in any case."""
    return memory_key(text).casefold()


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
        self._patterns = [
            re.compile(rf"(?<!\w){re.escape(_folded(t.vietnamese))}(?!\w)") for t in self.terms
        ]

    def __len__(self) -> int:
        return len(self.terms)

    def terms_in(self, vietnamese: str) -> list[Term]:
        """The glossary terms in a Vietnamese text (whole words, any case), in text order."""
        text = _folded(vietnamese)
        found = []
        for term, pattern in zip(self.terms, self._patterns, strict=True):
            match = pattern.search(text)
            if match:
                found.append((match.start(), term))
                # A longer term hides the shorter ones inside it (same length: positions kept).
                text = pattern.sub(lambda m: "\0" * len(m.group(0)), text)
        return [term for _, term in sorted(found, key=lambda item: item[0])]

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
