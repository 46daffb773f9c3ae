"""bench/bench_faithful.py --set fresh: the Tatoeba file is read the right way round."""

from __future__ import annotations

from types import ModuleType

import pytest

pytest.importorskip("sacremoses")

from bench_module import load_bench  # noqa: E402


def bench() -> ModuleType:
    return load_bench("bench_faithful")


def test_fresh_pairs_are_vietnamese_first_and_skip_half_empty_lines(tmp_path, monkeypatch):
    module = bench()
    data = tmp_path / "fresh.tsv"
    data.write_text(
        "There are a million people in Auckland.\tCó một triệu người ở Auckland.\n"
        "No Vietnamese here.\t\n"
        "\tKhông có tiếng Anh.\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(module, "FRESH_PLACES", (data,))
    assert module.fresh_pairs() == [
        ("Có một triệu người ở Auckland.", "There are a million people in Auckland.")
    ]


def test_a_fresh_pair_with_its_scale_changed_is_caught(tmp_path, monkeypatch):
    module = bench()
    data = tmp_path / "fresh.tsv"
    data.write_text(
        "There are a million people in Auckland.\tCó một triệu người ở Auckland.\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(module, "FRESH_PLACES", (data,))
    result = module.score(module.default_checker(), module.fresh_pairs())
    assert result.flagged == 0
    assert result.caught["scale"] == (1, 1)
