"""Audio plumbing: which ffmpeg to use, decoding MP3 into clips, encoding episodes.

A module of its own below ``engines/`` (which decode what online voices send),
``audio/`` (which assembles) and ``site/`` (which encodes), so that every arrow between
them points down.

pydub does the assembly; ffmpeg does the codec work. A system ffmpeg is used when present,
else the binary shipped inside the ``imageio-ffmpeg`` wheel. That binary comes without
ffprobe, so MP3 is always decoded with an explicit codec, which skips pydub's ffprobe call
(DESIGN.md, "Audio without system packages").
"""

from __future__ import annotations

import errno
import io
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from pathlib import Path

from .errors import AudioError
from .models import Clip
from .runtime.files import storage_error

with warnings.catch_warnings():
    # pydub warns at import when no ffmpeg is on PATH; we point it at one ourselves below.
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment

SAMPLE_WIDTH = 2  # 16-bit PCM everywhere inside vnmedia

MP3_QUALITIES: dict[str, int | None] = {"fast": 7, "balanced": None, "best": 2}
"""``mp3_quality`` → LAME's quality level (ffmpeg's ``-compression_level``, 0 slowest … 9
fastest; ``None``: LAME's own default, as ffmpeg leaves it). Measured on speech
(``bench/bench_encode.py``, BENCHMARKS.md): levels 7-9 (one algorithm: they write the same
bytes) encode in under half the time of the default *and* score the best PESQ-wb, so
``fast`` (7) is the default; ``balanced`` and ``best``
use more of LAME's psychoacoustic model, which speech does not gain from but music (an
intro, an outro) may."""


@cache
def ffmpeg_path() -> str:
    """Path of the ffmpeg binary vnmedia uses (system first, then imageio-ffmpeg's)."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except Exception as exc:  # imageio-ffmpeg raises RuntimeError, OSError, ...
        raise AudioError(
            "no ffmpeg found: install the project (`make install`) or a system ffmpeg"
        ) from exc


def use_ffmpeg() -> None:
    """Point pydub at our ffmpeg (idempotent)."""
    AudioSegment.converter = ffmpeg_path()


def decode_mp3(data: bytes, *, engine: str, sample_rate: int) -> Clip:
    """Decode MP3 bytes into a mono 16-bit clip at ``sample_rate``."""
    if not data:
        raise AudioError(f"{engine} returned no audio")
    use_ffmpeg()
    try:
        segment = AudioSegment.from_file(io.BytesIO(data), format="mp3", codec="mp3")
    except Exception as exc:  # pydub raises CouldntDecodeError, IndexError, OSError ...
        raise AudioError(f"{engine} returned audio that does not decode: {exc}") from exc
    return clip_from_segment(segment, engine=engine, sample_rate=sample_rate)


def clip_from_segment(segment: AudioSegment, *, engine: str, sample_rate: int) -> Clip:
    """Convert any pydub segment to the pipeline's clip format."""
    segment = segment.set_channels(1).set_sample_width(SAMPLE_WIDTH).set_frame_rate(sample_rate)
    return Clip(pcm=segment.raw_data, sample_rate=sample_rate, engine=engine)


def resample(clip: Clip, sample_rate: int) -> Clip:
    """The clip at another sample rate (unchanged when it already matches)."""
    if clip.sample_rate == sample_rate:
        return clip
    resampled = clip_from_segment(to_segment(clip), engine=clip.engine, sample_rate=sample_rate)
    return replace(resampled, words=clip.words)


def to_segment(clip: Clip) -> AudioSegment:
    """A pydub view of a clip."""
    return pcm_segment(clip.pcm, clip.sample_rate)


def pcm_segment(pcm: bytes | bytearray, sample_rate: int) -> AudioSegment:
    """A pydub view of 16-bit mono PCM (no copy)."""
    return AudioSegment(data=pcm, sample_width=SAMPLE_WIDTH, frame_rate=sample_rate, channels=1)


def encode_mp3(
    segment: AudioSegment, path: Path, *, bitrate: str, quality: str | None = "fast"
) -> None:
    """Encode a pydub ``segment`` (mono 16-bit) as a CBR MP3 at ``path``: see
    :func:`encode_mp3_stream`."""
    if segment.sample_width != SAMPLE_WIDTH or segment.channels != 1:
        segment = segment.set_channels(1).set_sample_width(SAMPLE_WIDTH)
    encode_mp3_stream(
        [segment.raw_data], path, sample_rate=segment.frame_rate, bitrate=bitrate, quality=quality
    )


def encode_mp3_stream(
    chunks: Iterable[bytes | memoryview],
    path: Path,
    *,
    sample_rate: int,
    bitrate: str,
    quality: str | None = "fast",
) -> None:
    """Encode 16-bit mono PCM, given chunk by chunk, as a CBR MP3 (with its Info tag) at
    ``path`` (the caller makes the write atomic). ``quality`` is a :data:`MP3_QUALITIES`
    name; ``None``: ffmpeg's default.

    The samples go to ffmpeg through a pipe as they come, and the MP3 straight to ``path``:
    an episode of any length passes through a chunk at a time (pydub's ``export`` would
    also stage a WAV and an MP3 in the system temp folder, which a killed build leaves
    behind, out of reach of the output folder's clean-up).
    """
    level = MP3_QUALITIES[quality] if quality else None
    command = [
        ffmpeg_path(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        "-f", f"s{8 * SAMPLE_WIDTH}le", "-ar", str(sample_rate), "-ac", "1", "-i", "pipe:0",
        "-codec:a", "libmp3lame", "-b:a", bitrate,
        *([] if level is None else ["-compression_level", str(level)]),
        "-f", "mp3", str(path),
    ]  # fmt: skip
    # ffmpeg's messages go to a file, not a pipe: a pipe nobody reads until the end could
    # fill and stall ffmpeg while vnmedia waits to write. (Beside the MP3, and nameless:
    # a build never writes to the system temp folder, where a kill would leave it.)
    with tempfile.TemporaryFile(dir=path.parent) as messages:
        try:
            encoder = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=messages)
        except OSError as exc:
            raise AudioError(f"MP3 encoding failed for {path.name}: {exc}") from exc
        assert encoder.stdin is not None
        try:
            with encoder.stdin:
                for chunk in chunks:
                    encoder.stdin.write(chunk)
        except BrokenPipeError:
            pass  # ffmpeg stopped reading: its exit status and messages say why
        except BaseException:
            encoder.kill()
            encoder.wait()
            raise
        returncode = encoder.wait()
        messages.seek(0)
        reason = messages.read().decode("utf-8", "replace").strip().splitlines()
    if returncode != 0:
        for message, code in _REFUSED_WRITES.items():
            if any(message in line for line in reason):
                refused = storage_error(OSError(code, message), path)
                assert refused is not None
                raise refused
        raise AudioError(
            f"MP3 encoding failed for {path.name}: {reason[-1] if reason else returncode}"
        )


# How ffmpeg reports a write the machine refused (strerror of the errno).
_REFUSED_WRITES = {
    "No space left on device": errno.ENOSPC,
    "Disk quota exceeded": errno.EDQUOT,
    "Read-only file system": errno.EROFS,
    "Permission denied": errno.EACCES,
}


def time_stretch(clip: Clip, speed: float) -> Clip:
    """``clip`` spoken ``speed`` times as fast, at the same pitch (ffmpeg's ``atempo``,
    through pipes)."""
    if speed == 1.0:
        return clip
    raw = ["-f", "s16le", "-ar", str(clip.sample_rate), "-ac", "1"]
    command = [
        ffmpeg_path(), "-nostdin", "-hide_banner", "-loglevel", "error",
        *raw, "-i", "pipe:0", "-filter:a", f"atempo={speed}", *raw, "pipe:1",
    ]  # fmt: skip
    done = subprocess.run(command, input=clip.pcm, capture_output=True, check=False)
    if done.returncode != 0 or not done.stdout:
        reason = done.stderr.decode("utf-8", "replace").strip()
        raise AudioError(f"changing the speed of a clip failed: {reason or done.returncode}")
    words = tuple((word, start / speed, end / speed) for word, start, end in clip.words)
    return Clip(done.stdout, clip.sample_rate, clip.engine, words)


def decode_file(path: Path) -> AudioSegment:
    """Decode an MP3 file (used by ``doctor`` and the tests to read episodes back)."""
    use_ffmpeg()
    try:
        return AudioSegment.from_file(str(path), format="mp3", codec="mp3")
    except Exception as exc:
        raise AudioError(f"cannot decode {path}: {exc}") from exc


def load_jingle(path: Path, *, sample_rate: int, fade_ms: int = 500) -> Clip:
    """An intro or outro file as a clip at the episode rate, faded in and out."""
    use_ffmpeg()
    suffix = path.suffix.lower().lstrip(".")
    try:
        if suffix == "wav":
            segment = AudioSegment.from_wav(str(path))
        else:
            # An explicit codec keeps pydub from calling ffprobe, which may be absent.
            codec = {"mp3": "mp3", "ogg": "libvorbis", "flac": "flac", "m4a": "aac"}.get(suffix)
            segment = AudioSegment.from_file(str(path), format=suffix or None, codec=codec)
    except Exception as exc:  # pydub raises CouldntDecodeError, OSError, IndexError ...
        # pydub's message carries ffmpeg's whole banner: its last line says what is wrong.
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        why = lines[-1] if lines else type(exc).__name__
        raise AudioError(f"cannot read {path} as audio: {why}") from exc
    segment = segment.fade_in(fade_ms).fade_out(fade_ms)
    return clip_from_segment(segment, engine="jingle", sample_rate=sample_rate)
