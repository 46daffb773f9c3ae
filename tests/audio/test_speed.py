"""--speed: each language's pace, through the engine's own rate or by time-stretching."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from vnmedia import build, load_settings
from vnmedia.codec import time_stretch
from vnmedia.engines import tts_engines
from vnmedia.errors import ConfigError
from vnmedia.models import Clip
from vnmedia.settings import parse_speeds

from fake_engines import FAKE_RATE, FakeTranslator, FakeTTS, tone, write_article

SENTENCE = (
    "Thành phố triển khai nhiều giải pháp để giảm ùn tắc giao thông vào giờ cao điểm. "
    "Người dân được khuyến khích sử dụng phương tiện công cộng."
)


def dominant_hz(clip: Clip) -> float:
    samples = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float64)
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.fft.rfftfreq(len(samples), 1 / clip.sample_rate)[spectrum.argmax()])


@pytest.mark.parametrize("speed", [0.8, 1.25, 1.6])
def test_time_stretch_changes_length_not_pitch(speed):
    clip = Clip(tone(3000, 440.0), FAKE_RATE, "x")
    faster = time_stretch(clip, speed)
    assert faster.sample_rate == FAKE_RATE
    assert faster.duration_ms == pytest.approx(3000 / speed, rel=0.03)
    assert dominant_hz(faster) == pytest.approx(440.0, rel=0.02)


def test_espeak_speaks_at_the_pace_asked_for():
    plain = tts_engines.create("espeak", load_settings()).synthesize(SENTENCE, "vi")
    faster = tts_engines.create("espeak", load_settings(speed="vi=1.25")).synthesize(SENTENCE, "vi")
    english = tts_engines.create("espeak", load_settings(speed="vi=1.25"))
    assert faster.duration_ms == pytest.approx(plain.duration_ms / 1.25, rel=0.03)
    assert english.rates["en"] == 160  # only Vietnamese was asked to change


def segment_lengths(report) -> dict[str, list[float]]:
    manifest = json.loads(
        Path(report.episodes_written[0]).with_suffix(".json").read_text(encoding="utf-8")
    )
    lengths: dict[str, list[float]] = {"vi": [], "en": []}
    for s in manifest["segments"]:
        if s["kind"] == "paragraph":
            lengths[s["lang"]].append(s["end_ms"] - s["start_ms"])
    return lengths


def test_an_engine_without_a_rate_is_time_stretched_and_the_cache_knows(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin một", "Đoạn thứ nhất khá dài để đo.", "Hai.")

    def run(out: str, speed: str):
        settings = load_settings(
            inputs=(str(tmp_path / "in"),),
            output=str(tmp_path / out),
            cache_dir=str(tmp_path / "cache"),
            tts=FakeTTS.name,
            translator=FakeTranslator.name,
            speed=speed,
            loudness=False,
        )
        FakeTTS.calls.clear()
        return build(settings)

    normal = segment_lengths(run("normal", ""))
    faster_report = run("faster", "vi=1.25")
    assert {lang for _, lang in FakeTTS.calls} == {"vi"}  # English clips came from the cache
    faster = segment_lengths(faster_report)
    for before, after in zip(normal["vi"], faster["vi"], strict=True):
        assert after == pytest.approx(before / 1.25, rel=0.03)
    assert faster["en"] == normal["en"]
    assert run("again", "vi=1.25").engine_calls == {}  # the stretched clips are cached


def test_edge_is_asked_for_its_own_rate(tmp_path):
    pytest.importorskip("edge_tts")
    from fake_edge import edge_service

    with edge_service(tmp_path) as fake:
        engine = tts_engines.create("edge", load_settings(speed="vi=0.9,en=1.1"))
        engine.synthesize("Xin chào", "vi")
        engine.synthesize("Hello", "en")
    assert [rate for _, rate, _ in fake.turns] == ["-10%", "+10%"]


def test_speeds_are_read_and_checked():
    assert parse_speeds("vi=0.9, en=1.1") == {"vi": 0.9, "en": 1.1}
    assert parse_speeds("1.2") == {"vi": 1.2, "en": 1.2}
    assert parse_speeds("") == {}
    for wrong in ("vi=3", "vi=fast", "fr=1.1", "0.2"):
        with pytest.raises(ConfigError):
            load_settings(speed=wrong)
