"""Polite, resilient fetching of web pages, feeds and sitemaps.

- **robots.txt** (RFC 9309, parsed by protego) is read for every host a URL *or one of its
  redirects* lands on, and kept for at most 24 hours (in the cache, across runs; a missing
  robots.txt too). A URL it disallows for vnmedia is that URL's error. Its first
  :data:`ROBOTS_MAX_BYTES` are read; when it is longer, a URL those bytes do not allow
  explicitly is disallowed (the rest might disallow it) and the run warns. A robots.txt
  that cannot be had (a 5xx, no answer) disallows the whole host, as RFC 9309 says.
  ``Crawl-delay`` spaces the requests to its host, up to :data:`MAX_CRAWL_DELAY`.
- **One deadline per URL** (``timeout``): every try, redirect, retry wait and byte of the
  body fits in it (the waits of the rate limit and Crawl-delay aside); a page that trickles
  is cut at the deadline and its connection closed.
- **A host that does not answer is remembered** for the client's life (one run): it costs
  one deadline, and its other URLs are left to retry without asking it again.
- **The same guards as the engines** (``runtime/resilience.py``): one rate limit per host
  (``--rate``), retries with backoff and jitter for 429, 5xx and connection errors, honouring
  ``Retry-After`` (seconds or a date); a host asking to wait longer than the cap is not asked
  again in this run, and a breaker per host.
- **A User-Agent that names vnmedia** and the producer's ``contact`` address.
- **Limits**: at most :data:`MAX_REDIRECTS` redirects, each to http(s) only; a page over
  :data:`MAX_PAGE_BYTES` (decompressed) is refused while it downloads.
- **Conditional requests**: every page is kept in the cache with its ``ETag`` and
  ``Last-Modified``; the next fetch sends ``If-None-Match`` / ``If-Modified-Since`` and a
  304 costs nothing else. A caller may also take a cached page without asking at all
  (``revalidate=False``: the items of a feed that did not change).
- **Encodings**: a page is decoded by the charset it declares (TCVN3, VNI and VISCII
  included; a page declaring a single-byte charset whose bytes are valid UTF-8 is UTF-8),
  else detected as article files are (``sources/files.py``). Only decoded: an article
  file's shape rules (a line too long to be text) are not asked of a page.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import re
import socket
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import asdict, dataclass, replace
from functools import partial
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import requests.adapters
import urllib3
import urllib3.connection
from protego import Protego

from ..errors import EngineError, InputError
from ..runtime.cache import Cache, cache_key
from ..runtime.resilience import (
    Deadline,
    Guards,
    Tally,
    call_with_deadline,
    retry_after,
    why_unreachable,
)
from ..version import __version__
from .files import LEGACY_ENCODINGS, decode_bytes

MAX_PAGE_BYTES = 5_000_000
"""Larger pages are refused: no news page or feed is that big."""
MAX_REDIRECTS = 5
ROBOTS_MAX_AGE = 24 * 3600
"""Seconds a host's robots.txt is trusted before it is asked again (RFC 9309: 24 hours)."""
ROBOTS_MAX_BYTES = 512 * 1024
"""How much of a robots.txt is read (RFC 9309 §2.5: at least 500 KiB)."""
MAX_CRAWL_DELAY = 30.0
"""A site's ``Crawl-delay`` is honoured up to this many seconds between requests (a feed
of 20 items then takes 10 minutes); a site asking for more gets this, and a warning."""
TEXT_TYPES = (
    "text/",
    "application/xhtml",
    "application/xml",
    "application/rss",
    "application/atom",
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
LEGACY_CHARSETS = {
    **{name: name for name in LEGACY_ENCODINGS},
    "x-viet-tcvn3": "tcvn3",
    "x-viet-tcvn": "tcvn3",
    "tcvn": "tcvn3",
    "tcvn-3": "tcvn3",
    "tcvn5712": "tcvn3",
    "tcvn-5712": "tcvn3",
    "x-viet-vni": "vni",
    "x-viet-viscii": "viscii",
    "csviscii": "viscii",
}
"""Charset names Vietnamese pages declare for the font encodings Python has no codec for."""


class FetchError(EngineError):
    """A URL could not be fetched (the message says why and what to do).

    ``unreachable``: its host did not answer (no connection, no answer in time), so the
    client does not ask that host again; ``reason`` says how, in a few words.
    """

    unreachable = False
    reason = ""
    """How the host failed, in a few words (set with ``unreachable``)."""

    @property
    def message(self) -> str:
        """The error without the URL it is about."""
        return str(self).removeprefix(f"{self.engine}: ")


@dataclass(frozen=True)
class Page:
    """A fetched web document and what the server said about it."""

    url: str
    """The URL asked for."""
    final_url: str
    """Where the redirects ended."""
    text: str
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: float = 0.0
    """When the server last sent (or confirmed) this text (seconds since the epoch)."""
    changed: bool = True
    """Whether the text differs from the cached one (a first fetch counts as changed)."""
    truncated: bool = False
    """Only the first bytes were kept (a robots.txt over :data:`ROBOTS_MAX_BYTES`)."""


@dataclass(frozen=True)
class _Redirect:
    target: str


class _Unreadable(Exception):
    """A host whose robots.txt could not be had in this run: nothing of it is fetched."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class WebClient:
    """Fetches URLs politely, through the cache. Thread-safe."""

    def __init__(
        self,
        cache: Cache,
        guards: Guards,
        *,
        contact: str,
        timeout: float = 15.0,
        encoding: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.cache = cache
        self.guards = guards
        self.timeout = timeout
        """Seconds one URL may take, all its tries and redirects included."""
        self.encoding = encoding
        """Force this encoding on HTML pages (``--encoding``) instead of their charset."""
        self.user_agent = f"vnmedia/{__version__} (+{contact})" if contact else "vnmedia"
        self.tally = Tally()
        """requests (sent), not_modified (304 answers), cached (taken without asking)."""
        self.warnings: list[str] = []
        """What the run should tell the producer (a robots.txt cut short, a long
        Crawl-delay), once each."""
        self._clock = clock
        self._session = requests.Session()
        self._session.headers["User-Agent"] = self.user_agent
        for scheme in ("http://", "https://"):
            self._session.mount(scheme, _WatchedAdapter())
        self._robots: dict[str, Protego | _Unreadable] = {}
        self._down: dict[str, FetchError] = {}
        """Hosts that did not answer in time, with the error that says so."""
        self._lock = threading.RLock()

    def close(self) -> None:
        """Close the connection pool."""
        self._session.close()

    def get(self, url: str, *, revalidate: bool = True) -> Page:
        """The document at ``url``; FetchError says why it cannot be had."""
        cached = self._cached(url)
        if cached is not None and not revalidate:
            self.tally.add("cached")
            return cached
        self._check_robots(url, url)
        page = self._fetch(url, cached, Deadline(self.timeout), follow=self._check_robots)
        self._store(page)
        return page

    # --- robots.txt ---------------------------------------------------------------------

    def _check_robots(self, url: str, asked: str) -> None:
        """Raise when robots.txt of ``url``'s host does not let vnmedia fetch it."""
        origin = _origin(url)
        with self._lock:
            rules = self._robots.get(origin)
            if rules is None:
                try:
                    rules = self._robots[origin] = self._read_robots(origin)
                except _Unreadable as exc:  # kept: the host's other URLs fail the same way
                    rules = self._robots[origin] = exc
        if isinstance(rules, _Unreadable):
            raise FetchError(
                f"robots.txt of {origin} cannot be read ({rules.reason}), so nothing of the site "
                "is fetched (RFC 9309); rerun later",
                engine=asked,
                retryable=True,
            )
        if not rules.can_fetch(url, self.user_agent):
            where = "" if url == asked else f" (a redirect to {url})"
            raise FetchError(
                f"robots.txt of {origin} disallows it for vnmedia{where}: not fetched",
                engine=asked,
            )

    def _read_robots(self, origin: str) -> Protego:
        url = f"{origin}/robots.txt"
        cached = self._cached(url)
        if cached is not None and self._clock() - cached.fetched_at < ROBOTS_MAX_AGE:
            page = cached
        else:
            try:
                page = self._fetch(url, cached, Deadline(self.timeout), limit=ROBOTS_MAX_BYTES)
            except FetchError as exc:
                if exc.retryable:  # unreachable or failing: RFC 9309 says disallow all
                    raise _Unreadable(exc.reason or exc.message) from exc
                # 4xx (no robots.txt), too many redirects, not text: everything is allowed,
                # and that is remembered for a day like a robots.txt.
                page = Page(url, url, "", "text/plain", fetched_at=self._clock())
            self._store(page)
        text = page.text
        if page.truncated:
            self._warn(
                f"{url} is longer than {ROBOTS_MAX_BYTES // 1024} KiB: only its beginning "
                "was read, and pages it does not explicitly allow are not fetched"
            )
            text = _allowing_only_what_is_read(text)
        rules = Protego.parse(text)
        delay = rules.crawl_delay(self.user_agent)
        if delay:
            if delay > MAX_CRAWL_DELAY:
                self._warn(
                    f"{url} asks for {delay:g} s between requests: vnmedia waits "
                    f"{MAX_CRAWL_DELAY:g} s at most"
                )
            self.guards.guard(urlsplit(origin).netloc).space(min(float(delay), MAX_CRAWL_DELAY))
        return rules

    def _warn(self, message: str) -> None:
        with self._lock:
            if message not in self.warnings:
                self.warnings.append(message)

    # --- requests -----------------------------------------------------------------------

    def _fetch(
        self,
        url: str,
        cached: Page | None,
        deadline: Deadline,
        *,
        follow: Callable[[str, str], None] | None = None,
        limit: int | None = None,
    ) -> Page:
        """``url`` (redirects followed, each first passed to ``follow``) within
        ``deadline``. ``limit``: keep only that many bytes instead of refusing more."""
        headers = {}
        if cached is not None and cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached is not None and cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
        hop = url
        for _ in range(MAX_REDIRECTS + 1):
            self._check_up(urlsplit(hop).netloc, url)
            answer = self.guards.call(
                urlsplit(hop).netloc,
                partial(
                    self._request,
                    url,
                    hop,
                    deadline,
                    partial(self._send, url, hop, headers, cached, deadline, limit),
                ),
                deadline,
            )
            if isinstance(answer, Page):
                return answer
            hop = answer.target
            if follow is not None:
                follow(hop, url)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects (a redirect loop?)", engine=url)

    def _request(
        self, url: str, hop: str, deadline: Deadline, send: Callable[[], Page | _Redirect]
    ) -> Page | _Redirect:
        """``send`` one request to ``hop`` (``url`` or one of its redirects), remembering a
        host that does not answer."""
        host = urlsplit(hop).netloc
        sockets: list[socket.socket] = []

        def watched() -> Page | _Redirect:
            _SOCKETS.set(sockets)  # the connection notes its socket there (_Watched)
            return send()

        try:
            # The socket timeouts end a silent server at the deadline, and the body's reads
            # a trickle; one that trickles its headers is cut here, its socket shut down.
            grace = deadline.remaining() + 1.0
            return call_with_deadline(watched, grace, engine=url)
        except FetchError as exc:
            if exc.unreachable:
                with self._lock:
                    self._down.setdefault(host, exc)
            raise
        except EngineError as exc:  # the thread was left behind: the host is as good as down
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)  # wakes the thread: it ends, and closes it
            error = _unreachable(url, f"no answer within {self.timeout:g} s")
            with self._lock:
                self._down.setdefault(host, error)
            raise error from exc

    def _check_up(self, host: str, url: str) -> None:
        """Raise (at once: no retry, no wait) when ``host`` did not answer earlier."""
        with self._lock:
            down = self._down.get(host)
        if down is not None:
            raise FetchError(
                f"{host} did not answer earlier in this run ({down.reason}): not asked again; "
                "rerun later",
                engine=url,
                retryable=True,
            )

    def _send(
        self,
        url: str,
        hop: str,
        headers: dict[str, str],
        cached: Page | None,
        deadline: Deadline,
        limit: int | None,
    ) -> Page | _Redirect:
        remaining = deadline.remaining()
        if remaining <= 0:
            raise _unreachable(url, f"no answer within {self.timeout:g} s")
        self.tally.add("requests")
        try:
            reply = self._session.get(
                hop, headers=headers, timeout=remaining, stream=True, allow_redirects=False
            )
        except requests.Timeout as exc:
            raise _unreachable(url, f"no answer within {self.timeout:g} s") from exc
        except requests.ConnectionError as exc:
            raise _unreachable(url, f"cannot connect ({why_unreachable(exc)})") from exc
        except requests.RequestException as exc:
            raise FetchError(f"cannot be asked ({type(exc).__name__}: {exc})", engine=url) from exc
        with reply:
            if reply.is_redirect:
                return _Redirect(_redirect_target(self._session, reply, hop, url))
            if reply.status_code == 304 and cached is not None:
                self.tally.add("not_modified")
                return replace(cached, fetched_at=self._clock())  # confirmed as of now
            _check_status(reply, url)
            body, truncated = _read_limited(reply, url, deadline, limit, self.timeout)
        header = reply.headers.get("Content-Type", "")
        content_type = header.split(";")[0].strip().lower()
        text = self._decode(body, header, url) if _is_text(content_type, body) else ""
        if not text and not (limit and not body):
            kind = content_type or "not text"
            raise FetchError(f"not a web page or feed ({kind})", engine=url)
        return Page(
            url=url,
            final_url=reply.url,
            text=text,
            content_type=content_type,
            etag=reply.headers.get("ETag"),
            last_modified=reply.headers.get("Last-Modified"),
            fetched_at=self._clock(),
            changed=cached is None or cached.text != text,
            truncated=truncated,
        )

    def _decode(self, body: bytes, header: str, url: str) -> str:
        forced = self.encoding if "html" in header.lower() else None
        return decode_page(body, header, forced=forced, name=url)

    # --- the cache ----------------------------------------------------------------------

    def _cached(self, url: str) -> Page | None:
        stored = self.cache.get_text("page", cache_key("page", url=url))
        if stored is None:
            return None
        try:
            return Page(**{**json.loads(stored), "changed": False})
        except (ValueError, TypeError):
            return None  # a damaged entry: fetch again

    def _store(self, page: Page) -> None:
        data = asdict(page)
        del data["changed"]
        self.cache.put_text(
            "page", cache_key("page", url=page.url), json.dumps(data, ensure_ascii=False)
        )


_SOCKETS: ContextVar[list[socket.socket] | None] = ContextVar("vnmedia_sockets", default=None)
"""Where the connections of a request under a deadline note their sockets."""


class _Watched:
    """A connection that notes its socket (in :data:`_SOCKETS`) once its request is sent,
    so that a deadline can shut it down while the answer is awaited."""

    sock: socket.socket | None

    def request(self, *args: Any, **kwargs: Any) -> None:
        super().request(*args, **kwargs)  # type: ignore[misc]
        sockets = _SOCKETS.get()
        if sockets is not None and self.sock is not None:
            sockets.append(self.sock)


class _WatchedHTTPConnection(_Watched, urllib3.connection.HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, urllib3.connection.HTTPSConnection):
    pass


class _WatchedHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter, with connections a deadline can shut down."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _WatchedHTTPPool,
            "https": _WatchedHTTPSPool,
        }


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _unreachable(url: str, reason: str) -> FetchError:
    """A retryable error that also marks the host as not answering."""
    error = FetchError(f"{reason}: check the address and the network", engine=url, retryable=True)
    error.unreachable, error.reason = True, reason
    return error


def _redirect_target(
    session: requests.Session, reply: requests.Response, hop: str, url: str
) -> str:
    location = session.get_redirect_target(reply) or ""
    target = urljoin(hop, location)
    if urlsplit(target).scheme not in ("http", "https"):
        raise FetchError(
            f"redirected to {target}: only http and https redirects are followed", engine=url
        )
    return target


def decode_page(
    body: bytes, header: str = "", *, forced: str | None = None, name: str = "page"
) -> str:
    """A page's bytes as it says they are: the ``forced`` charset, else the one its
    ``Content-Type`` ``header`` or ``<meta>`` declares (the font encodings TCVN3, VNI and
    VISCII too), else detected as article files are. Decoding only: a page is never refused
    for an article file's shape (a minified page is one very long line)."""
    declared = forced or _declared_charset(header, body)
    encoding = LEGACY_CHARSETS.get(declared.lower(), declared) if declared else None
    if encoding and not forced and _utf8_declared_otherwise(body, encoding):
        encoding = None  # a page saved as UTF-8 under an old template's charset
    for attempt in (encoding, None) if encoding else (None,):
        try:
            return decode_bytes(body, attempt, name=name)[0]
        except InputError:  # a charset no codec knows or the bytes do not fit: detected
            continue
    # Bytes detection calls binary (a stray NUL in a page served as text): read as UTF-8,
    # what does not fit replaced, rather than lose the page.
    return decode_bytes(body.decode("utf-8", errors="replace").encode(), "utf-8")[0]


def _utf8_declared_otherwise(body: bytes, encoding: str) -> bool:
    """Whether a page declaring another charset (``windows-1258``, ``iso-8859-1``) is UTF-8
    all the same: its non-ASCII bytes are valid UTF-8, which text in a single-byte charset
    almost never is. A font encoding (TCVN3, VNI, VISCII) is left as declared."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    if name.startswith("utf") or encoding.lower() in LEGACY_ENCODINGS:
        return False
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declared_charset(header: str, body: bytes) -> str | None:
    """The charset the Content-Type header, a ``<meta>`` or an XML declaration names."""
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", header, re.IGNORECASE)
    if match:
        return match.group(1)
    head = body[:4096]
    found = _CHARSET.search(head) or _XML_ENCODING.search(head)
    return found.group(1).decode("ascii", "replace") if found else None


_AGENT_LINE = re.compile(r"\s*user-agent\s*:", re.IGNORECASE)


def _allowing_only_what_is_read(text: str) -> str:
    """A robots.txt cut short, rewritten so that only what its read part explicitly allows
    is allowed: every group gets ``Disallow: /`` (the shortest rule: any longer Allow or
    Disallow wins over it), and a catch-all group closes it (a group for vnmedia may be in
    the part not read)."""
    lines = text.splitlines()[:-1]  # the last line may be cut in the middle
    out: list[str] = []
    for number, line in enumerate(lines):
        out.append(line)
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if _AGENT_LINE.match(line) and not _AGENT_LINE.match(following):
            out.append("Disallow: /")
    return "\n".join([*out, "", "User-agent: *", "Disallow: /", ""])


def _check_status(reply: requests.Response, url: str) -> None:
    status = reply.status_code
    if status == 200:
        return
    if status in (404, 410):
        raise FetchError(f"HTTP {status}: no such page (removed or mistyped)", engine=url)
    if status == 429 or status >= 500:
        wait = retry_after(reply)
        asks = f" (it asks to wait {wait:,.0f} s)" if wait else ""
        raise FetchError(
            f"HTTP {status} from the site{asks}", engine=url, retryable=True, retry_after=wait
        )
    raise FetchError(f"HTTP {status} {reply.reason or ''}".rstrip(), engine=url)


def _read_limited(
    reply: requests.Response, url: str, deadline: Deadline, limit: int | None, timeout: float
) -> tuple[bytes, bool]:
    """The body (decompressed), cut at the deadline and at the size limit: over ``limit``
    the first ``limit`` bytes are kept (``True``: cut short), over :data:`MAX_PAGE_BYTES`
    the page is refused. The reply is closed by the caller, its connection with it."""
    most = limit or MAX_PAGE_BYTES
    declared = reply.headers.get("Content-Length", "")
    if not limit and declared.isdigit() and int(declared) > MAX_PAGE_BYTES:
        raise FetchError(f"{int(declared):,} bytes is too large for a news page", engine=url)
    chunks, size = [], 0
    try:
        # read1 returns what has arrived (at most 64 KiB): a trickle is cut at the
        # deadline, not only when a whole chunk has come.
        while chunk := reply.raw.read1(64 * 1024, decode_content=True):
            size += len(chunk)
            chunks.append(chunk)
            if size > most:
                if limit:
                    return b"".join(chunks)[:limit], True
                raise FetchError(
                    f"over {MAX_PAGE_BYTES:,} bytes: too large for a news page", engine=url
                )
            if deadline.remaining() < 0:
                raise _unreachable(url, f"not sent in full within {timeout:g} s")
    except (urllib3.exceptions.ReadTimeoutError, TimeoutError) as exc:
        raise _unreachable(url, f"not sent in full within {timeout:g} s") from exc
    except (urllib3.exceptions.ProtocolError, OSError) as exc:
        raise FetchError(
            f"the connection broke while the page came ({type(exc).__name__}); rerun later",
            engine=url,
            retryable=True,
        ) from exc
    except urllib3.exceptions.HTTPError as exc:  # a broken gzip stream, and the like
        raise FetchError(f"the page cannot be read ({type(exc).__name__})", engine=url) from exc
    return b"".join(chunks), False


def _is_text(content_type: str, body: bytes) -> bool:
    if content_type:
        return content_type.startswith(TEXT_TYPES) or content_type.endswith(("+xml", "/json"))
    # No Content-Type: a binary file has NUL bytes or a known signature early on.
    return b"\x00" not in body[:1024] and not body.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8"))
