"""``vnmedia serve``: the output folder on localhost, with the Range requests players need.

Only what listeners get is served: the cache, the lock, temporaries and the report are not
(as ``vnmedia publish`` never sends them).

Python's ``SimpleHTTPRequestHandler`` answers every request with the whole file, and a
browser cannot seek in audio served that way; this handler answers ``Range: bytes=a-b``.
"""

from __future__ import annotations

import os
import re
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .layout import CONTENT_TYPES

_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


class RangeRequestHandler(SimpleHTTPRequestHandler):
    """Static files, with single byte ranges."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    def send_head(self) -> Any:
        if _private(self.path):
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        match = _RANGE.match(self.headers.get("Range", "").strip())
        path = self.translate_path(self.path)
        if not match or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        start_text, end_text = match.groups()
        if start_text:
            start, end = int(start_text), int(end_text) if end_text else size - 1
        else:  # "bytes=-500": the last 500 bytes
            start, end = max(0, size - int(end_text or 0)), size - 1
        if start >= size or start > end:
            self.send_error(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            return None
        end = min(end, size - 1)
        handle = open(path, "rb")  # noqa: SIM115 - closed by the caller (copyfile)
        handle.seek(start)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        self._remaining: int | None = end - start + 1
        return handle

    def copyfile(self, source: Any, outputfile: Any) -> None:
        remaining = getattr(self, "_remaining", None)
        if remaining is None:
            super().copyfile(source, outputfile)
            return
        while remaining > 0:
            chunk = source.read(min(64 * 1024, remaining))
            if not chunk:
                break
            outputfile.write(chunk)
            remaining -= len(chunk)
        self._remaining = None

    def list_directory(self, path: str | os.PathLike[str]) -> Any:
        # Folder listings would name the private files: listeners get the page instead.
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass  # quiet: the terminal is for the producer


PRIVATE_FILES = {"report.json"}


def _private(url_path: str) -> bool:
    """What the output folder keeps for the producer only: the cache, the lock and
    temporaries (hidden names) and the report."""
    parts = [p for p in url_path.split("?", 1)[0].split("#", 1)[0].split("/") if p]
    return any(p.startswith(".") for p in parts) or (bool(parts) and parts[-1] in PRIVATE_FILES)


def make_server(folder: Path, port: int) -> ThreadingHTTPServer:
    """A server for ``folder`` on 127.0.0.1 (port 0: any free port)."""
    if not folder.is_dir():
        raise ConfigError(f"{folder} does not exist: run vnmedia build first")
    handler = partial(RangeRequestHandler, directory=str(folder))
    try:
        return ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:  # taken, or below 1024 without root
        raise ConfigError(
            f"cannot serve on port {port} ({exc.strerror or exc}): pass another --port"
        ) from exc
