"""Stage 5, assemble: clips and pauses → one episode's audio and the segment positions.

Clips are copied once into one preallocated buffer, not joined with pydub's ``+`` in a
loop, which copies the whole episode at every step (quadratic; DESIGN.md). Positions are
computed from sample counts, so they are exactly where each segment sits in the audio.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..codec import SAMPLE_WIDTH
from ..models import Chapter, Clip, SegmentTiming, Unit
from .loudness import VoiceLevels, clip_energy, lay_out_energy

CHAPTER_TITLE_WORDS = 8
MAX_CHAPTERS = 200
"""ID3 counts a table of contents' entries in one byte; players list far fewer anyway."""


@dataclass(frozen=True)
class EpisodeAudio:
    """The assembled episode: PCM and where each segment is."""

    pcm: bytearray
    """16-bit mono PCM; a bytearray so mastering can work on it in place."""
    sample_rate: int
    timings: list[SegmentTiming]
    chapters: list[Chapter]
    energy: NDArray[np.float64] | None = None
    """Its 1 ms K-weighted energies, laid out from the clips' when they were measured."""

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
    levels: VoiceLevels | None = None,
    chapter_marks: dict[int, str] | None = None,
    between: Clip | None = None,
    between_before: frozenset[int] = frozenset(),
    pause_sentence_ms: int = 0,
    pause_repeat: float = 0.0,
) -> EpisodeAudio:
    """Lay the clips out unit by unit with pauses; missing clips take no time.

    An intro and an outro (already faded) go before and after, a paragraph pause apart.
    Chapters start at every unit, or only at the units ``chapter_marks`` names (unit index
    → chapter title: a bulletin's articles); ``between`` is played before the units
    ``between_before`` names (the articles after the first), a paragraph pause after it.
    Sentence pairs (``--interleave sentence``) are ``pause_sentence_ms`` apart, and the
    second language of each is followed by ``pause_repeat`` times its own length (to
    repeat it aloud).
    ``levels`` (:func:`~vnmedia.audio.loudness.measure_voices` on the clips, in order)
    level the voices as the clips are copied in, and their energies are laid out beside
    the audio for mastering. The audio is written once into one preallocated buffer:
    linear time, and no copy beyond it.
    """
    # (position in samples, clip, gain, its energies when measured)
    placed: list[tuple[int, Clip, float, NDArray[np.float64] | None]] = []
    timings: list[SegmentTiming] = []
    chapters: list[Chapter] = []
    gains = levels.gains if levels else {}
    headroom = levels.headroom if levels else 1.0
    energies = iter(levels.energies if levels else ())
    position = 0
    pause_lang = sample_rate * pause_lang_ms // 1000
    pause_paragraph = sample_rate * pause_paragraph_ms // 1000
    pause_sentence = sample_rate * pause_sentence_ms // 1000

    def to_ms(samples: int) -> int:
        return round(samples * 1000 / sample_rate)

    def place(clip: Clip, gain: float = 1.0, energy: NDArray[np.float64] | None = None) -> None:
        nonlocal position
        if clip.sample_rate != sample_rate:
            raise ValueError("clips must be resampled to the episode rate first")
        placed.append((position, clip, gain, energy))
        position += len(clip.pcm) // SAMPLE_WIDTH

    if intro is not None:
        place(intro, headroom)
        position += pause_paragraph
    for unit_number, (unit, unit_clips) in enumerate(zip(units, clips, strict=True)):
        if unit_number:
            position += pause_paragraph
        if between is not None and unit_number in between_before:
            place(between, headroom)
            position += pause_paragraph
        if chapter_marks is None:
            chapters.append(Chapter(chapter_title(unit), to_ms(position), 0))
        elif unit_number in chapter_marks:
            chapters.append(Chapter(chapter_marks[unit_number], to_ms(position), 0))
        spoken_in_unit, sentence = 0, 0
        for at, (segment, clip) in enumerate(zip(unit, unit_clips, strict=True)):
            energy = next(energies, None)
            if clip is not None and spoken_in_unit:
                new_pair = segment.sentence and segment.sentence != sentence
                position += pause_sentence if new_pair else pause_lang
            start = end = position
            if clip is not None:
                place(clip, gains.get(segment.lang, 1.0), energy)
                spoken_in_unit += 1
                sentence, end = segment.sentence, position
                pair_ends = at + 1 == len(unit) or unit[at + 1].sentence != segment.sentence
                if segment.sentence and pair_ends:  # time to say it again, aloud
                    position += round(pause_repeat * len(clip.pcm) / SAMPLE_WIDTH)
            timings.append(
                SegmentTiming(
                    kind=segment.kind,
                    index=segment.index,
                    lang=segment.lang,
                    text=segment.text,
                    start_ms=to_ms(start),
                    end_ms=to_ms(end),
                    engine=clip.engine if clip is not None else None,
                    translation=segment.translation,
                    section=segment.section,
                    spoken=segment.spoken,
                    article=segment.article,
                    sentence=segment.sentence,
                    words=[
                        (word, to_ms(start) + round(begin), to_ms(start) + round(end))
                        for word, begin, end in clip.words
                    ]
                    if clip is not None and clip.words
                    else None,
                )
            )
    if outro is not None:
        position += pause_paragraph
        place(outro, headroom)
    if len(chapters) > MAX_CHAPTERS:
        # A very long episode: each chapter spans several paragraphs.
        step = -(-len(chapters) // MAX_CHAPTERS)
        chapters = [chapters[0], *chapters[1::step]]
    # A chapter runs until the next one starts; the last one to the end of the audio.
    ends = [c.start_ms for c in chapters[1:]] + [to_ms(position)]
    for chapter, end in zip(chapters, ends, strict=True):
        chapter.end_ms = end
    pcm = bytearray(position * SAMPLE_WIDTH)  # zeros: the pauses are already there
    samples = np.frombuffer(pcm, dtype="<i2")
    for at, clip, gain, _ in placed:
        source = np.frombuffer(clip.pcm, dtype="<i2")
        if gain == 1.0:
            samples[at : at + len(source)] = source
        else:
            scaled = source.astype(np.float32) * np.float32(gain)
            samples[at : at + len(source)] = np.clip(np.round(scaled), -32768, 32767)
    energy = None
    if levels is not None:
        # The intro and outro were not among the measured clips: measured here.
        energy = lay_out_energy(
            [(at, e if e is not None else clip_energy(clip), g) for at, clip, g, e in placed],
            position,
            sample_rate,
        )
    return EpisodeAudio(pcm, sample_rate, timings, chapters, energy)


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
