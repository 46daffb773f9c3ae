"""Stage 4, speak: segments → validated clips, through one TTS engine.

Text longer than the engine's limit is chunked here (never inside the engine), every
engine call is counted, and every clip is validated: an engine that answers with nothing,
silence or an implausibly short sound fails the segment instead of leaving a gap.
"""

from __future__ import annotations

from collections import Counter

from .audio import resample, to_segment
from .chunking import split_text
from .engines.base import TTSEngine
from .errors import EngineError
from .models import Clip
from .plan import Unit

# A real voice needs at least this long per word; anything shorter is a broken reply.
MIN_MS_PER_WORD = 40
# ... and no voice takes this long per character (catches runaway or looping audio).
MAX_MS_PER_CHAR = 1000


class SpeechService:
    """One TTS engine with chunking, call counting, validation and resampling."""

    def __init__(self, engine: TTSEngine, sample_rate: int, calls: Counter[str] | None = None):
        self.engine = engine
        self.sample_rate = sample_rate
        self.calls: Counter[str] = Counter() if calls is None else calls

    def speak(self, text: str, lang: str) -> Clip:
        """Speech for ``text`` at the service's sample rate; raises EngineError."""
        if lang not in self.engine.languages:
            raise EngineError(f"does not speak {lang!r}", engine=self.engine.name)
        pcm = bytearray()
        for chunk in split_text(text, self.engine.max_chars):
            self.calls[self.engine.name] += 1
            clip = self.engine.synthesize(chunk, lang)
            validate_clip(clip, chunk)
            pcm += resample(clip, self.sample_rate).pcm
        return Clip(pcm=bytes(pcm), sample_rate=self.sample_rate, engine=self.engine.name)


def validate_clip(clip: Clip, text: str) -> None:
    """Raise EngineError unless ``clip`` is real, audible speech of plausible length."""
    duration = clip.duration_ms
    words = max(1, len(text.split()))
    if duration <= 0:
        raise EngineError("returned an empty clip", engine=clip.engine, retryable=True)
    if duration < MIN_MS_PER_WORD * words:
        raise EngineError(
            f"returned {duration:.0f} ms of audio for {words} words: too short to be speech",
            engine=clip.engine,
            retryable=True,
        )
    if duration > MAX_MS_PER_CHAR * len(text) + 5000:
        raise EngineError(
            f"returned {duration / 1000:.0f} s of audio for {len(text)} characters",
            engine=clip.engine,
            retryable=True,
        )
    if to_segment(clip).max < 32:  # peak amplitude out of 32767
        raise EngineError("returned silence", engine=clip.engine, retryable=True)


def speak_units(units: list[Unit], service: SpeechService) -> list[list[Clip | None]]:
    """A clip for every segment with text (``None`` where the text is missing)."""
    return [[service.speak(s.text, s.lang) if s.text else None for s in unit] for unit in units]
