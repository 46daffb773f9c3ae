"""Draw the sentences of the judged normalization set from real news, by a written rule.

    .venv/bin/python bench/draw_judged.py [--corpus ../shared/corpus] [--count 300] [--seed 30]
        [--exclude JUDGED_FILE ...] [--out FILE]

The rule (rerun it and the same sentences come out, in the same order):

1. every ``unc-more/*.txt`` file (Dân Trí articles the project fits on; ``--folder unc`` for
   the 400 of ``unc/`` once the judged sets have used up unc-more's 1,838), in NFC, every line cut into
   sentences by ``vnmedia.text.chunking.split_sentences``; sentences of 30–350 characters;
2. a sentence's *weight* is the number of written forms in it that need a spoken form,
   counted by class and capped at 3 per class, over five classes: numbers (any digit),
   dates (``d/m``, ``d-m``, ``d.m``), codes (letters and digits in one token), abbreviations
   (two or more capitals) and symbols (``% / & $ € @``); sentences of weight 0 are out;
3. a weighted draw without replacement (key ``u ** (1 / weight²)``, ``random.Random(seed)``),
   at most one sentence per article (``--per-article N`` for sources of few, long articles),
   until ``count`` sentences; articles already in an
   ``--exclude`` file (a judged set's ``@`` lines) are never drawn;
4. each sentence's half is fixed by its article: ``fit`` when the first byte of the SHA-1 of
   the article's id is even, ``report`` otherwise.

It prints a draft of ``tests/text/data/normalize_judged.txt`` with each candidate token on
a line of its own and the current normalizer's reading of the whole sentence as a comment;
the readings are then written by hand (see that file's header).

``--out FILE`` writes the draft to FILE *blind*: no normalizer reading, every block marked
``report`` (a fresh report set, judged without seeing what the normalizer says). The fresh
set ``tests/text/data/normalize_judged_fresh.txt`` was drawn with
``--seed 31 --exclude tests/text/data/normalize_judged.txt --out …``; the later sets (each
file's header says how) with ``--seed 32`` and ``33`` (fresh3, the earlier sets excluded),
``34 --count 600`` (fit2), ``35 --folder unc`` (check3) and ``36`` (fresh5: ``unc`` minus
check3's articles, then what unc-more had left), always excluding every earlier set.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from vnmedia.text.chunking import split_sentences

ROOT = Path(__file__).resolve().parents[1]

CLASSES = {
    "number": re.compile(r"\d+"),
    "date": re.compile(r"(?<![\d.,/-])\d{1,2}[/.-]\d{1,2}(?![\d,])"),
    "code": re.compile(r"\b(?=\S*\d)(?=\S*[A-Za-zĐđ])[\w.-]*[\w]\b"),
    "abbreviation": re.compile(r"\b[A-ZĐƯ][A-ZĐƯ.&-]*[A-ZĐƯ]\b"),
    "symbol": re.compile(r"[%/&$€@]"),
}
CANDIDATE = re.compile(
    r"(?:[^\s,;:()\"“”]|(?<=\d)[,:](?=\d))*(?:\d|[A-ZĐƯ][a-zA-ZĐƯ.]*[A-ZĐƯ]|[%&$€@/])"
    r"(?:[^\s,;:()\"“”]|(?<=\d)[,:](?=\d))*"
)


def weight(sentence: str) -> int:
    """How many forms needing a spoken form ``sentence`` has (each class capped at 3)."""
    return sum(min(3, len(pattern.findall(sentence))) for pattern in CLASSES.values())


def half_of(doc_id: str) -> str:
    """``fit`` or ``report``, fixed by the article's id."""
    return "fit" if hashlib.sha1(doc_id.encode()).digest()[0] % 2 == 0 else "report"


def judged_articles(path: Path) -> set[str]:
    """The article ids of a judged set's blocks (``@ 001 news_health_120 fit``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split()[2] for line in lines if line.startswith("@ ")}


def draw(
    corpus: Path,
    count: int,
    seed: int,
    exclude: frozenset[str] = frozenset(),
    folder: str = "unc-more",
    per_article: int = 1,
) -> list[tuple[str, str]]:
    """``(doc_id, sentence)`` pairs drawn by the rule above, no article of ``exclude``, at
    most ``per_article`` sentences of one article (``folder``: a folder of ``corpus`` or a
    path of its own)."""
    candidates: list[tuple[str, str, int]] = []
    for path in sorted((corpus / folder).glob("*.txt")):
        # NFC, as vnmedia's readers give the text to the normalizer.
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        for line in text.splitlines():
            for sentence in split_sentences(line.strip()):
                sentence = sentence.strip()
                if 30 <= len(sentence) <= 350 and (w := weight(sentence)):
                    candidates.append((path.stem, sentence, w))
    rng = random.Random(seed)
    keyed = sorted(candidates, key=lambda c: rng.random() ** (1 / c[2] ** 2), reverse=True)
    chosen: list[tuple[str, str]] = []
    used: Counter[str] = Counter()
    for doc_id, sentence, _ in keyed:
        if used[doc_id] < per_article and doc_id not in exclude:
            used[doc_id] += 1
            chosen.append((doc_id, sentence))
        if len(chosen) == count:
            break
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=30)
    parser.add_argument("--exclude", type=Path, action="append", default=[])
    parser.add_argument("--out", type=Path, help="write a blind draft, all blocks `report`")
    parser.add_argument(
        "--folder",
        default="unc-more",
        help="the corpus folder drawn from (unc-more; unc once unc-more's articles are used up;"
        " or a folder's own path: text outside the corpus)",
    )
    parser.add_argument(
        "--per-article",
        type=int,
        default=1,
        help="sentences one article may give (1; more for a source of few, long articles)",
    )
    args = parser.parse_args()
    exclude = frozenset().union(*(judged_articles(path) for path in args.exclude))
    chosen = draw(args.corpus, args.count, args.seed, exclude, args.folder, args.per_article)
    lines = []
    if args.out is None:
        from vnmedia.text.normalize import TextNormalizer

        normalizer = TextNormalizer()
    for number, (doc_id, sentence) in enumerate(chosen, 1):
        lines.append(f"@ {number:03d} {doc_id} {'report' if args.out else half_of(doc_id)}")
        lines.append(f"> {sentence}")
        if args.out is None:
            lines.append(f"# {normalizer.normalize(sentence, 'vi')}")
        for token in dict.fromkeys(t.strip(".") for t in CANDIDATE.findall(sentence)):
            lines.append(f"{token}\t")
        lines.append("")
    if args.out is None:
        print("\n".join(lines))
    else:
        args.out.write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
