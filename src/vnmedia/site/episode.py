"""Stage 6, publish: episode audio → tagged MP3, transcripts and manifest in
``OUTPUT/episodes/``, and the report.

Every file is written under a temporary name in the same folder and renamed into place, so
``output/`` never holds a half-written file, whatever happens to the process.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from slugify import slugify

from ..audio.assemble import EpisodeAudio
from ..codec import encode_mp3_stream
from ..errors import StorageError
from ..models import Article, BuildReport, EpisodeManifest
from ..runtime.files import atomic_path, write_json
from ..settings import Settings
from ..text.words import StudyWord
from .tags import Cover, write_tags
from .transcripts import transcript_files

EPISODES_DIR = "episodes"
REPORT_FILE = "report.json"
WORDS_SUFFIX = ".words.tsv"
MAX_SLUG_LENGTH = 80


class SlugAllocator:
    """ASCII file names from titles, unique within one build, never escaping the folder."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken: set[str] = set(taken)

    def allocate(self, title: str) -> str:
        """``"Hà Nội: Đẩy mạnh…"`` → ``"ha-noi-day-manh"`` (``-2``, ``-3``… when taken)."""
        # slugify keeps only [a-z0-9-], so "/", "\\" and ".." cannot survive.
        base = slugify(title, max_length=MAX_SLUG_LENGTH, word_boundary=True) or "episode"
        slug, number = base, 1
        while slug in self._taken:
            number += 1
            slug = f"{base}-{number}"
        self._taken.add(slug)
        return slug


def publish_episode(
    article: Article,
    audio: EpisodeAudio,
    slug: str,
    output: Path,
    *,
    settings: Settings,
    cover: Cover,
    fingerprint: str = "",
    episode: int = 0,
    voices: dict[str, str] | None = None,
    glossary_misses: list[str] | None = None,
    description: str | None = None,
    articles: list[dict[str, Any]] | None = None,
    missing: list[dict[str, Any]] | None = None,
    sentences: dict[str, int] | None = None,
    doubts: list[dict[str, Any]] | None = None,
    translator: str = "",
    words: list[StudyWord] | None = None,
    readings_to_check: list[dict[str, str]] | None = None,
) -> Path:
    """Encode and tag the MP3, then write its transcripts and manifest; returns the MP3 path.

    Every file goes through a temporary name, and the manifest comes last: a manifest
    next to an MP3 means the episode is complete.
    """
    folder = output / EPISODES_DIR
    mp3_path = folder / f"{slug}.mp3"
    manifest = EpisodeManifest(
        title=article.title,
        source=article.source,
        audio=mp3_path.name,
        duration_ms=audio.duration_ms,
        segments=audio.timings,
        fingerprint=fingerprint,
        chapters=audio.chapters,
        slug=slug,
        episode=episode,
        published=article.published or _published(article.source),
        description=description or (article.paragraphs[0].text if article.paragraphs else ""),
        title_derived=article.title_derived,
        title_by=article.title_by,
        voices=dict(voices or {}),
        glossary_misses=list(glossary_misses or []),
        url=article.url,
        author=article.author,
        articles=list(articles or []),
        missing=list(missing or []),
        sentences=dict(sentences or {}),
        doubts=list(doubts or []),
        translator=translator,
        words=[asdict(word) for word in words or ()],
        readings_to_check=list(readings_to_check or []),
    )
    transcripts = transcript_files(manifest)
    if words:
        transcripts[WORDS_SUFFIX] = words_tsv(words)
    try:
        with atomic_path(mp3_path) as temporary:
            encode_mp3_stream(
                (chunk.data for chunk in audio.chunks()),
                temporary,
                sample_rate=audio.sample_rate,
                bitrate=settings.bitrate,
                quality=settings.mp3_quality,
            )
            write_tags(temporary, manifest, settings, cover)
        for suffix, text in transcripts.items():
            with atomic_path(folder / f"{slug}{suffix}") as temporary:
                temporary.write_text(text, encoding="utf-8")
        write_json(folder / f"{slug}.json", manifest.to_dict())
    except StorageError:
        # The disk filled up midway: no episode rather than half of one (a new MP3 beside
        # an old manifest). The rerun makes it whole from the cache.
        # (A folder that refused the write may refuse the removal too: the error to tell
        # is the first one, and what could not be removed was not written either.)
        for path in [
            mp3_path,
            folder / f"{slug}.json",
            *(folder / f"{slug}{s}" for s in transcripts),
        ]:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        raise
    return mp3_path


def words_tsv(words: list[StudyWord]) -> str:
    """The ``.words.tsv`` beside an episode: a word a line, rarest in the news first."""
    rows = ["word\tenglish\tper_million\tsentence"] + [
        "\t".join([w.word, w.english or "", f"{w.per_million:g}", w.sentence]) for w in words
    ]
    return "\n".join(rows) + "\n"


def _published(source: str) -> str:
    """When the source file last changed, in UTC: stable for as long as the file is."""
    try:
        stamp = os.stat(source).st_mtime
    except OSError:
        stamp = 0.0
    return datetime.fromtimestamp(stamp, tz=UTC).isoformat(timespec="seconds")


def write_report(report: BuildReport, output: Path) -> Path:
    """Write ``report.json`` in the output folder."""
    path = output / REPORT_FILE
    write_json(path, report.to_dict())
    return path
