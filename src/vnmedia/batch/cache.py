"""Content-addressed cache of translations and synthesized clips.

A key is the SHA-256 of everything that changes a result: the kind of result, the engine
name, its ``cache_identity()`` (voice, accent, speed, options; never secrets), the
language(s) and the exact text sent to the engine. Entries are immutable files under
``<root>/<kind>/<ab>/<key>.<ext>``, written atomically, so concurrent builds and workers can
share one cache folder safely.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import wave
from dataclasses import dataclass
from pathlib import Path

from ..models import Clip, TimedWord
from .files import atomic_path
from .resilience import Tally

KINDS = {"translation": ".txt", "spoken": ".txt", "clip": ".wav", "page": ".json"}
"""translation: machine translations; spoken: normalized texts; clip: synthesized speech;
page: web pages, feeds and robots.txt as last fetched, with their validators."""


@dataclass(frozen=True)
class KindStats:
    """Size of one kind of cache entry."""

    entries: int
    bytes: int


def cache_key(kind: str, **identity: object) -> str:
    """The key of a result: a hash of its kind and everything that determines it."""
    blob = json.dumps({"kind": kind, **identity}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class Cache:
    """Translations (text) and clips (WAV) on disk; ``root=None`` disables caching."""

    def __init__(self, root: str | Path | None) -> None:
        self.root = Path(root) if root is not None else None
        self.hits = Tally()
        self.misses = Tally()

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / f"{key}{KINDS[kind]}"

    def _count(self, kind: str, hit: bool) -> None:
        (self.hits if hit else self.misses).add(kind)

    def get_text(self, kind: str, key: str) -> str | None:
        """A cached text of ``kind`` (translation, spoken), or ``None``."""
        if self.root is None:
            return None
        try:
            text = self._path(kind, key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            self._count(kind, hit=False)
            return None
        self._count(kind, hit=True)
        return text

    def put_text(self, kind: str, key: str, text: str) -> None:
        """Store a text of ``kind``."""
        if self.root is not None:
            with atomic_path(self._path(kind, key)) as temporary:
                temporary.write_text(text, encoding="utf-8")

    def get_clip(self, key: str, engine: str) -> Clip | None:
        """A cached clip, or ``None`` (a damaged entry counts as missing)."""
        if self.root is None:
            return None
        try:
            with wave.open(str(self._path("clip", key)), "rb") as wav:
                clip = Clip(
                    pcm=wav.readframes(wav.getnframes()),
                    sample_rate=wav.getframerate(),
                    engine=engine,
                    words=self._words(key),
                )
        except (OSError, EOFError, wave.Error, ValueError):
            self._count("clip", hit=False)
            return None
        self._count("clip", hit=True)
        return clip

    def _words(self, key: str) -> tuple[TimedWord, ...]:
        """The word times stored beside a clip (none for most engines)."""
        path = self._path("clip", key).with_suffix(".words.json")
        if not path.is_file():
            return ()
        return tuple(
            (str(w), float(s), float(e)) for w, s, e in json.loads(path.read_text("utf-8"))
        )

    def put_clip(self, key: str, clip: Clip) -> None:
        """Store a clip as a mono 16-bit WAV file (its word times, if any, beside it: written
        first, so a complete WAV always has them)."""
        if self.root is None:
            return
        if clip.words:
            words = self._path("clip", key).with_suffix(".words.json")
            with atomic_path(words) as temporary:
                temporary.write_text(json.dumps(clip.words, ensure_ascii=False), "utf-8")
        with (
            atomic_path(self._path("clip", key)) as temporary,
            wave.open(str(temporary), "wb") as wav,
        ):
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(clip.sample_rate)
            wav.writeframes(clip.pcm)

    def stats(self) -> dict[str, KindStats]:
        """Entries and bytes per kind."""
        result = {}
        for kind, suffix in KINDS.items():
            files = list(self.root.glob(f"{kind}/*/*{suffix}")) if self.root else []
            result[kind] = KindStats(len(files), sum(f.stat().st_size for f in files))
        return result

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        count = sum(s.entries for s in self.stats().values())
        if self.root is not None:
            for kind in KINDS:
                shutil.rmtree(self.root / kind, ignore_errors=True)
        return count
