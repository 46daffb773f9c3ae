"""A news site on 127.0.0.1 for the tests: pages, feeds, sitemaps, robots.txt, conditional
requests (ETag / Last-Modified → 304), 429 with Retry-After, errors, redirects, slow answers.

The real fetching code (requests, trafilatura, feedparser) talks to it over HTTP; every
request it gets is recorded, so tests count requests and read their headers.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What the site answers at one path."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    redirect: str | None = None
    """Answer 301 to this path (or this URL, when it has a scheme) instead."""
    failures: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    """Answers (status, headers) given first, one per request, before the real one."""
    delay: float = 0.0
    trickle: float = 0.0
    """Send the body one byte every this many seconds (a server that trickles)."""
    headers: dict[str, str] = field(default_factory=dict)
    """More headers of the real answer (``Content-Encoding: gzip``…)."""
    validators: bool = True
    """Send ETag and Last-Modified, and answer 304 to a matching conditional request."""

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


@dataclass
class Seen:
    """A request the site received."""

    path: str
    headers: dict[str, str]
    status: int

    @property
    def conditional(self) -> bool:
        return "If-None-Match" in self.headers or "If-Modified-Since" in self.headers


LAST_MODIFIED = "Sat, 05 Dec 2026 06:00:00 GMT"


class NewsSite:
    """Start with ``with NewsSite() as site:``; ``site.url(path)`` is a page's address."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.dropped: list[str] = []
        """Paths whose answer the client stopped reading (it closed the connection)."""
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                site._answer(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # A client that hangs up on a slow answer is expected here, not worth a traceback.
        self.server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> NewsSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def add(self, path: str, body: str | bytes = b"", **options: object) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(data, **options)  # type: ignore[arg-type]
        self.routes[path] = route
        return route

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def clear(self) -> None:
        self.seen.clear()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(handler.path)
        headers = dict(handler.headers.items())
        status, extra, body = 404, {}, b"<html><body>not found</body></html>"
        content_type = "text/html"
        if route is not None:
            with self._lock:
                failure = route.failures.pop(0) if route.failures else None
            if failure is not None:
                status, extra = failure
            elif route.redirect:
                target = route.redirect if "://" in route.redirect else self.url(route.redirect)
                status, extra, body = 301, {"Location": target}, b""
            else:
                status, body, content_type = route.status, route.body, route.content_type
                extra = dict(route.headers)
                if route.validators and status == 200:
                    extra |= {"ETag": route.etag, "Last-Modified": LAST_MODIFIED}
                    if headers.get("If-None-Match") == route.etag:
                        status, body = 304, b""
        self.seen.append(Seen(handler.path, headers, status))
        if route is not None:
            time.sleep(route.delay)  # a slow answer (the request is already seen)
        handler.send_response(status)
        for name, value in extra.items():
            handler.send_header(name, value)
        if status != 304:
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if status == 304:
            return
        try:
            if route is not None and route.trickle:
                for byte in body:
                    handler.wfile.write(bytes([byte]))
                    handler.wfile.flush()
                    time.sleep(route.trickle)
            else:
                handler.wfile.write(body)
        except OSError:  # the client gave up: what a misbehaving server sees
            self.dropped.append(handler.path)


class SilentHost:
    """A host that accepts connections and never answers (a dead backend behind a live
    address); ``connections`` are the ones it accepted."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.connections.append(connection)
            self._serve(connection)

    def _serve(self, connection: socket.socket) -> None:
        """Answer nothing."""

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.getsockname()[1]}{path}"

    def close(self) -> None:
        self.server.close()
        for connection in self.connections:
            connection.close()


class TricklingHost(SilentHost):
    """A host that answers every connection with its status line and headers a byte every
    ``pause`` seconds, forever; ``hung_up`` counts the connections the client closed."""

    def __init__(self, pause: float = 0.05) -> None:
        self.pause = pause
        self.hung_up = 0
        super().__init__()

    def _serve(self, connection: socket.socket) -> None:
        threading.Thread(target=self._trickle, args=(connection,), daemon=True).start()

    def _trickle(self, connection: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-Pad-%d: x\r\n" % n for n in range(10**4))
        try:
            for byte in head:
                connection.sendall(bytes([byte]))
                time.sleep(self.pause)
        except OSError:
            self.hung_up += 1


def rss(site: NewsSite, items: list[tuple[str, str, str]], title: str = "Tin mới") -> str:
    """An RSS 2.0 feed of (path, title, RFC 822 date) items, in the order given."""
    entries = "".join(
        f"<item><title>{t}</title><link>{site.url(p)}</link><pubDate>{d}</pubDate>"
        f"<guid>{site.url(p)}</guid></item>"
        for p, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{site.url('/')}</link><description>Tin</description>"
        f"{entries}</channel></rss>"
    )


def sitemap(site: NewsSite, items: list[tuple[str, str]]) -> str:
    """A sitemap of (path, lastmod) pages."""
    urls = "".join(f"<url><loc>{site.url(p)}</loc><lastmod>{d}</lastmod></url>" for p, d in items)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )
