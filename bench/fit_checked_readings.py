"""Write ``src/vnmedia/data/checked_readings.tsv``: the guessed readings readers judged right
(issue 30), which a build then does not ask the producer to check again.

    .venv/bin/python bench/fit_checked_readings.py

Every judged set that is fitting material (the first, and each with a baseline in
``bench_normalize.JUDGED_SETS``; never a set still counted blind) is read by the code at
``HEAD``. A token read by a guessing step whose reading is the same wherever it stands
(acronyms, camel case, codes, addresses, the dictionary's abbreviations, sea-g2p; not fractions or long digit runs, which are right or
wrong by their context) is kept when readers judged its reading right at least once and
never wrong, and read alone by that same step; with its spoken form as the token is read
alone: a later change of rules that reads it otherwise makes it a guess again.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_normalize import JUDGED_SETS  # noqa: E402
from blind_miss_kinds import judged_tokens  # noqa: E402

from vnmedia.text.guesses import BY_CONTEXT, GUESSING_STEPS, is_guess  # noqa: E402
from vnmedia.text.lexicon import Lexicon  # noqa: E402
from vnmedia.text.normalize import TextNormalizer, explain_readings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "vnmedia" / "data" / "checked_readings.tsv"
CONTEXT_FREE = (GUESSING_STEPS - BY_CONTEXT) | {"sea-g2p"}
"""The guessing steps whose reading of a token does not depend on the words around it."""
HEADER = """\
# Guessed readings that readers judged right (bench/fit_checked_readings.py): a build does
# not list these to check. written<TAB>the step that read it<TAB>spoken (the token read
# alone)<TAB>times judged right.
# A token is here only if no reader ever judged it wrong; if the rules come to read it
# otherwise, it is a guess again.
"""


def main() -> int:
    names = ["", *(name for name, (_, baseline, _) in JUDGED_SETS.items() if baseline)]
    right: Counter[tuple[str, str]] = Counter()
    wrong: set[str] = set()
    for name in names:
        for written, step, missed, _ in judged_tokens(name, "HEAD"):
            if missed:
                wrong.add(written)
            elif step in CONTEXT_FREE and is_guess(written, step):
                right[written, step] += 1
    normalizer = TextNormalizer()
    # Kept: never judged wrong, and read alone by the step that read it where it was judged
    # (a boat's "BĐ 98291TS" is a code, "98291TS" alone a number: not the reading judged).
    alone = {w: explain_readings(normalizer, Lexicon(), w) for w, _ in right}
    kept = sorted(
        (
            (w, step)
            for w, step in right
            if w not in wrong and [(r.written, r.rule) for r in alone[w]] == [(w, step)]
        ),
        key=lambda key: (-right[key], key),
    )
    rows = [f"{w}\t{step}\t{normalizer.normalize(w, 'vi')}\t{right[w, step]}" for w, step in kept]
    OUT.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(kept)} readings judged right in {len(names)} sets ({len(wrong)} tokens wrong)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
