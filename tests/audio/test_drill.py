"""--pattern: each sentence pair drilled step by step (``vi en vi@0.75``), slower steps at
the same pitch, each step a segment, every clip made once and reruns free."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import parse_qs

import numpy as np
import pytest
import responses

from vnmedia import build, load_settings
from vnmedia.audio.drill import DrillStep, parse_pattern
from vnmedia.codec import decode_mp3
from vnmedia.errors import ConfigError

from fake_engines import FAKE_RATE, FakeTranslator, FakeTTS, write_article
from fake_google import GTTS_URL, gtts_reply, make_mp3

PARAGRAPHS = (
    "Thư viện mở cửa lúc tám giờ sáng. Người đọc mượn sách miễn phí cả tuần.",
    "Nhóm sáng lập muốn mở thêm một góc đọc cho trẻ em.",
)


def drill(tmp_path: Path, out: str = "out", **flags: object):
    values: dict[str, object] = {
        "inputs": (str(tmp_path / "in"),),
        "output": str(tmp_path / out),
        "cache_dir": str(tmp_path / "cache"),
        "tts": FakeTTS.name,
        "translator": FakeTranslator.name,
        "executor": "threads",
        "loudness": False,
        "pattern": "vi en vi@0.75",
        "words": 0,  # every translator request here is a sentence's
    }
    values.update(flags)
    FakeTTS.calls.clear()
    return build(load_settings(**values))


def manifest_of(report) -> dict:
    (mp3,) = report.episodes_written or report.episodes_unchanged
    return json.loads(Path(mp3).with_suffix(".json").read_text(encoding="utf-8"))


def steps_heard(manifest: dict) -> list[list[tuple[str, float]]]:
    """Each sentence's segments as (language, pace), in the order heard."""
    pairs: dict[tuple[int, int], list[tuple[str, float]]] = {}
    for s in manifest["segments"]:
        if s["kind"] == "paragraph":
            pairs.setdefault((s["index"], s["sentence"]), []).append((s["lang"], s["pace"]))
    return list(pairs.values())


def test_a_pattern_is_read_step_by_step():
    assert parse_pattern("vi en vi@0.75") == (
        DrillStep("vi"),
        DrillStep("en"),
        DrillStep("vi", 0.75, repeat_after=True),
    )
    assert parse_pattern("vi _ vi@0.8 en")[0] == DrillStep("vi", 1.0, repeat_after=True)
    assert not parse_pattern("vi _ vi@0.8 en")[2].repeat_after
    assert parse_pattern("") == ()
    for wrong in ("vi fr", "vi@", "vi@slow", "vi@0.2", "_ vi", "vi _ _"):
        with pytest.raises(ConfigError):
            parse_pattern(wrong)
    with pytest.raises(ConfigError, match="no en step"):
        load_settings(pattern="vi vi@0.75")
    assert load_settings(pattern="vi en").interleave == "sentence"


def test_every_step_is_a_segment_and_slower_steps_keep_their_pitch(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    report = drill(tmp_path)
    manifest = manifest_of(report)

    assert steps_heard(manifest) == [[("vi", 1.0), ("en", 1.0), ("vi", 0.75)]] * 3
    # The title is heard once in each language; chapters stay one per paragraph.
    title = [s for s in manifest["segments"] if s["kind"] == "title"]
    assert [s["lang"] for s in title] == ["vi", "en"]
    assert len(manifest["chapters"]) == 3
    vtt = Path(report.episodes_written[0]).with_suffix(".vi.vtt").read_text("utf-8")
    assert vtt.count("Người đọc mượn sách miễn phí cả tuần.") == 2

    audio = decode_mp3(
        Path(report.episodes_written[0]).read_bytes(), engine="mp3", sample_rate=FAKE_RATE
    )
    samples = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float64)
    paragraph = [s for s in manifest["segments"] if s["kind"] == "paragraph"]
    for usual, slow in zip(paragraph[0::3], paragraph[2::3], strict=True):
        assert usual["text"] == slow["text"]
        heard = (usual["end_ms"] - usual["start_ms"], slow["end_ms"] - slow["start_ms"])
        assert heard[1] == pytest.approx(heard[0] / 0.75, rel=0.03)
        for segment in (usual, slow):  # the fake voice speaks Vietnamese at 440 Hz
            start, end = (audio.sample_rate * segment[k] // 1000 for k in ("start_ms", "end_ms"))
            spectrum = np.abs(np.fft.rfft(samples[start + 400 : end - 400]))
            peak = np.fft.rfftfreq(end - start - 800, 1 / audio.sample_rate)[spectrum.argmax()]
            assert peak == pytest.approx(440, rel=0.02)


def test_each_clip_is_made_once_and_a_rerun_makes_none(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    first = drill(tmp_path, pattern="vi en vi vi@0.75")
    # Three sentences and the title, once per language: the repeated and the slower
    # Vietnamese come from the one clip (the fake voice cannot slow down: time-stretched).
    assert sorted(FakeTTS.calls) == sorted(set(FakeTTS.calls))
    assert len(FakeTTS.calls) == 8
    assert first.engine_calls == {"fake-tts": 8, "fake-translator": 3}

    again = drill(tmp_path, pattern="vi en vi vi@0.75")
    assert again.episodes_unchanged and not again.episodes_written
    assert FakeTTS.calls == []
    # Another output, the same cache: every clip, the slower ones too, is found there.
    elsewhere = drill(tmp_path, "elsewhere", pattern="vi en vi vi@0.75")
    assert elsewhere.episodes_written and FakeTTS.calls == []
    assert elsewhere.cache_hits["clip"] == 8 + 3


def test_the_pattern_is_parsed_once_per_settings_not_per_episode(tmp_path, fakes, monkeypatch):
    parsed: list[str] = []
    real = parse_pattern

    def counted(text: str) -> tuple[DrillStep, ...]:
        parsed.append(text)
        return real(text)

    for module in list(sys.modules.values()):  # wherever the parser was imported
        if module.__name__.startswith("vnmedia") and getattr(module, "parse_pattern", 0) is real:
            monkeypatch.setattr(module, "parse_pattern", counted)
    for name in ("a.txt", "b.txt", "c.txt"):
        write_article(tmp_path / "in", name, f"Tin {name}", PARAGRAPHS[1])
    report = drill(tmp_path, pattern="vi en vi@0.75")

    assert len(report.episodes_written) == 3
    # The settings as given, then as checked (a drill sets interleave=sentence): never more,
    # however many episodes are built.
    assert parsed and len(parsed) <= 2
    assert all(steps_heard(manifest_of_path(mp3)) for mp3 in report.episodes_written)


def manifest_of_path(mp3: str) -> dict:
    return json.loads(Path(mp3).with_suffix(".json").read_text(encoding="utf-8"))


def test_each_pace_is_cached_apart(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", PARAGRAPHS[1])
    slow = manifest_of(drill(tmp_path, pattern="vi en vi@0.75"))
    slower = manifest_of(drill(tmp_path, "slower", pattern="vi en vi@0.6"))

    def last_length(manifest: dict) -> int:
        last = [s for s in manifest["segments"] if s["kind"] == "paragraph"][-1]
        return int(last["end_ms"] - last["start_ms"])

    assert last_length(slower) == pytest.approx(last_length(slow) * 0.75 / 0.6, rel=0.03)


def test_the_repeat_pause_goes_where_the_pattern_puts_it(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", PARAGRAPHS[1])
    manifest = manifest_of(
        drill(tmp_path, pattern="vi _ en vi@0.75", pause_repeat=1.5, pause_lang=300)
    )
    vi, en, slow = [s for s in manifest["segments"] if s["kind"] == "paragraph"]
    spoken = vi["end_ms"] - vi["start_ms"]
    assert en["start_ms"] - vi["end_ms"] == pytest.approx(300 + 1.5 * spoken, abs=3)
    assert slow["start_ms"] - en["end_ms"] == pytest.approx(300, abs=3)


def test_espeak_is_asked_to_speak_slower_itself(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", PARAGRAPHS[1])
    report = drill(tmp_path, tts="espeak", pattern="vi en vi@0.75")
    vi, _, slow = [s for s in manifest_of(report)["segments"] if s["kind"] == "paragraph"]
    # Its own rate (160 → 120 words a minute): one more request per sentence, no stretch.
    assert report.engine_calls["espeak"] == 2 + 3
    # Its words a minute miss the pace a little: the clip is brought to the exact length.
    assert slow["end_ms"] - slow["start_ms"] == pytest.approx(
        (vi["end_ms"] - vi["start_ms"]) / 0.75, rel=0.035
    )
    assert drill(tmp_path, "again", tts="espeak").engine_calls.get("espeak", 0) == 0


@responses.activate
def test_gtts_is_asked_for_its_slow_voice_and_brought_to_the_pace(tmp_path, fakes):
    mp3 = make_mp3(tmp_path)  # Google's answer: one second, whatever the speed asked
    responses.add(responses.POST, GTTS_URL, body=gtts_reply(mp3))
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", PARAGRAPHS[1])
    report = drill(tmp_path, tts="gtts", pattern="vi en vi@0.75", rate=1000)

    asked = [
        json.loads(json.loads(parse_qs(call.request.body)["f.req"][0])[0][0][1])
        for call in responses.calls
    ]
    slow = [(text.lower(), lang) for text, lang, speed, *_ in asked if speed]
    # Only the slower step, with gTTS's slow=True (its spoken form: lower case).
    assert slow == [(PARAGRAPHS[1].lower(), "vi")]
    vi, _, slower = [s for s in manifest_of(report)["segments"] if s["kind"] == "paragraph"]
    assert slower["end_ms"] - slower["start_ms"] == pytest.approx(
        (vi["end_ms"] - vi["start_ms"]) / 0.75, rel=0.035
    )


# Tests written from deliberate bugs that the tests above let through (QUALITY.md).


def test_a_pace_outside_half_to_double_speed_is_refused():
    assert parse_pattern("vi@0.5 en@2")[1].pace == 2.0
    for wrong in ("vi@0.49", "vi en@2.01", "vi en vi@3"):
        with pytest.raises(ConfigError, match="between 0.5 and 2.0"):
            parse_pattern(wrong)


def test_without_a_pattern_sentence_pairs_follow_order(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    manifest = manifest_of(drill(tmp_path, pattern="", order="en-vi", interleave="sentence"))
    assert steps_heard(manifest) == [[("en", 1.0), ("vi", 1.0)]] * 3


def test_a_paragraph_spoken_whole_gets_no_repeat_pause(tmp_path, fakes):
    # The memory's English has one sentence for the paragraph's two: it is spoken whole.
    memory = tmp_path / "memory.tsv"
    memory.write_text(
        f"{PARAGRAPHS[0]}\tThe library opens at eight and lends books free all week.\n",
        encoding="utf-8",
    )
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", PARAGRAPHS[0])
    manifest = manifest_of(
        drill(
            tmp_path,
            pattern="vi _ en vi@0.75",
            pause_repeat=1.5,
            pause_lang=300,
            memory=(str(memory),),
        )
    )
    vi, en, slow = [s for s in manifest["segments"] if s["kind"] == "paragraph"]
    assert vi["sentence"] == 0 and vi["text"] == PARAGRAPHS[0]
    assert en["start_ms"] - vi["end_ms"] == pytest.approx(300, abs=3)


@pytest.mark.parametrize("pace", [0.49, 0.5, 1.3, 2.0, 2.01])
def test_a_step_and_speed_take_the_same_paces(pace):
    def accepted(make) -> bool:
        try:
            make()
        except ConfigError as error:
            assert "must be between 0.5 and 2.0" in str(error)
            return False
        return True

    by_step = accepted(lambda: parse_pattern(f"vi en vi@{pace}"))
    assert by_step == (0.5 <= pace <= 2.0)
    assert accepted(lambda: load_settings(speed=f"vi={pace}", config=None)) == by_step
