"""Translation memory: human translations that win over machine translation.

A memory is a TSV file (``vietnamese<TAB>english`` per line, ``#`` comments) or a JSONL file
(``{"vi": ..., "en": ...}`` per line). Texts match exactly after NFC and whitespace
normalization.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..text.pairs import jsonl_pairs, memory_key, read_lines, tsv_pairs


class TranslationMemory:
    """Exact-match lookups of Vietnamese text → English text."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._entries = {memory_key(vi): " ".join(en.split()) for vi, en in pairs if vi and en}

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, text: str) -> str | None:
        """The human translation of ``text``, or ``None``."""
        return self._entries.get(memory_key(text))

    @classmethod
    def load(cls, paths: Iterable[str | Path]) -> TranslationMemory:
        """Read every memory file (later files win on duplicate entries)."""
        pairs: list[tuple[str, str]] = []
        for item in paths:
            path = Path(item)
            lines = read_lines(path, "translation memory")
            reader = jsonl_pairs if path.suffix.lower() in {".jsonl", ".json"} else tsv_pairs
            pairs.extend(reader(path, lines))
        return cls(pairs)
