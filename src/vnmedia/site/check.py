"""``vnmedia check``: the rules podcast directories apply to a show, each failure with its fix.

A show is checked where it lies: an output folder (the feed's links are read as files of
the folder) or a published feed's URL (every file is fetched as an app would: reachable,
the right ``Content-Type``, ``Content-Length`` equal to the feed's ``length``, byte ranges
answered with 206 — players seek with them, and Apple refuses media servers without them).

The rules are Apple's and the Podcast Index's (DESIGN.md, "Podcast directories"): square
artwork of 1400–3000 px in JPEG or PNG, RGB; an owner with a real e-mail; a category from
Apple's list; ``itunes:explicit``; every item with a title, a unique GUID, an RFC 822 date
and an enclosure whose length, type and duration are those of the file; transcripts that
parse as WebVTT or SRT; chapters in the Podcasting 2.0 JSON format.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from lxml import etree

from ..settings import Settings
from ..version import __version__
from .address import placeholder_email, unreachable_host
from .feed import ATOM_NS, ITUNES_NS, PODCAST_NS
from .layout import CONTENT_TYPES, FEED_FILE

COVER_PIXELS = (1400, 3000)
DURATION_TOLERANCE_S = 2.0
"""How far ``itunes:duration`` may be from the audio's own length (it is whole seconds)."""
REBUILD_FEED = "rebuild the feed: vnmedia feed"
PUBLISH_AGAIN = "publish again (vnmedia publish DEST)"
EXPLICIT_VALUES = {"true", "false", "yes", "no", "clean"}
APPLE_CATEGORIES: dict[str, set[str]] = {
    "Arts": {"Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"},
    "Business": {
        "Careers",
        "Entrepreneurship",
        "Investing",
        "Management",
        "Marketing",
        "Non-Profit",
    },
    "Comedy": {"Comedy Interviews", "Improv", "Stand-Up"},
    "Education": {"Courses", "How To", "Language Learning", "Self-Improvement"},
    "Fiction": {"Comedy Fiction", "Drama", "Science Fiction"},
    "Government": set(),
    "History": set(),
    "Health & Fitness": {
        "Alternative Health",
        "Fitness",
        "Medicine",
        "Mental Health",
        "Nutrition",
        "Sexuality",
    },
    "Kids & Family": {"Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"},
    "Leisure": {
        "Animation & Manga",
        "Automotive",
        "Aviation",
        "Crafts",
        "Games",
        "Hobbies",
        "Home & Garden",
        "Video Games",
    },
    "Music": {"Music Commentary", "Music History", "Music Interviews"},
    "News": {
        "Business News",
        "Daily News",
        "Entertainment News",
        "News Commentary",
        "Politics",
        "Sports News",
        "Tech News",
    },
    "Religion & Spirituality": {
        "Buddhism",
        "Christianity",
        "Hinduism",
        "Islam",
        "Judaism",
        "Religion",
        "Spirituality",
    },
    "Science": {
        "Astronomy",
        "Chemistry",
        "Earth Sciences",
        "Life Sciences",
        "Mathematics",
        "Natural Sciences",
        "Nature",
        "Physics",
        "Social Sciences",
    },
    "Society & Culture": {
        "Documentary",
        "Personal Journals",
        "Philosophy",
        "Places & Travel",
        "Relationships",
    },
    "Sports": {
        "Baseball",
        "Basketball",
        "Cricket",
        "Fantasy Sports",
        "Football",
        "Golf",
        "Hockey",
        "Rugby",
        "Running",
        "Soccer",
        "Softball",
        "Swimming",
        "Tennis",
        "Volleyball",
        "Wilderness",
        "Wrestling",
    },
    "Technology": set(),
    "True Crime": set(),
    "TV & Film": {"After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"},
}
"""Apple Podcasts' categories and subcategories (podcasters.apple.com, "Apple Podcasts
categories")."""

_VTT_TIMING = re.compile(
    r"^((?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}) --> ((?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3})"
)
_SRT_TIMING = re.compile(r"^(\d{2,}:[0-5]\d:[0-5]\d,\d{3}) --> (\d{2,}:[0-5]\d:[0-5]\d,\d{3})$")
_DESCRIPTION_STAMP = re.compile(r"^\(?((?:\d{1,2}:)?\d{1,2}:\d{2})\)?\s+\S", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    """One rule a show breaks: where, what, and how to fix it."""

    severity: str
    """``error`` (a directory refuses it, or listeners cannot play it) or ``warning``."""
    where: str
    what: str
    fix: str

    def line(self) -> str:
        """The one line ``vnmedia check`` prints."""
        return f"{self.severity}: {self.where}: {self.what} — {self.fix}"


@dataclass
class Fetched:
    """A file of the show, as the check got it."""

    data: bytes | None
    """Its bytes, or ``None`` when it could not be had (``problem`` says why)."""
    problem: str = ""
    content_type: str | None = None
    """The server's ``Content-Type`` (``None`` for a local file: it has none)."""
    length: int | None = None
    """The server's ``Content-Length``, or the file's size."""
    ranges: bool | None = None
    """Whether a ``Range`` request was answered with 206 (``None``: not asked)."""


class Site(Protocol):
    """Where a show's files are read from."""

    missing_fix: str
    """What to do about a file the feed names that is not there."""

    def fetch(self, url: str, *, media: bool = False) -> Fetched:
        """The file at ``url`` (``media``: also ask for a byte range)."""
        ...

    def duration(self, url: str) -> float | None:
        """The audio's length in seconds, when it can be measured here."""
        ...


class FolderSite:
    """A show in an output folder: ``BASE/episodes/x.mp3`` is ``folder/episodes/x.mp3``."""

    missing_fix = "run vnmedia build: it makes the episode's files again (from its cache)"

    def __init__(
        self, folder: Path, base_url: str, documents: dict[str, bytes] | None = None
    ) -> None:
        self.folder = folder
        self.base = base_url.rstrip("/")
        self.documents = documents or {}
        """Files made in memory, by relative path (what ``publish`` is about to send)."""

    def _path(self, url: str) -> Path | None:
        if not url.startswith(self.base + "/"):
            return None
        relative = url[len(self.base) + 1 :].split("?", 1)[0]
        path = (self.folder / relative).resolve()
        return path if path.is_relative_to(self.folder.resolve()) else None

    def fetch(self, url: str, *, media: bool = False) -> Fetched:
        relative = url[len(self.base) + 1 :] if url.startswith(self.base + "/") else None
        if relative in self.documents:
            return Fetched(self.documents[relative], length=len(self.documents[relative]))
        path = self._path(url)
        if path is None:
            return Fetched(None, f"{url} is not under the feed's address {self.base}/")
        try:
            if media:  # its size is what the rules need: the audio is not read here
                return Fetched(b"", length=path.stat().st_size)
            data = path.read_bytes()
        except OSError:
            return Fetched(None, f"{path} is missing")
        return Fetched(data, length=len(data))

    def duration(self, url: str) -> float | None:
        from mutagen import MutagenError
        from mutagen.mp3 import MP3

        path = self._path(url)
        try:
            audio: Any = MP3(str(path)) if path else None  # type: ignore[no-untyped-call]
        except (MutagenError, OSError):
            return None
        return float(audio.info.length) if audio is not None else None


class HttpSite:
    """A published show, fetched over HTTP as an app fetches it."""

    missing_fix = PUBLISH_AGAIN

    def __init__(self, timeout: float = 15.0, user_agent: str = "vnmedia-check") -> None:
        import requests

        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent
        self.timeout = timeout

    def fetch(self, url: str, *, media: bool = False) -> Fetched:
        import requests

        # Media as players ask for them: uncompressed, so Content-Length is the file's size.
        headers = {"Accept-Encoding": "identity"} if media else {}
        try:
            with self.session.get(
                url, headers=headers, timeout=self.timeout, stream=True
            ) as answer:
                if answer.status_code in (401, 403):
                    return Fetched(
                        None,
                        f"{url} answers HTTP {answer.status_code}: it is not public (a bucket "
                        "needs a policy that lets anyone read its objects)",
                    )
                if answer.status_code != 200:
                    return Fetched(None, f"{url} answers HTTP {answer.status_code}")
                length = answer.headers.get("Content-Length")
                fetched = Fetched(
                    None if media else answer.content,
                    content_type=answer.headers.get("Content-Type", ""),
                    length=int(length) if length and length.isdigit() else None,
                )
            if media:
                fetched.data = b""
                with self.session.get(
                    url,
                    headers={**headers, "Range": "bytes=0-1"},
                    timeout=self.timeout,
                    stream=True,
                ) as partial:
                    fetched.ranges = partial.status_code == 206 and partial.headers.get(
                        "Content-Range", ""
                    ).startswith("bytes 0-1/")
            return fetched
        except requests.RequestException as exc:
            return Fetched(None, f"{url} cannot be reached ({type(exc).__name__})")

    def duration(self, url: str) -> float | None:
        return None  # measuring it would download every episode: the folder check does


def check_feed(feed: bytes, site: Site, *, published: bool) -> list[Problem]:
    """Every rule ``feed`` breaks, its files read through ``site``.

    ``published``: the feed is the one listeners get (its links must reach them); an
    output folder's own feed points at ``vnmedia serve`` and that is only worth a warning.
    """
    try:
        root = etree.fromstring(feed)
    except etree.XMLSyntaxError as exc:
        return [Problem("error", "feed", f"is not XML ({exc})", REBUILD_FEED)]
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        return [Problem("error", "feed", "is not an RSS 2.0 feed", REBUILD_FEED)]
    problems = list(_channel_problems(channel, site, published=published))
    guids: dict[str, str] = {}
    for number, item in enumerate(channel.iter("item"), 1):
        problems += _item_problems(item, number, site, guids)
    return problems


def _text(element: Any, path: str) -> str:
    found = element.find(path, {"itunes": ITUNES_NS, "atom": ATOM_NS, "podcast": PODCAST_NS})
    return (found.text or "").strip() if found is not None and found.text else ""


def _channel_problems(channel: Any, site: Site, *, published: bool) -> Iterator[Problem]:
    ns = {"itunes": ITUNES_NS, "atom": ATOM_NS}
    for tag, setting in (("title", "[show] title"), ("description", "[show] description")):
        if not _text(channel, tag):
            yield Problem("error", "feed", f"has no <{tag}>", f"set {setting} in vnmedia.toml")
    if not _text(channel, "language"):
        yield Problem("error", "feed", "has no <language>", "set [show] language (vi)")
    owner_name = _text(channel, "itunes:owner/itunes:name")
    owner_email = _text(channel, "itunes:owner/itunes:email")
    if not owner_name:
        yield Problem("error", "feed", "has no owner name", "set [show] owner_name")
    elif owner_name == Settings.show_owner_name:
        yield Problem(
            "warning",
            "feed",
            f"the owner's name is vnmedia's default, {owner_name!r}",
            "set [show] owner_name (and author) to yours",
        )
    if placeholder_email(owner_email):
        yield Problem(
            "error",
            "feed",
            f"the owner's e-mail {owner_email or '(none)'} is missing or a placeholder",
            "set [show] owner_email to an address you read (Apple writes to it)",
        )
    category = channel.find("itunes:category", ns)
    name = category.get("text", "") if category is not None else ""
    sub = category.find("itunes:category", ns) if category is not None else None
    if name not in APPLE_CATEGORIES:
        yield Problem(
            "error",
            "feed",
            f"category {name or '(none)'!r} is not one of Apple's",
            f"set [show] category to one of: {', '.join(APPLE_CATEGORIES)}",
        )
    elif sub is not None and sub.get("text") not in APPLE_CATEGORIES[name]:
        yield Problem(
            "error", "feed", f"{name} has no subcategory {sub.get('text')!r}", "leave it out"
        )
    explicit = _text(channel, "itunes:explicit").lower()
    if explicit not in EXPLICIT_VALUES:
        yield Problem(
            "error",
            "feed",
            f"itunes:explicit is {explicit or 'missing'}",
            "set [show] explicit = true or false",
        )
    image = channel.find("itunes:image", ns)
    cover = image.get("href", "") if image is not None else ""
    if not cover:
        yield Problem("error", "feed", "has no itunes:image", "set [show] image (or rebuild)")
    else:
        yield from _cover_problems(cover, site)
    # The show's own links (a WebSub hub's address is the hub's business, not listeners').
    links = [e.get("url") or e.get("href") or "" for e in channel.iter() if e.get("rel") != "hub"]
    public = [u for u in links if u.startswith(("http://", "https://"))]
    unreachable = {u.split("/")[2]: unreachable_host(u) for u in public if unreachable_host(u)}
    for host, why in sorted(unreachable.items()):
        if published:
            yield Problem(
                "error",
                "feed",
                f"its links point at {host}, which {why}",
                "publish with the public address: vnmedia publish DEST --base-url https://…",
            )
        else:
            yield Problem(
                "warning",
                "feed",
                f"its links point at {host}, which {why} (right for vnmedia serve)",
                "vnmedia publish DEST --base-url https://… sends a feed made for DEST",
            )


def _cover_problems(url: str, site: Site) -> Iterator[Problem]:
    from PIL import Image, UnidentifiedImageError

    fetched = site.fetch(url)
    if fetched.data is None:
        yield Problem("error", "cover", fetched.problem, site.missing_fix)
        return
    try:
        image = Image.open(io.BytesIO(fetched.data))
        kind, mode, (width, height) = image.format, image.mode, image.size
    except (UnidentifiedImageError, OSError):
        yield Problem("error", "cover", "is not an image", "set [show] image to a JPEG or PNG")
        return
    fix = "set [show] image to a square RGB JPEG or PNG of 1400 to 3000 px"
    if kind not in ("JPEG", "PNG"):
        yield Problem("error", "cover", f"is {kind}, not JPEG or PNG", fix)
    if mode != "RGB":
        yield Problem("error", "cover", f"is in {mode} colours, not RGB", fix)
    if width != height:
        yield Problem("error", "cover", f"is {width}×{height} px, not square", fix)
    if not COVER_PIXELS[0] <= max(width, height) <= COVER_PIXELS[1]:
        yield Problem("error", "cover", f"is {width}×{height} px, not 1400–3000", fix)
    expected = CONTENT_TYPES[".png" if kind == "PNG" else ".jpg"]
    yield from _content_type("cover", url, fetched, expected)


def _content_type(where: str, url: str, fetched: Fetched, expected: str) -> Iterator[Problem]:
    served = (fetched.content_type or "").split(";")[0].strip().lower()
    if fetched.content_type is not None and served != expected.split(";")[0]:
        yield Problem(
            "error",
            where,
            f"{url} is served as {served or 'nothing'}, not {expected}",
            "set the server's (or the object's) Content-Type: vnmedia publish sets it on S3/GCS",
        )


def _item_problems(item: Any, number: int, site: Site, guids: dict[str, str]) -> list[Problem]:
    title = _text(item, "title")
    where = f"item {number} ({title[:40]})" if title else f"item {number}"
    problems = []

    def fail(what: str, fix: str = REBUILD_FEED) -> None:
        problems.append(Problem("error", where, what, fix))

    if not title:
        fail("has no title")
    guid = _text(item, "guid")
    if not guid:
        fail("has no guid")
    elif guid in guids:
        fail(f"has the guid of {guids[guid]}: apps would show one of them")
    else:
        guids[guid] = where
    date = _text(item, "pubDate")
    try:
        if parsedate_to_datetime(date) is None:
            raise ValueError(date)
    except (TypeError, ValueError):
        fail(f"pubDate {date or '(none)'!r} is not an RFC 822 date")
    enclosure = item.find("enclosure")
    if enclosure is None or not enclosure.get("url"):
        fail("has no enclosure: apps have nothing to play")
    else:
        problems += _enclosure_problems(enclosure, item, where, site)
    for transcript in item.findall(f"{{{PODCAST_NS}}}transcript"):
        problems += _transcript_problems(transcript, where, site)
    chapters = item.find(f"{{{PODCAST_NS}}}chapters")
    if chapters is not None:
        problems += _chapters_problems(chapters.get("url", ""), where, site)
    problems += _description_chapters(_text(item, "description"), where)
    return problems


def _enclosure_problems(enclosure: Any, item: Any, where: str, site: Site) -> list[Problem]:
    url, kind, length = enclosure.get("url"), enclosure.get("type", ""), enclosure.get("length")
    fetched = site.fetch(url, media=True)
    if fetched.data is None:
        return [Problem("error", where, fetched.problem, site.missing_fix)]
    expected = CONTENT_TYPES.get(Path(urlsplit(url).path).suffix, "")
    problems = list(_content_type(where, url, fetched, expected))

    def fail(what: str, fix: str = REBUILD_FEED) -> None:
        problems.append(Problem("error", where, what, fix))

    if kind != expected:
        fail(f"enclosure type {kind!r} is not {expected}")
    if not (length or "").isdigit():
        fail(f"enclosure length {length!r} is not a byte count")
    elif fetched.length is None:
        fail(f"{url} is served without Content-Length", "serve it from a static server or bucket")
    elif int(length) != fetched.length:
        fail(
            f"enclosure length {length} is not the file's {fetched.length} bytes",
            "rebuild the feed (vnmedia feed) and publish again",
        )
    if fetched.ranges is False:
        fail(
            f"{url} ignores byte ranges (a Range request is not answered 206)",
            "serve media from a server or bucket that answers Range requests",
        )
    duration = site.duration(url)
    written = _text(item, "itunes:duration")
    stated = _seconds(written)
    if not written:
        fail("has no itunes:duration")
    elif stated is None:
        fail(f"itunes:duration {written!r} is not seconds, MM:SS or H:MM:SS")
    elif duration is not None and abs(duration - stated) > DURATION_TOLERANCE_S:
        fail(f"itunes:duration {stated:.0f} s is not the audio's {duration:.0f} s")
    return problems


_DURATION = re.compile(r"^(?:\d+:){0,2}\d+(?:\.\d+)?$")
"""Seconds, ``MM:SS`` or ``H:MM:SS`` (Apple's forms): not "nan", "1e3" or "-5"."""


def _seconds(text: str) -> float | None:
    if not _DURATION.match(text):
        return None
    seconds = 0.0
    for part in text.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def _transcript_problems(transcript: Any, where: str, site: Site) -> list[Problem]:
    url, kind = transcript.get("url", ""), transcript.get("type", "")
    fix = "rebuild the episode (vnmedia build) and publish again"
    fetched = site.fetch(url)
    if fetched.data is None:
        return [Problem("error", where, fetched.problem, site.missing_fix)]
    problems = list(_content_type(where, url, fetched, kind))
    try:
        text = fetched.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [*problems, Problem("error", where, f"transcript {url} is not UTF-8", fix)]
    if kind == "text/vtt":
        error = webvtt_error(text)
    elif kind in ("application/srt", "application/x-subrip"):
        error = srt_error(text)
    else:
        error = f"type {kind!r} is neither text/vtt nor application/srt"
    if error:
        problems.append(Problem("error", where, f"transcript {url}: {error}", fix))
    return problems


def _cue_blocks(text: str) -> list[list[str]]:
    blocks = [b.split("\n") for b in re.split(r"\n{2,}", text.replace("\r\n", "\n").strip())]
    return [b for b in blocks if b and b[0]]


def _ms(stamp: str) -> int:
    """A cue timing's stamp (``00:01.500``, SRT's ``00:00:01,500``) in milliseconds."""
    return round((_seconds(stamp.replace(",", ".")) or 0) * 1000)


def webvtt_error(text: str) -> str | None:
    """Why ``text`` is not a WebVTT file of timed cues (``None`` when it is).

    The cue structure the W3C grammar asks for: the ``WEBVTT`` line, then blocks separated
    by blank lines, each cue an optional identifier, a timing line with start ≤ end, text.
    """
    blocks = _cue_blocks(text)
    if not blocks or not re.match(r"^WEBVTT([ \t].*)?$", blocks[0][0]):
        return "does not start with WEBVTT"
    return _timing_error(blocks[1:], _VTT_TIMING, skip=("NOTE", "STYLE", "REGION"))


def srt_error(text: str) -> str | None:
    """Why ``text`` is not an SRT file (``None`` when it is): numbered blocks, each a
    timing line ``00:00:01,000 --> 00:00:02,000`` with start ≤ end, then text."""
    blocks = _cue_blocks(text)
    if not blocks:
        return "has no cues"
    for block in blocks:
        if not block[0].strip().isdigit():
            return f"block {block[0][:30]!r} does not start with its number"
        if len(block) < 2:  # a file cut short after a cue's number
            return f"cue {block[0].strip()} has no timing line"
    return _timing_error([b[1:] for b in blocks], _SRT_TIMING, skip=())


def _timing_error(
    blocks: list[list[str]], timing: re.Pattern[str], skip: tuple[str, ...]
) -> str | None:
    cues = 0
    for block in blocks:
        if block[0].split(" ")[0] in skip:
            continue
        lines = block if timing.match(block[0]) else block[1:]
        match = timing.match(lines[0]) if lines else None
        if match is None:
            return f"cue {block[0][:30]!r} has no timing line"
        if _ms(match.group(1)) > _ms(match.group(2)):
            return f"cue {lines[0]!r} ends before it starts"
        cues += 1
    return None if cues else "has no cues"


def chapters_error(data: bytes) -> str | None:
    """Why ``data`` is not Podcasting 2.0 JSON chapters (``None`` when it is): an object
    with a ``version`` string and a ``chapters`` list, each chapter with a ``startTime``
    (seconds, in order), its optional ``title``, ``img`` and ``url`` strings and
    ``endTime`` not before its start."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return f"is not JSON ({exc})"
    if not isinstance(document, dict) or not isinstance(document.get("version"), str):
        return 'has no "version" string'
    chapters = document.get("chapters")
    if not isinstance(chapters, list) or not chapters:
        return 'has no "chapters" list'
    previous = -1.0
    for number, chapter in enumerate(chapters, 1):
        start = chapter.get("startTime") if isinstance(chapter, dict) else None
        if isinstance(start, bool) or not isinstance(start, int | float) or start < 0:
            return f"chapter {number} has no startTime in seconds"
        if start < previous:
            return f"chapter {number} starts before chapter {number - 1}"
        previous = start
        for key in ("title", "img", "url"):
            if key in chapter and not isinstance(chapter[key], str):
                return f"chapter {number}'s {key} is not a string"
        end = chapter.get("endTime")
        if end is not None and (not isinstance(end, int | float) or end < start):
            return f"chapter {number} ends before it starts"
    return None


def _chapters_problems(url: str, where: str, site: Site) -> list[Problem]:
    fetched = site.fetch(url)
    if fetched.data is None:
        return [Problem("error", where, fetched.problem, site.missing_fix)]
    problems = list(_content_type(where, url, fetched, CONTENT_TYPES[".json"]))
    error = chapters_error(fetched.data)
    if error:
        problems.append(
            Problem(
                "error", where, f"chapters {url} {error}", "rebuild the episode (vnmedia build)"
            )
        )
    return problems


def description_stamps(description: str) -> list[int]:
    """The chapter timestamps (seconds) listed at line starts of an item's description."""
    return [round(_seconds(m.group(1)) or 0) for m in _DESCRIPTION_STAMP.finditer(description)]


def _description_chapters(description: str, where: str) -> list[Problem]:
    stamps = description_stamps(description)
    if not stamps:
        return []
    fix = REBUILD_FEED
    if len(stamps) < 3 or stamps[0] != 0:
        return [
            Problem(
                "warning",
                where,
                "description timestamps are not chapters for Apple and Spotify (they need at "
                "least three, the first at 00:00)",
                fix,
            )
        ]
    if stamps != sorted(stamps):
        return [Problem("warning", where, "description timestamps are out of order", fix)]
    return []


def check_show(
    target: str, *, timeout: float = 15.0, user_agent: str = "vnmedia-check"
) -> list[Problem]:
    """Check an output folder or a published feed's URL; every problem found."""
    if target.startswith(("http://", "https://")):
        site: Site = HttpSite(timeout, user_agent)
        fetched = site.fetch(target)
        if fetched.data is None:
            return [
                Problem("error", "feed", fetched.problem, "publish the show (vnmedia publish DEST)")
            ]
        # A feed checked on this machine or a private network (a staging server) is read
        # like an output folder's: its links reach whoever checks, not yet listeners.
        problems = check_feed(fetched.data, site, published=not unreachable_host(target))
        expected = CONTENT_TYPES[".xml"]
        served = (fetched.content_type or "").split(";")[0].strip()
        if served not in (expected, "application/xml", "text/xml"):
            problems.insert(
                0,
                Problem(
                    "error",
                    "feed",
                    f"is served as {served or 'nothing'}, not {expected}",
                    "set the server's Content-Type for .xml",
                ),
            )
        return problems
    folder = Path(target)
    if folder.is_file():  # the feed itself was named
        folder = folder.parent
    feed_path = folder / FEED_FILE
    try:
        feed = feed_path.read_bytes()
    except OSError:
        return [
            Problem(
                "error", str(folder), f"has no {FEED_FILE}", "run vnmedia build (or vnmedia feed)"
            )
        ]
    return check_feed(feed, FolderSite(folder, _feed_base(feed)), published=False)


def _feed_base(feed: bytes) -> str:
    """The address the feed's links are built on: its ``atom:link rel="self"`` (or its
    cover's) folder."""
    try:
        root = etree.fromstring(feed)
    except etree.XMLSyntaxError:
        return ""
    for link in root.iter(f"{{{ATOM_NS}}}link"):
        if link.get("rel") == "self" and link.get("href", "").endswith("/" + FEED_FILE):
            return str(link.get("href"))[: -len(FEED_FILE) - 1]
    image = root.find(f"channel/{{{ITUNES_NS}}}image")
    href = image.get("href", "") if image is not None else ""
    return href.rsplit("/", 1)[0]


def check_published(feed_url: str, settings: Settings) -> list[Problem] | None:
    """The problems of a show just published at ``feed_url``, or ``None`` when its address
    does not answer from here (a private bucket behind a CDN not set up yet, no network)."""
    import requests

    agent = f"vnmedia/{__version__} (+{settings.user_agent_contact})"
    try:
        requests.head(feed_url, timeout=settings.probe_timeout, headers={"User-Agent": agent})
    except requests.RequestException:
        return None
    return check_show(feed_url, timeout=settings.request_timeout, user_agent=agent)
