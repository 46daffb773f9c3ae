"""Sources, files: article files → text → :class:`Article` objects.

This module deals with files: finding them, refusing what is not article text, decoding
bytes (UTF-8 with or without BOM, UTF-16, Windows-1258, the legacy TCVN3 and VNI font
encodings, UTF-8 mojibake) into NFC text, and reading the formats (plain text and
Markdown, HTML, JSON and JSON Lines records). What the text *means* (articles, sections,
noise) is ``split.py``'s job.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Article
from ..text.boundaries import Boundary
from ..text.split import explain_boundaries, split_articles, split_records

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES
MAX_FILE_BYTES = 5_000_000
"""Larger files are refused: no day's news export of one file is that long."""
MAX_LINE_CHARS = 200_000
"""A longer single line is not article text (a dump, a minified page, base64)."""
LEGACY_ENCODINGS = ("tcvn3", "vni", "viscii")

_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "a program",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|Ä[\u0080-\u00bf]|á[º»][\u0080-\u00bf]|Æ[°¡]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class ReadOptions:
    """How to read input files."""

    encoding: str | None = None
    """Force an encoding (any Python codec, or tcvn3/vni/viscii) instead of detecting it."""
    title_field: str = "title"
    """Field holding the title in JSON records."""
    body_field: str = "body"
    """Field holding the body in JSON records (a string or a list of paragraphs)."""
    one_article: bool = False
    """Each file is one article: no search for where articles start."""


@dataclass(frozen=True)
class SourceFile:
    """An input (a file, or a web page's URL) and what was read from it."""

    path: Path | str
    articles: tuple[Article, ...]
    encoding: str | None = None
    """The encoding the text was decoded from (as detected, or as forced)."""
    errors: tuple[str, ...] = field(default=())
    """One line per problem: the file could not be read, or a record was unusable."""
    to_retry: tuple[str, ...] = field(default=())
    """Those of ``errors`` that may go away on a rerun (a site that did not answer in time
    or asked to wait): the build lists them under ``to_retry``, not ``failures``."""

    @property
    def error(self) -> str | None:
        """The first problem, if any."""
        return self.errors[0] if self.errors else None


def find_article_files(inputs: Iterable[str | Path]) -> list[Path]:
    """Every article file named by ``inputs`` (files as given, folders searched in order)."""
    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        try:
            path.stat()
        except PermissionError as exc:  # in a folder this user may not look into
            raise InputError(
                f"input {path} cannot be read ({exc.strerror}): check its permissions"
            ) from exc
        except OSError:
            pass  # missing: said below
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


def read_sources(
    inputs: Iterable[str | Path], options: ReadOptions | None = None
) -> Iterator[SourceFile]:
    """Read every article file; a bad file yields its errors, never an exception."""
    for path in find_article_files(inputs):
        yield read_source(path, options)


def read_source(path: Path, options: ReadOptions | None = None) -> SourceFile:
    """Read one file into articles (or the reasons it cannot be read)."""
    options = options or ReadOptions()
    try:
        text, encoding = _text_of(path, options)
        if path.suffix.lower() in JSON_SUFFIXES:
            articles, problems = _json_articles(text, path, options)
            return SourceFile(path, tuple(articles), encoding, tuple(problems))
        articles = split_articles(text, source=str(path), one_article=options.one_article)
        if not articles:
            raise InputError(f"{path}: no article in it (no line with words)")
        return SourceFile(path, tuple(articles), encoding)
    except InputError as exc:
        return SourceFile(path, (), None, (str(exc),))


def explain_source(path: Path, options: ReadOptions | None = None) -> list[Boundary]:
    """Every candidate article start in a text or HTML file, with its evidence.

    JSON records and ``one_article`` reading draw no boundaries: the list is empty.
    """
    options = options or ReadOptions()
    if options.one_article or path.suffix.lower() in JSON_SUFFIXES:
        return []
    return explain_boundaries(_text_of(path, options)[0])


def _text_of(path: Path, options: ReadOptions) -> tuple[str, str]:
    """The file's text (an HTML page as its article's text) and the encoding it was in."""
    text, encoding = decode(_read_bytes(path), options.encoding, name=str(path))
    if path.suffix.lower() in HTML_SUFFIXES:
        text = html_to_text(text)
    return text, encoding


def read_articles(path: Path, options: ReadOptions | None = None) -> list[Article]:
    """The articles in ``path``; raises InputError when there are none."""
    source = read_source(path, options)
    if source.errors and not source.articles:
        raise InputError(source.errors[0])
    return list(source.articles)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{path}: {size:,} bytes is too large for news text")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    if not data.strip():
        raise InputError(f"{path}: empty file, no article in it")
    return data


# --- decoding --------------------------------------------------------------------------------


def decode(data: bytes, encoding: str | None = None, *, name: str = "input") -> tuple[str, str]:
    """An article file's bytes → NFC text and the name of the encoding used (see
    :func:`decode_bytes`); InputError when it is not text, or not shaped as article text
    (a line too long to be one, no letters)."""
    text, used = decode_bytes(data, encoding, name=name)
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        raise InputError(f"{name}: a single line of {longest:,} characters is not article text")
    if not any(ch.isalpha() for ch in text):
        raise InputError(f"{name}: no letters in it, nothing to read")
    return text, used


def decode_bytes(
    data: bytes, encoding: str | None = None, *, name: str = "input"
) -> tuple[str, str]:
    """Bytes → NFC text (newlines unified, zero-width marks dropped) and the name of the
    encoding used: ``encoding`` (the font encodings TCVN3, VNI and VISCII too), else
    detected (a BOM, UTF-8 with its mojibake repaired, a font encoding, Windows-1258).
    InputError when the bytes are binary or do not fit ``encoding``; nothing is asked of
    the text's shape (a web page's minified line is a page like another)."""
    if encoding:
        text, used = _decode_as(data, encoding, name), encoding
    else:
        text, used = _detect(data, name)
    text = unicodedata.normalize("NFC", _ZERO_WIDTH.sub("", text))
    return text.replace("\r\n", "\n").replace("\r", "\n"), used


def _decode_as(data: bytes, encoding: str, name: str) -> str:
    if encoding.lower() in LEGACY_ENCODINGS:
        return _convert_legacy(data.decode("latin-1"), encoding.lower())
    try:
        return data.decode(encoding)
    except LookupError as exc:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid {encoding} (byte {exc.start})") from exc


def _detect(data: bytes, name: str) -> tuple[str, str]:
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{name}: binary data ({kind}), not article text")
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return _decode_as(data, codec, name), codec
    head = data[:4000]
    if head.count(0) > len(head) // 4:
        # UTF-16 without a BOM: every other byte of ASCII text is zero.
        even_zeros = head[0::2].count(0)
        codec = "utf-16-be" if even_zeros > head[1::2].count(0) else "utf-16-le"
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            raise InputError(f"{name}: binary data, not article text") from None
    if 0 in head:
        raise InputError(f"{name}: binary data, not article text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _detect_single_byte(data, name)
    if _MOJIBAKE.search(text):
        import ftfy

        repaired = ftfy.fix_text(text, normalization="NFC")
        if len(_MOJIBAKE.findall(repaired)) < len(_MOJIBAKE.findall(text)):
            return repaired, "utf-8 (mojibake repaired)"
    legacy = _legacy_encoding(text)
    if legacy:
        return _convert_legacy(text, legacy), f"{legacy} (in utf-8)"
    return text, "utf-8"


def _detect_single_byte(data: bytes, name: str) -> tuple[str, str]:
    """Not UTF-8: a legacy Vietnamese font encoding, Windows-1258, or a mix of encodings."""
    lines = data.split(b"\n")
    utf8_lines = sum(1 for line in lines if not line.isascii() and _is_utf8(line))
    if utf8_lines:
        # Some lines are real UTF-8 and others are not: files pasted together from two
        # sources. Each line is decoded on its own.
        decoded = [
            line.decode("utf-8") if _is_utf8(line) else _detect_single_byte(line, name)[0]
            for line in lines
        ]
        return "\n".join(decoded), "mixed (utf-8 and cp1258)"
    from viparse.normalize.frequency import vietnamese_score

    candidates: list[tuple[float, str, str]] = []
    surface = data.decode("latin-1")
    legacy = _legacy_encoding(surface)
    if legacy:
        converted = _convert_legacy(surface, legacy)
        candidates.append((vietnamese_score(converted), converted, legacy))
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
        if vietnamese_share(text) > 0.05:
            candidates.append((vietnamese_score(text), text, "cp1258"))
    except UnicodeDecodeError:
        pass
    if candidates:
        # Both may "work" on the same bytes; the one that reads more like Vietnamese wins.
        _, best, used = max(candidates)
        return best, used
    raise InputError(
        f"{name}: not UTF-8 and no Vietnamese encoding fits; pass --encoding to say which"
    )


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _legacy_encoding(text: str) -> str | None:
    """tcvn3/vni/viscii when ``text`` reads as Vietnamese only once converted."""
    if not re.search("[\u00a0-\u00ff]", text):
        return None
    from viparse.normalize.detector import detect_encoding_by_content
    from viparse.normalize.encodings import AUTO_DETECT_CHARMAPS

    found = detect_encoding_by_content(text[:20000], AUTO_DETECT_CHARMAPS).encoding
    return str(found) if found else None


def _convert_legacy(text: str, encoding: str) -> str:
    from viparse.normalize.encodings import get_charmap
    from viparse.normalize.tables import convert

    charmap = get_charmap(encoding)
    if charmap is None:
        raise InputError(f"unknown legacy encoding {encoding!r}")
    return str(convert(text, charmap))


def vietnamese_share(text: str) -> float:
    """Share of letters carrying Vietnamese diacritics (≈ 0.3 in news text)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    marked = sum(1 for ch in letters if unicodedata.decomposition(ch) or ch in "đĐ")
    return marked / len(letters)


# --- HTML --------------------------------------------------------------------------------------


class _HtmlText(HTMLParser):
    """Collects the readable blocks of an HTML page; scripts, styles and chrome are dropped.

    Photo captions (``<figcaption>`` and elements whose class says caption) are kept as
    "Ảnh: …" lines, so that the splitter drops them with their reason.
    """

    SKIP = {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
        "form", "button", "iframe", "svg", "select", "object", "video", "audio",
    }  # fmt: skip
    BLOCKS = {
        "title", "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "div",
        "br", "tr", "figcaption", "section", "article", "td", "dd", "dt", "pre",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.heading = ""
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skipping: list[str] = []
        self._caption_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping or tag in self.SKIP:
            if tag not in {"br", "img", "hr", "meta", "link", "input"}:
                self._skipping.append(tag)
            return
        if tag in self.BLOCKS:
            self._flush()
        classes = " ".join(v or "" for k, v in attrs if k == "class").lower()
        if tag == "figcaption" or "caption" in classes:
            self._caption_depth += 1
            self._current.append("(Ảnh: ")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        if (tag == "figcaption" or self._caption_depth) and self._current[:1] == ["(Ảnh: "]:
            self._current.append(")")
        if tag in self.BLOCKS:
            text = self._flush()
            if tag == "title" and text and not self.title:
                self.title = text
                self.blocks.pop()
            elif tag == "h1" and text and not self.heading:
                self.heading = text
                self.blocks.pop()
        if tag == "figcaption" and self._caption_depth:
            self._caption_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def _flush(self) -> str:
        text = " ".join("".join(self._current).split())
        self._current = []
        if text and text not in {"(Ảnh: )", "(Ảnh:"}:
            self.blocks.append(text)
        return text


def html_to_text(page: str) -> str:
    """The article in an HTML page as text: the title line, then one block per paragraph."""
    parser = _HtmlText()
    parser.feed(page)
    parser.close()
    parser._flush()
    title = parser.heading or parser.title
    return "\n\n".join([title, *parser.blocks] if title else parser.blocks)


# --- JSON records ------------------------------------------------------------------------------

_BODY_FALLBACKS = ("content", "text", "body", "article", "body_html", "content_html")
_LEAD_FIELDS = ("sapo", "lead", "summary", "description", "abstract")


def _json_articles(text: str, path: Path, options: ReadOptions) -> tuple[list[Article], list[str]]:
    records, problems = _json_records(text, path)
    pairs: list[tuple[str, str]] = []
    for number, record in enumerate(records, 1):
        where = f"{path}: record {number}"
        if not isinstance(record, dict):
            problems.append(f"{where}: not an object")
            continue
        title = record.get(options.title_field)
        body_field = next(
            (f for f in (options.body_field, *_BODY_FALLBACKS) if record.get(f)), None
        )
        if not isinstance(title, str) or not title.strip():
            problems.append(f"{where}: no {options.title_field!r} field (use --title-field)")
            continue
        if body_field is None:
            problems.append(f"{where}: no {options.body_field!r} field (use --body-field)")
            continue
        body = _body_text(record[body_field])
        lead = next((record[f] for f in _LEAD_FIELDS if isinstance(record.get(f), str)), "")
        pairs.append((title, f"{lead}\n\n{body}" if lead else body))
    articles = split_records(pairs, source=str(path))
    if not articles and not problems:
        problems.append(f"{path}: no records with a title and a body")
    return articles, problems


def _json_records(text: str, path: Path) -> tuple[list[Any], list[str]]:
    if path.suffix.lower() != ".json":
        records, problems = [], []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    problems.append(f"{path}:{number}: not JSON ({exc.msg})")
        return records, problems
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from exc
    if isinstance(data, dict):
        nested = next(
            (
                data[k]
                for k in ("articles", "items", "data", "records")
                if isinstance(data.get(k), list)
            ),
            None,
        )
        return (nested if nested is not None else [data]), []
    if isinstance(data, list):
        return data, []
    raise InputError(f"{path}: expected an object or a list of objects")


def _body_text(body: Any) -> str:
    if isinstance(body, list):
        body = "\n\n".join(str(part) for part in body if part)
    text = str(body)
    if re.search(r"<(p|br|div|figure|img|script)\b", text, re.IGNORECASE):
        text = html_to_text(f"<div>{text}</div>")
    return text
