"""Clips kept on disk while an episode is made, so memory does not grow with its length.

A two-hour bulletin is 350 MB of samples at 24 kHz; held in memory, clips and episode
together peaked at 1.3 GB (BENCHMARKS.md, "Memory"). Instead each clip, as it comes back
from the voice, is measured (its loudness energies and peak, which are all that mastering
needs of it in memory) and its samples are appended to one temporary file per episode.
Assembly and encoding read them back a block at a time.

The file is anonymous (``tempfile.TemporaryFile``): it has no name in the output folder,
and the system reclaims it however the build ends, killed included.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import numpy as np
from numpy.typing import NDArray

from ..codec import SAMPLE_WIDTH
from ..models import Clip, TimedWord
from ..runtime.files import storage_error
from .loudness import clip_energy, clip_peak


@dataclass(frozen=True)
class StoredClip:
    """A spoken clip whose samples wait in a :class:`ClipSpool`."""

    spool: ClipSpool
    offset: int
    """Where its samples start in the spool file, in bytes."""
    frames: int
    """How many samples it has."""
    sample_rate: int
    engine: str
    words: tuple[TimedWord, ...]
    energy: NDArray[np.float64]
    """Its K-weighted energy per block (see ``loudness``), measured as it was kept."""
    peak: int
    """Its largest sample magnitude."""

    def read(self, start: int = 0, stop: int | None = None) -> NDArray[np.int16]:
        """Samples ``start`` to ``stop`` of the clip."""
        stop = self.frames if stop is None else min(stop, self.frames)
        return self.spool.read(self.offset + start * SAMPLE_WIDTH, max(0, stop - start))


class ClipSpool:
    """One episode's clips on disk: ``keep`` each as it is spoken, then read it back.

    Use it as a context manager: leaving the block frees the file.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            # Held open until close(): the spool outlives any one block of code.
            self._file = tempfile.TemporaryFile(dir=folder, prefix=".spool-", buffering=0)  # noqa: SIM115
        except OSError as exc:
            raise _refused(exc, folder) from exc
        self._end = 0

    def keep(self, clip: Clip | None) -> StoredClip | None:
        """Measure ``clip``, write its samples to the spool, and return its stand-in."""
        if clip is None:
            return None
        stored = StoredClip(
            self,
            self._end,
            len(clip.pcm) // SAMPLE_WIDTH,
            clip.sample_rate,
            clip.engine,
            clip.words,
            clip_energy(clip),
            clip_peak(clip),
        )
        view = memoryview(clip.pcm)
        try:
            while view:
                written = os.pwrite(self._file.fileno(), view, self._end)
                self._end += written
                view = view[written:]
        except OSError as exc:
            raise _refused(exc, self.folder) from exc
        return stored

    def read(self, offset: int, frames: int) -> NDArray[np.int16]:
        """``frames`` samples from byte ``offset`` of the spool."""
        wanted = frames * SAMPLE_WIDTH
        data = os.pread(self._file.fileno(), wanted, offset)
        while len(data) < wanted:  # a short read: ask for the rest
            more = os.pread(self._file.fileno(), wanted - len(data), offset + len(data))
            if not more:
                raise EOFError(f"the clip spool ends at byte {offset + len(data)}")
            data += more
        return np.frombuffer(data, dtype="<i2")

    def close(self) -> None:
        """Free the file (the spool's clips can no longer be read)."""
        self._file.close()

    def __enter__(self) -> ClipSpool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _refused(exc: OSError, folder: Path) -> Exception:
    """The clear error for a spool the machine would not write (a full disk), else ``exc``."""
    return storage_error(exc, folder / "(the clip spool)") or exc
