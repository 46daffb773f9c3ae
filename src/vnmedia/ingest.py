"""Stage 1, ingest: article files → :class:`Article` objects.

This is the simple reader of the core pipeline: the first non-empty line is the title, the
rest is the body, split into paragraphs at blank lines when the file has them and at line
breaks otherwise. HTML pages are reduced to their text first (scripts and styles dropped).
Reading messy real-world news files is a later, separate improvement.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import InputError
from .models import Article, Paragraph

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_FILE_BYTES = 5_000_000
"""Larger files are refused: no news article is that long, and it protects the batch."""

_SPACES = re.compile(r"[ \t\u00a0\u200b]+")
_BLANK_LINE = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class SourceFile:
    """An input file and the articles read from it (or why none could be read)."""

    path: Path
    articles: tuple[Article, ...]
    error: str | None = None


def find_article_files(inputs: Iterable[str | Path]) -> list[Path]:
    """Every article file named by ``inputs`` (files as given, folders searched in order)."""
    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in ARTICLE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"input {path} does not exist: pass an article file or a folder")
    return found


def read_sources(inputs: Iterable[str | Path]) -> Iterator[SourceFile]:
    """Read every article file; a file that cannot be read yields an error, not an exception."""
    for path in find_article_files(inputs):
        try:
            yield SourceFile(path, tuple(read_articles(path)))
        except InputError as exc:
            yield SourceFile(path, (), str(exc))


def read_articles(path: Path) -> list[Article]:
    """Read the article in ``path``."""
    text = decode(path)
    if path.suffix.lower() in {".html", ".htm"}:
        text = html_to_text(text)
    article = parse_article(text, source=str(path))
    return [article]


class _HtmlText(HTMLParser):
    """Collects the readable blocks of an HTML page; scripts, styles and chrome are dropped."""

    SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form"}
    BLOCKS = {"title", "h1", "h2", "h3", "h4", "p", "li", "blockquote", "div", "br", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.heading = ""
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        elif tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self.BLOCKS:
            text = self._flush()
            if tag == "title" and text and not self.title:
                self.title = text
                self.blocks.pop()
            elif tag == "h1" and text and not self.heading:
                self.heading = text
                self.blocks.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def _flush(self) -> str:
        text = clean_line(" ".join("".join(self._current).split()))
        self._current = []
        if text:
            self.blocks.append(text)
        return text


def html_to_text(page: str) -> str:
    """The article in an HTML page as plain text: title line, then one block per paragraph."""
    parser = _HtmlText()
    parser.feed(page)
    parser.close()
    parser._flush()
    title = parser.heading or parser.title
    return "\n\n".join([title, *parser.blocks]) if title else "\n\n".join(parser.blocks)


def decode(path: Path) -> str:
    """The file's text as NFC Unicode, with a clear error for what is not article text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{path}: {len(data)} bytes is too large for an article")
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: binary data, not article text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start}); save it as UTF-8") from exc
    # NFD text is longer and breaks matching (DESIGN.md): normalise once, here.
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(line: str) -> str:
    """Collapse runs of spaces and strip; Markdown heading marks are dropped."""
    return _SPACES.sub(" ", line).strip().lstrip("#").strip()


def parse_article(text: str, *, source: str, index: int = 0) -> Article:
    """Split one article's text into its title and paragraphs."""
    lines = text.split("\n")
    while lines and not clean_line(lines[0]):
        lines.pop(0)
    if not lines:
        raise InputError(f"{source}: empty file, no article in it")
    title = clean_line(lines[0])
    body = "\n".join(lines[1:]).strip()
    if _BLANK_LINE.search(body):
        blocks = _BLANK_LINE.split(body)
        paragraphs = [
            " ".join(clean_line(x) for x in b.split("\n") if clean_line(x)) for b in blocks
        ]
    else:
        paragraphs = [clean_line(x) for x in body.split("\n")]
    kept = tuple(Paragraph(p) for p in paragraphs if _has_words(p))
    if not _has_words(title):
        raise InputError(f"{source}: the title line has no words")
    if not kept:
        raise InputError(f"{source}: the article {title!r} has no paragraphs")
    return Article(title=title, paragraphs=kept, source=source, index=index)


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)
