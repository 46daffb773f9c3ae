"""Content-addressed cache of translations, spoken forms, clips and web pages, bounded in size.

A key is the SHA-256 of everything that changes a result: the kind of result, the engine
name, its ``cache_identity()`` (voice, accent, speed, options; never secrets), the
language(s) and the exact text sent to the engine. Entries are immutable files under
``<root>/<kind>/<ab>/<key>.<ext>``, written atomically, so concurrent builds and workers can
share one cache folder safely.

- **Compact clips.** A clip an online voice sent as MP3 (gTTS, edge) is kept as those bytes
  (decoding them again gives the very same samples); others as FLAC (lossless), about half
  the size of WAV. Either way episodes rebuild byte-identical.
- **Last use.** Every hit sets the entry's modification time to now (one ``utime`` call):
  entries are written once and never changed, so that time is the entry's last use.
- **A bound.** :meth:`Cache.evict` removes the least recently used clips until the cache is
  under its size, never an entry used since the build began (its time says so, whichever
  process used it). Text entries (translations, spoken forms, pages) are small and costly to
  make again: they go only when clips alone cannot bring the cache under its bound, or when
  :meth:`Cache.prune` is asked to drop entries unused for a given time.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import time
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import soundfile
from filelock import FileLock

from ..errors import VnmediaError
from ..models import Clip, TimedWord
from .files import atomic_path, refused_writes
from .resilience import Tally

KINDS = {"translation": ".txt", "spoken": ".txt", "clip": ".flac", "page": ".json"}
"""translation: machine translations; spoken: normalized texts; clip: synthesized speech;
page: web pages, feeds and robots.txt as last fetched, with their validators."""
LEGACY_CLIP = ".wav"
"""Clips cached before FLAC: still read, and evicted like the others."""
ENCODED_CLIP = ".mp3"
"""A clip kept as the MP3 its engine sent (online voices): decoded again when used."""
TEXT_KINDS = ("translation", "spoken", "page")
EVICTION_LOCK = ".evict.lock"


@dataclass(frozen=True)
class KindStats:
    """Size of one kind of cache entry."""

    entries: int
    bytes: int
    oldest_use: float | None = None
    """Last use of the least recently used entry (seconds since the epoch)."""
    newest_use: float | None = None


@dataclass(frozen=True)
class Entry:
    """One file of the cache."""

    path: Path
    kind: str
    size: int
    last_use: float


def cache_key(kind: str, **identity: object) -> str:
    """The key of a result: a hash of its kind and everything that determines it."""
    blob = json.dumps({"kind": kind, **identity}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class Cache:
    """Results on disk; ``root=None`` disables caching. ``clock`` dates each use."""

    def __init__(self, root: str | Path | None, clock: Callable[[], float] | None = None) -> None:
        self.root = Path(root) if root is not None else None
        self.hits = Tally()
        self.misses = Tally()
        self._clock = clock or now

    def now(self) -> float:
        """The time uses are dated with (seconds since the epoch)."""
        return self._clock()

    def _path(self, kind: str, key: str, suffix: str | None = None) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / f"{key}{suffix or KINDS[kind]}"

    def _count(self, kind: str, hit: bool) -> None:
        (self.hits if hit else self.misses).add(kind)

    def _used(self, path: Path) -> None:
        """Record a use: the entry's time becomes now (a removed entry is no matter)."""
        now = self._clock()
        with contextlib.suppress(OSError):
            os.utime(path, (now, now))

    def get_text(self, kind: str, key: str) -> str | None:
        """A cached text of ``kind`` (translation, spoken, page), or ``None``."""
        if self.root is None:
            return None
        path = self._path(kind, key)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            self._count(kind, hit=False)
            return None
        self._used(path)
        self._count(kind, hit=True)
        return text

    def put_text(self, kind: str, key: str, text: str) -> None:
        """Store a text of ``kind``."""
        if self.root is not None:
            with atomic_path(self._path(kind, key)) as temporary:
                temporary.write_text(text, encoding="utf-8")
            self._used(self._path(kind, key))

    def get_clip(
        self, key: str, engine: str, decode: Callable[[bytes], Clip] | None = None
    ) -> Clip | None:
        """A cached clip, or ``None`` (a damaged entry counts as missing). ``decode`` turns
        a kept MP3 back into the clip (the caller knows the engine and the rate)."""
        if self.root is None:
            return None
        path = self._path("clip", key)
        encoded = self._path("clip", key, ENCODED_CLIP)
        try:
            if encoded.is_file() and decode is not None:
                path, data = encoded, encoded.read_bytes()
                clip = replace(decode(data), words=self._words(key), encoded=data)
                self._used(path)
                self._count("clip", hit=True)
                return clip
            if path.is_file():
                samples, rate = soundfile.read(path, dtype="int16")
                pcm = samples.astype("<i2").tobytes()
            else:
                path = self._path("clip", key, LEGACY_CLIP)
                with wave.open(str(path), "rb") as wav:
                    pcm, rate = wav.readframes(wav.getnframes()), wav.getframerate()
            clip = Clip(pcm=pcm, sample_rate=rate, engine=engine, words=self._words(key))
        except (OSError, EOFError, wave.Error, ValueError, RuntimeError, VnmediaError):
            self._count("clip", hit=False)
            return None
        self._used(path)
        self._count("clip", hit=True)
        return clip

    def _words(self, key: str) -> tuple[TimedWord, ...]:
        """The word times stored beside a clip (none for most engines)."""
        path = self._path("clip", key, ".words.json")
        if not path.is_file():
            return ()
        return tuple(
            (str(w), float(s), float(e)) for w, s, e in json.loads(path.read_text("utf-8"))
        )

    def put_clip(self, key: str, clip: Clip) -> None:
        """Store a clip: the MP3 its engine sent when it has one, else mono 16-bit FLAC
        (its word times, if any, beside it: written first, so a complete clip always has
        them)."""
        if self.root is None:
            return
        if clip.words:
            words = self._path("clip", key, ".words.json")
            with atomic_path(words) as temporary:
                temporary.write_text(json.dumps(clip.words, ensure_ascii=False), "utf-8")
        if clip.encoded:
            with atomic_path(self._path("clip", key, ENCODED_CLIP)) as temporary:
                temporary.write_bytes(clip.encoded)
            self._used(self._path("clip", key, ENCODED_CLIP))
            return
        encoded = io.BytesIO()
        samples = np.frombuffer(clip.pcm, dtype="<i2")
        soundfile.write(
            encoded, samples, clip.sample_rate, format="FLAC", subtype="PCM_16",
            compression_level=1.0,
        )  # fmt: skip
        with atomic_path(self._path("clip", key)) as temporary:
            temporary.write_bytes(encoded.getvalue())
        self._used(self._path("clip", key))

    # --- size -------------------------------------------------------------------------------

    def entries(self) -> Iterator[Entry]:
        """Every entry of the cache (word-time files count with their clip's kind)."""
        if self.root is None:
            return
        for kind in KINDS:
            for path in (self.root / kind).glob("*/*"):
                if path.name.startswith(".") or path.name.endswith(".words.json"):
                    continue  # a temporary being written; a clip's word times go with it
                try:
                    stat = path.stat()
                except OSError:
                    continue  # removed meanwhile
                yield Entry(path, kind, stat.st_size, stat.st_mtime)

    def stats(self) -> dict[str, KindStats]:
        """Entries, bytes, oldest and newest use per kind."""
        grouped: dict[str, list[Entry]] = {kind: [] for kind in KINDS}
        for entry in self.entries():
            grouped[entry.kind].append(entry)
        return {
            kind: KindStats(
                len(found),
                sum(e.size for e in found),
                min((e.last_use for e in found), default=None),
                max((e.last_use for e in found), default=None),
            )
            for kind, found in grouped.items()
        }

    def evict(self, max_bytes: int, *, keep_since: float) -> tuple[int, int]:
        """Remove the least recently used entries until the cache holds at most
        ``max_bytes``: clips first, texts only if need be, never an entry used at or after
        ``keep_since`` (the build's start). Returns (entries, bytes) removed.

        One eviction at a time per cache (a lock file); a build using an entry meanwhile
        either has read it already or makes it again.
        """
        if self.root is None or max_bytes <= 0 or not self.root.is_dir():
            return 0, 0  # (no cache yet: nothing to remove, and no folder to make for it)
        with refused_writes(self.root), self._eviction():
            found = list(self.entries())
            total = sum(e.size for e in found)
            removable = sorted(
                (e for e in found if e.last_use < keep_since),
                key=lambda e: (e.kind in TEXT_KINDS, e.last_use),
            )
            removed = removed_bytes = 0
            for entry in removable:
                if total - removed_bytes <= max_bytes:
                    break
                removed_bytes += _remove(entry)
                removed += 1
        return removed, removed_bytes

    def prune(
        self, *, older_than: float | None = None, max_bytes: int | None = None
    ) -> tuple[int, int]:
        """``vnmedia cache prune``: remove entries unused for ``older_than`` seconds, then
        the least recently used until at most ``max_bytes`` remain. Returns (entries, bytes)."""
        if self.root is None:
            return 0, 0
        removed = removed_bytes = 0
        if older_than is not None:
            cutoff = self._clock() - older_than
            with refused_writes(self.root), self._eviction():
                for entry in list(self.entries()):
                    if entry.last_use < cutoff:
                        removed_bytes += _remove(entry)
                        removed += 1
        if max_bytes is not None:
            more, more_bytes = self.evict(max_bytes, keep_since=self._clock())
            removed, removed_bytes = removed + more, removed_bytes + more_bytes
        return removed, removed_bytes

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        count = sum(s.entries for s in self.stats().values())
        if self.root is not None:
            with refused_writes(self.root):
                for kind in KINDS:
                    if (self.root / kind).exists():
                        shutil.rmtree(self.root / kind)
        return count

    def _eviction(self) -> FileLock:
        """The lock that lets one process at a time remove entries (the folder made first)."""
        assert self.root is not None
        self.root.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.root / EVICTION_LOCK))


def now() -> float:
    """The current time (a function of its own, so that tests can move the days on)."""
    return time.time()


def _remove(entry: Entry) -> int:
    """Delete an entry (with a clip's word times); returns the bytes freed."""
    freed = 0
    paths = [entry.path]
    if entry.kind == "clip" and entry.path.suffix != ".json":
        paths.append(entry.path.with_name(entry.path.name.split(".")[0] + ".words.json"))
    for path in paths:
        try:
            size = path.stat().st_size
            path.unlink()
            freed += size
        except FileNotFoundError:
            pass  # removed meanwhile (another build's eviction): a refusal is the caller's
    return freed
