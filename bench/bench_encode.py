"""MP3 encoding: time and speech quality of each LAME quality level, in one run.

The corpus articles are spoken with espeak (the offline voice, as ``vnmedia build`` speaks
them), one PCM stream per article, and each stream is encoded by ffmpeg's libmp3lame at
64 kbps CBR mono — at ffmpeg's default and at every ``-compression_level`` (LAME's ``-q``,
0 slowest … 9 fastest) — exactly as ``audio/codec.py`` encodes an episode (PCM through a
pipe, the MP3 to a file, with its Info tag). Each MP3 is decoded again (ffmpeg drops the
encoder delay the Info tag records; the rest is checked by cross-correlation) and scored
against its clean PCM with PESQ wide band (ITU-T P.862.2, the ``pesq`` package) on 10 s
windows resampled to 16 kHz.

    .venv/bin/python bench/bench_encode.py [--articles 8]

No neural voice can be made here (no Vietnamese voice model ships in a registry package:
DESIGN.md), so the scores are for espeak's speech only.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from math import gcd
from pathlib import Path

import numpy as np
from pesq import pesq
from scipy.signal import resample_poly

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_scale import CORPUS, spoken_articles  # noqa: E402

from vnmedia.codec import ffmpeg_path  # noqa: E402
from vnmedia.engines import tts_engines  # noqa: E402
from vnmedia.settings import Settings  # noqa: E402

LEVELS: list[int | None] = [None, *range(10)]
"""``None``: ffmpeg's default (no ``-compression_level``)."""
WINDOW_S = 10
PESQ_RATE = 16000


def encode(pcm: bytes, rate: int, path: Path, level: int | None) -> float:
    """Encode as ``audio/codec.py`` does; returns the seconds it took."""
    quality = [] if level is None else ["-compression_level", str(level)]
    command = [
        ffmpeg_path(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
        "-codec:a", "libmp3lame", "-b:a", "64k", *quality, "-f", "mp3", str(path),
    ]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, input=pcm, check=True, capture_output=True)
    return time.perf_counter() - started


def decode(path: Path, rate: int) -> np.ndarray:
    command = [
        ffmpeg_path(), "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(path),
        "-f", "s16le", "-ac", "1", "-ar", str(rate), "pipe:1",
    ]  # fmt: skip
    return np.frombuffer(subprocess.run(command, check=True, capture_output=True).stdout, "<i2")


def aligned(reference: np.ndarray, decoded: np.ndarray) -> np.ndarray:
    """``decoded`` shifted onto ``reference`` (the lag of best cross-correlation, ±50 ms)."""
    span = min(len(reference), len(decoded), 200_000)
    ref = reference[:span].astype(np.float64)
    dec = decoded[:span].astype(np.float64)
    limit = 1100
    lags = range(-limit, limit + 1, 1)
    best = max(
        lags,
        key=lambda lag: float(np.dot(ref[limit:-limit], dec[limit + lag : span - limit + lag])),
    )
    shifted = decoded[best:] if best >= 0 else np.concatenate([np.zeros(-best, np.int16), decoded])
    out = np.zeros(len(reference), np.int16)
    out[: min(len(reference), len(shifted))] = shifted[: len(reference)]
    return out


def pesq_wb(reference: np.ndarray, decoded: np.ndarray, rate: int) -> list[float]:
    factor = gcd(PESQ_RATE, rate)
    ref = resample_poly(reference.astype(np.float64), PESQ_RATE // factor, rate // factor)
    deg = resample_poly(decoded.astype(np.float64), PESQ_RATE // factor, rate // factor)
    window = WINDOW_S * PESQ_RATE
    scores = []
    for start in range(0, len(ref) - window // 2, window):
        a, b = ref[start : start + window], deg[start : start + window]
        if np.abs(a).max() < 100:
            continue  # silence: nothing to score
        scores.append(pesq(PESQ_RATE, a / 32768, b / 32768, "wb"))
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=8, help="Corpus articles (default 8).")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    engine = tts_engines.create("espeak", Settings())
    rate = engine.native_rate
    streams = [
        b"".join(engine.synthesize(text, "vi").pcm for text in texts)
        for texts in spoken_articles(args.corpus)[: args.articles]
    ]
    minutes = sum(len(s) for s in streams) / 2 / rate / 60
    print(
        f"{len(streams)} articles, {minutes:.1f} min of espeak speech at {rate} Hz, 64 kbps CBR mono\n"
    )
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for level in LEVELS:
            seconds, scores = 0.0, []
            for number, pcm in enumerate(streams):
                path = Path(scratch) / f"{number}-{level}.mp3"
                seconds += encode(pcm, rate, path, level)
                reference = np.frombuffer(pcm, "<i2")
                scores += pesq_wb(reference, aligned(reference, decode(path, rate)), rate)
            rows.append((level, seconds, float(np.mean(scores)), float(np.min(scores))))
    default_seconds = rows[0][1]
    best = max(r[2] for r in rows)
    print("| LAME level | encode s | vs default | PESQ-wb mean | PESQ-wb worst window |")
    print("|---|---|---|---|---|")
    for level, seconds, mean, worst in rows:
        name = "ffmpeg default" if level is None else str(level)
        print(
            f"| {name} | {seconds:.2f} | {seconds / default_seconds:.2f}x | {mean:.3f} | {worst:.3f} |"
        )
    eligible = [r for r in rows if r[0] is not None and r[2] >= best - 0.05]
    fastest = min(eligible, key=lambda r: r[1])
    print(
        f"\nbest mean PESQ-wb {best:.3f}; fastest level within 0.05 of it: {fastest[0]} "
        f"({fastest[1] / default_seconds:.2f}x the default's time, PESQ-wb {fastest[2]:.3f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
