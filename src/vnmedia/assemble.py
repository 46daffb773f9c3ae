"""Stage 5, assemble: clips and pauses → one episode's audio and the segment positions.

Clips are joined once (``b"".join``), not with pydub's ``+`` in a loop, which copies the
whole episode at every step (quadratic; DESIGN.md). Positions are computed from sample
counts, so they are exactly where each segment sits in the audio.
"""

from __future__ import annotations

from dataclasses import dataclass

from .audio import SAMPLE_WIDTH
from .models import Clip, SegmentTiming
from .plan import Unit


@dataclass(frozen=True)
class EpisodeAudio:
    """The assembled episode: PCM and where each segment is."""

    pcm: bytes
    sample_rate: int
    timings: list[SegmentTiming]

    @property
    def duration_ms(self) -> int:
        """Length of the episode in whole milliseconds."""
        return round(len(self.pcm) / SAMPLE_WIDTH / self.sample_rate * 1000)


def assemble(
    units: list[Unit],
    clips: list[list[Clip | None]],
    *,
    sample_rate: int,
    pause_lang_ms: int,
    pause_paragraph_ms: int,
) -> EpisodeAudio:
    """Lay the clips out unit by unit with pauses; missing clips take no time."""
    parts: list[bytes] = []
    timings: list[SegmentTiming] = []
    position = 0  # in samples

    def silence(ms: int) -> bytes:
        return b"\x00" * (SAMPLE_WIDTH * (sample_rate * ms // 1000))

    def to_ms(samples: int) -> int:
        return round(samples * 1000 / sample_rate)

    pause_lang, pause_paragraph = silence(pause_lang_ms), silence(pause_paragraph_ms)
    for unit_number, (unit, unit_clips) in enumerate(zip(units, clips, strict=True)):
        if unit_number:
            parts.append(pause_paragraph)
            position += len(pause_paragraph) // SAMPLE_WIDTH
        spoken_in_unit = 0
        for segment, clip in zip(unit, unit_clips, strict=True):
            if clip is not None and spoken_in_unit:
                parts.append(pause_lang)
                position += len(pause_lang) // SAMPLE_WIDTH
            start = position
            if clip is not None:
                if clip.sample_rate != sample_rate:
                    raise ValueError("clips must be resampled to the episode rate first")
                parts.append(clip.pcm)
                position += len(clip.pcm) // SAMPLE_WIDTH
                spoken_in_unit += 1
            timings.append(
                SegmentTiming(
                    kind=segment.kind,
                    index=segment.index,
                    lang=segment.lang,
                    text=segment.text,
                    start_ms=to_ms(start),
                    end_ms=to_ms(position),
                    engine=clip.engine if clip is not None else None,
                    translation=segment.translation,
                    section=segment.section,
                    spoken=segment.spoken,
                )
            )
    return EpisodeAudio(pcm=b"".join(parts), sample_rate=sample_rate, timings=timings)
