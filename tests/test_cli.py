"""The command line through click's CliRunner: help, exit codes, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from vnmedia.cli import cli
from vnmedia.codec import decode_file
from vnmedia.errors import ExitCode

from fake_engines import FakeTranslator, FakeTTS, write_article


def run(*args: str):
    return CliRunner(mix_stderr=False).invoke(cli, list(args))


def all_commands(group=cli, path=()):
    yield list(path), group
    for name, command in getattr(group, "commands", {}).items():
        yield from all_commands(command, (*path, name))


@pytest.mark.parametrize(("path", "command"), list(all_commands()), ids=lambda v: str(v))
def test_every_command_has_help(path, command):
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output
    assert command.help and len(command.help.strip()) > 20
    for option in command.params:
        if isinstance(option, click.Option) and option.name not in {"help", "version"}:
            assert option.help, f"{' '.join(path)} {option.name} has no help"


def test_build_writes_episodes_and_exits_zero(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin một", "Đoạn một.")
    result = run(
        "-q",
        "build",
        "in",
        "-o",
        "out",
        "--tts",
        FakeTTS.name,
        "--translator",
        FakeTranslator.name,
        "--order",
        "en-vi",
        "--pause-lang",
        "100",
    )
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "1 episode(s) written" in result.stderr
    assert (tmp_path / "out" / "episodes" / "tin-mot.mp3").is_file()


def test_build_with_some_failures_exits_partial(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin tốt", "Đoạn tốt.")
    write_article(tmp_path / "in", "b.txt", "Tin hỏng", "Đoạn này BOOM nổ tung.")
    result = run("-q", "build", "in", "-o", "out", "--tts", FakeTTS.name, "--translator", "none")
    assert result.exit_code == ExitCode.PARTIAL
    assert "failed: in/b.txt: Tin hỏng: fake-tts: exploded on purpose" in result.stderr


def test_build_with_nothing_to_do_exits_nothing_done(tmp_path, fakes):
    (tmp_path / "in").mkdir()
    result = run("-q", "build", "in", "-o", "out", "--tts", FakeTTS.name)
    assert result.exit_code == ExitCode.NOTHING_DONE
    assert "0 episode(s) written" in result.stderr


def test_missing_input_is_one_clear_line(tmp_path):
    result = run("build", "no-such-folder")
    assert result.exit_code == ExitCode.CONFIG
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("vnmedia: error: input no-such-folder does not exist")
    assert "Traceback" not in result.stderr


def test_unknown_engine_lists_the_valid_names(tmp_path):
    (tmp_path / "in").mkdir()
    write_article(tmp_path / "in", "a.txt", "Tin", "Đoạn.")
    result = run("build", "in", "--tts", "nope")
    assert result.exit_code == ExitCode.USAGE  # the command line's mistake, before any work
    assert "--tts 'nope' is not a TTS engine: choose one of auto, edge, espeak, gtts" in (
        result.stderr
    )
    assert not Path("output").exists()


def test_debug_shows_the_traceback(tmp_path):
    result = run("--debug", "build", "no-such-folder")
    assert result.exit_code == ExitCode.CONFIG
    assert "Traceback" in result.stderr


def test_bad_config_value_is_a_config_error(tmp_path):
    (tmp_path / "vnmedia.toml").write_text('order = "fr-de"\n', encoding="utf-8")
    result = run("build")
    assert result.exit_code == ExitCode.CONFIG
    assert "order 'fr-de' is not one of" in result.stderr


def test_speak_writes_a_decodable_mp3_offline(tmp_path):
    result = run("speak", "Xin chào các bạn", "--lang", "vi", "-o", "hello.mp3")
    assert result.exit_code == 0, result.stderr
    assert len(decode_file(tmp_path / "hello.mp3")) > 500


def test_translate_uses_the_memory_and_fails_cleanly_without_it(tmp_path):
    memory = tmp_path / "m.jsonl"
    memory.write_text('{"vi": "Xin chào", "en": "Hello"}\n', encoding="utf-8")
    ok = run("translate", "Xin  chào", "--memory", str(memory))
    assert ok.exit_code == 0 and ok.stdout.strip() == "Hello"
    missing = run("translate", "Tạm biệt", "--memory", str(memory))
    assert missing.exit_code == ExitCode.ENGINE
    assert "no machine translator is reachable" in missing.stderr


def test_engines_lists_every_engine_and_its_state():
    result = run("engines")
    assert result.exit_code == 0
    lines = {line.split()[1]: line for line in result.output.splitlines()}
    assert set(lines) == {
        "espeak",
        "gtts",
        "edge",
        "piper",
        "google",
        "mymemory",
        "libre",
        "llm",
        "ct2",
    }
    assert "no model named" in lines["llm"]
    assert "no model given" in lines["ct2"]
    assert "usable" in lines["espeak"] and "unusable" not in lines["espeak"]
    assert "google unreachable" in lines["gtts"]
    assert "microsoft unreachable" in lines["edge"]


def test_doctor_reports_ffmpeg_espeak_and_network(tmp_path):
    result = run("doctor")
    assert result.exit_code == 0, result.output
    assert "[  ok] ffmpeg" in result.output
    assert "[  ok] espeak-ng" in result.output
    assert "[warn] network" in result.output
    assert "fix:" in result.output


def test_python_dash_m_works():
    completed = subprocess.run(
        [sys.executable, "-m", "vnmedia", "--version"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0
    assert "vnmedia" in completed.stdout


def test_a_reader_that_stops_reading_is_no_error(tmp_path):
    # `vnmedia split FILE | head -1`: the reader is gone before vnmedia is done writing.
    # Here it is gone before the first write (the pipe's read end is closed), so the
    # outcome does not hang on how much a pipe buffers.
    article = write_article(
        tmp_path, "a.txt", "Tin một", *(f"Đoạn {n} của tin." for n in range(40))
    )
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "vnmedia", "split", str(article)],
            stdout=write_end, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert done.stderr == ""  # no "internal error: BrokenPipeError"
    assert done.returncode == 1


def test_settings_precedence_file_env_flags(tmp_path, monkeypatch):
    from vnmedia.settings import load_settings

    (tmp_path / "vnmedia.toml").write_text(
        'pause_lang = 111\npause_paragraph = 222\nbitrate = "96k"\nmemory = "m.tsv"\n',
        encoding="utf-8",
    )
    (tmp_path / "m.tsv").write_text("Xin chào\tHello\n", encoding="utf-8")
    monkeypatch.setenv("VNMEDIA_PAUSE_PARAGRAPH", "333")
    monkeypatch.setenv("VNMEDIA_BITRATE", "48k")
    settings = load_settings(bitrate="32k")
    assert settings.pause_lang == 111  # file over default
    assert settings.pause_paragraph == 333  # env over file
    assert settings.bitrate == "32k"  # flag over env
    assert settings.memory == (str(Path("m.tsv")),)  # relative to the config file
    assert settings.order == "vi-en"  # default


@pytest.mark.parametrize(
    ("flags", "setting", "says"),
    [
        ({"bitrate": "abc"}, "bitrate", "is not an MP3 bitrate"),
        ({"bitrate": "1000k"}, "bitrate", "8k to 320k"),
        ({"date": "2026-13-45", "episode": "run"}, "date", "'2026-13-45' is not a date"),
        ({"date": "2026-12-01"}, "date", "needs --episode run"),
        ({"since": "yesterday"}, "since", "'yesterday' is not a date"),
        ({"base_url": "podcast.example.org"}, "base_url", "is not a web address"),
        ({"llm_url": "ftp://x"}, "llm_url", "is not a web address"),
        ({"publish": "nope://bucket"}, "publish", "is not a folder or a destination URL"),
        ({"encoding": "klingon"}, "encoding", "is not a known text encoding"),
        ({"memory": ("missing.tsv",)}, "memory", "'missing.tsv' is not a file"),
        ({"intro": "missing.mp3"}, "intro", "'missing.mp3' is not a file"),
        ({"jobs": 0}, "jobs", "must be between 1 and 256"),
        ({"rate": 0.0}, "rate", "must be a positive number"),
        ({"cache_max_size": "lots"}, "cache_max_size", "is not a size"),
        ({"speed": "vi=3"}, "speed", "between 0.5 and 2.0"),
        ({"order": "fr-de"}, "order", "is not one of vi-en"),
        ({"output": "vnmedia.toml/out"}, "output", "cannot be a folder: vnmedia.toml is a file"),
    ],
)
def test_every_setting_is_checked_by_name_before_any_work(flags, setting, says):
    from vnmedia.errors import SettingError
    from vnmedia.settings import load_settings

    Path("vnmedia.toml").write_text("", encoding="utf-8")
    with pytest.raises(SettingError) as caught:
        load_settings(**flags)
    assert caught.value.setting == setting
    assert says in str(caught.value)
    assert not Path("output").exists()


@pytest.mark.parametrize(
    ("tts", "flag", "voice", "says"),
    [
        ("edge", "--voice-en", "vi-VN-HoaiMyNeural", "speaks 'vi', not 'en'"),
        ("edge", "--voice-vi", "HoaiMy", "is not an edge voice name"),
        ("espeak", "--voice-vi", "nonesuch", "is not an espeak-ng voice"),  # (klingon is one),
    ],
)
def test_a_voice_the_engine_lacks_is_a_bad_command_line_before_any_work(
    tmp_path, tts, flag, voice, says
):
    write_article(tmp_path / "in", "a.txt", "Tin", "Đoạn.")
    result = run("build", "in", "--tts", tts, "--translator", "none", flag, voice)
    assert result.exit_code == ExitCode.USAGE, result.stderr
    assert result.stderr.startswith(f"vnmedia: error: {flag} {voice!r} {says}")
    assert not Path("output").exists()


def test_normalize_of_binary_standard_input_is_an_input_error():
    result = CliRunner(mix_stderr=False).invoke(cli, ["normalize", "-"], input=b"\xff\xfe\x83\x00")
    assert result.exit_code == ExitCode.CONFIG, result.stderr
    assert (
        result.stderr == "vnmedia: error: standard input is not UTF-8 text (invalid start byte)\n"
    )
