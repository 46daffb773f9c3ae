"""Vietnamese text in the legacy byte encodings real files and pages still use, for tests
of decoding."""

from __future__ import annotations

import unicodedata

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes Vietnamese: a letter with its vowel mark (â, ơ, đ …)
    is one byte, its tone a combining mark after it ("ế" is "ê" and U+0301)."""
    out = []
    for ch in text:
        marks = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in TONE_MARKS))
        out.append(base + "".join(m for m in marks if m in TONE_MARKS))
    return "".join(out).encode("cp1258")
