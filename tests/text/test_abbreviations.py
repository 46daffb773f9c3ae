"""Abbreviations a text defines, and those mined from the corpus (issue 30, round 5)."""

from __future__ import annotations

import pytest

from vnmedia.models import Segment
from vnmedia.runtime.cache import Cache
from vnmedia.text.abbreviations import definitions
from vnmedia.text.normalize import (
    DEFINED_IN_TEXT,
    Lexicon,
    TextNormalizer,
    builtin_lexicons,
    explain_readings,
    normalize_units,
)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Các cửa hàng xăng dầu (CHXD) đều mở cửa.", ("CHXD", "cửa hàng xăng dầu")),
        ("Ban chỉ đạo (BCĐ) phòng, chống dịch (PCD) họp.", ("PCD", "phòng chống dịch")),
        ("Sở Tài nguyên và Môi trường (TN-MT) tỉnh.", ("TN-MT", "tài nguyên và môi trường")),
        ("Theo Nghị định Chính phủ (NĐ-CP) mới.", ("NĐ-CP", "nghị định chính phủ")),
        ("Bộ Giáo dục và Đào tạo (GD&ĐT) cho biết.", ("GD&ĐT", "giáo dục và đào tạo")),
        ("Có GPQC (giấy phép quảng cáo) chưa?", ("GPQC", "giấy phép quảng cáo")),
        ("cấp chứng nhận (gọi tắt là CCN) mới", ("CCN", "cấp chứng nhận")),
    ],
)
def test_definitions_in_brackets_are_found_either_way_round(text, pair):
    assert pair in list(definitions(text))


@pytest.mark.parametrize(
    "text",
    [
        "Tổ chức Y tế thế giới World Health Organization (WHO) cảnh báo.",  # English
        "Ban Chỉ đạo phòng chống dịch (BCĐ) họp.",  # the initials are not the last words'
        "Hà Nội dùng (DA) ống dẫn.",  # D is d or đ, never another letter
        "CHXD (cửa hàng xăng dầu mới) mở.",  # the bracket must be the phrase and no more
    ],
)
def test_what_is_not_a_definition(text):
    assert list(definitions(text)) == []


def test_later_uses_read_the_phrase_the_definition_itself_stays():
    normalizer = TextNormalizer()
    spoken = normalizer.normalize(
        "Hệ thống cửa hàng tiện lợi (CHTL) của PVOIL. Các CHTL mở cửa.", "vi"
    )
    assert spoken.count("cửa hàng tiện lợi") == 2
    assert "xê hát" in spoken  # the bracket right after its phrase is not said twice
    # Without the definition, the abbreviation is spelled.
    assert "cửa hàng" not in normalizer.normalize("Các CHTL mở cửa.", "vi")


def test_a_definition_wins_over_the_builtin_lexicon_the_producer_wins_over_it():
    text = "Sở Giáo dục và Đào tạo (GD&ĐT) họp. Sở GD&ĐT cho biết."
    assert "giáo dục và đào tạo cho biết" in TextNormalizer().normalize(text, "vi")
    mine = TextNormalizer(Lexicon({"vi": {"GD&ĐT": "gờ đê en đê tê"}}))
    assert "gờ đê en đê tê cho biết" in mine.normalize(text, "vi")


def test_an_article_defines_for_all_its_paragraphs_and_the_cache_keeps_them_apart(tmp_path):
    normalizer = TextNormalizer()
    defining = Segment(
        "paragraph", 1, "vi", "Ban chỉ đạo phòng, chống tội phạm (PCTP) họp.", "source"
    )
    using = Segment("paragraph", 2, "vi", "Ban chỉ đạo PCTP tỉnh chỉ đạo.", "source")
    cache = Cache(tmp_path)
    units = normalize_units([[defining], [using]], normalizer, cache)
    assert "chỉ đạo phòng chống tội phạm tỉnh" in units[1][0].spoken
    # The same paragraph alone, through the same cache: its own reading, not the article's.
    alone = normalize_units([[using]], normalizer, cache)
    assert "phòng chống tội phạm" not in alone[0][0].spoken


def test_mined_abbreviations_are_read_and_curated_lists_win():
    tables = builtin_lexicons()
    mined = tables["data/abbreviations_mined.tsv"].entries["vi"]
    assert mined["ĐHĐCĐ"] == "đại hội đồng cổ đông"
    curated = {
        w
        for name, t in tables.items()
        if name != "data/abbreviations_mined.tsv"
        for w in t.entries.get("vi", {})
    }
    assert not curated & set(mined)
    assert "đại hội đồng cổ đông" in TextNormalizer().normalize("Họp ĐHĐCĐ thường niên.", "vi")


def test_explain_names_the_definition_that_read_an_abbreviation():
    normalizer = TextNormalizer()
    text = "Các cửa hàng tiện lợi (CHTL) mở cửa. Nhiều CHTL đóng cửa."
    readings = {r.written: r for r in explain_readings(normalizer, Lexicon(), text)}
    assert readings["CHTL"].rule == DEFINED_IN_TEXT
    assert readings["CHTL"].spoken == "cửa hàng tiện lợi"


def test_the_miner_counts_articles_keeps_agreed_pairs_and_leaves_curated_ones(
    tmp_path, monkeypatch
):
    import sys

    from bench_module import load_bench

    miner = load_bench("mine_abbreviations")
    corpus = tmp_path / "corpus"
    (corpus / "unc-more").mkdir(parents=True)
    (corpus / "articles").mkdir()
    articles = {
        "a1": "Tiêu đề\nCác cửa hàng tiện lợi (CHTL) mở. Ban quản lý chợ (BQLC), thực tập sinh"
        " (TTS).",
        "a2": "Tiêu đề\nMột CHTL (cửa hàng tiện lợi) đóng. Ban chỉ đạo (BCĐ), nhà xuất bản (NXB).",
        "a3": "Tiêu đề\nsư phạm (SP) và sản phẩm (SP), ban quản lý chợ (BQLC), trí tuệ số (TTS).",
        "a4": "Tiêu đề\nCác thực tập sinh (TTS) đến.",
        "a5": "Tiêu đề\nNền trí tuệ số (TTS) mới.",
        "held": "Tiêu đề\nNhà máy nhiệt điện (NMNĐ) chạy.",
    }
    for name, text in articles.items():
        (corpus / "unc-more" / f"{name}.txt").write_text(text, encoding="utf-8")
    exclude = tmp_path / "exclude.txt"
    exclude.write_text("held\n", encoding="utf-8")
    out = tmp_path / "mined.tsv"

    def mined(*more: str) -> dict[str, str]:
        argv = ["mine_abbreviations.py", "--corpus", str(corpus), "--exclude", str(exclude)]
        monkeypatch.setattr(sys, "argv", [*argv, "--out", str(out), *more])
        assert miner.main() == 0
        lines = out.read_text(encoding="utf-8").splitlines()
        return dict(line.split("\t") for line in lines if line and not line.startswith("#"))

    # CHTL and BQLC: defined in two articles, NXB in one; BCĐ is curated (the lexicon wins);
    # SP, two letters, has two meanings in as many articles, TTS two in two articles each
    # (no meaning in two thirds of them); NMNĐ is only in an excluded one.
    both = {"CHTL": "cửa hàng tiện lợi", "BQLC": "ban quản lý chợ"}
    assert mined() == both | {"NXB": "nhà xuất bản"}
    assert mined("--min-articles", "2") == both
