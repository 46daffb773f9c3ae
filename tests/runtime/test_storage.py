"""Running every day for a year: a bounded cache, compact clips, and a clean stop on a full
disk or a read-only folder."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import wave
from pathlib import Path

import pytest
from click.testing import CliRunner

from vnmedia import build
from vnmedia.cli import cli
from vnmedia.errors import ExitCode, StorageError
from vnmedia.models import Clip
from vnmedia.runtime import files as files_module
from vnmedia.runtime.cache import Cache

from fake_engines import FAKE_RATE, FakeTranslator, FakeTTS, fake_settings, tone, write_article

DAY = 86400.0


def settings_for(tmp_path: Path, output: Path | None = None, **flags: object):
    return fake_settings(tmp_path, output=str(output or tmp_path / "out"), **{"jobs": 1, **flags})


def write_articles(folder: Path, day: int, count: int) -> None:
    for n in range(count):
        write_article(
            folder,
            f"d{day:02}-{n}.txt",
            f"Bản tin ngày {day} số {n}",
            f"Đoạn một của tin {n} ngày {day}, kể chuyện phố phường.",
            f"Đoạn hai của tin {n} ngày {day}, với số liệu mới nhất.",
        )


# --- compact clips -------------------------------------------------------------------------


def test_clips_are_kept_losslessly_compressed_and_old_wav_entries_still_read(tmp_path):
    cache = Cache(tmp_path / "cache")
    clip = Clip(tone(1500, 440.0) + bytes(16000), FAKE_RATE, "fake")
    cache.put_clip("ab" + "0" * 62, clip)

    stored = next((tmp_path / "cache" / "clip").rglob("*.flac"))
    assert stored.read_bytes()[:4] == b"fLaC"
    assert stored.stat().st_size < len(clip.pcm) / 2
    assert cache.get_clip("ab" + "0" * 62, "fake").pcm == clip.pcm  # the very samples

    legacy = tmp_path / "cache" / "clip" / "cd" / ("cd" + "1" * 62 + ".wav")
    legacy.parent.mkdir(parents=True)
    with wave.open(str(legacy), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(FAKE_RATE)
        wav.writeframes(clip.pcm)
    assert cache.get_clip("cd" + "1" * 62, "fake").pcm == clip.pcm


# --- a bounded cache -----------------------------------------------------------------------


def test_a_month_of_daily_builds_stays_under_the_bound_and_keeps_what_is_in_use(
    tmp_path, fakes, monkeypatch
):
    today = [1_800_000_000.0]
    monkeypatch.setattr("vnmedia.runtime.cache.now", lambda: today[0])
    bound = 350_000
    inbox = tmp_path / "in"
    # One story stays in the input every day: its clips are used every day.
    write_article(inbox, "standing.txt", "Lịch trực", "Số điện thoại đường dây nóng của phường.")
    for day in range(30):
        today[0] += DAY
        write_articles(inbox, day, 3)
        for old in inbox.glob(f"d{day - 2:02}-*.txt"):
            old.unlink()  # a story is in the input for two days, then gone
        report = build(settings_for(tmp_path, cache_max_size=str(bound)))
        assert not report.failures

        sizes = sum(
            p.stat().st_size for p in (tmp_path / "out" / ".cache").rglob("*") if p.is_file()
        )
        assert sizes <= bound, f"day {day}: {sizes} bytes"
        # Nothing this build used was evicted: today's stories rebuild from the cache alone.
        FakeTTS.calls.clear()
        again = build(settings_for(tmp_path, cache_max_size=str(bound), pause_paragraph=901))
        assert FakeTTS.calls == [] and len(again.episodes_written) == len(
            report.episodes_written + report.episodes_unchanged
        )
    assert report.cache_evicted["entries"] > 0
    oldest = min(p.stat().st_mtime for p in (tmp_path / "out" / ".cache" / "clip").rglob("*.flac"))
    assert oldest >= today[0] - 3 * DAY  # what went unused for days has gone


def test_what_the_build_used_is_never_evicted_even_over_the_bound(tmp_path, fakes, monkeypatch):
    today = [1_800_000_000.0]
    monkeypatch.setattr("vnmedia.runtime.cache.now", lambda: today[0])
    write_articles(tmp_path / "in", 0, 2)
    build(settings_for(tmp_path))
    clips = lambda: sorted((tmp_path / "out" / ".cache" / "clip").rglob("*.flac"))  # noqa: E731
    assert len(clips()) == 12
    today[0] += DAY
    (tmp_path / "in" / "d00-1.txt").unlink()
    # A bound of one byte: everything may go but what this build used (new pauses: the
    # episode is made again from its cached clips).
    report = build(settings_for(tmp_path, pause_paragraph=950, cache_max_size="1"))
    assert report.cache_evicted["entries"] >= 6
    assert len(clips()) == 6
    FakeTTS.calls.clear()
    build(settings_for(tmp_path, pause_paragraph=960, cache_max_size="1"))
    assert FakeTTS.calls == []


def test_cache_prune_and_stats_from_the_command_line(tmp_path, fakes, monkeypatch):
    today = [1_800_000_000.0]
    monkeypatch.setattr("vnmedia.runtime.cache.now", lambda: today[0])
    write_articles(tmp_path / "in", 0, 2)
    build(settings_for(tmp_path))
    today[0] += 40 * DAY
    for path in (tmp_path / "in").glob("*-1.txt"):
        path.unlink()
    write_articles(tmp_path / "in", 40, 1)
    build(settings_for(tmp_path))
    runner = CliRunner(mix_stderr=False)

    stats = runner.invoke(cli, ["cache", "stats", "-o", str(tmp_path / "out")])
    assert stats.exit_code == 0, stats.output
    assert "used 2027-01-15" in stats.output and "… 2027-02-24" in stats.output
    assert "2000 MB (cache_max_size)" in stats.output

    pruned = runner.invoke(
        cli, ["cache", "prune", "-o", str(tmp_path / "out"), "--older-than", "30d"]
    )
    assert pruned.exit_code == 0, pruned.output
    # Unused for 40 days: d00-1 altogether, and d00-0's clips (its episode was up to date,
    # so only its texts were read). What the second build used stays.
    FakeTTS.calls.clear()
    FakeTranslator.calls.clear()
    build(settings_for(tmp_path, pause_paragraph=950))
    assert FakeTranslator.calls == []
    assert FakeTTS.calls and all(
        "0 số 0" in text or "tin 0 ngày 0" in text or "EN[" in text for text, _ in FakeTTS.calls
    )
    assert not any("ngày 40" in text for text, _ in FakeTTS.calls)
    assert "removed" in pruned.output and not pruned.output.startswith("removed 0 ")
    refused = runner.invoke(cli, ["cache", "prune", "-o", str(tmp_path / "out")])
    assert refused.exit_code == 2


# --- a full disk ---------------------------------------------------------------------------


def test_a_write_refused_mid_build_stops_it_with_one_error_and_a_rerun_completes(
    tmp_path, fakes, monkeypatch
):
    write_articles(tmp_path / "in", 0, 4)
    reference = build(settings_for(tmp_path, tmp_path / "reference"))
    assert len(reference.episodes_written) == 4

    real_replace = os.replace
    calls = [0]

    def fill_up(source, target):
        calls[0] += 1
        if calls[0] > 12:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(files_module.os, "replace", fill_up)
    result = CliRunner(mix_stderr=False).invoke(
        cli, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--tts", FakeTTS.name,
              "--translator", FakeTranslator.name, "-j", "1"],
    )  # fmt: skip
    assert result.exit_code == ExitCode.ENVIRONMENT
    errors = [line for line in result.stderr.splitlines() if "error" in line.lower()]
    assert len(errors) == 1 and "no space left on the device" in errors[0], result.stderr
    assert "run the same command again" in errors[0]
    made = [p for p in (tmp_path / "out" / "episodes").glob("*.mp3")]
    assert len(made) < 4  # it stopped: the other articles were not even started
    # Nothing half-written: every MP3 there has its manifest, no temporaries are left.
    assert all(p.with_suffix(".json").is_file() for p in made)
    assert not [p for p in (tmp_path / "out").rglob("*") if ".tmp" in p.name]

    monkeypatch.setattr(files_module.os, "replace", real_replace)
    FakeTTS.calls.clear()
    rerun = build(settings_for(tmp_path))
    assert not rerun.failures
    assert _episodes(tmp_path / "out") == _episodes(tmp_path / "reference")


def _episodes(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "episodes").glob("*.mp3"))}


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs (root only); skipped where it cannot be mounted."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_real_full_disk_stops_the_build_and_a_rerun_after_freeing_space_completes(
    tmp_path, fakes, small_disk
):
    write_articles(tmp_path / "in", 0, 6)
    reference = build(settings_for(tmp_path, tmp_path / "reference"))
    assert len(reference.episodes_written) == 6

    with pytest.raises(StorageError, match="no space left on the device") as stopped:
        build(settings_for(tmp_path, small_disk / "out"))
    assert str(small_disk) in str(stopped.value)
    out = small_disk / "out"
    made = list((out / "episodes").glob("*.mp3")) if (out / "episodes").is_dir() else []
    assert all(p.with_suffix(".json").is_file() for p in made)
    assert not [p for p in out.rglob("*") if ".tmp" in p.name]

    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    rerun = build(settings_for(tmp_path, out))
    assert not rerun.failures
    assert _episodes(out) == _episodes(tmp_path / "reference")


def test_a_read_only_output_folder_is_a_clear_error(tmp_path, fakes, small_disk):
    write_articles(tmp_path / "in", 0, 1)
    (small_disk / "out").mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)

    result = CliRunner(mix_stderr=False).invoke(
        cli, ["build", str(tmp_path / "in"), "-o", str(small_disk / "out"), "--tts", FakeTTS.name,
              "--translator", FakeTranslator.name, "--cache-dir", str(tmp_path / "cache")],
    )  # fmt: skip

    assert result.exit_code == ExitCode.ENVIRONMENT, result.stderr
    assert "read-only file system" in result.stderr


# --- a refused write wherever it happens -----------------------------------------------------


def refuse_in(monkeypatch, folder: Path, code: int = errno.EACCES) -> None:
    """Make every new file, removal and rename under ``folder`` fail as the machine would."""
    real_mkstemp, real_unlink = files_module.tempfile.mkstemp, Path.unlink

    def mkstemp(*args, dir=None, **kwargs):  # noqa: A002 (tempfile's own name)
        if dir is not None and Path(dir).resolve() == folder.resolve():
            raise PermissionError(code, os.strerror(code), str(Path(dir) / "new"))
        return real_mkstemp(*args, dir=dir, **kwargs)

    def unlink(path, missing_ok=False):
        if folder.resolve() in Path(path).resolve().parents:
            raise PermissionError(code, os.strerror(code), str(path))
        return real_unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(files_module.tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(Path, "unlink", unlink)


def test_a_read_only_episodes_folder_stops_the_build_before_any_engine_call(
    tmp_path, fakes, monkeypatch
):
    write_articles(tmp_path / "in", 0, 2)
    build(settings_for(tmp_path))
    old_report = (tmp_path / "out" / "report.json").read_text(encoding="utf-8")
    write_articles(tmp_path / "in", 1, 1)  # a new article: its clips would be spoken
    FakeTTS.calls.clear()
    refuse_in(monkeypatch, tmp_path / "out" / "episodes")

    with pytest.raises(StorageError, match=r"cannot write in \S+/out/episodes: no permission"):
        build(settings_for(tmp_path))

    assert FakeTTS.calls == []  # not one clip spent on a build that could not be written
    report = tmp_path / "out" / "report.json"
    assert not report.exists() or report.read_text(encoding="utf-8") != old_report


def test_a_removal_refused_during_eviction_is_a_storage_error(tmp_path, monkeypatch):
    cache = Cache(tmp_path / "cache", clock=lambda: 1_000.0)
    for n in range(3):
        cache.put_clip(f"{n:02}" + "0" * 62, Clip(tone(300, 440.0), FAKE_RATE, "fake"))
    refuse_in(monkeypatch, tmp_path / "cache" / "clip")

    with pytest.raises(StorageError, match=r"cannot write \S+\.flac in \S+/cache/clip/\d\d"):
        cache.evict(1, keep_since=2_000.0)


def test_a_clean_up_refused_after_a_full_disk_still_tells_the_full_disk(
    tmp_path, fakes, monkeypatch
):
    write_articles(tmp_path / "in", 0, 1)
    real_replace = os.replace

    def fill_up(source, target):
        if str(target).endswith(".json") and "episodes" in str(target):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(files_module.os, "replace", fill_up)
    real_unlink = Path.unlink

    def unlink(path, missing_ok=False):
        if path.parent.name == "episodes" and not path.name.startswith("."):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    with pytest.raises(StorageError, match="no space left on the device"):
        build(settings_for(tmp_path))
    report = (tmp_path / "out" / "report.json").read_text(encoding="utf-8")
    assert '"stopped": "cannot write' in report  # this run's report, saying why it stopped
