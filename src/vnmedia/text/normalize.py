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

This module runs the layers (``TextNormalizer``, ``VIETNAMESE_RULES`` in order) and explains
them (``explain_readings``); the lexicon lives in ``lexicon``, the rules in ``acronyms`` and
``numbers``, and the words they share, with the library call, in ``spoken_words``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from ..models import Unit
from ..runtime.cache import Cache, cache_key
from .abbreviations import definitions
from .acronyms import (
    _abbreviations_in_context,
    _acronyms,
    _camel_case,
    _codes,
    _initials,
    _slashes,
    _written_slips,
)
from .lexicon import Lexicon, Sense, apply_senses, builtin_lexicon, builtin_lexicons, builtin_senses
from .marks import _URL, _addresses, _end_mark, _host, _marks
from .markup import resolve_markup
from .numbers import (
    _currency_codes,
    _dates,
    _day_months,
    _day_ranges,
    _decimals,
    _digit_strings,
    _english_decimals,
    _fractions,
    _group_thousands,
    _leading_zeros,
    _money,
    _month_year,
    _negatives,
    _per_period,
    _phones,
    _plates,
    _ranges,
    _ranges_with_units,
    _roman_numerals,
    _scores,
    _time_ranges,
    _times,
    _twelve_hours,
    _units,
    _vietnamese_spelling,
)
from .spoken_words import say_number, sea_normalizer, tidy

# --- our context rules, in the order they run ------------------------------------------------

Rule = Callable[[str], str]


RULES_VERSION = 15
"""Bump when a rule changes what is spoken: it is part of every clip's cache key, so clips
spoken with the old forms are made again (2: dotted dates, time ranges, more currencies,
prices per unit, electrical and data units; 3: numbers before units spelled in Vietnamese,
time ranges of whole hours, numbers of 13 digits and more, 2t3 and 1tr5, per subscriber;
4: issue 30's context rules, markup, abbreviations from soe-vinorm; 5: slashes between
words, CamelCase names, slips of the pen, Roman numerals in lists, "tháng 5/2021"; 6: issue
30's round 3, fitted on the fresh set: two decimals as a number, scores and ranges by the
pair's order, rates per period, abbreviations with a number, lineages, web addresses' country
letters, long names in capitals, MP and G after a number; 7: round 4, fitted on fit2: date
ranges, days of the week, words run together, ratios, initials before a name, units with no
number, "&" between letters, boat registrations, document numbers, bullets and quotes;
8: round 5, fitted on check3: abbreviations mined from news's own definitions and those a text
defines, mcg and kV, document codes, named days, "9-11h30", left-spaced ranges, a decimal's
unit, units after numbers in words, "GD - ĐT", feet and baht, dates closing a clause after
"sau" or "đến"; 9: round 6, fitted on fresh3: dotted plates, four-letter names in capitals,
month ranges, hotlines, lb and "22 0C", three decimals, English thousands, "GD & ĐT",
provincial roads, words glued after a number, districts and quarters, per ten thousand, a
spaced slash between words; 10: round 7, fitted on fresh6 (web pages): twelve-hour times
"9PM", an hour before a word "15h ET", streets named after a date, lunar dates, a document's
kind beside its issuer, bracketed area codes, seasons "2019/20", capitals after a number
"6AT", newton metres, abbreviations labelled from the corpus, hyphened pairs "TN-MT";
11: round 10, fitted on fresh9 and a pool of 617 more articles: two digits after a dot,
years a contract runs "2024/2027", dotted dates, trading days, deadlines, spans over a month's
end, "g" for "giờ", carats, counts out of a total, wages per hour, yields per hectare, flu
subtypes, "cc", glued full stops and words, digraph initials, pupils and primary schools,
ministries and state bodies, and some 150 labelled abbreviations and names; 12: round 12,
fitted on readers' review of 14,544 pool sentences; 13: round 13, fitted on round 12's blind
sets and readers' review of 4,800 more sentences: a measure's range after a sports word, phones
with a dotted area code, account numbers, a lost "²", wards, "CA" for the police, the half after
"&", "VTVcab", listed levels "cấp 11,12", "II.5", days listed before a date, dates before "tới",
trading days "phiên 26.2", no Roman numeral in mixed case or a lone C, D, L, M, "4G/5G",
footnote stars and rules, "TK ngân hàng", "4-1ở", ratios "tỷ lệ … 1:15", rounds "đợt 1/2019",
"quý 2,3", equal pairs "50-50", "cấp độ I", a numeral before a count, "1/1000", a date's time
to another's, "Tp HCM", photo credits, short codes, and some twenty abbreviations; 14: after
round 13's blind score: apertures, Wi-Fi's standard, models' "s", megabits, region codes, and
senses chosen by the sentence, data/senses.tsv; 15: round 14: a document's kind with no
issuer "08/TT" and with a spaced dash "NĐ - CP", a video's lines "1080p", a named variant "P.1",
no number said in English among foreign names, a rate times an amount "30% x 1,6", a car's
sizes "4730/1860/1747 mm", lap times "1:12.7", a bullet's "+", dates after "ngày mai" and
before a heading's colon, tennis sets and a score's date or year after it, the platform "X",
"cent/thùng", currency codes after an amount (data/currencies.tsv), "A2.0", eight names; and
fresh16's misses: "VOV.VN", "TP.HCMHai", "2-3 triệu đồng" after "ngày", "17h5'", "USD/BTC")."""

VIETNAMESE_RULES: list[Rule] = [
    _end_mark,
    _marks,
    _plates,
    _addresses,
    _twelve_hours,
    _abbreviations_in_context,
    _camel_case,
    _initials,
    _codes,
    _roman_numerals,
    _acronyms,
    _english_decimals,
    _leading_zeros,
    _digit_strings,
    _month_year,
    _time_ranges,
    _times,
    _scores,
    _day_ranges,
    _ranges,
    _ranges_with_units,
    _day_months,
    _dates,
    _per_period,
    _money,
    _slashes,
    _negatives,
    _fractions,
    _decimals,
    _units,
    _group_thousands,
]
"""Our rules, in order; each is a small ``str -> str`` function (like gTTS pre-processors)."""


# --- the normalizer --------------------------------------------------------------------------


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
        self.user = lexicon or Lexicon()
        self.lexicon = self.user.merged_over(builtin_lexicon())
        mine = self.user.entries.get("vi", {})
        self.senses = tuple(s for s in builtin_senses() if s.written not in mine)
        """The built-in senses of ``data/senses.tsv``, less what the producer's lexicon lists."""
        self.identity = _identity(self.lexicon)
        """Everything that decides the spoken forms (for cache keys): our version, the
        library's, and the lexicon."""

    def defined(self, context: str) -> dict[str, str]:
        """The abbreviations ``context`` (a text, or the whole article it is part of) defines
        in brackets ("cửa hàng xăng dầu (CHXD)") and this normalizer reads so: they win over
        the built-in lexicons (the text knows its meaning), the producer's lexicon wins over
        them. (A phrase merely written in full elsewhere in the text is not taken: tried on
        the judged sets' articles it read "TNHH" "trên nhãn hàng hóa", "PGS" "phí giúp
        sinh".)"""
        user = self.user.entries.get("vi", {})
        return {a: p for a, p in definitions(context) if a not in user}

    def normalize(
        self,
        text: str,
        lang: str,
        context: str | None = None,
        defined: Mapping[str, str] | None = None,
    ) -> str:
        """The spoken form of ``text`` in ``lang`` (``"vi"`` or ``"en"``); abbreviations are
        read as ``context`` (by default ``text`` itself) defines them (:meth:`defined`), or
        as ``defined`` says when the caller has found them already (once per article)."""
        if lang != "vi":
            text = self.lexicon.apply(resolve_markup(text), lang)
            return tidy(_URL.sub(_host, _end_mark(text)).replace("&", " and "))
        text = _written_slips(resolve_markup(text))
        if defined is None:
            defined = self.defined(text if context is None else resolve_markup(context))
        *_, (_, written) = _vietnamese_steps(self.lexicon, text, defined, self.senses)
        return tidy(_vietnamese_spelling(_library_reading(written)))


_ENGLISH_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen".split()
    )
} | {
    word: 10 * tens
    for tens, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
_ENGLISH_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_ENGLISH_WORD = "(?:" + "|".join([*_ENGLISH_NUMBERS, *_ENGLISH_SCALES]) + ")"
_ENGLISH_DIGIT = "(?:zero|one|two|three|four|five|six|seven|eight|nine)"
_ENGLISH_RUN = re.compile(
    rf"(?i)\b{_ENGLISH_WORD}(?:(?:\s+and)?\s+{_ENGLISH_WORD})*"
    rf"(?:\s+point((?:\s+{_ENGLISH_DIGIT})+))?\b"
)
"""A number sea-g2p said in English: "seventy seven", "two thousand and twenty three", a
player's rating "seven point five"."""
_CAMEL_JOINT = re.compile(r"(?<=[^\W\d_])(?=[A-Z])")


def _english_value(words: str) -> int:
    """The value of a number said in English words ("two thousand and twenty three")."""
    total = current = 0
    for word in words.lower().split():
        if word == "and":
            continue
        if word in _ENGLISH_NUMBERS:
            current += _ENGLISH_NUMBERS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        else:  # thousand, million, billion
            total += (current or 1) * _ENGLISH_SCALES[word]
            current = 0
    return total + current


def _said_in_vietnamese(match: re.Match[str]) -> str:
    """A number said in English, said in Vietnamese: "seven point five" → "bảy phẩy năm"."""
    whole, _, _ = match[0].lower().partition(" point")
    digits = "".join(str(_ENGLISH_NUMBERS[d]) for d in (match[1] or "").lower().split())
    return say_number(f"{_english_value(whole)},{digits}" if digits else str(_english_value(whole)))


def _library_reading(written: str) -> str:
    """sea-g2p's reading of what our rules left, with no number said in English: the library
    takes a stretch of foreign names for English and says its numbers so ("Gusto (Mudryk 77),
    Enzo": "seventy seven", a substitute's minute in a line-up). Where it did, and the text
    itself writes no English number word, each such number is said in Vietnamese instead
    (the rest of the library's reading kept: its units and currencies)."""
    spoken = sea_normalizer()(written)
    words = _CAMEL_JOINT.sub(" ", written)  # "trongOne Night": a title's "One", glued
    if _ENGLISH_RUN.search(spoken) and not _ENGLISH_RUN.search(words):
        spoken = _ENGLISH_RUN.sub(_said_in_vietnamese, spoken)
    return spoken


def _defined_uses(text: str, defined: Mapping[str, str]) -> str:
    """Uses of the abbreviations a text defines, read as its phrase; the definition itself
    ("cửa hàng xăng dầu (CHXD)", "CHXD (cửa hàng xăng dầu)") stays as written: its phrase is
    right beside it, said once is enough."""
    if not defined:
        return text
    words = "|".join(map(re.escape, sorted(defined, key=len, reverse=True)))
    pattern = re.compile(r"(?<![\w.(&-])(" + words + r")(?![\w)&-])(?!\s*\()")
    return pattern.sub(lambda m: defined[m.group(1)], text)


def _vietnamese_steps(
    lexicon: Lexicon,
    text: str,
    defined: Mapping[str, str] | None = None,
    senses: tuple[Sense, ...] = (),
) -> Iterator[tuple[str, str]]:
    """Our steps over Vietnamese text, in order, each as ``(its name, the text after it)``:
    :meth:`TextNormalizer.normalize` keeps the last text, :func:`explain_readings` all."""
    # Phone numbers first: "ĐT: 028…" is "điện thoại", where the lexicon says "đội tuyển".
    text = _phones(text)
    yield step_name(_phones), text
    text = _currency_codes(text)  # "30 SGD": Singapore dollars, no "sở giáo dục"
    yield step_name(_currency_codes), text
    if defined is not None:
        text = _defined_uses(text, defined)
        yield DEFINED_IN_TEXT, text
    # Before the lexicon, which knows whole tokens only: "HCV" beside "viêm gan"
    text = apply_senses(text, senses)
    yield SENSE_FROM_SENTENCE, text
    text = lexicon.apply(text, "vi")
    yield "lexicon", text
    for rule in VIETNAMESE_RULES:
        text = rule(text)
        yield step_name(rule), text


SENSE_FROM_SENTENCE = "sense from the sentence (data/senses.tsv)"
"""The step name of the abbreviations whose sentence chooses their sense."""
DEFINED_IN_TEXT = "abbreviation defined in the text"
"""The step name of the abbreviations a text defines (:meth:`TextNormalizer.defined`)."""

_NEEDS_READING = re.compile(
    r"(?:[^\s,;()\"“”]|(?<=\d)[,:](?=\d))*(?:\d|[A-ZĐ][\w.&-]*[A-ZĐ]|[%&$€£¥₫@/])"
    r"(?:[^\s,;()\"“”]|(?<=\d)[,:](?=\d))*"
)
"""A token that needs a spoken form: digits, two capitals or more, a symbol."""


@dataclass(frozen=True)
class Reading:
    """Who read one written token (``vnmedia normalize --explain``)."""

    written: str
    rule: str
    """``"your lexicon"``, ``"built-in lexicon (data/…)"``, a rule's name, or ``"sea-g2p"``."""
    spoken: str = ""
    """The lexicon's spoken form, when a lexicon read it."""


def step_name(rule: Rule) -> str:
    """A rule's name as ``--explain`` shows it: ``_camel_case`` → ``"camel case"``."""
    return rule.__name__.strip("_").replace("_", " ")


def lexicon_step_name(file: str) -> str:
    """A built-in lexicon file's name as ``--explain`` shows it (``"data/lexicon.tsv"`` →
    ``"built-in lexicon (data/lexicon.tsv)"``)."""
    return f"built-in lexicon ({file})"


def _standing_alone(token: str) -> re.Pattern[str]:
    """``token`` where it stands as a token of its own (not inside a longer word)."""
    return re.compile(r"(?<![\w])" + re.escape(token) + r"(?![\w])")


def explain_readings(normalizer: TextNormalizer, user: Lexicon, text: str) -> list[Reading]:
    """For each token of Vietnamese ``text`` that needs a spoken form, the step that read it.

    The steps run one by one over the whole text (phone numbers, the lexicons, our rules in
    order) and the first after which the token is gone read it, naming the lexicon file
    whose entry covers it; a token no step touched was left to sea-g2p.
    """
    text = _written_slips(resolve_markup(text))
    tokens = list(dict.fromkeys(t.strip(".") for t in _NEEDS_READING.findall(text)))
    lexicons = {"your lexicon": user} | {
        lexicon_step_name(name): table for name, table in builtin_lexicons().items()
    }
    defined = normalizer.defined(text)
    # Only the steps that changed the text can have read a token (most change nothing in a
    # given article: a build lists its guesses this way, so the search is kept short).
    stages, previous = [], text
    for name, after in _vietnamese_steps(normalizer.lexicon, text, defined, normalizer.senses):
        if after != previous:
            stages.append((name, after))
        previous = after
    readings = []
    for token in tokens:
        alone = _standing_alone(token)
        before, reading = len(alone.findall(text)), Reading(token, "sea-g2p")
        for name, after in stages:
            if len(alone.findall(after)) < before:
                found = _lexicon_reading(token, text, lexicons) if name == "lexicon" else None
                if name == DEFINED_IN_TEXT and token in defined:
                    found = Reading(token, name, defined[token])
                reading = found or Reading(token, name)
                break
        readings.append(reading)
    return readings


def _lexicon_reading(token: str, text: str, lexicons: dict[str, Lexicon]) -> Reading | None:
    at = text.find(token)
    for name, lexicon in lexicons.items():
        for start, end, spoken in lexicon.find(text, "vi"):
            if start <= at < end:
                return Reading(text[start:end], name, spoken)
    return None


def normalize_units(
    units: list[Unit], normalizer: TextNormalizer | None, cache: Cache | None = None
) -> list[Unit]:
    """The plan with each segment's spoken form filled in (unchanged without a normalizer).

    Spoken forms are cached like translations: a rerun over unchanged text does no
    normalization work at all. The Vietnamese segments are read together for the
    abbreviations they define (one article's plan: "cửa hàng xăng dầu (CHXD)" in one paragraph,
    "CHXD" read in full in the next).
    """
    if normalizer is None:
        return units
    store = cache or Cache(None)
    article = "\n".join(s.text for unit in units for s in unit if s.lang == "vi" and s.text)
    defined = normalizer.defined(article)
    # What the segments are read with: the article's definitions found once, not once per
    # segment that uses one (its markup resolved, as a text is read).
    read_with = normalizer.defined(resolve_markup(article)) if defined else {}

    def spoken(text: str, lang: str) -> str:
        context = {a: p for a, p in defined.items() if lang == "vi" and a in text}
        key = cache_key("spoken", lang=lang, text=text, rules=normalizer.identity, defined=context)
        found = store.get_text("spoken", key)
        if found is None:
            found = normalizer.normalize(text, lang, defined=read_with if context else None)
            store.put_text("spoken", key, found)
        return found

    return [
        [replace(s, spoken=spoken(s.text, s.lang)) if s.text else s for s in unit] for unit in units
    ]
