"""Benchmark: where articles start, on real Dân Trí articles run together in random orders.

    .venv/bin/python bench/bench_articles.py [--corpus ../shared/corpus/unc] [--part test]
                                             [--files 300] [--seed 1] [--verbose]

``shared/corpus/unc/`` holds 400 Dân Trí articles, one per file; ``index.tsv`` says which 60
keep their title line. Articles put one after the other (no blank line between them, as
crawled exports are) make multi-article files whose article starts are known. Four kinds:

- ``titled``: 2-5 of the 60 articles that have their title line;
- ``crawled``: 2-5 of any articles, as the crawler left them (most start with the lead, a
  photo caption or a subheading, not a title);
- ``topic``: 2-5 articles of one topic (``index.tsv``), so the vocabulary changes little
  from one to the next, as in a producer's file of related stories;
- ``restored``: 2-5 of any articles, each with its title line: the real one, or the one
  restored from its URL slug (``restored_titles.py``). A larger titled set than ``titled``
  (every article of the half, not 28-32), though without the punctuation real titles have;
- ``single``: every article on its own, which must stay one article.

Each multi-article file is laid out in one of ``STYLES`` (as crawled, titles with a full
stop, blank lines between paragraphs, a repeated lead), so the reader is measured on the
shapes real exports take, not on one.

A found start counts when it falls on an article's first line or within the next two
(where a leading caption or subheading was dropped). Starts are scored inside files (the
start of the file itself is free). Articles are divided into two fixed halves by a hash of
their name: the boundary model is fitted on ``fit`` (bench/fit_boundaries.py) and
reported on ``test``, which it never saw.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "unc"
TOLERANCE = 2
"""A start may be found up to this many lines late (a dropped caption or subheading)."""


@dataclass(frozen=True)
class Doc:
    """One corpus article: its lines and whether the first is the title."""

    name: str
    lines: tuple[str, ...]
    titled: bool
    topic: str = ""
    corpus: Path = CORPUS
    """The folder it came from (its ``index.tsv`` has its title slug)."""


@dataclass(frozen=True)
class Sample:
    """A file made of articles run together, with the 1-based line where each starts."""

    text: str
    starts: tuple[int, ...]
    names: tuple[str, ...]


def part_of(name: str) -> str:
    """``fit`` or ``test``: a fixed half of the corpus, by a hash of the article's name."""
    return "fit" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "test"


def load(corpus: Path, part: str | None = None) -> list[Doc]:
    """The corpus articles (of one half, when ``part`` is given), in name order."""
    titled: dict[str, bool] = {}
    topics: dict[str, str] = {}
    for row in (corpus / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        fields = row.split("\t")
        titled[fields[0]] = fields[-1] == "true"
        topics[fields[0]] = fields[1]
    docs = []
    for name in sorted(titled):
        if part and part_of(name) != part:
            continue
        text = (corpus / f"{name}.txt").read_text(encoding="utf-8")
        lines = tuple(line for line in text.splitlines() if line.strip())
        docs.append(Doc(name, lines, titled[name], topics[name], corpus))
    return docs


STYLES = ("plain", "plain", "dotted", "blank", "repeated")
"""How a made-up file is laid out, drawn per file: as the corpus is; titles ending with a
full stop (sentence-split exports); a blank line after every paragraph; or the lead printed
twice after the title (the repeated sapo of many exports)."""


def compose(docs: list[Doc], rng: random.Random) -> Sample:
    """2-5 different articles of ``docs`` run together, laid out in one of ``STYLES``."""
    chosen = rng.sample(docs, rng.randint(2, min(5, len(docs))))
    style = rng.choice(STYLES)
    lines: list[str] = []
    starts: list[int] = []
    for doc in chosen:
        body = list(doc.lines)
        if doc.titled and style == "dotted":
            body[0] = body[0].rstrip() + "."
        if doc.titled and style == "repeated" and len(body) > 2:
            body.insert(2, body[1])
        starts.append(len(lines) + 1)
        for line in body:
            lines.append(line)
            if style == "blank":
                lines.append("")
    return Sample("\n".join(lines) + "\n", tuple(starts), tuple(d.name for d in chosen))


def samples(docs: list[Doc], kind: str, count: int, seed: int) -> list[Sample]:
    """``count`` files of one kind (see the module's docstring)."""
    if kind == "single":
        return [Sample("\n".join(d.lines) + "\n", (1,), (d.name,)) for d in docs]
    rng = random.Random(f"{kind}-{seed}")
    if kind == "topic":  # one topic's articles: the vocabulary barely changes between them
        topics = sorted({d.topic for d in docs})
        made = []
        for _ in range(count):
            topic = rng.choice(topics)
            made.append(compose([d for d in docs if d.topic == topic], rng))
        return made
    if kind == "restored":
        from restored_titles import with_titles

        titled = with_titles(docs)
        return [compose(titled, rng) for _ in range(count)]
    pool = [d for d in docs if d.titled] if kind == "titled" else docs
    return [compose(pool, rng) for _ in range(count)]


KINDS = ("titled", "crawled", "topic", "restored", "single")

Reader = Callable[[str], list[int]]
"""Text → the 1-based line where each article it finds starts."""


def vnmedia_reader(text: str) -> list[int]:
    from vnmedia.text.split import split_articles

    return [article.line for article in split_articles(text, source="bench")]


@dataclass
class Score:
    """Start precision/recall/F1 inside files, and files with the exact article count."""

    found: int = 0
    true: int = 0
    matched: int = 0
    files: int = 0
    exact: int = 0

    def add(self, sample: Sample, found_starts: list[int]) -> tuple[list[int], list[int]]:
        """Score one file; returns the missed and the wrong starts."""
        wanted = [s for s in sample.starts if s > 1]
        found = sorted(s for s in found_starts[1:] if s > 1)
        missed = list(wanted)
        wrong = []
        for start in found:
            hit = next((w for w in missed if w <= start <= w + TOLERANCE), None)
            if hit is None:
                wrong.append(start)
            else:
                missed.remove(hit)
        self.found += len(found)
        self.true += len(wanted)
        self.matched += len(wanted) - len(missed)
        self.files += 1
        self.exact += len(found_starts) == len(sample.starts)
        return missed, wrong

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.true if self.true else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(
    reader: Reader,
    docs: list[Doc],
    *,
    count: int = 300,
    seed: int = 1,
    verbose: bool = False,
    kinds: tuple[str, ...] = KINDS,
) -> dict[str, Score]:
    """Scores per kind of file."""
    scores = {}
    for kind in kinds:
        score = Score()
        for sample in samples(docs, kind, count, seed):
            found = reader(sample.text)
            missed, wrong = score.add(sample, found)
            if verbose and (missed or wrong or len(found) != len(sample.starts)):
                lines = sample.text.splitlines()
                print(f"[{kind}] {' + '.join(sample.names)}: {len(found)} found")
                for line in missed:
                    print(f"    missed {line}: {lines[line - 1][:90]}")
                for line in wrong:
                    print(f"    wrong  {line}: {lines[line - 1][:90]}")
        scores[kind] = score
    return scores


def report(scores: dict[str, Score]) -> None:
    print(
        f"{'kind':<9}{'files':>6}{'starts':>8}{'precision':>11}{'recall':>8}{'F1':>7}{'exact':>8}"
    )
    for kind, s in scores.items():
        exact = s.exact / s.files if s.files else 0.0
        if kind == "single":
            print(
                f"{kind:<9}{s.files:>6}{'-':>8}{'-':>11}{'-':>8}{'-':>7}{exact:>8.1%}  (kept whole)"
            )
        else:
            print(
                f"{kind:<9}{s.files:>6}{s.true:>8}{s.precision:>11.1%}{s.recall:>8.1%}"
                f"{s.f1:>7.3f}{exact:>8.1%}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--part", choices=["fit", "test", "all"], default="test")
    parser.add_argument("--files", type=int, default=300, help="multi-article files per kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--kinds",
        default=",".join(KINDS),
        help="kinds of file to make (unc-more has 7 titled articles: leave out 'titled')",
    )
    args = parser.parse_args()
    if not (args.corpus / "index.tsv").is_file():
        print(f"{args.corpus}/index.tsv not found", file=sys.stderr)
        return 1
    docs = load(args.corpus, None if args.part == "all" else args.part)
    started = time.perf_counter()
    kinds = tuple(args.kinds.split(","))
    scores = evaluate(
        vnmedia_reader, docs, count=args.files, seed=args.seed, verbose=args.verbose, kinds=kinds
    )
    seconds = time.perf_counter() - started
    print(f"part: {args.part} ({len(docs)} articles, {sum(d.titled for d in docs)} titled)")
    report(scores)
    print(f"read in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
