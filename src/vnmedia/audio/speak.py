"""Stage 4, speak: segments → validated clips, through one TTS engine.

Text longer than the engine's limit is chunked here (never inside the engine); each chunk is
looked up in the cache first, every engine request goes through its service's guard and is
counted, and every clip is validated: an engine that answers with nothing, silence or an
implausibly short sound fails the segment instead of leaving a gap in the episode.
"""

from __future__ import annotations

from collections.abc import Callable

from ..codec import decode_mp3, resample, time_stretch, to_segment
from ..engines.base import TTSEngine
from ..errors import EngineError
from ..models import Clip, Segment, Unit
from ..runtime.cache import Cache, cache_key
from ..runtime.resilience import Guards, Tally
from ..text.chunking import split_text
from ..translation.translate import Mapper
from .drill import PACE_RANGE
from .spool import StoredClip

# A real voice needs at least this long per word; anything shorter is a broken reply.
MIN_MS_PER_WORD = 40
# ... and no voice takes this long per character (catches runaway or looping audio).
MAX_MS_PER_CHAR = 1000
# A drill step spoken at another pace may be this far off its length before it is stretched.
PACE_TOLERANCE = 0.03


class SpeechService:
    """One TTS engine with chunking, caching, guarded calls, validation and resampling."""

    def __init__(
        self,
        engine: TTSEngine,
        sample_rate: int,
        *,
        cache: Cache | None = None,
        guards: Guards | None = None,
        calls: Tally | None = None,
        speeds: dict[str, float] | None = None,
    ) -> None:
        self.engine = engine
        self.speeds = speeds or {}
        """Pace per language; applied here (time-stretch) unless the engine applies it."""
        self.sample_rate = sample_rate
        self.cache = cache or Cache(None)
        self.guards = guards or Guards(rate=0)
        self.calls = calls or Tally()

    def speak(self, text: str, lang: str, pace: float = 1.0) -> Clip:
        """Speech for ``text`` at the service's sample rate, ``pace`` times as fast as the
        language's usual pace (a drill step); raises EngineError."""
        if lang not in self.engine.languages:
            raise EngineError(f"does not speak {lang!r}", engine=self.engine.name)
        chunks = [
            self._speak_chunk(c, lang) if pace == 1.0 else self._speak_chunk_at(c, lang, pace)
            for c in split_text(text, self.engine.max_chars)
        ]
        words, offset = [], 0.0
        for chunk in chunks:  # word times move on by the chunks spoken before
            words += [(word, offset + start, offset + end) for word, start, end in chunk.words]
            offset += chunk.duration_ms
        pcm = b"".join(chunk.pcm for chunk in chunks)
        return Clip(pcm, self.sample_rate, self.engine.name, tuple(words))

    def _decode(self, data: bytes) -> Clip:
        """A kept MP3 back into the clip it was (the engine's own decoding, at this rate)."""
        return decode_mp3(data, engine=self.engine.name, sample_rate=self.sample_rate)

    def _key(self, chunk: str, lang: str, pace: float = 1.0) -> str:
        stretch = self._stretch(lang)
        return cache_key(
            "clip",
            engine=self.engine.name,
            options=self.engine.cache_identity(),
            lang=lang,
            sample_rate=self.sample_rate,
            text=chunk,
            # Only when set, so clips cached before --speed existed keep their keys.
            **({"stretch": stretch} if stretch != 1.0 else {}),
            **({"pace": pace} if pace != 1.0 else {}),
        )

    def _requested(self, chunk: str, synthesize: Callable[[], Clip]) -> Clip:
        """One engine request: guarded, counted, validated, resampled to the service's rate."""

        def request() -> Clip:
            self.calls.add(self.engine.name)
            clip = synthesize()
            # Inside the guarded call: a broken clip is retried like any failed request.
            validate_clip(clip, chunk)
            return clip

        return resample(self.guards.call(self.engine.service, request), self.sample_rate)

    def _stretch(self, lang: str) -> float:
        """How much the usual clip of ``lang`` is stretched (``--speed``, for an engine that
        cannot speak at it itself)."""
        return 1.0 if self.engine.speaks_at_speed else self.speeds.get(lang, 1.0)

    def _through_cache(self, key: str, make: Callable[[], Clip]) -> Clip:
        """The clip cached under ``key``, else ``make()``'s, cached."""
        cached = self.cache.get_clip(key, self.engine.name, self._decode)
        if cached is not None:
            return cached
        clip = make()
        self.cache.put_clip(key, clip)
        return clip

    def _speak_chunk(self, chunk: str, lang: str) -> Clip:
        def make() -> Clip:
            clip = self._requested(chunk, lambda: self.engine.synthesize(chunk, lang))
            return time_stretch(clip, self._stretch(lang))

        return self._through_cache(self._key(chunk, lang), make)

    def _speak_chunk_at(self, chunk: str, lang: str, pace: float) -> Clip:
        """A chunk at another pace, cached apart: the engine's own rate when it has one
        (brought to the exact length when it misses by more than 3 %: gTTS's one slow
        speed, espeak's words a minute), else the usual clip (cached or made once)
        time-stretched, its pitch kept."""
        engine = self.engine

        def make() -> Clip:
            if not engine.varies_pace:
                return time_stretch(self._speak_chunk(chunk, lang), pace)
            clip = self._requested(chunk, lambda: engine.synthesize_at(chunk, lang, pace))
            wanted_ms = self._speak_chunk(chunk, lang).duration_ms / pace
            off = clip.duration_ms / wanted_ms
            if abs(off - 1) > PACE_TOLERANCE:
                clip = time_stretch(clip, min(PACE_RANGE[1], max(PACE_RANGE[0], off)))
            return clip

        return self._through_cache(self._key(chunk, lang, pace), make)


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


def speak_units(
    units: list[Unit],
    service: SpeechService,
    mapper: Mapper[tuple[str, str, float], Clip] = map,
    keep: Callable[[Clip | None], StoredClip | None] | None = None,
) -> list[list[Clip | StoredClip | None]]:
    """A clip for every segment with text (``None`` where the text is missing).

    ``mapper`` may run the segments concurrently; the result keeps the plan's order.
    ``keep`` takes each clip as it comes back and returns what to hold in its place
    (:meth:`~vnmedia.audio.spool.ClipSpool.keep`: a stand-in whose samples wait on disk),
    so the episode's clips need not all be in memory at once.
    """

    segments = [segment for unit in units for segment in unit]
    # A drill says a sentence more than once: each (text, language, pace) is spoken once,
    # and the usual paces first, so a slower step finds its usual clip in the cache.
    wanted = dict.fromkeys(_request(s) for s in segments if s.speech)
    clips: dict[tuple[str, str, float], Clip | StoredClip | None] = {}
    for usual in (True, False):
        batch = [r for r in wanted if (r[2] == 1.0) is usual]
        spoken = mapper(lambda r: service.speak(*r), batch)
        clips.update(zip(batch, [keep(clip) for clip in spoken] if keep else spoken, strict=True))
    flat = [clips[_request(s)] if s.speech else None for s in segments]
    result, at = [], 0
    for unit in units:
        result.append(flat[at : at + len(unit)])
        at += len(unit)
    return result


def _request(segment: Segment) -> tuple[str, str, float]:
    """What a segment asks of the speech service: its text, language and pace."""
    return segment.speech or "", segment.lang, segment.pace
