"""Even loudness: every episode at -16 LUFS integrated, true peak at most -1 dBTP.

Measured on the PCM vnmedia already holds (ITU-R BS.1770 via pyloudnorm), and applied as
plain gain plus a look-ahead peak limiter in numpy, so the one MP3 encode writes the final
audio. ffmpeg's two-pass ``loudnorm`` reaches the same target but costs four times the rest
of the build (DESIGN.md). The two voices come from different engines, so each language is
first levelled to the target on its own; then the episode is mastered as a whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from .models import Clip

TARGET_LUFS = -16.0
PEAK_CEILING_DBFS = -2.5
"""Sample-peak ceiling of the limiter; leaves room for inter-sample and MP3 overshoot so
the true peak of the encoded file stays under -1 dBTP."""
LOOKAHEAD_MS = 5.0
RELEASE_MS = 60.0
MASTER_ROUNDS = 4
MIN_MEASURABLE_MS = 400
"""BS.1770 gating blocks are 400 ms: shorter audio has no measurable loudness."""

Samples = NDArray[np.float64]


def to_float(pcm: bytes) -> Samples:
    """16-bit PCM → float samples in [-1, 1)."""
    return np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0


def to_pcm(samples: Samples) -> bytes:
    """Float samples → 16-bit PCM (clipped, rounded)."""
    return bytes(np.clip(np.round(samples * 32768.0), -32768, 32767).astype("<i2").tobytes())


def integrated_loudness(samples: Samples, rate: int) -> float | None:
    """Integrated loudness in LUFS, or ``None`` for audio too short or too quiet to measure."""
    import pyloudnorm

    if len(samples) < rate * MIN_MEASURABLE_MS // 1000:
        return None
    value = float(pyloudnorm.Meter(rate).integrated_loudness(samples))
    return value if np.isfinite(value) else None


def level_languages(clips: Sequence[Clip | None], langs: Sequence[str]) -> list[Clip | None]:
    """The clips with one gain per language, so both voices sit at the target loudness."""
    by_lang: dict[str, list[int]] = {}
    for index, (clip, lang) in enumerate(zip(clips, langs, strict=True)):
        if clip is not None:
            by_lang.setdefault(lang, []).append(index)
    levelled = list(clips)
    for indexes in by_lang.values():
        rate = clips[indexes[0]].sample_rate  # type: ignore[union-attr]
        joined = to_float(b"".join(clips[i].pcm for i in indexes))  # type: ignore[union-attr]
        loudness = integrated_loudness(joined, rate)
        if loudness is None:
            continue
        gain = 10 ** ((TARGET_LUFS - loudness) / 20)
        for i in indexes:
            clip = clips[i]
            assert clip is not None
            levelled[i] = replace(clip, pcm=to_pcm(to_float(clip.pcm) * gain))
    return levelled


def limit(samples: Samples, rate: int, ceiling_dbfs: float = PEAK_CEILING_DBFS) -> Samples:
    """A look-ahead brick-wall limiter: no sample above the ceiling, gain changes smoothed.

    The gain curve is computed on 1 ms blocks (peaks per block), which keeps the limiter
    cheap on hours of audio; the smoothed curve changes too little from one block to the
    next to be heard as steps.
    """
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    ceiling = 10 ** (ceiling_dbfs / 20)
    block = max(1, rate // 1000)
    count = -(-len(samples) // block)
    blocks = np.zeros(count * block, dtype=np.float32)
    blocks[: len(samples)] = samples
    shaped = blocks.reshape(count, block)
    peaks = np.maximum(np.abs(shaped).max(axis=1), 1e-9)
    needed = np.minimum(1.0, ceiling / peaks)
    if needed.min() >= 1.0:
        return samples
    # Hold the lowest gain needed around every peak (look-ahead and release), then smooth
    # the curve so the limiter does not click; the hold stays under the smoothed curve.
    held = minimum_filter1d(needed, size=int(2 * LOOKAHEAD_MS + RELEASE_MS))
    gain_blocks = np.minimum(uniform_filter1d(held, size=int(LOOKAHEAD_MS)), held)
    shaped *= gain_blocks.astype(np.float32)[:, None]
    np.clip(blocks, -ceiling, ceiling, out=blocks)
    return blocks[: len(samples)].astype(np.float64)


def master(pcm: bytes, rate: int) -> bytes:
    """The episode at the target loudness with peaks under the ceiling.

    Limiting takes loudness off peaky voices (espeak), so the gain before the limiter is
    found by a secant search on "loudness after limiting", starting from the levelled
    episode (already near the target): usually two or three measurements.
    """
    original = to_float(pcm)

    def attempt(gain_db: float) -> tuple[Samples, float | None]:
        limited = limit(original * 10 ** (gain_db / 20), rate)
        return limited, integrated_loudness(limited, rate)

    gains: list[float] = [0.0]
    samples, loudness = attempt(0.0)
    levels: list[float] = []
    for _ in range(MASTER_ROUNDS):
        if loudness is None or abs(loudness - TARGET_LUFS) <= 0.3:
            break
        levels.append(loudness)
        if len(levels) < 2 or levels[-1] == levels[-2]:
            step = (TARGET_LUFS - loudness) * 1.5  # the limiter will eat some of it
        else:
            slope = (levels[-1] - levels[-2]) / (gains[-1] - gains[-2])
            step = (TARGET_LUFS - loudness) / max(slope, 0.1)
        gains.append(gains[-1] + step)
        samples, loudness = attempt(gains[-1])
    return to_pcm(samples)
