"""Published files checked without a browser: bitrate, page escaping, voices levelled,
a shared cache folder, the outro, the serve command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request
import wave
from array import array
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from mutagen.mp3 import MP3, BitrateMode

from vnmedia import build, load_settings
from vnmedia.audio.loudness import integrated_loudness, to_float
from vnmedia.codec import decode_file
from vnmedia.engines import translators, tts_engines

from fake_engines import FAKE_RATE, FakeTranslator, FakeTTS, tone, write_article


def build_one(tmp_path: Path, title: str, paragraph: str, **flags: object) -> Path:
    write_article(tmp_path / "in", "a.txt", title, paragraph)
    values: dict[str, object] = {
        "inputs": (str(tmp_path / "in"),),
        "output": str(tmp_path / "out"),
        "tts": FakeTTS.name,
        "translator": FakeTranslator.name,
    }
    settings = load_settings(**{**values, **flags})
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


class MarkupTranslator(FakeTranslator):
    """A translator that answers with markup of its own: a tag in its English must be
    shown on the page, never run (tags in article files are resolved before this)."""

    name = "markup-translator"
    answers: ClassVar[dict[str, str]] = {}

    def translate(self, text: str, source: str, target: str) -> str:
        return self.answers.get(text, f"EN[{text}]")


def test_article_text_in_the_player_page_is_shown_not_run(tmp_path, fakes):
    MarkupTranslator.answers = {
        "Tin có thẻ trong tiêu đề": "News with <script>window.__xss = 1</script> in the title",
        "Đoạn có thẻ.": 'A paragraph with <img src=x onerror="window.__xss = 2"> in it.',
    }
    translators.register(MarkupTranslator.name, MarkupTranslator)
    try:
        build_one(
            tmp_path,
            "Tin có <b>thẻ</b> trong tiêu đề",
            "Đoạn có <b>thẻ</b>.",
            translator=MarkupTranslator.name,
        )
    finally:
        translators.unregister(MarkupTranslator.name)
    page = PageReader()
    page.feed((tmp_path / "out" / "index.html").read_text(encoding="utf-8"))
    # The page's own script is there; no script, tag or handler came from the article.
    assert page.scripts and not any("__xss" in script for script in page.scripts)
    assert page.handlers == []
    text = "".join(page.text)
    assert "<script>window.__xss = 1</script>" in text
    assert '<img src=x onerror="window.__xss = 2">' in text
    # The article file's own tags were resolved when it was read: never shown, never spoken.
    assert "Tin có thẻ trong tiêu đề" in text and "Đoạn có thẻ." in text


class QuietEnglishTTS(FakeTTS):
    """The fake voice, with English 14 dB quieter than Vietnamese (two voices, two levels)."""

    name = "quiet-english"

    def synthesize(self, text: str, lang: str):  # type: ignore[no-untyped-def]
        clip = super().synthesize(text, lang)
        if lang != "en":
            return clip
        quiet = array("h", clip.pcm)
        for i, sample in enumerate(quiet):
            quiet[i] = sample // 5
        return replace(clip, pcm=quiet.tobytes())


def language_levels(mp3: Path) -> dict[str, float]:
    manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
    audio = decode_file(mp3)
    levels = {}
    for lang in ("vi", "en"):
        pcm = b"".join(
            audio[s["start_ms"] : s["end_ms"]].raw_data
            for s in manifest["segments"]
            if s["lang"] == lang and s["end_ms"] > s["start_ms"]
        )
        levels[lang] = integrated_loudness(to_float(pcm), audio.frame_rate)
    return levels


@pytest.mark.parametrize("loudness", [True, False])
def test_two_voices_of_different_loudness_are_levelled(tmp_path, fakes, loudness):
    tts_engines.register(QuietEnglishTTS.name, QuietEnglishTTS)
    try:
        mp3 = build_one(
            tmp_path,
            "Hai giọng đọc",
            "Một đoạn văn khá dài để đo độ to của cả hai giọng đọc trong tập.",
            tts=QuietEnglishTTS.name,
            loudness=loudness,
        )
    finally:
        tts_engines.unregister(QuietEnglishTTS.name)
    levels = language_levels(mp3)
    if loudness:
        assert abs(levels["vi"] - levels["en"]) <= 1.0, levels
    else:  # --no-loudness leaves the voices as they came: the test voice really differs
        assert levels["vi"] - levels["en"] >= 10, levels


def test_a_shared_cache_dir_serves_another_output_folder(tmp_path, fakes):
    cache = tmp_path / "shared-cache"
    first = build_one(tmp_path / "one", "Tin dùng chung", "Một đoạn.", cache_dir=str(cache))
    assert any(cache.rglob("*")) and not (tmp_path / "one" / "out" / ".cache").exists()
    calls = len(FakeTTS.calls)
    second = build_one(tmp_path / "two", "Tin dùng chung", "Một đoạn.", cache_dir=str(cache))
    assert len(FakeTTS.calls) == calls  # every clip came from the shared cache
    assert decode_file(second).raw_data == decode_file(first).raw_data


def test_the_outro_closes_the_episode(tmp_path, fakes):
    outro = tmp_path / "outro.wav"
    with wave.open(str(outro), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(FAKE_RATE)
        out.writeframes(tone(2000, 330.0))
    mp3 = build_one(tmp_path, "Tin có nhạc kết", "Một đoạn.", outro=str(outro), loudness=False)
    manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
    audio = decode_file(mp3)
    last_speech = max(s["end_ms"] for s in manifest["segments"])
    # After the last words: a pause, then the 2-second outro, sounding, until the end.
    assert len(audio) - last_speech >= 2000
    assert audio[len(audio) - 1500 : len(audio) - 500].rms > 1000


@pytest.mark.processes
def test_the_serve_command_answers_range_requests(tmp_path, fakes):
    mp3 = build_one(tmp_path, "Tin để nghe thử", "Một đoạn văn để nghe thử trên máy.")
    server = subprocess.Popen(
        [sys.executable, "-m", "vnmedia", "serve", "-o", str(tmp_path / "out"), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        announced = server.stderr.readline()  # "serving OUT at http://127.0.0.1:PORT/"
        base = re.search(r"http://127\.0\.0\.1:\d+/", announced)
        assert base, announced
        request = urllib.request.Request(
            f"{base.group(0)}episodes/{mp3.name}", headers={"Range": "bytes=10-99"}
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            assert reply.status == 206
            assert reply.headers["Content-Range"] == f"bytes 10-99/{mp3.stat().st_size}"
            assert reply.read() == mp3.read_bytes()[10:100]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_mp3_quality_reaches_the_encoder_re_encodes_only_and_keeps_cbr_with_its_info_tag(
    tmp_path, fakes
):
    text = ("Tin ngắn", "Một đoạn văn đủ dài để mã hóa thành vài giây âm thanh.")
    fast = build_one(tmp_path, *text)
    fast_bytes = fast.read_bytes()
    fast = fast.rename(tmp_path / "fast.mp3")
    FakeTTS.calls.clear()
    best = build_one(tmp_path, *text, mp3_quality="best")
    # The setting is part of the episode's fingerprint: re-encoded, nothing spoken again.
    assert FakeTTS.calls == []
    assert best.read_bytes() != fast_bytes
    for mp3 in (fast, best):
        # CBR's Info tag, read by mutagen: players seek and time the episode exactly.
        assert MP3(mp3).info.bitrate_mode == BitrateMode.CBR
    manifest = json.loads(best.with_suffix(".json").read_text("utf-8"))
    assert abs(len(decode_file(best)) - manifest["duration_ms"]) <= 0.01 * manifest["duration_ms"]
    # What a player shows before decoding adds only the encoder's delay and padding.
    assert 0 <= MP3(best).info.length * 1000 - manifest["duration_ms"] <= 100
