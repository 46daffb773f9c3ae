"""Episodes of any length in flat memory: clips wait on disk, and the episode is laid out,
mastered and encoded a chunk at a time.

Memory is measured with tracemalloc (numpy reports its arrays to it), so the figures are
the same on every machine: no timing, no RSS noise.
"""

from __future__ import annotations

import errno
import os
import tempfile
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from vnmedia.audio import loudness
from vnmedia.audio.assemble import assemble
from vnmedia.audio.loudness import TARGET_LUFS, master_in_place, measure_voices, to_float
from vnmedia.audio.spool import ClipSpool
from vnmedia.codec import decode_file, encode_mp3_stream
from vnmedia.errors import StorageError
from vnmedia.models import Clip, Segment

from test_loudness import pcm, reference, speech_like

RATE = 16000


@pytest.fixture(scope="module")
def voices() -> list[Clip]:
    """Three 20-second clips, two Vietnamese-like and one English-like at another level."""
    return [
        Clip(pcm(speech_like(20.0, RATE, level, seed=40 + k, rolloff=2.0)), RATE, "x")
        for k, level in enumerate((-18.0, -26.0, -12.0))
    ]


def lay_out(clips: list, count: int, langs=("vi", "en")):
    """An episode of ``count`` clips (cycling through ``clips``), mastered."""
    chosen = [clips[k % len(clips)] for k in range(count)]
    units = [[Segment("paragraph", k, langs[k % 2], "x", "source")] for k in range(count)]
    levels = measure_voices(chosen, [u[0].lang for u in units])
    audio = assemble(
        units,
        [[clip] for clip in chosen],
        sample_rate=RATE,
        pause_lang_ms=300,
        pause_paragraph_ms=700,
        levels=levels,
    )
    audio.master()
    return audio


def fresh(clip: Clip) -> Clip:
    """A copy of ``clip`` with samples of its own."""
    return Clip(bytes(bytearray(clip.pcm)), clip.sample_rate, clip.engine)


def encode_episode(tmp_path: Path, voices: list[Clip], minutes: int) -> tuple[int, Path]:
    """Speak (keep), lay out, master and encode an episode of about ``minutes`` minutes;
    the peak of memory traced while doing it, and the MP3."""
    mp3 = tmp_path / f"long-{minutes}.mp3"
    tracemalloc.start()
    try:
        with ClipSpool(tmp_path) as spool:
            # Each clip new, as a voice makes them: the spool must let it go.
            kept = [spool.keep(fresh(voices[k % 3])) for k in range(minutes * 3)]
            audio = lay_out(kept, len(kept))
            encode_mp3_stream(
                (chunk.data for chunk in audio.chunks()), mp3, sample_rate=RATE, bitrate="32k"
            )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, mp3


def test_a_longer_episode_takes_no_more_memory(tmp_path, voices):
    short_peak, _ = encode_episode(tmp_path, voices, 2)
    long_peak, mp3 = encode_episode(tmp_path, voices, 10)
    audio_mb = 8 * 60 * RATE * 2 / 1e6  # the 8 minutes more, as 16-bit samples
    growth_mb = (long_peak - short_peak) / 1e6
    # Per-block figures only (10 ms blocks: 1.5 MB for 8 minutes, the gain search's arrays
    # side by side). Holding the episode's samples or its clips once would add 15 MB.
    assert growth_mb < 0.25 * audio_mb, f"+{growth_mb:.1f} MB for {audio_mb:.1f} MB of audio"
    decoded = decode_file(mp3)
    assert decoded.duration_seconds == pytest.approx(30 * (20 + 0.7) - 0.7, abs=0.5)


def test_chunks_are_cut_anywhere_without_changing_a_sample(monkeypatch, voices):
    """The mastered episode is the same whether it is made in 30-second chunks, in
    1-second chunks or in one piece: the chunks' edges leave no trace."""
    whole_audio = lay_out(voices, 6)
    streamed = whole_audio.pcm
    monkeypatch.setattr(loudness, "CHUNK_SECONDS", 1)
    small_chunks = lay_out(voices, 6).pcm
    monkeypatch.setattr(loudness, "CHUNK_SECONDS", 10_000)
    one_piece = lay_out(voices, 6).pcm
    assert streamed == small_chunks == one_piece
    mastered = to_float(streamed)
    assert reference(mastered, RATE) == pytest.approx(TARGET_LUFS, abs=0.5)


def test_clips_kept_on_disk_make_the_same_episode_as_clips_in_memory(tmp_path, voices):
    in_memory = lay_out(voices, 5).pcm
    with ClipSpool(tmp_path) as spool:
        on_disk = lay_out([spool.keep(clip) for clip in voices], 5).pcm
    assert on_disk == in_memory
    # ... and the same as mastering the whole episode held in memory, as before.
    unmastered = lay_out(voices, 5)
    unmastered.mastering = None
    samples = np.frombuffer(unmastered.pcm, dtype="<i2").copy()
    master_in_place(samples, RATE, unmastered.energy)
    assert samples.tobytes() == in_memory


def test_the_spool_leaves_no_file_behind(tmp_path, voices):
    with ClipSpool(tmp_path) as spool:
        spool.keep(voices[0])
        assert list(tmp_path.iterdir()) == []  # nameless while it is in use
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_while_keeping_clips_is_a_storage_error(tmp_path, monkeypatch, voices):
    def full(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with ClipSpool(tmp_path) as spool:
        monkeypatch.setattr(os, "pwrite", full)
        with pytest.raises(StorageError, match="no space left|full"):
            spool.keep(voices[0])


def test_a_stored_clip_reads_back_any_part_of_its_samples(tmp_path, voices):
    with ClipSpool(tmp_path) as spool:
        first, second = spool.keep(voices[0]), spool.keep(voices[1])
        samples = np.frombuffer(voices[1].pcm, dtype="<i2")
        assert np.array_equal(second.read(), samples)
        assert np.array_equal(second.read(1000, 5000), samples[1000:5000])
        assert np.array_equal(first.read(0, 10), np.frombuffer(voices[0].pcm, "<i2")[:10])
        assert second.energy is not None and second.peak == np.abs(samples.astype(int)).max()


def test_a_stored_clip_keeps_its_voice_and_word_timings(tmp_path, voices):
    timed = Clip(voices[0].pcm, voices[0].sample_rate, "espeak", (("xin", 0.0, 120.0),))
    with ClipSpool(tmp_path) as spool:
        stored = spool.keep(timed)
        assert (stored.engine, stored.words, stored.sample_rate) == ("espeak", timed.words, RATE)


def test_short_writes_and_reads_are_finished(tmp_path, monkeypatch, voices):
    # The system may write or read fewer bytes than asked (signals, pipes, network disks).
    real_write, real_read = os.pwrite, os.pread
    monkeypatch.setattr(os, "pwrite", lambda fd, data, at: real_write(fd, data[:4096], at))
    monkeypatch.setattr(os, "pread", lambda fd, size, at: real_read(fd, min(size, 4096), at))
    with ClipSpool(tmp_path) as spool:
        first, second = spool.keep(voices[0]), spool.keep(voices[1])
        assert np.array_equal(first.read(), np.frombuffer(voices[0].pcm, dtype="<i2"))
        assert np.array_equal(second.read(), np.frombuffer(voices[1].pcm, dtype="<i2"))


def test_the_spool_is_made_on_the_output_folders_disk(tmp_path, monkeypatch, voices):
    # Not in the system's temporary folder, often a small tmpfs: a 6-hour bulletin's clips
    # are 1 GB. With no usable system temporary folder the spool still works.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    with ClipSpool(tmp_path) as spool:
        head = np.frombuffer(voices[0].pcm, dtype="<i2")[:10]
        assert np.array_equal(spool.keep(voices[0]).read(0, 10), head)


def test_a_full_disk_when_the_spool_is_made_names_the_folder(tmp_path, monkeypatch):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    with pytest.raises(StorageError) as caught:
        ClipSpool(tmp_path)
    assert str(tmp_path) in str(caught.value) and "clip spool" in str(caught.value)


def test_the_limiters_gain_glides_between_blocks_without_a_click():
    # Speech with a shout in the middle: the limiter pulls the gain down around the shout
    # and lets it back up. Between block edges the gain ramps, sample by sample; a gain
    # that jumped (a ramp run backwards, a block's gain applied as a step) is a click.
    voice = speech_like(12.0, RATE, -6.0, seed=7, rolloff=2.0)
    voice[5 * RATE : 6 * RATE] *= 4.0  # the shout, over full scale before mastering
    source = np.frombuffer(pcm(voice / 4.0), dtype="<i2").copy()
    size = loudness.block_size(RATE)
    chunks = [source[k : k + size * 100] for k in range(0, len(source), size * 100)]
    edges = loudness.mastering_gains(iter(chunks), RATE)
    mastered = np.concatenate(
        [c.copy() for c in loudness.apply_mastering(iter([c.copy() for c in chunks]), edges, RATE)]
    )
    steps = np.abs(np.diff(edges.astype(np.float64)))
    assert steps.max() > 0.1  # the limiter did move the gain
    loud = np.abs(source.astype(np.float64)) > 2000  # where rounding hardly shows
    gain = np.where(loud, mastered / np.where(loud, source, 1), np.nan)
    change = np.abs(np.diff(gain))
    change = change[~np.isnan(change)]
    # One block's ramp moves the gain at most its step over the block's samples (plus the
    # rounding of 16-bit samples).
    assert change.max() <= steps.max() / size + 2e-3
