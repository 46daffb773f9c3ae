"""Loudness and true peaks of real episodes, read back by ffmpeg's own meter.

    .venv/bin/python bench/bench_loudness.py [--corpus ../shared/corpus/articles]
                                             [--against COMMIT]

Builds every corpus file with espeak (cold, no cache), then measures each MP3 with ffmpeg's
``ebur128=peak=true`` filter: integrated loudness (goal -16 LUFS) and true peak (goal at
most -1 dBTP). ``--against COMMIT`` builds the same files with that commit's code (a git
worktree, run with this environment) so the two can be compared in one run; espeak is not
deterministic to the sample, so a few hundredths of a LU between two builds is noise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"

BUILD = """
import sys
from vnmedia import build, load_settings
s = load_settings(inputs=(sys.argv[1],), output=sys.argv[2], tts="espeak", translator="none",
                  order="vi", no_cache=True, jobs=2)
build(s)
"""


def build_with(source: Path, inputs: Path, output: Path) -> None:
    """Build ``inputs`` with the vnmedia package found in ``source`` (a ``src`` folder)."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    subprocess.run([sys.executable, "-c", BUILD, str(inputs), str(output)], env=env, check=True)


def measure(mp3: Path) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) of an MP3, by ffmpeg's ebur128 filter."""
    from vnmedia.codec import ffmpeg_path

    run = subprocess.run(
        [ffmpeg_path(), "-nostats", "-i", str(mp3), "-af", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True,
        encoding="utf-8",
        errors="replace",  # the tags ffmpeg prints may be cut mid-character
        check=True,
    )
    summary = run.stderr[run.stderr.rindex("Summary:") :].split()
    integrated = float(summary[summary.index("I:") + 1])
    peak = float(summary[summary.index("Peak:") + 1])
    return integrated, peak


def report(name: str, output: Path) -> None:
    figures = [measure(mp3) for mp3 in sorted((output / "episodes").glob("*.mp3"))]
    loudness = [i for i, _ in figures]
    peaks = [p for _, p in figures]
    print(
        f"{name:<10} {len(figures)} episodes: integrated {min(loudness):.2f} to "
        f"{max(loudness):.2f} LUFS (mean {statistics.mean(loudness):.2f}, mean |error| "
        f"{statistics.mean(abs(v + 16) for v in loudness):.2f} LU); true peak at most "
        f"{max(peaks):.2f} dBTP; over -1 dBTP: {sum(p > -1.0 for p in peaks)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--against", help="a commit to compare with, built in the same run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        builds = [("this tree", ROOT / "src")]
        if args.against:
            tree = scratch / "against"
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.against],
                check=True,
                capture_output=True,
            )
            builds.append((args.against[:10], tree / "src"))
        try:
            for name, source in builds:
                output = scratch / f"out-{len(name)}-{abs(hash(name))}"
                build_with(source, args.corpus, output)
                report(name, output)
        finally:
            if args.against:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                    check=False,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
