"""Stage 3b, normalize: our rules for what is written around the words and numbers.

E-mail and web addresses (their host said, "chấm" between its labels, the path not read),
marks that are not read (a bullet's star, straight quotes round a number, an inch mark) and
the ``./.`` that closes official documents. ``normalize.VIETNAMESE_RULES`` runs them first.
"""

from __future__ import annotations

import re

from .spoken_words import spell_letters

_EMAIL = re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
_URL = re.compile(
    # a scheme (even glued to the word before: "websitehttps://") or www: a URL
    r"(?:https?://|\bwww\.)+((?:[a-z0-9-]+\.)+[a-z]{2,})(/[^\s,;)\]]*)?"
    # or a known top-level domain, with a country after it (".com.au")
    r"|\b((?:[A-Za-z0-9-]+\.)+(?:com|net|org|vn|gov|edu|info|io)(?:\.[a-z]{2})?)\b"
    r"(/[^\s,;)\]]*)?"
)
_TRAILING_DOT = re.compile(r"[.!?]+$")
_END_MARK = re.compile(r"\s*\./\.\s*")


_SECOND_LEVEL = {"com", "net", "org", "edu", "gov", "co", "ac"}
_NO_VOWEL_RUN = re.compile(r"(?i)\b[b-df-hj-np-tv-xz]{2,}(?=\d|\b)")
"""Letters with no vowel in a host's label (``vtv``, ``fpt``, the ``tv`` of ``tv360``): no
word, so they are spelled; "vtv" left as it is, a voice reads as it pleases."""


def _said_host(host: str) -> str:
    """``dantri.com.vn`` → "dantri chấm com chấm vê nờ": a country's two letters are
    spelled, "vn" or after ".com", ".gov", ... (sea-g2p leaves "vn" as letters a voice
    reads as it pleases); a short name's own ending is left (``bit.ly``). A full stop after
    it (kept by :func:`_host`) stays a full stop, not "chấm"."""
    end = _TRAILING_DOT.search(host)
    labels = host[: end.start()].split(".") if end else host.split(".")
    return " chấm ".join(
        spell_letters(label)
        if i and len(label) == 2 and (label == "vn" or labels[i - 1] in _SECOND_LEVEL)
        else _NO_VOWEL_RUN.sub(lambda m: f" {spell_letters(m.group(0))} ", label).strip()
        for i, label in enumerate(labels)
    ) + (end.group(0) if end else "")


def _addresses(text: str) -> str:
    text = _EMAIL.sub(
        lambda m: f"{m.group(1).replace('.', ' chấm ')} a còng {_said_host(m.group(2))}", text
    )
    # A space where the scheme was glued to the word before ("websitehttps://")
    return _URL.sub(
        lambda m: " " * text[m.start() - 1 : m.start()].isalnum() + _said_host(_host(m)), text
    )


def _host(match: re.Match[str]) -> str:
    """The host name of a URL match (its path, even a lone "/", is not read aloud); a full
    stop that ends the sentence after the path is kept."""
    path = match.group(2) or match.group(4) or ""
    end = _TRAILING_DOT.search(path)
    return (match.group(1) or match.group(3)) + (end.group(0) if end else "")


_BULLET = re.compile(r"(?:^|(?<=[.!?:;]\s))\s*(?:\*+|\+(?=\s+[^\W\d_]))\s*")
_DECORATION = re.compile(r"\(\*+\)|(?<!\S)\*+(?!\S)|[=*_~#]{3,}")
"""A footnote's ``(*)``, a lone ``*`` or ``***``, a rule of ``=====``: typography, never
read ("sao", "bằng bằng bằng …")."""
_QUOTED_NUMBER = re.compile(r'["“](\d[\d.,]*)["”]')
_QUOTE_AFTER_DIGIT = re.compile(r'(?<=[\dIVXLCDM])["”]')
"""A closing quote after a number, or after a Roman numeral the later rule turns into one
(``Đại hội XIV”``)."""
_QUOTE_AFTER_YEAR = re.compile(r"(?<=\b(?:19|20)\d\d)['’](?=[\s,.;:!?)]|$)")
_TIMES_SIGN = re.compile(r"(?<=[^\W\d_]) \([xX×]\) (?=[^\W\d_])")
"""``(x)`` between two words: the formula's "times" (sea-g2p read the letter, "ích")."""
_INCHES = re.compile(r'(?i)\b(màn hình|kích thước)([^"”\n]{0,40}?\d)["”]')


def _marks(text: str) -> str:
    """Marks that are not read: a bullet's star (``* Mọi ý kiến``, ``*23h30``: sea-g2p says
    "sao") or plus before a word (``+ Các địa phương``, not "cộng"), a footnote's ``(*)`` and
    a rule of ``=====``, and quotes around a number, straight or curly (``mã danh "365"``,
    ``“Web 2.0”``: sea-g2p reads the closing one as a unit, "phẩy phẩy")."""
    # A quote closed right after a number ("giai đoạn 2011-2022""), its opening one maybe
    # in the sentence before: not a unit either (no inch mark after a number in unc-more's
    # 90 such quotes; news writes "inch").
    # A screen's size is the one inch mark news writes ("màn hình … 6,52"").
    text = _INCHES.sub(r"\1\2 inch", _DECORATION.sub(" ", _BULLET.sub("", text)))
    text = _TIMES_SIGN.sub(" nhân ", text)  # "thu nhập tính thuế (x) thuế suất": a formula
    text = _QUOTE_AFTER_YEAR.sub("", text)  # "Tết 2026’": a quote closed, not feet or minutes
    return _QUOTE_AFTER_DIGIT.sub("", _QUOTED_NUMBER.sub(r"\1", text))


def _end_mark(text: str) -> str:
    """The ``./.`` that closes official documents is not read aloud: it is a full stop."""
    return _END_MARK.sub(". ", text).strip()
