"""Writing files so that readers only ever see complete ones."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import StorageError

TEMPORARY_MARK = ".tmp"
"""Temporary files are hidden (leading dot) and carry this mark: ``.<name>.<random>.tmp…``."""


STORAGE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}
"""What the machine, not the input, refuses: a full disk or quota, a read-only or forbidden
folder."""
_WHY = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the folder is on a read-only file system",
    errno.EACCES: "no permission to write there",
    errno.EPERM: "no permission to write there",
}


def storage_error(exc: OSError, path: Path) -> StorageError | None:
    """The clear error for a write the machine refused (``None`` for other OSErrors)."""
    if exc.errno not in STORAGE_ERRNOS:
        return None
    where = f"in {path}" if _is_folder(path) else f"{path.name} in {path.parent}"
    full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
    fix = "free space" if full else "make the folder writable"
    return StorageError(
        f"cannot write {where}: {_WHY[exc.errno]}: {fix} (or pass another --output / "
        "--cache-dir) and run the same command again; the work done so far is kept"
    )


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; ``False`` when even that cannot be known (a forbidden
    parent): the error being told must not fail in the telling."""
    try:
        return path.is_dir()
    except OSError:
        return False


@contextmanager
def refused_writes(folder: Path) -> Iterator[None]:
    """Turn a write, rename, removal or lock the machine refuses in ``folder`` (a full disk,
    a read-only or forbidden folder) into the StorageError naming it; other errors pass."""
    try:
        yield
    except OSError as exc:
        # A bare name (shutil.rmtree's) says less than the folder it was in.
        named = exc.filename and os.sep in str(exc.filename)
        refused = storage_error(exc, Path(exc.filename) if named else folder)
        if refused is None:
            raise
        raise refused from exc


def check_writable(folder: Path) -> None:
    """Fail with StorageError now, before any work, unless a file can be made and removed
    in ``folder`` (or, while it does not exist, in the folder it would be made in)."""
    while not os.path.exists(folder) and folder.parent != folder:
        folder = folder.parent  # (os.path.exists: False, not an error, where it may not look)
    try:
        handle, probe = tempfile.mkstemp(prefix=".probe.", suffix=TEMPORARY_MARK, dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        where = folder if _is_folder(folder) else Path(exc.filename or folder)
        refused = storage_error(exc, where)
        if refused is None:
            raise
        raise refused from exc


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place only on success.

    A write the machine refuses (full disk, read-only folder) becomes a StorageError.
    """
    temporary = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=TEMPORARY_MARK + path.suffix, dir=path.parent
        )
        os.close(handle)
        yield Path(temporary)
        # mkstemp creates files readable by the owner only; published files follow the umask.
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, path)
    except OSError as exc:
        refused = storage_error(exc, path)
        if refused is None:
            raise
        raise refused from exc
    finally:
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)


def _read_umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# Read once at import: changing the umask while worker threads create files is a race.
_UMASK = _read_umask()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` atomically unless ``path`` already holds exactly it; returns whether
    it wrote (an unchanged file keeps its time stamp: mirrors and publishers skip it)."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)
    return True


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` as pretty UTF-8 JSON, atomically."""
    with atomic_path(path) as temporary:
        temporary.write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files a killed process left under ``folder``; returns how many.

    Only call this while holding the folder's build lock, or a live writer loses its file.
    """
    removed = 0
    with refused_writes(folder):
        for path in folder.rglob(f".*{TEMPORARY_MARK}*"):
            if path.is_file():
                path.unlink(missing_ok=True)
                removed += 1
    return removed
