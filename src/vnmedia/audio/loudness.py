"""Even loudness: every episode at -16 LUFS integrated, true peak at most -1 dBTP.

Measured on the PCM vnmedia already holds and applied as gain plus a look-ahead peak
limiter in numpy, so the one MP3 encode writes the final audio: ffmpeg's two-pass
``loudnorm`` reaches the same target but costs four times the rest of the build
(DESIGN.md). The two voices come from different engines, so each language is first
levelled to the target on its own (:func:`measure_voices`, never so far that a sample
clips); then the episode is mastered as a whole (:func:`master_in_place`).

The meter is ITU-R BS.1770-4 (K-weighting, 400 ms blocks, absolute and relative gates),
computed on 10 ms blocks of K-weighted energy. Each clip is filtered once, for its voice's
gain; assembly lays those energies out where it places the clips, so the episode itself is
never filtered. Because the limiter also works on 10 ms blocks, the loudness the episode
*will* have after any gain and limiting can be computed from those blocks: the right gain
is found in a few cheap steps, and the audio is touched once. Mastering reads the episode
twice as a stream of chunks (measure, then write), and keeps only per-block figures: a
minute of audio is 6,000 blocks, so memory does not grow with the episode's length.
(The tests check the result with ffmpeg's ebur128 meter, and this meter against
pyloudnorm.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from ..models import Clip

TARGET_LUFS = -16.0
FULL_SCALE = 32767
"""The largest 16-bit sample."""
PEAK_CEILING_DBFS = -3.5
"""Ceiling of the limiter on (estimated) true peaks. The 2.5 dB below -1 dBTP is room for
the MP3 encoder's overshoot: up to 1.8 dB at 64 kbit/s on espeak speech (measured here
over repeated builds; -2.5 dBFS let one in four episodes reach -0.7 dBTP)."""
LOOKAHEAD_MS = 5
RELEASE_MS = 60
BLOCK_MS = 10
"""The meter's and the limiter's block: 400 ms gating windows step by 100 ms, ten blocks,
and the limiter's gain ramps across a block (10 ms: no click, and a two-hour episode is
720,000 blocks, 6 MB per figure kept; at 1 ms it was 60 MB, most of the memory a long
episode grew by)."""
SEARCH_STEPS = 12
TOLERANCE_LU = 0.1

Samples = NDArray[np.float32]
"""Audio as float32: twice as fast as float64 through the filters, and precise enough
for loudness (the result is written back as 16-bit PCM)."""


def to_float(pcm: bytes) -> Samples:
    """16-bit PCM → float samples in [-1, 1)."""
    samples: Samples = np.frombuffer(pcm, dtype="<i2") * np.float32(1 / 32768)
    return samples


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


DITHER = np.float32(1e-10)
"""A -200 dBFS tone at the Nyquist frequency added before filtering (see _keep_normal)."""


def _keep_normal(samples: Samples, copy: bool = True) -> Samples:
    """``samples`` (a copy, unless ``copy`` is false) with an inaudible tone that keeps the
    filters out of subnormals.

    In the pauses between clips the K-filter's output decays towards zero through the
    subnormal floats, which most CPUs handle 5-100x slower: filtering real episodes (a
    fifth of their samples silent) took 1.16 s per 20 million samples against 0.22 s for
    noise. A tone at the Nyquist frequency passes both filters and keeps every value
    normal; at -200 dBFS it changes no energy (by 1e-17 of speech) and no peak.
    """
    kept = samples.copy() if copy else samples
    kept[0::2] += DITHER
    kept[1::2] -= DITHER
    return kept


def block_size(rate: int) -> int:
    """Samples in one block (:data:`BLOCK_MS`) at ``rate``."""
    return max(1, rate * BLOCK_MS // 1000)


def _block_energy(samples: Samples, rate: int, scratch: bool = False) -> NDArray[np.float64]:
    """K-weighted energy of each block of ``samples`` (which, if ``scratch``, may be
    written over)."""
    from scipy.signal import sosfilt

    size = block_size(rate)
    return _block_squares(sosfilt(_k_weighting(rate), _keep_normal(samples, not scratch)), size)


def _block_squares(values: Samples, size: int) -> NDArray[np.float64]:
    """The sum of squares of each block of ``size`` values (the last may be shorter)."""
    whole = len(values) // size * size
    rows = values[:whole].reshape(-1, size)
    # einsum multiplies and adds in one pass: no squared copy of the audio.
    sums: NDArray[np.float64] = np.einsum("ij,ij->i", rows, rows).astype(np.float64)
    if whole == len(values):
        return sums
    rest = values[whole:]
    return np.append(sums, float(np.dot(rest, rest)))


def _block_maxima(values: NDArray[Any], size: int) -> NDArray[np.float64]:
    """The largest of each block of ``size`` values (the last block may be shorter)."""
    # reduceat: 40 % faster here than the maximum along rows of a (blocks, size) view.
    maxima: NDArray[np.float64] = np.maximum.reduceat(
        values, np.arange(0, len(values), size)
    ).astype(np.float64)
    return maxima


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
    """BS.1770 integrated loudness from block energies: 400 ms blocks, 75 % overlap."""
    per_step = 100 // BLOCK_MS  # blocks in a 100 ms step
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
    return _gated_loudness(_block_energy(samples, rate), block_size(rate), rate)


HOLD_MS = 2 * LOOKAHEAD_MS + RELEASE_MS
"""How long the limiter holds the gain a peak needs (look-ahead before it, release after)."""
HOLD_BLOCKS = max(1, (HOLD_MS - 2 * BLOCK_MS) // BLOCK_MS)
"""The hold in blocks: the ramps into and out of the held blocks add a block at each end,
so the gain is lowered for about HOLD_MS in all (a 7-block hold lowered it for 90 ms and
left espeak episodes 0.2 LU short of the target, held by the ceiling; measured)."""


def _held_peaks(peaks: NDArray[Any]) -> NDArray[Any]:
    """The largest block peak within the limiter's hold around each block.

    The gain a peak needs falls as the peak rises, so the lowest gain needed within the
    hold is the gain the largest peak there needs: holding the peaks once per episode
    gives every gain the search tries without filtering again.
    """
    from scipy.ndimage import maximum_filter1d

    held: NDArray[Any] = maximum_filter1d(peaks, size=HOLD_BLOCKS)
    return held


def _limiter_gain(held: NDArray[Any], gain: float, ceiling_dbfs: float) -> NDArray[np.float64]:
    """Per-block limiter gain for audio whose held block peaks (:func:`_held_peaks`) are
    ``held * gain``."""
    from scipy.ndimage import uniform_filter1d

    ceiling = 10 ** (ceiling_dbfs / 20)
    needed = np.minimum(1.0, ceiling / np.maximum(held * gain, 1e-9))
    smoothing = LOOKAHEAD_MS // BLOCK_MS
    if needed.min() >= 1.0 or smoothing < 2:
        return needed  # blocks as long as the look-ahead: their ramps are smooth already
    # Smooth the held gain so the limiter does not click; stay under the held curve.
    smoothed: NDArray[np.float64] = np.minimum(uniform_filter1d(needed, size=smoothing), needed)
    return smoothed


def clip_energy(clip: Clip) -> NDArray[np.float64]:
    """K-weighted energy of a clip per block."""
    return _block_energy(to_float(clip.pcm), clip.sample_rate, scratch=True)


def clip_peak(clip: Clip) -> int:
    """The largest sample magnitude of a clip."""
    samples = np.frombuffer(clip.pcm, dtype="<i2")
    return max(int(samples.max()), -int(samples.min())) if len(samples) else 0


class Measured(Protocol):
    """A clip measured already (``audio.spool.StoredClip``): its energies and peak."""

    @property
    def energy(self) -> NDArray[np.float64]: ...
    @property
    def peak(self) -> int: ...
    @property
    def sample_rate(self) -> int: ...


@dataclass(frozen=True)
class VoiceLevels:
    """An episode's clips measured once: a gain per language, and each clip's energies.

    The energies (K-weighted blocks, one array per clip, ``None`` for a missing clip)
    let assembly lay out the episode's loudness next to its audio, so mastering need not
    filter the whole episode again.
    """

    gains: dict[str, float]
    energies: list[NDArray[np.float64] | None]
    """One per clip, in the order the clips were given."""
    headroom: float = 1.0
    """What every gain was lowered by so that none clips; the intro and outro, which keep
    their own level, are lowered by it too, so they keep their balance with the voices."""


def measure_voices(clips: Sequence[Clip | Measured | None], langs: Sequence[str]) -> VoiceLevels:
    """One gain per language that brings each voice to the target loudness, and the clips'
    energies.

    Measured clip by clip (the block energies of a language's clips side by side are the
    energies of those clips joined), so no joined copy of the audio is ever made. A gain
    never takes a sample past full scale: where a voice's peaks would clip, every language
    is lowered alike (the balance between them is what counts here; mastering sets the
    level, with its limiter, and never has clipped audio to work from).
    """
    energies: list[NDArray[np.float64] | None] = []
    per_lang: dict[str, list[NDArray[np.float64]]] = {}
    peaks: dict[str, int] = {}
    rates: dict[str, int] = {}
    for clip, lang in zip(clips, langs, strict=True):
        if clip is None:
            energies.append(None)
            continue
        if isinstance(clip, Clip):
            energy, peak = clip_energy(clip), clip_peak(clip)
        else:
            energy, peak = clip.energy, clip.peak
        energies.append(energy)
        per_lang.setdefault(lang, []).append(energy)
        peaks[lang] = max(peaks.get(lang, 0), peak)
        rates[lang] = clip.sample_rate
    gains = {}
    for lang, parts in per_lang.items():
        rate = rates[lang]
        loudness = _gated_loudness(np.concatenate(parts), block_size(rate), rate)
        if loudness is not None:
            gains[lang] = float(10 ** ((TARGET_LUFS - loudness) / 20))
    loudest = max((gain * peaks.get(lang, 0) for lang, gain in gains.items()), default=0.0)
    headroom = min(1.0, FULL_SCALE / loudest) if loudest else 1.0
    return VoiceLevels({lang: g * headroom for lang, g in gains.items()}, energies, headroom)


def lay_out_energy(
    placed: Sequence[tuple[int, NDArray[np.float64], float]], samples: int, rate: int
) -> NDArray[np.float64]:
    """The block energies of an episode of ``samples`` samples from those of its clips:
    (position in samples, energies, gain) for each, the rest silence.

    A clip's blocks start where the clip does, so each lands on the nearest episode block
    (at most half a block off, 5 ms: nothing to a meter that gates 400 ms blocks).
    """
    size = block_size(rate)
    track = np.zeros(-(-samples // size))
    for at, energy, gain in placed:
        first = round(at / size)
        part = energy[: max(0, len(track) - first)]
        track[first : first + len(part)] += part * (gain * gain)
    return track


CHUNK_SECONDS = 30
"""Mastering works through the episode in chunks: memory stays flat however long it is."""


def chunk_frames(rate: int) -> int:
    """Samples in one chunk of a stream that mastering reads (a whole number of blocks)."""
    size = block_size(rate)
    return CHUNK_SECONDS * rate // size * size


Chunks = Iterable[NDArray[np.int16]]
"""An episode as consecutive 16-bit chunks of :func:`chunk_frames` samples (the last may
be shorter)."""


def mastering_gains(
    chunks: Chunks, rate: int, energy: NDArray[np.float64] | None = None
) -> NDArray[np.float32] | None:
    """The first pass of mastering: the gain at each block edge that brings the episode
    to the target loudness with its true peaks under the ceiling (``None``: audio too
    short or silent to measure; leave it as it is). :func:`apply_mastering` applies them.

    ``energy``, when the clips' energies were laid out already (:func:`lay_out_energy`),
    saves filtering the episode: the K-filter is a third of mastering. Limiting takes
    loudness off peaky voices (espeak), so the gain before the limiter is found by a
    secant search on the loudness predicted from the blocks.
    """
    from scipy.signal import sosfilt, sosfilt_zi

    size = block_size(rate)
    sos = _k_weighting(rate)
    state = sosfilt_zi(sos) * 0.0
    energy_parts, peak_parts = [], []

    def measure(
        behind: NDArray[np.int16], chunk: NDArray[np.int16], ahead: NDArray[np.int16]
    ) -> None:
        nonlocal state
        # The midpoint estimates need a sample before and two after: across the chunk's
        # edges, so the peaks do not depend on where the chunks are cut.
        window = np.concatenate((behind[-1:], chunk, ahead[:2])) * np.float32(1 / 32768)
        before = min(1, len(behind))
        samples = window[before : before + len(chunk)]
        if energy is None:
            weighted, state = sosfilt(sos, _keep_normal(samples), zi=state)
            energy_parts.append(_block_squares(weighted, size))
        peaks = _true_peaks(window)[before : before + len(chunk)]
        peak_parts.append(_block_maxima(peaks, size))

    nothing: NDArray[np.int16] = np.zeros(0, dtype="<i2")
    behind, previous = nothing, None
    for chunk in chunks:  # one chunk behind: each is measured with the next one's start
        if previous is not None:
            measure(behind, previous, chunk)
            behind = previous
        previous = chunk
    if previous is None:
        return None
    measure(behind, previous, nothing)
    measured = energy if energy is not None else np.concatenate(energy_parts)
    held = _held_peaks(np.concatenate(peak_parts))

    # The block gains (limiter included) of the last two gains tried (dB): the search
    # nearly always ends on one of them, so the chosen one need not be worked out again.
    recent: dict[float, NDArray[np.float64]] = {}

    def block_gains(gain_db: float) -> NDArray[np.float64]:
        if gain_db not in recent:
            gain = 10 ** (gain_db / 20)
            recent[gain_db] = _limiter_gain(held, gain, PEAK_CEILING_DBFS) * gain
            for older in list(recent)[:-2]:
                del recent[older]
        return recent[gain_db]

    def predicted(gain_db: float) -> float | None:
        # Each block's energy times the mean square of its gain ramp (see _edges): the
        # limiter's ramps take their share off, and the search makes up for it.
        edges = _edges(block_gains(gain_db))
        start, end = edges[:-1], edges[1:]
        ramp_squared = (start * start + start * end + end * end) / 3
        return _gated_loudness(measured * ramp_squared, size, rate)

    start_level = predicted(0.0)
    if start_level is None:
        return None
    gains, levels = [0.0], [start_level]
    for _ in range(SEARCH_STEPS):
        if abs(levels[-1] - TARGET_LUFS) <= TOLERANCE_LU or _limiter_holds(gains, levels):
            break
        level = predicted(gain_db := _next_gain(gains, levels))
        if level is None:
            break
        gains.append(gain_db)
        levels.append(level)
    return _edges(block_gains(_chosen_gain(gains, levels))).astype(np.float32)


def _edges(block_gain: NDArray[np.float64]) -> NDArray[np.float64]:
    """The gain at each block edge: each block ramps from the lower of its gain and the
    previous one's to the lower of its gain and the next one's (continuous, and never
    above the block's own gain)."""
    edges: NDArray[np.float64] = np.minimum(
        np.concatenate(([block_gain[0]], block_gain)),
        np.concatenate((block_gain, [block_gain[-1]])),
    )
    return edges


def apply_mastering(
    chunks: Chunks, edges: NDArray[np.float32] | None, rate: int
) -> Iterator[NDArray[np.int16]]:
    """The second pass: the same chunks again, gained and limited (each written over in
    place, and passed on). ``edges`` from :func:`mastering_gains`; ``None`` passes the
    chunks on untouched."""
    size = block_size(rate)
    ceiling = np.float32(10 ** (PEAK_CEILING_DBFS / 20))
    first = 0
    for chunk in chunks:
        if edges is not None:
            _write_limited(chunk, edges[first:], size, ceiling)
        first += len(chunk) // size
        yield chunk


def master_in_place(
    pcm: NDArray[np.int16], rate: int, energy: NDArray[np.float64] | None = None
) -> None:
    """Bring 16-bit audio held in memory to the target loudness and peak ceiling, in place
    (:func:`mastering_gains`, then :func:`apply_mastering`)."""
    step = chunk_frames(rate)

    def chunks() -> Iterator[NDArray[np.int16]]:
        return (pcm[start : start + step] for start in range(0, len(pcm), step))

    edges = mastering_gains(chunks(), rate, energy)
    for _ in apply_mastering(chunks(), edges, rate):
        pass  # each chunk is a view of ``pcm``: written in place


FLAT_SLOPE = 0.05
"""LU per dB of gain under which the limiter is holding the level: more gain would only
squash the voice."""


def _limiter_holds(gains: list[float], levels: list[float]) -> bool:
    """Whether the last step of the search, still short of the target, barely moved the
    level: the peaks leave no room, and the ceiling wins."""
    if len(gains) < 2 or levels[-1] >= TARGET_LUFS or gains[-1] <= gains[-2]:
        return False
    return levels[-1] - levels[-2] < FLAT_SLOPE * (gains[-1] - gains[-2])


def _chosen_gain(gains: list[float], levels: list[float]) -> float:
    """The least gain (dB) that comes within the tolerance of the best level the search
    reached: where the limiter holds the level, a few more dB add a hundredth of a LU and
    a lot of limiting."""
    best = min(levels, key=lambda level: abs(level - TARGET_LUFS))
    if abs(best - TARGET_LUFS) <= TOLERANCE_LU:
        best = TARGET_LUFS
    return min(g for g, v in zip(gains, levels, strict=True) if abs(v - best) <= TOLERANCE_LU)


def _next_gain(gains: list[float], levels: list[float]) -> float:
    """The next gain (dB) to try in the search for the one that meets the target.

    Once one tried gain lands below the target and another above, the answer lies between:
    a secant step inside that bracket, or its middle when the step would hug an end. (Where
    the limiter holds the loudness nearly flat, an unbracketed secant step overshoots and
    can wander off: measured 0.8 LU loud on a voice 35 dB under full scale.) Before that:
    first the gain that would be exact without the limiter, then secant steps (the slope
    kept between 0.1 and 1 LU per dB), since the limiter eats part of every dB: stepping by
    a fixed 1.5x the difference crept up on espeak speech in 12 steps.
    """
    below = [(g, v) for g, v in zip(gains, levels, strict=True) if v < TARGET_LUFS]
    above = [(g, v) for g, v in zip(gains, levels, strict=True) if v > TARGET_LUFS]
    if not below or not above:
        if len(gains) < 2 or gains[-1] == gains[-2]:
            return gains[-1] + TARGET_LUFS - levels[-1]
        slope = (levels[-1] - levels[-2]) / (gains[-1] - gains[-2])
        return gains[-1] + (TARGET_LUFS - levels[-1]) / min(1.0, max(slope, 0.1))
    (low, low_level), (high, high_level) = max(below), min(above)
    if high <= low:  # not monotonic (a rounding wobble): split the two
        return (low + high) / 2
    guess = low + (TARGET_LUFS - low_level) * (high - low) / (high_level - low_level)
    margin = 0.1 * (high - low)
    return guess if low + margin < guess < high - margin else (low + high) / 2


def _write_limited(
    target: NDArray[np.int16], edges: NDArray[np.float32], size: int, ceiling: np.float32
) -> None:
    """Apply gains ramping linearly from ``edges[i]`` to ``edges[i + 1]`` over block i."""
    count = -(-len(target) // size)
    starts, ends = edges[:count], edges[1 : count + 1]
    fraction = np.arange(size, dtype=np.float32) / size
    ramps = (starts[:, None] + (ends - starts)[:, None] * fraction[None, :]).reshape(-1)
    samples = target.astype(np.float32)  # in 16-bit units: the gains need no rescaling
    samples *= ramps[: len(samples)]
    limit = ceiling * np.float32(32768)
    np.clip(samples, -limit, limit, out=samples)
    target[:] = np.rint(samples, out=samples)


def master(pcm: bytes, rate: int) -> bytes:
    """The episode at the target loudness with peaks under the ceiling (a copy)."""
    samples = np.frombuffer(pcm, dtype="<i2").copy()
    master_in_place(samples, rate)
    return samples.tobytes()
