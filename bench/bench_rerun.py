"""Benchmark: cold build vs warm rerun vs one-paragraph edit, offline engines, corpus articles.

    .venv/bin/python bench/bench_rerun.py [--corpus ../shared/corpus/articles] [--jobs N]

Prints the three timings (best of --repeat runs each) and their ratios, measured in one run
on this machine. Ratios, not absolute seconds, are what to compare across machines.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from vnmedia import build, load_settings

ROOT = Path(__file__).resolve().parents[1]


def timed(settings) -> tuple[float, dict]:
    started = time.perf_counter()
    report = build(settings)
    return time.perf_counter() - started, report.to_dict()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "articles"
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus folder {args.corpus} not found: nothing to measure", file=sys.stderr)
        return 1

    cold, warm, edit = [], [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as scratch:
            inputs = Path(scratch) / "in"
            shutil.copytree(args.corpus, inputs)
            settings = load_settings(
                config=None,
                inputs=(str(inputs),),
                output=str(Path(scratch) / "out"),
                tts="espeak",
                translator="none",
                order="vi",
                jobs=args.jobs,
            )
            seconds, report = timed(settings)
            cold.append(seconds)
            episodes = len(report["episodes_written"])
            clips = report["engine_calls"].get("espeak", 0)

            seconds, report = timed(settings)
            warm.append(seconds)
            assert report["engine_calls"] == {} and not report["episodes_written"]

            # Edit one paragraph (a line of the first article file) and rebuild.
            first = sorted(inputs.glob("*.txt"))[0]
            lines = first.read_text(encoding="utf-8").splitlines()
            lines[2] = lines[2] + " Đoạn này vừa được biên tập lại."
            first.write_text("\n".join(lines) + "\n", encoding="utf-8")
            seconds, report = timed(settings)
            edit.append(seconds)
            edit_calls = report["engine_calls"].get("espeak", 0)

    best_cold, best_warm, best_edit = min(cold), min(warm), min(edit)
    print(
        f"corpus: {args.corpus} ({episodes} episodes, {clips} espeak calls cold), jobs={args.jobs}"
    )
    print(f"cold build          {best_cold:7.3f} s")
    print(
        f"warm rerun          {best_warm:7.3f} s   = {best_warm / best_cold:6.1%} of cold (0 engine calls)"
    )
    print(
        f"one-paragraph edit  {best_edit:7.3f} s   = {best_edit / best_cold:6.1%} of cold ({edit_calls} engine calls)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
