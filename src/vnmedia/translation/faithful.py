"""Is the English faithful to its Vietnamese? The check every translated text gets.

Machine translation of news fails in known ways (DESIGN.md, "Field facts for trust"): a
number changes (``2,8 tỷ`` → "2.8 million", 2017 → 2007), a name disappears, half a
paragraph is left out, the text comes back in Vietnamese, or a sentence appears that the
source does not have. :func:`check` looks for each of them in one text and its English and
returns :class:`Finding` objects, each with its kind and the evidence on both sides:

- ``number``: every number written in digits on one side must have its value on the
  other, in digits or in words (Vietnamese decimal comma and thousands dot, scale words
  nghìn/vạn/triệu/tỷ, "2.8bn", "$2.8 billion", dates ``5/12`` ↔ "December 5", times
  ``20h`` ↔ "8 p.m.", percentages ↔ "half", "the 1990s", ordinals "3rd");
- ``name``: every person, place or organisation of the Vietnamese (a run of capitalised
  syllables, or an entry of the names table) must be in the English, diacritics folded
  ("Đà Nẵng" ↔ "Da Nang", "Danang") or as the table says ("Bộ Y tế" ↔ "Ministry of
  Health");
- ``omission`` / ``addition``: the English far shorter or longer than the Vietnamese,
  more so than human translations ever are (fewer or more sentences lower the bar);
- ``untranslated``: Vietnamese words left in the English;
- ``glossary``: a glossary term whose English the translation lacks.

Every threshold was fitted on one half of real human translations and measured on the
other (``bench/bench_faithful.py``, BENCHMARKS.md). The checks are plain functions over
strings: the policy (ask again, then keep or leave out) is in :mod:`.review`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..text.chunking import split_sentences
from ..text.glossary import Glossary, TermFinder
from ..text.letters import VIETNAMESE_LETTERS, without_marks
from ..text.pairs import read_lines, tsv_pairs
from ..text.spoken_words import roman_value
from ..text.words import VIETNAMESE_SYLLABLE, common_words

CHECK_VERSION = 1
"""Bump when a rule changes what is found: it is part of each episode's fingerprint."""

KINDS = ("number", "name", "omission", "addition", "untranslated", "glossary")


@dataclass(frozen=True)
class Finding:
    """One doubt about a translation: what kind, and the evidence on each side."""

    kind: str
    """One of :data:`KINDS`."""
    vietnamese: str
    """What the Vietnamese has ("2,8 tỷ", "Bộ Y tế", "312 characters, 3 sentences")."""
    english: str
    """What the English has instead ("2.8 million"; ``""``: nothing)."""

    def describe(self) -> str:
        """One line for a person (and for the language model asked again): ``number: 2,8
        tỷ in the Vietnamese, 2.8 million in the English``."""
        vi, en = self.vietnamese, self.english
        if self.kind == "number" and not (vi and en):
            side, other = ("Vietnamese", "English") if vi else ("English", "Vietnamese")
            return f"number: {vi or en} in the {side}, not in the {other}"
        if self.kind == "name":
            return f"name: {vi} is not in the English"
        if self.kind == "untranslated":
            return f"untranslated: Vietnamese left in the English ({en})"
        if self.kind == "glossary":
            return f"glossary: {vi} must be {en!r} in the English"
        if self.kind in ("omission", "addition"):
            size = "shorter" if self.kind == "omission" else "longer"
            return f"{self.kind}: the English ({en}) is far {size} than the Vietnamese ({vi})"
        return f"{self.kind}: {vi} in the Vietnamese, {en} in the English"

    def to_dict(self) -> dict[str, str]:
        """The finding as JSON-ready data (manifest, report)."""
        return {"kind": self.kind, "vietnamese": self.vietnamese, "english": self.english}


@dataclass(frozen=True)
class Thresholds:
    """The limits of the length and untranslated checks (fitted: bench/bench_faithful.py)."""

    shorter: float = -0.37
    """Omission below this log length ratio (English / Vietnamese characters, smoothed)."""
    longer: float = 0.36
    """Addition above it."""
    shorter_fewer: float = -0.37
    """Omission below this ratio when the English also has fewer sentences."""
    longer_more: float = 0.16
    """Addition above this ratio when the English also has more sentences."""
    smoothing: int = 30
    """Characters added to both lengths: short texts vary most, and prove least."""
    vietnamese_words: int = 2
    """Untranslated: at least this many Vietnamese words left in the English…"""
    vietnamese_share: float = 0.15
    """…making at least this share of its words."""


# ---------------------------------------------------------------------------- numbers

_SCALES_VI = {
    "nghìn tỷ": 1e12,
    "ngàn tỷ": 1e12,
    "nghìn tỉ": 1e12,
    "ngàn tỉ": 1e12,
    "nghìn": 1e3,
    "ngàn": 1e3,
    "vạn": 1e4,
    "triệu": 1e6,
    "tỷ": 1e9,
    "tỉ": 1e9,
    "trăm": 1e2,
    "chục": 1e1,
}
_SCALES_EN = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "hundred": 1e2,
    "bn": 1e9,
    "mn": 1e6,
    "tn": 1e12,
    "mln": 1e6,
    "bln": 1e9,
    "trn": 1e12,
    # Abbreviations that also mean a unit ("5m" is five metres or five million).
    "m": 1e6,
    "k": 1e3,
}
_AMBIGUOUS_SCALES = {"m", "k", "trăm", "chục"}
"""A number before these may mean itself too ("5m": metres; "3 trăm" is rare but
"hàng chục" is a word)."""

_WORDS_VI = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "đôi": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "tá": 12,
    "nửa": 0.5,
    "rưỡi": 0.5,
}
_WORDS_EN = {
    "zero": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "once": 1,
    "single": 1,
    "two": 2,
    "twice": 2,
    "both": 2,
    "couple": 2,
    "pair": 2,
    "double": 2,
    "three": 3,
    "thrice": 3,
    "triple": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "half": 0.5,
    "quarter": 0.25,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "thirtieth": 30,
    "hundredth": 100,
    "thousandth": 1000,
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "monday": 2,
    "tuesday": 3,
    "wednesday": 4,
    "thursday": 5,
    "friday": 6,
    "saturday": 7,
    "mondays": 2,
    "tuesdays": 3,
    "wednesdays": 4,
    "thursdays": 5,
    "fridays": 6,
    "saturdays": 7,
    "noon": 12,
    "midnight": 12,
    "nineties": 90,
    "eighties": 80,
    "seventies": 70,
    "sixties": 60,
    "fifties": 50,
    "forties": 40,
    "thirties": 30,
    "twenties": 20,
}
_TENS_VI = {"mươi": 10}
_NUMBER = r"\d+(?:[.,]\d+)*"
_VI_NUMBER = re.compile(
    rf"(?<![\d.,])(?P<n>{_NUMBER})"
    rf"(?P<pct>\s*%|\s+phần trăm)?"
    rf"(?:\s*(?P<scale>{'|'.join(sorted(_SCALES_VI, key=len, reverse=True))})(?!\w))?",
    re.IGNORECASE,
)
_EN_NUMBER = re.compile(
    rf"(?<![\d.,])(?P<n>{_NUMBER})(?P<decade>'?s\b)?"
    rf"(?:(?P<ordinal>st|nd|rd|th)\b)?"
    rf"(?P<pct>\s*%|\s*per\s?cent\b)?"
    rf"(?:[\s-]*(?P<scale>{'|'.join(sorted(_SCALES_EN, key=len, reverse=True))})\b)?",
    re.IGNORECASE,
)
_VI_TIME = re.compile(r"(?<![\w.,])(\d{1,2})\s*(?:h|giờ)\s*(\d{2})?(?!\w)", re.IGNORECASE)
_EN_TIME = re.compile(
    r"(?<![\w.,])(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|o'clock)(?!\w)", re.IGNORECASE
)
_CENTURY_VI = re.compile(r"thế k[ỷỉ]\s+([IVXLC]+)\b")
_EN_YEAR = re.compile(r"['’](\d{2})(?!\d)(?!['’]?s)")
_MAY = re.compile(r"\bMay\b(?=\s+\d)|(?<=\d\s)May\b")
_RANGE_WORDS = {"-", "–", "—", "đến", "tới", "to", "and", "or", ",", "hoặc", "và", "hay"}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class Number:
    """A number as written, and every value it may stand for."""

    text: str
    values: frozenset[float]
    start: int
    end: int
    scale: float = 0.0
    """The scale word's factor ("triệu": 10⁶); 0 without one, or an ambiguous one."""


def _parse_digits(digits: str) -> set[float]:
    """The values ``1.500`` (1500, or 1.5), ``2,8`` (2.8), ``1,500`` (1500 or 1.5) and
    ``4.1.2017`` (a date: no single value) may stand for, in either language's custom."""
    groups = re.split(r"[.,]", digits)
    separators = re.findall(r"[.,]", digits)
    if not separators:
        return {float(digits)}
    if len(set(separators)) == 2:  # "1.234,5" or "1,234.5": the last one is the decimal
        whole, fraction = re.split(r"[.,]", digits[: digits.rfind(separators[-1])]), groups[-1]
        return {float("".join(whole) + "." + fraction)}
    thousands = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    values = set()
    if thousands:
        values.add(float("".join(groups)))
    if len(groups) == 2:
        values.add(float(f"{groups[0]}.{groups[1]}"))
    return values


def _numbers(text: str, pattern: re.Pattern[str], scales: dict[str, float]) -> list[Number]:
    found = []
    for match in pattern.finditer(text):
        digits = match.group("n")
        bases = _parse_digits(digits)
        if not bases:  # a date written with dots: each part on its own
            at = match.start("n")
            for part in re.finditer(r"\d+", digits):
                found.append(
                    Number(part.group(), frozenset({float(part.group())}), at + part.start(), 0)
                )
            continue
        values = set(bases)
        scale = (match.group("scale") or "").lower()
        if scale:
            values = {v * scales[scale] for v in bases}
            if scale in _AMBIGUOUS_SCALES:
                values |= bases
        if match.group("pct"):
            values |= {v / 100 for v in values}
        groups = match.groupdict()
        if groups.get("decade"):
            values |= {v % 100 for v in bases if v >= 1000}
            values |= {1900 + v for v in bases if v < 100} | {2000 + v for v in bases if v < 100}
        found.append(
            Number(
                match.group().strip(),
                frozenset(values),
                match.start(),
                match.end(),
                scales[scale] if scale and scale not in _AMBIGUOUS_SCALES else 0.0,
            )
        )
    _spread_range_scales(text, found)
    return found


def _spread_range_scales(text: str, numbers: list[Number]) -> None:
    """``3-5 triệu``, "3 to 5 million": the 3 may mean 3 million too (in place)."""
    for i in range(len(numbers) - 1):
        first, second = numbers[i], numbers[i + 1]
        between = text[first.end : second.start].strip().lower()
        if not first.scale and second.scale and between in _RANGE_WORDS:
            spread = first.values | {v * second.scale for v in first.values}
            numbers[i] = Number(first.text, spread, first.start, first.end)


def _hours(text: str, pattern: re.Pattern[str]) -> set[float]:
    """Hours may be written on a 24-hour clock on one side and 12-hour on the other."""
    values: set[float] = set()
    for match in pattern.finditer(text):
        hour = int(match.group(1))
        values |= {hour, hour + 12, hour - 12}
        if match.group(2):
            values.add(int(match.group(2)))
    return values


def _word_values(words: list[str], table: dict[str, float], scales: dict[str, float]) -> set[float]:
    """Every value numbers written in words may stand for: each word alone, and each run
    read as one number ("hai mươi lăm" 25, "two hundred thousand" 200000)."""
    values: set[float] = set()
    total, current, in_run = 0.0, 0.0, False
    for word in [*words, ""]:
        lowered = word.lower()
        if lowered in table or lowered in _TENS_VI or lowered in scales:
            in_run = True
            if lowered in ("a", "an") and current:  # "two and a half"
                continue
            if lowered in table:
                value = float(table[lowered])
                values.add(value)
                current += value
            elif lowered in _TENS_VI:
                current = (current or 1) * 10
            else:
                scale = scales[lowered]
                values.add(scale)
                if scale >= 1000:
                    total += (current or 1) * scale
                    current = 0
                else:
                    current = (current or 1) * scale
            continue
        if re.fullmatch(r"[IVX]{2,}", word) and (numeral := roman_value(word)):
            values.add(float(numeral))  # "Avatar II", "Thế Chiến thứ II"
        if "-" in lowered and any(p in table for p in lowered.split("-")):  # "six-pack"
            values |= {float(table[p]) for p in lowered.split("-") if p in table}
        if "-" in lowered and all(p in table for p in lowered.split("-")):
            parts = [float(table[p]) for p in lowered.split("-")]
            values |= set(parts) | {sum(parts)}
            current += sum(parts)
            in_run = True
            continue
        if lowered == "and" and in_run:  # "two hundred and five", "two and a half"
            continue
        if in_run:
            values.add(total + current)
        total, current, in_run = 0.0, 0.0, False
    return values


def vietnamese_numbers(text: str) -> tuple[list[Number], set[float]]:
    """The numbers written in digits in a Vietnamese text (each must be in the English),
    and every value the text may mention (its words and times too)."""
    numbers = _numbers(text, _VI_NUMBER, _SCALES_VI)
    for match in _CENTURY_VI.finditer(text):
        if century := roman_value(match.group(1)):
            numbers.append(Number(match.group(), frozenset({float(century)}), match.start(), 0))
    words = _WORD.findall(text)
    values = _word_values(
        words,
        {**_WORDS_VI},
        {"trăm": 100, "nghìn": 1e3, "ngàn": 1e3, "vạn": 1e4, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9},
    )
    values |= _hours(text, _VI_TIME)
    return numbers, values


def english_numbers(text: str) -> tuple[list[Number], set[float]]:
    """The numbers written in digits in an English text, and every value it may mention."""
    text = _MAY.sub("  5", text)  # the month (same length: spans stay true)
    numbers = _numbers(text, _EN_NUMBER, _SCALES_EN)
    for match in _EN_YEAR.finditer(text):  # "in '71": the year 1971 (or 2071)
        year = float(match.group(1))
        numbers = [n for n in numbers if n.start != match.start(1)]
        numbers.append(
            Number(
                match.group(),
                frozenset({year, *(c + year for c in (1800, 1900, 2000))}),
                match.start(),
                0,
            )
        )
    words = _WORD.findall(text)
    scales = {k: v for k, v in _SCALES_EN.items() if len(k) > 3}
    values = _word_values(words, _WORDS_EN, scales)
    values |= _hours(text, _EN_TIME)
    return numbers, values


def _close(value: float, others: Iterable[float]) -> bool:
    return any(math.isclose(value, other, rel_tol=1e-9, abs_tol=1e-9) for other in others)


_VI_SCALE_WORD = re.compile(
    r"\b(nghìn tỷ|ngàn tỷ|nghìn tỉ|triệu|tỷ|tỉ)\b(?!\s+(?:lệ|le|chứng|phú))", re.I
)
"""Scale words, not "tỉ lệ" (a rate), "triệu chứng" (a symptom) or "triệu phú"."""
_EN_SCALE_WORD = re.compile(r"\b(millions?|billions?|trillions?)\b", re.I)
_MAGNITUDES = {"triệu": 6, "tỷ": 9, "tỉ": 9, "million": 6, "billion": 9, "trillion": 12}


def _magnitude(value: float) -> int:
    """6 for millions, 9 for billions, 12 for trillions (0 below a million)."""
    return 3 * int(math.log10(value) // 3) if value >= 1e6 else 0


def _scale_words(
    text: str, pattern: re.Pattern[str], numbers: list[Number]
) -> list[tuple[str, int]]:
    """Scale words not part of a number in digits ("hai triệu", "millions") and the size
    each stands for (6, 9, 12)."""
    for number in numbers:  # "2,8 tỷ" is checked by its value
        if number.end:
            text = text[: number.start] + " " * (number.end - number.start) + text[number.end :]
    found = []
    for match in pattern.finditer(text):
        word = match.group(1).lower()
        found.append((match.group(1), 12 if " " in word else _MAGNITUDES[word.rstrip("s")]))
    return found


def _sizes(numbers: list[Number], words: set[float]) -> set[int]:
    """Every size (millions, billions, …) the numbers of a text stand for."""
    return {_magnitude(v) for n in numbers for v in n.values} | {_magnitude(v) for v in words}


_MONTHS = {
    name: month
    for month, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        1,
    )
    for name in names.split()
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_VI_DATE = re.compile(
    r"(?<![\d.,/-])(\d{1,2})\s*[/-]\s*(\d{1,2})(?!\d|[.,]\d)|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})",
    re.IGNORECASE,
)
_EN_DATE = re.compile(
    rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\d)"
    rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_NAMES})\b",
    re.IGNORECASE,
)


def _vietnamese_dates(text: str) -> dict[str, tuple[int, int]]:
    """Day and month of each date of a Vietnamese text: ``5/12``, ``6-10``, ``ngày 5
    tháng 12`` (day first)."""
    dates = {}
    for match in _VI_DATE.finditer(text):
        day, month = (
            int(g) for g in (match.groups()[:2] if match.group(1) else match.groups()[2:])
        )
        if 1 <= day <= 31 and 1 <= month <= 12:
            dates[match.group()] = (day, month)
    return dates


def _english_dates(text: str) -> dict[str, tuple[int, int]]:
    """Day and month of each date of an English text written with its month's name."""
    dates = {}
    for match in _EN_DATE.finditer(text):
        name, day = (match.group(1), match.group(2)) if match.group(1) else match.group(4, 3)
        if name == "May" or name.lower() != "may":  # "may" the verb is no month
            month = _MONTHS[name.lower()]
            if 1 <= int(day) <= 31:
                dates[match.group()] = (int(day), month)
    return dates


def number_findings(vietnamese: str, english: str) -> list[Finding]:
    """A number of either side whose value the other side does not have (one finding,
    with the numbers of each side that found no match)."""
    vi_numbers, vi_words = vietnamese_numbers(vietnamese)
    en_numbers, en_words = english_numbers(english)
    vi_all = vi_words.union(*(n.values for n in vi_numbers))
    en_all = en_words.union(*(n.values for n in en_numbers))
    # A bare "1" is the article "a" as often as a number ("1 tuần", "in a week").
    vi_numbers = [n for n in vi_numbers if n.text != "1"]
    lost = [n.text for n in vi_numbers if not any(_close(v, en_all) for v in n.values)]
    made = [n.text for n in en_numbers if not any(_close(v, vi_all) for v in n.values)]
    vi_scales = _scale_words(vietnamese, _VI_SCALE_WORD, vi_numbers)
    en_scales = _scale_words(english, _EN_SCALE_WORD, en_numbers)
    vi_sizes = _sizes(vi_numbers, vi_words) | {size for _, size in vi_scales}
    en_sizes = _sizes(en_numbers, en_words) | {size for _, size in en_scales}
    lost += [word for word, size in vi_scales if size not in en_sizes]
    made += [word for word, size in en_scales if size not in vi_sizes]
    vi_dates, en_dates = _vietnamese_dates(vietnamese), _english_dates(english)
    if en_dates and not lost and not made:  # every number is there: but the right day?
        lost += [text for text, day in vi_dates.items() if day not in en_dates.values()]
        made += [text for text, day in en_dates.items() if day not in vi_dates.values()]
    if not lost and not made:
        return []
    return [Finding("number", ", ".join(lost), ", ".join(made))]


# ------------------------------------------------------------------------------ names

_NAMES_FILE = "names.tsv"


def fold(text: str) -> str:
    """``text`` without diacritics, case, spaces or punctuation: "Đà Nẵng" → "danang"."""
    return re.sub(r"[\W_]+", "", without_marks(text).casefold())


@dataclass(frozen=True)
class KnownName:
    """A name whose English is not its Vietnamese without diacritics."""

    vietnamese: str
    english: tuple[str, ...]


class NamesTable:
    """Vietnamese names and the English they may take (package data plus the user's)."""

    def __init__(self, names: Iterable[KnownName] = ()) -> None:
        merged: dict[str, KnownName] = {}
        for name in names:
            merged[name.vietnamese] = name
        self.names = sorted(merged.values(), key=lambda n: -len(n.vietnamese))
        self._finder = TermFinder([n.vietnamese for n in self.names], before=r"(?<![\w.])")

    def __len__(self) -> int:
        return len(self.names)

    def find(self, text: str) -> Iterator[tuple[KnownName, int, int]]:
        """Each table name in ``text`` (case as written), longest first, not overlapping."""
        for index, start, end in self._finder.spans(text):
            yield self.names[index], start, end

    @classmethod
    def load(cls, paths: Iterable[str | Path] = ()) -> NamesTable:
        """The table shipped with vnmedia, then each of ``paths`` (later files win)."""
        shipped = resources.files("vnmedia.data").joinpath(_NAMES_FILE).read_text("utf-8")
        entries = list(_name_entries(Path(_NAMES_FILE), shipped.splitlines()))
        for item in paths:
            path = Path(item)
            entries += _name_entries(path, read_lines(path, "names table"))
        return cls(entries)


def _name_entries(path: Path, lines: list[str]) -> Iterator[KnownName]:
    for vietnamese, english in tsv_pairs(path, lines):
        choices = tuple(e.strip() for e in english.split("|") if e.strip())
        if vietnamese.strip() and choices:
            yield KnownName(vietnamese.strip(), choices)


_TITLES = frozenset(
    fold(w)
    for w in (
        "Ông Bà Anh Chị Em Cô Chú Bác Cụ Cháu Con Thầy Ngài Mẹ Cha Bố Má Ba Út Chàng Nàng "
        "Tiến Giáo Thạc Thượng Trung Đại Thiếu Đồng Thủ Tổng Chủ Phó Bộ Sở Cục Viện "
        "Ngân Thành Tỉnh Huyện Quận Phường Xã Thị Công Tập Trường Bệnh Hội Ủy Uỷ Ban Đảng "
        "Nhà Nước Quốc Chính Tòa Toà Văn Phòng Học Đạo Luật Miền Vùng Ngày Tháng Năm "
        "Thứ Lễ Tết Giải Cúp Đội Hãng Báo Đài Kinh Thánh Chúa Trời Phật Đức Mr Mrs Ms Dr"
    ).split()
)
"""Capitalised words that open names without being their distinctive part: titles
("Ông", "Tiến sĩ"), kinds of office and place ("Bộ", "Tỉnh"), and sentence openers."""

_FUNCTION_WORDS = frozenset(
    "tôi tao tớ mình chúng ta họ nó bạn ai gì đâu nào này kia ấy đó đây vậy thế sao "
    "những các mọi mỗi từng tất cả cả và nhưng mà hay hoặc nếu khi lúc vì bởi do tại "
    "để cho với của trong ngoài trên dưới sau trước giữa theo từ đến tới ở về bằng như "
    "là thì có không chẳng chưa đã đang sẽ vẫn còn cũng đều rất quá lắm hơn nhất càng "
    "luôn chỉ mới vừa rồi thôi được bị phải nên cần hãy đừng chớ xin làm thật thực vâng dạ "
    "ừ à ơi nhé nhỉ chứ hả cười vỗ tay bất ngay tuy dù song thậm chí hơn nữa ngoài ra "
    "hôm nay mai qua giờ sáng chiều tối đêm tuần tháng năm ngày lần thứ một hai ba bốn "
    "nhiều ít vài điều việc cái con người chiếc trường hợp đúng sai tốt xấu đầu tiên cuối "
    "tồn hiện tiếp lại thêm nữa ra vào lên xuống đi đến biết nói nghĩ thấy muốn".split()
)
"""Words that open a sentence but never a name (pronouns, conjunctions, adverbs): in
subtitles and in text joined from lines, they keep their capital mid-sentence."""

_SHARED_WITH_EUROPE = "àáãèéìíĩòóõùúũý"
"""Marked letters that European names also carry (José, Fernández, São Paulo): alone they
do not make a word Vietnamese."""
_VI_LETTER = re.compile(f"[{''.join(sorted(set(VIETNAMESE_LETTERS) - set(_SHARED_WITH_EUROPE)))}]")
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*|[.!?:;…\"“”«»()\[\]]")
_SENTENCE_OPENERS = frozenset('.!?:;…"“”«»()[]')


def _vietnamese_shape(word: str) -> bool:
    """Whether ``word`` is written as a Vietnamese syllable: a Vietnamese letter, or the shape
    of one ("Phi", "Nam")."""
    return bool(_VI_LETTER.search(word.lower()) or VIETNAMESE_SYLLABLE.match(word))


def _vietnamese_word(word: str) -> bool:
    """Whether ``word`` may be a Vietnamese word (not a foreign name like "Scott")."""
    return _vietnamese_shape(word) or word.lower() in common_words()


def names_in(vietnamese: str, table: NamesTable) -> list[tuple[str, tuple[str, ...]]]:
    """The names a Vietnamese text mentions, each with the English forms it may take
    (its own letters without diacritics always count)."""
    found: list[tuple[str, tuple[str, ...]]] = []
    masked = vietnamese
    for name, start, end in table.find(vietnamese):
        before = vietnamese[:start].rstrip()
        if " " not in name.vietnamese and (not before or before[-1] in _SENTENCE_OPENERS):
            continue  # "Anh" opening a sentence is "he" or "you", not Britain
        found.append((name.vietnamese, name.english))
        masked = masked[:start] + " " * (end - start) + masked[end:]
    run: list[str] = []
    opens = True  # the text's first word opens a sentence
    run_opens = False
    for token in [*_TOKEN.findall(masked), "."]:
        if token in _SENTENCE_OPENERS or not token[0].isupper() or token.isupper():
            if run:
                found.extend(_run_names(run, run_opens))
            run = []
            opens = token in _SENTENCE_OPENERS
            continue
        if not run:
            run_opens = opens
        run.append(token)
        opens = False
    return found


def _run_names(run: list[str], at_sentence_start: bool) -> list[tuple[str, tuple[str, ...]]]:
    """A run of capitalised words as the name it is, without the title before it; a run
    that opens a sentence counts only from its second word (the first may be any word)."""
    if at_sentence_start and _vietnamese_word(run[0]):
        run = run[1:]  # any Vietnamese word opens a sentence; "Scott" or "Chicago" is a name
    while run and (fold(run[0]) in _TITLES or run[0].lower() in _FUNCTION_WORDS):
        run = run[1:]
    while run and run[-1].lower() in _FUNCTION_WORDS:  # "Aldi Và", "New York Tôi"
        run = run[:-1]
    if not run or len(fold(run[0])) < 3 and len(run) == 1:
        return []
    if len(run) == 1 and _vietnamese_shape(run[0]):
        return []  # one Vietnamese syllable ("Hải", "Phi"): a word as often as a name
    if all(word.lower() in common_words() for word in run):
        return []  # a capitalised term ("Danh Sách Đỏ", the Red List), not a name
    return [(" ".join(run), (run[-1],))]


def name_findings(vietnamese: str, english: str, table: NamesTable) -> list[Finding]:
    """Names of the Vietnamese found nowhere in the English (one finding each)."""
    folded = fold(english)
    findings = []
    for name, choices in names_in(vietnamese, table):
        forms = [fold(name), *(fold(c) for c in choices)]
        # "Canada" in "Canadians", "Harvad" (a typo) in "Harvard": the stem is enough.
        forms += [f[:-1] for f in forms if len(f) >= 5]
        if any(f and f in folded for f in forms) or any(c in english for c in choices):
            continue  # (a symbol, "£", is its own English)
        findings.append(Finding("name", name, ""))
    return findings


# ----------------------------------------------------------------- length, untranslated


def length_ratio(vietnamese: str, english: str, smoothing: int) -> float:
    """log(English characters / Vietnamese characters), both smoothed."""
    return math.log((len(english) + smoothing) / (len(vietnamese) + smoothing))


def length_findings(vietnamese: str, english: str, limits: Thresholds) -> list[Finding]:
    """The English far shorter (omission) or longer (addition) than human translations are."""
    ratio = length_ratio(vietnamese, english, limits.smoothing)
    vi_sentences, en_sentences = len(split_sentences(vietnamese)), len(split_sentences(english))
    evidence_vi = f"{len(vietnamese)} characters, {vi_sentences} sentence(s)"
    evidence_en = f"{len(english)} characters, {en_sentences} sentence(s)"
    fewer, more = en_sentences < vi_sentences, en_sentences > vi_sentences
    if ratio < limits.shorter or (fewer and ratio < limits.shorter_fewer):
        return [Finding("omission", evidence_vi, evidence_en)]
    if ratio > limits.longer or (more and ratio > limits.longer_more):
        return [Finding("addition", evidence_vi, evidence_en)]
    return []


def untranslated_findings(vietnamese: str, english: str, limits: Thresholds) -> list[Finding]:
    """Vietnamese words (lower case: names keep their capitals) left in the English."""
    words = list(_WORD.finditer(english))
    # A capitalised word is a name ("Nguyễn Văn Nam" may keep its marks), unless it opens
    # a sentence ("Cảm ơn.").
    starts = {m.start(1) for m in re.finditer(r"(?:^|[.!?…:\"“]\s*)([^\W\d_])", english)}
    left = [
        m.group()
        for m in words
        if (not m.group()[0].isupper() or m.start() in starts)
        and _VI_LETTER.search(m.group().lower())
    ]
    share = len(left) / max(1, len(words))
    if (len(left) >= limits.vietnamese_words and share >= limits.vietnamese_share) or share > 0.5:
        return [Finding("untranslated", "", " ".join(left[:8]) + (" …" if len(left) > 8 else ""))]
    return []


# --------------------------------------------------------------------------- the check


@dataclass(frozen=True)
class Checker:
    """Everything a check needs besides the two texts."""

    names: NamesTable
    glossary: Glossary
    limits: Thresholds = Thresholds()

    @classmethod
    def load(cls, names: Iterable[str | Path] = (), glossary: Iterable[str | Path] = ()) -> Checker:
        """A checker with the shipped names table plus ``names``, and ``glossary``."""
        return cls(NamesTable.load(names), Glossary.load(glossary))

    def check(self, vietnamese: str, english: str) -> list[Finding]:
        """Every doubt about ``english`` as a translation of ``vietnamese``, in the order of
        :data:`KINDS` (empty: nothing found)."""
        if not vietnamese.strip():
            return []
        findings = [
            *untranslated_findings(vietnamese, english, self.limits),
            *number_findings(vietnamese, english),
            *name_findings(vietnamese, english, self.names),
            *length_findings(vietnamese, english, self.limits),
            *(
                Finding("glossary", term.vietnamese, term.english)
                for term in self.glossary.misses(vietnamese, english)
            ),
        ]
        return sorted(findings, key=lambda f: KINDS.index(f.kind))


@cache
def default_checker() -> Checker:
    """The shipped names table, no glossary, the fitted thresholds (benchmarks, tests)."""
    return Checker(NamesTable.load(), Glossary())
