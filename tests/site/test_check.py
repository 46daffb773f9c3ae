"""`vnmedia check`: the directories' rules, each broken once and caught, in an output folder
and over HTTP from real servers (one answering byte ranges, one not); a show that passes
also parses in feedparser and podcast-partytime; `publish` checks what it just sent."""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from click.testing import CliRunner
from lxml import etree
from PIL import Image

from vnmedia import build, load_settings
from vnmedia.cli import cli
from vnmedia.engines import translators, tts_engines
from vnmedia.publish import publish
from vnmedia.site.check import check_show, srt_error, webvtt_error
from vnmedia.site.feed import ITUNES_NS
from vnmedia.site.layout import CONTENT_TYPES
from vnmedia.site.serve import RangeRequestHandler

from browser import validate
from fake_engines import FakeTranslator, FakeTTS, write_article

HOST = "podcast.baomoi.vn"
BASE = f"http://{HOST}/show"
OWNER = "podcast@baomoi.vn"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A show of three episodes built with the fake engines (built once, copied per test)."""
    folder = tmp_path_factory.mktemp("show")
    tts_engines.register(FakeTTS.name, FakeTTS)
    translators.register(FakeTranslator.name, FakeTranslator)
    try:
        for n, title in enumerate(["Bài thứ nhất", "Bài thứ hai", "Bài thứ ba"]):
            write_article(
                folder / "in", f"{n}.txt", title, f"Đoạn một của bài {n}.", f"Đoạn hai {n}."
            )
        build(show_settings(folder))
    finally:
        tts_engines.unregister(FakeTTS.name)
        translators.unregister(FakeTranslator.name)
    return folder / "out"


def show_settings(folder: Path, **flags: object):
    return load_settings(
        inputs=(str(folder / "in"),),
        output=str(folder / "out"),
        tts=FakeTTS.name,
        translator=FakeTranslator.name,
        show_owner_email=OWNER,
        show_owner_name="Báo Mới",
        **flags,
    )


@pytest.fixture
def output(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(built, copy)
    return copy


def errors_of(target: str | Path) -> list[str]:
    return [p.line() for p in check_show(str(target)) if p.severity == "error"]


# --- the site as listeners reach it: a real server for BASE's host --------------------------


def site_handler(ranges: bool, types: dict[str, str] | None = None):
    """A static server for a public host name: requests come through it as an HTTP proxy
    (``GET http://HOST/path``), so the feed's real public links are fetched from it."""
    base = RangeRequestHandler if ranges else SimpleHTTPRequestHandler

    class Handler(base):  # type: ignore[valid-type, misc]
        extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **(types or CONTENT_TYPES)}

        def parse_request(self) -> bool:
            ok = super().parse_request()
            if self.path.startswith("http://"):
                self.path = urlsplit(self.path).path or "/"
            return ok

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def serve_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """``serve_site(ranges=…)``: serve ``tmp_path/www`` as ``http://HOST/``; ``DEST`` is
    ``tmp_path/www/show``."""
    servers = []

    def start(ranges: bool = True, types: dict[str, str] | None = None) -> Path:
        root = tmp_path / "www"
        root.mkdir(exist_ok=True)
        handler = partial(site_handler(ranges, types), directory=str(root))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        proxy = f"http://127.0.0.1:{server.server_port}"
        for name in ("HTTP_PROXY", "http_proxy"):
            monkeypatch.setenv(name, proxy)
        for name in ("NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        return root / "show"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def publish_show(output: Path, dest: Path) -> None:
    settings = load_settings(output=str(output), show_owner_email=OWNER, show_owner_name="Báo Mới")
    publish(settings, str(dest), base_url=BASE)


def test_a_built_show_passes_and_parses_in_feedparser_and_podcast_partytime(output, serve_site):
    # The output folder: no error; its links point at `vnmedia serve`, which is said.
    (warning,) = check_show(str(output))
    assert warning.severity == "warning" and "localhost" in warning.what

    dest = serve_site(ranges=True)
    publish_show(output, dest)
    assert check_show(f"{BASE}/feed.xml") == []

    feed = (dest / "feed.xml").read_bytes()
    parsed = feedparser.parse(feed)
    assert not parsed.bozo and len(parsed.entries) == 3
    for entry in parsed.entries:
        (enclosure,) = entry.enclosures
        local = dest / urlsplit(enclosure.href).path.removeprefix("/show/")
        assert int(enclosure.length) == local.stat().st_size
        # Chapters as description timestamps: at least three, the first at 00:00.
        stamps = re.findall(r"^(\d\d:\d\d) ", entry.summary, re.MULTILINE)
        assert len(stamps) >= 3 and stamps[0] == "00:00" and stamps == sorted(stamps)
    (dest.parent / "feed.xml").write_bytes(feed)
    (result,) = validate("feed", dest.parent / "feed.xml")
    assert result["errors"] == [] and result["items"] == 3
    assert all(result["enclosures"])
    # The disclosure, in Podcasting 2.0's form, names the engines.
    ((purpose, told),) = result["txt"]
    assert purpose == "disclosure"
    assert (
        f"synthetic ({FakeTTS.name})" in told
        and f"machine-translated ({FakeTranslator.name})" in told
    )
    assert told in parsed.feed.summary


def test_transcripts_name_each_language_as_its_speaker(output):
    from vnmedia.site.transcripts import VOICE_NAMES

    for lang in ("vi", "en"):
        for vtt in output.glob(f"episodes/*.{lang}.vtt"):
            cues = [
                line
                for line in vtt.read_text(encoding="utf-8").splitlines()
                if line.startswith("<")
            ]
            assert cues and all(c.startswith(f"<v {VOICE_NAMES[lang]}>") for c in cues)
    both = next(p for p in output.glob("episodes/*.vtt") if p.name.count(".") == 1)
    blocks = both.read_text(encoding="utf-8").split("\n\n")[1:]
    for block in filter(None, blocks):
        number, _, text = block.split("\n")[:3]
        lang = number.split("-")[0]
        assert text.startswith(f"<v {VOICE_NAMES[lang]}><lang {lang}>")
    results = validate("vtt", both, *output.glob("episodes/*.en.vtt"))
    assert all(r["errors"] == [] and r["cues"] for r in results)


def test_the_page_discloses_synthetic_voices_and_machine_translation(output):
    page = (output / "index.html").read_text(encoding="utf-8")
    (told,) = re.findall(r'<p class="disclosure">([^<]+)</p>', page)
    assert FakeTTS.name in told and FakeTranslator.name in told


BROKEN_FEED = {
    "owner e-mail": (
        lambda root: _set(
            root, f"channel/{{{ITUNES_NS}}}owner/{{{ITUNES_NS}}}email", "a@example.com"
        ),
        "owner's e-mail",
    ),
    "owner name": (
        lambda root: _drop(root, f"channel/{{{ITUNES_NS}}}owner/{{{ITUNES_NS}}}name"),
        "no owner name",
    ),
    "owner name left as vnmedia's": (
        lambda root: _set(root, f"channel/{{{ITUNES_NS}}}owner/{{{ITUNES_NS}}}name", "vnmedia"),
        "vnmedia's default",
    ),
    "category": (
        lambda root: root.find(f"channel/{{{ITUNES_NS}}}category").set("text", "Newz"),
        "not one of Apple's",
    ),
    "explicit": (lambda root: _drop(root, f"channel/{{{ITUNES_NS}}}explicit"), "itunes:explicit"),
    "title": (lambda root: _drop(root, "channel/item/title"), "has no title"),
    "guid": (
        lambda root: _set(root, "channel/item[2]/guid", root.findtext("channel/item/guid")),
        "has the guid of item 1",
    ),
    "date": (lambda root: _set(root, "channel/item/pubDate", "2026-12-05"), "RFC 822"),
    "length": (
        lambda root: root.find("channel/item/enclosure").set("length", "12345"),
        "is not the file's",
    ),
    "type": (
        lambda root: root.find("channel/item/enclosure").set("type", "audio/mp4"),
        "enclosure type 'audio/mp4'",
    ),
    "duration": (
        lambda root: _set(root, f"channel/item/{{{ITUNES_NS}}}duration", "00:09:59"),
        "is not the audio's",
    ),
    "duration not a length": (
        lambda root: _set(root, f"channel/item/{{{ITUNES_NS}}}duration", "nan"),
        "is not seconds, MM:SS or H:MM:SS",
    ),
    "enclosure": (lambda root: _drop(root, "channel/item/enclosure"), "no enclosure"),
    "description chapters": (
        lambda root: _set(root, "channel/item/description", "00:05 Một\n01:00 Hai\n02:00 Ba"),
        "first at 00:00",
    ),
}


def _set(root, path: str, text: str | None) -> None:
    root.find(path).text = text


def _drop(root, path: str) -> None:
    element = root.find(path)
    element.getparent().remove(element)


@pytest.mark.parametrize("rule", list(BROKEN_FEED))
def test_each_broken_feed_rule_fails_its_check(output, rule):
    break_it, expected = BROKEN_FEED[rule]
    root = etree.fromstring((output / "feed.xml").read_bytes())
    break_it(root)
    (output / "feed.xml").write_bytes(etree.tostring(root))
    problems = [p for p in check_show(str(output)) if "vnmedia serve" not in p.what]
    assert problems, rule
    assert all(expected in p.what for p in problems), [p.line() for p in problems]
    assert all(p.fix for p in problems)


def _cover(output: Path, size: tuple[int, int], mode: str = "RGB", kind: str = "PNG") -> None:
    Image.new(mode, size).save(output / "cover.png", format=kind)


BROKEN_FILES = {
    "cover not square": (lambda o: _cover(o, (1400, 1600)), "not square"),
    "cover too small": (lambda o: _cover(o, (1000, 1000)), "not 1400–3000"),
    "cover too big": (lambda o: _cover(o, (3200, 3200)), "not 1400–3000"),
    "cover not RGB": (lambda o: _cover(o, (1400, 1400), "RGBA"), "not RGB"),
    "cover a WebP": (lambda o: _cover(o, (1400, 1400), "RGB", "WEBP"), "not JPEG or PNG"),
    "MP3 missing": (lambda o: next(o.glob("episodes/*.mp3")).unlink(), "is missing"),
    "VTT header": (
        lambda o: _edit(next(o.glob("episodes/*.vi.vtt")), "WEBVTT", "VTT"),
        "does not start with WEBVTT",
    ),
    "VTT timing": (
        lambda o: _edit(next(o.glob("episodes/*.en.vtt")), " --> ", " -> "),
        "has no timing line",
    ),
    "SRT numbering": (
        lambda o: _edit(next(o.glob("episodes/*.vi.srt")), "1\n", "one\n"),
        "does not start with its number",
    ),
    "SRT cut short after a cue's number": (
        lambda o: _append(next(o.glob("episodes/*.en.srt")), "\n\n9\n"),
        "has no timing line",
    ),
    "chapters": (
        lambda o: _edit(next(o.glob("episodes/*.chapters.json")), '"startTime"', '"start"'),
        "no startTime",
    ),
    "chapters out of order": (
        lambda o: _reverse_chapters(next(o.glob("episodes/*.chapters.json"))),
        "starts before chapter",
    ),
}


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + text, encoding="utf-8")


def _reverse_chapters(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert len(document["chapters"]) >= 2
    document["chapters"].reverse()
    path.write_text(json.dumps(document), encoding="utf-8")


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("rule", list(BROKEN_FILES))
def test_each_broken_file_fails_its_check(output, rule):
    break_it, expected = BROKEN_FILES[rule]
    break_it(output)
    problems = [p for p in check_show(str(output)) if "vnmedia serve" not in p.what]
    assert problems, rule
    assert all(expected in p.what for p in problems), [p.line() for p in problems]


def test_transcript_rules_read_timings():
    good = "WEBVTT\n\nvi-1\n00:00:00.000 --> 00:00:01.500\n<v Tiếng Việt>Xin chào\n"
    assert webvtt_error(good) is None
    assert "ends before it starts" in webvtt_error(good.replace("00:00:00.000", "00:00:02.000"))
    assert webvtt_error("WEBVTT\n") == "has no cues"
    assert srt_error("1\n00:00:00,000 --> 00:00:01,000\nXin chào\n") is None
    assert "timing" in srt_error("1\n00:00:00.000 --> 00:00:01.000\nXin chào\n")


def test_over_http_every_file_is_reachable_typed_sized_and_seekable(output, serve_site):
    dest = serve_site(ranges=False)
    publish_show(output, dest)
    errors = errors_of(f"{BASE}/feed.xml")
    assert len(errors) == 3 and all("ignores byte ranges" in e for e in errors)


def test_over_http_a_wrong_type_a_wrong_length_and_a_missing_file_fail(output, serve_site):
    dest = serve_site(ranges=True, types={**CONTENT_TYPES, ".mp3": "application/octet-stream"})
    publish_show(output, dest)
    mp3s = sorted(dest.glob("episodes/*.mp3"))
    with mp3s[0].open("ab") as handle:  # the bucket's copy is not the one the feed measured
        handle.write(b"\0" * 10)
    next(dest.glob("episodes/*.vi.vtt")).unlink()
    errors = errors_of(f"{BASE}/feed.xml")
    assert sum("served as application/octet-stream, not audio/mpeg" in e for e in errors) == 3
    assert sum("is not the file's" in e for e in errors) == 1
    assert sum("answers HTTP 404" in e for e in errors) == 1
    assert len(errors) == 5


def test_the_check_command_prints_one_line_per_problem_and_exits_non_zero(output):
    runner = CliRunner(mix_stderr=False)
    passing = runner.invoke(cli, ["check", str(output / "feed.xml")])
    assert passing.exit_code == 0, passing.stderr
    assert "0 error(s), 1 warning(s)" in passing.stderr

    _cover(output, (1000, 800))
    failing = runner.invoke(cli, ["check", str(output)])
    assert failing.exit_code == 1
    lines = failing.stdout.splitlines()
    assert len(lines) == 3  # the two cover errors and the address warning, one line each
    cover = [line for line in lines if line.startswith("error: cover: ")]
    assert len(cover) == 2 and all(" — set [show] image" in line for line in cover)
    assert "2 error(s), 1 warning(s)" in failing.stderr


def test_publish_checks_what_it_sent_when_the_address_answers(output, serve_site, monkeypatch):
    runner = CliRunner(mix_stderr=False)
    command = ["publish", "-o", str(output), "--base-url", BASE]
    env = {"VNMEDIA_SHOW_OWNER_EMAIL": OWNER}

    # Nothing answers for the address yet: published, and said not checked.
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    unreachable = runner.invoke(
        cli, [*command[:1], str(output.parent / "elsewhere"), *command[1:]], env=env
    )
    assert unreachable.exit_code == 0, unreachable.stderr
    assert "not checked" in unreachable.stderr

    # A server that ignores byte ranges: published, then the problem, and exit 7.
    dest = serve_site(ranges=False)
    no_ranges = runner.invoke(cli, [*command[:1], str(dest), *command[1:]], env=env)
    assert no_ranges.exit_code == 7
    assert no_ranges.stderr.count("ignores byte ranges") == 3
    assert (dest / "feed.xml").is_file()
    skipped = runner.invoke(
        cli, [*command[:1], str(dest), *command[1:], "--keep-episodes", "2", "--no-check"], env=env
    )
    assert skipped.exit_code == 0 and "byte ranges" not in skipped.stderr


@pytest.mark.parametrize(
    ("url", "reachable"),
    [
        ("https://podcast.baomoi.vn/show", True),
        ("https://d111111abcdef8.cloudfront.net", True),
        ("http://203.0.113.9/show", False),  # TEST-NET-3: documentation only
        ("http://8.8.8.8/show", True),
        ("http://[::1]:8000/", False),
        ("http://10.0.0.5/", False),
        ("http://169.254.1.1/", False),
        ("http://localhost:8000", False),
        ("http://show.localhost/", False),
        ("https://www.example.org/x", False),
        ("https://nas.local/show", False),
        ("https://podcast.test/", False),
        ("ftp://podcast.baomoi.vn/", False),
        ("podcast.baomoi.vn/show", False),
    ],
)
def test_addresses_listeners_can_reach(url, reachable):
    from vnmedia.site.address import unreachable_host

    assert (unreachable_host(url) is None) == reachable


def test_owner_addresses_nobody_reads():
    from vnmedia.site.address import placeholder_email

    assert not placeholder_email("toasoan@baomoi.vn")
    for email in ("", "podcast@example.com", "me@news.example.org", "me@host", "me@nas.local"):
        assert placeholder_email(email), email


def test_a_public_feed_whose_links_point_at_this_machine_is_an_error_over_http(output, serve_site):
    dest = serve_site()
    publish_show(output, dest)
    feed = dest / "feed.xml"
    # Someone copied the output folder's own feed (made for `vnmedia serve`) to the host.
    feed.write_bytes(
        feed.read_bytes().replace(
            f'href="{BASE}/feed.xml"'.encode(), b'href="http://localhost:8000/feed.xml"'
        )
    )
    errors = errors_of(f"{BASE}/feed.xml")
    assert errors == [next(e for e in errors if "localhost" in e)]
    assert "which is this machine (localhost)" in errors[0]
