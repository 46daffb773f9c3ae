"""The cache's size against the episodes it serves, and what it costs in time, before and
after a change, in one run.

Both versions of vnmedia — this tree and an earlier commit (``--baseline``, checked out
with ``git worktree`` into a temporary folder) — build the corpus articles with espeak in
child processes, one after the other: a cold build, a warm rerun (nothing changed: no clip
is read), and a rebuild after a setting changed (new pauses: every clip is read back from
the cache). Reported: seconds of each, and the cache's bytes per byte of episodes.

    .venv/bin/python bench/bench_cache.py [--baseline REV] [--corpus DIR] [--voice gtts]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"

CHILD = r"""
import json, sys, time
from pathlib import Path
from vnmedia import build, load_settings
inputs, output, pause, voice = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if voice == "gtts":
    # Google's voice, faked at the HTTP layer (gTTS's own code runs): each text spoken by
    # espeak and sent as a 32 kbps MP3 at 24 kHz, as Google sends it.
    import base64, json as j, subprocess, responses
    from urllib.parse import parse_qs
    try:
        from vnmedia.codec import ffmpeg_path
    except ImportError:  # an older tree
        from vnmedia.audio.codec import ffmpeg_path
    from vnmedia.engines import tts_engines
    from vnmedia.settings import Settings
    espeak = tts_engines.create("espeak", Settings())
    def reply(request):
        text = j.loads(j.loads(parse_qs(request.body)["f.req"][0])[0][0][1])[0]
        pcm = espeak.synthesize(text, "vi").pcm
        mp3 = subprocess.run([ffmpeg_path(), "-loglevel", "error", "-f", "s16le", "-ar", "22050",
                              "-ac", "1", "-i", "pipe:0", "-ar", "24000", "-b:a", "32k", "-f", "mp3",
                              "pipe:1"], input=pcm, capture_output=True, check=True).stdout
        body = base64.b64encode(mp3).decode()
        return 200, {}, ")]}'\n\n" + f'[["wrb.fr","jQ1olc","[\\"{body}\\"]",null,null,null,"generic"]]\n'
    mock = responses.RequestsMock(assert_all_requests_are_fired=False)
    mock.start()
    mock.add_callback(responses.POST, "https://translate.google.com/_/TranslateWebserverUi/data/batchexecute", callback=reply)
    import vnmedia.services
    vnmedia.services.google_reachable = lambda timeout: True
settings = load_settings(inputs=(inputs,), output=output, tts=voice, translator="none",
                         order="vi", jobs=1, executor="threads", pause_paragraph=pause,
                         rate=1000, config=None)
started = time.perf_counter()
report = build(settings)
seconds = time.perf_counter() - started
out = Path(output)
size = lambda folder: sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
print(json.dumps({"seconds": seconds, "episodes": size(out / "episodes"),
                  "cache": size(out / ".cache"), "clip_cache": size(out / ".cache" / "clip"),
                  "written": len(report.episodes_written)}))
"""


def run(src: Path, inputs: Path, output: Path, pause: int, voice: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(inputs), str(output), str(pause), voice],
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        cwd=output.parent,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(
    label: str, src: Path, inputs: Path, scratch: Path, voice: str
) -> dict[str, dict[str, float]]:
    output = scratch / label / voice / "out"
    output.parent.mkdir(parents=True)
    return {
        "cold": run(src, inputs, output, 900, voice),
        "warm": run(src, inputs, output, 900, voice),
        "rebuild": run(src, inputs, output, 950, voice),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default="HEAD~1", help="Earlier commit (default HEAD~1).")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--files", type=int, default=0, help="Only the first N corpus files.")
    parser.add_argument(
        "--voice", choices=("espeak", "gtts"), default="espeak",
        help="espeak, or gtts (Google faked at the HTTP layer, serving espeak speech as MP3)",
    )  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        if args.files:
            chosen = scratch / "corpus"
            chosen.mkdir()
            for path in sorted(args.corpus.glob("*.txt"))[: args.files]:
                (chosen / path.name).write_bytes(path.read_bytes())
            args.corpus = chosen
        old = scratch / "baseline"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), args.baseline],
            check=True,
            capture_output=True,
        )
        try:
            results = {
                f"before ({args.baseline})": measure(
                    "old", old / "src", args.corpus, scratch, args.voice
                ),
                "after (this tree)": measure("new", ROOT / "src", args.corpus, scratch, args.voice),
            }
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)])
    print(
        "| version | cold s | warm rerun s | rebuild from cache s | episodes MB | cache MB | cache / episodes |"
    )
    print("|---|---|---|---|---|---|---|")
    for label, runs in results.items():
        cold, warm, rebuild = runs["cold"], runs["warm"], runs["rebuild"]
        print(
            f"| {label} | {cold['seconds']:.1f} | {warm['seconds']:.2f} | {rebuild['seconds']:.1f} | "
            f"{cold['episodes'] / 1e6:.1f} | {cold['cache'] / 1e6:.1f} | "
            f"**{cold['cache'] / cold['episodes']:.2f}x** |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
