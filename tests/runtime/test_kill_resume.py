"""Kill a real build at random moments, rerun it, and compare with an uninterrupted build."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vnmedia.codec import decode_file

SENTENCES = [
    "Thành phố triển khai nhiều giải pháp để giảm ùn tắc giao thông vào giờ cao điểm.",
    "Người dân được khuyến khích sử dụng phương tiện công cộng và xe đạp.",
    "Các trường học điều chỉnh giờ vào lớp để tránh trùng với giờ đi làm.",
    "Lực lượng chức năng tăng cường kiểm tra những tuyến đường thường xuyên ách tắc.",
]


def make_inputs(folder: Path, articles: int = 6) -> None:
    folder.mkdir()
    for number in range(articles):
        paragraphs = [
            " ".join(SENTENCES[(number + i) % 4 :] + SENTENCES[: (number + i) % 4])
            for i in range(4)
        ]
        text = f"Bản tin giao thông số {number}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"{number:02}.txt").write_text(text, encoding="utf-8")


DRIVER = Path(__file__).parents[1] / "kill_driver.py"


def command(output: Path) -> list[str]:
    # The deterministic fake voice: espeak-ng's clips vary slightly with what it spoke
    # before, which would make "same audio" depend on the kill point, not on vnmedia.
    return [
        sys.executable,
        str(DRIVER),
        "-q",
        "build",
        "in",
        "-o",
        str(output),
        "--tts",
        "fake-tts",
        "--translator",
        "none",
        "--order",
        "vi",
        "--jobs",
        "1",
    ]


def snapshot(output: Path) -> dict[str, object]:
    """What a listener gets: manifests as data, MP3s as decoded samples."""
    result: dict[str, object] = {}
    for path in sorted((output / "episodes").iterdir()):
        if path.suffix == ".json":
            result[path.name] = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".mp3":
            result[path.name] = decode_file(path).raw_data
        else:
            result[path.name] = path.read_text(encoding="utf-8")
    return result


def visible_files(output: Path) -> list[Path]:
    return [
        p
        for p in output.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(output).parts)
    ]


def start_build(
    tmp_path: Path, output: Path, env: dict[str, str]
) -> tuple[subprocess.Popen, float]:
    """Start a build; return it once it holds the output folder, with that moment."""
    process = subprocess.Popen(command(output), cwd=tmp_path, env=env, stderr=subprocess.DEVNULL)
    lock = output / ".vnmedia.lock"
    deadline = time.monotonic() + 60
    while not lock.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    return process, time.monotonic()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_killed_build_resumes_to_the_same_episodes(tmp_path, seed):
    make_inputs(tmp_path / "in", articles=10)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VNMEDIA_")}
    process, started = start_build(tmp_path, tmp_path / "reference", env)
    assert process.wait() == 0
    working_time = time.monotonic() - started
    reference = snapshot(tmp_path / "reference")
    assert len([name for name in reference if name.endswith(".mp3")]) == 10

    # Kill at a random moment while the build works (after start-up, before the end).
    output = tmp_path / "killed"
    process, started = start_build(tmp_path, output, env)
    time.sleep(random.Random(seed).uniform(0, working_time))
    process.send_signal(signal.SIGKILL)
    process.wait()

    # Whatever the moment of the kill, every visible file is complete.
    for path in visible_files(output):
        if path.suffix == ".mp3":
            assert len(decode_file(path)) > 1000
        elif path.suffix in {".json"}:
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix in {".vtt", ".srt", ".xml", ".html"}:
            assert path.read_text(encoding="utf-8").strip()

    rerun = subprocess.run(command(output), cwd=tmp_path, env=env, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert snapshot(output) == reference
    assert not [p for p in output.rglob("*") if ".tmp" in p.name]


def bilingual(output: Path) -> list[str]:
    order = command(output)
    at = order.index("--order")
    order[at + 1] = "vi-en"
    order[order.index("--translator") + 1] = "fake-translator"
    return order


@pytest.mark.parametrize("kill_at", [3, 12])
def test_a_build_killed_inside_publishing_resumes_to_the_same_episodes(tmp_path, kill_at):
    make_inputs(tmp_path / "in", articles=4)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VNMEDIA_")}
    subprocess.run(
        bilingual(tmp_path / "reference"),
        cwd=tmp_path,
        env=env,
        check=True,
        stderr=subprocess.DEVNULL,
    )
    reference = snapshot(tmp_path / "reference")
    assert len([name for name in reference if name.endswith(".mp3")]) == 4

    output = tmp_path / "killed"
    killed = subprocess.run(
        bilingual(output),
        cwd=tmp_path,
        env={**env, "KILL_AT_REPLACE": str(kill_at)},
        stderr=subprocess.DEVNULL,
    )
    # Killed at a rename inside an episode's files (an episode writes 8 files, the
    # manifest last): the build really died there.
    assert killed.returncode == -signal.SIGKILL
    episodes = output / "episodes"
    published = [p for p in episodes.iterdir() if not p.name.startswith(".")]
    mp3s = {p.stem for p in published if p.suffix == ".mp3"}
    manifests = {p.stem for p in published if p.suffix == ".json" and ".chapters" not in p.name}
    assert manifests <= mp3s  # a manifest only ever comes after its MP3
    assert mp3s - manifests  # one episode was caught half-published (MP3, no manifest yet)
    for path in visible_files(output):
        if path.suffix == ".mp3":
            assert len(decode_file(path)) > 1000
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
    # The half-published episode's temporary is left behind, and the rerun removes it.
    assert [p for p in output.rglob("*") if ".tmp" in p.name]

    subprocess.run(bilingual(output), cwd=tmp_path, env=env, check=True, stderr=subprocess.DEVNULL)
    assert snapshot(output) == reference
    assert not [p for p in output.rglob("*") if ".tmp" in p.name]


def test_a_build_puts_nothing_in_the_system_temp_folder(tmp_path, monkeypatch, fakes):
    """What a killed build leaves must all be under output/, where the rerun's clean-up
    looks: so a build must work with no usable system temp folder at all."""
    import tempfile

    from vnmedia import build, load_settings

    from fake_engines import FakeTranslator, FakeTTS

    make_inputs(tmp_path / "in", articles=2)
    not_a_folder = tmp_path / "system-temp"
    not_a_folder.write_text("a file where the temp folder should be", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(not_a_folder))
    settings = load_settings(
        inputs=(str(tmp_path / "in"),),
        output=str(tmp_path / "out"),
        tts=FakeTTS.name,
        translator=FakeTranslator.name,
        executor="threads",
    )
    report = build(settings)
    assert report.failures == [] and len(report.episodes_written) == 2
    for path in report.episodes_written:
        assert len(decode_file(Path(path))) > 1000
