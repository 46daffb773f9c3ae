"""Words worth learning: an article's multi-syllable words, rarest in the news first.

Vietnamese writes a space between the syllables of a word (``thu hoạch``, "harvest"), so a
word segmenter finds the words first: pyvi, whose CRF model ships inside its wheel
(``bench/bench_words.py``: on hand-segmented treebank sentences it found words of two or
more syllables with F1 0.952, underthesea 0.885, and ran 4.5 times faster). How often each
word appears in the news comes from ``data/word_frequencies.tsv``, counted by
``bench/fit_word_frequencies.py`` on 1,838 Dân Trí articles. Names (every syllable
capitalized), numbers and words the news never used twice are left out: what is left,
rarest first, is what a learner who knows the everyday words meets next.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .chunking import split_sentences

FREQUENCIES_FILE = "word_frequencies.tsv"
MIN_COUNT = 3
"""Words the news used fewer times than this are not kept (names, typos, odd cuts)."""
_SYLLABLE = re.compile(r"^[^\W\d_]+$")
VIETNAMESE_SYLLABLE = re.compile(
    r"(?i)^(ngh|ng|nh|ph|th|tr|ch|kh|gh|gi|qu|[bcdđghklmnpqrstvx])?"
    r"[aeiouyàáảãạăâèéẻẽẹêìíỉĩịòóỏõọôơùúủũụưỳýỷỹỵ]{1,3}(ng|nh|ch|[cmnpt])?$"
)
"""The shape of a Vietnamese syllable: "Phi", "Nam" and "Long" may be words or names."""


@cache
def common_words() -> frozenset[str]:
    """Syllables news writes in lower case (``bench/fit_common_words.py``)."""
    text = resources.files("vnmedia.data").joinpath("common_words.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@cache
def known_words() -> frozenset[str]:
    """The words of more than one syllable ``data/word_frequencies.tsv`` counts, in lower case
    ("công an", "chi nhánh")."""
    text = resources.files("vnmedia.data").joinpath("word_frequencies.tsv").read_text("utf-8")
    return frozenset(
        line.split("\t")[0].lower() for line in text.splitlines() if not line.startswith("#")
    )


@cache
def known_syllables() -> frozenset[str]:
    """Every syllable of :func:`known_words`, and the common words: the Vietnamese syllables
    news uses, in lower case (some 2,900)."""
    return common_words() | {syllable for word in known_words() for syllable in word.split()}


@dataclass(frozen=True)
class StudyWord:
    """A word worth learning, where it was found, and what it means."""

    word: str
    """The word, syllables separated by spaces, lower case (``thu hoạch``)."""
    sentence: str
    """The first sentence of the article it appears in."""
    per_million: float
    """How often the news uses it: occurrences per million words."""
    english: str | None = None
    """Its English (the glossary's, else the translator's); ``None`` when not known."""


class WordFrequencies:
    """How often each multi-syllable word appears in the news (shipped as package data)."""

    _shipped: WordFrequencies | None = None
    _lock = threading.Lock()

    def __init__(self, counts: dict[str, int], total: int) -> None:
        self.counts = counts
        self.total = max(1, total)

    @classmethod
    def shipped(cls) -> WordFrequencies:
        """The list that ships with vnmedia (read once per process)."""
        with cls._lock:
            if cls._shipped is None:
                text = (
                    resources.files("vnmedia.data")
                    .joinpath(FREQUENCIES_FILE)
                    .read_text(encoding="utf-8")
                )
                cls._shipped = cls.parse(text)
            return cls._shipped

    @classmethod
    def parse(cls, text: str) -> WordFrequencies:
        """``# words<TAB>N`` (the words counted), then ``word<TAB>count`` lines."""
        counts, total = {}, 0
        for line in text.splitlines():
            key, _, value = line.partition("\t")
            if key == "# words":
                total = int(value)
            elif key and not key.startswith("#"):
                counts[key] = int(value)
        return cls(counts, total)

    def per_million(self, word: str) -> float:
        """Occurrences per million words of news (0: fewer than :data:`MIN_COUNT`)."""
        return self.counts.get(word, 0) * 1_000_000 / self.total


def segment(text: str) -> list[str]:
    """The words of ``text`` in order, syllables separated by spaces (pyvi)."""
    from pyvi import ViTokenizer  # its model loads on first use (about a second)

    return [token.replace("_", " ") for token in ViTokenizer.tokenize(text).split()]


def learnable(word: str) -> str | None:
    """The word as a learner would look it up (lower case), or ``None`` for a name, a
    number, punctuation or a single syllable."""
    syllables = word.split()
    if len(syllables) < 2 or not all(_SYLLABLE.match(s) for s in syllables):
        return None
    if all(s[0].isupper() for s in syllables):
        return None  # Hà Nội, Nguyễn Văn An, Bộ Y tế: names, not vocabulary
    return word.lower()


def words_worth_learning(
    texts: Iterable[str], limit: int, frequencies: WordFrequencies | None = None
) -> list[StudyWord]:
    """Up to ``limit`` words of ``texts`` (the article's paragraphs), rarest in the news
    first, each with the first sentence it appears in; words the news never used (fewer
    than :data:`MIN_COUNT` times) are left out."""
    frequencies = frequencies or WordFrequencies.shipped()
    found: dict[str, StudyWord] = {}
    for text in texts:
        for sentence in split_sentences(text) or [text]:
            for token in segment(sentence):
                word = learnable(token)
                if word is None or word in found:
                    continue
                rate = frequencies.per_million(word)
                if rate > 0:
                    found[word] = StudyWord(word, sentence, round(rate, 2))
    ranked = sorted(found.values(), key=lambda w: w.per_million)  # stable: first seen first
    return ranked[:limit]
