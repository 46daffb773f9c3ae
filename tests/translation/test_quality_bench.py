"""bench/bench_translate.py quality: scores and consistency, run on the tiny ct2 model."""

from __future__ import annotations

from types import ModuleType

import pytest

pytest.importorskip("sacrebleu")
pytest.importorskip("ctranslate2")

from bench_module import load_bench  # noqa: E402

from tiny_ct2 import ANSWER, build_model  # noqa: E402


def bench() -> ModuleType:
    return load_bench("bench_translate")


def test_a_name_written_two_ways_in_one_article_is_inconsistent():
    sources = [
        "Ông Vương Đình Huệ phát biểu tại Hà Nội.",
        "Sau đó ông Vương Đình Huệ đến Bắc Từ Liêm.",
        "",
        "Bà Nguyễn Thị Lan nói.",
        "Bà Nguyễn Thị Lan về.",
    ]
    outputs = [
        "Mr. Vương Đình Huệ spoke in Hanoi.",
        "Then Mr. Vuong Dinh Hue went to Bac Tu Liem.",
        "",
        "Mrs. Nguyen Thi Lan said.",
        "Mrs. Nguyen Thi Lan returned.",
    ]
    # Huệ: two forms in one article; Lan: one form; Hà Nội and Bắc Từ Liêm: said once.
    assert bench().name_consistency(sources, outputs) == (1, 2)


def test_quality_scores_a_local_model_against_references(tmp_path, capsys):
    model = build_model(tmp_path / "model")
    (tmp_path / "vi.txt").write_text("Ủy ban họp.\nGiá vàng tăng.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(f"{ANSWER}\nthe price of gold rose\n", encoding="utf-8")
    assert bench().quality(tmp_path / "vi.txt", tmp_path / "en.txt", "ct2", [], str(model)) == 0
    printed = capsys.readouterr().out
    # One of two lines is exactly right: chrF well above zero, below a perfect 100.
    score = float(printed.split("chrF ")[1].split()[0])
    assert printed.startswith("ct2: chrF") and 40 < score < 100
