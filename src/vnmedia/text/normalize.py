"""Stage 3b, normalize: written text → the words a newsreader would say.

Vietnamese goes through three layers, in this order:

1. the **pronunciation lexicon** (the producer's files first, then the built-in news
   abbreviations): ``written → spoken`` replacements of whole tokens;
2. **context rules** of our own, for what the library below reads wrongly (measured with
   ``bench/bench_normalize.py``): negative numbers, decimals ending in zero, fractions,
   ``k``/``tr`` amounts and currencies, ranges and scores, Roman numerals after words like
   "thế kỷ", whole hours, e-mail addresses and URLs, the ``./.`` end mark;
3. **sea-g2p**'s Vietnamese normalizer (Apache-2.0, offline), which reads numbers, dates in
   context ("Chiều 6-10"), times, units, abbreviations and phone numbers, and lower-cases.

English gets light treatment only (lexicon, ``./.``, ``&``, URLs): both engines read English
numbers, dates and units well enough on their own.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from ..models import Unit
from ..runtime.cache import Cache, cache_key

DIGIT_WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"
"""A Vietnamese-written integer: ``1.500`` (dot thousands) or ``1500``."""


# --- the lexicon -----------------------------------------------------------------------------


class Lexicon:
    """``written → spoken`` replacements of whole tokens, per language; longest entry wins."""

    def __init__(self, entries: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.entries: dict[str, dict[str, str]] = {
            lang: dict(table) for lang, table in (entries or {}).items()
        }
        self._patterns: dict[str, re.Pattern[str] | None] = {}

    def merged_over(self, other: Lexicon) -> Lexicon:
        """A lexicon with this one's entries taking precedence over ``other``'s."""
        merged = {lang: dict(table) for lang, table in other.entries.items()}
        for lang, table in self.entries.items():
            merged.setdefault(lang, {}).update(table)
        return Lexicon(merged)

    def apply(self, text: str, lang: str) -> str:
        """Replace every listed written form in ``text`` by its spoken form."""
        if lang not in self._patterns:
            table = self.entries.get(lang, {})
            words = sorted(table, key=len, reverse=True)
            self._patterns[lang] = (
                re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, words)) + r")(?![\w])")
                if words
                else None
            )
        pattern = self._patterns[lang]
        if pattern is None:
            return text
        table = self.entries[lang]
        return pattern.sub(lambda m: table[m.group(1)], text)

    @classmethod
    def load(cls, paths: Iterable[str | Path]) -> Lexicon:
        """Read lexicon files; later files win. TSV: ``lang<TAB>written<TAB>spoken`` (or
        ``written<TAB>spoken`` for Vietnamese); TOML: ``[vi]`` / ``[en]`` tables."""
        lexicon = cls()
        for item in paths:
            path = Path(item)
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"cannot read lexicon {path}: {exc}") from exc
            reader = _toml_entries if path.suffix.lower() == ".toml" else _tsv_entries
            lexicon = cls(reader(path, text)).merged_over(lexicon)
        return lexicon


def _tsv_entries(path: Path, text: str) -> dict[str, dict[str, str]]:
    entries: dict[str, dict[str, str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) == 2:
            fields.insert(0, "vi")
        if len(fields) != 3 or not all(fields):
            raise ConfigError(f"{path}:{number}: expected '[lang<TAB>]written<TAB>spoken'")
        entries.setdefault(fields[0], {})[fields[1]] = fields[2]
    return entries


def _toml_entries(path: Path, text: str) -> dict[str, dict[str, str]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    entries: dict[str, dict[str, str]] = {}
    for lang, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise ConfigError(f'{path}: expected tables like [vi] with "written" = "spoken"')
        entries[lang] = dict(table)
    return entries


@cache
def builtin_lexicon() -> Lexicon:
    """The Vietnamese news abbreviations shipped with vnmedia (``data/lexicon.tsv``)."""
    text = resources.files("vnmedia").joinpath("data/lexicon.tsv").read_text(encoding="utf-8")
    return Lexicon(_tsv_entries(Path("vnmedia/data/lexicon.tsv"), text))


# --- our context rules -----------------------------------------------------------------------

Rule = Callable[[str], str]


def _digits(number: str) -> str:
    return " ".join(DIGIT_WORDS[int(d)] for d in number)


def _roman_value(numeral: str) -> int | None:
    """The value of a well-formed Roman numeral (1–3999), else ``None``."""
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


_ROMAN_CONTEXT = re.compile(
    r"(?i)\b(thế kỷ|thế kỉ|phần|mục|chương|thứ|khóa|khoá|lần thứ|đại hội|quý|hạng|tập|"
    r"kỳ họp|kì họp|kỳ|kì|cấp|giải|hội nghị trung ương|trung ương|đoạn|khoản|điều|"
    r"phụ lục|số|năm)\s+([IVXLCDMivxlcdm]+)\b(?=(\s*\S)?)"
)
# Lower-case numerals that are also Vietnamese words ("điều vi phạm") count only at the
# end of a phrase.
_ROMAN_WORDS = {"i", "v", "x", "vi", "mi", "li", "xi", "di", "ci", "mix", "dim", "lid"}


def _roman_numerals(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        numeral, following = match.group(2), match.group(3) or ""
        if numeral.islower() and numeral in _ROMAN_WORDS and following.strip()[:1].isalnum():
            return match.group(0)
        if numeral.islower() and match.group(1).lower() in {"số", "năm"} and len(numeral) < 2:
            return match.group(0)
        value = _roman_value(numeral)
        return f"{match.group(1)} {value}" if value else match.group(0)

    return _ROMAN_CONTEXT.sub(replace, text)


_SCORE = re.compile(r"(?i)\b(tỷ số|tỉ số|thắng|thua|hòa|hoà|cách biệt)\s+(\d+)\s*[-–]\s*(\d+)\b")
_RANGE_WORDS = r"nhiệm kỳ|nhiệm kì|giai đoạn|từ|khoảng|trong|niên khóa|niên khoá|mùa giải"
_CONTEXT_RANGE = re.compile(rf"(?i)\b({_RANGE_WORDS})\s+({_NUMBER})\s*[-–]\s*({_NUMBER})\b")
_UNITS = r"k|tr|t|đ|\$|€|%|kg|g|mg|km|m|cm|mm|ha|tấn|mhz|ghz|khz|hz|gb|mb|kb|tb|lít|l|ml"
_UNIT_RANGE = re.compile(
    rf"(?i)\b({_NUMBER}(?:,\d+)?)\s*({_UNITS})\s*[-–]\s*({_NUMBER}(?:,\d+)?)\s*\2(?!\w)"
)


_DATE = r"\d{1,2}[./-]\d{1,2}(?:[./-]\d{4})?"
_DATE_RANGE = re.compile(rf"(?<![\d./-])({_DATE})\s*[-–]\s*({_DATE})(?![\d./-])")
_FROM_RANGE = re.compile(
    rf"(?i)\b(từ)\s+(tháng|ngày|năm|khoảng)?\s*({_NUMBER}(?:[.,/]\d+)*)\s+[-–]\s+(\d)"
)


def _ranges(text: str) -> str:
    text = _SCORE.sub(r"\1 \2 \3", text)  # "thắng 3-0": a score, read "ba không"
    # "4.1.2017 - 4.1.2018", "từ tháng 1 - 7.2017": the dash means "to".
    text = _DATE_RANGE.sub(
        lambda m: (
            f"{m.group(1)} đến {m.group(2)}"
            if "." in m.group(0) or "/" in m.group(0)
            else m.group(0)
        ),
        text,
    )
    text = _FROM_RANGE.sub(
        lambda m: (
            f"{m.group(1)} {m.group(2) or ''} {m.group(3)} đến {m.group(2) or ''} {m.group(4)}"
        ),
        text,
    )
    text = _UNIT_RANGE.sub(r"\1\2 đến \3\2", text)  # "3kg-6kg" → "3kg đến 6kg"
    return _CONTEXT_RANGE.sub(r"\1 \2 đến \3", text)  # "nhiệm kỳ 2020-2025"


_NUMERIC_DATE = re.compile(r"(?<![\d.,/:-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d/-]|[.,]\d)")
_DATE_OPENERS = ("ngày", "hôm", "mùng", "mồng")


def _dates(text: str) -> str:
    """``12.5.2021`` → ``ngày 12 tháng 5 năm 2021``, in words the library reads whole.

    Left to sea-g2p, a date with dots or slashes loses "năm" before the year when the
    month is five ("tháng năm hai nghìn …"), so every full numeric date is spelled out.
    """

    def replace(match: re.Match[str]) -> str:
        day, month, year = int(match.group(1)), int(match.group(3)), match.group(4)
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return match.group(0)
        before = text[: match.start()].rstrip().lower()
        opener = "" if before.endswith(_DATE_OPENERS) else "ngày "
        return f"{opener}{day} tháng {month} năm {year}"

    return _NUMERIC_DATE.sub(replace, text)


_CLOCK = r"\d{1,2}(?::\d{2}|h\d{0,2})"
_TIME_RANGE = re.compile(rf"(?<![\d:])({_CLOCK})\s*[-–]\s*({_CLOCK})(?![\d:])")


def _time_ranges(text: str) -> str:
    """``8:30-10:45``, ``7h30 - 9h`` → ``8:30 đến 10:45``: the dash between two times is "to"."""
    return _TIME_RANGE.sub(r"\1 đến \2", text)


_NEGATIVE = re.compile(r"(^|[\s(:=])[-−–](?=\d)")


def _negatives(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        before = text[: match.start()].rstrip()
        if before and (before[-1].isdigit() or before[-1] in "%$"):
            return match.group(0)  # "10 -20": a range, not a negative number
        return f"{match.group(1)}âm "

    return _NEGATIVE.sub(replace, text)


_DECIMAL_ZEROS = re.compile(rf"(?<![\d.,])({_NUMBER}),(\d*0)(?![\d,])")


def _decimals(text: str) -> str:
    """``60,240`` → ``60 phẩy hai bốn không``: every decimal digit is read, zeros too."""
    return _DECIMAL_ZEROS.sub(lambda m: f"{m.group(1)} phẩy {_digits(m.group(2))}", text)


_DENOMINATORS = dict(enumerate("hai ba tư năm sáu bảy tám chín mười".split(), start=2))
_FRACTION = re.compile(r"(?<![\d/.,])(?:(\d+)\s+)?(\d)/(\d{1,2})(?![\d/])([a-zA-Z]+\b)?")
# A unit glued to a fraction ("3/4m") loses the number sea-g2p would read it after.
_FRACTION_UNITS = {
    "m": "mét", "km": "ki lô mét", "cm": "xăng ti mét", "mm": "mi li mét",
    "kg": "ki lô gam", "g": "gam", "l": "lít", "ml": "mi li lít", "h": "giờ",
}  # fmt: skip


def _fractions(text: str) -> str:
    """Proper fractions (``3/4``, ``23 1/5``) → ``ba phần tư``; ``9/4`` stays a date."""

    def replace(match: re.Match[str]) -> str:
        whole, top, bottom = match.group(1), int(match.group(2)), int(match.group(3))
        unit = match.group(4) or ""
        if not 0 < top < bottom or bottom not in _DENOMINATORS:
            return match.group(0)
        fraction = f"{top} phần {_DENOMINATORS[bottom]}"
        if unit:
            fraction += " " + _FRACTION_UNITS.get(unit.lower(), unit)
        return f"{whole} và {fraction}" if whole else fraction

    return _FRACTION.sub(replace, text)


_CURRENCY_AFTER = [
    (re.compile(rf"({_NUMBER}(?:,\d+)?)\s?(?:\$|USD|usd)(?!\w)"), r"\1 đô la"),
    (re.compile(rf"({_NUMBER}(?:,\d+)?)\s?(?:€|EUR|eur)(?!\w)"), r"\1 ơ rô"),
    (re.compile(rf"({_NUMBER}(?:,\d+)?)\s?£"), r"\1 bảng Anh"),
    (re.compile(rf"({_NUMBER}(?:,\d+)?)\s?¥"), r"\1 yên"),
    (re.compile(rf"({_NUMBER}(?:,\d+)?)\s?(?:₹|INR)(?!\w)"), r"\1 rupi"),
    (re.compile(rf"({_NUMBER}(?:,\d+)?)\s?(?:₩|KRW)(?!\w)"), r"\1 won"),
    (re.compile(rf"({_NUMBER}(?:,\d+)?)\s?(?:฿|THB)(?!\w)"), r"\1 bạt"),
    (re.compile(rf"({_NUMBER}(?:,\d+)?)\s?(?:₽|RUB)(?!\w)"), r"\1 rúp"),
    (re.compile(rf"({_NUMBER}(?:,\d+)?)\s?(?:₫|VNĐ|VND|vnđ|vnd|đ)(?!\w)"), r"\1 đồng"),
    (re.compile(r"(?<=nghìn|triệu)\s(?:VNĐ|VND|vnđ|vnd)(?!\w)"), " đồng"),
    (re.compile(r"(?<=tỷ)\s(?:VNĐ|VND|vnđ|vnd)(?!\w)"), " đồng"),
]
_CURRENCY_BEFORE = [
    (re.compile(rf"\$\s?({_NUMBER}(?:,\d+)?)"), r"\1 đô la"),
    (re.compile(rf"€\s?({_NUMBER}(?:,\d+)?)"), r"\1 ơ rô"),
    (re.compile(rf"£\s?({_NUMBER}(?:,\d+)?)"), r"\1 bảng Anh"),
    (re.compile(rf"¥\s?({_NUMBER}(?:,\d+)?)"), r"\1 yên"),
    (re.compile(rf"₹\s?({_NUMBER}(?:,\d+)?)"), r"\1 rupi"),
    (re.compile(rf"₩\s?({_NUMBER}(?:,\d+)?)"), r"\1 won"),
    (re.compile(rf"฿\s?({_NUMBER}(?:,\d+)?)"), r"\1 bạt"),
    (re.compile(rf"₽\s?({_NUMBER}(?:,\d+)?)"), r"\1 rúp"),
]
_CURRENCY_WORDS = "đồng|đô la Mỹ|đô la mỹ|đô la|ơ rô|bảng Anh|yên|rupi|won|bạt|rúp|nhân dân tệ"
# "đồng/kg", "USD/ounce": a price per unit of goods is read "đồng một ki lô gam"; a rate
# per unit of time stays "trên" ("50.000đ/ngày" → "đồng trên ngày", as the corpus reads it).
_PER_UNIT = re.compile(
    rf"(?i)\b({_CURRENCY_WORDS})\s?/\s?(?!(?:ngày|giờ|h|tháng|năm|tuần|phút|giây|min|s|quý)\b)(\w+)"
)
_PER_UNIT_NAMES = {
    "kg": "ki lô gam", "g": "gam", "l": "lít", "ml": "mi li lít", "m": "mét",
    "m2": "mét vuông", "m²": "mét vuông", "m3": "mét khối", "m³": "mét khối",
    "km": "ki lô mét", "ha": "héc ta", "ounce": "ao xơ", "oz": "ao xơ",
    "kwh": "ki lô oát giờ", "mwh": "mê ga oát giờ", "usd": "đô la", "tb": "thuê bao",
}  # fmt: skip
_AMOUNT_SUFFIX = [
    # "2t3" is 2,3 tỷ, "1tr5" 1,5 triệu: said "hai tỷ ba", "một triệu năm".
    (re.compile(r"(?i)\b(\d{1,3})tr(\d{1,3})\b"), r"\1 triệu \2"),
    (re.compile(r"\b(\d{1,3})t(\d{1,3})\b"), r"\1 tỷ \2"),
    (re.compile(rf"(?i)\b({_NUMBER}(?:,\d+)?)\s?k\b"), r"\1 nghìn"),
    (re.compile(rf"(?i)\b({_NUMBER}(?:,\d+)?)\s?tr\b"), r"\1 triệu"),
    (re.compile(rf"\b({_NUMBER}(?:,\d+)?)t\b"), r"\1 tỷ"),
]
_PER_SHARE = re.compile(r"(?i)/\s?cp\b")


def _money(text: str) -> str:
    text = _PER_SHARE.sub(" một cổ phiếu", text)  # "50.000đ/cp"
    for pattern, replacement in (*_CURRENCY_BEFORE, *_AMOUNT_SUFFIX, *_CURRENCY_AFTER):
        text = pattern.sub(replacement, text)
    return _PER_UNIT.sub(
        lambda m: f"{m.group(1)} một {_PER_UNIT_NAMES.get(m.group(2).lower(), m.group(2))}", text
    )


_WHOLE_HOUR = re.compile(r"(?<![\d:])0?(\d{1,2})(?::00(?::00)?|h00)(?![\d:])")
_ZERO_SECONDS = re.compile(r"(?<![\d:])(\d{1,2}:\d{2}):00(?![\d:])")
_LEADING_ZERO_HOUR = re.compile(r"\b0(\d)h\b")
_MINUTES_SECONDS = re.compile(r"\b0?(\d{1,2})p(?:0?(\d{1,2})s)?\b")


def _times(text: str) -> str:
    text = _WHOLE_HOUR.sub(r"\1 giờ", text)  # "8:00", "08h00" → "8 giờ"
    text = _ZERO_SECONDS.sub(r"\1", text)  # "04:30:00" → "04:30"
    text = _LEADING_ZERO_HOUR.sub(r"\1h", text)  # "02h" → "2h"
    # "3p20s" → "3 phút 20 giây"
    return _MINUTES_SECONDS.sub(
        lambda m: f"{m.group(1)} phút" + (f" {m.group(2)} giây" if m.group(2) else ""), text
    )


_UNIT_SYMBOLS = [
    # Electrical and data units sea-g2p leaves as letters ("hai tw") or reads in English.
    (re.compile(r"(?<=\d)\s?mAh\b"), " mi li am pe giờ"),
    (re.compile(r"(?<=\d)\s?mA\b"), " mi li am pe"),
    (re.compile(r"(?i)(?<=\d)\s?kWh\b"), " ki lô oát giờ"),
    (re.compile(r"(?<=\d)\s?MWh\b"), " mê ga oát giờ"),
    (re.compile(r"(?i)(?<=\d)\s?GWh\b"), " gi ga oát giờ"),
    (re.compile(r"(?i)(?<=\d)\s?TWh\b"), " tê ra oát giờ"),
    (re.compile(r"(?i)(?<=\d)\s?kW\b"), " ki lô oát"),
    (re.compile(r"(?<=\d)\s?MW\b"), " mê ga oát"),
    (re.compile(r"(?i)(?<=\d)\s?GW\b"), " gi ga oát"),
    (re.compile(r"(?i)(?<=\d)\s?TW\b"), " tê ra oát"),
    (re.compile(r"(?<=\d)\s?W\b"), " oát"),
    (re.compile(r"(?<=\d)\s?Mbps\b"), " mê ga bít trên giây"),
    (re.compile(r"(?<=\d)\s?Gbps\b"), " gi ga bít trên giây"),
    (re.compile(r"(?<=\d)\s?TB\b"), " tê ra bai"),
    (re.compile(r"(?<=\d)\s?GB\b"), " gi ga bai"),
    (re.compile(r"(?<=\d)\s?MB\b"), " mê ga bai"),
    (re.compile(r"(?<=\d)\s?mV\b"), " mi li vôn"),
    (re.compile(r"(?<=\d)\s?kV\b"), " ki lô vôn"),
    (re.compile(r"(?<=\d)\s?[vV]\b"), " vôn"),
    (re.compile(r"(?<=\d)\s?(?:hp|HP|CV)\b"), " mã lực"),
    (re.compile(r"(?<=\d)\s?(?:m²|m2)(?!\w)"), " mét vuông"),
    (re.compile(r"(?<=\d)\s?(?:km²|km2)(?!\w)"), " ki lô mét vuông"),
    (re.compile(r"(?<=\d)\s?(?:m³|m3)(?!\w)"), " mét khối"),
    (re.compile(r"(?<=[\d\w])/h\b"), " trên giờ"),
    (re.compile(r"(?<=[\d\w])/min\b"), " trên phút"),
    (re.compile(r"(?<=[\d\w])/s\b"), " trên giây"),
]


_UNIT_WORDS = "|".join(
    sorted({re.escape(words.strip()) for _, words in _UNIT_SYMBOLS}, key=len)[::-1]
)
_NUMBER_BEFORE_UNIT = re.compile(rf"(?<![\w.,])(\d+(?:[.,]\d+)*)(?= (?:{_UNIT_WORDS})\b)")


def _units(text: str) -> str:
    for pattern, words in _UNIT_SYMBOLS:
        text = pattern.sub(words, text)
    # The number before a unit is spelled here: "1000 mi li am pe" alone has no Vietnamese
    # letter, and sea-g2p would take the sentence for English ("one thousand").
    return _NUMBER_BEFORE_UNIT.sub(lambda m: _sea_normalizer()(m.group(1)), text)


# sea-g2p says some units and currencies in English; a Vietnamese voice needs them in
# Vietnamese spelling.
_ENGLISH_WORDS = {
    "gigabyte": "gi ga bai",
    "megabyte": "mê ga bai",
    "kilobyte": "ki lô bai",
    "terabyte": "tê ra bai",
    "euro": "ơ rô",
    "pound": "bảng Anh",
}
_ENGLISH_WORD = re.compile(r"\b(" + "|".join(_ENGLISH_WORDS) + r")s?\b")


def _vietnamese_spelling(text: str) -> str:
    return _ENGLISH_WORD.sub(lambda m: _ENGLISH_WORDS[m.group(1)], text)


_EMAIL = re.compile(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b")
_URL = re.compile(
    r"\b(?:https?://|www\.)+((?:[a-z0-9-]+\.)+[a-z]{2,})(/\S*\w)?"  # scheme or www: a URL
    r"|\b((?:[a-z0-9-]+\.)+(?:com|net|org|vn|gov|edu|info|io))\b(/\S*\w)?"  # or a known TLD
)
_END_MARK = re.compile(r"\s*\./\.\s*")


def _addresses(text: str) -> str:
    text = _EMAIL.sub(
        lambda m: f"{m.group(1).replace('.', ' chấm ')} a còng {m.group(2).replace('.', ' chấm ')}",
        text,
    )
    return _URL.sub(lambda m: _host(m).replace(".", " chấm "), text)


def _host(match: re.Match[str]) -> str:
    """The host name of a URL match (its path is not read aloud)."""
    return match.group(1) or match.group(3)


_BARE_BIG_NUMBER = re.compile(r"(?<![\d.,:/-])([1-9]\d{4,20})(?![\d.,:/-])")
_DOTTED_HUGE_NUMBER = re.compile(r"(?<![\d.,:/-])([1-9]\d{0,2}(?:\.\d{3}){4,6})(?![\d,:/-]|\.\d)")
BILLION = 10**9


def _group_thousands(text: str) -> str:
    """``2000000`` → ``2.000.000``: sea-g2p reads long bare digit runs as phone numbers.

    Numbers starting with 0 (phone numbers, codes) are left alone. From a thousand billion
    (13 digits) on, the number is spelled here: sea-g2p reads ``1.234.567.890.123`` as
    "một nghìn tỷ hai trăm …", where Vietnamese counts the billions: "một nghìn hai trăm ba
    mươi bốn tỷ …" (and 10¹⁵ is "một triệu tỷ").
    """
    text = _DOTTED_HUGE_NUMBER.sub(lambda m: _spell_huge(int(m.group(1).replace(".", ""))), text)

    def grouped(match: re.Match[str]) -> str:
        value = int(match.group(1))
        return _spell_huge(value) if value >= 1000 * BILLION else f"{value:,}".replace(",", ".")

    return _BARE_BIG_NUMBER.sub(grouped, text)


def _spell_huge(value: int) -> str:
    """A number of a thousand billion or more, in words: its billions, then the rest."""
    billions, rest = divmod(value, BILLION)
    head = _sea_normalizer()(f"{billions:,}".replace(",", "."))
    if billions >= 1000 * BILLION:
        head = _spell_huge(billions)
    tail = f" {_sea_normalizer()(f'{rest:,}'.replace(',', '.'))}" if rest else ""
    return f"{head} tỷ{tail}"


_MONTH_YEAR = re.compile(r"(?i)\b(tháng)\s+(\d{1,2})\s+(\d{4})\b")


def _month_year(text: str) -> str:
    return _MONTH_YEAR.sub(r"\1 \2 năm \3", text)  # "tháng 1 2024" → "tháng 1 năm 2024"


_PLATE = re.compile(r"\bBS\s*:\s*(?=\d{2}[A-Z])")


def _plates(text: str) -> str:
    """``BS: 14A-130`` is a number plate (biển số), not a doctor (bác sĩ)."""
    return _PLATE.sub("biển số ", text)


def _end_mark(text: str) -> str:
    """The ``./.`` that closes official documents is not read aloud: it is a full stop."""
    return _END_MARK.sub(". ", text).strip()


RULES_VERSION = 3
"""Bump when a rule changes what is spoken: it is part of every clip's cache key, so clips
spoken with the old forms are made again (2: dotted dates, time ranges, more currencies,
prices per unit, electrical and data units; 3: numbers before units spelled in Vietnamese,
time ranges of whole hours, numbers of 13 digits and more, 2t3 and 1tr5, per subscriber)."""

VIETNAMESE_RULES: list[Rule] = [
    _end_mark,
    _plates,
    _addresses,
    _roman_numerals,
    _month_year,
    _time_ranges,
    _times,
    _ranges,
    _dates,
    _money,
    _negatives,
    _fractions,
    _decimals,
    _units,
    _group_thousands,
]
"""Our rules, in order; each is a small ``str -> str`` function (like gTTS pre-processors)."""


# --- the library, and cleanup ----------------------------------------------------------------


@cache
def _sea_normalizer() -> Callable[[str], str]:
    from sea_g2p import Normalizer

    normalizer = Normalizer(lang="vi")
    return normalizer.normalize  # type: ignore[no-any-return]


_LANGUAGE_TAGS = re.compile(r"</?[a-z]{2}>")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?])")


def _tidy(text: str) -> str:
    text = _LANGUAGE_TAGS.sub("", text)  # sea-g2p marks English spans as <en>…</en>
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def _identity(lexicon: Lexicon) -> str:
    from importlib import metadata

    from ..version import __version__

    try:
        library = metadata.version("sea-g2p")
    except metadata.PackageNotFoundError:
        library = "unknown"
    entries = json.dumps(lexicon.entries, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(entries.encode()).hexdigest()[:16]
    return f"{__version__}.{RULES_VERSION}/{library}/{digest}"


class TextNormalizer:
    """Turns written text into its spoken form, per language."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        # The producer's entries win over the built-in abbreviations.
        self.lexicon = (lexicon or Lexicon()).merged_over(builtin_lexicon())
        self.identity = _identity(self.lexicon)
        """Everything that decides the spoken forms (for cache keys): our version, the
        library's, and the lexicon."""

    def normalize(self, text: str, lang: str) -> str:
        """The spoken form of ``text`` in ``lang`` (``"vi"`` or ``"en"``)."""
        text = self.lexicon.apply(text, lang)
        if lang != "vi":
            return _tidy(_URL.sub(_host, _end_mark(text)).replace("&", " and "))
        for rule in VIETNAMESE_RULES:
            text = rule(text)
        return _tidy(_vietnamese_spelling(_sea_normalizer()(text)))


def normalize_units(
    units: list[Unit], normalizer: TextNormalizer | None, cache: Cache | None = None
) -> list[Unit]:
    """The plan with each segment's spoken form filled in (unchanged without a normalizer).

    Spoken forms are cached like translations: a rerun over unchanged text does no
    normalization work at all.
    """
    if normalizer is None:
        return units
    store = cache or Cache(None)

    def spoken(text: str, lang: str) -> str:
        key = cache_key("spoken", lang=lang, text=text, rules=normalizer.identity)
        found = store.get_text("spoken", key)
        if found is None:
            found = normalizer.normalize(text, lang)
            store.put_text("spoken", key, found)
        return found

    return [
        [replace(s, spoken=spoken(s.text, s.lang)) if s.text else s for s in unit] for unit in units
    ]
