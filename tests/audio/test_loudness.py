"""The loudness meter, the per-language gains and the mastering, on synthetic audio.

Fast unit tests (no build): each checks an outcome against an independent reference —
pyloudnorm's BS.1770 meter, and true peaks from 4x oversampling with scipy — so a change
to the meter, the gates, the gain search or the limiter shows up here in seconds (these
are the tests `make mutate` runs against ``audio/loudness.py``).
"""

from __future__ import annotations

import numpy as np
import pytest

from vnmedia.audio.loudness import (
    PEAK_CEILING_DBFS,
    TARGET_LUFS,
    integrated_loudness,
    lay_out_energy,
    master,
    master_in_place,
    measure_voices,
    to_float,
)
from vnmedia.models import Clip

pyloudnorm = pytest.importorskip("pyloudnorm")


def speech_like(
    seconds: float, rate: int, level_db: float, seed: int = 0, rolloff: float = 1.0
) -> np.ndarray:
    """A voiced sound shaped like speech: a 150-190 Hz harmonic series up to 3 kHz (random
    phases, harmonic k at 1/k**rolloff), in syllable-rate bursts with pauses between words;
    peak at ``level_db``."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * rate)) / rate
    pitch = rng.uniform(150, 190)
    carrier = sum(
        np.sin(2 * np.pi * pitch * k * t + rng.uniform(0, 2 * np.pi)) / k**rolloff
        for k in range(1, int(3000 / pitch))
    )
    envelope = np.clip(np.sin(2 * np.pi * 4 * t), 0, None) * (np.sin(2 * np.pi * 0.5 * t) > -0.3)
    signal = carrier * envelope
    signal *= 10 ** (level_db / 20) / np.max(np.abs(signal))
    return signal.astype(np.float32)


def pcm(samples: np.ndarray) -> bytes:
    return np.round(np.clip(samples, -1, 32767 / 32768) * 32768).astype("<i2").tobytes()


def reference(samples: np.ndarray, rate: int) -> float:
    return float(pyloudnorm.Meter(rate).integrated_loudness(samples.astype(np.float64)))


def true_peak_dbfs(samples: np.ndarray) -> float:
    from scipy.signal import resample_poly

    return float(20 * np.log10(np.max(np.abs(resample_poly(samples, 4, 1)))))


@pytest.mark.parametrize("rate", [16000, 22050, 24000, 48000])
@pytest.mark.parametrize("level_db", [-30.0, -12.0, -3.0])
def test_meter_agrees_with_pyloudnorm(rate, level_db):
    samples = speech_like(6.0, rate, level_db, seed=rate)
    # pyloudnorm derives its filters for each rate another way: 0.13 LU apart at 16 kHz.
    assert integrated_loudness(samples, rate) == pytest.approx(reference(samples, rate), abs=0.2)


def test_a_full_scale_1khz_sine_reads_minus_3_lufs():
    rate = 48000
    t = np.arange(5 * rate) / rate
    sine = np.sin(2 * np.pi * 1000 * t).astype(np.float32)
    # BS.1770: a 0 dBFS 1 kHz sine is -3.01 LUFS (the K filter's gain at 1 kHz is ~0 dB).
    assert integrated_loudness(sine, rate) == pytest.approx(-3.01, abs=0.05)


def test_silence_and_audio_too_short_have_no_loudness():
    rate = 24000
    assert integrated_loudness(np.zeros(3 * rate, dtype=np.float32), rate) is None
    assert integrated_loudness(speech_like(0.3, rate, -10.0), rate) is None


def test_gates_ignore_long_silences_and_quiet_noise():
    rate = 24000
    speech = speech_like(5.0, rate, -10.0)
    hiss = (np.random.default_rng(1).standard_normal(10 * rate) * 10 ** (-65 / 20)).astype(
        np.float32
    )
    padded = np.concatenate([hiss, speech, np.zeros(5 * rate, dtype=np.float32)])
    alone = integrated_loudness(speech, rate)
    assert integrated_loudness(padded, rate) == pytest.approx(alone, abs=0.3)
    assert integrated_loudness(padded, rate) == pytest.approx(reference(padded, rate), abs=0.2)


def test_to_float_maps_16_bit_pcm_to_the_unit_range():
    values = np.array([-32768, -16384, 0, 16384, 32767], dtype="<i2")
    assert to_float(values.tobytes()).tolist() == pytest.approx([-1.0, -0.5, 0.0, 0.5, 0.99997])


def test_language_gains_bring_each_voice_to_the_target():
    rate = 24000
    quiet = [speech_like(3.0, rate, -30.0, seed=s) for s in range(3)]
    loud = [speech_like(3.0, rate, -4.0, seed=10 + s) for s in range(2)]
    clips = [Clip(pcm(s), rate, "x") for s in quiet + loud] + [None]
    langs = ["vi"] * 3 + ["en"] * 2 + ["en"]
    gains = measure_voices(clips, langs).gains
    assert set(gains) == {"vi", "en"}
    assert gains["vi"] > 10 * gains["en"]
    for lang, parts in (("vi", quiet), ("en", loud)):
        joined = np.concatenate(parts) * gains[lang]
        assert reference(joined, rate) == pytest.approx(TARGET_LUFS, abs=0.3)


def test_a_silent_language_gets_no_gain():
    rate = 16000
    clips = [Clip(bytes(2 * rate), rate, "x"), Clip(pcm(speech_like(3.0, rate, -20.0)), rate, "x")]
    assert set(measure_voices(clips, ["vi", "en"]).gains) == {"en"}


def test_voice_gains_never_clip_and_keep_the_balance():
    """A voice that would need more gain than its peaks allow lowers both languages alike:
    no sample is pushed past full scale (clipping distorts; mastering's limiter is there
    for peaks), and the two voices stay level with each other."""
    rate = 16000
    spiky = speech_like(4.0, rate, -30.0, seed=2)
    spiky[rate::rate] = -(10 ** (-3 / 20))  # clicks near full scale (negative) over quiet speech
    even = speech_like(4.0, rate, -10.0, seed=3, rolloff=2.0)
    clips = [Clip(pcm(spiky), rate, "x"), Clip(pcm(even), rate, "x")]
    gains = measure_voices(clips, ["vi", "en"]).gains
    assert np.max(np.abs(spiky)) * gains["vi"] <= 1.0
    vi, en = reference(spiky * gains["vi"], rate), reference(even * gains["en"], rate)
    assert vi == pytest.approx(en, abs=0.3)
    assert vi < TARGET_LUFS - 3  # lowered: at the target, the clicks would clip


def test_clip_energies_laid_out_measure_the_episode_as_filtering_it_does():
    """Mastering takes the episode's loudness from the clips' energies where they were
    placed (at any sample, scaled by their gain) instead of filtering the episode again."""
    rate = 22050
    parts = [speech_like(3.0 + k, rate, -12.0 - 4 * k, seed=20 + k, rolloff=2.0) for k in range(3)]
    clips = [Clip(pcm(p), rate, "x") for p in parts]
    levels = measure_voices(clips, ["vi", "en", "vi"])
    positions = [1237, 1237 + len(parts[0]) + 8821, 1237 + len(parts[0]) + len(parts[1]) + 20000]
    episode = np.zeros(positions[-1] + len(parts[2]) + 5000, dtype=np.float32)
    placed = []
    langs = ["vi", "en", "vi"]
    for at, part, energy, lang in zip(positions, parts, levels.energies, langs, strict=True):
        gain = levels.gains[lang]
        episode[at : at + len(part)] = part * gain
        placed.append((at, energy, gain))
    track = lay_out_energy(placed, len(episode), rate)
    filtered = np.frombuffer(pcm(episode), dtype="<i2").copy()
    laid_out = filtered.copy()
    master_in_place(filtered, rate)
    master_in_place(laid_out, rate, track)
    assert reference(to_float(laid_out.tobytes()), rate) == pytest.approx(
        reference(to_float(filtered.tobytes()), rate), abs=0.05
    )
    assert reference(to_float(laid_out.tobytes()), rate) == pytest.approx(TARGET_LUFS, abs=0.5)


@pytest.mark.parametrize(
    ("level_db", "spiky"), [(-35.0, False), (-20.0, False), (-6.0, False), (-20.0, True)]
)
def test_mastering_reaches_the_target_with_true_peaks_under_the_ceiling(level_db, spiky):
    rate = 24000
    # Peaks 11-12 dB above the loudness: the target fits under the ceiling.
    samples = speech_like(20.0, rate, level_db, seed=int(-level_db), rolloff=2.0)
    if spiky:  # a few clicks far above the speech: the limiter must take them
        samples[rate :: 3 * rate] = 0.9
    mastered = to_float(master(pcm(samples), rate))
    assert len(mastered) == len(samples)
    assert reference(mastered, rate) == pytest.approx(TARGET_LUFS, abs=0.5)
    assert true_peak_dbfs(mastered) <= PEAK_CEILING_DBFS + 0.5


def test_mastering_leaves_silence_silent():
    rate = 16000
    silence = bytes(2 * 5 * rate)
    assert master(silence, rate) == silence


def test_mastering_long_audio_across_chunks_keeps_it_continuous():
    from vnmedia.audio import loudness

    rate = 16000
    samples = speech_like(2.5 * loudness.CHUNK_SECONDS, rate, -25.0, seed=3, rolloff=2.0)
    mastered = to_float(master(pcm(samples), rate))
    assert reference(mastered, rate) == pytest.approx(TARGET_LUFS, abs=0.5)
    # The gain is one smooth curve: no jump where one chunk ends and the next begins.
    ratio = np.abs(mastered) / np.maximum(np.abs(samples), 1e-3)
    boundary = loudness.CHUNK_SECONDS * rate
    loud = np.abs(samples[boundary - 200 : boundary + 200]) > 0.01
    around = ratio[boundary - 200 : boundary + 200][loud]
    assert around.max() / around.min() < 1.05


def test_when_the_peaks_leave_no_room_the_ceiling_wins():
    """A voice whose peaks stand 15 dB above its loudness cannot reach -16 LUFS under a
    -3.5 dBFS ceiling without distortion: the peaks stay under the ceiling, and the
    loudness gets as close as the limiter allows (about 2 LU short)."""
    rate = 24000
    samples = speech_like(20.0, rate, -6.0, seed=6)
    mastered = to_float(master(pcm(samples), rate))
    assert true_peak_dbfs(mastered) <= PEAK_CEILING_DBFS + 0.5
    assert TARGET_LUFS - 3 < reference(mastered, rate) < TARGET_LUFS + 0.5
    assert reference(mastered, rate) > reference(samples, rate) + 2


def test_where_the_limiter_holds_the_level_no_more_gain_is_piled_on():
    """On a peaky voice, each dB of gain past a point adds a hundredth of a LU and a dB of
    limiting: the search stops there and keeps the least gain that gets as close (it once
    climbed to +37 dB to gain 0.07 LU)."""
    from vnmedia.audio.loudness import _chosen_gain, _limiter_holds

    gains = [0.0, 4.2, 9.8, 15.7, 18.9]
    levels = [-20.2, -18.4, -17.2, -16.44, -16.29]
    assert not _limiter_holds(gains[:4], levels[:4])  # 0.13 LU per dB: worth going on
    assert _limiter_holds(gains, levels)  # 0.05 LU per dB: the ceiling wins
    assert _chosen_gain([*gains, 24.3, 31.0], [*levels, -16.23, -16.22]) == 18.9
    # Within the tolerance of the target, the least gain that reaches it.
    assert _chosen_gain([0.0, 3.0, 3.5], [-19.0, -16.08, -15.99]) == 3.0


def test_a_missing_clip_keeps_every_other_clips_energies_in_place():
    rate = 16000
    parts = [speech_like(2.0, rate, -12.0, seed=30 + k) for k in range(3)]
    clips = [Clip(pcm(parts[0]), rate, "x"), None, Clip(pcm(parts[1]), rate, "x")]
    clips.append(Clip(pcm(parts[2]), rate, "x"))
    levels = measure_voices(clips, ["vi", "en", "vi", "en"])
    assert [e is None for e in levels.energies] == [False, True, False, False]
    assert set(levels.gains) == {"vi", "en"}  # the English after the gap is measured


def test_the_intro_is_lowered_with_the_voices():
    """Lowering every voice to keep it from clipping lowers the intro and outro alike, so
    they keep their balance with the voices."""
    from vnmedia.audio.assemble import assemble
    from vnmedia.models import Segment

    rate = 16000
    voice = speech_like(2.0, rate, -30.0, seed=4)
    voice[rate // 2] = 0.9  # one click: at the voice's gain it would clip
    intro = speech_like(1.0, rate, -6.0, seed=5)
    levels = measure_voices([Clip(pcm(voice), rate, "x")], ["vi"])
    assert levels.headroom < 1.0
    audio = assemble(
        [[Segment("title", 0, "vi", "Tin", "source")]],
        [[Clip(pcm(voice), rate, "x")]],
        sample_rate=rate,
        pause_lang_ms=0,
        pause_paragraph_ms=0,
        intro=Clip(pcm(intro), rate, "intro"),
        levels=levels,
    )
    placed = to_float(bytes(audio.pcm))[: len(intro)]
    assert np.max(np.abs(placed)) == pytest.approx(
        np.max(np.abs(intro)) * levels.headroom, rel=0.01
    )
