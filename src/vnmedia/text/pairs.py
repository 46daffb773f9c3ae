"""Files of Vietnamese–English pairs (translation memories, glossaries): reading them and the
form texts are matched in.

TSV (``vietnamese<TAB>english`` per line, ``#`` comments) or JSON Lines
(``{"vi": ..., "en": ...}`` per line), UTF-8 with or without a BOM.
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


def jsonl_pairs(path: Path, lines: list[str]) -> Iterable[tuple[str, str]]:
    """``(vi, en)`` pairs of a JSON Lines file's lines."""
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
