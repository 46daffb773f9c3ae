"""ID3v2 tags for podcast apps: metadata, cover art, transcript, chapters (mutagen).

Chapters are ID3 CHAP frames listed, in time order, by one top-level CTOC frame, and
stored in time order too: mutagen stores frames by size (DESIGN.md), and players that read
the CHAP frames as they come, not through the CTOC, would list the chapters shuffled.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    TRCK,
    TXXX,
    USLT,
    CTOCFlags,
)
from mutagen.id3._tags import save_frame

from ..errors import ConfigError
from ..models import EpisodeManifest
from ..settings import Settings
from .transcripts import lyrics

COVER_SIZE = 1400
"""Podcast directories want square covers of 1400–3000 pixels."""


@dataclass(frozen=True)
class Cover:
    """Cover art bytes and their type."""

    data: bytes
    mime: str


def load_cover(settings: Settings) -> Cover:
    """The configured cover image, or a plain one generated from the show's title."""
    if settings.show_image:
        path = Path(settings.show_image)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cover image {path} cannot be read: {exc.strerror}") from exc
        mime = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
        return Cover(data, mime)
    return Cover(plain_cover(settings.show_title), "image/png")


@lru_cache(maxsize=8)
def plain_cover(title: str) -> bytes:
    """A square PNG: "VI | EN" on a deep blue, and the show's title when it is plain ASCII.

    Drawn once per process and title (the build and the feed both need it).

    Pillow's built-in font has no Vietnamese letters, and vnmedia ships no font; a producer
    who wants the title on the cover configures ``show_image``.
    """
    from PIL import Image, ImageDraw, ImageFont

    size = COVER_SIZE
    image = Image.new("RGB", (size, size), (18, 52, 96))
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 80, size - 80, size - 80), outline=(244, 184, 64), width=12)
    big = ImageFont.load_default(size=300)
    draw.text((size // 2 - 60, size // 2 - 80), "VI", font=big, fill="white", anchor="rm")
    draw.text((size // 2 + 60, size // 2 - 80), "EN", font=big, fill=(244, 184, 64), anchor="lm")
    draw.line((size // 2, size // 2 - 260, size // 2, size // 2 + 100), fill="white", width=10)
    if title.isascii():
        font = ImageFont.load_default(size=90)
        draw.text((size // 2, size - 300), title[:28], font=font, fill="white", anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


class _ChaptersInTimeOrder(ID3):
    """An ID3 tag whose CHAP frames are stored by start time, after the other frames.

    mutagen sorts the frames it writes by a priority, then by size: chapters come out in
    the order of their titles' lengths. The one method that lays out the frames is taken
    over for the chapters; mutagen's own order stands for the rest.
    """

    def _write(self, config: object) -> bytes:
        chapters = sorted(self.getall("CHAP"), key=lambda chap: chap.start_time)
        self.delall("CHAP")
        try:
            others: bytes = super()._write(config)
        finally:
            for chapter in chapters:
                self.add(chapter)
        return bytes(others) + b"".join(save_frame(chap, config=config) for chap in chapters)


def write_tags(path: Path, manifest: EpisodeManifest, settings: Settings, cover: Cover) -> None:
    """Write the episode's ID3v2.3 tag into the MP3 at ``path``."""
    tag = _ChaptersInTimeOrder()
    tag.add(TIT2(encoding=3, text=manifest.title))
    tag.add(TALB(encoding=3, text=settings.show_title))
    tag.add(TPE1(encoding=3, text=settings.show_author))
    if manifest.published:
        tag.add(TDRC(encoding=3, text=manifest.published[:10]))
    tag.add(TLAN(encoding=3, text=["vie", "eng"]))
    if manifest.episode:
        tag.add(TRCK(encoding=3, text=str(manifest.episode)))
    tag.add(COMM(encoding=3, lang="vie", desc="", text=manifest.description))
    if manifest.voices:
        voices = "; ".join(f"{lang}={voice}" for lang, voice in manifest.voices.items())
        tag.add(TXXX(encoding=3, desc="voices", text=voices))
    tag.add(APIC(encoding=3, mime=cover.mime, type=3, desc="Cover", data=cover.data))
    tag.add(USLT(encoding=3, lang="vie", desc="transcript", text=lyrics(manifest)))
    ids = [f"chp{number}" for number in range(len(manifest.chapters))]
    tag.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text=manifest.title)],
        )
    )
    for element_id, chapter in zip(ids, manifest.chapters, strict=True):
        tag.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    tag.save(str(path), v2_version=3)
