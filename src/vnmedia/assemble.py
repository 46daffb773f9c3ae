"""Stage 5, assemble: clips and pauses → one episode's audio and the segment positions.

Clips are joined once (``b"".join``), not with pydub's ``+`` in a loop, which copies the
whole episode at every step (quadratic; DESIGN.md). Positions are computed from sample
counts, so they are exactly where each segment sits in the audio.
"""

from __future__ import annotations

from dataclasses import dataclass

from .audio import SAMPLE_WIDTH
from .models import Chapter, Clip, SegmentTiming
from .plan import Unit

CHAPTER_TITLE_WORDS = 8


@dataclass(frozen=True)
class EpisodeAudio:
    """The assembled episode: PCM and where each segment is."""

    pcm: bytes
    sample_rate: int
    timings: list[SegmentTiming]
    chapters: list[Chapter]

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
    intro: Clip | None = None,
    outro: Clip | None = None,
) -> EpisodeAudio:
    """Lay the clips out unit by unit with pauses; missing clips take no time.

    An intro and an outro (already faded) go before and after, a paragraph pause apart.
    """
    parts: list[bytes] = []
    timings: list[SegmentTiming] = []
    chapters: list[Chapter] = []
    position = 0  # in samples

    def silence(ms: int) -> bytes:
        return b"\x00" * (SAMPLE_WIDTH * (sample_rate * ms // 1000))

    def to_ms(samples: int) -> int:
        return round(samples * 1000 / sample_rate)

    pause_lang, pause_paragraph = silence(pause_lang_ms), silence(pause_paragraph_ms)
    if intro is not None:
        parts += [intro.pcm, pause_paragraph]
        position += (len(intro.pcm) + len(pause_paragraph)) // SAMPLE_WIDTH
    for unit_number, (unit, unit_clips) in enumerate(zip(units, clips, strict=True)):
        if unit_number:
            parts.append(pause_paragraph)
            position += len(pause_paragraph) // SAMPLE_WIDTH
        chapters.append(Chapter(chapter_title(unit), to_ms(position), 0))
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
    if outro is not None:
        parts += [pause_paragraph, outro.pcm]
        position += (len(pause_paragraph) + len(outro.pcm)) // SAMPLE_WIDTH
    # A chapter runs until the next one starts; the last one to the end of the audio.
    ends = [c.start_ms for c in chapters[1:]] + [to_ms(position)]
    for chapter, end in zip(chapters, ends, strict=True):
        chapter.end_ms = end
    return EpisodeAudio(
        pcm=b"".join(parts), sample_rate=sample_rate, timings=timings, chapters=chapters
    )


def chapter_title(unit: Unit) -> str:
    """The title for a unit's chapter: the headline, a new section, or the opening words."""
    first = unit[0]
    text = next((s.text for s in unit if s.text), "") or ""
    if first.kind == "title":
        return text
    words = text.split()
    opening = " ".join(words[:CHAPTER_TITLE_WORDS]) + (
        "…" if len(words) > CHAPTER_TITLE_WORDS else ""
    )
    return f"{first.section}: {opening}" if first.section else opening
