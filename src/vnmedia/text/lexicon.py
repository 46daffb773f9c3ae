"""Stage 3b, normalize (its first layer): the pronunciation lexicon.

``written → spoken`` replacements of whole tokens, per language, read from the producer's
TSV or TOML files, and the built-in Vietnamese news abbreviations shipped with vnmedia.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from .spoken_words import data_rows


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

    def _pattern(self, lang: str) -> re.Pattern[str] | None:
        """Every written form of ``lang``, longest first (built on first use)."""
        if lang not in self._patterns:
            table = self.entries.get(lang, {})
            words = sorted(table, key=len, reverse=True)
            self._patterns[lang] = (
                re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, words)) + r")(?![\w])")
                if words
                else None
            )
        return self._patterns[lang]

    def apply(self, text: str, lang: str) -> str:
        """Replace every listed written form in ``text`` by its spoken form."""
        pattern = self._pattern(lang)
        if pattern is None:
            return text
        table = self.entries[lang]
        return pattern.sub(lambda m: table[m.group(1)], text)

    def find(self, text: str, lang: str) -> list[tuple[int, int, str]]:
        """Where listed written forms occur in ``text``: ``(start, end, spoken)`` each."""
        pattern = self._pattern(lang)
        if pattern is None:
            return []
        table = self.entries[lang]
        return [(m.start(1), m.end(1), table[m.group(1)]) for m in pattern.finditer(text)]

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


BUILTIN_LEXICONS = (
    "data/lexicon.tsv",
    "data/abbreviations.tsv",
    "data/abbreviations_mined.tsv",
)
"""The built-in lexicon files, the first winning: our own news terms, the abbreviations
taken from soe-vinorm's dictionary (see that file's header), then those mined from the
definitions news writes itself (``bench/mine_abbreviations.py``)."""


def _with_hyphened_pairs(entries: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Each pair joined by "&" also written with a hyphen, said alike: news writes "Sở
    TN-MT" as often as "Sở TN&MT", "NN-PTNT" as "NN&PTNT" (an entry of its own wins)."""
    for table in entries.values():
        for written, spoken in list(table.items()):
            if re.fullmatch(r"[A-ZĐ]+&[A-ZĐ]+", written):
                table.setdefault(written.replace("&", "-"), spoken)
    return entries


@cache
def builtin_lexicons() -> dict[str, Lexicon]:
    """Each built-in lexicon file's entries, by file name, the first winning."""
    lexicons = {}
    for name in BUILTIN_LEXICONS:
        text = resources.files("vnmedia").joinpath(name).read_text(encoding="utf-8")
        entries = _tsv_entries(Path("vnmedia") / name, text)
        lexicons[name] = Lexicon(_with_hyphened_pairs(entries))
    return lexicons


@dataclass(frozen=True)
class Sense:
    """One sense of an abbreviation, chosen by words of its sentence (``data/senses.tsv``)."""

    written: str
    token: re.Pattern[str]
    """The abbreviation as a whole token."""
    words: re.Pattern[str]
    """Any of the words that choose this sense."""
    spoken: str


@cache
def builtin_senses() -> tuple[Sense, ...]:
    """The senses of ``data/senses.tsv``: "HCV" beside "viêm gan" is the hepatitis C virus."""
    senses = []
    for written, words, spoken in data_rows("senses.tsv"):
        # a whole token, or the unit a price is given per ("82.201 USD/BTC")
        before = r"(?:(?<=USD/)|(?<=VND/)|(?<![\w&/-]))"
        token = re.compile(rf"{before}{re.escape(written)}(?![\w&/-])")
        alternatives = "|".join(re.escape(w.strip()) for w in words.split("|"))
        choosing = re.compile(rf"(?i)\b(?:{alternatives})\b")
        senses.append(Sense(written, token, choosing, spoken))
    return tuple(senses)


SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?=\s)")
"""Where a sentence ends inside a paragraph, for the rules its words decide."""


def apply_senses(text: str, senses: Iterable[Sense]) -> str:
    """Each abbreviation of ``senses`` read in the sense its sentence's words choose: "HCV"
    in a sentence about hepatitis."""
    present = [sense for sense in senses if sense.written in text]
    if not present:
        return text

    def sentence_read(sentence: str) -> str:
        for sense in present:
            if sense.words.search(sentence):
                sentence = sense.token.sub(sense.spoken, sentence)
        return sentence

    return "".join(sentence_read(sentence) for sentence in SENTENCE_BREAK.split(text))


@cache
def builtin_lexicon() -> Lexicon:
    """The Vietnamese news abbreviations shipped with vnmedia (``BUILTIN_LEXICONS``)."""
    lexicon = Lexicon()
    for table in reversed(builtin_lexicons().values()):
        lexicon = table.merged_over(lexicon)
    return lexicon
