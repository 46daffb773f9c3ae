"""How much of what is read wrong the list of readings to check holds, and how long the list
is (issue 30: the producer's check before publishing).

    .venv/bin/python bench/bench_guesses.py [--articles FOLDER ...]

A build lists the readings it guessed (``vnmedia.text.guesses``) for the producer to check.
For each judged set, read by the code it was scored blind with (``blind_miss_kinds.py``),
and for the report sets still counted blind (fresh13, fresh15, fresh17, fresh18), read by the
code at ``HEAD`` and shown as counts only: the judged tokens, how many of them the list holds, the misses and
how many of them it holds, then the sentences with a miss before and after a producer who
set right every listed reading (a line in the lexicon each). ``--articles`` counts the
list's length on real text (default: ``unc-more`` of the shared corpus): the readings to
check in an article, and in the whole folder as one batch, where one lexicon line settles a
token everywhere: the work a producer is asked for.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blind_miss_kinds import BLIND_AT, judged_tokens  # noqa: E402

from vnmedia.text.guesses import readings_to_check, to_check  # noqa: E402
from vnmedia.text.normalize import Reading, TextNormalizer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
STILL_BLIND = ("fresh13", "fresh15")
"""Report sets nobody has read the misses of, whose counts the list was scored on while it
was made: scored at ``HEAD``, counts only."""
AFTER_THE_LIST = ("fresh17", "fresh18")
"""Report sets gathered, drawn and judged after the list was made: its measure."""
DEFAULT_ARTICLES = [ROOT.parent / "shared" / "corpus" / "unc-more"]
NORMALIZER = TextNormalizer()
"""The normalizer at the working tree: what decides whether a reading is listed."""


def set_row(name: str, commit: str) -> tuple[int, ...]:
    """Tokens, tokens listed, misses, misses listed, sentences wrong, sentences wrong after
    every listed reading is set right, for one judged set read at ``commit``."""
    tokens = judged_tokens(name, commit)
    listed = [bool(to_check(NORMALIZER, Reading(written, step))) for written, step, _, _ in tokens]
    wrong = {n for (_, _, missed, n) in tokens if missed}
    left = {n for (_, _, missed, n), on in zip(tokens, listed, strict=True) if missed and not on}
    misses = [on for (_, _, missed, _), on in zip(tokens, listed, strict=True) if missed]
    return len(tokens), sum(listed), len(misses), sum(misses), len(wrong), len(left)


def print_sets() -> None:
    """The table of judged sets (see the module's doc), with a line of sums for the sets
    read since their blind score, one for the sets still blind, and one for the sets judged
    after the list was made."""
    head = ("set", "read at", "tokens", "listed", "misses", "listed", "wrong", "left")
    print("{:<8} {:<8} {:>7} {:>13} {:>7} {:>13} {:>6} {:>5}".format(*head))
    for group, sets in (
        ("read", list(BLIND_AT.items())),
        ("blind", [(name, "HEAD") for name in STILL_BLIND]),
        ("after", [(name, "HEAD") for name in AFTER_THE_LIST]),
    ):
        rows = [set_row(name, commit) for name, commit in sets]
        for (name, commit), row in zip(sets, rows, strict=True):
            print(_row(name, commit, row))
        print(_row(f"{group}", "all", tuple(map(sum, zip(*rows, strict=True)))))


def _row(name: str, commit: str, row: tuple[int, ...]) -> str:
    tokens, listed, misses, caught, wrong, left = row
    share = f"{listed} ({listed / (tokens or 1):.0%})"
    held = f"{caught} ({caught / (misses or 1):.0%})"
    return (
        f"{name:<8} {commit:<8} {tokens:>7} {share:>13} {misses:>7} {held:>13} {wrong:>6} {left:>5}"
    )


def print_articles(folders: list[Path]) -> None:
    """Distinct readings to check per article of real text, by folder."""
    for folder in folders:
        files = sorted(folder.rglob("*.txt"))
        if not files:
            print(f"{folder}: no .txt files")
            continue
        found = [readings_to_check(NORMALIZER, f.read_text(encoding="utf-8")) for f in files]
        counts = [len(readings) for readings in found]
        distinct = {reading.written for readings in found for reading in readings}
        print(
            f"{folder.name}: {len(files)} articles, readings to check per article: "
            f"median {statistics.median(counts):g}, mean {statistics.mean(counts):.1f}, "
            f"max {max(counts)}; none in {sum(1 for c in counts if not c)}; "
            f"{len(distinct)} distinct in all ({sum(counts)} listings)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", action="append", type=Path)
    parser.add_argument("--no-sets", action="store_true", help="Only the list's length.")
    args = parser.parse_args()
    if not args.no_sets:
        print_sets()
    print_articles(args.articles or DEFAULT_ARTICLES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
