"""Translation memory: human translations that win over machine translation.

A memory is a TSV file (``vietnamese<TAB>english`` per line, ``#`` comments) or a JSONL file
(``{"vi": ..., "en": ...}`` per line). Texts match exactly after NFC and whitespace
normalization.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ..errors import ConfigError


def memory_key(text: str) -> str:
    """The form under which a text is looked up: NFC, single spaces, no outer space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


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
            reader = _jsonl_pairs if path.suffix.lower() in {".jsonl", ".json"} else tsv_pairs
            pairs.extend(reader(path, lines))
        return cls(pairs)


def read_lines(path: Path, what: str) -> list[str]:
    """The lines of a UTF-8 file (a BOM is fine); ConfigError naming ``what`` it is."""
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {what} {path}: {exc}") from exc


def tsv_pairs(path: Path, lines: list[str]) -> Iterable[tuple[str, str]]:
    """``vietnamese<TAB>english`` pairs of a TSV file's lines (``#`` comments skipped)."""
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            raise ConfigError(
                f"{path}:{number}: expected 'vietnamese<TAB>english', found {len(fields)} fields"
            )
        yield fields[0], fields[1]


def _jsonl_pairs(path: Path, lines: list[str]) -> Iterable[tuple[str, str]]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            yield str(record["vi"]), str(record["en"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(
                f'{path}:{number}: expected a JSON object with "vi" and "en" ({exc})'
            ) from exc
