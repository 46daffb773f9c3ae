"""The offline default engines, run for real: espeak-ng speech and the default sample build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from vnmedia import build, load_settings
from vnmedia.audio.speak import validate_clip
from vnmedia.codec import decode_file
from vnmedia.engines import tts_engines
from vnmedia.errors import EngineError

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Hà Nội đẩy mạnh chuyển đổi số trong năm nay."),
        ("en", "Hanoi pushes ahead with digital transformation this year."),
    ],
)
def test_espeak_speaks_real_vietnamese_and_english(lang, text):
    engine = tts_engines.create("espeak", load_settings())
    assert engine.unavailable_reason() is None
    clip = engine.synthesize(text, lang)
    assert clip.engine == "espeak"
    # ~10 words: between 1.5 and 10 seconds of audible speech.
    assert 1500 < clip.duration_ms < 10_000
    validate_clip(clip, text)


def test_espeak_vietnamese_differs_from_english_voice():
    engine = tts_engines.create("espeak", load_settings())
    text = "ba ba ba"
    assert engine.synthesize(text, "vi").pcm != engine.synthesize(text, "en").pcm


def test_espeak_refuses_a_language_it_has_no_voice_for():
    engine = tts_engines.create("espeak", load_settings())
    with pytest.raises(EngineError, match="no voice"):
        engine.synthesize("bonjour", "fr")


def test_default_sample_build_offline_is_bilingual(tmp_path):
    """What `make run` does on a machine without network: the shipped sample, fully bilingual."""
    shutil.copytree(PROJECT / "input", tmp_path / "input")
    shutil.copy(PROJECT / "vnmedia.toml", tmp_path / "vnmedia.toml")
    report = build(load_settings())  # reads ./vnmedia.toml like the CLI does

    assert report.engines == {"tts": "espeak", "translator": "memory only"}
    assert report.failures == []
    assert report.missing_translations == 0
    assert len(report.episodes_written) == 1
    mp3 = tmp_path / report.episodes_written[0]
    manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
    langs = [s["lang"] for s in manifest["segments"]]
    assert langs.count("vi") == langs.count("en") > 1
    assert {s["translation"] for s in manifest["segments"] if s["lang"] == "en"} == {"memory"}
    decoded = decode_file(mp3)
    assert decoded.channels == 1
    assert abs(len(decoded) - manifest["duration_ms"]) <= 0.02 * manifest["duration_ms"]
    assert decoded.rms > 100
