"""The readings the normalizer guessed: listed for the producer to check (``text/guesses.py``),
in ``normalize --explain``, each episode's manifest, ``report.json`` and the build's summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vnmedia.cli import cli
from vnmedia.engines import tts_engines
from vnmedia.runtime.cache import Cache
from vnmedia.text import guesses
from vnmedia.text.guesses import is_guess, readings_to_check, units_to_check
from vnmedia.text.lexicon import Lexicon
from vnmedia.text.normalize import TextNormalizer

from fake_engines import FakeTTS, write_article


@pytest.fixture(scope="module")
def normalizer() -> TextNormalizer:
    return TextNormalizer()


def listed(normalizer: TextNormalizer, text: str) -> dict[str, tuple[str, str]]:
    return {r.written: (r.rule, r.spoken) for r in readings_to_check(normalizer, text)}


def test_each_guessing_step_is_listed_with_what_the_voice_will_say(normalizer):
    found = listed(
        normalizer,
        "Cổ phiếu HSX tăng 2/5 giá trị; HiHUB chạy tàu XR9, mã 98291TS; mẫu Redmi9 mới; "
        "tổ ANTT ghi ở vnexpress.net/thoi-su-123.html",
    )
    assert found == {
        "HSX": ("acronyms", "hát ét ích"),
        "2/5": ("fractions", "hai phần năm"),
        "HiHUB": ("camel case", "hi hát u bê"),
        "XR9": ("codes", "ích rờ chín"),
        "98291TS": ("group thousands", "chín mươi tám nghìn hai trăm chín mươi mốt ts"),
        "Redmi9": ("sea-g2p", "redmi chín"),  # "redmi" is no Vietnamese syllable
        "ANTT": ("built-in lexicon (data/abbreviations.tsv)", "an ninh trật tự"),
        "vnexpress.net/thoi-su-123.html": ("addresses", "vnexpress chấm net"),
    }


def test_what_a_table_or_its_context_decides_is_not_listed(normalizer):
    text = (
        "HLV đội HAGL nói thắng 2-0 sáng nay 2/9 là nhờ CSGT; cửa hàng xăng dầu (CHXD) "
        "mở cửa, mỗi CHXD bán 1.500 lít, lúc 15h30."
    )
    steps = {r.written: r.rule for r in readings_to_check(normalizer, text)}
    assert steps == {}


def test_a_lexicon_line_settles_a_guess():
    mine = TextNormalizer(Lexicon({"vi": {"HSX": "sở giao dịch"}}))
    assert listed(mine, "Cổ phiếu HSX tăng.") == {}
    assert "HSX" in listed(TextNormalizer(), "Cổ phiếu HSX tăng.")


def test_a_guess_readers_judged_right_is_not_listed_while_it_is_read_so(normalizer, monkeypatch):
    assert guesses.checked_readings()["PNJ"] == ("acronyms", "pê nờ gi")  # judged right
    assert listed(normalizer, "Cổ phiếu PNJ tăng.") == {}
    # Rules that came to read it otherwise would make it a guess again.
    monkeypatch.setattr(guesses, "checked_readings", lambda: {"PNJ": ("acronyms", "phú nhuận")})
    assert listed(normalizer, "Cổ phiếu PNJ tăng.") == {"PNJ": ("acronyms", "pê nờ gi")}
    # So would another rule's guess: what was judged is one rule's reading of the token.
    monkeypatch.setattr(guesses, "checked_readings", lambda: {"PNJ": ("codes", "pê nờ gi")})
    assert listed(normalizer, "Cổ phiếu PNJ tăng.") == {"PNJ": ("acronyms", "pê nờ gi")}


@pytest.mark.parametrize(
    ("written", "step", "guess"),
    [
        ("VJC", "acronyms", True),
        ("Mazda3", "sea-g2p", True),  # sea-g2p's "mazda ba"
        ("UBND", "sea-g2p", False),  # sea-g2p's "uỷ ban nhân dân"
        ("15h", "sea-g2p", False),
        ("2-0", "scores", False),
        ("HLV", "built-in lexicon (data/lexicon.tsv)", False),
    ],
)
def test_is_guess(written, step, guess):
    assert is_guess(written, step) is guess


def test_explain_marks_the_guesses():
    text = "Cổ phiếu HSX và PNJ thắng 2-0"
    result = CliRunner().invoke(cli, ["normalize", "--explain", text])
    assert result.exit_code == 0, result.output
    explained = dict(line.strip().split("\t", 1) for line in result.output.splitlines()[1:])
    assert explained == {
        "HSX": "acronyms (a guess: check it)",
        "PNJ": "acronyms",  # a guess readers judged right
        "2-0": "scores",
    }


def test_an_episodes_guesses_are_found_once_then_taken_from_the_cache(tmp_path, monkeypatch):
    from vnmedia.models import Segment

    units = [[Segment("paragraph", 1, "vi", "Cổ phiếu HSX tăng.", "source")]]
    calls = []
    real = guesses.readings_to_check

    def counted(normalizer, text):
        calls.append(text)
        return real(normalizer, text)

    monkeypatch.setattr(guesses, "readings_to_check", counted)
    cache, normalizer = Cache(tmp_path / "cache"), TextNormalizer()
    first = units_to_check(normalizer, units, cache)
    again = units_to_check(normalizer, units, cache)
    assert (
        first
        == again
        == [
            {
                "written": "HSX",
                "spoken": "hát ét ích",
                "rule": "acronyms",
                "sentence": units[0][0].text,
            }
        ]
    )
    assert len(calls) == 1
    assert units_to_check(None, units, cache) == []  # text not normalized: nothing guessed
    # A new table of checked readings (a new release) looks again.
    monkeypatch.setattr(guesses, "checked_readings", lambda: {"HSX": ("acronyms", "hát ét ích")})
    guesses._guess_identity.cache_clear()
    try:
        assert units_to_check(normalizer, units, cache) == []
    finally:
        guesses._guess_identity.cache_clear()
    assert len(calls) == 2


class SpokenFormTTS(FakeTTS):
    name = "fake-spoken-form"
    wants_normalized_text = True


def build(*extra: str):
    return CliRunner(mix_stderr=False).invoke(
        cli,
        ["-q", "build", "in", "-o", "out", "--tts", SpokenFormTTS.name, "--translator", "none"]
        + ["--order", "vi", *extra],
    )


def test_a_build_lists_its_guesses_and_a_lexicon_line_takes_one_off(tmp_path, fakes):
    tts_engines.register(SpokenFormTTS.name, SpokenFormTTS)
    try:
        write_article(tmp_path / "in", "a.txt", "Tin chứng khoán", "Giá tăng 2/5 nhờ HSX.")
        write_article(tmp_path / "in", "b.txt", "Tin sàn", "Sàn HSX giảm.")
        write_article(tmp_path / "in", "c.txt", "Tin khác", "UBND họp sáng nay.")
        first = build()
        assert first.exit_code == 0, first.stderr
        assert "2 reading(s) guessed, to check" in first.stderr
        report = json.loads(Path("out/report.json").read_text(encoding="utf-8"))
        checks = report["readings_to_check"]
        assert list(checks) == ["HSX", "2/5"]  # most heard first
        assert checks["HSX"]["spoken"] == "hát ét ích"
        assert checks["HSX"]["sentence"] == "Giá tăng 2/5 nhờ HSX."  # where to listen
        assert sorted(checks["HSX"]["episodes"]) == ["tin-chung-khoan.mp3", "tin-san.mp3"]
        manifest = json.loads(Path("out/episodes/tin-chung-khoan.json").read_text(encoding="utf-8"))
        assert [c["written"] for c in manifest["readings_to_check"]] == ["2/5", "HSX"]

        # The producer heard "hát ét ích" and keeps it: the same audio, but no longer a guess.
        Path("mine.tsv").write_text("HSX\thát ét ích\n", encoding="utf-8")
        again = build("--lexicon", "mine.tsv")
        assert again.exit_code == 0, again.stderr
        report = json.loads(Path("out/report.json").read_text(encoding="utf-8"))
        assert list(report["readings_to_check"]) == ["2/5"]
        assert len(report["episodes_written"]) == 2  # their manifests list less
        assert [Path(p).name for p in report["episodes_unchanged"]] == ["tin-khac.mp3"]
        assert "1 reading(s) guessed, to check" in again.stderr
    finally:
        tts_engines.unregister(SpokenFormTTS.name)


def test_the_readings_command_writes_a_lexicon_to_correct_and_build_with(tmp_path, fakes):
    tts_engines.register(SpokenFormTTS.name, SpokenFormTTS)
    try:
        write_article(tmp_path / "in", "a.txt", "Tin sàn", "Sàn HSX giảm 2/5.")
        assert build().exit_code == 0
        listing = CliRunner(mix_stderr=False).invoke(cli, ["readings", "-o", "out"])
        assert listing.exit_code == 0, listing.stderr
        assert "2 reading(s) to check" in listing.stderr
        rows = [line for line in listing.stdout.splitlines() if not line.startswith("#")]
        assert rows == ["HSX\thát ét ích", "2/5\thai phần năm"]
        assert "# acronyms, 1 episode(s): tin-san.mp3\n#   Sàn HSX giảm 2/5.\n" in listing.stdout
        # The producer corrects one and keeps the other; the file is their lexicon.
        Path("review.tsv").write_text(
            listing.stdout.replace("hát ét ích", "hồ sê"), encoding="utf-8"
        )
        FakeTTS.calls.clear()
        again = build("--lexicon", "review.tsv")
        assert again.exit_code == 0, again.stderr
        assert "reading(s) guessed" not in again.stderr
        assert ("sàn hồ sê giảm hai phần năm.", "vi") in FakeTTS.calls
    finally:
        tts_engines.unregister(SpokenFormTTS.name)


def test_the_readings_command_without_a_build_says_so(tmp_path):
    result = CliRunner(mix_stderr=False).invoke(cli, ["readings", "-o", "nowhere"])
    assert result.exit_code == 4
    assert "no build report here (run vnmedia build first)" in result.stderr


def test_a_bulletin_lists_the_guesses_of_all_its_articles(tmp_path, fakes):
    from vnmedia import build as build_episodes

    from fake_engines import fake_settings

    tts_engines.register(SpokenFormTTS.name, SpokenFormTTS)
    try:
        write_article(tmp_path / "in", "a.txt", "Tin sàn", "Sàn HSX giảm.")
        write_article(tmp_path / "in", "b.txt", "Tin tàu", "Tàu XR9 chạy lại.")
        settings = fake_settings(
            tmp_path, tts=SpokenFormTTS.name, episode="run", date="2026-12-05", order="vi"
        )
        report = build_episodes(settings)
    finally:
        tts_engines.unregister(SpokenFormTTS.name)
    (mp3,) = report.episodes_written
    manifest = json.loads(Path(mp3).with_suffix(".json").read_text(encoding="utf-8"))
    assert [c["written"] for c in manifest["readings_to_check"]] == ["HSX", "XR9"]
    assert list(report.readings_to_check) == ["HSX", "XR9"]


def test_a_guess_comes_with_the_sentence_it_is_heard_in():
    texts = ["Tin tàu", "Hôm qua trời mưa. Tàu XR9 chạy lại. Khách vui."]
    assert guesses.heard_in("XR9", texts) == "Tàu XR9 chạy lại."
    assert guesses.heard_in("ZZ9", texts) == ""
