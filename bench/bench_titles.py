"""Derived titles against the real ones: hide an article's title, derive one from its text,
and count how many of the real title's words it has.

Articles whose title is known: ``shared/corpus/unc*/`` — the real title line where the file
keeps it, else the title as its URL spells it (``title_slug``: no diacritics, so the
comparison is made without them, syllable by syllable, for every article alike). The
lead's first sentence is what the title is derived from, as for a file with no title line.

Two parts, so that nothing is reported on what the rules were fitted on: ``unc/`` (the
fitting part) and ``unc-more/`` (held out).

Scores per article: recall (share of the real title's syllables the derived title has) and
precision (share of the derived title's syllables in the real title), averaged; and how
many derived titles open with a phrase that says nothing of the story (a time, a
connective, a bare name).

    .venv/bin/python bench/bench_titles.py
    PYTHONPATH=/path/to/older/checkout/src .venv/bin/python bench/bench_titles.py   # before
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from slugify import slugify

from vnmedia.text.split import derive_title

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EMPTY_OPENINGS = re.compile(
    r"^(?:với|theo|trong|cách đây|sáng|chiều|tối|trưa|đêm|rạng sáng|ngày|hôm|vừa qua|mới đây|"
    r"trước đó|sau đó|tuy nhiên|ngoài ra|bên cạnh đó|đồng thời|theo đó|cụ thể|như vậy|vào|"
    r"tại|từ|khi|nhằm|để|do|vì|hiện nay|thời gian qua|những ngày qua|phiên)\b",
    re.IGNORECASE,
)


def syllables(text: str) -> list[str]:
    return [s for s in slugify(text, separator=" ").split() if s]


def load(folder: str) -> list[tuple[str, str]]:
    """(real title, text without its title) of every article of ``shared/corpus/<folder>``."""
    index = CORPUS / folder / "index.tsv"
    if not index.is_file():
        return []
    found = []
    for row in index.read_text(encoding="utf-8").splitlines()[1:]:
        doc_id, _topic, _date, _url, slug, titled = row.split("\t")
        lines = [
            line.strip()
            for line in (CORPUS / folder / f"{doc_id}.txt").read_text("utf-8").splitlines()
            if line.strip()
        ]
        title = lines.pop(0) if titled == "true" else slug.replace("-", " ")
        if lines:
            found.append((title, lines[0]))
    return found


def score(articles: list[tuple[str, str]]) -> dict[str, float]:
    recall = precision = empty = 0.0
    for title, lead in articles:
        derived = derive_title(lead)
        real, made = Counter(syllables(title)), Counter(syllables(derived))
        common = sum((real & made).values())
        recall += common / max(1, sum(real.values()))
        precision += common / max(1, sum(made.values()))
        empty += bool(EMPTY_OPENINGS.match(derived))
    count = max(1, len(articles))
    return {
        "articles": len(articles),
        "recall": recall / count,
        "precision": precision / count,
        "empty openings": empty / count,
    }


def main() -> int:
    print(
        "| part | articles | title words recalled | derived words in the title | opening that says nothing |"
    )
    print("|---|---|---|---|---|")
    for label, folder in (("fitting (unc/)", "unc"), ("held out (unc-more/)", "unc-more")):
        found = score(load(folder))
        print(
            f"| {label} | {found['articles']:.0f} | {found['recall']:.3f} | "
            f"{found['precision']:.3f} | {100 * found['empty openings']:.1f} % |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
