"""Writes ``src/vnmedia/data/common_words.txt``: Vietnamese syllables that news text writes in
lower case at least 90 % of the times they appear inside a sentence (at least 20 times).

The translation check (``translation/faithful.py``) reads a run of capitalised syllables
as a name unless every syllable is such a common word: subtitles and headings capitalise
terms ("Danh Sách Đỏ", the Red List) that are not names, while names have at least one
syllable that news writes capitalised ("Nguyễn", "Nẵng", "Liêm"). Counted on the Dân Trí
articles of ``../shared/corpus/unc`` and ``unc-more`` (a word list, no text copied).

    .venv/bin/python bench/fit_common_words.py
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT.parent / "shared" / "corpus" / name for name in ("unc", "unc-more")]
OUT = ROOT / "src" / "vnmedia" / "data" / "common_words.txt"
TOKEN = re.compile(r"[^\W\d_]+|[.!?:;…\"“”()]")


def main() -> None:
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for corpus in CORPORA:
        for path in sorted(corpus.glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                opens = True
                for token in TOKEN.findall(line):
                    if not token[0].isalpha():
                        opens = True
                        continue
                    if not opens and not token.isupper():
                        (upper if token[0].isupper() else lower)[token.lower()] += 1
                    opens = False
    common = sorted(w for w, n in lower.items() if n + upper[w] >= 20 and n >= 0.9 * (n + upper[w]))
    header = "# Syllables news writes in lower case (bench/fit_common_words.py); one a line.\n"
    OUT.write_text(header + "\n".join(common) + "\n", encoding="utf-8")
    print(f"{len(common)} common words written to {OUT}")


if __name__ == "__main__":
    main()
