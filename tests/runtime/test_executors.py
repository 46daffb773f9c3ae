"""The same build on threads, local processes and a real Dask LocalCluster."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from vnmedia import build, load_settings
from vnmedia.codec import decode_file

from fake_engines import write_article

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


@pytest.mark.processes
def test_auto_picks_processes_for_offline_engines_and_totals_add_up(tmp_path):
    report = build(settings_for(tmp_path, "auto", order="vi"))
    assert report.executor == "processes"
    check_episodes(report, 3)
    # Engine calls and stage times come back from the worker processes and are summed.
    assert report.engine_calls["espeak"] >= 3 + 4 + 1 + 1
    assert report.stage_seconds["speak"] > 0 and report.stage_seconds["publish"] > 0


@pytest.mark.processes
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


# --- where articles run ----------------------------------------------------------------------


def probe_jobs(count: int) -> list:
    from vnmedia.models import Article, Paragraph
    from vnmedia.runtime.executors import ArticleJob

    return [
        ArticleJob(i, Article(f"Tin {i}", (Paragraph("Một đoạn."),), "x.txt"), f"tin-{i}", i + 1)
        for i in range(count)
    ]


def run_probe(
    executor: str, monkeypatch, worker_name: str = "probe", **flags: object
) -> list[tuple[int, int, float]]:
    """(process id, thread id, rate) of the worker that ran each of six articles, in order."""
    import os
    import sys

    import executor_probe

    probe = executor_probe.probe
    worker = getattr(executor_probe, worker_name)
    from vnmedia.runtime.executors import run_jobs
    from vnmedia.settings import Settings

    # Spawned processes and Dask workers import the probe from the tests folder.
    tests = str(Path(__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([tests, *sys.path]))
    settings = Settings(**{"jobs": 2, "rate": 6.0, **flags})
    results = list(
        run_jobs(
            executor,
            settings,
            probe_jobs(6),
            local=lambda job: probe(settings, "fake", None, job),
            worker=worker,
            engine_names=("fake", None),
        )
    )
    results.sort(key=lambda r: r.index)
    assert [r.index for r in results] == list(range(6))
    return [
        (int(pid), int(thread), float(rate))
        for pid, thread, rate in (str(r.value).split() for r in results)
    ]


@pytest.mark.processes
def test_processes_run_articles_in_other_processes_each_with_its_share_of_the_rate(
    monkeypatch,
):
    import os

    ran = run_probe("processes", monkeypatch, jobs=2, rate=6.0)
    assert os.getpid() not in {pid for pid, _, _ in ran}
    assert len({pid for pid, _, _ in ran}) == 2
    assert {rate for _, _, rate in ran} == {3.0}  # 6 requests/s shared by 2 processes


def test_threads_use_as_many_threads_as_jobs(monkeypatch):
    import os

    ran = run_probe("threads", monkeypatch, jobs=3)
    assert {pid for pid, _, _ in ran} == {os.getpid()}
    assert len({thread for _, thread, _ in ran}) == 3


@pytest.mark.processes
def test_dask_runs_every_article_on_the_cluster_workers(monkeypatch):
    import os

    pytest.importorskip("distributed")
    ran = run_probe("dask", monkeypatch, jobs=2, rate=6.0)
    pids = {pid for pid, _, _ in ran}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    assert {rate for _, _, rate in ran} == {3.0}


@pytest.mark.processes
def test_dask_scheduler_address_is_used(monkeypatch):
    import os

    distributed = pytest.importorskip("distributed")
    tests = str(Path(__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([tests, os.environ.get("PYTHONPATH", "")]))
    with distributed.LocalCluster(
        n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        worker_pids = {w.pid for w in cluster.workers.values() if hasattr(w, "pid")}
        ran = run_probe("dask", monkeypatch, jobs=1, rate=6.0, scheduler=cluster.scheduler_address)
    pids = {pid for pid, _, _ in ran}
    assert os.getpid() not in pids
    if worker_pids:
        assert pids <= worker_pids
    assert {rate for _, _, rate in ran} == {2.0}  # the rate is shared by the cluster's 3 workers


@pytest.mark.processes
def test_an_article_whose_dask_worker_dies_is_run_again_elsewhere(monkeypatch, tmp_path):
    pytest.importorskip("distributed")
    marker = tmp_path / "died"
    monkeypatch.setenv("PROBE_DIE_MARKER", str(marker))
    ran = run_probe("dask", monkeypatch, worker_name="probe_or_die", jobs=2)
    dead = int(marker.read_text())
    # All six articles came back, article 2 among them, built by a live worker.
    assert len(ran) == 6 and ran[2][0] != dead
