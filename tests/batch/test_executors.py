"""The same build on threads, local processes and a real Dask LocalCluster."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from vnmedia import build, load_settings
from vnmedia.audio.codec import decode_file

from conftest import write_article

PROJECT = Path(__file__).resolve().parents[2]


def sample_with_extra(tmp_path: Path) -> Path:
    """The shipped sample (with its translation memory) and two articles not in it."""
    folder = tmp_path / "in"
    shutil.copytree(PROJECT / "input", folder)
    write_article(folder, "b.txt", "Tin thứ hai", "Một đoạn ngắn của tin thứ hai.")
    write_article(folder, "c.txt", "Tin thứ ba", "Một đoạn ngắn của tin thứ ba.")
    return folder


def settings_for(tmp_path: Path, executor: str, **flags: object):
    folder = sample_with_extra(tmp_path)
    values: dict[str, object] = {
        "inputs": (str(folder),),
        "output": str(tmp_path / "out"),
        "memory": (str(folder / "translations.tsv"),),
        "tts": "espeak",
        "translator": "none",
        "executor": executor,
        "jobs": 2,
    }
    return load_settings(**{**values, **flags})


def report_inputs(tmp_path: Path) -> tuple[str, ...]:
    return (str(tmp_path / "in"),)


def check_episodes(report, count: int) -> None:
    assert len(report.episodes_written) == count
    for path in report.episodes_written:
        manifest = json.loads(Path(path).with_suffix(".json").read_text(encoding="utf-8"))
        assert len(decode_file(Path(path))) == pytest.approx(manifest["duration_ms"], rel=0.02)


def test_auto_picks_processes_for_offline_engines_and_totals_add_up(tmp_path):
    report = build(settings_for(tmp_path, "auto", order="vi"))
    assert report.executor == "processes"
    check_episodes(report, 3)
    # Engine calls and stage times come back from the worker processes and are summed.
    assert report.engine_calls["espeak"] >= 3 + 4 + 1 + 1
    assert report.stage_seconds["speak"] > 0 and report.stage_seconds["publish"] > 0


def test_dask_local_cluster_with_two_workers_isolates_failures(tmp_path):
    pytest.importorskip("distributed")
    # With --require-translation, the two articles missing from the memory fail in their
    # worker; the sample (fully translated) is built. The report is the same as locally.
    report = build(settings_for(tmp_path, "dask", require_translation=True))
    assert report.executor == "dask"
    check_episodes(report, 1)
    failed = sorted(Path(f.source).name for f in report.failures)
    assert failed == ["b.txt", "c.txt"]
    assert all(f.stage == "translate" and "require-translation" in f.error for f in report.failures)
    assert report.engine_calls["espeak"] >= 10
    # A rerun on the cluster finds the episode up to date: nothing is rebuilt.
    rerun = settings_for(tmp_path / "again", "dask", require_translation=True)
    again = build(
        rerun.with_overrides(inputs=report_inputs(tmp_path), output=str(tmp_path / "out"))
    )
    assert again.episodes_written == [] and len(again.episodes_unchanged) == 1
