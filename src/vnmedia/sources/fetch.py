"""Polite, resilient fetching of web pages, feeds and sitemaps.

- **robots.txt** is read for every host (kept for at most 24 hours, as RFC 9309 allows)
  and a URL it disallows for vnmedia is that URL's error.
- **The same guards as the engines** (``batch/resilience.py``): one rate limit per host
  (``--rate``), retries with backoff and jitter honouring ``Retry-After`` for 429, 5xx,
  timeouts and connection errors, a breaker per host, and a deadline per request.
- **A User-Agent that names vnmedia** and the producer's ``contact`` address.
- **Limits**: redirects are followed up to :data:`MAX_REDIRECTS`; a page over
  :data:`MAX_PAGE_BYTES` is refused while it downloads.
- **Conditional requests**: every page is kept in the cache with its ``ETag`` and
  ``Last-Modified``; the next fetch sends ``If-None-Match`` / ``If-Modified-Since`` and a
  304 costs nothing else. A caller may also take a cached page without asking at all
  (``revalidate=False``: the items of a feed that did not change).
"""

from __future__ import annotations

import json
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from urllib.parse import urlsplit

import requests

from ..batch.cache import Cache, cache_key
from ..batch.resilience import Guards, Tally, call_with_deadline, retry_after
from ..errors import EngineError
from ..version import __version__

MAX_PAGE_BYTES = 5_000_000
"""Larger pages are refused: no news page or feed is that big."""
MAX_REDIRECTS = 5
ROBOTS_MAX_AGE = 24 * 3600
"""Seconds a host's robots.txt is trusted before it is asked again (RFC 9309: 24 hours)."""
TEXT_TYPES = (
    "text/",
    "application/xhtml",
    "application/xml",
    "application/rss",
    "application/atom",
)


class FetchError(EngineError):
    """A URL could not be fetched (the message says why and what to do)."""


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


class WebClient:
    """Fetches URLs politely, through the cache. Thread-safe."""

    def __init__(
        self,
        cache: Cache,
        guards: Guards,
        *,
        contact: str,
        timeout: float = 15.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.cache = cache
        self.guards = guards
        self.timeout = timeout
        self.user_agent = f"vnmedia/{__version__} (+{contact})" if contact else "vnmedia"
        self.tally = Tally()
        """requests (sent), not_modified (304 answers), cached (taken without asking)."""
        self._clock = clock
        self._session = requests.Session()
        self._session.max_redirects = MAX_REDIRECTS
        self._session.headers["User-Agent"] = self.user_agent
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}

    def close(self) -> None:
        """Close the connection pool."""
        self._session.close()

    def get(self, url: str, *, revalidate: bool = True) -> Page:
        """The document at ``url``; FetchError says why it cannot be had."""
        if not self._allowed(url):
            raise FetchError(
                "robots.txt of this site disallows it for vnmedia: not fetched", engine=url
            )
        return self._fetch(url, revalidate=revalidate)

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(origin)
        if rules is None:
            rules = self._robots[origin] = self._read_robots(origin)
        return rules.can_fetch(self.user_agent, url)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser:
        rules = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        cached = self._cached(f"{origin}/robots.txt")
        fresh = cached is not None and self._clock() - cached.fetched_at < ROBOTS_MAX_AGE
        try:
            page = cached if fresh and cached else self._fetch(f"{origin}/robots.txt")
        except FetchError as exc:
            if exc.retryable:
                raise  # unreachable or failing: RFC 9309 says assume everything disallowed
            page = None  # 4xx: no robots.txt, everything is allowed
        rules.parse(page.text.splitlines() if page else [])
        return rules

    def _fetch(self, url: str, *, revalidate: bool = True) -> Page:
        cached = self._cached(url)
        if cached is not None and not revalidate:
            self.tally.add("cached")
            return cached
        headers = {}
        if cached is not None and cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached is not None and cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
        host = urlsplit(url).netloc
        page = self.guards.call(
            host,
            lambda: call_with_deadline(
                lambda: self._request(url, headers, cached), self.timeout, engine=url
            ),
        )
        self._store(page)
        return page

    def _request(self, url: str, headers: dict[str, str], cached: Page | None) -> Page:
        self.tally.add("requests")
        try:
            reply = self._session.get(url, headers=headers, timeout=self.timeout, stream=True)
        except requests.TooManyRedirects as exc:
            raise FetchError(
                f"more than {MAX_REDIRECTS} redirects (a redirect loop?)", engine=url
            ) from exc
        except requests.Timeout as exc:
            raise FetchError(
                f"no answer within {self.timeout:g} s", engine=url, retryable=True
            ) from exc
        except requests.RequestException as exc:
            raise FetchError(
                f"cannot connect ({type(exc).__name__}): check the address and the network",
                engine=url,
                retryable=True,
            ) from exc
        with reply:
            if reply.status_code == 304 and cached is not None:
                self.tally.add("not_modified")
                return replace(cached, fetched_at=self._clock())  # confirmed as of now
            _check_status(reply, url)
            body = _read_limited(reply, url)
        content_type = reply.headers.get("Content-Type", "").split(";")[0].strip().lower()
        # trafilatura's decoder (charset declared, else guessed), imported when a page is
        # fetched: builds of text files never load the web-reading stack.
        from trafilatura.utils import decode_file

        text = decode_file(body) if _is_text(content_type, body) else ""
        if not text:
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
        )

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


def _check_status(reply: requests.Response, url: str) -> None:
    status = reply.status_code
    if status == 200:
        return
    if status in (404, 410):
        raise FetchError(f"HTTP {status}: no such page (removed or mistyped)", engine=url)
    if status == 429 or status >= 500:
        raise FetchError(
            f"HTTP {status} from the site",
            engine=url,
            retryable=True,
            retry_after=retry_after(reply),
        )
    raise FetchError(f"HTTP {status} {reply.reason or ''}".rstrip(), engine=url)


def _read_limited(reply: requests.Response, url: str) -> bytes:
    declared = reply.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_PAGE_BYTES:
        raise FetchError(f"{int(declared):,} bytes is too large for a news page", engine=url)
    chunks, size = [], 0
    for chunk in reply.iter_content(64 * 1024):
        size += len(chunk)
        if size > MAX_PAGE_BYTES:
            raise FetchError(
                f"over {MAX_PAGE_BYTES:,} bytes: too large for a news page", engine=url
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _is_text(content_type: str, body: bytes) -> bool:
    if content_type:
        return content_type.startswith(TEXT_TYPES) or content_type.endswith(("+xml", "/json"))
    # No Content-Type: a binary file has NUL bytes or a known signature early on.
    return b"\x00" not in body[:1024] and not body.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8"))
