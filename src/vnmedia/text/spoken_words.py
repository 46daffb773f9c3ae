"""Stage 3b, normalize: the spoken vocabulary the rule groups share.

The words for digits, letters and months, Roman numerals, the written unit and currency
symbols with their spoken names, and the call to sea-g2p's normalizer (with the cleanup of
what it returns). A leaf: the rules in ``acronyms`` and ``numbers`` read through it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib import resources

from .letters import VIETNAMESE_LETTERS

DIGIT_WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"
"""A Vietnamese-written integer: ``1.500`` (dot thousands) or ``1500``."""


# --- digits, Roman numerals ------------------------------------------------------------------


def say_number(number: str) -> str:
    """A number as sea-g2p says it alone, in words: ``"108"`` → ``"một trăm lẻ tám"`` (for a
    rule that must keep it apart from the number beside it)."""
    return tidy(sea_normalizer()(number))


def read_digits(number: str) -> str:
    """Digit by digit: ``"090"`` → ``"không chín không"``."""
    return " ".join(DIGIT_WORDS[int(d)] for d in number)


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed Roman numeral (1–3999), in either case, else ``None``:
    ``"XIV"`` is 14, ``"IIII"`` and ``"IC"`` are no numerals. The one Roman parser of the
    package: the normalizer reads numerals with it, the faithfulness check compares them."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    numeral = numeral.upper()
    if not numeral or any(ch not in values for ch in numeral):
        return None
    total = 0
    for here, after in zip(numeral, numeral[1:] + " ", strict=True):
        value = values[here]
        total += -value if after != " " and values[after] > value else value
    return total if 0 < total < 4000 and _to_roman(total) == numeral else None


def _to_roman(value: int) -> str:
    out = ""
    for number, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while value >= number:
            out, value = out + letters, value - number
    return out


# --- letters ---------------------------------------------------------------------------------

LETTER_NAMES = {
    "A": "a", "B": "bê", "C": "xê", "D": "đê", "Đ": "đê", "E": "e", "F": "ép", "G": "gờ",
    "H": "hát", "I": "i", "J": "gi", "K": "ca", "L": "lờ", "M": "mờ", "N": "nờ", "O": "ô",
    "P": "pê", "Q": "quy", "R": "rờ", "S": "ét", "T": "tê", "U": "u", "V": "vê",
    "W": "vê kép", "X": "ích", "Y": "i dài", "Z": "dét",
}  # fmt: skip
"""Vietnamese names of the letters, as a newsreader spells a code or an acronym."""


def spell_letters(letters: str) -> str:
    """``"CDC"`` → ``"xê đê xê"``."""
    return " ".join(LETTER_NAMES[letter] for letter in letters.upper())


VI_LOWER = "a-z" + VIETNAMESE_LETTERS
"""The Vietnamese lower-case letters, for a regular expression's character class."""


# --- months, currencies, units ---------------------------------------------------------------

MONTH_WORDS = ["", *DIGIT_WORDS[1:4], "tư", *DIGIT_WORDS[5:], "mười", "mười một", "mười hai"]
"""Months as a newsreader says them: "tháng tư", not "tháng bốn" (sea-g2p says the latter
for "tháng 4" written out)."""
CURRENCY_WORDS = "đồng|đô la Mỹ|đô la mỹ|đô la|ơ rô|bảng Anh|yên|rupi|won|bạt|rúp|nhân dân tệ|cent"
"""Currencies as a newsreader says them, as a regular expression's alternatives."""
MEASURE_NAMES = {
    "kg": "ki lô gam", "g": "gam", "l": "lít", "ml": "mi li lít", "m": "mét",
    "m2": "mét vuông", "m²": "mét vuông", "m3": "mét khối", "m³": "mét khối",
    "km": "ki lô mét", "ha": "héc ta", "ounce": "ao xơ", "oz": "ao xơ",
    "kwh": "ki lô oát giờ", "mwh": "mê ga oát giờ",
}  # fmt: skip
"""Measures a yield or a price is given per ("tấn/ha", "30.000 đồng/kg"), and how said."""
PER_UNIT_NAMES = {**MEASURE_NAMES, "usd": "đô la", "tb": "thuê bao"}
"""What a price or a rate is given per: a measure, a dollar ("VND/USD"), a subscriber."""
CURRENCY_NAMES = {"đ", "đồng", "vnđ", "vnd", "usd", "eur", "đô", "nghìn", "triệu", "tỷ", "k"}
"""Words before a slash that make it a price, read by ``_money``."""


def data_rows(name: str) -> list[list[str]]:
    """The rows of a built-in table, ``data/<name>``: its tab-separated fields, stripped, on
    each line that is neither blank nor a ``#`` comment."""
    text = resources.files("vnmedia").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [
        [field.strip() for field in line.split("\t")]
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


def _unit_lines() -> list[tuple[str, str, bool]]:
    """``data/units.tsv``: ``(symbols, spoken, any letter case)`` per line."""
    return [(symbols, spoken, case == ["i"]) for symbols, spoken, *case in data_rows("units.tsv")]


AFTER_AMOUNT = r"(?:(?<=\d)|(?<=\d )|(?<=nghìn )|(?<=ngàn )|(?<=triệu )|(?<=tỷ ))"
"""Where an amount's unit stands: right after its digits, or after a number's word ("386.000
cp", "2,5 triệu AUD")."""


UNIT_LINES = _unit_lines()
"""``data/units.tsv``, read once: ``UNIT_SYMBOL_WORDS`` below and the unit rules of
``numbers`` come from it."""
UNIT_SYMBOL_WORDS = (
    {s.strip().strip("/").lower() for symbols, _, _ in UNIT_LINES for s in symbols.split("|")}
    | set(PER_UNIT_NAMES)
    | {"h", "s", "min", "km", "cm", "mm", "mg", "kg", "g", "m", "l", "ml"}
)
"""Unit symbols, lower-cased: a slash next to one is a unit's ("km/h"), not between words."""


# --- the library, and cleanup ----------------------------------------------------------------


@cache
def sea_normalizer() -> Callable[[str], str]:
    """sea-g2p's Vietnamese normalizer (the layer under our rules), loaded once."""
    from sea_g2p import Normalizer

    normalizer = Normalizer(lang="vi")
    return normalizer.normalize  # type: ignore[no-any-return]


_LANGUAGE_TAGS = re.compile(r"</?[a-z]{2}>")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?])")


def tidy(text: str) -> str:
    """What sea-g2p returns, without its language tags and with spaces closed up."""
    text = _LANGUAGE_TAGS.sub("", text)  # sea-g2p marks English spans as <en>…</en>
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()
