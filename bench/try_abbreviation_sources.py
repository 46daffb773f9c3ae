"""Two ways to read abbreviations no table holds, tried and not kept (issue 30, round 14).

    PYTHONPATH=src:bench .venv/bin/python bench/try_abbreviation_sources.py \
        --dictionary DICT --folder ../corpus/news-pool --folder ../corpus/news-pool2 ...

Of the blind sets' misses a fifth were abbreviations the acronyms rule spelled letter by
letter where a newsreader says them in full (``CSĐT``, ``MXH``, ``HĐTL``) or two-letter ones
read in the wrong sense (``HC`` a medal, not administration). Both ideas learn from the
corpus, as a newsreader learns from reading; this script measures each on ``unc/``, which
neither learns from:

1. **Neighbours.** Each sense of a short abbreviation (soe-vinorm 0.3.2's dictionary,
   ``--dictionary``: ``soe_vinorm/data/dictionaries/abbreviations.txt`` in its wheel, MIT) is
   written in full far more often than abbreviated, and the word just before or after the
   full phrase ("thủ tục hành chính", "giành huy chương") is the word beside the abbreviation.
   A word is kept for a sense when it stands beside that phrase 3 times or more and 4 times
   as often as beside the other senses' (plus one), and is no function word; an abbreviation
   is then read in the one sense whose word stands beside it. Measured: the ``unc/`` lines
   with one of the abbreviations whose spoken form this changes, printed to be read.
2. **Initials.** Every phrase of three to six syllables the corpus writes 3 times or more,
   by its initials (``MXH``: "mạng xã hội"), kept where one phrase has two thirds of the uses
   of those initials and is no part of a longer phrase (never 60 % of its uses inside one).
   Measured: what it says for the capitals with Đ (no foreign acronym or ticker has one)
   that the acronyms rule spells in ``unc/``, and for some abbreviations a newsreader knows.

Learned from ``unc-more/`` (less the fresh3 set's articles), ``articles/`` and the ``--folder``
batches (fitting material only: never a blind set's batch).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from mine_abbreviations import FRESH3_ARTICLES, documents

from vnmedia.text.abbreviations import _letter_fits, _marked, _syllable
from vnmedia.text.lexicon import Lexicon
from vnmedia.text.normalize import TextNormalizer, explain_readings

ROOT = Path(__file__).resolve().parents[1]
_WORD = r"[^\W\d_]+"
FUNCTION_WORDS = frozenset(
    """và của có các là trong được với cho một không đã khi những để tại này ở từ đó ra vào
    đến trên dưới về cũng theo nhiều sẽ như sau trước chỉ bị phải hơn lại nhất nhưng còn đây
    qua đang cùng rất cả nên rằng mà vì do tới vẫn mình tôi ông bà anh chị họ thì hay hoặc
    đi lên xuống nào gì ai bằng nếu vừa mới hết đều""".split()
)
"""Words of grammar, beside any noun: never the word that chooses a sense."""
KNOWN = ["MXH", "CSĐT", "LNTT", "TNGT", "ATGT", "ATTP", "GPMB", "CCCD", "KCN", "NVL"]
"""Abbreviations any newsreader knows, some of them blind misses: what the initials say."""


def corpus_texts(corpus: Path, folders: list[Path]) -> list[str]:
    exclude = {line.strip() for line in FRESH3_ARTICLES.read_text().splitlines() if line.strip()}
    texts = [text for _, text in documents(corpus, exclude)]
    for folder in folders:
        texts += [
            unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
            for path in sorted(folder.rglob("*.txt"))
        ]
    return texts


def senses(dictionary: Path) -> dict[str, list[str]]:
    """Each abbreviation of two or three letters and its senses whose initials spell it."""
    found: dict[str, list[str]] = defaultdict(list)
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        written, _, said = line.partition(":")
        if re.fullmatch(r"[A-ZĐ]{2,3}", written):
            for sense in said.split(","):
                words = sense.strip().lower().split()
                fits = len(words) == len(written) and all(map(_letter_fits, written, words))
                if fits and " ".join(words) not in found[written]:
                    found[written].append(" ".join(words))
    return dict(found)


def neighbour_words(lower: str, table: dict[str, list[str]]) -> dict[tuple[str, str], tuple]:
    """For each (abbreviation, sense), the words that choose it just before and just after."""
    beside = {}
    for written, options in table.items():
        counts = {}
        for sense in options:
            before, after = Counter(), Counter()
            for match in re.finditer(rf"(?<!\w){re.escape(sense)}(?!\w)", lower):
                left = re.search(rf"({_WORD}) $", lower[max(0, match.start() - 30) : match.start()])
                right = re.match(rf" ({_WORD})", lower[match.end() : match.end() + 30])
                before.update([left.group(1)] if left else [])
                after.update([right.group(1)] if right else [])
            if sum(before.values()) >= 20:  # the sense is written in full often enough
                counts[sense] = (before, after)
        for sense, sides in counts.items():
            kept = []
            for side in (0, 1):
                others = [counts[o][side] for o in counts if o != sense]
                kept.append(
                    {
                        word
                        for word, n in sides[side].items()
                        if n >= 3
                        and n >= 4 * (sum(o[word] for o in others) + 1)
                        and word not in FUNCTION_WORDS
                        and len(word) > 1
                    }
                )
            if any(kept):
                beside[written, sense] = tuple(kept)
    return beside


def read_by_neighbours(line: str, beside: dict[tuple[str, str], tuple]) -> str:
    """``line`` with each abbreviation the words beside it decide written as its sense."""
    by_written: dict[str, list] = defaultdict(list)
    for (written, sense), words in beside.items():
        by_written[written].append((sense, *words))
    names = "|".join(map(re.escape, sorted(by_written, key=len, reverse=True)))

    def chosen(match: re.Match[str]) -> str:
        left = re.search(rf"({_WORD}) $", line[max(0, match.start() - 30) : match.start()])
        right = re.match(rf" ({_WORD})", line[match.end() :])
        before = left.group(1).lower() if left else ""
        after = right.group(1).lower() if right else ""
        said = {s for s, b, a in by_written[match.group(1)] if before in b or after in a}
        return said.pop() if len(said) == 1 else match.group(0)

    return re.sub(rf"(?<![\w&/.-])({names})(?![\w&/.-])", chosen, line)


def initials_table(texts: list[str]) -> dict[str, tuple[str, int, int]]:
    """Initials → (the phrase, its uses, all uses of phrases with those initials)."""
    grams: Counter[str] = Counter()
    for text in texts:
        for piece in re.split(r"[^\w\s]|\d|\n", text.lower()):
            words = piece.split()
            shaped = [w.isalpha() and _syllable(w) for w in words]
            for i in range(len(words)):
                for k in range(3, 7):
                    if i + k > len(words) or not all(shaped[i : i + k]):
                        break
                    grams[" ".join(words[i : i + k])] += 1
    inside: Counter[str] = Counter()  # the most uses a phrase has inside one longer phrase
    for gram, n in grams.items():
        words = gram.split()
        if len(words) > 3 and n >= 3:
            for part in (" ".join(words[:-1]), " ".join(words[1:])):
                inside[part] = max(inside[part], n)
    by_initials: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for gram, n in grams.items():
        words = gram.split()
        whole = inside[gram] < 0.6 * n and words[0] not in FUNCTION_WORDS
        if n >= 3 and whole and words[-1] not in FUNCTION_WORDS and any(map(_marked, words)):
            key = "".join("Đ" if w[0] == "đ" else w[0].upper() for w in words)
            by_initials[key].append((n, gram))
    table = {}
    for key, options in by_initials.items():
        n, gram = max(options)
        total = sum(c for c, _ in options)
        if n >= 5 and 3 * n >= 2 * total:
            table[key] = (gram, n, total)
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionary", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--folder", type=Path, action="append", default=[])
    args = parser.parse_args()
    texts = corpus_texts(args.corpus, args.folder)
    held_out = [
        line
        for path in sorted((args.corpus / "unc").glob("*.txt"))
        for line in unicodedata.normalize("NFC", path.read_text(encoding="utf-8")).splitlines()
    ]
    normalizer = TextNormalizer()

    table = senses(args.dictionary)
    beside = neighbour_words("\n".join(texts).lower(), table)
    names = re.compile(r"(?<![\w&/.-])(" + "|".join(sorted({w for w, _ in beside})) + r")\b")
    lines = [line for line in held_out if names.search(line)]
    changed = [
        (line, now, new)
        for line in lines
        if (now := normalizer.normalize(line, "vi"))
        != (new := normalizer.normalize(read_by_neighbours(line, beside), "vi"))
    ]
    print(
        f"1. neighbours: {len(texts)} texts, {len(beside)} senses of"
        f" {len({w for w, _ in beside})} abbreviations; unc/: {len(lines)} lines with one of"
        f" them, {len(changed)} spoken differently (read them):"
    )
    for _, now, new in changed:
        old_words, new_words = now.split(), new.split()
        pairs = zip(old_words, new_words, strict=False)
        at = next((i for i, (a, b) in enumerate(pairs) if a != b), 0)
        print(f"   - {' '.join(old_words[max(0, at - 4) : at + 4])}")
        print(f"   + {' '.join(new_words[max(0, at - 4) : at + 4])}")

    initials = initials_table(texts)
    spelled = Counter()
    for line in held_out:
        for token in re.findall(r"(?<![\w&/.-])([A-ZĐ]*Đ[A-ZĐ]*)(?![\w&/-])", line):
            if len(token) >= 3 and token not in spelled:
                steps = {r.written: r.rule for r in explain_readings(normalizer, Lexicon(), line)}
                spelled[token] = steps.get(token) == "acronyms"
    print(
        f"2. initials: {len(initials)} initials kept; unc/: {len(spelled)} capitals with Đ,"
        f" {sum(spelled.values())} spelled by the acronyms rule:"
    )
    for token in [t for t, s in spelled.items() if s] + KNOWN:
        print(f"   {token:<8} {initials.get(token, ('(none)', 0, 0))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
