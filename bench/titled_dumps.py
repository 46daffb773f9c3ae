"""Held-out titled dumps: `unc-more/` articles the boundary model is never fitted on, each
with its title line, run together as producers' dump files are; and their scores.

    .venv/bin/python bench/titled_dumps.py make [--out output/titled-dumps] [--files 300]
                                                [--seed 36]
    .venv/bin/python bench/titled_dumps.py score [--dumps output/titled-dumps]
                                                 [--before REV] [--model JSON] [--verbose]

Which articles: those of ``shared/corpus/unc-more`` in its ``test`` half (``part_of`` in
bench_articles.py, a fixed hash of the name), which ``fit_boundaries.py`` never reads
(it fits on ``unc/`` and on ``unc-more``'s ``fit`` half only). ``unc-more`` keeps 7 real
title lines; every other article gets its title back from its URL slug
(``restored_titles.py``: the words and diacritics, not the punctuation).

``make`` writes each dump as ``dump-NNN.txt`` and ``starts.json`` (for each file, the
1-based line where each article starts, and the articles' names): any folder laid out so
(dumps made elsewhere, by hand, from other sources) can be scored with ``score``.

``score`` reads every dump with vnmedia's reader and reports start precision, recall, F1
and files read with the right number of articles (a start counts on its line or up to two
lines later, as in bench_articles.py), then single articles kept whole: each held-out
article alone, with its title. ``--before REV`` scores the same files with the code and
model of a git revision too (exported to a temporary folder), in the same run; ``--model``
scores this checkout with another fitted model (``fit_boundaries.py --out``) as well.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_articles import ROOT, Sample, Score, compose, load, vnmedia_reader  # noqa: E402
from restored_titles import with_titles  # noqa: E402

UNC_MORE = ROOT.parent / "shared" / "corpus" / "unc-more"
HELD_OUT = "test"
"""The half of ``unc-more`` kept for this report (never fitted on)."""
DUMPS = ROOT / "output" / "titled-dumps"


def held_out_articles(corpus: Path = UNC_MORE):
    """The held-out articles, each with its real or restored title line."""
    return with_titles(load(corpus, HELD_OUT), corpus)


def make(out: Path, files: int, seed: int) -> None:
    docs = held_out_articles()
    rng = random.Random(f"titled-dumps-{seed}")
    out.mkdir(parents=True, exist_ok=True)
    labels = {}
    for number in range(1, files + 1):
        sample = compose(docs, rng)
        name = f"dump-{number:03}.txt"
        (out / name).write_text(sample.text, encoding="utf-8")
        labels[name] = {"starts": list(sample.starts), "articles": list(sample.names)}
    (out / "starts.json").write_text(json.dumps(labels, indent=1) + "\n", encoding="utf-8")
    print(f"{files} dumps of {len(docs)} held-out articles written to {out}")


def score(dumps: Path, verbose: bool) -> dict[str, float]:
    labels = json.loads((dumps / "starts.json").read_text(encoding="utf-8"))
    titled = Score()
    for name, label in sorted(labels.items()):
        text = (dumps / name).read_text(encoding="utf-8")
        sample = Sample(text, tuple(label["starts"]), tuple(label["articles"]))
        found = vnmedia_reader(text)
        missed, wrong = titled.add(sample, found)
        if verbose and (missed or wrong):
            lines = text.splitlines()
            print(f"{name} ({' + '.join(sample.names)}): {len(found)} found")
            for kind, where in (("missed", missed), ("wrong ", wrong)):
                for line in where:
                    print(f"    {kind} {line}: {lines[line - 1][:100]}")
    singles = Score()
    for doc in held_out_articles():
        text = "\n".join(doc.lines) + "\n"
        singles.add(Sample(text, (1,), (doc.name,)), vnmedia_reader(text))
    return {
        "files": titled.files,
        "starts": titled.true,
        "precision": titled.precision,
        "recall": titled.recall,
        "f1": titled.f1,
        "exact": titled.exact / titled.files if titled.files else 0.0,
        "singles": singles.files,
        "singles_whole": singles.exact / singles.files if singles.files else 0.0,
    }


def score_at(dumps: Path, revision: str | None = None, model: Path | None = None):
    """The scores with the code of ``revision`` (else of this checkout), and its model or
    the one in ``model`` (``fit_boundaries.py --out``), run in a child process."""
    with tempfile.TemporaryDirectory() as folder:
        if revision:
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", revision, "src"],
                capture_output=True,
                check=True,
            )
            subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        else:
            shutil.copytree(ROOT / "src", Path(folder) / "src")
        if model:
            shutil.copy(model, Path(folder) / "src" / "vnmedia" / "data" / "boundaries.json")
        env = {**os.environ, "PYTHONPATH": f"{folder}/src"}
        done = subprocess.run(
            [sys.executable, __file__, "score", "--dumps", str(dumps), "--json"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
    return json.loads(done.stdout.splitlines()[-1])


def show(label: str, s: dict[str, float]) -> None:
    print(
        f"{label:<10}{s['files']:>6.0f}{s['starts']:>8.0f}{s['precision']:>11.1%}"
        f"{s['recall']:>8.1%}{s['f1']:>7.3f}{s['exact']:>8.1%}{s['singles_whole']:>10.1%}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    making = commands.add_parser("make", help="write the held-out dumps and their starts")
    making.add_argument("--out", type=Path, default=DUMPS)
    making.add_argument("--files", type=int, default=300)
    making.add_argument("--seed", type=int, default=36)
    scoring = commands.add_parser("score", help="score vnmedia's reader on a folder of dumps")
    scoring.add_argument("--dumps", type=Path, default=DUMPS)
    scoring.add_argument("--before", help="also score the code and model of this git revision")
    scoring.add_argument(
        "--model", type=Path, help="also score this checkout with this model (a refit's JSON)"
    )
    scoring.add_argument("--verbose", action="store_true", help="list each missed/wrong start")
    scoring.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not (UNC_MORE / "index.tsv").is_file():
        print(f"{UNC_MORE}/index.tsv not found", file=sys.stderr)
        return 1
    if args.command == "make":
        make(args.out, args.files, args.seed)
        return 0
    if not (args.dumps / "starts.json").is_file():
        print(f"no {args.dumps}/starts.json: run `make` first", file=sys.stderr)
        return 1
    now = score(args.dumps, args.verbose)
    if args.json:
        print(json.dumps(now))
        return 0
    print(
        f"{'':<10}{'files':>6}{'starts':>8}{'precision':>11}{'recall':>8}{'F1':>7}"
        f"{'exact':>8}{'singles':>10}"
    )
    if args.before:
        show(args.before[:10], score_at(args.dumps, revision=args.before))
    show("now", now)
    if args.model:
        show(args.model.stem[:10], score_at(args.dumps, model=args.model))
    return 0


if __name__ == "__main__":
    sys.exit(main())
