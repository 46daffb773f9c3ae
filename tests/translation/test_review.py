"""The check in a build: translators that answer wrong first and right when asked again (a
local OpenAI-compatible server, Google's page through ``responses``), what is spoken, what
the manifest and the report say, and that reruns ask nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import responses
from click.testing import CliRunner

from vnmedia import build, load_settings
from vnmedia.cli import cli

from fake_engines import write_article
from fake_google import GOOGLE_URL, FakeGoogle
from fake_llm import FakeLlm

pytest.importorskip("openai")

TITLE = "Công ty Hòa Phát báo lãi lớn"
SALES = "Doanh thu năm 2025 đạt 2,8 tỷ đồng."
STAFF = "Công ty có 1.500 nhân viên ở Hà Nội."
ENGLISH = {
    TITLE: "Hoa Phat company reports a big profit",
    SALES: "Revenue in 2025 reached 2.8 billion dong.",
    STAFF: "The company has 1,500 employees in Hanoi.",
}
WRONG = "Revenue in 2025 reached 2.8 million dong."


def settings_for(tmp_path: Path, llm: FakeLlm | None = None, **flags: object) -> Any:
    values: dict[str, object] = {
        "inputs": (str(tmp_path / "in"),),
        "output": str(tmp_path / "out"),
        "tts": "fake-tts",
        "translator": "llm",
        "llm_url": llm.url if llm else "http://127.0.0.1:9/v1",
        "llm_model": "tiny-model",
        "executor": "threads",
        "retry_delay": 0.0,
        "check": True,
    }
    values.update(flags)
    return load_settings(**values)


def manifest(report: Any) -> dict[str, Any]:
    mp3 = (report.episodes_written or report.episodes_unchanged)[0]
    return json.loads(Path(mp3).with_suffix(".json").read_text(encoding="utf-8"))


def spoken_english(report: Any) -> list[str | None]:
    return [s["text"] for s in manifest(report)["segments"] if s["lang"] == "en"]


def translator_calls(report: Any) -> dict[str, int]:
    """Requests to the translators (the fake voice's are not the point here)."""
    return {name: n for name, n in report.engine_calls.items() if name != "fake-tts"}


def asked(llm: FakeLlm, request: int) -> list[dict[str, Any]]:
    return json.loads(llm.requests[request]["messages"][-1]["content"])["paragraphs"]


@pytest.fixture
def article(tmp_path: Path) -> None:
    write_article(tmp_path / "in", "a.txt", TITLE, SALES, STAFF)


def test_a_wrong_number_is_asked_again_with_what_was_found(llm, tmp_path, fakes, article):
    llm.english, llm.wrong = dict(ENGLISH), {SALES: [WRONG]}
    report = build(settings_for(tmp_path, llm))
    assert report.failures == []
    assert spoken_english(report) == [ENGLISH[TITLE], ENGLISH[SALES], ENGLISH[STAFF]]
    # The article once, then only the doubtful text, told what was wrong.
    assert translator_calls(report) == {"llm": 2}
    assert [p["text"] for p in asked(llm, 0)] == [TITLE, SALES, STAFF]
    again = asked(llm, 1)
    assert [p["text"] for p in again] == [SALES]
    assert "2,8 tỷ" in again[0]["problems"][0] and "2.8 million" in again[0]["problems"][0]
    (doubt,) = manifest(report)["doubts"]
    assert doubt["where"] == "paragraph 1" and doubt["outcome"] == "fixed"
    assert doubt["findings"] == [
        {"kind": "number", "vietnamese": "2,8 tỷ", "english": "2.8 million"}
    ]
    assert doubt["english"] == WRONG and doubt["answered_by"] == "llm"
    assert report.doubts == {"cong-ty-hoa-phat-bao-lai-lon.mp3": [doubt]}
    assert report.doubt_counts == {"fixed": 1, "kept": 0, "left out": 0}
    # A rerun from the same cache asks nothing and says the same.
    again_report = build(
        settings_for(
            tmp_path,
            llm,
            output=str(tmp_path / "again"),
            cache_dir=str(tmp_path / "out" / ".cache"),
        )
    )
    assert again_report.engine_calls == {}
    assert spoken_english(again_report) == spoken_english(report)
    assert manifest(again_report)["doubts"] == [doubt]


def test_a_correct_article_is_asked_once_and_nothing_is_reported(llm, tmp_path, fakes, article):
    llm.english = dict(ENGLISH)
    report = build(settings_for(tmp_path, llm))
    assert translator_calls(report) == {"llm": 1}
    assert manifest(report)["doubts"] == [] and report.doubts == {}


@pytest.mark.parametrize(
    ("on_doubt", "spoken", "outcome"),
    [("vietnamese", None, "left out"), ("keep", WRONG, "kept")],
)
def test_a_text_that_stays_wrong_follows_on_doubt(
    llm, tmp_path, fakes, article, on_doubt, spoken, outcome
):
    llm.english, llm.wrong = dict(ENGLISH), {SALES: [WRONG, WRONG]}
    report = build(settings_for(tmp_path, llm, on_doubt=on_doubt))
    assert report.failures == [] and translator_calls(report) == {"llm": 2}
    assert spoken_english(report) == [ENGLISH[TITLE], spoken, ENGLISH[STAFF]]
    (doubt,) = manifest(report)["doubts"]
    assert doubt["outcome"] == outcome
    assert doubt["remaining"] == doubt["findings"]
    assert report.doubt_counts[outcome] == 1


def test_on_doubt_fail_fails_the_article_with_the_evidence(llm, tmp_path, fakes, article):
    llm.english, llm.wrong = dict(ENGLISH), {SALES: [WRONG, WRONG]}
    report = build(settings_for(tmp_path, llm, on_doubt="fail"))
    assert report.episodes_written == []
    (failure,) = report.failures
    assert failure.stage == "translate"
    assert "paragraph 1" in failure.error and "2,8 tỷ" in failure.error


def test_without_the_check_the_wrong_english_is_spoken(llm, tmp_path, fakes, article):
    llm.english, llm.wrong = dict(ENGLISH), {SALES: [WRONG]}
    report = build(settings_for(tmp_path, llm, check=False))
    assert translator_calls(report) == {"llm": 1}
    assert spoken_english(report)[1] == WRONG


@responses.activate
def test_google_asked_again_answers_right(tmp_path, fakes, article):
    google = FakeGoogle(english=dict(ENGLISH), wrong={SALES: [WRONG]})
    responses.add_callback(responses.GET, GOOGLE_URL, callback=google)
    report = build(settings_for(tmp_path, translator="google"))
    assert spoken_english(report) == [ENGLISH[TITLE], ENGLISH[SALES], ENGLISH[STAFF]]
    # Each text once, and the doubtful one a second time.
    assert sorted(google.asked) == sorted([TITLE, SALES, STAFF, SALES])
    assert translator_calls(report) == {"google": 4}
    assert manifest(report)["doubts"][0]["outcome"] == "fixed"


@responses.activate(assert_all_requests_are_fired=False)
def test_with_a_list_of_translators_the_next_one_answers(llm, tmp_path, fakes, article):
    responses.add_passthru(llm.url)
    google = FakeGoogle(english=dict(ENGLISH), wrong={SALES: [WRONG, WRONG]})
    responses.add_callback(responses.GET, GOOGLE_URL, callback=google)
    llm.english = dict(ENGLISH)
    report = build(settings_for(tmp_path, llm, translator="google,llm"))
    assert spoken_english(report) == [ENGLISH[TITLE], ENGLISH[SALES], ENGLISH[STAFF]]
    assert translator_calls(report) == {"google": 3, "llm": 1}
    assert [p["text"] for p in asked(llm, 0)] == [SALES]
    (doubt,) = manifest(report)["doubts"]
    assert doubt["outcome"] == "fixed" and doubt["answered_by"] == "llm"


def test_sentence_by_sentence_each_sentence_is_checked(llm, tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", TITLE, f"{SALES} {STAFF}")
    llm.english, llm.wrong = dict(ENGLISH), {SALES: [WRONG]}
    report = build(settings_for(tmp_path, llm, interleave="sentence"))
    assert spoken_english(report) == [ENGLISH[TITLE], ENGLISH[SALES], ENGLISH[STAFF]]
    assert [p["text"] for p in asked(llm, 1)] == [SALES]
    assert manifest(report)["doubts"][0]["where"] == "paragraph 1 sentence 1"


def test_the_memory_is_checked_only_when_asked(llm, tmp_path, fakes, article):
    memory = tmp_path / "memory.tsv"
    memory.write_text(f"{SALES}\t{WRONG}\n", encoding="utf-8")
    llm.english = dict(ENGLISH)
    quiet = build(settings_for(tmp_path, llm, memory=(str(memory),)))
    assert manifest(quiet)["doubts"] == [] and spoken_english(quiet)[1] == WRONG
    checked = build(
        settings_for(tmp_path, llm, memory=(str(memory),), check_memory=True, output="o2")
    )
    (doubt,) = manifest(checked)["doubts"]
    # A human translation is reported, never asked again nor left out.
    assert doubt["outcome"] == "kept" and doubt["answered_by"] == "memory"
    assert spoken_english(checked)[1] == WRONG
    assert translator_calls(checked) == {"llm": 1}  # the title and paragraph 2


def test_the_summary_line_counts_the_doubts(llm, tmp_path, fakes, article):
    llm.english, llm.wrong = dict(ENGLISH), {SALES: [WRONG, WRONG]}
    result = CliRunner(mix_stderr=False).invoke(
        cli,
        [
            "-q",
            "build",
            str(tmp_path / "in"),
            "-o",
            str(tmp_path / "out"),
            "--tts",
            "fake-tts",
            "--translator",
            "llm",
            "--llm-url",
            llm.url,
            "--llm-model",
            "tiny-model",
            "--check",
            "--on-doubt",
            "keep",
            "--executor",
            "threads",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "1 translation(s) doubted (1 kept)" in result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["doubt_counts"]["kept"] == 1


def test_a_bulletin_names_the_article_of_each_doubt_and_leaves_out_one_that_fails(
    llm, tmp_path, fakes
):
    write_article(tmp_path / "in", "a.txt", TITLE, SALES)
    write_article(tmp_path / "in", "b.txt", "Tin Hà Nội", STAFF)
    llm.english = {**ENGLISH, "Tin Hà Nội": "News from Hanoi"}
    llm.wrong = {SALES: [WRONG, WRONG]}
    kept = build(settings_for(tmp_path, llm, episode="run", on_doubt="keep", date="2026-12-06"))
    (doubt,) = manifest(kept)["doubts"]
    assert doubt["article"] == TITLE and doubt["outcome"] == "kept"
    llm.wrong = {SALES: [WRONG, WRONG]}
    failed = build(
        settings_for(tmp_path, llm, episode="run", on_doubt="fail", date="2026-12-06", output="o2")
    )
    # With --on-doubt fail the article with the doubt is left out of the bulletin.
    assert [m["title"] for m in manifest(failed)["missing"]] == [TITLE]
    assert manifest(failed)["doubts"] == []
    assert "2,8 tỷ" in failed.failures[0].error


@responses.activate
def test_vnmedia_translate_prints_what_it_doubts(tmp_path, monkeypatch):
    monkeypatch.setenv("VNMEDIA_CHECK", "true")
    google = FakeGoogle(english=dict(ENGLISH), wrong={SALES: [WRONG]})
    responses.add_callback(responses.GET, GOOGLE_URL, callback=google)
    result = CliRunner(mix_stderr=False).invoke(cli, ["translate", SALES, "--translator", "google"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == WRONG
    assert "vnmedia: doubt: number: 2,8 tỷ in the Vietnamese, 2.8 million" in result.stderr


def test_on_doubt_takes_only_its_values_and_names_tables_are_relative_to_the_config(tmp_path):
    from vnmedia.errors import ConfigError

    with pytest.raises(ConfigError, match="on_doubt 'maybe'"):
        load_settings(on_doubt="maybe")
    config = tmp_path / "conf" / "vnmedia.toml"
    config.parent.mkdir()
    config.write_text('names = ["names.tsv"]\non_doubt = "keep"\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.names == (str(tmp_path / "conf" / "names.tsv"),)
    assert settings.on_doubt == "keep"


# Tests written from deliberate bugs that the tests above let through (QUALITY.md).

CUT = "2.8 million."  # a number changed, another lost, and most of the sentence left out


def test_a_second_answer_worse_than_the_first_is_not_spoken(llm, tmp_path, fakes, article):
    llm.english, llm.wrong = dict(ENGLISH), {SALES: [WRONG, CUT]}
    report = build(settings_for(tmp_path, llm, on_doubt="keep"))
    assert translator_calls(report) == {"llm": 2}
    # The first answer had one doubt, the second has two: the first is kept and spoken.
    assert spoken_english(report) == [ENGLISH[TITLE], WRONG, ENGLISH[STAFF]]
    (doubt,) = manifest(report)["doubts"]
    assert doubt["outcome"] == "kept" and doubt["remaining"] == doubt["findings"]


def test_a_second_answer_better_but_still_doubtful_is_not_fixed(llm, tmp_path, fakes, article):
    llm.english, llm.wrong = dict(ENGLISH), {SALES: [CUT, WRONG]}
    report = build(settings_for(tmp_path, llm))
    # Fewer doubts than before is not none: the default leaves the English out.
    assert spoken_english(report) == [ENGLISH[TITLE], None, ENGLISH[STAFF]]
    (doubt,) = manifest(report)["doubts"]
    assert doubt["outcome"] == "left out" and doubt["answered_by"] is None
    assert [f["kind"] for f in doubt["findings"]] == ["number", "omission"]
    assert doubt["remaining"] == [
        {"kind": "number", "vietnamese": "2,8 tỷ", "english": "2.8 million"}
    ]


ADDED = "Revenue in 2025 reached 2.8 billion dong. Shareholders cheered the results all week."


def test_a_second_answer_that_trades_an_addition_for_a_wrong_number_is_not_spoken(
    llm, tmp_path, fakes, article
):
    llm.english, llm.wrong = dict(ENGLISH), {SALES: [ADDED, WRONG]}
    report = build(settings_for(tmp_path, llm, on_doubt="keep"))
    # One doubt each, but a wrong figure misinforms where an added sentence does not.
    assert spoken_english(report) == [ENGLISH[TITLE], ADDED, ENGLISH[STAFF]]
    (doubt,) = manifest(report)["doubts"]
    assert [f["kind"] for f in doubt["findings"]] == ["addition"]
    assert doubt["outcome"] == "kept" and doubt["remaining"] == doubt["findings"]
