"""Stage 3b, normalize: our context rules for numbers and what is written with them.

Roman numerals, phone numbers, dates, scores and ranges, decimals, fractions, money, times,
units, big numbers and licence plates (addresses and marks are in ``marks``).
``normalize.VIETNAMESE_RULES`` runs them in order.
"""

from __future__ import annotations

import re
from functools import cache

from .spoken_words import (
    AFTER_AMOUNT,
    CURRENCY_NAMES,
    CURRENCY_WORDS,
    MONTH_WORDS,
    NUMBER,
    PER_UNIT_NAMES,
    UNIT_LINES,
    VI_LOWER,
    data_rows,
    read_digits,
    roman_value,
    say_number,
    sea_normalizer,
)

# --- Roman numerals after words like "thế kỷ" ------------------------------------------------

_ROMAN_BEFORE = (
    r"thế kỷ|thế kỉ|phần|mục|chương|thứ|khóa|khoá|lần thứ|đại hội|quý|hạng|tập|"
    r"kỳ họp|kì họp|kỳ|kì|cấp|giải|hội nghị trung ương|trung ương|đoạn|khoản|điều|"
    r"phụ lục|số|năm|đợt|loại|nhóm|chuyên khoa|cấp độ"
)
_ROMAN_CONTEXT = re.compile(rf"(?i)\b({_ROMAN_BEFORE})\s+([IVXLCDMivxlcdm]+)\b(?=(\s*\S)?)")
_ROMAN_LIST = re.compile(
    rf"(?i:\b(?:{_ROMAN_BEFORE})\s+\d{{1,2}}(?:\s*(?:,|và|hoặc|đến|tới|-|–)\s*\d{{1,2}})*"
    rf"\s*(?:,|và|hoặc|đến|tới|-|–)\s*)([IVXLCDM]+)\b"
)
"""The numerals after the first of a list: "thế kỷ IV và V", "khóa IX, X" (a lone "V" or
"X" is otherwise left to sea-g2p); the list's numbers are small ("giai đoạn 2023-2030, MXV"
is years, then a name)."""
# Lower-case numerals that are also Vietnamese words ("điều vi phạm") count only at the
# end of a phrase.
_ROMAN_WORDS = {"i", "v", "x", "vi", "mi", "li", "xi", "di", "ci", "mix", "dim", "lid"}


_ROMAN_DOTTED = re.compile(r"(?<![\w.])([IVX]{2,4})\.(\d{1,2})(?![\w.]|,\d)")
"""``Chi cục Quản lý đường bộ II.5``, ``mục IV.2``: a numeral, a dot, a number: "hai chấm
năm" (not the letters "i i")."""


_ROMAN_THEN_NUMBER = re.compile(r"(?<![\w.])([IVX]{2,5})(?=\s+\d)")
"""``Quân khu IV 300 người``: a numeral, then a count; the two are said apart, not "bốn nghìn
ba trăm" once the numeral is a number."""


_ROMAN_COMMA = re.compile(r"\b([IVX]{1,4}),([IVX]{1,4})\b")
_ROMAN_BEFORE_YEAR = re.compile(r"(?<=[IVX]) /(?=(?:19|20)\d\d\b)")


def _roman_numerals(text: str) -> str:
    # "khóa XI,XII": two numerals listed ("mười một, mười hai", not a decimal once they are
    # numbers); "quý II /2019": the year's slash with a space before it
    text = _ROMAN_BEFORE_YEAR.sub("/", _ROMAN_COMMA.sub(r"\1, \2", text))
    text = _ROMAN_THEN_NUMBER.sub(lambda m: f"{m[1]}," if roman_value(m[1]) else m[1], text)
    text = _ROMAN_DOTTED.sub(
        lambda m: f"{value} chấm {m[2]}" if (value := roman_value(m[1])) else m[0], text
    )

    def replace(match: re.Match[str]) -> str:
        numeral, following = match.group(2), match.group(3) or ""
        if not (numeral.isupper() or numeral.islower()):
            return match.group(0)  # "cổ phần Xi măng": a word, no numeral is in mixed case
        if numeral.upper() in {"C", "D", "L", "M"}:
            return match.group(0)  # "bằng lái hạng C": a letter (no list counts to 100 so)
        if numeral.islower() and numeral in _ROMAN_WORDS and following.strip()[:1].isalnum():
            return match.group(0)
        if numeral.islower() and match.group(1).lower() in {"số", "năm"} and len(numeral) < 2:
            return match.group(0)
        value = roman_value(numeral)
        return f"{match.group(1)} {value}" if value else match.group(0)

    text = _ROMAN_CONTEXT.sub(replace, text)

    def listed(match: re.Match[str]) -> str:
        value = roman_value(match.group(1))
        head = match.group(0)[: match.start(1) - match.start()]
        return f"{head}{value}" if value else match.group(0)

    while True:  # each pass reads one more numeral of a list, however long it is
        longer = _ROMAN_LIST.sub(listed, text)
        if longer == text:
            return text
        text = longer


# --- phone numbers ---------------------------------------------------------------------------

_PHONE_WORDS = (
    r"ĐT|SĐT|ĐTDĐ|(?i:hotline|đường dây nóng|điện thoại|số máy|tel|phone|fax|gọi|liên hệ|"
    r"tổng đài)"
)
_PHONE_SHAPE = (
    r"(?:\+\d{2}|0)[\d .-]{5,14}\d|1[89]00[ .]?\d{3,4}(?:[ .]\d{2,4})?|1[89]00-\d{4,6}|11[1-6]"
)
# A second number after a slash is the same line's other number ("0909 202 911/092 643 29 88").
_PHONE_AFTER_WORD = re.compile(
    rf"\b({_PHONE_WORDS})(\s*(?:số)?\s*:?\s*)({_PHONE_SHAPE})(?:\s?/\s?({_PHONE_SHAPE}))?(?!\d)"
)
_PHONE_ALONE = re.compile(
    r"(?<![\d.,/])(0\d{1,3}[ .]\d{3,4}[ .]\d{3,4}|0\d{9,10}|0\d{1,3}[ .]\d{7,8}"
    r"|1[89]00[ .]?\d{3,4}(?:[ .]\d{2,4})?"
    r"|1[89]00-\d{6}|\(0\d{1,3}\) ?\d{3,4}[ .]?\d{3,4}"
    r"|\(?\+\d{2,3}\)?[ .]?\d{2,4}(?:[ .]?\d{2,6}){1,3})"
    r"(?!\d|[.,]\d)"
)
"""A number shaped like a phone's wherever it stands: ``028 3822 1234``, ``0912345678``,
``08.39309882`` (an area code, a dot, the line),
``1900 1234``, ``(0292) 3891433`` (its area code in brackets), ``+972.555.025616``,
``(+84) 24 3799 2364`` (the country's code in brackets)."""


def _read_phone(number: str) -> str:
    """A phone number digit by digit, a comma where it is written with a break."""
    groups = [g for g in re.split(r"[ .()+-]+", number) if g]
    said = ", ".join(read_digits(group) for group in groups)
    return f"cộng {said}" if number.lstrip("(").startswith("+") else said


_SHORT_CODE = re.compile(
    r"(?i)\b(đuôi\s+|(?:soạn|nhắn) tin[^.;!?]{0,40}?\b(?:gửi|đến|tới)\s+)(\d{3,6})\b"
    r"(?![.,]\d|\s*(?:triệu|tỷ|nghìn|ngàn|đồng|USD|%))"
)
"""``số điện thoại có đuôi 332``, ``soạn tin DK VIP gửi 1331``: a number's last digits, a
text message's short code: digits, not an amount."""


@cache
def _currencies() -> tuple[dict[str, str], re.Pattern[str]]:
    """``data/currencies.tsv``: currency codes and their names, and the pattern of a code
    after an amount (digits, or a number's word: "2,5 triệu AUD")."""
    names = dict(data_rows("currencies.tsv"))
    return names, re.compile(rf"{AFTER_AMOUNT}({'|'.join(names)})\b")


def _currency_codes(text: str) -> str:
    """``100 AUD``, ``2,5 triệu SGD``: a currency's code after an amount, said as its name
    ("đô la Úc"); run before the lexicons, which know ``SGD`` as a "sở giáo dục"."""
    names, pattern = _currencies()
    return pattern.sub(lambda m: names[m.group(1)], text)


def _phones(text: str) -> str:
    """``hotline 1900 1234``, ``ĐT: 028.3822 1234``: every digit said, the zero too.

    sea-g2p reads ``028.3822 1234`` as a decimal and ``1900 1234`` in thousands.
    """
    text = _PHONE_AFTER_WORD.sub(
        lambda m: (
            f"{'điện thoại' if m.group(1) == 'ĐT' else m.group(1)}{m.group(2)}"
            f"{_read_phone(m.group(3))}"
            + (f" hoặc {_read_phone(m.group(4))}" if m.group(4) else "")
        ),
        text,
    )
    text = _SHORT_CODE.sub(lambda m: m[1] + read_digits(m[2]), text)
    return _PHONE_ALONE.sub(
        lambda m: (
            m.group(0)  # "+12 34": a change, not a phone (one has nine digits or more)
            if m.group(1).lstrip("(").startswith("+") and sum(c.isdigit() for c in m.group(1)) < 9
            else _read_phone(m.group(1))
        ),
        text,
    )


# --- dates without a year --------------------------------------------------------------------

_DAY_MONTH = re.compile(r"(?<![\w./,:-])(\d{1,2})([/.-])(\d{1,2})(?![\d/]|[.,-]\d)")
_DATE_WORDS = (
    "ngày", "sáng", "trưa", "chiều", "tối", "đêm", "khuya", "hôm", "mùng", "mồng", "nay",
    "qua", "rạng", "dịp", "lễ", "từ", "trước", "hết", "tết", "khánh", "phiên", "chót", "sớm",
    "vào", "mai",
)  # fmt: skip
"""Words after which ``1/5`` is a date ("dịp 1/5", "sáng nay 2/9", a trading day "phiên 5/6",
a deadline "hạn chót 1/11", "bị bắt vào 2/3": of the corpus's pairs after "vào", none is a
fraction; "ngày mai 4/9")."""
_TOMORROW = re.compile(r"\b(?:ngày|sáng|trưa|chiều|tối|đêm) mai\W*$")
"""``ngày mai``: the "mai" that names a day (not the name Mai)."""
_HEADING_COLON = re.compile(r":\s+[A-ZĐ]")
"""``Giá dầu thế giới 3/11: Giá dầu …``: a pair before a heading's colon is its date."""
_DAY_WORD_BEFORE = re.compile(r"\b(?:hôm|sáng|trưa|chiều|tối|đêm|khuya|rạng) (?:qua|nay)\W*$")
"""``hôm qua``, ``sáng nay``: "qua" and "nay" that name a day."""
_PARTS_OF_DAY = ("sáng", "trưa", "chiều", "tối", "đêm")
"""The words after a clock time that say which part of the day it is."""
_TIME_OF_DAY = (*_PARTS_OF_DAY, "khuya", "nay", "qua", "rạng")
"""Words after which a date is said with "ngày" ("chiều ngày sáu tháng mười")."""
_DASH_DATE_WORDS = (*_TIME_OF_DAY, "ngày", "hôm", "dịp", "lễ", "mùng", "mồng", "khánh", "phiên")
"""The stricter list: after these ``2-9`` and ``2.9`` are dates ("Quốc khánh 2-9", a trading
day "chốt phiên 26.2")."""
_DATE_BEFORE = re.compile(
    r"(?:(\d{1,2}/\d{1,2})|[Nn]gày \d{1,2}(?:,\s*\d{1,2})*)\s*(?:và|hoặc|đến|tới|,|\.?\s*-{1,2}|–)"
    r"\s*$"
)
"""A date, then "và", "đến", a dash ...: "30/4 và 1/5", "30/4--1/5" (when the first was read
as a date: not "bậc thợ 5/7, 4/6", a list of fractions); days after "ngày", the last with
its month: "ngày 2, 3, 4/5"."""
_COMING_OR_THIS = re.compile(r"\s+(?:tới|này|vừa qua|hằng năm|hàng năm)\b")
"""``đến 24-4 tới``, ``ngày 2.9 này``: a day of the coming (or this) year, after its pair."""
_NOT_DATES = {("24", "7"), ("24", "24")}
_BY_DATE = re.compile(r"(?i)(?<!\blên )(?<!\bchiếm )\b(?:sau|đến|tới)\s*$")
_CLAUSE_END = re.compile(r"\s*(?:[.;!?)]|$)|,(?=\s)")
"""A pair closing its clause after "sau", "đến": a date ("trước hoặc sau 1/5.", "có thời hạn
cho đến 1/5."; not "lên đến 1/10 người", nor "lên đến 1/10.")."""
_NAMED_DAY = re.compile(
    r"(?:\b[Nn]gày\s+[A-ZĐ][\w-]*(?:\s+[\w-]+){0,5}|\b[Qq]uảng trường"
    r"|\b[Qq]uốc tế (?:[Ll]ao động|[Tt]hiếu nhi|[Pp]hụ nữ))\s*[-–,]?\s*$"
)
"""A named day or a square named after a date: its pair is a date ("Ngày Quốc tế Lao động
1/5", "Quảng trường 2/4"; in unc-more no such pair is a fraction)."""
_DATE_AFTER = re.compile(
    r"\s*(?:[-–]|đến|tới)\s*(?:ngày\s*\d{1,2}([/.-])\d{1,2}|\d{1,2}([/.])\d{1,2}\2\d{4})"
)
"""A date just after, by "ngày" or its year: the pair before it starts the range."""
_WEEKDAY_BEFORE = re.compile(r"(?i)\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\W*$")
"""A day of the week just before: "hôm thứ Năm, 1/4" is the first of April."""
_STREET_BEFORE = re.compile(
    r"(?i)\b(?:đường|phố|giao lộ|ngã (?:ba|tư|năm|sáu))(?:\s+[^\W\d_]+){0,4}\s*[-–]\s*$"
    r"|\b(?:đường|phố)\s*$"
)
"""A street: "đường 3/2", "giao lộ Cầu Cháy – 2/9" are streets named after a date."""
_DAY_SPAN_BEFORE = re.compile(r"(?i)\btừ\s+(?:ngày\s+)?\d{1,2}\s+(?:đến|tới)\s*$")
"""``từ 1 đến 3-10``: the first day of a span, then its last with the month."""
_CALENDAR_AFTER = re.compile(r"(?i)\s*(?:âm lịch|dương lịch|ÂL)\b")
"""``7/7 âm lịch``: a date of the lunar (or solar) calendar."""
_NUMBERING_WORDS = {
    "số", "ngõ", "ngách", "hẻm", "kiệt", "nhà", "phòng", "lô", "căn", "tổ", "khu", "km",
    "mã", "hiệu", "văn", "định", "tư", "thị", "quyết", "lệnh", "tỷ", "lệ",
}  # fmt: skip
"""Words after which ``12/3`` is a number, not a date: a house ("số 12/3"), a lane
("ngõ 45/2"), a document ("công văn 12/3"), a ratio ("tỷ lệ 3/1")."""


_SPACED_DAY_MONTH = re.compile(
    r"(?i)\b(ngày|sáng|trưa|chiều|tối|đêm|hôm) ([12]?\d|3[01]) [-–] (\d{1,2})"
    r"(?![\d/]|[.,-]\d|\s+tháng)"
)
"""``Ngày 22 - 12``: a date with its dash set apart, when it cannot be a range (it falls)."""
_LUNAR_FIRST_OR_LAST = re.compile(
    r"(?<![\d/.,])(?:(\d{1,2})/|(tháng) )(0?1|12)(?![\d/])(?=[^.!?\n]{0,24}?âm lịch)"
)
"""``6/1 âm lịch``, ``4/1-10/1 (âm lịch)``, ``tháng 12 âm lịch``: the lunar year's first
month is "tháng giêng" and its last "tháng chạp" (a lunar "tháng một" is the eleventh)."""


def _lunar_month(match: re.Match[str]) -> str:
    day, word, month = match.groups()
    name = "tháng giêng" if int(month) == 1 else "tháng chạp"
    return f"{day} {name}" if day else name


def _day_months(text: str) -> str:
    """``30/4``, ``(2/9)``, ``sáng nay 2/9``, ``dịp 30/4 và 1/5`` → "30 tháng 4": dates.

    A day over its month ("30/4") is no fraction anyone writes; a smaller one ("1/5") is a
    date after a time-of-day word, another date or in brackets, else it is left for the
    fraction rule. With a dot or a dash ("2.9", "2-9") only a time-of-day word decides.
    """

    text = _LUNAR_FIRST_OR_LAST.sub(_lunar_month, text)
    text = _SPACED_DAY_MONTH.sub(
        lambda m: f"{m[1]} {m[2]}-{m[3]}" if int(m[2]) > int(m[3]) <= 12 else m[0], text
    )
    dates: set[int] = set()  # where the slashed pairs read as dates end, left to right

    def replace(match: re.Match[str]) -> str:
        day, mark, month = match.group(1), match.group(2), match.group(3)
        if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12) or (day, month) in _NOT_DATES:
            return match.group(0)
        before = text[: match.start()].rstrip()
        listed = _DATE_BEFORE.search(before)
        after_date = listed is not None and (listed.group(1) is None or listed.end(1) in dates)
        word = re.search(r"(\w+)\W*$", before.lower())
        previous = word.group(1) if word else ""
        if previous in ("qua", "nay") and not _DAY_WORD_BEFORE.search(before.lower()):
            previous = ""  # "xem qua 5-10 bài", "đến nay 3/4 số xã": no "hôm qua"
        if previous == "mai" and not _TOMORROW.search(before.lower()):
            previous = ""  # "chị Mai 3/4": a name
        bracketed = before.endswith("(") and text[match.end() :].lstrip().startswith(")")
        weekday = (
            _WEEKDAY_BEFORE.search(before) is not None
            or bool(_DATE_AFTER.match(text, match.end()))  # "1/7 đến ngày 3/7/2021": a range
            or bool(_CALENDAR_AFTER.match(text, match.end()))
            or _STREET_BEFORE.search(before) is not None
        )
        # "số 12/3", "thông tư 12/3": a number; not "thứ tư 3/5" (a weekday), nor a name's
        # word in capitals before brackets ("Hải Phòng (13/5)")
        named = word is not None and before[word.start(1)].isupper()
        if previous in _NUMBERING_WORDS and not (weekday or (bracketed and named)):
            return match.group(0)
        if _DAY_SPAN_BEFORE.search(before):
            date = True  # "từ 1 đến 3-10": a span of days, its end a date
        elif mark == "/":
            date = (
                int(day) > int(month)
                or previous in _DATE_WORDS
                or bracketed
                or after_date
                or weekday
                or _NAMED_DAY.search(before) is not None
                or bool(_HEADING_COLON.match(text, match.end()))
                or (
                    _BY_DATE.search(before) is not None
                    and bool(_CLAUSE_END.match(text, match.end()))
                )
            )
        else:
            date = (
                previous in _DASH_DATE_WORDS
                or weekday
                or _NAMED_DAY.search(before) is not None
                or bool(_COMING_OR_THIS.match(text, match.end()))
                # "Tính đến 15-3, …": a falling pair (no range) closing its clause after "đến"
                or (
                    mark == "-"
                    and int(day) > int(month)
                    and _BY_DATE.search(before) is not None
                    and bool(_CLAUSE_END.match(text, match.end()))
                )
            )
            if mark == ".":
                # "(25.8)", "từ nay đến 16.10.", "mở cổng từ 25.8.": a dotted pair in brackets
                # or closing its clause after "đến" or "từ" is a date as a slashed one is
                # (Thanh Niên, Lao Động)
                clause = re.split(r"[.;!?]\s", before[-80:])[-1]
                date = (
                    date
                    or bracketed
                    or (
                        (_BY_DATE.search(before) is not None or previous == "từ")
                        and bool(_CLAUSE_END.match(text, match.end()))
                        and not re.search(r"\d\.\d", clause)  # "từ 4.5 đến 6.5.": decimals
                    )
                )
        if not date:
            return match.group(0)
        dates.add(match.end())
        opener = "ngày " if previous in _TIME_OF_DAY else ""
        return f"{opener}{int(day)} tháng {MONTH_WORDS[int(month)]}"

    return _DAY_MONTH.sub(replace, text)


_DAYS_OF_MONTH = re.compile(
    r"(?<![\d./,:-])(\d{1,2})\s?[-–]\s?(\d{1,2})([/.])(\d{1,2})(?:\3(\d{4}))?(?![\d/]|[.,]\d)"
)


def _day_ranges(text: str) -> str:
    """``16-25/4`` → "16 đến 25 tháng tư"; ``14-17/04/2021`` "… tháng tư năm 2021" (not
    "từ 14 đến ngày 17 tháng 4", the full date rule's reading of the second day)."""

    def replace(match: re.Match[str]) -> str:
        first, last, month = int(match.group(1)), int(match.group(2)), int(match.group(4))
        if match.group(3) == "." and not re.search(r"(?i)\bngày\W*$", text[: match.start()]):
            return match.group(0)  # "13 - 14.10" is days only after "ngày": else decimals
        # "28-3/2": a span over a month's end, from the 28th (of the month before) to 3 February
        if not (1 <= first <= 31 and 1 <= last <= 31 and first != last and 1 <= month <= 12):
            return match.group(0)
        year = f" năm {match.group(5)}" if match.group(5) else ""
        return f"{first} đến {last} tháng {MONTH_WORDS[month]}{year}"

    return _DAYS_OF_MONTH.sub(replace, text)


# --- scores, ranges with units, lists ---------------------------------------------------------

_SPORT_WORDS = re.compile(
    r"(?i)\b(tỷ số|tỉ số|(?-i:thắng|hòa|hoà)|thua|(?<!hướng )dẫn|đánh bại|cách biệt|"
    r"ngược dòng|trận|bàn thắng|đè bẹp|vùi dập|hạ gục|cầm chân|set|thất bại|gỡ hòa|gỡ hoà|"
    r"vợt)\b"
)
"""Words of a match ("gác vợt 4-6", tennis); "thắng" and "hòa" only in lower case ("Khánh
Hòa", "ông Thắng": names)."""
_SCORE_BEFORE = re.compile(r"(?<![\w./,:-])(\d{1,2})\s?[-–]\s?(\d{1,2})(?:\(\d{1,2}\))?\s?,\s*$")
"""A score just before (a tie-break's points after it: ``7-6(5)``), then a comma: the pairs
after it are the match's too (sets)."""
_SCORE_SHAPE = re.compile(
    r"(?<![\w./,:-])(\d{1,2})\s?[-–]\s?(\d{1,2})(?![\w/%:-]|[.,]\d"
    r"|\s?(?:%|tuổi|người|giờ|tháng|(?:ngày|năm)(?!\s+\d{1,4}\b)))"
)
"""A pair that may be a score: not before a unit of a range ("2-3 ngày"; but "2-1 ngày 27/8",
"0-11 năm 2000": a score, then its date or year)."""


_COUNTED_WORDS = frozenset(
    {"giây", "phút", "giờ", "ngày", "tuần", "tháng", "năm", "tuổi", "người", "lần"}
)
"""Units a match's pair can stand before ("dẫn 1-2 phút 80"): unlike a measure's symbol,
they leave it a score."""

_HOW_OFTEN = re.compile(r"\s*(?:lần|lượt|bữa|cữ|viên|cốc|ly|gói)\b")


def _scores(text: str) -> str:
    """``thắng 2-0``, ``tỷ số và 2-0 là kết quả``: a score after a sports word in its clause
    is read "hai không", not as a range; so is a pair that cannot be a range, the first
    number not below the second (``Atletico 1-1 trước``, ``An Giang 2-1 ở``), out of a
    date's context ("dịp 8-3", "(1-1)"). A rising pair with no sports word is a range
    (``về 2-3 chuyến``: "hai đến ba", where sea-g2p may read a date)."""

    def replace(match: re.Match[str]) -> str:
        first, second = int(match.group(1)), int(match.group(2))
        measure = _range_with_unit().match(text, match.start())
        if first < second and measure and measure.group(3).lower() not in _COUNTED_WORDS:
            return match.group(0)  # "mặt cầu rộng 12-15 m": a measure's range, no score
        before = text[: match.start()].rstrip()
        word = re.search(r"(\w+)\W*$", before.lower())
        dated = (word and word.group(1) in (*_DATE_WORDS, "lúc")) or before.endswith("(")
        if dated and _HOW_OFTEN.match(text[match.end() :]):
            dated = False  # "một ngày 3-4 lần", "ngày 2-3 viên": how often a day, no date
        if _DAY_SPAN_BEFORE.search(before) or _NAMED_DAY.search(before):
            dated = True  # "từ 1 đến 3-10": the span's last day; "Ngày … Thiếu nhi 1-6"
        if not (1 <= first <= 31 and 1 <= second <= 12):
            dated = False  # "(21-0, 19 knock-out)": no month, no date
        clause = re.split(r"[.;!?]\s", text[max(0, match.start() - 80) : match.start()])[-1]
        # "thắng 3-1 … sáng 25-9": a date word right before the pair wins over a sports word
        sure_date = dated and word is not None and word.group(1) in _DASH_DATE_WORDS
        previous = _SCORE_BEFORE.search(before)
        after_score = previous is not None and int(previous[1]) >= int(previous[2])
        if (_SPORT_WORDS.search(clause) or after_score) and not sure_date:
            return f"{match.group(1)} {match.group(2)}"  # "hạ Etcheverry 6-1, 4-6, 6-3": sets
        if dated or re.match(r"\s*(?:[-–/.]\s*\d|năm\b)", text[match.end() :]):
            return match.group(0)  # "ngày 8-3", "(1-1)", "2-9 năm ngoái", "1 - 0 - 2" a list
        counted = re.match(r"\s+(?:tiếng|phút|tuần|lần|buổi)\b", text[match.end() :])
        # "21-0": no range ends at zero (a boxer's record, a score)
        if (second <= first <= 10 or second == 0 < first or first == second) and not counted:
            return f"{match.group(1)} {match.group(2)}"
        if first < second and re.match(rf"\s+[{VI_LOWER}]", text[match.end() :]):
            return f"{match.group(1)} đến {match.group(2)}"
        return match.group(0)

    return _SCORE_SHAPE.sub(replace, text)


_RANGE_UNITS = (
    r"kg|g|mg|km|m|cm|mm|ha|tấn|lít|l|ml|%|độ|tuổi|tuần|ngày|tháng|năm|giờ|phút|người|lần|"
    r"triệu|tỷ|nghìn|[kMG]?Hz|"
    r"USD|đồng|m2|m²|m3|m³"
)


@cache
def _range_with_unit() -> re.Pattern[str]:
    """A range before a unit: the words above and every symbol of ``data/units.tsv``."""
    symbols = sorted(
        {s.strip() for line, _, _ in UNIT_LINES for s in line.split("|")} - {""},
        key=len,
        reverse=True,
    )
    units = "|".join([*(re.escape(s) for s in symbols if not s.startswith("/")), _RANGE_UNITS])
    return re.compile(
        rf"(?<![\w./,:-])({NUMBER}(?:,\d+)?)\s*%?\s*[-–]\s*({NUMBER}(?:,\d+)?)\s?({units})(?!\w)"
    )


_LIST = re.compile(r"(?<![\w./,:-])\d+(?:\s+[-–]\s+\d+){2,}(?![\w/:-]|[.,]\d)")
_DIMENSIONS = re.compile(r"(?<=\d)\s?[x×]\s?(?=\d)|(?<=\d%) [x×] (?=\d)")
"""``1200 x 1200``, ``4x4``, and a rate times an amount, ``30% x 1,6 triệu``: "nhân"."""
_SIZES = re.compile(r"(?<![\w./,])(\d{3,5})/(\d{3,5})/(\d{3,5})(?=\s?(?:mm|cm|m)\b)")
"""``4730/1860/1747 mm``: a car's length, width and height, listed ("…, …, …"), no ratio
("trên")."""
_FORMATION = re.compile(r"(?<![\w./,:-])\d(?:-\d){2,}(?![\w/:-]|[.,]\d)")
_RECORD = re.compile(r"(?<![\w./,:-])(\d{1,2})-(\d{1,2})-(\d)(?![\w/:-]|[.,]\d)")
"""``17-3-1``: a boxer's wins, losses and draws, "mười bảy ba một" (no date ends in a one-digit
year)."""
_LEADING_ZERO = re.compile(r"(?<![\w.,/:-])0(\d)(?=\s+[^\W\d_A-ZĐ])")
_YEAR_RANGE = re.compile(
    r"(?<![\w./,:-])((?:19|20)\d\d)\s?[-–]\s?((?:19|20)\d\d|\d\d)(?![\w/:-]|[.,]\d)"
)
"""``2023-25``, ``2023-2024``: years from one to another, "2023 đến …" (sea-g2p read
"mùa 2023-2024 bằng …" as a sum, "trừ … bằng"); a full second year only a later one."""
_SEASON = re.compile(r"(?<![\w./,:-])((?:19|20)(\d\d))/((?:19|20)?\d\d)(?![\w/:-]|[.,]\d)")
"""``2023/24``, ``2020/2021``, ``2024/2027``: a season, or the years a contract or licence runs,
"2023 đến 24" (not "trên hai mươi bốn")."""


_TIER_THEN_SEASON = re.compile(r"(?<![\w.,/-])(\d)-(?=(?:19|20)\d\d/\d\d\b)")
"""``V.League 1-2024/25``: a league's tier, then its season (not "tháng một năm 2024")."""
_SHORT_SEASON = re.compile(
    r"(?i)\b(niên vụ|mùa giải|niên khóa|niên khoá|năm học) (\d\d)/(\d\d)(?![\d/])"
)
"""``niên vụ 23/24``: a season in two-digit years, said as the pair (not "trên")."""


def _season(match: re.Match[str]) -> str:
    first, last = match.group(1), match.group(3)
    before = re.search(r"(\w+)\W*$", match.string[: match.start()].lower())
    if before and before.group(1) in _NUMBERING_WORDS:
        return match.group(0)  # "văn bản số 2019/2020": a number, not years
    if len(last) == 2:
        running = int(last) == (int(first[2:]) + 1) % 100  # "2023/24"; not "2000/15"
    else:
        running = 0 < int(last) - int(first) <= 10  # "2024/2027"; not a code's "2097/2020"
    return f"{first} đến {last}" if running else match.group(0)


_AMOUNT_AFTER = re.compile(r"\s*(?:nghìn|ngàn|triệu|tỷ|đồng|USD)\b")
"""An amount's words after a pair: its range ("ban ngày 2-3 triệu đồng"), never a date."""


def _ranges_with_units(text: str) -> str:
    """``5-7kg``, ``1,2 - 1,5kg``, ``50% -60%``: "5 đến 7kg"; ``1 - 3 - 5`` is a list, not
    ranges ("1, 3, 5"); ``2023-25`` "2023 đến 25", the season ``2023/24`` "2023 đến 24"."""
    text = _LIST.sub(lambda m: re.sub(r"\s+[-–]\s+", ", ", m.group(0)), text)
    text = _FORMATION.sub(lambda m: read_digits(m.group(0).replace("-", "")), text)  # "4-2-3-1"
    text = _RECORD.sub(r"\1 \2 \3", text)  # "17-3-1"
    text = _DIMENSIONS.sub(" nhân ", text)  # "1200 x 1200 dpi"
    text = _SIZES.sub(r"\1, \2, \3", text)

    def range_with_unit(match: re.Match[str]) -> str:
        before = re.search(r"(\w+)\W*$", text[: match.start()].lower())
        amount = _AMOUNT_AFTER.match(text, match.end(2))  # "ban ngày 2-3 triệu đồng"
        if before and before.group(1) in _DASH_DATE_WORDS and not amount:
            return match.group(0)  # "ngày 3-5 năm ngoái", "dịp 8-3 năm nay": a date
        if match.group(1) == match.group(2):
            return f"{match.group(1)} {match.group(2)} {match.group(3)}"  # "hòa 2-2 ngày 20/3"
        return f"{match.group(1)} đến {match.group(2)} {match.group(3)}"

    text = _range_with_unit().sub(range_with_unit, text)
    text = _SHORT_SEASON.sub(
        lambda m: f"{m[1]} {m[2]} {m[3]}" if int(m[3]) == (int(m[2]) + 1) % 100 else m[0], text
    )
    text = _SEASON.sub(_season, _TIER_THEN_SEASON.sub(r"\1 ", text))
    return _YEAR_RANGE.sub(_year_range, text)


def _year_range(match: re.Match[str]) -> str:
    first, last = match.groups()
    if len(last) == 4 and not 0 < int(last) - int(first) <= 50:
        return match.group(0)  # "2097-2020": a code's number and year, no range
    return f"{first} đến {last}"


# --- decimals written the English way ------------------------------------------------------------

_ENGLISH_DECIMAL = re.compile(
    r"(?<![\d.,])(0|[1-9]\d{0,2})\.(\d{1,2}|\d{4,})(?=\s?%)|(?<![\d.,])0\.(\d+)(?![\d.])"
)
_DOT_TWO_DIGITS = re.compile(r"(?<![\w.,/-])([1-9]\d{0,2})\.(\d\d)(?![\d.,]?\d|[.,/-]\w)")
"""``2.15 điểm``, ``7.62mm``, ``lúc 9.45``: two digits after a dot group no thousands."""
_CLOCK_BEFORE = re.compile(r"(?i)\blúc\s*$")
_CLOCK_AFTER = re.compile(rf"(?i)\s*(?:{'|'.join(_PARTS_OF_DAY)}|giờ)\b")
_VERSION_BEFORE = re.compile(r"(?:\b(?:bản|version)|[^\W\d_]*[A-Z][^\W\d_]*)\s*$")


def _leading_zeros(text: str) -> str:
    """``08 trường hợp`` → "tám trường hợp": a count written with a zero before it; a number
    after "số" or "mã" ("công điện số 03") keeps its zero."""

    def replace(match: re.Match[str]) -> str:
        before = re.search(r"(\w+)\W*$", text[: match.start()].lower())
        return match.group(0) if before and before.group(1) in {"số", "mã"} else match.group(1)

    return _LEADING_ZERO.sub(replace, text)


_DIGIT_STRING = re.compile(
    r"(?i:\b(?:tài khoản|TK|STK|CMND|CCCD|căn cước|hộ chiếu|thẻ|mã|IMEI|serial|seri|số hiệu|"
    r"định danh|vận đơn)\b)\D{0,25}?(?<![\w.,/:-])([1-9]\d{8,})(?!\w|[.,/-]\d)"
)
"""Nine digits or more in one run shortly after the word for an account, a card or an ID."""


def _digit_strings(text: str) -> str:
    """``Số tài khoản USD 115000196228``, ``CMND số 123456789``: said digit by digit, not
    as "a hundred and fifteen billion …" (a bare ``1234567890123`` stays a number)."""
    return _DIGIT_STRING.sub(
        lambda m: m.group(0)[: m.start(1) - m.start()] + read_digits(m.group(1)), text
    )


def _english_decimals(text: str) -> str:
    """``0.25%`` → ``0,25%``: a dot that cannot group thousands is a decimal point.

    sea-g2p reads "0.25%" as twenty-five thousand per cent.
    """

    def replace(match: re.Match[str]) -> str:
        if match.group(3) is not None:
            return f"0,{match.group(3)}"
        return f"{match.group(1)},{match.group(2)}"

    def dot_two_digits(match: re.Match[str]) -> str:
        whole, part = int(match.group(1)), int(match.group(2))
        before = text[: match.start()]
        clock = _CLOCK_BEFORE.search(before) or _CLOCK_AFTER.match(text, match.end())
        if clock and whole <= 24 and part <= 59:
            return f"{whole}h{match.group(2)}"  # "lúc 9.45", "20.15 tối": a time
        if whole <= 31 and 1 <= part <= 12:
            return match.group(0)  # "20.12" may be a date: left to the date rules
        # sea-g2p reads "2.15" "hai chấm một lăm", a version number's digits
        if _VERSION_BEFORE.search(before):
            return f"{whole} chấm {match.group(2)}"  # "iOS 14.15", "bản 2.15"
        return f"{match.group(1)},{match.group(2)}"

    return _DOT_TWO_DIGITS.sub(dot_two_digits, _ENGLISH_DECIMAL.sub(replace, text))


_SCORE = re.compile(r"(?i)\b(tỷ số|tỉ số|thắng|thua|hòa|hoà|cách biệt)\s+(\d+)\s*[-–]\s*(\d+)\b")
_RANGE_WORDS = r"nhiệm kỳ|nhiệm kì|giai đoạn|từ|khoảng|trong|niên khóa|niên khoá|mùa giải"
_CONTEXT_RANGE = re.compile(
    rf"(?i)\b({_RANGE_WORDS})\s+({NUMBER})\s*[-–]\s*({NUMBER})\b(?!-\d{{4}}\b)"
)
"""``từ 5-7 ngày``, not ``từ 1-7-2025``: a date with its year, written with dashes."""
_MONEY_WORDS = {"đô la mỹ", "đô la", "usd", "vnđ", "vnd", "đồng", "nghìn", "triệu", "tỷ", "euro"}
"""Money after each number of a range ("600 USD - 2000 USD"): the dash is "đến" too."""
_TIME_WORDS = {"giờ", "phút", "ngày"}
"""Time after each number of a range ("15 giờ-20 giờ"): a word, apart from its number."""
_UNITS = (
    r"k|tr|t|đ|\$|€|%|kg|g|mg|km|m|cm|mm|ha|tấn|mhz|ghz|khz|hz|gb|mb|kb|tb|lít|l|ml|"
    r"đô la mỹ|đô la|usd|vnđ|vnd|đồng|nghìn|triệu|tỷ|euro|giờ|phút|ngày"
)
_UNIT_RANGE = re.compile(
    rf"(?i)\b({NUMBER}(?:,\d+)?)\s*({_UNITS})\s*[-–]\s*({NUMBER}(?:,\d+)?)\s*\2(?!\w)"
)


_FALLING_PAIR = re.compile(r"(?<![\w./,:-])(\d{3})\s?[-–]\s?(\d{2,3})(?=\s*[,;)]|\s*$|\.(?!\d))")
_FALLING_HALVES = re.compile(r"(?<![\w./,:-])(\d{1,2}),5\s?[-–]\s?(\d{1,2}),5(?![\d%])")
"""``3,5-0,5``: a chess match's points in halves (a range rises and has no sports word)."""
"""``120-108,``, ``(300-67)``: a falling pair closing its phrase is no range (a scorecard, a
record); each number said apart (sea-g2p would make one number of "300 67"). Before a unit
it may be one ("315-280 nm")."""
_PLACE_SPAN = re.compile(
    r"(?<!đến )(?<![Nn]am )(?<![Bb]ắc )\b(từ) (?!Bà Rịa\b)"
    r"([A-ZĐ]\w*(?: [A-ZĐ]\w*){0,2}|thành phố(?: [^\W\d_]+){1,4}?) [-–] (?=[A-ZĐ]|thành phố\b)"
)
"""``từ Hà Nội - Đà Nẵng``, ``từ TP HCM - Vinh``: from one place to another, "… đến …" (the
dash set apart was a pause); not "đến từ Đà Nẵng - <a name>", "Nam Từ Liêm - Hà Nội", nor
the province "Bà Rịa - Vũng Tàu"."""
_DATE = r"\d{1,2}[./-]\d{1,2}(?:[./-]\d{4})?"
_DATE_RANGE = re.compile(rf"(?<![\d./-])({_DATE})\s*[-–]\s*({_DATE})(?![\d/-]|\.\d)")
_FROM_RANGE = re.compile(
    rf"(?i)\b(từ)\s+(tháng|ngày|năm|khoảng)?\s*({NUMBER}(?:[.,/]\d+)*)\s+[-–]\s+(\d)"
)


def _unit_range(match: re.Match[str]) -> str:
    first, unit, last = match.groups()
    # A symbol stays glued ("1t" is the "tỷ" rule's); a word stands apart ("300.000 đồng/kg"
    # glued would hide "đồng" from the price-per-unit rule).
    gap = " " if unit.lower() in _MONEY_WORDS | _TIME_WORDS else ""
    return f"{first}{gap}{unit} đến {last}{gap}{unit}"


_DATE_THEN_CLOCK = re.compile(
    r"(?<![\d/])(\d{1,2}/\d{1,2}(?:/\d{4})?)\s+[-–]\s+(?=\d{1,2}(?:h\b|h\d\d|:\d\d|\s*giờ))"
)
"""``19h ngày 22/12/2023 - 7h ngày 23/12/2023``: a day's time to a later one's."""


def _ranges(text: str) -> str:
    text = _SCORE.sub(r"\1 \2 \3", text)  # "thắng 3-0": a score, read "ba không"
    text = _DATE_THEN_CLOCK.sub(r"\1 đến ", text)
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
    text = _UNIT_RANGE.sub(_unit_range, text)  # "3kg-6kg" → "3kg đến 6kg"
    text = _PLACE_SPAN.sub(r"\1 \2 đến ", text)  # "từ Hà Nội - Đà Nẵng"
    text = _FALLING_PAIR.sub(
        lambda m: f"{say_number(m[1])}, {say_number(m[2])}" if int(m[1]) > int(m[2]) else m[0],
        text,
    )  # "120-108": a scorecard or a record
    text = _FALLING_HALVES.sub(_halves_score, text)
    return _CONTEXT_RANGE.sub(_context_range, text)  # "nhiệm kỳ 2020-2025"


def _halves_score(match: re.Match[str]) -> str:
    """``áp đảo 3,5-0,5``, ``thua 2,5-3,5``: falling, or after a match's word, a score."""
    clause = re.split(r"[.;!?]\s", match.string[max(0, match.start() - 80) : match.start()])[-1]
    if int(match[1]) > int(match[2]) or _SPORT_WORDS.search(clause):
        return f"{match[1]},5 {match[2]},5"
    return match[0]


def _context_range(match: re.Match[str]) -> str:
    word, first, last = match.groups()
    if word.lower() == "từ" and first.isdigit() and last.isdigit():
        day, month = int(first), int(last)
        if _DATE_AFTER.match(match.string, match.end()):
            return match.group(0)  # "từ 1-1 tới ngày 15-5": a date, left to the date rule
        # "Từ 1-5, theo quy định …": a pair closing its clause; "từ 17-9 đến …": a falling
        # pair, no range; either is the first day, a date
        clause_ends = re.match(r",\s", match.string[match.end() :]) is not None
        if 1 <= day <= 31 and 1 <= month <= 12 and (clause_ends or day > month):
            return f"{word} {day} tháng {MONTH_WORDS[month]}"
    return f"{word} {first} đến {last}"


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
_HOURS_RANGE = re.compile(
    r"(?<![\w:.,/-])([01]?\d|2[0-4])\s*[-–]\s*([01]?\d|2[0-4])h([0-5]\d)?(?=\s|[,.;)]|$)"
)


def _time_ranges(text: str) -> str:
    """``8:30-10:45``, ``7h30 - 9h`` → ``8:30 đến 10:45``: the dash between two times is "to";
    so it is when only the second has its "h" (``6-7h sáng``: "sáu đến bảy giờ", ``9-11h30``)."""
    text = _HOURS_RANGE.sub(
        lambda m: f"{m.group(1)} đến {m.group(2)} giờ" + (f" {m.group(3)}" if m.group(3) else ""),
        text,
    )  # "9-11h30": "chín đến mười một giờ ba mươi"
    return _TIME_RANGE.sub(r"\1 đến \2", text)


_NEGATIVE = re.compile(r"(^|[\s(:=])[-−–](?=\d)")
_DASH_AFTER_WORD = re.compile(rf"(?<=[{VI_LOWER}][{VI_LOWER}]) [-–] (?=\d)")
"""``lãi cao nhất hệ thống - 5,6%``: a dash set apart between a word and a number is the
sentence's, a pause (sea-g2p said "âm", minus); not after a plate's capital (``51R - 161.82``)."""


def _value(number: str) -> float:
    """A Vietnamese-written number's value: ``1.400`` 1400, ``2,5`` 2.5."""
    try:
        return float(number.replace(".", "").replace(",", "."))
    except ValueError:
        return float("inf")


def _negatives(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        before = text[: match.start()].rstrip()
        if before and (before[-1].isdigit() or before[-1] in "%$"):
            # "10 -20", "50 -100 mét", "1.400 -1.800 trẻ": a range, not a negative number;
            # said "đến" when it rises (sea-g2p says "âm" before three digits and more).
            left = re.search(r"[\d.,]*\d$", before)
            right = re.match(r"[\d.,]*\d", text[match.end() :])
            if left and right and _value(left.group(0)) <= _value(right.group(0)):
                return f"{match.group(1)}đến "
            return match.group(0)
        return f"{match.group(1)}âm "

    return _NEGATIVE.sub(replace, _DASH_AFTER_WORD.sub(", ", text))


# A comma after the decimals is the sentence's ("tăng 6,52, cao nhất"), not more digits.
_DECIMAL_ZEROS = re.compile(
    rf"(?<![\d.,])({NUMBER}),(\d*0)(?!\d|,\d)(?:\s?(km|cm|mm|kg|ml|m|g|l)(?!\w))?"
)
"""A decimal ending in zero, and the unit after it: "4,0m" was "bốn phẩy khôngm"."""
_TWO_DECIMALS = re.compile(rf"(?<![\d.,])({NUMBER}),([1-9]\d)(?!\d|[.,]\d)")
_ENGLISH_THOUSANDS = re.compile(
    r"(?<![\d.,])(\d{1,3})((?:,000)+)(?=\s?[^\W\d_]|\s?[-–]\s?\d{1,3}(?:,000)+\s?[^\W\d_])"
)
"""``500,000 đồng``, ``140,000 m2``: thousands marked the English way (no one writes a decimal
with three zeros before a word); alone, ``123,000`` stays NeMo's decimal."""
_COMMA_THOUSAND_DONG = re.compile(
    r"(?<![\d.,])(\d{1,3}),(\d{3})"
    r"(?=(?:\s?(?:[-–]|đến)\s?\d{1,3},\d{3})?\s?(?:đồng|đ|VNĐ|VND)\b)"
)
"""``71,700 đồng/kg``: a price in đồng has no decimals, so its comma groups thousands."""
_MORE_DECIMALS = re.compile(rf"(?<![\d.,])({NUMBER}),(\d{{3,}})(?!\d|,\d)")


_LEVELS_LISTED = re.compile(r"(?i)\b(cấp|lớp|bậc|hạng|quý)\s+(\d{1,2}),(\d{1,2})(?!\d|[.,]\d)")
"""``giật cấp 11,12``, ``lớp 10,11``, ``quý 2,3``: levels are whole, so the comma lists two."""


def _decimals(text: str) -> str:
    """``55,65`` → ``55 phẩy 65``: two decimals are said as a number, "sáu mươi lăm";
    ``cấp 11,12`` two levels;
    ``60,240`` → ``60 phẩy hai bốn không``: more are read digit by digit, zeros too.

    sea-g2p says two decimals in the short spoken form ("sáu lăm", "bảy ba"), which a
    newsreader does not, and which goes wrong for the teens ("6,15" → "một lăm").
    """
    text = _ENGLISH_THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(",", "."), text)
    text = _LEVELS_LISTED.sub(
        lambda m: f"{m[1]} {m[2]}, {m[3]}" if int(m[3]) == int(m[2]) + 1 else m[0], text
    )
    text = _COMMA_THOUSAND_DONG.sub(r"\1.\2", text)
    text = _TWO_DECIMALS.sub(r"\1 phẩy \2", text)  # "1,60m" too: "một phẩy sáu mươi mét"
    text = _DECIMAL_ZEROS.sub(
        lambda m: (
            f"{m.group(1)} phẩy {read_digits(m.group(2))}"
            + (f" {_FRACTION_UNITS[m.group(3)]}" if m.group(3) else "")
        ),
        text,
    )
    # "0,195": digit by digit with "năm" (sea-g2p's "một chín lăm" puts the teens' "lăm"
    # after a digit, which no reader says; "0,064%" lost its "không phẩy không"). The digits
    # stay digits, so that a unit glued to the last one is still read ("0,327mg/l").
    return _MORE_DECIMALS.sub(lambda m: f"{m.group(1)} phẩy {' '.join(m.group(2))}", text)


_KNOCKOUT_ROUND = re.compile(r"(?i)\b(vòng)\s+1/(16|32|64|128)\b(?![/.,]\d)")
"""``vòng 1/16``: the round of the last 32, "vòng một phần mười sáu" like "vòng 1/8"."""
_DENOMINATORS = dict(enumerate("hai ba tư năm sáu bảy tám chín mười".split(), start=2))
_FRACTION = re.compile(r"(?<![\w/.,])(?:(\d+)\s+)?(\d)/(\d{1,2})(?![\d/]|[.,]\d)([a-zA-Z]+\b)?")
"""A fraction; not ``1/3,2 triệu`` nor ``1/2.000`` (a ratio, a map's scale: "trên")."""
# A unit glued to a fraction ("3/4m") loses the number sea-g2p would read it after.
_FRACTION_UNITS = {
    "m": "mét", "km": "ki lô mét", "cm": "xăng ti mét", "mm": "mi li mét",
    "kg": "ki lô gam", "g": "gam", "l": "lít", "ml": "mi li lít", "h": "giờ",
}  # fmt: skip


_DATA_SIZES = re.compile(r"(?<![\d/.,])(\d+)/(\d+)(?=\s?[KMGT]B\b)")
_COUNTED = re.compile(
    r"\s+(?:công ty|doanh nghiệp|người|trận|quả|tỉnh|địa phương|đơn vị|trường|xã|huyện|ca|"
    r"bệnh nhân|học sinh|sinh viên|thí sinh|dự án|ngân hàng|quốc gia|nước|đội|cầu thủ|mẫu|"
    r"câu|môn|ngành|thành viên|hộ|cơ sở|chỉ tiêu|tiêu chí|trẻ|chiếc|bàn|sao|điểm)\b"
)
"""Things counted after ``3/5``: a count out of a total ("ba trên năm quả"), not a part."""


_OVER_NO_YEAR = re.compile(r"(?<![\w/.,])(\d{1,3})/(\d{4,6})(?![\d/]|[.,]\d)")
"""``tỷ lệ 1/1000``, ``5/10000``: a ratio, "một trên một nghìn", where no year can follow
the slash (a round thousand or hundred before 1900, or after 2099; "tháng 9/1869" is one)."""


def _over_no_year(match: re.Match[str]) -> str:
    number = int(match[2])
    month_before = re.search(r"(?i)\b(?:tháng|quý)\s*$", match.string[: match.start()])
    year = 1900 <= number < 2100 or (1000 < number < 1900 and number % 100 != 0)
    return match[0] if year or month_before else f"{match[1]} trên {match[2]}"


def _fractions(text: str) -> str:
    """Proper fractions (``3/4``, ``23 1/5``) → ``ba phần tư``; ``9/4`` stays a date, and
    ``3/4 GB`` is two sizes ("ba trên bốn gi ga bai"): nobody sells three quarters of one.
    Before things counted (``3/5 quả``) it is a count out of a total, "ba trên năm"."""
    text = _DATA_SIZES.sub(r"\1 trên \2", text)
    text = _OVER_NO_YEAR.sub(_over_no_year, text)
    text = _KNOCKOUT_ROUND.sub(r"\1 một phần \2", text)

    def replace(match: re.Match[str]) -> str:
        whole, top, bottom = match.group(1), int(match.group(2)), int(match.group(3))
        unit = match.group(4) or ""
        if not 0 < top < bottom or bottom not in _DENOMINATORS:
            return match.group(0)
        if top > 1 and not unit and _COUNTED.match(text, match.end()):
            return f"{top} trên {bottom}"  # "3/5 quả tên lửa", "6/8 công ty": 3 of the 5
        fraction = f"{top} phần {_DENOMINATORS[bottom]}"
        if unit:
            fraction += " " + _FRACTION_UNITS.get(unit.lower(), unit)
        return f"{whole} và {fraction}" if whole else fraction

    return _FRACTION.sub(replace, text)


_AMOUNT = rf"({NUMBER}(?:,\d+)?)"
_CURRENCY_SIGNS = [
    (r"(?:\$|USD|usd)(?!\w)", r"\$", "đô la"),
    (r"(?:€|EUR|eur)(?!\w)", "€", "ơ rô"),
    ("£", "£", "bảng Anh"),
    ("¥", "¥", "yên"),
    (r"(?:₹|INR)(?!\w)", "₹", "rupi"),
    (r"(?:₩|KRW)(?!\w)", "₩", "won"),
    (r"(?:฿|THB)(?!\w)", "฿", "bạt"),
    (r"(?:₽|RUB)(?!\w)", "₽", "rúp"),
    (r"(?:₫|VNĐ|VND|vnđ|vnd|đ)(?!\w)", None, "đồng"),
]
"""Each currency: how it is written after an amount, the sign written before one (``None``:
never before), and how it is said."""
_CURRENCY_AFTER = [
    *((re.compile(_AMOUNT + r"\s?" + after), rf"\1 {said}") for after, _, said in _CURRENCY_SIGNS),
    (re.compile(r"(?<=nghìn|triệu)\s(?:VNĐ|VND|vnđ|vnd)(?!\w)"), " đồng"),
    (re.compile(r"(?<=tỷ)\s(?:VNĐ|VND|vnđ|vnd)(?!\w)"), " đồng"),
]
_CURRENCY_BEFORE = [
    (re.compile(sign + r"\s?" + _AMOUNT), rf"\1 {said}")
    for _, sign, said in _CURRENCY_SIGNS
    if sign is not None
]
# "đồng/kg", "USD/ounce": a price per unit of goods is read "đồng một ki lô gam"; a rate
# per unit of time stays "trên" ("50.000đ/ngày" → "đồng trên ngày", as the corpus reads it).
# So does a price for a count of them ("80 triệu đồng/4 năm": "trên bốn năm", not "một bốn").
_PER_UNIT = re.compile(
    rf"(?i)\b({CURRENCY_WORDS})\s?/\s?(?!(?:ngày|giờ|h|tháng|năm|tuần|phút|giây|min|s|quý)\b|\d+\s)(\w+)"
)
_AMOUNT_SUFFIX = [
    # One digit and a capital K is never a thousand in the news: a video's "4K", "8K", the
    # health ministry's "5K" message and its "1K" ("bốn ca", "một ca").
    (re.compile(r"(?<![\w.,])([1-9])K\b"), r"\1 ca"),
    # "2t3" is 2,3 tỷ, "1tr5" 1,5 triệu: said "hai tỷ ba", "một triệu năm".
    (re.compile(r"(?i)\b(\d{1,3})tr(\d{1,3})\b"), r"\1 triệu \2"),
    (re.compile(r"\b(\d{1,3})t(\d{1,3})\b"), r"\1 tỷ \2"),
    (re.compile(rf"(?i)\b({NUMBER}(?:,\d+)?)\s?k\b"), r"\1 nghìn"),
    (re.compile(rf"(?i)\b({NUMBER}(?:,\d+)?)\s?tr\b"), r"\1 triệu"),
    (re.compile(rf"\b({NUMBER}(?:,\d+)?)t\b"), r"\1 tỷ"),
]
_PER_SHARE = re.compile(r"(?i)/\s?cp\b")


_PER_MORE = re.compile(r"(?<=\bmột )(\w+)\s?/\s?(?=[^\W\d])")
_PERIODS = ("ngày", "tuần", "tháng", "quý", "năm")
_PER_ONE = re.compile(r"(?<=[^\W\d_])\s?/\s?(?=1\s?(?!(?:nghìn|ngàn|triệu|tỷ|vạn)\b)[^\W\d_])")
"""``con/1kg``: the slash before "1" and a unit is that "một"; not before a number in words
(``ca nhiễm/1 triệu dân``: "trên một triệu dân")."""
_PER_PERIOD = re.compile(
    rf"(?<![^\W\d_])(?<!/)([^\W\d_]{{2,}})\s?/\s?(?=({'|'.join(_PERIODS)}|giờ)\b)"
)
_MONEY_BEFORE = re.compile(rf"(?i)\b(?:{CURRENCY_WORDS}|{'|'.join(sorted(CURRENCY_NAMES))})$")


def _per_period(text: str) -> str:
    """``10GB/tháng``, ``3,63 triệu đồng/tháng``, ``lượt/ngày``: "một tháng", a rate per
    period as a newsreader says it, after a word or a unit (sea-g2p: "trên tháng").

    A symbol of one letter keeps NeMo's "trên" (``50.000đ/ngày``, "đồng trên ngày"), and
    periods in a row are not rates ("ngày/tháng/năm"). Speeds per hour are left alone, money
    per hour is a wage ("25 USD/giờ", "một giờ"). A
    slash before "1" and a word is not said: ``con/1kg`` "con một ki lô gam".
    """

    def replace(match: re.Match[str]) -> str:
        word, period = match.groups()
        if period == "giờ" and not _MONEY_BEFORE.search(match.string, 0, match.end(1)):
            return match.group(0)  # "km/giờ" a speed; "USD/giờ" a wage, "một giờ"
        return match.group(0) if word.lower() in _PERIODS else f"{word} một "

    # "con/1kg", "tấn /1ha/1 vụ", "100USD/1 người": the slash before "1 …" is that "một".
    return _PER_PERIOD.sub(replace, _PER_ONE.sub(" ", text))


_GOLD_PURITY = re.compile(r"(?i)(\bvàng\b[^.;!?\d]{0,30}?)\b(9999|999)\b(?![.,]\d)")
"""``vàng nhẫn 9999``: gold's purity, "chín chín chín chín" (not nine thousand ...)."""
_KARAT = re.compile(r"(\b[Vv]àng(?:\s+[^\W\d_]+)?\s+)(\d{1,2})K\b")
"""``vàng 18K``: gold of 18 carats, "mười tám ca ra" (a K after money is thousands)."""


def _money(text: str) -> str:
    text = _KARAT.sub(r"\1\2 ca ra", text)
    text = _GOLD_PURITY.sub(lambda m: f"{m[1]}{read_digits(m[2])}", text)
    text = _PER_SHARE.sub(" một cổ phiếu", text)  # "50.000đ/cp"
    for pattern, replacement in (*_CURRENCY_BEFORE, *_AMOUNT_SUFFIX, *_CURRENCY_AFTER):
        text = pattern.sub(replacement, text)
    text = _PER_UNIT.sub(
        lambda m: f"{m.group(1)} một {PER_UNIT_NAMES.get(m.group(2).lower(), m.group(2))}", text
    )
    return _PER_MORE.sub(r"\1 một ", text)  # "đồng/vé/lượt": "đồng một vé một lượt"


_WHOLE_HOUR = re.compile(r"(?<![\d:])0?(\d{1,2})(?::00(?::00)?|h00)(?![\d:])")
_ZERO_SECONDS = re.compile(r"(?<![\d:])(\d{1,2}:\d{2}):00(?![\d:])")
_LEADING_ZERO_HOUR = re.compile(r"\b0(\d)h\b")
_MINUTES_SECONDS = re.compile(r"\b0?(\d{1,2})p(?:0?(\d{1,2})s)?\b")
_MATCH_MINUTE = re.compile(r"(?<![\w.,])(\d{1,3}(?:\+\d{1,2})?)['’](?=[\s,.;)]|$)")
"""``Cavani 46'``, ``Jesus 90+2’``: a goal's minute, stoppage time after its "+"."""
_BARE_HOUR = re.compile(r"(?<![\w.,:–-])0?(1?\d|2[0-4])h(?=\s+[A-Za-zĐđ]|$)")
"""``15h ET``: an hour before a word, "15 giờ" (sea-g2p reads ``15h`` alone, but before an
abbreviation it says the letter: "mười lăm hát e tê")."""
_TWELVE_HOUR = re.compile(r"(?<![\w.,:])(1[0-2]|0?[1-9])(?:[:.h]([0-5]\d))?\s?([AaPp])\.?[Mm]\b")
"""``6AM``, ``9 PM``, ``10:30 p.m.``: English twelve-hour times, said the Vietnamese way."""


def _twelve_hour(match: re.Match[str]) -> str:
    hour, minutes, half = int(match.group(1)), match.group(2), match.group(3).lower()
    if half == "a":
        part = "đêm" if hour == 12 else "sáng"
    else:
        part = "trưa" if hour == 12 else "chiều" if hour < 6 else "tối"
    return f"{hour} giờ" + (f" {int(minutes)} phút" if minutes else "") + f" {part}"


def _twelve_hours(text: str) -> str:
    """``9PM`` → "9 giờ tối" (before the acronym rule spells "PM")."""
    return _TWELVE_HOUR.sub(_twelve_hour, text)


_HOUR_G = re.compile(
    r"(?<![\w.,])([01]?\d|2[0-4])g(?:([0-5]\d)\b"
    rf"|(?=\s+(?:ngày|hôm|{'|'.join(_PARTS_OF_DAY)})\b))"
    r"|(?<=\blúc )([01]?\d|2[0-4])g\b"
)
"""``15g10``, ``9g ngày 26-5``, ``lúc 9g``: the older press's "g" for "giờ" (not grams: no
weight has minutes after it, nor a day)."""


_COLON_RATIO = re.compile(r"(?i)\b(tỷ lệ|tỉ lệ)([^.;:!?\d]{0,60}?)(\d{1,3}):(\d{1,3})\b(?!:)")
"""``tỷ lệ hoán đổi … là 1:15``: a ratio, "một trên mười lăm" (not a clock's "một giờ …")."""


_LAP_TIME = re.compile(r"(?<![\w:.,])(\d{1,2}):([0-5]\d)([.,]\d{1,3})(?![\w:]|[.,]\d)")
"""``1:12.7``, ``7:12,69``: a lap or a race in minutes and seconds with their tenths, "một
phút mười hai phẩy bảy giây" (no clock has tenths)."""


_MARKED_MINUTES = re.compile(r"(?<![\w.,])(\d{1,2})h(\d{1,2})['’](?!\w)")
"""``17h5'``: an hour and its minutes with the minutes' mark after them (no goal's minute)."""


def _times(text: str) -> str:
    text = _MARKED_MINUTES.sub(
        lambda m: f"{m[1]} giờ" + (f" {int(m[2])} phút" if int(m[2]) else ""), text
    )
    text = _LAP_TIME.sub(lambda m: f"{m[1]} phút {m[2]}{m[3].replace('.', ',')} giây", text)
    text = _COLON_RATIO.sub(r"\1\2\3 trên \4", text)
    text = _HOUR_G.sub(lambda m: f"{m.group(1) or m.group(3)}h{m.group(2) or ''}", text)
    text = _WHOLE_HOUR.sub(r"\1 giờ", text)  # "8:00", "08h00" → "8 giờ"
    text = _BARE_HOUR.sub(r"\1 giờ", text)  # "15h ET" → "15 giờ ET"
    text = _ZERO_SECONDS.sub(r"\1", text)  # "04:30:00" → "04:30"
    text = _LEADING_ZERO_HOUR.sub(r"\1h", text)  # "02h" → "2h"
    text = _MATCH_MINUTE.sub(r"phút \1", text)  # "Cavani 46'" → "Cavani phút 46"
    # "3p20s" → "3 phút 20 giây"
    return _MINUTES_SECONDS.sub(
        lambda m: f"{m.group(1)} phút" + (f" {m.group(2)} giây" if m.group(2) else ""), text
    )


_NUMBER_WORDS = ("trăm", "nghìn", "ngàn", "triệu", "chục", "vạn", "mỗi", "trên", "một")
"""Numbers said in words that a unit's symbol may follow ("cả nghìn m2"), and the words of
a rate ("mỗi m2", "người/km2" once its slash is "trên")."""


def _unit_pattern(symbols: str, any_case: bool) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(symbol.strip()) for symbol in symbols.split("|"))
    # After a digit, or a number said in words ("cả nghìn m2", "hàng trăm kV").
    after = (
        r"(?<=[\d\w])"
        if symbols.startswith("/")
        else r"(?:(?<=\d)|" + "|".join(rf"(?<=\b{w} )" for w in _NUMBER_WORDS) + r")\s?"
    )
    return re.compile(rf"{after}(?:{alternatives})(?!\w)", re.IGNORECASE if any_case else 0)


_UNIT_SYMBOLS = [
    (_unit_pattern(symbols, any_case), f" {spoken}") for symbols, spoken, any_case in UNIT_LINES
]


_UNIT_WORDS = "|".join(
    sorted({re.escape(words.strip()) for _, words in _UNIT_SYMBOLS}, key=len)[::-1]
)
_SEA_UNIT_LOOKALIKES = "ngành"
"""Words sea-g2p takes for a unit after a number: "19 ngành" was "mười chín ngàn giờ" (the
only one among the 1,183 words that follow a number in the corpus and the pools)."""
_NUMBER_BEFORE_UNIT = re.compile(
    rf"(?<![\w.,])(\d+(?:[.,]\d+)*)(?= (?:{_UNIT_WORDS}|{_SEA_UNIT_LOOKALIKES})\b)"
)


_SPACED_ZERO_DEGREE = re.compile(r"(?<=\d) 0([CF])\b")
"""``22 0C``: a degree sign typed as a zero, apart from the number (never "22 không xê")."""


_DEGREE_LETTER = re.compile(r"\bđộ ([CF])\b")
"""``39 độ C.``: said here, "độ xê" (sea-g2p takes "C." for an initial and drops the stop)."""


_DOTTED_KILOMETRE = re.compile(r"\b(tấn|khách|người)\.km\b")
"""``tấn.km``, ``lượt khách.km``: transport's compound units, "tấn ki lô mét"."""
_PER_HECTARE = re.compile(rf"\b({'|'.join((*_NUMBER_WORDS, 'nhiều', 'vài', 'hàng'))}) ha\b")
"""``mỗi ha``, ``hàng nghìn ha``: a hectare ("ha" alone is a word too, so only after a
number or these)."""


_LOST_SUPERSCRIPT = re.compile(r"(\d\s?[kcdm]?m) ([23])(?=\s*(?:[;,.)]|$))")
"""``2.341 km 2;``: the square's ² set apart when the page lost its superscript, before a
break (not "3 km 2 xã", a count that goes on)."""


_VIDEO_LINES = re.compile(r"\b(240|360|480|576|720|1080|1440|2160|4320)[pP]\b")
"""``1080p``: a video's lines, its "p" the letter (progressive), not the minutes sea-g2p
reads ("một nghìn không trăm tám mươi phút")."""


def _units(text: str) -> str:
    text = _LOST_SUPERSCRIPT.sub(r"\1\2", text)
    text = _VIDEO_LINES.sub(r"\1 pê", text)
    text = _PER_HECTARE.sub(r"\1 héc ta", text)
    text = _DOTTED_KILOMETRE.sub(r"\1 ki lô mét", text)
    text = _SPACED_ZERO_DEGREE.sub(r" o\1", text)
    text = _DEGREE_LETTER.sub(lambda m: "độ xê" if m[1] == "C" else "độ ép", text)
    for pattern, words in _UNIT_SYMBOLS:
        text = pattern.sub(words, text)
    # The number before a unit is spelled here: "1000 mi li am pe" alone has no Vietnamese
    # letter, and sea-g2p would take the sentence for English ("one thousand").
    return _NUMBER_BEFORE_UNIT.sub(lambda m: sea_normalizer()(m.group(1)), text)


# sea-g2p says some units and currencies in English; a Vietnamese voice needs them in
# Vietnamese spelling.
_ENGLISH_WORDS = {
    "gram": "gam",
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
    head = sea_normalizer()(f"{billions:,}".replace(",", "."))
    if billions >= 1000 * BILLION:
        head = _spell_huge(billions)
    tail = f" {sea_normalizer()(f'{rest:,}'.replace(',', '.'))}" if rest else ""
    return f"{head} tỷ{tail}"


_MONTH_YEAR = re.compile(r"(?i)\b(tháng)\s+(\d{1,2})(?:\s+|[/.-])((?:19|20)\d\d)\b")
_QUARTER = re.compile(r"(?i)\b(quý)\s+0(?=[1-4]\b)")
_MONTH_RANGE = re.compile(r"(?i)\b(tháng|quý)\s+(\d{1,2})\s?[-–]\s?(\d{1,2})/((?:19|20)\d\d)\b")
_PERIOD_OF_YEAR = re.compile(r"(?i)\b(quý\s+[1-4]-|\d{1,2} tháng/)((?:19|20)\d\d)\b(?![/.,-]\d)")
"""``quý 1-2027``, ``6 tháng/2022``: a part of a year, "quý một năm …", "sáu tháng năm …"."""
_ROUND_OF_YEAR = re.compile(r"(?i)\b(đợt|lần)\s+(\d{1,2})/((?:19|20)\d\d)\b(?![/.,-]\d)")
"""``cổ tức đợt 1/2019``: the year's first round, "đợt một năm …" (not January)."""
_KIND_NUMBER_YEAR = re.compile(
    r"(?i)\b((?:nghị quyết|nghị định|thông tư|quyết định|chỉ thị|công văn|công điện|luật)"
    r"(?:\s+số)?)\s+(\d{1,4})/((?:19|20)\d\d)(?![\d/])"
)
"""``Nghị quyết số 11/2023``: a document's number and year, as in its full code, not
November ("mười một trên hai nghìn …", not "tháng mười một năm …")."""
_MONTH_YEAR_SPAN = re.compile(
    r"(?i)(?<![\d/.,])(?:\b(tháng|quý)\s+)?(\d{1,2})/((?:19|20)\d\d)\s?[-–]\s?"
    r"(?:(tháng|quý)\s+)?(\d{1,2})/((?:19|20)\d\d)(?![\d/])"
)
_DOCUMENT_NUMBER = re.compile(r"(?<![\d/.,])(\d{1,4})/((?:19|20)\d\d)/(?=\s?[^\W\d_])")


def _month_year(text: str) -> str:
    # "quý 01/2021": the first quarter, "quý một"; "Thông tư 12/2021/TT-BGDĐT": a document's
    # number and year ("mười hai trên hai nghìn …"), not December (sea-g2p: "tháng mười hai").
    text = _QUARTER.sub(r"\1 ", text)
    text = _MONTH_RANGE.sub(_month_range, text)
    text = _MONTH_YEAR_SPAN.sub(_month_year_span, text)
    text = _KIND_NUMBER_YEAR.sub(lambda m: f"{m[1]} {int(m[2])} trên {m[3]}", text)
    text = _PERIOD_OF_YEAR.sub(lambda m: f"{m[1][:-1].rstrip()} năm {m[2]}", text)
    text = _ROUND_OF_YEAR.sub(r"\1 \2 năm \3", text)
    text = _DOCUMENT_NUMBER.sub(lambda m: f"{int(m.group(1))} trên {m.group(2)} trên ", text)
    # "tháng 1 2024", "tháng 5/2021" → "tháng 5 năm 2021": left to sea-g2p, the second
    # loses its "năm" when the month is five ("tháng năm hai nghìn …").
    return _MONTH_YEAR.sub(
        lambda m: f"{m.group(1)} {_month_word(m.group(2))} năm {m.group(3)}", text
    )


def _month_range(match: re.Match[str]) -> str:
    """``tháng 1-3/2021`` "tháng một đến tháng ba năm 2021", ``quý 1-3/2021`` likewise (the
    full date rule read "tháng ngày một tháng ba")."""
    word, first, last, year = match.groups()
    if not 1 <= int(first) < int(last) <= (4 if word.lower() == "quý" else 12):
        return match.group(0)
    if word.lower() == "quý":
        return f"{word} {int(first)} đến quý {int(last)} năm {year}"
    return f"{word} {_month_word(first)} đến tháng {_month_word(last)} năm {year}"


def _month_year_span(match: re.Match[str]) -> str:
    """``7/2024 - 9/2024``, ``quý 2/2025 - quý 4/2028``: from one month (or quarter) of a year
    to a later one, "tháng bảy năm … đến tháng chín năm …" (the dash was dropped)."""
    word, month, year, second_word, last_month, last_year = match.groups()
    word = (word or second_word or "tháng").lower()
    highest = 4 if word == "quý" else 12
    months = int(month), int(last_month)
    if not (min(months) >= 1 and max(months) <= highest) or (
        (int(year), months[0]) >= (int(last_year), months[1])
    ):
        return match.group(0)
    say = (lambda m: m) if word == "quý" else _month_word
    return f"{word} {say(month)} năm {year} đến {word} {say(last_month)} năm {last_year}"


def _month_word(month: str) -> str:
    """``4`` → "tư" (a newsreader's month), an impossible month left as its digits."""
    return MONTH_WORDS[int(month)] if 1 <= int(month) <= 12 else month


_PLATE = re.compile(r"\bBS\s*:\s*(?=\d{2}[A-Z])")


def _plates(text: str) -> str:
    """``BS: 14A-130`` is a number plate (biển số), not a doctor (bác sĩ)."""
    return _PLATE.sub("biển số ", text)
