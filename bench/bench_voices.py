"""Benchmark: what each voice that runs here costs per minute of speech, and what --speed costs.

    .venv/bin/python bench/bench_voices.py [--corpus ../shared/corpus/articles] [--paragraphs 40]

Speaks the first paragraphs of the corpus (their spoken forms) with each engine that runs on
this machine and reports seconds of work per minute of speech produced:

- ``espeak``: the real engine (libespeak-ng through ctypes);
- ``edge``: the real edge-tts client against the local fake service of the tests
  (tests/fake_edge.py) — a plumbing figure (client, socket, MP3 decode), not the service's
  speed, which depends on Microsoft;
- ``piper``: the real onnxruntime code on the tests' tiny voice (tests/tiny_piper.py) — a
  plumbing figure (phonemes, ids, session, PCM), not a real voice's speed;
- ``atempo``: time-stretching espeak's clips to 1.25x with ffmpeg (what ``--speed`` costs an
  engine without a rate of its own), per minute of input audio.

All figures are ratios measured in one run (the machine is shared; seconds are context).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from vnmedia import load_settings  # noqa: E402
from vnmedia.codec import time_stretch  # noqa: E402
from vnmedia.engines import tts_engines  # noqa: E402
from vnmedia.models import Clip  # noqa: E402
from vnmedia.sources.files import read_articles  # noqa: E402
from vnmedia.text.normalize import TextNormalizer  # noqa: E402


def paragraphs(corpus: Path, count: int) -> list[str]:
    normalizer = TextNormalizer()
    texts = []
    for path in sorted(corpus.glob("*.txt")):
        for article in read_articles(path):
            texts.extend(normalizer.normalize(p.text, "vi") for p in article.paragraphs)
    return texts[:count]


def per_minute(seconds: float, clips: list[Clip]) -> float:
    """Seconds of work per minute of speech."""
    speech_ms = sum(c.duration_ms for c in clips)
    return seconds / (speech_ms / 60_000)


def speak_all(engine_name: str, texts: list[str], **settings: str) -> tuple[float, list[Clip]]:
    engine = tts_engines.create(engine_name, load_settings(**settings))
    started = time.perf_counter()
    clips = [engine.synthesize(text[: engine.max_chars], "vi") for text in texts]
    return time.perf_counter() - started, clips


def edge_through_fake(texts: list[str]) -> tuple[float, list[Clip]]:
    from fake_edge import edge_service

    with tempfile.TemporaryDirectory() as scratch, edge_service(Path(scratch)):
        return speak_all("edge", texts)


def piper_tiny(texts: list[str]) -> tuple[float, list[Clip]]:
    from tiny_piper import build_voice

    with tempfile.TemporaryDirectory() as scratch:
        model = build_voice(Path(scratch), sample_rate=22050)
        return speak_all("piper", texts, voice_model=f"vi={model}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "articles"
    )
    parser.add_argument("--paragraphs", type=int, default=40)
    args = parser.parse_args()
    texts = paragraphs(args.corpus, args.paragraphs)
    if not texts:
        print(f"no articles under {args.corpus}", file=sys.stderr)
        return 1
    rows = []
    espeak_seconds, espeak_clips = speak_all("espeak", texts)
    rows.append(("espeak", espeak_seconds, espeak_clips))
    started = time.perf_counter()
    for clip in espeak_clips:
        time_stretch(clip, 1.25)
    rows.append(("atempo 1.25x", time.perf_counter() - started, espeak_clips))
    try:
        piper_seconds, piper_clips = piper_tiny(texts)
        rows.append(("piper (tiny model)", piper_seconds, piper_clips))
    except ImportError as exc:
        print(f"piper skipped: {exc}")
    try:
        edge_seconds, edge_clips = edge_through_fake(texts)
        rows.append(("edge (fake service)", edge_seconds, edge_clips))
    except ImportError as exc:
        print(f"edge skipped: {exc}")
    minutes = sum(c.duration_ms for c in espeak_clips) / 60_000
    print(f"{len(texts)} paragraphs, {minutes:.1f} min of espeak speech")
    print(f"{'engine':<22}{'seconds':>9}{'s per min of speech':>22}{'vs espeak':>11}")
    base = per_minute(espeak_seconds, espeak_clips)
    for name, seconds, clips in rows:
        rate = per_minute(seconds, clips)
        print(f"{name:<22}{seconds:>9.2f}{rate:>22.2f}{rate / base:>10.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
