"""Published files checked without a browser: the bitrate asked for, the page escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from vnmedia import build, load_settings

from conftest import FakeTranslator, FakeTTS, write_article


def build_one(tmp_path: Path, title: str, paragraph: str, **flags: object) -> Path:
    write_article(tmp_path / "in", "a.txt", title, paragraph)
    settings = load_settings(
        inputs=(str(tmp_path / "in"),),
        output=str(tmp_path / "out"),
        tts=FakeTTS.name,
        translator=FakeTranslator.name,
        **flags,
    )
    report = build(settings)
    assert len(report.episodes_written) == 1, report.failures
    return Path(report.episodes_written[0])


@pytest.mark.parametrize(("bitrate", "expected"), [("32k", 32000), ("96k", 96000)])
def test_the_bitrate_asked_for_is_in_the_mp3_header(tmp_path, fakes, bitrate, expected):
    mp3 = build_one(tmp_path, "Tin ngắn", "Một đoạn văn đủ dài để mã hóa.", bitrate=bitrate)
    assert MP3(mp3).info.bitrate == expected


class PageReader(HTMLParser):
    """Collects what each <script> holds, event-handler attributes, and the visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers.extend(name for name, _ in attrs if name.startswith("on"))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def test_article_text_in_the_player_page_is_shown_not_run(tmp_path, fakes):
    build_one(
        tmp_path,
        "Tin có <script>window.__xss = 1</script> trong tiêu đề",
        'Đoạn có <img src=x onerror="window.__xss = 2"> và <script>window.__xss = 3</script>.',
    )
    page = PageReader()
    page.feed((tmp_path / "out" / "index.html").read_text(encoding="utf-8"))
    # The page's own script is there; no script, tag or handler came from the article.
    assert page.scripts and not any("__xss" in script for script in page.scripts)
    assert page.handlers == []
    text = "".join(page.text)
    assert "<script>window.__xss = 1</script>" in text
    assert '<img src=x onerror="window.__xss = 2">' in text
