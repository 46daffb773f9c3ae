"""Edge's neural voices: the real edge-tts client against a local fake of its WebSocket
service (tests/fake_edge.py), through the same retries and breaker as Google."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3

from vnmedia import build
from vnmedia.cli import cli
from vnmedia.codec import decode_file
from vnmedia.engines import tts_engines

from fake_edge import MS_PER_CHAR, edge_service
from fake_engines import fake_settings, write_article

edge_tts = pytest.importorskip("edge_tts")


@pytest.fixture
def edge(tmp_path):
    """The fake service on 127.0.0.1, with edge-tts pointed at it."""
    with edge_service(tmp_path) as fake:
        yield fake


def settings_for(tmp_path: Path, **flags: object):
    defaults = {"tts": "edge", "executor": "threads", "retry_delay": 0.0, "request_timeout": 10.0}
    return fake_settings(tmp_path, **{**defaults, **flags})


def test_the_engine_speaks_each_language_with_its_voice(edge, tmp_path):
    engine = tts_engines.create("edge", settings_for(tmp_path, voice_vi="vi-VN-NamMinhNeural"))
    text = "Xin chào các bạn"
    clip = engine.synthesize(text, "vi")
    assert clip.engine == "edge" and clip.sample_rate == 24000
    # The fake speaks 40 ms per character; MP3 framing adds a little.
    assert clip.duration_ms == pytest.approx(MS_PER_CHAR * len(text), abs=80)
    engine.synthesize("Hello there", "en")
    assert [(voice, t) for voice, _, t in edge.turns] == [
        ("vi-VN-NamMinhNeural", text),
        ("en-US-AriaNeural", "Hello there"),
    ]


def test_an_episode_names_its_voices_in_the_manifest_and_the_tags(edge, tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin một", "Đoạn thứ nhất.", "Đoạn thứ hai.")
    report = build(settings_for(tmp_path, en_accent="uk"))
    assert report.engines["tts"] == "edge" and report.failures == []
    mp3 = Path(report.episodes_written[0])
    manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["voices"] == {"vi": "edge:vi-VN-HoaiMyNeural", "en": "edge:en-GB-SoniaNeural"}
    assert str(ID3(mp3)["TXXX:voices"]) == "vi=edge:vi-VN-HoaiMyNeural; en=edge:en-GB-SoniaNeural"
    assert len(decode_file(mp3)) == pytest.approx(manifest["duration_ms"], rel=0.02)
    assert {voice for voice, _, _ in edge.turns} == {"vi-VN-HoaiMyNeural", "en-GB-SoniaNeural"}


def test_refusals_and_turns_without_audio_are_retried(edge, tmp_path, fakes):
    # edge-tts itself retries a 403 once (after fixing its clock); the second refusal and
    # the silent turn ("No audio was received") are ours to retry.
    edge.refuse, edge.silent = 2, 1
    write_article(tmp_path / "in", "a.txt", "Tin một", "Đoạn thứ nhất.")
    report = build(settings_for(tmp_path))
    assert report.failures == [] and len(report.episodes_written) == 1
    assert edge.refused == 2 and edge.silent == 0
    assert report.retries.get("microsoft", 0) >= 2


def test_a_service_that_keeps_refusing_trips_the_breaker(edge, tmp_path, fakes):
    edge.refuse = 10_000
    for name in ("a", "b", "c"):
        write_article(tmp_path / "in", f"{name}.txt", f"Tin {name}", "Đoạn thứ nhất.")
    report = build(settings_for(tmp_path, retries=1, breaker_threshold=2, jobs=1))
    assert report.episodes_written == []
    assert len(report.to_retry) == 3  # left for a rerun, not failed for good
    # The breaker stops the asking: far fewer connections than articles x attempts allow.
    assert edge.refused <= 2 * 2 * 2


def test_voices_lists_the_services_vietnamese_and_english_voices(edge):
    result = CliRunner().invoke(cli, ["voices", "edge", "--json"])
    assert result.exit_code == 0, result.output
    listed = {(v["lang"], v["voice"]) for v in json.loads(result.output)}
    assert listed == {
        ("vi", "vi-VN-HoaiMyNeural"),
        ("vi", "vi-VN-NamMinhNeural"),
        ("en", "en-US-AriaNeural"),
    }


def test_voices_falls_back_to_the_known_voices_offline(monkeypatch):
    monkeypatch.setattr(edge_tts.voices, "VOICE_LIST", "http://127.0.0.1:9/voices/list?x=1")
    result = CliRunner().invoke(cli, ["voices", "edge"])
    assert result.exit_code == 0
    assert "vi-VN-HoaiMyNeural" in result.output and "vi-VN-NamMinhNeural" in result.output


def test_an_episode_the_voice_cannot_speak_falls_back_whole_to_the_next_engine(
    edge, tmp_path, fakes
):
    edge.silent_for = "sấm sét"  # the service never speaks this paragraph
    write_article(tmp_path / "in", "a.txt", "Tin một", "Trời nắng đẹp.", "Có sấm sét.")
    write_article(tmp_path / "in", "b.txt", "Tin hai", "Trời mưa nhỏ.")
    settings = settings_for(tmp_path, tts="edge,fake-tts", retries=1, jobs=1)
    report = build(settings)
    assert report.failures == [] and len(report.episodes_written) == 2
    assert report.engines["tts"] == "edge,fake-tts"
    # One voice per episode: the whole of a.txt fell back, b.txt kept edge.
    assert report.voices["tin-mot.mp3"] == {"vi": "fake-tts:vi", "en": "fake-tts:en"}
    assert report.voices["tin-hai.mp3"] == {
        "vi": "edge:vi-VN-HoaiMyNeural",
        "en": "edge:en-US-AriaNeural",
    }
    for name, engine in (("tin-mot", "fake-tts"), ("tin-hai", "edge")):
        manifest = json.loads((tmp_path / "out" / "episodes" / f"{name}.json").read_text())
        assert {s["engine"] for s in manifest["segments"] if s.get("engine")} == {engine}
    assert any("the whole episode uses fake-tts" in w for w in report.warnings)

    # Once the service speaks it again, a rerun gives a.txt its first-choice voice.
    edge.silent_for = None
    rerun = build(settings)
    assert [Path(p).name for p in rerun.episodes_written] == ["tin-mot.mp3"]
    assert rerun.voices["tin-mot.mp3"]["vi"] == "edge:vi-VN-HoaiMyNeural"


def vtt_cues(path: Path) -> list[tuple[float, float, str]]:
    cues = []
    blocks = path.read_text(encoding="utf-8").split("\n\n")[1:]
    for block in filter(None, (b.strip() for b in blocks)):
        _, timing, text = block.split("\n", 2)
        start, end = (
            sum(float(part) * 60**i for i, part in enumerate(reversed(t.split(":"))))
            for t in timing.split(" --> ")
        )
        # The cue's words, as a player shows them: without the speaker's <v …> tag.
        cues.append((start * 1000, end * 1000, re.sub(r"<[^>]*>", "", text)))
    return cues


def test_word_boundaries_give_phrase_cues_inside_their_segment(edge, tmp_path, fakes):
    words = "một hai ba bốn năm sáu bảy tám chín mười mười một mười hai mười ba mười bốn"
    write_article(tmp_path / "in", "a.txt", "Tin một", f"Các số {words}.")
    settings = settings_for(tmp_path, order="vi", cache_dir=str(tmp_path / "cache"))
    report = build(settings)
    mp3 = Path(report.episodes_written[0])
    manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
    paragraph = next(s for s in manifest["segments"] if s["kind"] == "paragraph")
    spoken = [w for w, _, _ in paragraph["words"]]
    assert spoken == paragraph["spoken"].rstrip(".").split()
    cues = vtt_cues(mp3.with_suffix(".vi.vtt"))
    inside = [c for c in cues if paragraph["start_ms"] <= c[0] < paragraph["end_ms"]]
    # 20 words: phrases of at most 8 words, in order, each within the paragraph's audio.
    assert [len(text.split()) for _, _, text in inside] == [8, 8, 4]
    assert " ".join(text for _, _, text in inside) == " ".join(spoken)
    assert all(start < end <= paragraph["end_ms"] + 1 for start, end, _ in inside)
    assert [c[0] for c in inside] == sorted(c[0] for c in inside)

    # From the cache, the words come back with the clip: the same cues, no requests.
    again = build(
        settings_for(
            tmp_path, order="vi", cache_dir=str(tmp_path / "cache"), output=str(tmp_path / "out2")
        )
    )
    assert again.engine_calls == {}
    assert vtt_cues(Path(again.episodes_written[0]).with_suffix(".vi.vtt")) == cues


def test_the_player_page_shows_the_phrase_being_spoken(edge, tmp_path, fakes):
    from html.parser import HTMLParser

    from browser import open_page

    words = "một hai ba bốn năm sáu bảy tám chín mười mười một mười hai mười ba mười bốn"
    write_article(tmp_path / "in", "a.txt", "Tin một", f"Các số {words}.")
    report = build(settings_for(tmp_path, order="vi"))
    mp3 = Path(report.episodes_written[0])
    cues = vtt_cues(mp3.with_suffix(".vi.vtt"))

    class Phrases(HTMLParser):
        found: list[list] = []

        def handle_starttag(self, tag, attrs):
            value = dict(attrs).get("data-phrases")
            if value:
                self.found += json.loads(value)

    parser = Phrases()
    parser.feed((tmp_path / "out" / "index.html").read_text(encoding="utf-8"))
    # The page's phrases are the transcript's phrase cues, title and paragraph.
    assert [text for _, _, text in parser.found] == [text for _, _, text in cues]

    with open_page(tmp_path / "out" / "index.html") as page:
        second = parser.found[1]
        middle = (second[0] + second[1]) / 2
        page.evaluate(f"document.querySelector('audio').currentTime = {middle}")
        page.wait_for_function(
            "t => document.querySelector('.caption').textContent === t",
            arg=second[2],
            timeout=10_000,
        )


def test_a_slower_drill_step_asks_the_service_for_a_slower_rate(edge, tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin một", "Đoạn thứ nhất khá dài để nghe.")
    edge.turns.clear()
    settings = settings_for(tmp_path, pattern="vi en vi@0.75", speed="vi=0.8", words=0)
    build(settings)
    rates = sorted(rate for voice, rate, text in edge.turns if voice.startswith("vi-"))
    # The title and the sentence at the usual pace (--speed 0.8: -20 %), and the sentence
    # again at 0.8 x 0.75 = 0.6 (-40 %) for the drill step.
    assert rates == ["-20%", "-20%", "-40%"]
