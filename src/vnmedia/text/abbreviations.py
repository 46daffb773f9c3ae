"""Abbreviations a text defines itself, for the normalizer (issue 30, round 5).

Vietnamese news defines the abbreviations it uses: "cửa hàng xăng dầu (CHXD)", "Ban Chỉ đạo
(BCĐ) phòng, chống dịch (PCD)", "GPQC (giấy phép quảng cáo)", "Sở Tài nguyên và Môi trường
(TN-MT)". A pair counts when the abbreviation's letters are the initials of the phrase's last
syllables (``Đ`` only for "đ", ``D`` for "d" or "đ"; ``&`` for "và"; a hyphen may stand for
"và" or for nothing: "NĐ-CP" "nghị định chính phủ"), and every syllable of the phrase is
shaped like a Vietnamese one with one at least carrying a Vietnamese letter, so an English
expansion ("World Health Organization (WHO)"), which a newsreader does not translate, is not
taken. :func:`definitions` finds them in one text (the normalizer reads later uses of
the abbreviation as the phrase); ``bench/mine_abbreviations.py`` counts them
over a corpus into ``data/abbreviations_mined.tsv``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_ABBR = r"[A-ZĐ][A-ZĐ&-]*[A-ZĐ]"
_LEAD = r"(?:(?:sau đây |dưới đây )?(?:gọi |viết )?tắt là |gọi là |viết tắt: )?"
_PHRASE_THEN_ABBR = re.compile(r"\(\s*" + _LEAD + r"(" + _ABBR + r")\s*\)")
"""``Phrase (ABBR)``: the phrase is the words before the bracket, cut to the abbreviation."""
_ABBR_THEN_PHRASE = re.compile(
    r"(?<![\w&-])(" + _ABBR + r")\s*\(\s*" + _LEAD + r"([^()\n]{3,120}?)\s*\)"
)
"""``ABBR (phrase)``: the whole bracket must be the phrase."""
_WORD = re.compile(r"[^\W\d_]+|&|-|–")
_PLAIN_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ph|th|tr|ch|kh|gh|gi|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?"
)


def _letter_fits(letter: str, word: str) -> bool:
    first = word[0].lower()
    if letter == "Đ":
        return first == "đ"
    if letter == "D":
        return first in "dđ"
    return first == letter.lower()


def _syllable(word: str) -> bool:
    """Shaped like a Vietnamese syllable, whatever its marks ("hội", "Đồng")."""
    plain = "".join(
        c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c)
    )
    return bool(_PLAIN_SYLLABLE.fullmatch(plain.replace("đ", "d")))


def _marked(word: str) -> bool:
    """Carries a Vietnamese letter: "đ" or a vowel with a mark."""
    nfd = unicodedata.normalize("NFD", word.lower())
    return "đ" in nfd or any(unicodedata.combining(c) for c in nfd)


def initials_phrase(abbr: str, words: list[str]) -> list[str] | None:
    """The shortest tail of ``words`` (a phrase's tokens, dashes and ``&`` included) whose
    initials spell ``abbr``, with ``&`` said "và"; ``None`` when there is none or it is not
    Vietnamese."""
    marks = list(abbr)
    phrase: list[str] = []
    i = len(words) - 1
    while marks:
        mark = marks.pop()
        while i >= 0 and words[i] in "-–":  # a dash in the phrase is not said
            i -= 1
        if i < 0:
            return None
        if mark == "&":
            if words[i].lower() not in ("và", "&"):
                return None
            phrase.append("và")
            i -= 1
        elif mark == "-":
            if words[i].lower() == "và":  # "TN-MT": "tài nguyên và môi trường"
                phrase.append("và")
                i -= 1
        else:
            if not words[i][0].isalpha() or not _letter_fits(mark, words[i]):
                return None
            phrase.append(words[i])
            i -= 1
    phrase.reverse()
    vietnamese = all(_syllable(w) for w in phrase) and any(_marked(w) for w in phrase)
    return phrase if vietnamese else None


def definitions(text: str) -> Iterator[tuple[str, str]]:
    """The ``(ABBR, phrase)`` pairs ``text`` defines in brackets, the phrase in lower case."""
    for match in _PHRASE_THEN_ABBR.finditer(text):
        abbr = match.group(1)
        before = text[max(0, match.start() - 200) : match.start()].rsplit("\n", 1)[-1]
        phrase = initials_phrase(abbr, _WORD.findall(before))
        if phrase and sum(c.isalpha() for c in abbr) >= 2:
            yield abbr, " ".join(phrase).lower()
    for match in _ABBR_THEN_PHRASE.finditer(text):
        abbr, inside = match.groups()
        words = _WORD.findall(inside)
        phrase = initials_phrase(abbr, words)
        # The bracket holds the phrase and nothing else.
        if phrase and len([w for w in words if w not in "-–"]) == len(phrase):
            yield abbr, " ".join(phrase).lower()
