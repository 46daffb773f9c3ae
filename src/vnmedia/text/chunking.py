"""Split text into chunks an engine accepts, at sentence, then clause, then word boundaries."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+(?=\S)")
# A period after these is an abbreviation or an initial ("TS. Nguyễn", "Q. 1", "N. V. A."),
# not the end of a sentence: cutting there would put a pause inside a name.
_ABBREVIATION = re.compile(r"(?:^|[\s.])(?:[A-ZĐ]{1,4}|ThS|Th|Tr|Mr|Mrs|Ms|Dr|St)\.$")


def split_text(text: str, max_chars: int) -> list[str]:
    """Chunks of ``text`` no longer than ``max_chars``, cut at the gentlest boundary possible.

    Whole sentences are packed together while they fit; a sentence that does not fit is cut
    at commas/semicolons/colons, and a clause that still does not fit at spaces. A single
    word longer than the limit is the only thing ever cut inside.
    """
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return [text] if text else []
    chunks: list[str] = []
    for sentence in split_sentences(text):
        for clause in _split_long(sentence, max_chars, _CLAUSE_END):
            for piece in _split_long(clause, max_chars, re.compile(r"\s+")):
                chunks.extend(_hard_cut(piece, max_chars))
    return _pack(chunks, max_chars)


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``, not cut after abbreviations or initials."""
    sentences: list[str] = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[start : boundary.start()]):
            continue
        if text[boundary.end() :].split(maxsplit=1)[0].islower():
            # "quốc tế, ... ở các lĩnh vực": no sentence opens with a word in lower case
            # (a name like "iPhone" may, and it is not all lower case).
            continue
        sentences.append(text[start : boundary.start()])
        start = boundary.end()
    sentences.append(text[start:])
    return [s for s in sentences if s]


def _split_long(text: str, max_chars: int, boundary: re.Pattern[str]) -> list[str]:
    if len(text) <= max_chars:
        return [text]
    return _pack(boundary.split(text), max_chars)


def _pack(pieces: list[str], max_chars: int) -> list[str]:
    """Join neighbouring pieces with a space while they fit in ``max_chars``."""
    packed: list[str] = []
    for piece in pieces:
        if packed and len(packed[-1]) + 1 + len(piece) <= max_chars:
            packed[-1] = f"{packed[-1]} {piece}"
        else:
            packed.append(piece)
    return packed


def _hard_cut(word: str, max_chars: int) -> list[str]:
    return [word[i : i + max_chars] for i in range(0, len(word), max_chars)] or [word]
