"""Piper voices: the real onnxruntime loading and inference code on a tiny voice built here."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from vnmedia import build, load_settings
from vnmedia.cli import cli
from vnmedia.codec import decode_file
from vnmedia.engines import tts_engines
from vnmedia.engines.espeak import _Library
from vnmedia.engines.piper import phoneme_ids
from vnmedia.errors import ExitCode
from vnmedia.models import Clip

from fake_engines import FakeTranslator, write_article

pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")

from tiny_piper import HOP, build_voice  # noqa: E402

TEXT = "Xin chào các bạn, hôm nay trời đẹp."


@pytest.fixture
def voice(tmp_path) -> Path:
    folder = tmp_path / "voices"
    folder.mkdir()
    return build_voice(folder)


def engine_for(model: Path, **flags: object):
    return tts_engines.create("piper", load_settings(voice_model=f"vi={model}", **flags))


def expected_ids(model: Path, text: str) -> int:
    config = json.loads(model.with_name(model.name + ".json").read_text(encoding="utf-8"))
    ids_map = config["phoneme_id_map"]
    return len(phoneme_ids(_Library.get().phonemes(text, "vi"), ids_map))


def dominant_hz(clip: Clip) -> float:
    samples = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float64)
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.fft.rfftfreq(len(samples), 1 / clip.sample_rate)[spectrum.argmax()])


def test_phoneme_ids_follow_pipers_layout():
    id_map = {"^": [1], "$": [2], "_": [0], "a": [5], "b": [6], " ": [3]}
    assert phoneme_ids(["ab", "a"], id_map) == [1, 0, 5, 0, 6, 0, 3, 0, 5, 0, 2]
    assert phoneme_ids(["aß"], id_map) == [1, 0, 5, 0, 2]  # unknown phonemes are skipped


def test_the_tiny_voice_speaks_at_its_own_rate_one_hop_per_id(voice):
    clip = engine_for(voice).synthesize(TEXT, "vi")
    assert clip.engine == "piper" and clip.sample_rate == 16000
    assert len(clip.pcm) // 2 == HOP * expected_ids(voice, TEXT)
    assert dominant_hz(clip) == pytest.approx(200, rel=0.02)
    assert np.abs(np.frombuffer(clip.pcm, dtype="<i2")).max() > 30000  # scaled to its peak


def test_speed_goes_through_the_length_scale(voice):
    plain = engine_for(voice).synthesize(TEXT, "vi")
    faster = engine_for(voice, speed="vi=1.25").synthesize(TEXT, "vi")
    assert faster.duration_ms == pytest.approx(plain.duration_ms / 1.25, rel=0.03)


def test_the_speaker_of_a_multi_speaker_voice_reaches_the_model(tmp_path):
    model = build_voice(tmp_path, speakers=3)
    first = engine_for(model).synthesize(TEXT, "vi")
    third = engine_for(model, voice_vi="speaker2").synthesize(TEXT, "vi")
    assert dominant_hz(first) == pytest.approx(200, rel=0.02)
    assert dominant_hz(third) == pytest.approx(600, rel=0.02)
    with pytest.raises(Exception, match="no speaker 'nobody'"):
        engine_for(model, voice_vi="nobody").synthesize(TEXT, "vi")


def test_an_episode_with_the_piper_voice(voice, tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin một", "Đoạn thứ nhất.", "Đoạn thứ hai.")
    settings = load_settings(
        inputs=(str(tmp_path / "in"),),
        output=str(tmp_path / "out"),
        tts="piper",
        voice_model=f"vi={voice}",
        translator=FakeTranslator.name,
        order="vi",
        executor="threads",
    )
    report = build(settings)
    assert report.failures == [] and report.engines["tts"] == "piper"
    mp3 = Path(report.episodes_written[0])
    manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["voices"] == {"vi": "piper:tiny"}
    audio = decode_file(mp3)
    assert audio.frame_rate == 16000  # the model's own rate: no resampling
    assert len(audio) == pytest.approx(manifest["duration_ms"], rel=0.02)


def test_a_missing_or_broken_model_is_a_clear_error(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin một", "Đoạn thứ nhất.")
    run = CliRunner(mix_stderr=False).invoke
    missing = run(cli, ["build", str(tmp_path / "in"), "--tts", "piper"])
    assert missing.exit_code == ExitCode.CONFIG
    assert "no voice model given" in missing.stderr
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model")
    build_voice(tmp_path)  # a valid config beside it
    (tmp_path / "tiny.onnx.json").rename(tmp_path / "broken.onnx.json")
    result = run(
        cli, ["build", str(tmp_path / "in"), "--tts", "piper", "--voice-model", f"vi={broken}"]
    )
    assert result.exit_code == ExitCode.CONFIG
    assert "broken.onnx: not a loadable ONNX model" in result.stderr
    listed = run(cli, ["engines"])
    assert "no voice model given" in listed.output
