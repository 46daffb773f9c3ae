"""After a publish that changed the feed, a local WebSub hub and a Podping-style endpoint are
told (a real HTTP server records each ping); an unchanged feed tells nobody; a directory
that fails is a warning, never a failed publish."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from lxml import etree

from vnmedia import build, load_settings
from vnmedia.cli import cli
from vnmedia.publish import publish
from vnmedia.site.feed import ATOM_NS

from fake_engines import FakeTranslator, FakeTTS, write_article

BASE = "https://podcast.baomoi.vn/show"
OWNER = "podcast@baomoi.vn"


@dataclass
class Ping:
    method: str
    path: str
    query: dict[str, list[str]]
    form: dict[str, list[str]]
    headers: dict[str, str]


@dataclass
class Directories:
    """A hub at /hub and a Podping-style endpoint at /podping, recording every request."""

    server: ThreadingHTTPServer
    pings: list[Ping] = field(default_factory=list)
    status: int = 204

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"


@pytest.fixture
def directories() -> Iterator[Directories]:
    record: list[Directories] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            parts = urlsplit(self.path)
            site = record[0]
            site.pings.append(
                Ping(
                    self.command,
                    parts.path,
                    parse_qs(parts.query),
                    parse_qs(body),
                    dict(self.headers.items()),
                )
            )
            self.send_response(site.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = _answer  # noqa: N815 (http.server's names)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    record.append(Directories(server))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield record[0]
    server.shutdown()
    server.server_close()


def make_show(tmp_path, fakes, directories, **flags):
    write_article(tmp_path / "in", "a.txt", "Bài thứ nhất", "Đoạn một.", "Đoạn hai.")
    settings = load_settings(
        inputs=(str(tmp_path / "in"),),
        output=str(tmp_path / "out"),
        tts=FakeTTS.name,
        translator=FakeTranslator.name,
        show_owner_email=OWNER,
        websub_hub=directories.url("/hub"),
        podping_url=directories.url("/podping"),
        podping_token="secret-token",
        **flags,
    )
    build(settings)
    return settings


def test_a_changed_feed_is_announced_to_the_hub_and_the_podping_endpoint(
    tmp_path, fakes, directories
):
    settings = make_show(tmp_path, fakes, directories)
    dest = tmp_path / "www"
    plan = publish(settings, str(dest), base_url=BASE)
    assert plan.warnings == []

    # The feed names its hub and itself (the topic the hub is told of).
    root = etree.fromstring((dest / "feed.xml").read_bytes())
    links = {e.get("rel"): e.get("href") for e in root.iter(f"{{{ATOM_NS}}}link")}
    assert links == {"hub": directories.url("/hub"), "self": f"{BASE}/feed.xml"}

    hub, podping = sorted(directories.pings, key=lambda p: p.path)
    assert (hub.method, hub.path) == ("POST", "/hub")
    assert hub.headers["User-Agent"].startswith("vnmedia/")
    assert hub.form == {"hub.mode": ["publish"], "hub.url": [f"{BASE}/feed.xml"]}
    assert (podping.method, podping.path) == ("GET", "/podping")
    assert podping.query == {"url": [f"{BASE}/feed.xml"]}
    assert podping.headers["Authorization"] == "secret-token"
    assert podping.headers["User-Agent"].startswith("vnmedia/")

    # Nothing changed: nobody is told again.
    publish(settings, str(dest), base_url=BASE)
    assert len(directories.pings) == 2


def test_a_directory_that_fails_is_a_warning_and_the_show_is_published(
    tmp_path, fakes, directories
):
    settings = make_show(tmp_path, fakes, directories)
    directories.status = 503
    result = CliRunner(mix_stderr=False).invoke(
        cli,
        ["publish", str(tmp_path / "www"), "-o", settings.output, "--base-url", BASE, "--no-check"],
        env={
            "VNMEDIA_SHOW_OWNER_EMAIL": OWNER,
            "VNMEDIA_WEBSUB_HUB": directories.url("/hub"),
            "VNMEDIA_PODPING_URL": "http://127.0.0.1:9/podping",  # nothing listens there
        },
    )
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 2
    assert any("WebSub hub" in w and "HTTP 503" in w for w in warnings)
    assert any("Podping endpoint" in w and "not told" in w for w in warnings)
    assert (tmp_path / "www" / "feed.xml").is_file()
    assert "secret-token" not in result.stderr


@pytest.mark.parametrize("status", [400, 404])
def test_a_ping_refused_with_a_client_error_is_a_warning(tmp_path, fakes, directories, status):
    settings = make_show(tmp_path, fakes, directories)
    directories.status = status  # a wrong hub address, a token the endpoint refuses
    plan = publish(settings, str(tmp_path / "www"), base_url=BASE)
    assert len(directories.pings) == 2
    assert len(plan.warnings) == 2
    assert all(f"refused the ping (HTTP {status})" in w for w in plan.warnings)
