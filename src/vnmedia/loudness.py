"""Even loudness: every episode at -16 LUFS integrated, true peak at most -1 dBTP.

Measured on the PCM vnmedia already holds and applied as gain plus a look-ahead peak
limiter in numpy, so the one MP3 encode writes the final audio: ffmpeg's two-pass
``loudnorm`` reaches the same target but costs four times the rest of the build
(DESIGN.md). The two voices come from different engines, so each language is first
levelled to the target on its own; then the episode is mastered as a whole.

The meter is ITU-R BS.1770-4 (K-weighting, 400 ms blocks, absolute and relative gates),
computed on 1 ms blocks of K-weighted energy. Because the limiter also works on 1 ms
blocks, the loudness the episode *will* have after any gain and limiting can be computed
from those blocks without filtering the audio again: the right gain is found in a few
cheap steps, and the audio is touched once. (The tests check the result with ffmpeg's
ebur128 meter, and this meter against pyloudnorm.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .models import Clip

TARGET_LUFS = -16.0
PEAK_CEILING_DBFS = -3.5
"""Ceiling of the limiter on (estimated) true peaks. The 2.5 dB below -1 dBTP is room for
the MP3 encoder's overshoot: up to 1.8 dB at 64 kbit/s on espeak speech (measured here
over repeated builds; -2.5 dBFS let one in four episodes reach -0.7 dBTP)."""
LOOKAHEAD_MS = 5
RELEASE_MS = 60
SEARCH_STEPS = 8
TOLERANCE_LU = 0.1

Samples = NDArray[np.float32]
"""Audio as float32: twice as fast as float64 through the filters, and precise enough
for loudness (the result is written back as 16-bit PCM)."""


def to_float(pcm: bytes) -> Samples:
    """16-bit PCM → float samples in [-1, 1)."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    samples /= 32768.0
    return samples


def to_pcm(samples: Samples) -> bytes:
    """Float samples → 16-bit PCM (clipped, rounded)."""
    return bytes(np.clip(np.round(samples * 32768.0), -32768, 32767).astype("<i2").tobytes())


def _k_weighting(rate: int) -> NDArray[np.float32]:
    """The two BS.1770 K-weighting biquads (high shelf, high pass) for ``rate``, as SOS."""
    # Shelf: +4 dB above ~1.7 kHz; high pass at ~38 Hz (BS.1770's analogue prototypes).
    k = np.tan(np.pi * 1681.974450955533 / rate)
    q = 0.7071752369554196
    vh = 10 ** (3.999843853973347 / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = (
        [(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0],
        [1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0],
    )
    k = np.tan(np.pi * 38.13547087602444 / rate)
    q = 0.5003270373238773
    a0 = 1 + k / q + k * k
    highpass = ([1.0, -2.0, 1.0], [1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0])
    return np.array([[*b, *a] for b, a in (shelf, highpass)], dtype=np.float32)


@dataclass(frozen=True)
class _Blocks:
    """Audio summarized on 1 ms blocks: K-weighted energy and sample peak of each."""

    energy: NDArray[np.float64]
    peaks: NDArray[np.float64]
    size: int
    """Samples per block."""


def _blocks(samples: Samples, rate: int, *, with_peaks: bool = False) -> _Blocks:
    from scipy.signal import sosfilt

    size = max(1, rate // 1000)
    weighted = sosfilt(_k_weighting(rate), samples)
    count = -(-len(samples) // size)
    energy = _per_block(weighted**2, size, count).sum(axis=1).astype(np.float64)
    peaks = (
        _per_block(_true_peaks(samples), size, count).max(axis=1).astype(np.float64)
        if with_peaks
        else energy
    )
    return _Blocks(energy, peaks, size)


def _per_block(values: NDArray[Any], size: int, count: int) -> NDArray[Any]:
    """``values`` zero-padded to whole blocks, one row per block."""
    padded = np.zeros(count * size, dtype=values.dtype)
    padded[: len(values)] = values
    return padded.reshape(count, size)


def _true_peaks(samples: Samples) -> Samples:
    """Per-sample peak including the peak halfway to the next sample.

    Between two samples a band-limited signal can swing higher than either (inter-sample
    peaks: up to 2-3 dB on speech near the Nyquist frequency, measured here). The midpoint
    is estimated with 4-point cubic interpolation: cheap, and close to 4x oversampling.
    """
    x = samples
    peaks = np.abs(x)
    if len(x) >= 4:
        middle = x[1:-2] + x[2:-1]
        middle *= 9
        middle -= x[:-3]
        middle -= x[3:]
        np.abs(middle, out=middle)
        middle /= 16
        np.maximum(peaks[1:-2], middle, out=peaks[1:-2])
    return peaks


def _gated_loudness(energy: NDArray[np.float64], size: int, rate: int) -> float | None:
    """BS.1770 integrated loudness from 1 ms energies: 400 ms blocks, 75 % overlap."""
    per_step = 100  # 1 ms blocks in a 100 ms step
    steps = len(energy) // per_step
    if steps < 4:
        return None
    step_energy = energy[: steps * per_step].reshape(steps, per_step).sum(axis=1)
    window = step_energy[:-3] + step_energy[1:-2] + step_energy[2:-1] + step_energy[3:]
    mean_square = window / (4 * per_step * size)
    with np.errstate(divide="ignore"):
        levels = -0.691 + 10 * np.log10(mean_square)
    kept = mean_square[levels > -70.0]
    if not len(kept):
        return None
    relative_gate = -0.691 + 10 * np.log10(kept.mean()) - 10.0
    with np.errstate(divide="ignore"):
        kept = kept[-0.691 + 10 * np.log10(kept) > relative_gate]
    return float(-0.691 + 10 * np.log10(kept.mean()))


def integrated_loudness(samples: Samples, rate: int) -> float | None:
    """Integrated loudness in LUFS, or ``None`` for audio too short or silent to measure."""
    blocks = _blocks(samples, rate)
    return _gated_loudness(blocks.energy, blocks.size, rate)


def _limiter_gain(peaks: NDArray[Any], gain: float, ceiling_dbfs: float) -> NDArray[np.float64]:
    """Per-block limiter gain for audio whose block peaks are ``peaks * gain``."""
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    ceiling = 10 ** (ceiling_dbfs / 20)
    needed = np.minimum(1.0, ceiling / np.maximum(peaks * gain, 1e-9))
    if needed.min() >= 1.0:
        return needed
    # Hold the lowest gain needed around every peak (look-ahead and release), then smooth
    # the curve so the limiter does not click; the hold stays under the smoothed curve.
    held = minimum_filter1d(needed, size=2 * LOOKAHEAD_MS + RELEASE_MS)
    smoothed: NDArray[np.float64] = np.minimum(uniform_filter1d(held, size=LOOKAHEAD_MS), held)
    return smoothed


def limit(
    samples: Samples,
    rate: int,
    ceiling_dbfs: float = PEAK_CEILING_DBFS,
    block_peaks: NDArray[Any] | None = None,
) -> Samples:
    """A look-ahead brick-wall limiter on true peaks, with a smooth gain curve.

    The gain is decided per 1 ms block and ramped linearly from block to block: a gain
    that jumps would itself create the high-frequency overshoot the limiter is there to
    prevent. ``block_peaks`` (true peaks per 1 ms block) saves measuring them again.
    """
    size = max(1, rate // 1000)
    count = -(-len(samples) // size)
    padded = _per_block(samples, size, count).reshape(-1)
    peaks = (
        block_peaks
        if block_peaks is not None
        else _per_block(_true_peaks(samples), size, count).max(axis=1)
    )
    block_gain = _limiter_gain(peaks, 1.0, ceiling_dbfs)
    if block_gain.min() >= 1.0:
        return samples
    # Ramp linearly through each block from the lower of its gain and the previous one's
    # to the lower of its gain and the next one's: continuous, and never above the block's
    # own gain, so every peak stays under the ceiling.
    edges = np.minimum(
        np.concatenate(([block_gain[0]], block_gain)),
        np.concatenate((block_gain, [block_gain[-1]])),
    ).astype(np.float32)
    fraction = np.arange(size, dtype=np.float32) / size
    ramps = edges[:-1, None] + (edges[1:] - edges[:-1])[:, None] * fraction[None, :]
    shaped = padded.reshape(count, size)
    shaped *= ramps
    ceiling = np.float32(10 ** (ceiling_dbfs / 20))
    np.clip(padded, -ceiling, ceiling, out=padded)
    return padded[: len(samples)]


def level_languages(clips: Sequence[Clip | None], langs: Sequence[str]) -> list[Clip | None]:
    """The clips with one gain per language, so both voices sit at the target loudness."""
    by_lang: dict[str, list[int]] = {}
    for index, (clip, lang) in enumerate(zip(clips, langs, strict=True)):
        if clip is not None:
            by_lang.setdefault(lang, []).append(index)
    levelled = list(clips)
    for indexes in by_lang.values():
        present = [c for c in (clips[i] for i in indexes) if c is not None]
        joined = to_float(b"".join(c.pcm for c in present))
        loudness = integrated_loudness(joined, present[0].sample_rate)
        if loudness is None:
            continue
        gain = 10 ** ((TARGET_LUFS - loudness) / 20)
        for i, clip in zip(indexes, present, strict=True):
            levelled[i] = replace(clip, pcm=to_pcm(to_float(clip.pcm) * gain))
    return levelled


def master(pcm: bytes, rate: int) -> bytes:
    """The episode at the target loudness, peaks under the ceiling, in one pass.

    Limiting takes loudness off peaky voices (espeak), so the gain before the limiter is
    found by a secant search on the loudness predicted from 1 ms blocks.
    """
    samples = to_float(pcm)
    blocks = _blocks(samples, rate, with_peaks=True)

    def predicted(gain_db: float) -> float | None:
        gain = 10 ** (gain_db / 20)
        limited = _limiter_gain(blocks.peaks, gain, PEAK_CEILING_DBFS)
        return _gated_loudness(blocks.energy * (gain * limited) ** 2, blocks.size, rate)

    start = predicted(0.0)
    if start is None:
        return pcm
    gains, levels = [0.0], [start]
    for _ in range(SEARCH_STEPS):
        if abs(levels[-1] - TARGET_LUFS) <= TOLERANCE_LU:
            break
        if len(gains) < 2 or levels[-1] == levels[-2]:
            step = (TARGET_LUFS - levels[-1]) * 1.5  # the limiter will eat some of it
        else:
            slope = (levels[-1] - levels[-2]) / (gains[-1] - gains[-2])
            step = (TARGET_LUFS - levels[-1]) / max(slope, 0.1)
        level = predicted(gains[-1] + step)
        if level is None:
            break
        gains.append(gains[-1] + step)
        levels.append(level)
    best = min(range(len(gains)), key=lambda i: abs(levels[i] - TARGET_LUFS))
    gain = 10 ** (gains[best] / 20)
    return to_pcm(limit(samples * gain, rate, block_peaks=blocks.peaks * gain))
