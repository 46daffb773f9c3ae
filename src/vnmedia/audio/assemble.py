"""Stage 5, assemble: clips and pauses → one episode's audio and the segment positions.

Assembly lays the clips out: where each starts, at what gain. The audio itself is made a
chunk at a time when it is read (:meth:`EpisodeAudio.chunks`), from clips held in memory
or waiting in a :class:`~vnmedia.audio.spool.ClipSpool`, so an episode of any length takes
the memory of one chunk; clips are never joined with pydub's ``+`` in a loop, which copies
the whole episode at every step (quadratic; DESIGN.md). Positions are computed from
sample counts, so they are exactly where each segment sits in the audio.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

import numpy as np
from numpy.typing import NDArray

from ..codec import SAMPLE_WIDTH
from ..models import Chapter, Clip, SegmentTiming, Unit
from .loudness import (
    VoiceLevels,
    apply_mastering,
    chunk_frames,
    clip_energy,
    lay_out_energy,
    mastering_gains,
)
from .spool import StoredClip

AnyClip = Clip | StoredClip
"""A clip in memory, or one kept on disk while the episode is made."""


def clip_frames(clip: AnyClip) -> int:
    """How many samples a clip has."""
    return clip.frames if isinstance(clip, StoredClip) else len(clip.pcm) // SAMPLE_WIDTH


def clip_samples(clip: AnyClip, start: int, stop: int) -> NDArray[np.int16]:
    """Samples ``start`` to ``stop`` of a clip."""
    if isinstance(clip, StoredClip):
        return clip.read(start, stop)
    return np.frombuffer(clip.pcm, dtype="<i2")[start:stop]


@dataclass(frozen=True)
class Placement:
    """A clip laid out in the episode: from which sample, at what gain."""

    at: int
    clip: AnyClip
    gain: float

    @property
    def end(self) -> int:
        """The sample after its last."""
        return self.at + clip_frames(self.clip)


CHAPTER_TITLE_WORDS = 8
MAX_CHAPTERS = 200
"""ID3 counts a table of contents' entries in one byte; players list far fewer anyway."""


@dataclass
class EpisodeAudio:
    """The assembled episode: where each clip and segment is, and the audio on demand."""

    placements: list[Placement]
    """In order; they never overlap, and the gaps between them are silence."""
    frames: int
    """Length in samples."""
    sample_rate: int
    timings: list[SegmentTiming]
    chapters: list[Chapter]
    energy: NDArray[np.float64] | None = None
    """Its K-weighted block energies, laid out from the clips' when they were measured."""
    mastering: NDArray[np.float32] | None = field(default=None, repr=False)
    """The gains :meth:`master` found (``loudness.mastering_gains``), applied by
    :meth:`chunks`."""

    @property
    def duration_ms(self) -> int:
        """Length of the episode in whole milliseconds."""
        return round(self.frames / self.sample_rate * 1000)

    def master(self) -> None:
        """Find the gains that bring the episode to the target loudness (one read of it);
        :meth:`chunks` applies them from then on."""
        self.mastering = mastering_gains(self._laid_out(), self.sample_rate, self.energy)

    def chunks(self) -> Iterator[NDArray[np.int16]]:
        """The episode's 16-bit samples, chunk after chunk (mastered, once :meth:`master`
        ran): made as they are read, so only one chunk is in memory."""
        laid_out = self._laid_out()
        if self.mastering is None:
            return laid_out
        return apply_mastering(laid_out, self.mastering, self.sample_rate)

    @property
    def pcm(self) -> bytes:
        """All of the audio at once, as 16-bit PCM (for short episodes and the tests)."""
        return b"".join(chunk.tobytes() for chunk in self.chunks())

    def _laid_out(self) -> Iterator[NDArray[np.int16]]:
        step = chunk_frames(self.sample_rate)
        first = 0  # the first placement that may reach into the chunk
        for start in range(0, self.frames, step):
            stop = min(start + step, self.frames)
            chunk = np.zeros(stop - start, dtype="<i2")  # the pauses are there already
            while first < len(self.placements) and self.placements[first].end <= start:
                first += 1
            for placed in islice(self.placements, first, None):
                if placed.at >= stop:
                    break
                low, high = max(placed.at, start), min(placed.end, stop)
                part = clip_samples(placed.clip, low - placed.at, high - placed.at)
                if placed.gain != 1.0:
                    scaled = part.astype(np.float32) * np.float32(placed.gain)
                    part = np.clip(np.round(scaled), -32768, 32767).astype("<i2")
                chunk[low - start : high - start] = part
            yield chunk


def assemble(
    units: list[Unit],
    clips: list[list[AnyClip | None]],
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
    segments the plan marks (``repeat_after``: a sentence's last step, by default) are
    followed by ``pause_repeat`` times their own length (to repeat them aloud).
    ``levels`` (:func:`~vnmedia.audio.loudness.measure_voices` on the clips, in order)
    level the voices as the clips are copied in, and their energies are laid out beside
    the audio for mastering. No audio is made here: :meth:`EpisodeAudio.chunks` makes it
    as it is read, in linear time.
    """
    # (position in samples, clip, gain, its energies when measured)
    placed: list[tuple[int, AnyClip, float, NDArray[np.float64] | None]] = []
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

    def place(clip: AnyClip, gain: float = 1.0, energy: NDArray[np.float64] | None = None) -> None:
        nonlocal position
        if clip.sample_rate != sample_rate:
            raise ValueError("clips must be resampled to the episode rate first")
        placed.append((position, clip, gain, energy))
        position += clip_frames(clip)

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
        for segment, clip in zip(unit, unit_clips, strict=True):
            energy = next(energies, None)
            if clip is not None and spoken_in_unit:
                new_pair = segment.sentence and segment.sentence != sentence
                position += pause_sentence if new_pair else pause_lang
            start = end = position
            if clip is not None:
                place(clip, gains.get(segment.lang, 1.0), energy)
                spoken_in_unit += 1
                sentence, end = segment.sentence, position
                if segment.repeat_after:  # time to say it again, aloud
                    position += round(pause_repeat * clip_frames(clip))
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
                    pace=segment.pace,
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
    energy = None
    if levels is not None:
        # The intro and outro were not among the measured clips: measured here.
        energy = lay_out_energy(
            [(at, e if e is not None else _energy(clip), g) for at, clip, g, e in placed],
            position,
            sample_rate,
        )
    placements = [Placement(at, clip, gain) for at, clip, gain, _ in placed]
    return EpisodeAudio(placements, position, sample_rate, timings, chapters, energy)


def _energy(clip: AnyClip) -> NDArray[np.float64]:
    return clip.energy if isinstance(clip, StoredClip) else clip_energy(clip)


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
    if not first.section or text == first.section:
        return opening  # a spoken subheading names its own chapter
    return f"{first.section}: {opening}"
