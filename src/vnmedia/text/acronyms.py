"""Stage 3b, normalize: our context rules for letters and written words.

Initials, codes and acronyms (spelled or said as a word), abbreviations read from their
context, slips of the pen, names written in CamelCase and words joined by a slash.
``normalize.VIETNAMESE_RULES`` runs them in order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache, partial
from itertools import pairwise

from .lexicon import SENTENCE_BREAK, builtin_lexicon
from .spoken_words import (
    AFTER_AMOUNT,
    CURRENCY_NAMES,
    CURRENCY_WORDS,
    LETTER_NAMES,
    MEASURE_NAMES,
    PER_UNIT_NAMES,
    UNIT_SYMBOL_WORDS,
    VI_LOWER,
    data_rows,
    read_digits,
    roman_value,
    say_number,
    sea_normalizer,
    spell_letters,
    tidy,
)
from .words import VIETNAMESE_SYLLABLE, common_words, known_syllables, known_words

# --- letters, initials, codes, abbreviations in context --------------------------------------

_LETTERS = "A-ZĐ"
_DIGRAPHS = {
    "Ch": "chờ", "Gh": "gờ", "Gi": "gi", "Kh": "khờ", "Ng": "ngờ", "Nh": "nhờ", "Ph": "phờ",
    "Qu": "quờ", "Th": "thờ", "Tr": "trờ",
}  # fmt: skip
"""A name's initial of two letters (``T.Tr``, a byline's "Thu Trang"), said as its sound."""
_INITIAL = rf"(?:{'|'.join(_DIGRAPHS)}|[{_LETTERS}])"
_INITIALS = re.compile(rf"(?<!\w)(?<!\w\.)((?:{_INITIAL}\.){{1,5}}{_INITIAL})\b(\.(?!\s*$))?")


def _initials(text: str) -> str:
    """``N.T.C.`` → ``nờ tê xê``, ``T.Tr`` "tê trờ": a person's initials, each said, the dots
    not."""

    def said(match: re.Match[str]) -> str:
        initials = " ".join(
            _DIGRAPHS.get(part) or spell_letters(part) for part in match.group(1).split(".")
        )
        glued = match.string[match.end() : match.end() + 1].isalpha()
        return f"{initials} " if glued else initials  # "N.T.B.Theo": a word glued after

    return _INITIALS.sub(said, text)


_CODE = re.compile(
    rf"(?<![\w.,/-])([{_LETTERS}]{{1,4}}(?:-[{_LETTERS}]{{1,4}})*)-?(\d{{1,3}})"
    rf"((?:[{_LETTERS}]{{1,3}}\d{{0,3}})*)\b"
)
_MODEL_VARIANT = re.compile(r"\b([A-Z]\d{3})-(\d{1,4})\b(?![.,/-]\d)")
"""``A350-900``, ``A321-200``: an aircraft's model and variant, no range ("đến")."""
_DOCUMENT_CODE = re.compile(
    rf"(?<![\w/.,-])(\d{{1,5}})-([A-ZĐ]{{2,6}})/(?:([A-ZĐ]{{2,8}})(?![\w/-])|(?=[{VI_LOWER}]))"
)
"""A document's number, kind and issuer: "112-CV/TU", "03-HD/BTCTW", or "57-NQ/trung ương"
once the lexicon has said its issuer ("TW")."""
_DOCUMENT_KINDS = {
    "NQ": "nghị quyết", "QĐ": "quyết định", "NĐ": "nghị định", "TT": "thông tư",
    "CT": "chỉ thị", "CV": "công văn", "KH": "kế hoạch", "TB": "thông báo", "BC": "báo cáo",
    "CĐ": "công điện", "HD": "hướng dẫn", "TTr": "tờ trình", "KL": "kết luận",
}  # fmt: skip
_KIND_THEN_ISSUER = re.compile(
    r"(?<=/)(" + "|".join(_DOCUMENT_KINDS) + rf")-([A-ZĐ]{{2,8}}(?![\w-])|(?=[{VI_LOWER}]))"
    r"|(?<=\d/)(" + "|".join(_DOCUMENT_KINDS) + r")(?![\w&/-])"
)
"""``09/2026/NQ-HĐND``, ``88/TB-văn phòng chính phủ`` (its issuer said by the lexicon): a
document's kind and issuer, said alike (the kind in full when the issuer is); a kind with no
issuer after a number, ``08/TT``, ``116/2020/NĐ``, in full ("thông tư", not "tê tê")."""


def _document_kind(match: re.Match[str]) -> str:
    kind, issuer, alone = match.groups()
    if alone:
        return _DOCUMENT_KINDS[alone]
    # The lexicon has run: an issuer still in capitals is one it does not list.
    if issuer and _library_spells(issuer):
        return match.group(0)  # "333/TB-ĐTTH": both spelled
    # The issuer is said in words ("hội đồng nhân dân"): so is the kind, not "nờ quy".
    return f"{_DOCUMENT_KINDS[kind]} {issuer}"


_DIGITS_FIRST_CODE = re.compile(
    rf"(?<![\w.,/])\d{{1,4}}(?![HX]\d)[{_LETTERS}]{{1,3}}\d{{1,3}}(?![\w/-]|[.,]\d)"
)
"""A code that starts with a number: "1005G1", "25SM3", "10A12" (not "8H30", a time,
"120X80", a size, nor "65M2-0987", a number plate sea-g2p reads digit by digit)."""
_NUMBER_THEN_CAPITALS = re.compile(
    r"(?<![\w.,/])(?<!\d-)(\d{1,4})([A-ZĐ]{2,4})(?![\w/-])|(?<![\w.,])(\d{1,2})\.(\d)([A-Z]{1,3})\b"
)
"""A number with capitals glued after it: "hộp số 6AT", "2WD", "2FA" (sea-g2p says "sáu at",
"hai wd", "two f a"), a unit ("8GB", "100MW") or a currency ("5000VNĐ") left to its rule;
an engine's size and trim "2.0L", "2.0SP": "hai chấm không lít", "hai chấm không ét pê"
(sea-g2p drops the zero before a unit, "hai lít", and reads ``2.0S`` as seconds)."""


def _number_then_capitals(match: re.Match[str]) -> str:
    number, letters, whole, tenth, trim = match.groups()
    if trim:
        return f"{whole} chấm {tenth} " + ("lít" if trim == "L" else spell_letters(trim))
    if letters.lower() in UNIT_SYMBOL_WORDS or letters.lower() in CURRENCY_NAMES:
        return match.group(0)
    return f"{number} {spell_letters(letters)}"


_SPACED_PLATE = re.compile(
    r"(?<![\w.,-])(\d{2}[A-Z]{1,2}\d?)\s*-\s*(\d{3}\.?\d{2})(?![\w.,]|[.,]\d)"
)
_PLATE = re.compile(r"(?<![\w.,-])(\d{2})([A-Z]{1,2})(\d?)-(\d{4,5})(?![\w-]|[.,]\d)")
"""A number plate: its province as a number, its series spelled, the rest digit by digit."""
_DOTTED_PLATE = re.compile(r"(?<![\w.,-])(\d{2}[A-Z]{1,2}\d?\s*-\s*\d{3})\.(\d{2})(?!\d|[.,]\d)")
"""A number plate whose last five digits have a dot: "82B-004.10", "29A-876.04"."""
_REGISTRATION = re.compile(
    rf"(?<![\w.-])([{_LETTERS}]{{2,3}})-(\d{{4,5}})-?([{_LETTERS}]{{2}})\b"
    r"|(?<![\w.-])([A-ZĐ][A-Za-zĐđ]{1,2}) (\d{4,5}) ?(TS)\b"
)
"""A fishing boat's number: its province, its number, its kind ("TH-90850TS", "BTh 89272 TS")."""
_TRAIN_PAIR = re.compile(rf"(?<![\w.-])([{_LETTERS}]{{1,4}}\d{{1,2}})/(\d{{1,2}})(?![\w/-]|[.,]\d)")
"""``SE19/20``, ``SNT3/4``: a pair of trains, one each way ("ét nờ tê ba trên bốn")."""
_CODE_PAIR = re.compile(r"\b([A-Z]{1,4}\d{1,4})/((?=[A-Z]{1,4}\d)[A-Z]{1,4}\d{1,4})\b(?!/)")
"""Two codes written whole side by side (``SE3/SE4``, ``TK252/TK253``): a pair, "…, …"."""
_APERTURE = re.compile(r"\bf/(\d{1,2})[.,](\d)\b")
"""``khẩu độ f/1.8``: a lens's aperture, "ép một chấm tám" (no fraction, no full stop)."""
_WIFI = re.compile(r"\b802[.,]11([a-z]{1,2})?\b")
"""``802.11ax``, ``802,11ac``: Wi-Fi's standard, "tám không hai chấm mười một a ích"."""
_MODEL_S = re.compile(r"\b([A-Z][A-Za-z]*|i[A-Z][a-z]+) (\d{1,2})(?:/(\d{1,2}))?s\b")
"""``iPhone 5s``, ``Mi Mix 2s``, ``iPhone 6/6s``: a model's "s" after a name ("ét"), not
seconds (``sau 2s``, ``Trong 10s``: a word news writes is no name)."""
_SLASHED_SHORT_NAMES = re.compile(r"(?<![\w/.])(\d?[A-Z])/(\d?[A-Z])(?![\w/])")
"""``4G/5G``, ``M/T``, ``A/T``: two short names side by side, "…, …" (no rate is per "T")."""
_CODE_WITH_ZERO = re.compile(rf"(?<![\w.-])([{_LETTERS}]{{1,4}}\d{{1,3}})-(0\d{{1,2}})(?![\w.,-])")
"""``HC1-02``: a code's part with a leading zero, "hát xê một không hai" (no range ends in 0)."""
_CODE_RANGE = re.compile(
    rf"(?<![\w.-])([{_LETTERS}]{{1,4}})(\d{{3,5}})\s?[-–]\s?(\d{{3,5}})(?![\w.,-])"
)
_NAME_HYPHEN = re.compile(r"\b(?!(?:giờ|phút|ngày)-)([^\W\d_]{3,})-(?=\d)|(?<=\d)-(?=[^\W\d_]{2})")
"""A hyphen inside a name ("Nanggala-402"); not a range's after a time ("15 giờ-20 giờ")."""
_LINEAGE = re.compile(
    rf"(?<![\w.])(?![{_LETTERS}]\d{{1,3}}\.\d(?![.\d]))"
    rf"([{_LETTERS}]|[{_LETTERS}]{{2}}(?=\.))\.?(\d{{1,3}}(?:\.\d{{1,3}})+)(?!\w|\.\d)"
)
"""A virus lineage: "B.1.617", "B1.1.7", "AY.4.2" (a letter, or two and a dot, then numbers
with dots; not "PM2.5", a size, nor "A2.0", a car's trim and engine: one digit after one dot)."""
_NAMED_LINEAGE = re.compile(
    r"(?i:\b(?:biến thể|biến chủng|chủng))\s+([A-Z]{1,2})\.(\d{1,3})\b(?![.,]\d)"
)
"""``biến thể P.1``: one number after the dot is a lineage too where a variant is named (not
"phường một", the ward "P.1" is elsewhere)."""


def _code_part(part: str) -> str:
    if part.isdigit():
        return read_digits(part) if part.startswith("0") else part  # "A00": "a không không"
    # Letters the lexicon says as one word are said so inside a code too ("RON95": "rôn"),
    # not those it expands into several ("TV", "UB").
    word = builtin_lexicon().entries.get("vi", {}).get(part, "")
    return word if word and " " not in word else spell_letters(part)


def _codes(text: str) -> str:
    """``ST25``, ``VN30``, ``T-72B3``, ``PCL-191``, ``1005G1``: letters said one by one,
    numbers as numbers; a lineage ``B.1.617`` "bê một sáu một bảy".

    Left to sea-g2p, "ST25" is "ét tê hai năm" and "T-72B3" reads "m³" into "B3".
    """
    text = _TRAIN_PAIR.sub(r"\1 trên \2", text)  # "SNT3/4": trains 3 and 4, not ¾
    text = _CODE_PAIR.sub(r"\1, \2", text)  # "SE3/SE4", "TK252/TK253": two trains or flights
    text = _SLASHED_SHORT_NAMES.sub(r"\1, \2", text)
    text = _APERTURE.sub(r"ép \1 chấm \2", text)
    text = _WIFI.sub(lambda m: "tám không hai chấm mười một " + spell_letters(m[1] or ""), text)
    text = _MODEL_S.sub(
        lambda m: (
            m[0]
            if m[1].lower() in common_words() and m[1][1:].islower()  # not "iPhone"
            else f"{m[1]} " + (f"{m[2]}, {m[3]}" if m[3] else m[2]) + " ét"
        ),
        text,
    )

    def replace(match: re.Match[str]) -> str:
        parts = re.findall(rf"[{_LETTERS}]+|\d+", match.group(0))
        return " ".join(_code_part(part) for part in parts)

    def lineage(match: re.Match[str]) -> str:
        # "bê một sáu một bảy": the letter, then each number, one of three digits said digit
        # by digit (a name, not "sáu trăm mười bảy"); the dots are not said, as both
        # judged sets accept ("bê một chấm …" is accepted by one, not the other), except
        # after three digits, where the next digit would run into them ("B.1.617.2").
        said = [spell_letters(match.group(1))]
        for part in match.group(2).split("."):
            if len(said) > 1 and len(said[-1].split()) == 3:
                said.append("chấm")
            said.append(part if len(part) < 3 else read_digits(part))
        return " ".join(said)

    def registration(match: re.Match[str]) -> str:
        # "TH-90850TS", a fishing boat: its province, its number digit by digit, its kind.
        letters, number, kind = (group for group in match.groups() if group)
        return f"{spell_letters(letters.upper())} {read_digits(number)} {spell_letters(kind)}"

    def document(match: re.Match[str]) -> str:
        # "112-CV/TU", "35-TB/TU": a document's number, its kind spelled (CV is a "công
        # văn" here, not the horsepower of "150 CV"; TB a "thông báo", not terabytes), its
        # issuer spelled, or left as the lexicon said it ("TW" "trung ương"), no pause at
        # the slash.
        number, kind, issuer = match.groups()
        if issuer is None and kind in _DOCUMENT_KINDS:
            return f"{number} {_DOCUMENT_KINDS[kind]} "  # "59-CV/ban chỉ đạo": both in words
        return f"{number} {spell_letters(kind)} " + (spell_letters(issuer) if issuer else "")

    text = _DOCUMENT_CODE.sub(document, text)
    text = _KIND_THEN_ISSUER.sub(_document_kind, text)
    text = _REGISTRATION.sub(registration, text)
    text = _CODE_WITH_ZERO.sub(lambda m: f"{m.group(1)} {read_digits(m.group(2))}", text)
    # Number plates, written three ways, brought to one and read once: "43A - 40907" (no
    # minus, no pause), "82B-004.10" (the dot unsaid: all the judged sets read plates so),
    # then "51G-57296" digit by digit (sea-g2p reads the serial after a G as a number).
    text = _SPACED_PLATE.sub(r"\1-\2", text)
    text = _DOTTED_PLATE.sub(r"\1\2", text)
    text = _PLATE.sub(lambda m: f"{m[1]} {spell_letters(m[2])} {read_digits(m[3] + m[4])}", text)
    # "RX5700-6900": two models of one line, "rờ ích năm nghìn bảy trăm đến sáu nghìn …"
    text = _CODE_RANGE.sub(
        lambda m: (
            f"{m.group(1)} {m.group(2)} đến {m.group(3)}"
            if len(m.group(2)) == len(m.group(3))
            and int(m.group(2)) < int(m.group(3))
            and not _MODEL_VARIANT.fullmatch(m.group(0))
            else m.group(0)
        ),
        text,
    )
    text = _LINEAGE.sub(lineage, text)
    text = _NAMED_LINEAGE.sub(
        lambda m: m[0][: m.start(1) - m.start(0)] + f"{spell_letters(m[1])} {m[2]}", text
    )
    # "A321-200": the model, then its variant said apart (sea-g2p: "321 200", thousands)
    text = _MODEL_VARIANT.sub(lambda m: f"{m[1]}, {say_number(m[2])}", text)
    text = _CODE.sub(replace, text)
    text = _DIGITS_FIRST_CODE.sub(replace, text)
    text = _NUMBER_THEN_CAPITALS.sub(_number_then_capitals, text)
    # "Nanggala-402", "flavan-3-ols": a hyphen inside a name is not said ("gạch nối").
    return _NAME_HYPHEN.sub(lambda m: f"{m.group(1) or ''} ", text)


# After a slash only when a number comes before it: "425/CV" is a code, "đ/TB" a unit;
# never right after a number: "256 GB", "100 HP" are units, read by their own rule.
# Up to twelve capitals: names in capitals of seven letters or more ("ARSENAL", "KINGAIR",
# "SAIGONTEL") are said as words too, where sea-g2p spelled them letter by letter.
_ACRONYM = re.compile(
    # not after "word/" ("30đ/TB": a unit, "thuê bao"), but after "SMS/" ("SMS/MMS")
    rf"(?<![\w.&-])(?:(?<![^\d]/)|(?<=[A-ZĐ]{{2}}/))"
    rf"([{_LETTERS}]{{2,12}}(?:-[{_LETTERS}]{{1,6}})*)"
    rf"(?:(-)(?=[^\W\d_A-ZĐ]|[A-ZĐ][^\W\d_A-ZĐ])|(?![\w&-]|\.\w))"
)
_MARKED_CAPITALS = "ÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
_HEADING_WORD = re.compile(
    rf"\b(?=\w*[{_MARKED_CAPITALS}])[A-ZĐ{_MARKED_CAPITALS}]{{2,}}\b"  # "CA BỆNH"
    rf"|\b[A-ZĐ]{{3,}}(?:[\s']+[A-ZĐ]{{3,}}){{2,}}\b"  # "DAC SAN SOC TRANG": words in capitals
)
_LETTER_PAIR = re.compile(r"(?<![\w&])([A-Z])&([A-Z])(?![\w&])")
_CAPITAL_SYLLABLES = re.compile(r"(?<![\w&.-])[A-ZĐ]{2,}(?:\s+[A-ZĐ]{2,})+(?![\w&-])")
_SPELLED = (
    set(LETTER_NAMES.values())
    | {"phê", "giê", "giây", "qui", "vê", "kép", "dài"}
    | set("abcdefghijklmnopqrstuvwxyz")
)


@cache
def _library_spells(acronym: str) -> bool:
    """Whether sea-g2p only spells ``acronym`` or leaves it as it is, rather than expanding
    it into words (asked in a Vietnamese phrase: alone, it leaves every acronym alone)."""
    spoken = tidy(sea_normalizer()(f"của {acronym} này")).lower().replace(".", " ").split()
    return all(word in _SPELLED or word == acronym.lower() for word in spoken[1:-1])


_VOWELS = set("AEIOU")


def _said_as_word(acronym: str) -> bool:
    """Whether capitals are a name said as a word: five letters or more, vowels and
    consonants alternating as in a word ("HONDA", "TOYOTA", "ZEISS"), not a run of
    initials ("UBND", "UNDP", "AIIB"); of four letters, a consonant and a vowel twice
    ("MISA", "LISA", "SOHO": Vietnamese initials are nearly all consonants, so no abbreviation
    has that shape). Other short names said as words are listed in the lexicon (NATO)."""
    if len(acronym) == 4 and acronym.isascii():
        return re.fullmatch(r"([^AEIOU][AEIOU]){2}", acronym) is not None
    if len(acronym) < 5 or not acronym.isascii():
        return False
    vowels = sum(letter in _VOWELS for letter in acronym)
    consonant_runs = re.findall(r"[^AEIOU]+", acronym)
    vowel_runs = re.findall(r"[AEIOU]+", acronym)
    return (
        vowels / len(acronym) >= 0.4
        and max(map(len, consonant_runs), default=0) <= 2
        and max(map(len, vowel_runs), default=0) <= 2
    )


def _acronyms(text: str) -> str:
    """``UNDP``, ``SUV``, ``CDC``: acronyms sea-g2p only spells are spelled here, in Vietnamese;
    names in capitals said as words (``HONDA``) are left as words.

    sea-g2p spells an acronym in English letters when it takes the sentence around it for
    English ("u n d p"), which a Vietnamese voice reads as it pleases. Those it expands
    (CSGT → "cảnh sát giao thông") are left to it, and so is a word of a heading in
    capitals ("CA BỆNH").
    """
    if _HEADING_WORD.search(text):
        return text
    # "R&D", "M&A": two letters spelled with the "en" radio says ("rờ en đê").
    text = _LETTER_PAIR.sub(
        lambda m: f"{spell_letters(m.group(1))} en {spell_letters(m.group(2))}", text
    )
    text = _CAPITAL_SYLLABLES.sub(
        lambda m: m.group(0).lower() if all(map(_syllable, m.group(0).split())) else m.group(0),
        text,
    )  # "tiêu chí TINH HOA": words in capitals, as a heading's

    def spelled(acronym: str) -> str:
        if _said_as_word(acronym):
            return acronym.lower()  # sea-g2p spells capitals; in lower case it is a word
        return spell_letters(acronym) if _library_spells(acronym) else acronym

    def replace(match: re.Match[str]) -> str:
        acronym = match.group(1)
        value = roman_value(acronym) if set(acronym) <= set("IVX") else None
        before = text[: match.start()].rstrip().split()
        if value and before and (before[-1][0].isupper() or before[-1][0].isdigit()):
            return str(value)  # "Tier III", "Xperia 10 II", "Elizabeth II"
        if value:
            # "Thế chiến II", "cơ sở II": sea-g2p spells them ("i i") unless it knows the
            # word before ("lần XIII"); a lone "V" or "X" may be a name's initial ("anh V.",
            # "tia X"), so it is left to sea-g2p.
            return str(value) if len(acronym) > 1 else acronym
        after_number = before and re.fullmatch(r"[\d.,/]*\d", before[-1].lstrip("(["))
        per = re.match(r"/\s?(\d|[^\W\d_]+)", text[match.end() :])
        unit = acronym.lower() in UNIT_SYMBOL_WORDS or bool(
            per and (per.group(1).isdigit() or per.group(1).lower() in UNIT_SYMBOL_WORDS)
        )
        if after_number and (unit or acronym in ("VNĐ", "VND")):
            # "256 GB", "3/4 GB", "1000 UI/L": a unit, not "11-CT/TW"; "2.690.000 VNĐ" money
            return match.group(0)
        # A document's code ("425/CV-BCĐ"): each part spelled or expanded on its own, a
        # part the lexicon expanded already ("CV-ban chỉ đạo") after a space. A unit's
        # symbol is one only next to a number ("MG, Ford": "mờ gờ", not "mi li gam").
        alone = acronym.lower() in UNIT_SYMBOL_WORDS and not re.match(r"\s?\d", text[match.end() :])
        said = spell_letters(acronym) if alone else " ".join(map(spelled, acronym.split("-")))
        return f"{said} " if match.group(2) else said

    return _ACRONYM.sub(replace, text)


# --- slips of the pen, names written in CamelCase, words joined by a slash ------------------

_DOUBLE_SLASH = re.compile(r"(?<=\d)//(?=\d)")
_GLUED_CAPITALS = re.compile(rf"\b([A-ZĐ]{{2,}})([{VI_LOWER}]*[{VI_LOWER[3:]}][{VI_LOWER}]*)\b")


_LOWER_THEN_CAPITAL = re.compile(rf"(?<=[{VI_LOWER}])(?=[A-ZĐ{_MARKED_CAPITALS}])")
_WORD = re.compile(r"[^\W\d_]+")
_MARKED_WORD_THEN_DIGIT = re.compile(
    rf"\b([A-ZĐ{_MARKED_CAPITALS}]?[{VI_LOWER}]*[{VI_LOWER[3:]}][{VI_LOWER}]*)(?=\d)"
)
_DIGIT_THEN_MARKED_WORD = re.compile(
    rf"(?<=\d)([{VI_LOWER}]*[{VI_LOWER[3:]}][{VI_LOWER}]*)(?![^\W\d_])"
)
"""A number with a Vietnamese word glued after it ("SARS-CoV-2lần", "9của"); "50.000đ" is
money: one letter, left to the units."""
_SPACED_COVID = re.compile(r"(?i)\b(covid)(?:\s+-\s*|\s*-\s+)19\b")
_CAPITAL_DOMAIN = re.compile(
    r"\b([A-Z][A-Z0-9-]{1,15})((?:\.(?:COM|NET|ORG|GOV|EDU))?\.VN|\.(?:COM|NET|ORG))\b"
)
"""``VOV.VN``, ``DANTRI.COM.VN``: a site's address in capitals (a dateline), its domain in
lower case so that it is read as an address ("vê ô vê chấm vê nờ", not "việt nam")."""
_AMOUNT_DASH = re.compile(r"(?:(?<=\d triệu)|(?<=\d nghìn)|(?<=\d tỷ))[-–](?=\d)")
"""``400 triệu-700 triệu``: a range of amounts, its dash glued (set apart, it is "đến")."""
_SPACED_ISSUER = re.compile(
    r"(?<=\d/)(" + "|".join(_DOCUMENT_KINDS) + r")(?:\s+[-–]\s*|\s*[-–]\s+)(?=[A-ZĐ]{2,8}\b)"
)
"""``116/2020/NĐ - CP``: a document's kind and issuer with the dash set apart."""
_TWO_CAPITALS_SLIP = re.compile(rf"\b[A-ZĐ]{{2}}[{VI_LOWER}]+\b")
_PLURAL_ACRONYM = re.compile(r"\b([A-Z]{2,6})s\b")
_DIGITS_THEN_WORD = re.compile(rf"(?<=\d)([{VI_LOWER}]{{2,}}|ở)\b")
_DIGITS_THEN_SENTENCE = re.compile(rf"(?<=\d)([A-ZĐ][{VI_LOWER}]+)\b")
_ETH_FOR_D = str.maketrans("Ðð", "Đđ")
"""Ð (U+00D0) and ð look like Đ and đ, and old Vietnamese encodings and keyboards put them
in their place; sea-g2p reads them as a plain "d"."""
_ONSETS = "bcdđghklmnpqrstvx"
_LOWER_RUN = re.compile(rf"(?<![^\W\d_])(\d?)([A-ZĐ{_MARKED_CAPITALS}]?[{VI_LOWER}]+)(?![^\W\d_])")


def _syllable(word: str) -> bool:
    """Whether ``word``, its tone and vowel marks aside, has the shape of a syllable."""
    bare = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return bool(VIETNAMESE_SYLLABLE.match(bare))


def _glued_syllables(word: str) -> list[str]:
    """``cómưarào`` → ``có mưa rào``, ``Chínhchủ`` → ``Chính chủ``: the one way a run of
    letters parts into two to four syllables news uses (a capitalised first one may be a
    name's when the next starts with a consonant: "Lênin" is no "Lên in"). Where it parts in
    more ways, the way into fewest syllables wins, then the one into a word ("côngan" is
    "công an", not "côn gan"), then the one into words written in lower case; else nothing.
    A run that parts into no syllables news uses ("đántrước") parts as two syllable shapes
    if it does so one way only."""
    known = known_syllables()
    named = word[0].isupper()

    def partings(rest: str, first: bool) -> list[list[str]]:
        found = [[rest]] if not first and rest in known and _syllable(rest) else []
        for at in range(1, len(rest)):
            head, tail = rest[:at], rest[at:]
            if not _syllable(head.lower()) or (first and named and tail[0] not in _ONSETS):
                continue  # a name parts before a consonant only
            if first and named:  # a name, then words written in lower case or marked
                more = [  # ("Chínhchủ"; "Lênin" is no "Lê nin")
                    m
                    for m in partings(tail, False)
                    if all(x in common_words() or not x.isascii() for x in m)
                ]
                found += [[head, *m] for m in more if len(m) < 4]
            elif head in known:
                found += [[head, *more] for more in partings(tail, False) if len(more) < 4]
        return found

    found = partings(word, True) or [
        [word[:at], word[at:]]
        for at in range(1, len(word))
        if _syllable(word[:at].lower())
        and _syllable(word[at:])
        and (not named or (word[at] in _ONSETS and word[at:] in common_words()))
    ]
    if len(found) > 1:  # "cómưarào": "có mưa rào", not "có mưa r ào"
        fewest = min(len(p) for p in found)
        found = [p for p in found if len(p) == fewest]
    if len(found) > 1:  # "côngan": "công an" (a word), not "côn gan"
        words = [sum(f"{a} {b}".lower() in known_words() for a, b in pairwise(p)) for p in found]
        found = [p for p, n in zip(found, words, strict=True) if n == max(words)]
    if len(found) > 1:  # "trịtại": "trị tại", not "trịt ại"; "cócông" stays
        found = [p for p in found if all(x in common_words() for x in p[named:])]
    return found[0] if len(found) == 1 else []


def _written_slips(text: str) -> str:
    """Slips a reader passes over without a word: ``14//4`` is ``14/4``, and capitals glued
    to a Vietnamese word (``TP.HCMđã``, ``vớiSARS``, ``ThủyTheo``) are two words, as are a
    Vietnamese word and the number glued to it (``giảm48%``, ``Sáng23/4``), and two words
    run together when they part in one way only (``tuầnđể``, ``chuyếnbay``; ``11hđể``, a
    unit then a word; ``Quảng Trịtại``, a name then a word; ``2021cho``, a number then a
    word). Also: an eth typed for "Đ" (``Ðường``), an acronym's plural "s" (``SMEs``). Run
    before the lexicon, which only knows whole tokens."""

    def split(match: re.Match[str]) -> str:
        capitals, lower = match.groups()
        if len(capitals) > 2 and _syllable(capitals[-1] + lower):
            return f"{capitals[:-1]} {capitals[-1]}{lower}"  # "MTTQViệt" → "MTTQ Việt"
        if len(capitals) > 2 and _syllable(lower):
            return f"{capitals} {lower}"  # "TP.HCMđã" → "TP.HCM đã"
        return match.group(0)

    def unglue(match: re.Match[str]) -> str:
        word = match.group(0)  # "ThủyTheo", "vớiSARS": a Vietnamese word, then another
        return word if word.isascii() else _LOWER_THEN_CAPITAL.sub(" ", word)

    def number_apart(match: re.Match[str]) -> str:
        word = match.group(1)  # "giảm48%", "Sáng23/4": a Vietnamese word, then a number
        return f"{word} " if _syllable(word) else word

    def syllables_apart(match: re.Match[str]) -> str:
        digit, word = match.groups()  # "tuầnđể", "cómưarào", "11hđể": words run together
        if word.isascii() or _syllable(word):
            return match.group(0)
        if digit:
            units = [
                (word[:at], word[at:])
                for at in range(1, len(word))
                if word[:at] in UNIT_SYMBOL_WORDS and word[at:] in common_words()
            ]
            if len(units) == 1:
                return f"{digit}{' '.join(units[0])}"
        parts = _glued_syllables(word)
        if not parts and word[0].isupper():  # "Bangladeshvừa": a foreign name, then a word
            splits = [
                (word[:at], word[at:])
                for at in range(3, len(word))
                if word[:at].isascii() and not word[at:].isascii() and word[at:] in common_words()
            ]  # the longest word ("Ronaldokhông", not "Ronaldok hông"), none if one may start
            # with a vowel ("Lampardở" may be "Lampard ở"; "Hernán", "Bidenở" stay)
            longest = min(splits, key=lambda split: len(split[0]), default=None)
            vowel = any(tail[0] not in _ONSETS for _, tail in splits)
            parts = list(longest) if longest and not vowel else []
        return f"{digit}{' '.join(parts)}" if parts else match.group(0)

    text = text.translate(_ETH_FOR_D)  # "Ðường Lâm": the Icelandic eth typed for "Đ"
    text = _PLURAL_ACRONYM.sub(r"\1", text)  # "SMEs", "CEOs": the acronym, no "ét" for its "s"
    text = _DIGITS_THEN_WORD.sub(
        lambda m: f" {m[1]}" if m[1] in common_words() and m[1] not in UNIT_SYMBOL_WORDS else m[1],
        text,
    )  # "quý III/2021cho thấy": a number, then a word glued to it
    text = _DIGITS_THEN_SENTENCE.sub(
        lambda m: f" {m[1]}" if m[1].lower() in common_words() else m[1], text
    )  # "năm 2021Theo đó", "mẫu ET1Sau đó": the next sentence's first word, its space lost
    text = _TWO_CAPITALS_SLIP.sub(
        lambda m: m.group(0)[0] + m.group(0)[1:].lower() if _syllable(m.group(0)) else m.group(0),
        text,
    )  # "Huỳnh Hiểu MInh": a name's second letter in capitals by a slip
    text = _DIGIT_THEN_MARKED_WORD.sub(
        lambda m: f" {m.group(1)}" if len(m.group(1)) > 1 and _syllable(m.group(1)) else m.group(1),
        text,
    )
    text = _SPACED_COVID.sub(r"\1-19", text)  # "Covid - 19", "Covid -19": not "âm mười chín"
    text = _CAPITAL_DOMAIN.sub(lambda m: m[1] + m[2].lower(), text)  # "VOV.VN": an address
    text = _AMOUNT_DASH.sub(" - ", text)  # "400 triệu-700 triệu": "… đến …"
    text = _SPACED_ISSUER.sub(r"\1-", text)  # "NĐ - CP": "nghị định chính phủ", no "cổ phần"
    text = _EDUCATION.sub("GD-ĐT", text)  # "Sở GD - ĐT", "GD, ĐT": not "đội tuyển"
    listed = builtin_lexicon().entries.get("vi", {})
    text = _SPACED_AMPERSAND.sub(
        lambda m: joined if (joined := f"{m.group(1)}&{m.group(2)}") in listed else m.group(0),
        text,
    )
    text = _WORD.sub(unglue, _DOUBLE_SLASH.sub("/", text))
    text = _LOWER_RUN.sub(syllables_apart, text)
    text = _MARKED_WORD_THEN_DIGIT.sub(number_apart, text)
    # "TP.HCMHai cầu": an abbreviation a table or sea-g2p says in words, then the next
    # sentence's first word glued on
    text = _LISTED_THEN_WORD.sub(
        lambda m: (
            f"{m[1]} {m[2]}"
            if m[2].lower() in common_words() and (m[1] in listed or not _library_spells(m[1]))
            else m[0]
        ),
        text,
    )
    text = _GLUED_PLAIN_WORD.sub(
        lambda m: f"{m.group(1)} {m.group(2)}" if m.group(2) in common_words() else m.group(0),
        text,
    )  # "TP.HCMra", "TPHCMcho": a plain word glued too ("VPBank", "SONet" are names)
    # "Bộ GD-ĐTtổ chức", "UBTVQH15": a listed abbreviation, then a word or a number glued on
    text = _LISTED_THEN_TAIL.sub(lambda m: _tail_apart(m, listed), text)
    # "tỉnh lộ ĐT 636B", "NV 1": an abbreviation the numbered table reads before a number,
    # glued to it before the lexicon says "ĐT" alone ("đội tuyển")
    text = _SPACED_NUMBERED.sub(r"\1", text)
    return _GLUED_STOP.sub(_stop_apart, _GLUED_CAPITALS.sub(split, text))


def _stop_apart(match: re.Match[str]) -> str:
    """``KFC.Các``, ``Mỹ.Yale``, ``BS.Lan``, ``nhỏ.KFC``: a full stop glued to a capitalised
    word gets its space back (sea-g2p took "KFC.Các" for English, "k f c"; the lexicon reads
    "BS. Lan" as "bác sĩ Lan", not "BS.Lan"); capitals after capitals stay glued (``GS.TS``,
    ``TP.HCM``)."""
    left, right = match.groups()
    word_then_capital = left[-1].islower() and right[0].isupper()  # "nhỏ.KFC", "iPad.WebEx"
    if not (word_then_capital or (right[0].isupper() and right[1:].islower())):
        return match.group(0)
    return f"{left}. {right}"


_LISTED_THEN_TAIL = re.compile(
    rf"\b([A-ZĐ]{{1,6}}-[A-ZĐ]{{2,6}}|[A-ZĐ]{{4,}})(\d{{1,3}}|[{VI_LOWER}]+)\b"
)


def _tail_apart(match: re.Match[str], listed: Mapping[str, str]) -> str:
    """``GD-ĐTtổ`` → ``GD-ĐT tổ``, ``UBTVQH15`` → ``UBTVQH 15``: a listed abbreviation and what
    was glued after it, a syllable after a hyphened one, a number after one of four capitals
    or more (the number then read whole, not "… hát một năm")."""
    head, tail = match.groups()
    glued = _syllable(tail) if "-" in head else tail.isdigit()
    return f"{head} {tail}" if head in listed and glued else match.group(0)


_LISTED_THEN_WORD = re.compile(rf"\b([A-ZĐ]{{2,6}})([A-ZĐ][{VI_LOWER}]+)\b")
_GLUED_STOP = re.compile(r"(?<![\w.])(\w{2,})\.([^\W\d_]{2,})(?![\w.])")
_GLUED_PLAIN_WORD = re.compile(r"\b([A-ZĐ]{3,})([a-z]{2,6})\b")
_CAMEL_CASE = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b")
_NAME_THEN_CAPITALS = re.compile(r"\b([A-Z][a-z]+)(?=[A-Z]{2,}\b)")
_CAPITALS_THEN_NAME = re.compile(r"\b([A-ZĐ]{2,4})(?=[A-Z][a-z]{2,}\b)")
_CAPITALS_THEN_LOWER = re.compile(r"\b([A-ZĐ]{3,5})([a-z]{2,})\b")
_WORD_ONSET = re.compile(r"[AEIOUY].|[BCDFGKPSTV][aeiouyhlrw]|[HJLMNRWXZ][aeiouy]")
"""A capital and the letter after it that can begin an English word ("Ba" of "Bank", "Ex"
of "Express"); "Vc", "Ts", "Vg" cannot."""


def _camel_case(text: str) -> str:
    """``MediaTek``, ``VinFuture``, ``YouTube`` → ``Mediatek``: one name, said as one word;
    ``VinID`` → ``Vin ID``, ``VTVcab`` → ``VTV cab``, its initials spelled apart.

    sea-g2p cuts a word at each capital inside it ("media tek"); that is right only for
    Vietnamese syllables run together ("LinhTheo", "LienVietPostBank", "TheoForbes"), left
    alone when two parts have the shape of one, or one is a word the news writes.
    """

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        syllables = [p for p in re.findall(r"[A-Z][a-z]+", word) if VIETNAMESE_SYLLABLE.match(p)]
        if len(syllables) >= 2 or any(p.lower() in common_words() for p in syllables):
            return word  # "LinhTheo", "LienVietPostBank", "TheoForbes": said as written
        return word[0] + word[1:].lower()

    # "VinID", "OpenDNS": a name, then initials the acronym rule spells ("vin i đê"); and
    # the other way round, "VPBank", "JPMorgan": initials spelled, then the name.
    text = _NAME_THEN_CAPITALS.sub(r"\1 ", _CAMEL_CASE.sub(replace, text))
    # "VTVcab", "FPTshop": initials, then a word in lower case, where the last capital and
    # the letters after it cannot begin a word (they can in "MBBank", "VNExpress": below)
    text = _CAPITALS_THEN_LOWER.sub(
        lambda m: m[0] if _WORD_ONSET.fullmatch(m[1][-1] + m[2][0]) else f"{m[1]} {m[2]}", text
    )
    return _CAPITALS_THEN_NAME.sub(lambda m: f"{_initials_said(m.group(1))} ", text)


def _initials_said(initials: str) -> str:
    """Initials before a name, spelled (``VP`` "vê pê"), or a title of three letters or more
    the lexicon says in words (``HLV`` "huấn luyện viên")."""
    if initials in _TITLES_BEFORE_NAMES:
        return _TITLES_BEFORE_NAMES[initials]
    title = builtin_lexicon().entries.get("vi", {}).get(initials, "") if len(initials) > 2 else ""
    return title or spell_letters(initials)


_TITLES_BEFORE_NAMES = {"PV": "phóng viên"}
"""Titles of two letters the lexicon cannot list (``PV GAS`` is a company) but a name right
after decides: ``PVThanh Niên``, a paper's reporter."""


_SLASHED_LIST = re.compile(r"(?<![\w/.])[^\W\d_]+(?:/ ?[^\W\d_]+){2,}(?![\w/]|\.\w)")
"""Three words or more joined by slashes ("Anh/Đức/Pháp"): a list, said with pauses."""
_SLASHED_WORDS = re.compile(r"(?<![\w/.])([^\W\d_]+)(?:/ ?| /)([^\W\d_]+)(?![\w/]|\.\w)")
"""Two words joined by a slash, maybe with a space on one side ("Chu Lai/ Đồng Hới")."""
_RATE = re.compile(
    r"(?<![\d.,])(\d[\d.,]*\s?)((?:[^\W\d_]+ )?[^\W\d_]{2,})/([^\W\d_]{2,})(?![\w/]|\.\w)"
)
_NUMBER_PER_UNIT = re.compile(r"(?<![\d.,/])(\d[\d.,]*)/([a-z]{1,5}\d?)(?![\w/-]|\.\w)")
_PER_TIME = {
    "ngày", "đêm", "tuần", "tháng", "năm", "quý", "giờ", "phút", "giây", "lần", "lượt", "kỳ",
    "vụ", "mùa", "trận",
}  # fmt: skip
"""Times (and turns) after a slash make it a rate ("ca/ngày", "5 năm/lần"): "một ngày"."""
_PER_MEASURE = {"lít", "tấn", "sào", "mẫu", "héc ta", "hecta", "vạn"}
"""Measures after a slash that make it a rate too ("muối/lít", "tấn/sào"), and ten thousand
people ("sinh viên/vạn dân" "sinh viên một vạn dân")."""
_PER_HEAD = {"người", "hộ", "lớp", "khẩu"}
"""Heads a number of things is shared among ("250 quả/người", "16 học sinh/lớp"): a rate."""
_PER_WHAT = {
    "rupee", "rupi", "rúp", "rub", "bảng", "yên", "won", "bạt", "baht", "euro", "tấn", "tạ",
    "lít", "thùng", "bao", "khách", "trang", "vòng", "người", "chỗ", "suất",
}  # fmt: skip
"""Words before a slash after a number that make it a rate whatever follows: a currency,
a measure, people or places ("30.000 Rupee/bình", "5 tấn/sào", "6-23 người/đoàn", "64
chỗ/toa")."""


_FLU_SUBTYPE = re.compile(r"\b([AB])/(?=H\d{1,2}N\d{1,2}\b)")
_SPACED_SLASH = re.compile(r"(?<![\w/])([^\W\d_]+) / ([^\W\d_]+)(?![\w/])")
"""A slash with spaces between two words: names or kinds side by side ("Caltech / NASA",
"R&B / Hip-Hop", "Tân Hoa Xã / Wang Xi"), never "trên"."""


def _money_word(word: str) -> bool:
    """A currency's word ("đồng", "USD"); capitalised it is a name ("Đồng Hới")."""
    return word.lower() in CURRENCY_NAMES and not word.istitle()


def _slashes(text: str) -> str:
    """A slash between words: ``350.000 ca/ngày`` is "ca một ngày" (a rate, after a number),
    ``100.000/kg`` "một ki lô gam", ``các tỉnh/thành phố`` "tỉnh, thành phố" (either);
    three words or more a list (``Anh/Đức/Pháp``) or a rate (``sản phẩm/máy/ngày``).

    sea-g2p says "trên" for every slash. A unit symbol ("km/h") or a price per unit of time
    ("đồng/ngày") is left to the unit and money rules.
    """

    def rate(match: re.Match[str]) -> str:
        number, counted, per = match.groups()
        if {counted.split()[-1].lower(), per.lower()} & (UNIT_SYMBOL_WORDS | CURRENCY_NAMES):
            return match.group(0)  # "60 km/h", "50.000 đồng/ngày": the unit and money rules'
        if per.lower() in _PER_TIME | _PER_MEASURE | _PER_HEAD or counted.lower() in (
            _PER_WHAT | _PER_TIME
        ):
            return f"{number}{counted} một {per}"
        return match.group(0)  # "63 tỉnh/thành phố": either, below

    def per_unit(match: re.Match[str]) -> str:
        name = PER_UNIT_NAMES.get(match.group(2).lower())
        return f"{match.group(1)} một {name}" if name else match.group(0)

    def either(match: re.Match[str]) -> str:
        first, second = match.groups()
        before = match.string[: match.start()]
        per = MEASURE_NAMES.get(second.lower())
        if per and first.islower() and first not in UNIT_SYMBOL_WORDS | CURRENCY_NAMES:
            return f"{first} một {per}"  # "tấn/ha", "tôm thương phẩm/ha": a yield per unit
        money = re.search(rf"(?i)\b(?:{CURRENCY_WORDS})\s?$", before)  # "đô la Mỹ/ngày"
        if (
            (money and not money.group(0).strip().istitle())
            or first.isupper()  # "CV/BCĐ": a document's code
            or {first.lower(), second.lower()} & UNIT_SYMBOL_WORDS
            or _money_word(first)
            or _money_word(second)
        ):  # ("Chu Lai/Đồng Hới": a place, not the currency)
            return match.group(0)
        if second.lower() in _PER_TIME | _PER_MEASURE and first.lower() not in _PER_TIME:
            return f"{first} một {second}"  # "(ca mắc) mới/ngày", "tấn/năm": a rate
        return f"{first}, {second}"

    text = _FLU_SUBTYPE.sub(r"\1 ", text)  # "cúm A/H3N2": "a hát ba nờ hai", no "trên"
    text = _NUMBER_PER_UNIT.sub(per_unit, _RATE.sub(rate, text))
    text = _SPACED_SLASH.sub(
        lambda m: (
            m.group(0)
            if {m.group(1).lower(), m.group(2).lower()} & UNIT_SYMBOL_WORDS  # "km / h"
            else f"{m.group(1)}, {m.group(2)}"
        ),
        text,
    )

    def listed(match: re.Match[str]) -> str:
        first, *rest = [w.strip() for w in match.group(0).split("/")]
        if {first.lower(), *(w.lower() for w in rest)} & UNIT_SYMBOL_WORDS or _money_word(first):
            return match.group(0)  # "m/s/s": units; "đồng/vé/lượt": the money rule's
        rate = {w.lower() for w in rest} & (_PER_TIME | _PER_MEASURE | _PER_HEAD)
        if rate and first.lower() not in _PER_TIME:  # "sản phẩm/máy/ngày"; not "ngày/tháng/năm"
            return " một ".join((first, *rest))
        return ", ".join((first, *rest))  # "Anh/Đức/Pháp"

    text = _SLASHED_LIST.sub(listed, text)
    return _SLASHED_WORDS.sub(either, text)


_BORN = re.compile(r"\bSN\s*:?\s*(?=(?:19|20)\d\d\b)")
_REPORTER = re.compile(r"\bPV\b(?!\s*(?:[A-Z]{2,}|Power|Oil|Bank|Drilling|Gas)\b)")
_MEDAL = re.compile(r"\bHC(?=\s+(?:vàng|bạc|đồng)\b)")
"""``HC vàng``: "huy chương vàng" (the lexicon has ``HCV``, written as one)."""
_COLLEGE = re.compile(
    r"(?:(?<=[Tt]rường )|(?<=hệ )|(?<=bậc )|(?<=đại học, )|(?<=đại học và )|(?<=ĐH, ))CĐ\b"
    r"|\bCĐ(?=\s+(?:sư phạm|nghề|y tế)\b)"
)
_IMPORT = re.compile(r"(?<=\bthuế )NK\b")
"""``thuế NK``: import duty, "nhập khẩu" (not the letters)."""
_EDUCATION_BEFORE_UNIVERSITY = re.compile(r"\bGD(?=\s+ĐH\b)")
"""``cơ sở GD ĐH``: "giáo dục" before the university's ĐH."""
_REFORM_SCHOOL = re.compile(r"(?<=[Tt]rường )GD(?=\s+(?:số\s+)?\d)")
"""``Trường GD số 4``: a reform school, "giáo dưỡng" (the police's, numbered)."""
_TRADE_UNION = re.compile(
    r"\bCĐ(?=\s+(?:ngành|Cty|[Cc]ông ty|cơ sở|cấp trên|các khu|KCN)\b)|(?<=[Cc]hủ tịch )CĐ\b"
)
"""``CĐ ngành GTVT``, ``CĐ Cty``, ``Chủ tịch CĐ``: a trade union, "công đoàn"."""
_DELEGATE = re.compile(r"\bĐB\b(?=\s+(?:[A-ZĐ][^\W\d_A-ZĐ]|QH\b|Quốc hội))")
"""``ĐB Đinh Xuân Thảo``, ``ĐB QH``: a deputy, "đại biểu" (not the delta of ``ĐBSCL``)."""
_GOVERNMENT = re.compile(
    rf"(?<![\w&/-])(?<!- )(?<!ty )(?<!giá )CP(?=\s+[{VI_LOWER}]|\s*[.,;:?!)]|\s*$)"
    r"|(?<=\b[Vv]ăn phòng )CP\b|(?<=\bThủ tướng )CP\b"
)
"""``CP`` before a lower-case word or a stop (``do CP bảo lãnh``, ``báo cáo của CP.``,
``Văn phòng CP``): the government, "chính phủ". A joint-stock company's "cổ phần" comes
before its name (``Công ty CP Thép``) or after "công ty"; ``NĐ-CP`` is a document's issuer."""
_POLICE = re.compile(r"\bCA(?=\s+(?:TP|TX|tỉnh|huyện|quận|phường|xã|thị xã|thành phố|thị trấn)\b)")
"""``CA TP Hải Phòng``, ``CA huyện``: the police of a place, "công an"."""
_ACCOUNT = re.compile(r"\bTK(?=\s+(?:ngân hàng|NH)\b)|(?<=\b[Ss]ố )TK\b|(?<=\b[Cc]hủ )TK\b")
"""``TK ngân hàng``, ``số TK``, ``chủ TK``: a bank account, "tài khoản"."""
_PHOTO_CREDIT = r"(?:(?<=\b[Ảả]nh: )|(?<=\b[Ảả]nh ))"
_ARCHIVE_PHOTO = re.compile(_PHOTO_CREDIT + r"TL\b")
"""``Ảnh: TL``: a photo from the archive, "tư liệu"."""
_PERSON_PHOTO = re.compile(_PHOTO_CREDIT + r"(?:NV|nv)\b")
"""``Ảnh: NV``: a photo the person in the story gave, "nhân vật"."""
_SHARES = re.compile(rf"{AFTER_AMOUNT}cp\b")
"""``386.000 cp``, ``25 triệu cp``: shares, "cổ phiếu" (the stock pages' unit)."""
_PUPIL = re.compile(r"(?<!\bmã )(?<!\bMã )(?<!\bMG )(?:\b|(?<=\d))HS\b(?!\s*:?\s*\d)")
"""``HS``: "học sinh" (``cho HS``, ``180 HS``); a customs code is "mã HS", "HS 100630", and
"MG HS" a car."""
_PRIMARY = re.compile(
    r"(?:(?<=[Tt]rường )|(?<=cấp )|(?<=bậc )|(?<=khối ))TH\b"
    r"|\bTH(?=(?:,| và| hoặc)\s+(?:THCS|THPT|trung học)\b)|(?<=mầm non, )TH\b"
    r"|(?<=trung học cơ sở, )TH\b|(?<=trung học phổ thông, )TH\b"  # the lexicon has read THCS
)
"""``trường TH``, ``mầm non, TH, THCS``: "tiểu học" (not the milk brand "TH true milk")."""
_LONE_CD = re.compile(r"(?<![\w/&-])CĐ(?![\w/&-])")
_SCHOOLING = re.compile(r"\bĐH\b|GDĐH|[Đđ]ại học|trung cấp|sinh viên|giảng viên|tuyển sinh")
_UNION = re.compile(r"(?i)công đoàn|LĐLĐ|công nhân|người lao động|đoàn viên")


def _colleges_among_schools(text: str) -> str:
    """``trường ĐH đào tạo CĐ``, ``giảng viên CĐ, ĐH``: a lone CĐ in a sentence about
    universities and students is "cao đẳng" (40 of the corpus's 69 lone CĐ were spelled,
    "xê đê"); beside a trade union's words it stays for the rules of "công đoàn"."""
    if "CĐ" not in text:
        return text
    return "".join(
        _LONE_CD.sub("cao đẳng", sentence)
        if _SCHOOLING.search(sentence) and not _UNION.search(sentence)
        else sentence
        for sentence in SENTENCE_BREAK.split(text)
    )


_PLATFORM_X = re.compile(r"(?:(?<=[Mm]ạng xã hội )|(?<=[Nn]ền tảng ))X(?![\w-])")
"""``mạng xã hội X``: the platform once Twitter, "ích" (sea-g2p reads the numeral, "mười")."""
_SAID_IN_CONTEXT = [
    (_COLLEGE, "cao đẳng"),
    (_TRADE_UNION, "công đoàn"),
    (_REFORM_SCHOOL, "giáo dưỡng"),
    (_IMPORT, "nhập khẩu"),
    (_EDUCATION_BEFORE_UNIVERSITY, "giáo dục"),
    (_GOVERNMENT, "chính phủ"),
    (_POLICE, "công an"),
    (_ACCOUNT, "tài khoản"),
    (_ARCHIVE_PHOTO, "tư liệu"),
    (_PERSON_PHOTO, "nhân vật"),
    (_DELEGATE, "đại biểu"),
    (_PRIMARY, "tiểu học"),
    (_PUPIL, "học sinh"),
    (_MEDAL, "huy chương"),
    (_SHARES, "cổ phiếu"),
    (_PLATFORM_X, "ích"),
]
"""Short abbreviations and the words they are said as where their patterns match."""


def _said_words(words: str, match: re.Match[str]) -> str:
    # glued to a number ("11HS"), the words get a space before them
    return " " * match.string[match.start() - 1 : match.start()].isdigit() + words


_CITY_DOT = re.compile(r"\bT[Pp]\.\s*(?=[A-ZĐ])|\bTp\s+(?=[A-ZĐ])")
"""``TP. Đà Nẵng``, ``TP.Cần Thơ``, ``Tp.HCM``, ``Tp HCM``: "thành phố …", the abbreviation's
dot no full stop to pause at."""
_ERA = re.compile(r"(?i:\b(sau|trước))\s+CN\b")
"""``thế kỉ 9 sau CN``: the era, "sau công nguyên" (not "xê nờ")."""
_CHAINAGE = re.compile(
    r"(?<![\d.,])(?<!\d )\b[Kk][Mm](?:\s?(\d{2,})|\s(\d)|(\d)(?=\s?\+)|(?<=K[Mm])(0)\b)"
    r"(?:\s?\+\s?(\d+))?\b"
)
"""``km13+800``, ``tại km230``: a point on a road, "ki lô mét mười ba cộng tám trăm" (not
after a number, and not ``km2`` glued, an area)."""


def _numbered_abbreviations() -> dict[str, str]:
    """``data/numbered.tsv``: abbreviations said in full when a number goes with them."""
    return {written: spoken for written, spoken in data_rows("numbered.tsv")}


_NUMBERED = _numbered_abbreviations()
_NUMBERED_WORDS = "|".join(map(re.escape, _NUMBERED))
_SPACED_NUMBERED = re.compile(rf"\b({_NUMBERED_WORDS}) (?=[1-9]\d{{0,3}}[A-Z]?\b)")
_BEFORE_A_NUMBER = re.compile(rf"\b({_NUMBERED_WORDS})\s?(?=\d)|(?<=\d )({_NUMBERED_WORDS})\b")


_CHAINAGE_SPAN = re.compile(r"\b([Kk][Mm]\s?\d+(?:\s?\+\s?\d+)?)\s?[-–]\s?(?=[Kk][Mm]\s?\d)")
"""``km681-km697``: a stretch of road from one point to another, "… đến …"."""
_DISTRICT = re.compile(r"(?<![\w.])Q\.?\s?(\d{1,2})(?=,\s*(?:TP|Tp|[Tt]hành phố)\b)")
"""``P.14, Q3, TP. HCM``: a district before its city (not ``Q1/2021``, a quarter)."""
_WARD = re.compile(r"(?<![\w.])P\.?\s?(\d{1,2})(?=,\s*(?:Q\.?\s?\d|[Qq]uận)\b)")
"""``P6, quận 3``: a ward before its district (sea-g2p reads "P.6" so, not "P6")."""
_AFTER_AMPERSAND = re.compile(r"(?<=&)([A-ZĐ]{2,5})(?![\w&-])")


@cache
def _ampersand_halves() -> dict[str, str]:
    """The second halves of the listed "…&…" names, and their words where every listed
    name says them alike: ``XH`` of ``LĐ-TB&XH`` is "xã hội", ``PTNT`` of ``NN&PTNT``
    "phát triển nông thôn"; ``ĐT`` ("đào tạo", "đầu tư") is not one."""
    said: dict[str, set[str]] = {}
    for written, spoken in builtin_lexicon().entries.get("vi", {}).items():
        if written.count("&") == 1 and " và " in spoken:
            said.setdefault(written.split("&")[1], set()).add(spoken.split(" và ", 1)[1])
    return {half: next(iter(words)) for half, words in said.items() if len(words) == 1}


_QUARTER_YEAR = re.compile(r"(?<![\w.])Q([1-4])/((?:19|20)\d\d)\b")
"""``Q1/2021``: a quarter and its year ("quý một năm …", was "quy tháng một năm …")."""
_EDUCATION = re.compile(r"(?<![\w&-])GD\s*[-–,]\s*ĐT(?![\w&-])")
_SPACED_AMPERSAND = re.compile(r"(?<![\w&-])([A-ZĐ]{1,4}) & ([A-ZĐ]{1,4})(?![\w&-])")
"""``Sở GD & ĐT``, ``TN & MT``: a listed pair written with spaces round its "&"."""


def _abbreviations_in_context(text: str) -> str:
    """Short abbreviations whose reading the words around them decide.

    ``SN 1995`` is "sinh năm" before a year; ``BN2899`` "bệnh nhân", ``QL18`` "quốc lộ",
    ``NV1`` and ``3 NV`` "nguyện vọng" with a number (``data/numbered.tsv``); ``trường CĐ``
    "cao đẳng", ``HS`` "học sinh", ``trường TH`` "tiểu học"; ``PV`` "phóng viên" except as a
    company's name (PV GAS, PV Power); ``sau CN`` "sau công nguyên"; ``km13+800`` a point on a
    road; ``TP. Huế`` without a stop. Round 12: ``do CP bảo lãnh`` "chính phủ", ``386.000 cp``
    "cổ phiếu", a lone ``CĐ`` in a sentence about universities "cao đẳng" and a union's
    "công đoàn", ``Trường GD số 4`` "giáo dưỡng", ``km681-km697`` "… đến …".
    """
    text = _BORN.sub("sinh năm ", text)

    def numbered(match: re.Match[str]) -> str:
        if match.group(2):
            return _NUMBERED[match.group(2)]
        said = _NUMBERED[match.group(1)]
        # "đường ĐT981": "đường tỉnh", not "đường đường tỉnh"
        head, _, rest = said.partition(" ")
        if rest and match.string[: match.start()].endswith(f"{head} "):
            said = rest
        return f"{said} "

    text = _BEFORE_A_NUMBER.sub(numbered, text)
    for pattern, words in _SAID_IN_CONTEXT:
        text = pattern.sub(partial(_said_words, words), text)
    text = _colleges_among_schools(text)
    text = _DISTRICT.sub(r"quận \1", text)
    text = _WARD.sub(r"phường \1", text)
    # "Sở LĐTB&XH": a name not listed whole, its second half one the listed names share
    text = _AFTER_AMPERSAND.sub(lambda m: _ampersand_halves().get(m[1], m[1]), text)
    text = _QUARTER_YEAR.sub(r"quý \1 năm \2", text)
    text = _CITY_DOT.sub("TP ", text)
    text = _ERA.sub(r"\1 công nguyên", text)
    text = _CHAINAGE_SPAN.sub(r"\1 đến ", text)
    text = _CHAINAGE.sub(
        lambda m: (
            f"ki lô mét {m.group(1) or m.group(2) or m.group(3) or m.group(4)}"
            + (f" cộng {m.group(5)}" if m.group(5) else "")
        ),
        text,
    )
    return _REPORTER.sub("phóng viên", text)
