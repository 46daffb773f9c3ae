"""Mine Vietnamese abbreviations from the definitions news writes itself (issue 30, round 5).

    PYTHONPATH=src .venv/bin/python bench/mine_abbreviations.py [--corpus ../shared/corpus]
        [--exclude /work/helpers/judge3/fresh3_articles.txt] [--min-articles 2]
        [--out src/vnmedia/data/abbreviations_mined.tsv] [--held-apart] [--sample N]

Vietnamese news defines the abbreviations it uses: "cửa hàng xăng dầu (CHXD)", "Ban Chỉ đạo
phòng chống dịch (BCĐ)", "GPQC (giấy phép quảng cáo)", "Bộ Giáo dục và Đào tạo (GD&ĐT)". A
pair is kept when the abbreviation's letters are the initials of the phrase's last syllables
(``Đ`` only for "đ", ``D`` for "d" or "đ"; ``&`` for "và"; a hyphen may stand for "và" or for
nothing: "TN-MT" "tài nguyên và môi trường", "NĐ-CP" "nghị định chính phủ"), every syllable
of the phrase is shaped like a Vietnamese one and one at least carries a Vietnamese letter
(so "World Health Organization (WHO)", which a newsreader does not translate, is not taken).
Each pair is counted (times, articles); an abbreviation is written when its most frequent
phrase was seen in ``--min-articles`` articles or more (one more for two letters) and in two thirds of the articles that
define the abbreviation at all (an abbreviation with two meanings is left to the text).

Mined from ``unc-more/`` less the articles of the blind report set (``--exclude``: one id a
line) and from ``articles/``; never from ``unc/``, the check3 set's source, so that check3's
gain from the mined entries is a fair measure. Entries the curated lists
(``data/lexicon.tsv``, ``data/abbreviations.tsv``) already hold are left out: they win.

``--held-apart`` justifies the threshold: the articles are split in two by the SHA-1 of their
id; entries mined on one part are checked against the definitions the other part writes
(agreeing = the other part's most frequent phrase for that abbreviation is the same).
``--sample N`` prints N random entries of the result to read by hand.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from vnmedia.text.abbreviations import definitions
from vnmedia.text.lexicon import builtin_lexicons

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "vnmedia" / "data" / "abbreviations_mined.tsv"
FRESH3_ARTICLES = Path("/work/helpers/judge3/fresh3_articles.txt")


def documents(corpus: Path, exclude: set[str]) -> Iterator[tuple[str, str]]:
    """``(id, text)`` of every article mined: unc-more less ``exclude``, and articles/."""
    for path in sorted((corpus / "unc-more").glob("*.txt")):
        if path.stem not in exclude:
            yield path.stem, unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    for path in sorted((corpus / "articles").glob("*.txt")):
        yield (
            f"articles/{path.stem}",
            unicodedata.normalize("NFC", path.read_text(encoding="utf-8")),
        )


def count(docs: Iterable[tuple[str, str]]) -> tuple[Counter[tuple[str, str]], dict]:
    """Times each pair is defined, and the articles defining it."""
    times: Counter[tuple[str, str]] = Counter()
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc_id, text in docs:
        for pair in definitions(text):
            times[pair] += 1
            articles[pair].add(doc_id)
    return times, articles


def choose(
    times: Counter[tuple[str, str]], articles: dict, min_articles: int
) -> dict[str, tuple[str, int, int]]:
    """For each abbreviation kept: its phrase, times and articles (see the module's doc)."""
    by_abbr: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for (abbr, phrase), n in times.items():
        by_abbr[abbr].append((len(articles[abbr, phrase]), n, phrase))
    kept = {}
    for abbr, options in by_abbr.items():
        options.sort(reverse=True)
        n_articles, n_times, phrase = options[0]
        all_articles = len(set().union(*(articles[abbr, p] for _, _, p in options)))
        # Two letters stand for many things ("SP" sản phẩm, sư phạm): one more article.
        needed = min_articles + (sum(c.isalpha() for c in abbr) < 3)
        if n_articles >= needed and 3 * n_articles >= 2 * all_articles:
            kept[abbr] = (phrase, n_times, n_articles)
    return kept


def _curated() -> set[str]:
    return {
        word
        for name, table in builtin_lexicons().items()
        if name != "data/abbreviations_mined.tsv"  # this script's own output
        for word in table.entries.get("vi", {})
    }


def _half(doc_id: str) -> int:
    return hashlib.sha1(doc_id.encode()).digest()[0] % 2


def held_apart(docs: list[tuple[str, str]], curated: set[str]) -> None:
    """Entries mined on one half of the articles against the other half's definitions."""
    halves = [[d for d in docs if _half(d[0]) == h] for h in (0, 1)]
    for threshold in (1, 2, 3):
        agree = checked = entries = 0
        for mine, other in ((0, 1), (1, 0)):
            mined = choose(*count(halves[mine]), threshold)
            mined = {a: v for a, v in mined.items() if a not in curated}
            truth = choose(*count(halves[other]), 1)
            entries += len(mined)
            for abbr, (phrase, _, _) in mined.items():
                if abbr in truth:
                    checked += 1
                    agree += truth[abbr][0] == phrase
        print(
            f"min articles {threshold}: {entries} entries over both halves, {checked} defined in"
            f" the other half, {agree} agree ({agree / max(1, checked):.1%})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--exclude", type=Path, action="append", default=None)
    parser.add_argument("--min-articles", type=int, default=1)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--held-apart", action="store_true")
    parser.add_argument("--sample", type=int, default=0)
    args = parser.parse_args()
    exclude: set[str] = set()
    for path in args.exclude or [FRESH3_ARTICLES]:
        exclude |= {line.strip() for line in path.read_text().splitlines() if line.strip()}
    docs = list(documents(args.corpus, exclude))
    curated = _curated()
    if args.held_apart:
        held_apart(docs, curated)
        return 0
    times, articles = count(docs)
    kept = choose(times, articles, args.min_articles)
    new = {a: v for a, v in sorted(kept.items()) if a not in curated}
    lines = [
        "# Vietnamese abbreviations mined from the definitions news writes itself ('cửa hàng",
        "# xăng dầu (CHXD)', 'GPQC (giấy phép quảng cáo)'): bench/mine_abbreviations.py, rerunnable,",
        f"# over {len(docs)} articles of ../shared/corpus/unc-more/ (less the blind fresh3 set's",
        "# articles) and ../shared/corpus/articles/; never unc/. Kept: the abbreviation's letters",
        "# are the initials of the phrase's syllables, its most frequent phrase defined in",
        f"# >= {args.min_articles} article(s) (two letters: one more) and in two thirds of those",
        "# defining it (--held-apart: entries mined on one half of the articles agree with the",
        "# other half's definitions, 4 of 4 at 1 article); not in the curated",
        "# lists (data/lexicon.tsv, data/abbreviations.tsv), which win. Columns: written, spoken;",
        "# the comment above each line: times defined, in how many articles.",
    ]
    for abbr, (phrase, n, k) in new.items():
        lines += [f"# {n} times, {k} articles", f"{abbr}\t{phrase}"]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pairs = len(times)
    print(
        f"{len(docs)} articles, {sum(times.values())} definitions, {pairs} distinct pairs,"
        f" {len({a for a, _ in times})} abbreviations; kept {len(kept)}, of them"
        f" {len(kept) - len(new)} already curated; {len(new)} written to {args.out}"
    )
    if args.sample:
        for abbr in random.Random(5).sample(sorted(new), min(args.sample, len(new))):
            print(f"  {abbr}\t{new[abbr][0]}\t({new[abbr][1]} times, {new[abbr][2]} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
