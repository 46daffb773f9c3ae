"""Stage 6, publish: episode audio → MP3 + manifest in ``OUTPUT/episodes/``, and the report.

Every file is written under a temporary name in the same folder and renamed into place, so
``output/`` never holds a half-written file, whatever happens to the process.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from slugify import slugify

from .assemble import EpisodeAudio
from .audio import encode_mp3, to_segment
from .models import Article, BuildReport, Clip, EpisodeManifest

EPISODES_DIR = "episodes"
REPORT_FILE = "report.json"
MAX_SLUG_LENGTH = 80


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place only on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp" + path.suffix, dir=path.parent
    )
    os.close(handle)
    try:
        yield Path(temporary)
        # mkstemp creates files readable by the owner only; published files follow the umask.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` as pretty UTF-8 JSON, atomically."""
    with atomic_path(path) as temporary:
        temporary.write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


class SlugAllocator:
    """ASCII file names from titles, unique within one build, never escaping the folder."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

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
    article: Article, audio: EpisodeAudio, slug: str, output: Path, *, bitrate: str
) -> Path:
    """Encode the MP3 and write its manifest; returns the MP3's path."""
    folder = output / EPISODES_DIR
    mp3_path = folder / f"{slug}.mp3"
    clip = Clip(pcm=audio.pcm, sample_rate=audio.sample_rate, engine="episode")
    with atomic_path(mp3_path) as temporary:
        encode_mp3(to_segment(clip), temporary, bitrate=bitrate)
    manifest = EpisodeManifest(
        title=article.title,
        source=article.source,
        audio=mp3_path.name,
        duration_ms=audio.duration_ms,
        segments=audio.timings,
    )
    write_json(folder / f"{slug}.json", manifest.to_dict())
    return mp3_path


def write_report(report: BuildReport, output: Path) -> Path:
    """Write ``report.json`` in the output folder."""
    path = output / REPORT_FILE
    write_json(path, report.to_dict())
    return path
