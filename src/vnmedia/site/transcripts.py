"""Timed transcripts (WebVTT, SRT) and Podcasting 2.0 chapters, from an episode manifest.

Cues use the real segment positions recorded while assembling the audio, never estimates:
one cue per spoken title or paragraph, or, where the engine timed every word (edge), one
cue per phrase — the words between two pauses, at most ``PHRASE_WORDS`` — so captions
follow the listener. Phrase cues show the words as spoken (numbers written out).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..models import EpisodeManifest, SegmentTiming

LANGUAGES = ("vi", "en")
VOICE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
"""Each language's speaker in WebVTT (``<v Tiếng Việt>``): apps that show speakers say which
language is speaking."""
PHRASE_WORDS = 8
PHRASE_PAUSE_MS = 250
"""A silence this long between two words ends a phrase (a comma or a full stop)."""


@dataclass(frozen=True)
class Cue:
    """One timed line of a transcript: a paragraph, or a phrase of it."""

    lang: str
    start_ms: int
    end_ms: int
    text: str


def phrases(segment: SegmentTiming) -> list[Cue]:
    """The segment cut into phrases by its word times (one cue if it has none)."""
    words = segment.words or []
    if not words:
        return [Cue(segment.lang, segment.start_ms, segment.end_ms, segment.text or "")]
    phrases: list[list[tuple[str, int, int]]] = [[]]
    for word in words:
        current = phrases[-1]
        if current and (
            len(current) >= PHRASE_WORDS or word[1] - current[-1][2] >= PHRASE_PAUSE_MS
        ):
            phrases.append(current := [])
        current.append((str(word[0]), int(word[1]), int(word[2])))
    return [
        Cue(segment.lang, p[0][1], max(p[-1][2], p[0][1] + 1), " ".join(w[0] for w in p))
        for p in phrases
    ]


def _cues(manifest: EpisodeManifest, lang: str | None) -> list[Cue]:
    return [phrase for segment in _segments(manifest, lang) for phrase in phrases(segment)]


def _segments(manifest: EpisodeManifest, lang: str | None) -> list[SegmentTiming]:
    return [
        s
        for s in manifest.segments
        if s.text and s.end_ms > s.start_ms and (lang is None or s.lang == lang)
    ]


def _clock(ms: int, separator: str) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02}:{minutes:02}:{seconds:02}{separator}{millis:03}"


def _vtt_text(text: str) -> str:
    # WebVTT cue text is markup: "&" and "<" must be escaped, and "-->" cannot appear.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt(manifest: EpisodeManifest, lang: str | None = None) -> str:
    """A WebVTT file for one language, or both (``lang=None``) with voice tags."""
    lines = ["WEBVTT", ""]
    for number, cue in enumerate(_cues(manifest, lang), 1):
        text = _vtt_text(cue.text or "")
        if lang is None:
            text = f"<lang {cue.lang}>{text}</lang>"
        text = f"<v {VOICE_NAMES.get(cue.lang, cue.lang)}>{text}"
        lines += [
            f"{cue.lang}-{number}",
            f"{_clock(cue.start_ms, '.')} --> {_clock(cue.end_ms, '.')}",
            text,
            "",
        ]
    return "\n".join(lines)


def srt(manifest: EpisodeManifest, lang: str | None = None) -> str:
    """An SRT file for one language, or both."""
    blocks = []
    for number, cue in enumerate(_cues(manifest, lang), 1):
        text = " ".join((cue.text or "").split())
        blocks.append(
            f"{number}\n{_clock(cue.start_ms, ',')} --> {_clock(cue.end_ms, ',')}\n{text}\n"
        )
    return "\n".join(blocks)


def podcast_chapters(manifest: EpisodeManifest) -> str:
    """Podcasting 2.0 JSON chapters (``<slug>.chapters.json``)."""
    data: dict[str, Any] = {
        "version": "1.2.0",
        "title": manifest.title,
        "chapters": [
            {"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "title": c.title}
            for c in manifest.chapters
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def transcript_files(manifest: EpisodeManifest) -> dict[str, str]:
    """Every transcript file of an episode, by file-name suffix."""
    files = {".vtt": webvtt(manifest), ".chapters.json": podcast_chapters(manifest)}
    for lang in LANGUAGES:
        if _segments(manifest, lang):
            files[f".{lang}.vtt"] = webvtt(manifest, lang)
            files[f".{lang}.srt"] = srt(manifest, lang)
    return files


def lyrics(manifest: EpisodeManifest) -> str:
    """The bilingual transcript as plain text (the MP3's USLT frame)."""
    return "\n\n".join(segment.text or "" for segment in _segments(manifest, None))
