"""Headlines written by a language model for articles that came without one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnmedia import build
from vnmedia.translation.headlines import checked_headline

from test_llm import settings_for

pytest.importorskip("openai")

UNTITLED = (
    "Chiều 6/10, ông Nguyễn Văn Nam, Chủ tịch UBND quận Ba Đình, đã có buổi gặp gỡ người "
    "dân phường Kim Mã để nghe ý kiến về dự án cải tạo tuyến phố đi bộ quanh hồ.\n\n"
    "Tại buổi gặp, nhiều người dân đề nghị quận sớm công bố lộ trình thi công và phương án "
    "bố trí chỗ để xe cho các hộ kinh doanh trên tuyến phố.\n\n"
    "Ông Nam cho biết quận sẽ tổ chức thêm hai buổi đối thoại trước khi trình thành phố phê "
    "duyệt dự án vào cuối năm nay.\n"
)


def manifest_of(report) -> dict:
    path = Path(report.episodes_written[0]).with_suffix(".json")
    return json.loads(path.read_text(encoding="utf-8"))


def write_untitled(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "untitled.txt").write_text(UNTITLED, encoding="utf-8")


def headline_requests(fake) -> list[dict]:
    asked = [json.loads(r["messages"][-1]["content"]) for r in fake.requests]
    return [a for a in asked if "article" in a]


def test_an_article_without_a_title_gets_the_models_headline_unspoken(llm, tmp_path, fakes):
    write_untitled(tmp_path / "in")
    report = build(settings_for(tmp_path, llm))
    manifest = manifest_of(report)
    assert manifest["title"] == llm.headline
    assert manifest["title_by"] == "llm" and manifest["title_derived"] is True
    assert not any(s["kind"] == "title" for s in manifest["segments"])  # never spoken
    assert Path(report.episodes_written[0]).name.startswith("chu-tich-ubnd-quan")
    (asked,) = headline_requests(llm)
    assert asked["article"].startswith("Chiều 6/10, ông Nguyễn Văn Nam")
    # Cached like a translation: a rerun asks nothing.
    again = build(
        settings_for(
            tmp_path,
            llm,
            output=str(tmp_path / "again"),
            cache_dir=str(tmp_path / "out" / ".cache"),
        )
    )
    assert again.engine_calls == {} and manifest_of(again)["title"] == llm.headline


def test_a_headline_that_is_not_one_leaves_the_derived_title(llm, tmp_path, fakes):
    llm.headline = "Meeting with residents about the pedestrian street project"
    write_untitled(tmp_path / "in")
    report = build(settings_for(tmp_path, llm))
    manifest = manifest_of(report)
    assert manifest["title_by"] is None and manifest["title"] != llm.headline
    assert manifest["title"].split()[0] != "Chiều"  # the derived title skips the time phrase
    assert any("not one line" in w for w in report.warnings)


def test_an_article_with_its_own_title_is_not_given_another(llm, tmp_path, fakes):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Quận Ba Đình đối thoại với dân\n\n" + UNTITLED, "utf-8")
    report = build(settings_for(tmp_path, llm))
    assert manifest_of(report)["title"] == "Quận Ba Đình đối thoại với dân"
    assert headline_requests(llm) == []


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        (
            "“Hà Nội khởi công cầu Tứ Liên nối hai bờ sông Hồng.”",
            "Hà Nội khởi công cầu Tứ Liên nối hai bờ sông Hồng",
        ),
        ("Hà Nội khởi công", None),  # too short to say what happened
        ("Hanoi breaks ground on the Tu Lien bridge over the Red River", None),  # English
        ("Hà Nội khởi công cầu Tứ Liên\nnối hai bờ sông Hồng", None),  # two lines
        (" ".join(["Hà Nội khởi công cầu"] * 6), None),  # 30 syllables: not a headline
    ],
)
def test_a_written_headline_is_checked(written, kept):
    assert checked_headline(written) == kept
