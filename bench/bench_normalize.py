"""Benchmark: the Vietnamese normalizer on the corpus test cases, the judged real sentences,
and raw digits left in articles.

    .venv/bin/python bench/bench_normalize.py [--corpus ../shared/corpus] [--show N] [--library-only]
        [--show-judged N] [--show-lost] [--write-baseline] [--set NAME]

Scores exact and relaxed match per category of ``normalization/test_cases_*.txt`` (written~spoken
lines, NeMo's conventions). Relaxed match accepts the equally correct variants the corpus
README names ("linh"/"lẻ", "tư"/"bốn", "nghìn"/"ngàn", an omitted "không trăm" after
thousands) plus spelling variants of the same word. Then counts the digits left in the
spoken form of every corpus article (the goal is none). ``--library-only`` scores sea-g2p
alone, for comparison.

The judged set (``tests/text/data/normalize_judged.txt``, 300 real news sentences drawn by
``bench/draw_judged.py``, every token's right readings written by hand) is scored per half:
sentences with a wrong reading, readings right and wrong, and right readings *lost* against
the baseline (``tests/text/data/normalize_judged_baseline.txt``: the readings main's
normalizer got right before issue 30; ``--write-baseline`` rewrites it). ``--show-judged N``
prints N wrong readings of either half: since issue 30's second round the whole set is
fitting material (``--show-lost``: only the readings lost, regressions to mend).

``--set fresh`` scores the fresh set (``tests/text/data/normalize_judged_fresh.txt``: 300
more sentences drawn by the same rule from articles the first set does not hold, judged
blind, all ``report``). It was the report set of rounds 1 and 2 and was scored once, at the
end of round 2; since issue 30's round 3 it is *fitting material*: ``--show-judged N`` prints
its misses, and its lost readings are counted against
``tests/text/data/normalize_judged_fresh_baseline.txt`` (the readings round 2 got right;
``--set fresh --write-baseline`` rewrites it).

``--set fit2`` scores the second fitting set of round 4
(``tests/text/data/normalize_judged_fit2.txt``: 600 more sentences drawn by the same rule,
``--seed 34 --count 600``, from articles none of the other sets holds, judged by hand without
the normalizer's output; all ``fit``). It is fitting material from the start:
``--show-judged N`` prints its misses, and its lost readings are counted against
``tests/text/data/normalize_judged_fit2_baseline.txt`` (the readings main got right after
round 3, before anything was fitted on it; ``--set fit2 --write-baseline`` rewrites it).

``--set check3`` scores the fitting set of round 5 (``tests/text/data/normalize_judged_check3.txt``:
300 sentences of ``../shared/corpus/unc/``, ``--folder unc --seed 35``, judged without the
normalizer's output; scored once as an unseen check after round 4, fitting material since).
Its lost readings are counted against ``tests/text/data/normalize_judged_check3_baseline.txt``
(the readings main got right after round 4; ``--set check3 --write-baseline`` rewrites it).

``--set fresh3`` scores the third fitting set (``tests/text/data/normalize_judged_fresh3.txt``:
600 sentences, drawn by ``bench/draw_judged.py --seed 32`` and ``--seed 33`` with the earlier
sets excluded, judged blind). It was the blind report set of rounds 3 to 5, scored once at
e31fb99 (27 of 600 wrong); since round 6 it is fitting material: ``--show-judged N`` prints
its misses, and its lost readings are counted against
``tests/text/data/normalize_judged_fresh3_baseline.txt`` (the readings e31fb99 got right;
``--set fresh3 --write-baseline`` rewrites it).

The later sets (``fresh5`` to ``fresh9``; ``JUDGED_SETS`` below says what each is) are
scored the same way: a blind report set prints counts only; a set that was scored blind and
then fitted on prints its misses and counts the readings lost against its baseline. fresh6
to fresh9 come from text outside the corpus (web pages, then articles gathered from public
repositories: ``bench/data/news_fresh*/SOURCES.md``).

Round 10 fitted on a *pool* of 617 more articles gathered for fitting only
(``bench/data/news_pool/``): its capitalised tokens were labelled by readers, and three sets
drawn from it and judged blind (``pool1`` to ``pool3``: fitting material from the start, never a
claim) were fitted on. ``fresh10`` (``bench/data/news_fresh4/``) is round 10's blind report set.

Round 12 fitted on a second pool (``bench/data/news_pool2/``: 776 more articles) and the
first, by readers who read the normalizer's spoken form of about 14,000 pool sentences and
wrote down every wrong reading (fitting material, never a claim). ``fresh11`` and ``fresh12``
(``bench/data/news_fresh5/`` and ``news_fresh6/``) were its blind report sets, drawn and judged
before the fitting began and scored once after it; fitting material since round 13.

Round 13 fitted on fresh11 and fresh12 and on readers' review of 7,300 more sentences (the
fitted sets' articles, and a third pool, ``bench/data/news_pool3/``). ``fresh13`` and ``fresh14``
(``bench/data/news_fresh7/`` and ``news_fresh8/``) are its blind report sets, scored once after
it (13 of 300, 15 of 162: what the session's starting code scores); fresh13 stays counts only,
fresh14's misses were read after its score and fitted on.

Round 14 read the normalizer's output on token shapes rare in the fitting corpus and tried two
ways to read abbreviations no table holds (BENCHMARKS.md). ``fresh15`` and ``fresh16``
(``bench/data/news_fresh9/`` and ``news_fresh10/``) are its blind report sets, drawn and
judged before the round's fitting and scored once after it (3 of 225, 8 of 183: what the
session's starting code scores); fresh15 stays counts only, fresh16's misses were read after
its score and fitted on.

Round 15 changed no reading: it lists the readings that were guesses for the producer to
check (``bench/bench_guesses.py``). ``fresh17`` and ``fresh18`` (``bench/data/news_fresh11/``
and ``news_fresh12/``) are blind report sets gathered, drawn and judged after it: counts only.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vnmedia.sources.files import read_articles
from vnmedia.text.normalize import TextNormalizer
from vnmedia.text.spoken_words import sea_normalizer, tidy

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "tests" / "text" / "data" / "normalize_judged.txt"
BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_baseline.txt"
FRESH = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh.txt"
FRESH_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh_baseline.txt"
FRESH3 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh3.txt"
FRESH3_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh3_baseline.txt"
FIT2 = ROOT / "tests" / "text" / "data" / "normalize_judged_fit2.txt"
FIT2_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_fit2_baseline.txt"
CHECK3 = ROOT / "tests" / "text" / "data" / "normalize_judged_check3.txt"
CHECK3_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_check3_baseline.txt"
FRESH5 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh5.txt"
FRESH6 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh6.txt"
FRESH6_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh6_baseline.txt"
FRESH7 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh7.txt"
FRESH7_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh7_baseline.txt"
FRESH8 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh8.txt"
FRESH8_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh8_baseline.txt"
FRESH9 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh9.txt"
FRESH9_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh9_baseline.txt"
FRESH10 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh10.txt"
FRESH10_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh10_baseline.txt"
FRESH11 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh11.txt"
FRESH11_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh11_baseline.txt"
FRESH12 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh12.txt"
FRESH12_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh12_baseline.txt"
FRESH13 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh13.txt"
FRESH14 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh14.txt"
FRESH14_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh14_baseline.txt"
FRESH15 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh15.txt"
FRESH16 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh16.txt"
FRESH17 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh17.txt"
FRESH18 = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh18.txt"
FRESH16_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_fresh16_baseline.txt"
POOL1 = ROOT / "tests" / "text" / "data" / "normalize_judged_pool1.txt"
POOL1_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_pool1_baseline.txt"
POOL2 = ROOT / "tests" / "text" / "data" / "normalize_judged_pool2.txt"
POOL2_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_pool2_baseline.txt"
POOL3 = ROOT / "tests" / "text" / "data" / "normalize_judged_pool3.txt"
POOL3_BASELINE = ROOT / "tests" / "text" / "data" / "normalize_judged_pool3_baseline.txt"
"""The blind report set of round 6: 109 sentences, the last the drawing rule can take."""

JUDGED_SETS: dict[str, tuple[Path, Path | None, str]] = {
    "fresh": (FRESH, FRESH_BASELINE, "fitting material since round 3"),
    "fit2": (FIT2, FIT2_BASELINE, "fitting material, round 4"),
    "check3": (CHECK3, CHECK3_BASELINE, "fitting material, round 5: 300 sentences of unc/"),
    "fresh3": (FRESH3, FRESH3_BASELINE, "blind once at e31fb99, fitting material since round 6"),
    "fresh5": (FRESH5, None, "blind report set of round 6: counts only, never a miss"),
    "fresh6": (
        FRESH6,
        FRESH6_BASELINE,
        "web pages; blind once at 6d30d6d (12 of 350 wrong), fitting material since round 7",
    ),
    "fresh7": (
        FRESH7,
        FRESH7_BASELINE,
        "new text; blind once at ee27344 (18 of 360 wrong), fitting material since round 8",
    ),
    "fresh8": (
        FRESH8,
        FRESH8_BASELINE,
        "new text; blind once at b628f16 (19 of 360 wrong), fitting material since round 9",
    ),
    "fresh9": (
        FRESH9,
        FRESH9_BASELINE,
        "new text; blind once at 36eb883 (13 of 260 wrong), fitting material since round 10",
    ),
    "fresh10": (
        FRESH10,
        FRESH10_BASELINE,
        "new text; blind once at 7e121c6 (17 of 320 wrong), fitting material since",
    ),
    "fresh11": (
        FRESH11,
        FRESH11_BASELINE,
        "round 12's blind report set, scored once at bd2f19c (13 of 300 wrong); fitting material"
        " since round 13",
    ),
    "fresh12": (
        FRESH12,
        FRESH12_BASELINE,
        "round 12's second blind report set, scored once at bd2f19c (8 of 300 wrong); fitting"
        " material since round 13",
    ),
    "fresh13": (
        FRESH13,
        None,
        "round 13's blind report set (VnExpress 2020, Lao Động; scored once at 7704cb6: 13 of"
        " 300): counts only",
    ),
    "fresh14": (
        FRESH14,
        FRESH14_BASELINE,
        "round 13's second blind report set (VnExpress Số hóa 2018-19, Đắk Nông; scored once at"
        " 7704cb6: 15 of 162), fitting material since",
    ),
    "fresh15": (
        FRESH15,
        None,
        "round 14's blind report set (VnExpress and 24h, 2020; scored once at 24a9ae3: 3 of"
        " 225): counts only",
    ),
    "fresh16": (
        FRESH16,
        FRESH16_BASELINE,
        "round 14's second blind report set (VnExpress 2024 and others; scored once at 24a9ae3:"
        " 8 of 183), fitting material since",
    ),
    "fresh17": (
        FRESH17,
        None,
        "round 15's blind report set (VnExpress 2026, Nhân Dân): counts only",
    ),
    "fresh18": (
        FRESH18,
        None,
        "round 15's second blind report set (Tuổi Trẻ, VnExpress 2025, Doanh nhân Sài Gòn):"
        " counts only",
    ),
    "pool1": (
        POOL1,
        POOL1_BASELINE,
        "the fitting pool of round 10: fitting material from the start",
    ),
    "pool2": (POOL2, POOL2_BASELINE, "the fitting pool's second half (Thanh Niên, VnEconomy)"),
    "pool3": (POOL3, POOL3_BASELINE, "the fitting pool's Báo Mới crawl of 2013 (37 papers)"),
}
"""The judged sets besides the first, by ``--set`` name: the file, the baseline its lost
readings are counted against (``None``: a blind report set, scored for counts only), and
what it is."""

_VARIANTS = [
    (r"\blẻ\b", "linh"),
    (r"\btư\b", "bốn"),
    (r"\bngàn\b", "nghìn"),
    (r"\b(nghìn|triệu|tỷ) không trăm\b", r"\1"),
    (r"\b(triệu|tỷ) linh (\w+) (nghìn|triệu)\b", r"\1 \2 \3"),
    (r"\bkỉ\b", "kỷ"),
    (r"\buỷ\b", "ủy"),
    (r"\bhoà\b", "hòa"),
    (r"\bkhoá\b", "khóa"),
    (r"\bxê\b", "c"),
    (r"\bca\b", "k"),
    (r"\bmét lập phương\b", "mét khối"),
    (r"\bđô la mỹ\b", "đô la"),
    (r"\bhẹc\b", "héc"),
    (r"\bmét bình phương\b", "mét vuông"),
    (r"\bxen ti\b", "xăng ti"),
    (r"\bnhân\b", "x"),
]


def relaxed(text: str) -> str:
    """A canonical form in which equally correct readings coincide."""
    text = re.sub(r"[^\w\s]", " ", text.lower())
    text = " ".join(text.split())
    for pattern, replacement in _VARIANTS:
        text = re.sub(pattern, replacement, text)
    return " ".join(text.split())


# Spellings of one reading that a listener cannot tell apart, or that radio uses alike:
# Vietnamese letter names ("e lờ"/"lờ", "pê"/"phê", "giê"/"gờ"), old and new tone
# placement ("hoà"/"hòa"), unit names in English or Vietnamese spelling.
_JUDGED_VARIANTS = [
    (r"\be (lờ|rờ)\b", r"\1"),
    (r"\bem mờ\b", "mờ"),
    (r"\ben nờ\b", "nờ"),
    (r"\b(?:phê|pờ)\b", "pê"),
    (r"\bgiê\b", "gờ"),
    (r"\bgiây\b", "gi"),
    (r"\bcu\b", "quy"),
    (r"\bít\b", "ích"),
    (r"\bghi ga\b", "gi ga"),
    (r"\bindex\b", "in đéc"),
    (r"\bounce\b", "ao xơ"),
    (r"\bngàn\b", "nghìn"),
]
_TONE_MOVES = str.maketrans(
    {"à": "a", "á": "a", "ả": "a", "ã": "a", "ạ": "a", "è": "e", "é": "e", "ẻ": "e", "ẽ": "e",
     "ẹ": "e", "ỳ": "y", "ý": "y", "ỷ": "y", "ỹ": "y", "ỵ": "y"}
)  # fmt: skip
_TONE_OF = {"à": "ò", "á": "ó", "ả": "ỏ", "ã": "õ", "ạ": "ọ", "è": "ò", "é": "ó", "ẻ": "ỏ",
            "ẽ": "õ", "ẹ": "ọ"}  # fmt: skip
_UY_TONE = {"ỳ": "ù", "ý": "ú", "ỷ": "ủ", "ỹ": "ũ", "ỵ": "ụ"}


def _new_tone_placement(word: str) -> str:
    """``hoà`` → ``hòa``, ``uỷ`` → ``ủy``: the tone mark on the first vowel of oa/oe/uy."""
    match = re.fullmatch(r"(.*?)([oO])([àáảãạèéẻẽẹ])", word) or re.fullmatch(
        r"(.*?)([uU])([ỳýỷỹỵ])", word
    )
    if not match:
        return word
    head, first, second = match.groups()
    if first.lower() == "o":
        return head + _TONE_OF[second] + second.translate(_TONE_MOVES)
    return head + _UY_TONE[second] + "y"


def judged_form(text: str) -> list[str]:
    """The words of ``text`` in the canonical form the judged set is scored in."""
    text = relaxed(unicodedata.normalize("NFC", text))
    for pattern, replacement in _JUDGED_VARIANTS:
        text = re.sub(pattern, replacement, text)
    return [_new_tone_placement(word) for word in text.split()]


@dataclass(frozen=True)
class Judged:
    """One judged sentence: its id, half, text and ``(written, readings)`` in order."""

    key: str
    half: str
    text: str
    items: list[tuple[str, list[str]]]


def load_judged(path: Path = JUDGED) -> list[Judged]:
    """The blocks of the judged set (see that file's header for the format)."""
    sentences: list[Judged] = []
    for block in path.read_text(encoding="utf-8").split("\n@ ")[1:]:
        head, text, *lines = block.strip().split("\n")
        number, doc_id, half = head.split()
        items = []
        for line in lines:
            written, readings = line.split("\t")
            items.append((written, [r.strip() for r in readings.split("|")]))
        sentences.append(Judged(f"{number} {doc_id}", half, text.removeprefix("> "), items))
    return sentences


_GAP = 6
"""How many words may stand between the parts of a reading written with " … "."""


def _find(words: list[str], reading: str, start: int) -> tuple[int, int] | None:
    """Where ``reading`` first occurs in ``words`` from ``start``: (first word, end)."""
    parts = [judged_form(part) for part in reading.split("…")]
    for first in range(start, len(words)):
        position, ok = first, True
        for index, part in enumerate(parts):
            limit = position + 1 if index == 0 else position + _GAP + 1
            found = next(
                (
                    at
                    for at in range(position, min(limit, len(words)))
                    if words[at : at + len(part)] == part
                ),
                None,
            )
            if found is None:
                ok = False
                break
            position = found + len(part)
        if ok:
            return first, position
    return None


def _anchors(sentence: Judged) -> list[tuple[str, int, int] | None]:
    """For each judged token: the plain word after it in the text, and how many times that
    word comes before it and after it, so its reading can be looked for before that word only.

    Plain words (lower case, not in any reading of the sentence) come out of the normalizer
    as they went in; without this bound a token read wrongly could take the reading of a
    token after it ("Tier III là bậc thứ 3": "III" is not "ba", the "ba" is 3's).
    """
    reading_words = {
        word for _, readings in sentence.items for r in readings for word in judged_form(r)
    }
    text, start, anchors = sentence.text, 0, []
    for written, _ in sentence.items:
        first = written.split(" … ")[0]
        pattern = r"(?<![\w/.,:-])" + re.escape(first) + r"(?![\w/]|[.,:-]\d)"
        match = re.compile(pattern).search(text, start) or re.compile(pattern).search(text)
        anchor = None
        if match:
            start = match.end()  # the next token is looked for after this one ("24%", "24")
            after = re.match(r"\W*(\w+)", text[match.start() + len(written) :])
            word = after.group(1) if after else ""
            if word.isalpha() and word.islower() and word not in reading_words:
                before = judged_form(text[: match.start()]).count(word)
                after_it = judged_form(text[match.start() :]).count(word) - 1
                anchor = (word, before, after_it)
        anchors.append(anchor)
    return anchors


def readings_found(sentence: Judged, spoken: str) -> list[str | None]:
    """For each judged token of ``sentence``, the reading ``spoken`` gives it, if right.

    Readings are looked for in order (each after the end of the last one found) and before
    the plain word that follows the token in the text.
    """
    words = judged_form(spoken)
    cursor, found = 0, []
    for (_, readings), anchor in zip(sentence.items, _anchors(sentence), strict=True):
        bound = len(words)
        if anchor:
            # The anchor counted from the start and from the end: the normalizer may say
            # the same word for a symbol ("/" is "trên"), the later of the two is taken.
            seen = [i for i, word in enumerate(words) if word == anchor[0]]
            ends = [seen[n] for n in (anchor[1], len(seen) - 1 - anchor[2]) if 0 <= n < len(seen)]
            bound = max(ends, default=bound)
        spans = [
            (span, r) for r in readings if (span := _find(words, r, cursor)) and span[0] < bound
        ]
        if spans:
            span, reading = min(spans)
            cursor = span[1]
            found.append(reading)
        else:
            found.append(None)
    return found


def judge(sentence: Judged, spoken: str) -> list[bool]:
    """For each judged token of ``sentence``, whether ``spoken`` reads it right."""
    return [reading is not None for reading in readings_found(sentence, spoken)]


@dataclass
class JudgedScore:
    """The judged set's figures for one half."""

    sentences: int = 0
    wrong_sentences: int = 0
    right: int = 0
    awkward: int = 0
    """Of the right ones, read in a way marked "~" in the set: accepted, not the best."""
    wrong: int = 0
    lost: int = 0


def score_judged(
    speak: Callable[[str], str], sentences: list[Judged], baseline: set[str] | None = None
) -> tuple[dict[str, JudgedScore], list[tuple[Judged, str, str, str]], set[str]]:
    """Scores per half, the wrong readings ``(sentence, written, readings, spoken)``, and
    the ids of the readings got right (``"key<TAB>index"``)."""
    scores = {"fit": JudgedScore(), "report": JudgedScore()}
    misses: list[tuple[Judged, str, str, str]] = []
    right_ids: set[str] = set()
    for sentence in sentences:
        spoken = speak(sentence.text)
        found = readings_found(sentence, spoken)
        score = scores[sentence.half]
        score.sentences += 1
        score.wrong_sentences += None in found
        for (written, readings), reading in zip(sentence.items, found, strict=True):
            item_id = f"{sentence.key}\t{written}"
            ok = reading is not None
            score.right += ok
            score.awkward += ok and reading.startswith("~")
            score.wrong += not ok
            if ok:
                right_ids.add(item_id)
            else:
                lost = baseline is not None and item_id in baseline
                score.lost += lost
                mark = "LOST " if lost else ""
                misses.append((sentence, f"{mark}{written}", " | ".join(readings), spoken))
    return scores, misses, right_ids


def read_baseline(path: Path = BASELINE) -> set[str]:
    """The ids of the readings a baseline normalizer got right (``path``'s lines)."""
    return {
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    }


def print_judged(scores: dict[str, JudgedScore]) -> None:
    print(
        f"{'judged':<8} {'sentences':>9} {'wrong':>6} {'wrong %':>8} {'right':>6} {'awkward':>8}"
        f" {'wrong':>6} {'lost':>5}"
    )
    for half, s in scores.items():
        if not s.sentences:
            continue
        print(
            f"{half:<8} {s.sentences:>9} {s.wrong_sentences:>6} "
            f"{s.wrong_sentences / max(1, s.sentences):>8.1%} {s.right:>6} {s.awkward:>8}"
            f" {s.wrong:>6} {s.lost:>5}"
        )


def _shown(path: Path) -> str:
    """``path`` as printed: relative to the repository when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def exact(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def run_judged(
    speak: Callable[[str], str],
    path: Path,
    baseline_path: Path,
    show: int,
    only_lost: bool = False,
    write_baseline: bool = False,
) -> None:
    """Score a fitting set (first, fresh, fit2, check3, fresh3): its counts, up
    to ``show`` of its wrong readings, and its lost readings against ``baseline_path``."""
    baseline = (
        read_baseline(baseline_path) if baseline_path.is_file() and not write_baseline else None
    )
    scores, misses, right_ids = score_judged(speak, load_judged(path), baseline)
    print_judged(scores)
    shown = [m for m in misses if not only_lost or "LOST" in m[1]]
    for sentence, written, readings, spoken in shown[:show]:
        print(f"    {sentence.key}: {written!r} should be {readings!r}\n        got: {spoken}")
    if write_baseline:
        baseline_path.write_text(
            f"# The judged readings of {path.name} the normalizer read right when this file was\n"
            "# written (bench/bench_normalize.py --write-baseline): none may be lost.\n"
            + "".join(f"{item}\n" for item in sorted(right_ids)),
            encoding="utf-8",
        )
        print(f"baseline: {len(right_ids)} right readings written to {baseline_path}")


_OUTSIDE_FOLDER = re.compile(r"\.\./corpus/(news-[\w-]+)/")
"""Where a judged set's header says its text sits outside the repository
("../corpus/news-fresh7/")."""


def _articles_by_sentence(corpus: Path) -> dict[str, str]:
    """For every judged sentence, the text of the article it was drawn from: in the corpus
    (``unc``, ``unc-more``), or in the folder outside the repository its set's header names."""
    found: dict[str, str] = {}
    for path in (JUDGED, *(path for path, _, _ in JUDGED_SETS.values())):
        if not path.is_file():
            continue
        named = _OUTSIDE_FOLDER.search(path.read_text(encoding="utf-8").split("\n@", 1)[0])
        folders = [corpus / "unc", corpus / "unc-more"]
        if named:
            folders.insert(0, ROOT.parent / "corpus" / named.group(1))
        for sentence in load_judged(path):
            doc_id = sentence.key.split()[1]
            article = next(
                (f / f"{doc_id}.txt" for f in folders if (f / f"{doc_id}.txt").is_file()), None
            )
            if article is not None:
                found[sentence.text] = unicodedata.normalize(
                    "NFC", article.read_text(encoding="utf-8")
                )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--show", type=int, default=0, help="print N misses per category")
    parser.add_argument("--library-only", action="store_true", help="score sea-g2p alone")
    parser.add_argument(
        "--show-judged", type=int, default=0, help="print N wrong readings of the set scored"
    )
    parser.add_argument(
        "--show-lost", action="store_true", help="with --show-judged, only the lost readings"
    )
    parser.add_argument(
        "--write-baseline", action="store_true", help="record the readings got right as baseline"
    )
    parser.add_argument(
        "--set",
        choices=["judged", *JUDGED_SETS],
        default="judged",
        help="judged: the first set, per half (default); or one other judged set: "
        + "; ".join(f"{name}: {label}" for name, (_, _, label) in JUDGED_SETS.items()),
    )
    parser.add_argument(
        "--in-article",
        action="store_true",
        help="read each judged sentence with its whole article as context (the pipeline's way: "
        "abbreviations the article defines); needs the corpus",
    )
    args = parser.parse_args()
    normalizer = TextNormalizer()
    if args.library_only:

        def speak(text: str) -> str:
            return tidy(sea_normalizer()(text))
    elif args.in_article:
        articles = _articles_by_sentence(args.corpus)

        def speak(text: str) -> str:
            return normalizer.normalize(text, "vi", articles.get(text))
    else:

        def speak(text: str) -> str:
            return normalizer.normalize(text, "vi")

    if args.set in JUDGED_SETS:
        path, baseline, label = JUDGED_SETS[args.set]
        if not path.is_file():
            print(f"{_shown(path)} not found: no {args.set} set to score", file=sys.stderr)
            return 1
        print(f"{args.set} set ({label}): {_shown(path)}")
        if baseline is None:
            # A blind report set: counts only, never a miss, so nothing is fitted on it.
            print_judged(score_judged(speak, load_judged(path))[0])
        else:
            run_judged(speak, path, baseline, args.show_judged, args.show_lost, args.write_baseline)
        return 0

    # The corpus cases and articles are needed only from here on: the judged sets are in tests/.
    cases_dir = args.corpus / "normalization"
    if not cases_dir.is_dir():
        print(f"{cases_dir} not found: nothing to measure", file=sys.stderr)
        return 1
    totals = [0, 0, 0]
    started = time.perf_counter()
    print(f"{'category':<10} {'cases':>5} {'exact':>7} {'relaxed':>8}")
    for path in sorted(cases_dir.glob("test_cases_*.txt")):
        cases = [
            line.split("~", 1)
            for line in path.read_text(encoding="utf-8").splitlines()
            if "~" in line
        ]
        scores = [0, 0]
        misses = []
        for written, expected in cases:
            got = speak(written)
            scores[0] += exact(got) == exact(expected)
            scores[1] += relaxed(got) == relaxed(expected)
            if relaxed(got) != relaxed(expected):
                misses.append((written, expected, got))
        name = path.stem.removeprefix("test_cases_")
        print(
            f"{name:<10} {len(cases):>5} {scores[0] / len(cases):>7.1%} {scores[1] / len(cases):>8.1%}"
        )
        for miss in misses[: args.show]:
            print("    ", " | ".join(miss))
        totals[0] += len(cases)
        totals[1] += scores[0]
        totals[2] += scores[1]
    elapsed = time.perf_counter() - started
    print(
        f"{'overall':<10} {totals[0]:>5} {totals[1] / totals[0]:>7.1%} {totals[2] / totals[0]:>8.1%}"
        f"   ({elapsed / totals[0] * 1000:.2f} ms per case)"
    )

    run_judged(speak, JUDGED, BASELINE, args.show_judged, args.show_lost, args.write_baseline)

    digits_left, paragraphs = 0, 0
    examples = []
    for path in sorted((args.corpus / "articles").glob("*.txt")):
        for article in read_articles(path):
            for text in [article.title, *(p.text for p in article.paragraphs)]:
                paragraphs += 1
                spoken = speak(text)
                found = re.findall(r"\S*\d\S*", spoken)
                digits_left += len(found)
                examples.extend(found[:2])
    print(
        f"corpus articles: {paragraphs} paragraphs, {digits_left} tokens with raw digits left"
        + (f" (e.g. {', '.join(examples[:8])})" if examples else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
