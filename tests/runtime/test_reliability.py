"""Batch jobs a producer can trust: cache, reruns, retries, rate limits, breaker, lock, inputs."""

from __future__ import annotations

import json
import shutil
import threading
import time
import zlib
from pathlib import Path

import pytest
import requests
import responses
from click.testing import CliRunner
from filelock import FileLock

from vnmedia import build, load_settings
from vnmedia.cli import cli
from vnmedia.errors import ExitCode, OutputLockedError
from vnmedia.runtime.resilience import RateLimiter

from fake_engines import FakeTranslator, FakeTTS, fake_settings, write_article
from fake_google import GOOGLE_URL, GTTS_URL, gtts_reply, make_mp3

HOSTILE = Path(__file__).parent / "hostile"
PARAGRAPHS = (
    "Đoạn thứ nhất nói về giao thông, với nhiều chi tiết đáng chú ý. Câu thứ hai ngắn.",
    "Đoạn thứ hai nói về thời tiết.",
    "Đoạn thứ ba nói về giáo dục và y tế, hai lĩnh vực quan trọng.",
)


def settings_for(tmp_path: Path, **flags: object):
    return fake_settings(tmp_path, **{"retry_delay": 0.0, **flags})


def episode_files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted((out / "episodes").glob("*"))}


# --- cache and reruns ---------------------------------------------------------------------


def test_warm_rerun_makes_zero_engine_calls_and_rewrites_nothing(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin một", *PARAGRAPHS)
    write_article(tmp_path / "in", "b.txt", "Tin hai", "Một đoạn.")
    first = build(settings_for(tmp_path))
    assert len(first.episodes_written) == 2
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "out" / "episodes").glob("*")}
    FakeTTS.calls.clear()
    FakeTranslator.calls.clear()

    second = build(settings_for(tmp_path))
    assert FakeTTS.calls == [] and FakeTranslator.calls == []
    assert second.engine_calls == {}
    assert second.episodes_written == []
    assert sorted(second.episodes_unchanged) == sorted(first.episodes_written)
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def test_editing_one_paragraph_remakes_only_its_clips(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin một", *PARAGRAPHS)
    build(settings_for(tmp_path))
    FakeTTS.calls.clear()
    FakeTranslator.calls.clear()

    edited = "Đoạn thứ hai nói về thời tiết nắng nóng."
    write_article(tmp_path / "in", "a.txt", "Tin một", PARAGRAPHS[0], edited, PARAGRAPHS[2])
    report = build(settings_for(tmp_path))

    assert FakeTranslator.calls == [edited]
    assert sorted(FakeTTS.calls) == sorted([(edited, "vi"), (f"EN[{edited}]", "en")])
    assert report.engine_calls == {FakeTTS.name: 2, FakeTranslator.name: 1}
    manifest = json.loads(Path(report.episodes_written[0]).with_suffix(".json").read_text())
    assert [s["text"] for s in manifest["segments"] if s["index"] == 2] == [edited, f"EN[{edited}]"]


def test_changing_a_setting_that_changes_the_audio_rebuilds_from_cache(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin một", *PARAGRAPHS)
    build(settings_for(tmp_path))
    FakeTTS.calls.clear()
    report = build(settings_for(tmp_path, pause_paragraph=1500))
    assert len(report.episodes_written) == 1  # new pauses: a new episode...
    assert FakeTTS.calls == []  # ...made entirely from cached clips
    assert report.cache_hits["clip"] > 0


def test_cache_cli_stats_and_clear(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin một", *PARAGRAPHS)
    build(settings_for(tmp_path))
    runner = CliRunner(mix_stderr=False)
    stats = runner.invoke(cli, ["cache", "stats", "-o", "out"])
    assert stats.exit_code == 0
    counts = {line.split()[0]: int(line.split()[1]) for line in stats.output.splitlines()[:3]}
    # The fake voice takes the text as written, so no spoken forms are cached.
    assert counts == {"translation": 4, "spoken": 0, "clip": 8}
    cleared = runner.invoke(cli, ["cache", "clear", "-o", "out"])
    assert cleared.exit_code == 0 and "removed 12 entries" in cleared.output
    assert "0 entries" in runner.invoke(cli, ["cache", "stats", "-o", "out"]).output


def test_results_do_not_depend_on_jobs(tmp_path, fakes):
    for number in range(5):
        write_article(
            tmp_path / "in", f"{number}.txt", f"Tin số {number}", *PARAGRAPHS[: number % 3 + 1]
        )
    one = build(settings_for(tmp_path, output=str(tmp_path / "one"), jobs=1, no_cache=True))
    four = build(settings_for(tmp_path, output=str(tmp_path / "four"), jobs=4, no_cache=True))
    assert [Path(p).name for p in one.episodes_written] == [
        Path(p).name for p in four.episodes_written
    ]
    assert episode_files(tmp_path / "one") == episode_files(tmp_path / "four")


# --- a flaky fake Google ------------------------------------------------------------------


class FlakyGoogle:
    """Faked HTTP layer for gTTS and Google Translate that fails a share of requests.

    Whether a request fails depends only on its content: about two thirds of the distinct
    requests fail on their first attempt (429 with Retry-After, 503, or a timeout, by
    content) and succeed when retried. So each failure costs exactly one retry, whatever
    the order in which concurrent workers send them.
    """

    def __init__(self) -> None:
        self.attempts: dict[str, int] = {}
        self.count = 0
        self.failures = 0
        self.starts: list[float] = []
        self.lock = threading.Lock()

    def verdict(self, request) -> str:
        content = f"{request.url} {request.body}"
        with self.lock:
            self.count += 1
            self.starts.append(time.monotonic())
            self.attempts[content] = attempt = self.attempts.get(content, 0) + 1
            digest = zlib.crc32(content.encode())
            if attempt > 1 or digest % 3 == 0:
                return "ok"
            self.failures += 1
        return ("429", "503", "timeout")[digest // 2 % 3]

    def reply(self, ok_body: str):
        def callback(request):
            kind = self.verdict(request)
            if kind == "429":
                return (429, {"Retry-After": "0"}, "Too Many Requests")
            if kind == "503":
                return (503, {}, "Service Unavailable")
            if kind == "timeout":
                raise requests.exceptions.ReadTimeout("read timed out")
            return (200, {}, ok_body)

        return callback


@pytest.fixture
def mp3_bytes(tmp_path_factory):
    return make_mp3(tmp_path_factory.mktemp("audio"))


def test_flaky_google_build_completes_with_expected_retries_within_the_rate(
    tmp_path, monkeypatch, mp3_bytes
):
    monkeypatch.setattr("vnmedia.services.google_reachable", lambda timeout: True)
    google = FlakyGoogle()
    for number in range(3):
        write_article(tmp_path / "in", f"{number}.txt", f"Tin số {number}", *PARAGRAPHS)
    rate = 40.0
    with responses.RequestsMock() as fake:
        fake.add_callback(responses.POST, GTTS_URL, callback=google.reply(gtts_reply(mp3_bytes)))
        fake.add_callback(
            responses.GET,
            GOOGLE_URL,
            callback=google.reply('<div class="result-container">OK</div>'),
        )
        report = build(
            load_settings(
                inputs=(str(tmp_path / "in"),),
                output=str(tmp_path / "out"),
                jobs=4,
                rate=rate,
                retry_delay=0.01,
            )
        )
    assert report.failures == [] and report.to_retry == []
    assert len(report.episodes_written) == 3
    for path in report.episodes_written:
        segments = json.loads(Path(path).with_suffix(".json").read_text())["segments"]
        assert all(s["text"] and s["end_ms"] > s["start_ms"] for s in segments)
    assert google.failures > 5
    assert report.retries == {"google": google.failures}
    assert sum(report.engine_calls.values()) == google.count
    # The limiter spaces request starts 1/rate apart. The fake server sees them a little
    # later, each by its thread's own scheduling delay, so one late request may share a
    # window with the next: at most one over the rate in any second (without a limiter,
    # these requests arrive hundreds per second).
    starts = sorted(google.starts)
    for i, start in enumerate(starts):
        in_window = sum(1 for s in starts[i:] if s < start + 1.0)
        assert in_window <= rate + 1


def test_a_service_that_keeps_refusing_trips_the_breaker_and_a_rerun_continues(
    tmp_path, monkeypatch, mp3_bytes
):
    monkeypatch.setattr("vnmedia.services.google_reachable", lambda timeout: True)
    for number in range(4):
        write_article(tmp_path / "in", f"{number}.txt", f"Tin số {number}", *PARAGRAPHS)
    settings = load_settings(
        inputs=(str(tmp_path / "in"),),
        output=str(tmp_path / "out"),
        jobs=2,
        rate=100,
        retries=2,
        retry_delay=0.0,
        breaker_threshold=3,
    )
    with responses.RequestsMock(assert_all_requests_are_fired=False) as down:
        down.add(responses.GET, GOOGLE_URL, status=503)
        down.add(responses.POST, GTTS_URL, status=503)
        report = build(settings)
        refused_requests = len(down.calls)
    assert report.episodes_written == []
    assert len(report.to_retry) == 4 and report.failures == []
    # It stopped asking: a few failed requests (3 in a row × 3 attempts, plus the ones in
    # flight), not one per text of every article.
    assert refused_requests <= 3 * 3 + 2 * 3
    assert any("kept refusing" in w for w in report.warnings)

    with responses.RequestsMock(assert_all_requests_are_fired=False) as back:
        back.add(responses.POST, GTTS_URL, body=gtts_reply(mp3_bytes))
        back.add(responses.GET, GOOGLE_URL, body='<div class="result-container">OK</div>')
        rerun = build(settings)
    assert len(rerun.episodes_written) == 4 and rerun.to_retry == []


def test_rate_limiter_gives_every_caller_its_own_slot_under_concurrency():
    # A frozen clock and a recording sleep: no real time passes, so the result cannot
    # depend on thread scheduling. Each caller must be told to wait for a distinct slot,
    # 1/rate apart.
    slept: list[float] = []
    lock = threading.Lock()

    def sleep(seconds: float) -> None:
        with lock:
            slept.append(seconds)

    limiter = RateLimiter(50, clock=lambda: 100.0, sleep=sleep)
    threads = [
        threading.Thread(target=lambda: [limiter.wait() for _ in range(10)]) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # The first caller goes at once (no sleep); the other 39 wait one slot more each
    # (1/50 s, plus the limiter's 5 % safety margin).
    slot = 1.05 / 50
    assert sorted(round(s, 6) for s in slept) == [round(slot * n, 6) for n in range(1, 40)]


# --- output folder ------------------------------------------------------------------------


def test_a_second_build_into_the_same_output_stops_with_a_clear_message(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin một", "Một đoạn.")
    (tmp_path / "out").mkdir()
    with FileLock(str(tmp_path / "out" / ".vnmedia.lock")):
        with pytest.raises(OutputLockedError, match="another vnmedia build is writing"):
            build(settings_for(tmp_path))
        result = CliRunner(mix_stderr=False).invoke(
            cli, ["build", "in", "-o", "out", "--tts", FakeTTS.name, "--translator", "none"]
        )
        assert result.exit_code == ExitCode.LOCKED
    assert build(settings_for(tmp_path)).episodes_written  # free again afterwards


def test_stale_temporary_files_from_a_killed_build_are_removed(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin một", "Một đoạn.")
    stale = tmp_path / "out" / "episodes" / ".tin-mot.mp3.abc123.tmp.mp3"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"half an mp3")
    build(settings_for(tmp_path))
    assert not stale.exists()


def test_fail_fast_stops_at_the_first_failure(tmp_path, fakes):
    write_article(tmp_path / "in", "1.txt", "Tin hỏng", "Đoạn này BOOM nổ tung.")
    for number in range(2, 6):
        write_article(tmp_path / "in", f"{number}.txt", f"Tin {number}", "Một đoạn.")
    report = build(settings_for(tmp_path, fail_fast=True, jobs=1))
    assert len(report.failures) == 1
    assert report.failures[0].stage == "speak"
    assert len(report.episodes_written) + len(report.to_retry) == 4
    assert all("fail-fast" in f.error for f in report.to_retry)
    assert report.to_retry  # with one job, later articles were never started


# --- hostile inputs -----------------------------------------------------------------------


def test_hostile_inputs_each_get_a_clear_outcome(tmp_path, fakes):
    folder = tmp_path / "in"
    shutil.copytree(HOSTILE, folder)
    (folder / "14-huge-single-line.txt").write_bytes(b"a" * 4_000_000)  # under the size cap
    (folder / "15-ten-megabytes.txt").write_bytes(b"a" * 10_000_000)
    write_article(folder, "99-normal.txt", "Tin bình thường", "Một đoạn bình thường.")
    report = build(settings_for(tmp_path))

    failed = {Path(f.source).name: f.error for f in report.failures}
    assert set(failed) == {
        "01-empty.txt",
        "02-binary.txt",
        "03-invalid-utf8.txt",
        "12-only-punctuation.txt",
        "14-huge-single-line.txt",
        "15-ten-megabytes.txt",
    }
    assert "empty" in failed["01-empty.txt"]
    assert "binary data (a PDF document)" in failed["02-binary.txt"]
    assert "not UTF-8" in failed["03-invalid-utf8.txt"]
    assert "--encoding" in failed["03-invalid-utf8.txt"]
    assert "no letters" in failed["12-only-punctuation.txt"]
    assert "single line" in failed["14-huge-single-line.txt"]
    assert "too large" in failed["15-ten-megabytes.txt"]
    for source, error in failed.items():
        # One line; the failure's source names the file, so its reason does not repeat it.
        assert source not in error and "\n" not in error

    out = (tmp_path / "out" / "episodes").resolve()
    written = {Path(p).name: Path(p) for p in report.episodes_written}
    assert set(written) == {
        "ha-noi-day-manh-chuyen-doi-so.mp3",
        "tin-co.mp3",
        "etc-passwd.mp3",
        "ha-noi-tp-hcm-tin-hai-mien.mp3",
        "tin-trung-ten.mp3",
        "tin-trung-ten-2.mp3",
        "le-hoi-phao-hoa.mp3",
        "tin-co-bom.mp3",
        "tin-binh-thuong.mp3",
        "tieu-de-hon-hop.mp3",
    }
    for path in written.values():
        assert path.resolve().parent == out  # no slug escapes the output folder
    manifests = {n: json.loads(p.with_suffix(".json").read_text()) for n, p in written.items()}
    assert (
        manifests["ha-noi-day-manh-chuyen-doi-so.mp3"]["title"] == "Hà Nội: Đẩy mạnh chuyển đổi số"
    )
    script = manifests["tin-co.mp3"]
    spoken = " ".join(s["text"] or "" for s in script["segments"])
    assert "alert" not in spoken and "pwned" not in spoken
    # Markup in a title, even escaped in the page (&lt;script&gt;), is never spoken.
    assert script["title"] == "Tin có"
    assert manifests["tin-co-bom.mp3"]["title"] == "Tin có BOM"
    # Lines saved in two encodings are each decoded right.
    mixed = [s["text"] for s in manifests["tieu-de-hon-hop.mp3"]["segments"]]
    assert "Đoạn thứ hai được lưu bằng Windows-1258." in mixed


# --- secrets -------------------------------------------------------------------------------


def test_the_libre_api_key_never_lands_in_outputs_or_logs(tmp_path, fakes, caplog, monkeypatch):
    secret = "SECRET-KEY-1234567890"
    monkeypatch.setenv("VNMEDIA_LIBRE_API_KEY", secret)
    write_article(tmp_path / "in", "a.txt", "Tin một", "Đoạn một.", "Đoạn hai.")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as fake:
        fake.add(
            responses.POST,
            "https://libre.example.test/translate",
            json={"translatedText": "Fine"},
            match=[
                responses.matchers.query_param_matcher(
                    {
                        "q": "Đoạn một.",
                        "source": "vi",
                        "target": "en",
                        "format": "text",
                        "api_key": secret,
                    }
                )
            ],
        )
        fake.add(responses.POST, "https://libre.example.test/translate", status=500)
        result = CliRunner(mix_stderr=False).invoke(
            cli,
            [
                "build",
                "in",
                "-o",
                "out",
                "--tts",
                FakeTTS.name,
                "--translator",
                "libre",
                "--retries",
                "0",
            ],
            env={"VNMEDIA_LIBRE_URL": "https://libre.example.test/", "VNMEDIA_RETRY_DELAY": "0"},
        )
    assert result.exit_code == ExitCode.NOTHING_DONE  # the 500s leave the article to retry
    everything = result.stdout + result.stderr + caplog.text
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            everything += path.name + path.read_bytes().decode("utf-8", "replace")
    assert "libre" in everything
    assert secret not in everything


def test_debug_tracebacks_hide_the_api_key(tmp_path, monkeypatch):
    secret = "SECRET-KEY-0987654321"
    with responses.RequestsMock():  # refuses every request, quoting its URL (and the key)
        result = CliRunner(mix_stderr=False).invoke(
            cli,
            ["--debug", "translate", "Xin chào", "--translator", "libre"],
            env={
                "VNMEDIA_LIBRE_API_KEY": secret,
                "VNMEDIA_LIBRE_URL": "https://libre.example.test/",
                "VNMEDIA_RETRIES": "1",
                "VNMEDIA_RETRY_DELAY": "0",
            },
        )
    assert result.exit_code == ExitCode.ENGINE
    assert "Traceback" in result.stderr and "api_key=***" in result.stderr
    assert secret not in result.stderr + result.stdout
