"""What kind of token the blind sets' misses were, each set read by the code it was scored
blind with (issue 30: where the long tail is).

    .venv/bin/python bench/blind_miss_kinds.py [--set fresh7 ...] [--by-step]

For each judged set scored blind once (``BLIND_AT`` says at which commit), the commit's
normalizer is checked out into a temporary git worktree and its spoken forms are scored with
this bench's scorer; each judged token it read wrong is counted by its written shape:
capitals (an abbreviation or acronym: ``HĐBA``, ``VAR``), a number or date (``15-3``,
``08.39309882``), a code of letters and digits (``P6``, ``802,11ax``, ``iPhone 5s``'s ``5s``),
a name in mixed case (``VTVcab``), or other. With ``--by-step``, every judged token is
counted instead by the step that read it (``vnmedia normalize --explain``: a lexicon, one of
our rules, or sea-g2p, the library our rules run before), with how many of the misses each
step made: where the misses come from, against how much each step reads. A report set still
counted blind (fresh13, fresh15, fresh17, fresh18) is never read here: its misses are not
listed, not even by kind.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "text" / "data"
BLIND_AT = {
    "fresh6": "077b02f",
    "fresh7": "ee27344",
    "fresh8": "b628f16",
    "fresh9": "36eb883",
    "fresh10": "7e121c6",
    "fresh11": "bd2f19c",
    "fresh12": "bd2f19c",
    "fresh14": "7704cb6",
    "fresh16": "24a9ae3",
}
"""The judged sets scored blind once, and the commit each was scored at (BENCHMARKS.md)."""
KINDS = ["capitals", "number or date", "letters and digits", "mixed case", "other"]

# Run in a child process with the old tree's source first on the path, so that each set is
# read by the normalizer it was scored with, and by this bench's scorer.
_CHILD = """
import importlib.util, json, sys
from pathlib import Path
tree, bench_path, judged = sys.argv[1:4]
sys.path.insert(0, tree + "/src")
spec = importlib.util.spec_from_file_location("bench", bench_path)
bench = importlib.util.module_from_spec(spec)
sys.modules["bench"] = bench
spec.loader.exec_module(bench)
import vnmedia
assert vnmedia.__file__.startswith(tree), vnmedia.__file__
from vnmedia.text.normalize import TextNormalizer
normalizer = TextNormalizer()
sentences = bench.load_judged(Path(judged))
from vnmedia.text.lexicon import Lexicon
from vnmedia.text.normalize import explain_readings
tokens = []
for number, sentence in enumerate(sentences):
    found = bench.readings_found(sentence, normalizer.normalize(sentence.text, "vi"))
    steps = {r.written: r.rule for r in explain_readings(normalizer, Lexicon(), sentence.text)}
    for (written, _), reading in zip(sentence.items, found, strict=True):
        # a judged token is one the explainer lists, or part of one ("5/8" of "12h-5/8")
        step = steps.get(written.strip(".")) or next(
            (rule for token, rule in steps.items() if written in token or token in written),
            "none",
        )
        tokens.append((written, step, reading is None, number))
print(json.dumps(tokens, ensure_ascii=False))
"""


def kind(written: str) -> str:
    """The shape of a written token (see the module's doc)."""
    token = written.removeprefix("LOST ").strip()
    letters = re.sub(r"[^\w]|[\d_]", "", token)
    if letters and re.search(r"\d", token):
        return "letters and digits"
    if re.search(r"\d", token):
        return "number or date"
    if len(letters) >= 2 and letters.isupper():
        return "capitals"
    if letters and any(c.isupper() for c in token[1:]) and any(c.islower() for c in token):
        return "mixed case"
    return "other"


def judged_tokens(name: str, commit: str) -> list[tuple[str, str, bool, int]]:
    """Every judged token of set ``name`` (``""``: the first set) as the normalizer at
    ``commit`` read it: its written form, the step that read it, whether it was read wrong,
    and its sentence's number."""
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), commit],
            check=True,
            capture_output=True,
        )
        try:
            judged = DATA / (f"normalize_judged_{name}.txt" if name else "normalize_judged.txt")
            bench = ROOT / "bench" / "bench_normalize.py"
            run = subprocess.run(
                [sys.executable, "-c", _CHILD, str(tree), str(bench), str(judged)],
                check=True,
                capture_output=True,
                text=True,
                cwd=scratch,
            )
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                check=False,
                capture_output=True,
            )
    return [
        (written, step, missed, number) for written, step, missed, number in json.loads(run.stdout)
    ]


def print_by_step(tokens: list[tuple[str, str, bool, int]]) -> None:
    """Each reading step's share of the judged tokens and of the misses, most misses first."""
    read = Counter(step for _, step, _, _ in tokens)
    missed = Counter(step for _, step, miss, _ in tokens if miss)
    whole, wrong = len(tokens) or 1, sum(missed.values()) or 1
    print(f"{'step':<44} {'tokens':>12} {'missed':>11} {'miss rate':>9}")
    for step, count in sorted(read.items(), key=lambda item: (-missed[item[0]], -item[1])):
        share = f"{count} ({count / whole:.0%})"
        misses = f"{missed[step]} ({missed[step] / wrong:.0%})"
        print(f"{step[:44]:<44} {share:>12} {misses:>11} {missed[step] / count:>9.1%}")
    print(f"{'all':<44} {len(tokens):>12} {sum(missed.values()):>11}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", choices=sorted(BLIND_AT), dest="sets")
    parser.add_argument("--by-step", action="store_true")
    args = parser.parse_args()
    judged = {name: judged_tokens(name, BLIND_AT[name]) for name in args.sets or list(BLIND_AT)}
    if args.by_step:
        print_by_step([token for tokens in judged.values() for token in tokens])
        return 0
    total: Counter[str] = Counter()
    print(f"{'set':<8} {'commit':<8} {'missed':>6}  " + "  ".join(KINDS))
    for name, tokens in judged.items():
        counts = Counter(kind(written) for written, _, missed, _ in tokens if missed)
        total.update(counts)
        cells = "  ".join(f"{counts[k]:>{len(k)}}" for k in KINDS)
        print(f"{name:<8} {BLIND_AT[name]:<8} {sum(counts.values()):>6}  {cells}")
    whole = sum(total.values()) or 1
    cells = "  ".join(f"{f'{total[k]} ({total[k] / whole:.0%})':>{len(k)}}" for k in KINDS)
    print(f"{'all':<8} {'':<8} {sum(total.values()):>6}  {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
