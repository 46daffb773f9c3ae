"""bench_extract.py's own logic: one way to pick a set, where its pages are looked for, and
a report set that never shows a page's scores or lines."""

from __future__ import annotations

import pytest

from bench_module import load_bench

HEADLINE = "Thư viện sách cũ mở cửa miễn phí giữa lòng phố cổ"
STORY = (
    "Một nhóm bạn trẻ ở Hà Nội vừa mở thư viện sách cũ miễn phí trên phố Hàng Bạc, mỗi ngày "
    "đón hàng trăm người đọc.",
    "Thư viện nằm trên tầng hai của một ngôi nhà cổ, rộng chừng sáu mươi mét vuông, với hơn "
    "ba nghìn cuốn sách do người dân quyên góp.",
    "Nhóm dự định mở thêm một thư viện tương tự ở quận Long Biên vào đầu năm sau, nếu tìm "
    "được chỗ phù hợp.",
)
PAGE = (
    f'<html lang="vi"><head><meta charset="utf-8"><title>{HEADLINE}</title></head><body>'
    f"<div class='detail'><h1>{HEADLINE}</h1>"
    + "".join(f"<p>{text}</p>" for text in STORY)
    + "</div></body></html>"
)


@pytest.fixture
def bench(tmp_path, monkeypatch):
    """The bench with its sets' gold in ``tmp_path/gold_NAME`` (an imitated page: a test
    fixture, never a claim) and no saved pages anywhere but where a test puts them."""
    module = load_bench("bench_extract")
    monkeypatch.setattr(module, "gold_folder", lambda name: tmp_path / f"gold_{name}")
    monkeypatch.setattr(module, "page_folders", lambda name: [tmp_path / f"pages_{name}"])
    for name in ("fresh3", "fresh4"):
        gold = tmp_path / f"gold_{name}"
        gold.mkdir()
        (gold / "bao_1.txt").write_text(f"# {HEADLINE}\n" + "\n".join(STORY), "utf-8")
    pages = tmp_path / "saved"
    pages.mkdir()
    (pages / "bao_1.html").write_text(PAGE, "utf-8")
    return module


def test_a_report_set_shows_its_scores_never_a_pages_even_verbose(bench, tmp_path, capsys):
    assert bench.real_pages("fresh4", verbose=True, pages_dir=tmp_path / "saved") == 0
    report = capsys.readouterr().out
    assert "| vnmedia | 1.000 | 1.000 | **1.000** |" in report
    assert "bao_1" not in report and "boilerplate:" not in report

    # fresh3, scored once blind, is fitting material now: its pages are shown.
    assert bench.real_pages("fresh3", verbose=True, pages_dir=tmp_path / "saved") == 0
    assert "vnmedia | bao_1: P 1.000 R 1.000 F1 1.000 headline ok" in capsys.readouterr().out


def test_absent_pages_say_where_to_put_them_and_where_they_come_from(bench, tmp_path, capsys):
    assert bench.real_pages("fresh3", verbose=False) == 1
    said = capsys.readouterr().out
    assert str(tmp_path / "pages_fresh3") in said
    assert str(tmp_path / "gold_fresh3" / "SOURCES.md") in said


def test_a_set_without_gold_says_so_and_looks_for_no_pages(bench, tmp_path, capsys, monkeypatch):
    """A report set while it is being collected: no gold yet, so its pages are not looked for."""
    looked: list[str] = []
    monkeypatch.setattr(bench, "page_folders", lambda name: looked.append(name) or [])
    for gold in (tmp_path / "gold_fresh4").iterdir():
        gold.unlink()
    assert bench.real_pages("fresh4", verbose=True) == 1
    assert "No gold for the set 'fresh4' yet" in capsys.readouterr().out
    assert looked == []


def test_each_set_has_its_gold_and_page_folders():
    module = load_bench("bench_extract")
    root = module.ROOT
    assert module.gold_folder("tuning") == root / "bench" / "data" / "web_gold"
    assert module.gold_folder("fresh3") == root / "bench" / "data" / "web_gold_fresh3"
    assert module.page_folders("fresh2") == [
        root.parent / "shared" / "corpus" / "web-fresh2",
        root.parent / "corpus" / "web-fresh2",
    ]
    assert module.gold_folder("fresh4") == root / "bench" / "data" / "web_gold_fresh4"
    assert module.page_folders("fresh4")[-1] == root.parent / "corpus" / "web-fresh4"
    assert set(module.SETS) == {"tuning", "fresh", "fresh2", "fresh3", "fresh4", "fresh5"}
    assert {name for name, (_, report) in module.SETS.items() if report} == {"fresh4", "fresh5"}
