"""The translation check (``translation/faithful.py``): how often it doubts a correct human
translation, and how often it catches a corrupted one.

Data: the IWSLT'15 TED development pairs (``../shared/corpus/parallel-ted``, 1,553 human
Vietnamese–English pairs, Moses-tokenized and HTML-escaped: detokenized and unescaped
here with sacremoses) and the sample's human translation (``input/translations.tsv``).
Never tst2013 or NTREX (held out).

1. **False alarms**: every correct pair checked; a pair with any finding is a false alarm
   (goal: at most 3 %).
2. **Caught corruptions**: copies of the pairs the check leaves quiet, each corrupted one
   way as translators fail: a digit changed, a scale word swapped (million ↔ billion), a
   name removed, the second half left out, the text left untranslated, a sentence added
   (another talk's sentence). A copy with a finding is caught (goals: 95 % of number and
   scale changes, 90 % overall).
3. **Halves**: the TED lines are cut in two (first half, second half: different talks),
   and the sample's pairs alternately. The length and untranslated thresholds are fitted
   on the first half (the loosest that keep false alarms under a budget while catching
   most); the shipped thresholds are scored on both halves: the second is the claim.
4. **A fresh set** (``--set fresh``): ``../shared/corpus/parallel-fresh``, 1,232 human
   English–Vietnamese pairs from Tatoeba (plain text, one ``English<TAB>Vietnamese`` pair
   a line), which no rule was written or fitted on: the whole set is scored, once, with
   the shipped checker, as the outside check of the number and name rules that were
   written while reading both TED halves.

    .venv/bin/python bench/bench_faithful.py [--show N] [--fit]
    .venv/bin/python bench/bench_faithful.py --set fresh [--show N]
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sacremoses import MosesDetokenizer

from vnmedia.text.chunking import split_sentences
from vnmedia.text.pairs import read_lines, tsv_pairs
from vnmedia.translation.faithful import Checker, Thresholds, default_checker, length_ratio

ROOT = Path(__file__).resolve().parents[1]
TED = ROOT.parent / "shared" / "corpus" / "parallel-ted"
SAMPLE = ROOT / "input" / "translations.tsv"
FRESH_NAME = Path("parallel-fresh") / "tatoeba-en-vi.tsv"
FRESH_PLACES = (ROOT.parent / "shared" / "corpus" / FRESH_NAME, ROOT.parent / "corpus" / FRESH_NAME)
"""Where the fresh set may be: the shared corpus, or a ``corpus/`` folder beside the project's
(the shared corpus is read-only and may not carry it). Its source: BENCHMARKS.md, "The
translation check", fresh set (Tatoeba's ``vie-eng`` lines as committed in
``datblue/vn_machine_translation`` at ``8f546de``)."""

Pair = tuple[str, str]


def ted_pairs() -> list[Pair]:
    """The TED pairs, detokenized and unescaped (``&apos;`` → ', ``1840 &apos;s`` → 1840's)."""
    detokenize = MosesDetokenizer(lang="en").detokenize
    vi = (TED / "vi.txt").read_text(encoding="utf-8").splitlines()
    en = (TED / "en.txt").read_text(encoding="utf-8").splitlines()
    pairs = []
    for v, e in zip(vi, en, strict=True):
        v, e = detokenize(v.split(), unescape=True), detokenize(e.split(), unescape=True)
        # Moses leaves "11 / 9" and "50 - 60" spaced: so do many writers; "1840 's" not.
        e = re.sub(r"(\d) ?'s\b", r"\1's", e)
        if v.strip() and e.strip():
            pairs.append((v, e))
    return pairs


def sample_pairs() -> list[Pair]:
    return list(tsv_pairs(SAMPLE, read_lines(SAMPLE, "translation memory")))


def fresh_pairs() -> list[Pair]:
    """The fresh Tatoeba pairs: plain text already (no tokens to join, no entities)."""
    found = next((place for place in FRESH_PLACES if place.is_file()), None)
    if found is None:
        where = " or ".join(str(place) for place in FRESH_PLACES)
        raise SystemExit(f"no fresh set here: put tatoeba-en-vi.tsv at {where}")
    pairs = []
    for line in found.read_text(encoding="utf-8").splitlines():
        en, _, vi = line.partition("\t")
        if vi.strip() and en.strip():
            pairs.append((vi.strip(), en.strip()))
    return pairs


def halves() -> tuple[list[Pair], list[Pair]]:
    ted, sample = ted_pairs(), sample_pairs()
    middle = len(ted) // 2
    return ted[:middle] + sample[0::2], ted[middle:] + sample[1::2]


# ------------------------------------------------------------------------ corruptions

_DIGIT = re.compile(r"\d")
_VIETNAMESE = re.compile(r"[đăâêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
_SCALE = re.compile(r"\b(thousand|million|billion|trillion)\b")
_SWAP = {"thousand": "million", "million": "billion", "billion": "million", "trillion": "billion"}


def change_digit(english: str, rng: random.Random) -> str | None:
    spots = [m.start() for m in _DIGIT.finditer(english)]
    if not spots:
        return None
    at = rng.choice(spots)
    digit = english[at]
    choices = [d for d in "0123456789" if d != digit]
    if at == 0 or not english[at - 1].isdigit():
        choices = [d for d in choices if d != "0"]  # no leading zero
    return english[:at] + rng.choice(choices) + english[at + 1 :]


def swap_scale(english: str, rng: random.Random) -> str | None:
    found = list(_SCALE.finditer(english))
    if not found:
        return None
    match = rng.choice(found)
    return english[: match.start()] + _SWAP[match.group(1)] + english[match.end() :]


def remove_name(english: str, vietnamese: str, rng: random.Random) -> str | None:
    """A name both sides spell alike (a capitalised English word, not the first, found in
    the Vietnamese), taken out of the English with the words of the name around it."""
    from vnmedia.translation.faithful import fold

    folded = fold(vietnamese)
    names = [
        m
        for m in re.finditer(r"(?<=\w[ ,])([A-Z][a-z]+(?: [A-Z][a-z]+)*)", english)
        if len(m.group(1)) > 2 and fold(m.group(1)) in folded
    ]
    if not names:
        return None
    match = rng.choice(names)
    return re.sub(r"\s{2,}", " ", english[: match.start()] + english[match.end() :]).strip()


def leave_out_half(english: str) -> str | None:
    sentences = split_sentences(english)
    if len(sentences) >= 2:
        return " ".join(sentences[: len(sentences) // 2])
    words = english.split()
    if len(words) < 6:
        return None
    return " ".join(words[: len(words) // 2]).rstrip(",;") + "."


def add_sentence(english: str, others: list[str], rng: random.Random) -> str | None:
    candidates = [o for o in others if 5 <= len(o.split()) <= 20 and o[-1:] in ".!?"]
    return f"{english.rstrip()} {rng.choice(candidates)}" if candidates else None


Corruption = Callable[[str, str, random.Random], str | None]


def corruptions(pool: list[str]) -> dict[str, Corruption]:
    return {
        "digit": lambda vi, en, rng: change_digit(en, rng),
        "scale": lambda vi, en, rng: swap_scale(en, rng),
        "name": lambda vi, en, rng: remove_name(en, vi, rng),
        "half": lambda vi, en, rng: leave_out_half(en),
        # Left in Vietnamese: only a text with Vietnamese letters ("Stephen Watt." is the same
        # in both languages, rightly).
        "untranslated": lambda vi, en, rng: vi if _VIETNAMESE.search(vi.lower()) else None,
        "sentence": lambda vi, en, rng: add_sentence(en, pool, rng),
    }


# ---------------------------------------------------------------------------- scoring


@dataclass
class Score:
    texts: int
    flagged: int
    kinds: Counter[str]
    caught: dict[str, tuple[int, int]]

    @property
    def false_alarms(self) -> float:
        return self.flagged / max(1, self.texts)

    def rate(self, *names: str) -> float:
        hit = sum(self.caught[n][0] for n in names if n in self.caught)
        total = sum(self.caught[n][1] for n in names if n in self.caught)
        return hit / max(1, total)


def score(checker: Checker, pairs: list[Pair], show: int = 0) -> Score:
    kinds: Counter[str] = Counter()
    quiet: list[Pair] = []
    shown = 0
    for vi, en in pairs:
        findings = checker.check(vi, en)
        kinds.update({f.kind for f in findings})
        if not findings:
            quiet.append((vi, en))
        elif shown < show:
            shown += 1
            print(f"  FALSE ALARM {[f.describe() for f in findings]}\n    vi: {vi}\n    en: {en}")
    rng = random.Random(32)
    pool = [s for _, en in pairs for s in split_sentences(en)]
    caught: dict[str, tuple[int, int]] = {}
    for name, corrupt in corruptions(pool).items():
        hit = total = 0
        for vi, en in quiet:
            bad = corrupt(vi, en, rng)
            if bad is None or bad == en:
                continue
            total += 1
            hit += bool(checker.check(vi, bad))
        caught[name] = (hit, total)
    return Score(len(pairs), len(pairs) - len(quiet), kinds, caught)


def report(label: str, result: Score) -> None:
    print(
        f"{label}: {result.texts} correct pairs, {result.flagged} flagged "
        f"({100 * result.false_alarms:.1f} % false alarms; by kind: {dict(result.kinds)})"
    )
    parts = [f"{n} {h}/{t}" for n, (h, t) in result.caught.items()]
    print(f"  caught: {', '.join(parts)}")
    numbers = 100 * result.rate("digit", "scale")
    overall = 100 * result.rate(*result.caught)
    print(f"  numbers and scales {numbers:.1f} %, overall {overall:.1f} %")


def table(result: Score) -> None:
    """The corruptions caught, one row a kind (Markdown, for BENCHMARKS.md)."""
    print("| corruption | caught | of | % |\n|---|---|---|---|")
    for name, (hit, total) in result.caught.items():
        print(f"| {name} | {hit} | {total} | {100 * hit / max(1, total):.1f} |")


# ------------------------------------------------------------------------------ fitting


def fit(pairs: list[Pair], budget: float = 0.015) -> Thresholds:
    """The length thresholds, from the first half: the tightest (most catching) that flag at
    most ``budget`` of the correct pairs on their own, each side getting half."""
    base = Thresholds()
    ratios = []
    for vi, en in pairs:
        fewer_or_more = len(split_sentences(en)) - len(split_sentences(vi))
        ratios.append((length_ratio(vi, en, base.smoothing), fewer_or_more))
    ranked = sorted(r for r, _ in ratios)
    allowed = int(budget / 2 * len(ranked))
    shorter = ranked[allowed] - 0.01
    longer = ranked[-allowed - 1] + 0.01
    fewer = sorted(r for r, d in ratios if d < 0)
    more = sorted(r for r, d in ratios if d > 0)
    shorter_fewer = (fewer[allowed // 2] - 0.01) if len(fewer) > allowed else shorter
    longer_more = (more[-allowed // 2 - 1] + 0.01) if len(more) > allowed else longer
    return replace(
        base,
        shorter=round(min(shorter, -0.3), 2),
        longer=round(max(longer, 0.3), 2),
        shorter_fewer=round(max(shorter_fewer, shorter), 2),
        longer_more=round(min(longer_more, longer), 2),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--show", type=int, default=0, help="print N false alarms (of half 1, or of --set fresh)"
    )
    parser.add_argument("--fit", action="store_true", help="fit the thresholds on half 1")
    parser.add_argument(
        "--set",
        choices=("ted", "fresh"),
        default="ted",
        help="ted: the two TED halves (default); fresh: the Tatoeba set nothing was tuned on",
    )
    args = parser.parse_args()
    if args.set == "fresh":
        result = score(default_checker(), fresh_pairs(), args.show)
        report("fresh (Tatoeba, never tuned on)", result)
        table(result)
        return
    first, second = halves()
    shipped = default_checker()
    if args.fit:
        fitted = fit(first)
        print(f"fitted on the first half: {fitted}")
        print(f"shipped:                  {shipped.limits}")
        report("fitted, half 1", score(replace(shipped, limits=fitted), first))
        report("fitted, half 2", score(replace(shipped, limits=fitted), second))
    report("half 1 (fit)", score(shipped, first, args.show))
    report("half 2 (reported)", score(shipped, second))  # never shown: it is the claim


if __name__ == "__main__":
    main()
