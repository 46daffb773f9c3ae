"""The sources a build reads: article files (``files.py``) and web pages, feeds and sitemaps.

:func:`read_inputs` takes the build's inputs in order — files, folders, article URLs, feed
and sitemap URLs, ``.urls`` files — and yields what was read from each, errors included.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from .files import ReadOptions, SourceFile, read_sources
from .listings import is_url, read_url_list
from .web import WebReader

URL_LIST_SUFFIX = ".urls"


def read_inputs(
    inputs: Iterable[str | Path], options: ReadOptions, web: WebReader | None
) -> Iterator[SourceFile]:
    """Read every input; a bad file or URL yields its errors, never an exception.

    ``web`` reads URLs (``None``: a URL is an input error). Folders are searched for
    article files and for ``.urls`` lists.
    """
    for item in inputs:
        text = str(item)
        if is_url(text):
            yield from _read_url(text, web)
        elif text.endswith(URL_LIST_SUFFIX) and Path(text).is_file():
            yield from _read_url_list(Path(text), web)
        else:
            yield from read_sources([item], options)
            if Path(text).is_dir():
                for listing in sorted(Path(text).rglob(f"*{URL_LIST_SUFFIX}")):
                    if not any(p.startswith(".") for p in listing.relative_to(text).parts):
                        yield from _read_url_list(listing, web)


def _read_url(url: str, web: WebReader | None) -> list[SourceFile]:
    if web is None:
        raise InputError(f"{url}: web inputs need the web reader (build and split have it)")
    return web.read(url)


def _read_url_list(path: Path, web: WebReader | None) -> Iterator[SourceFile]:
    try:
        urls, problems = read_url_list(path)
    except InputError as exc:
        yield SourceFile(path, (), None, (str(exc),))
        return
    if problems:
        yield SourceFile(path, (), None, tuple(problems))
    for url in urls:
        yield from _read_url(url, web)


__all__ = ["URL_LIST_SUFFIX", "WebReader", "read_inputs"]
