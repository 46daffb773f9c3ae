"""Chunking, translation memory and slugs: the small text tools the stages rely on."""

from __future__ import annotations

import unicodedata

import pytest

from vnmedia.chunking import split_text
from vnmedia.errors import ConfigError
from vnmedia.memory import TranslationMemory
from vnmedia.publish import SlugAllocator

NEWS = (
    "Theo UBND TP.HCM, trong năm 2024 thành phố đã hoàn thành 1.500 công trình, "
    "tăng 7,5% so với năm trước. Chiều 6-10, đoàn công tác đến thăm và làm việc tại "
    "huyện Cần Giờ; tại đây, lãnh đạo huyện báo cáo về tình hình kinh tế - xã hội. "
    "Đại diện người dân kiến nghị nhiều vấn đề!"
)


@pytest.mark.parametrize("limit", [40, 100, 180, 5000])
def test_chunks_fit_the_limit_and_keep_every_word(limit):
    chunks = split_text(NEWS, limit)
    assert all(0 < len(c) <= limit for c in chunks)
    # Rejoined, the chunks are the original text: nothing lost, no word or number cut.
    assert " ".join(chunks) == NEWS
    words = set(NEWS.split())
    assert all(set(c.split()) <= words for c in chunks)


def test_chunks_prefer_sentence_then_clause_boundaries():
    chunks = split_text(NEWS, 100)
    assert chunks[0].endswith(",")  # first sentence is too long: cut at a comma
    assert any(c.endswith("trước.") for c in chunks)
    assert split_text("Một câu ngắn.", 100) == ["Một câu ngắn."]
    assert split_text("   ", 100) == []


def test_memory_reads_tsv_and_jsonl_with_normalized_keys(tmp_path):
    tsv = tmp_path / "a.tsv"
    tsv.write_text("# comment\nXin chào\tHello\n\nHà Nội\tHanoi\n", encoding="utf-8")
    jsonl = tmp_path / "b.jsonl"
    jsonl.write_text('{"vi": "Hà Nội", "en": "Ha Noi"}\n', encoding="utf-8")
    memory = TranslationMemory.load([tsv, jsonl])
    assert len(memory) == 2
    assert memory.lookup("  Xin   chào ") == "Hello"
    assert memory.lookup(unicodedata.normalize("NFD", "Hà Nội")) == "Ha Noi"  # later file wins
    assert memory.lookup("Tạm biệt") is None


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("only one field\n", ".tsv", "expected 'vietnamese<TAB>english'"),
        ('{"vi": "x"}\n', ".jsonl", 'with "vi" and "en"'),
    ],
)
def test_memory_errors_name_file_and_line(tmp_path, content, suffix, message):
    path = tmp_path / f"m{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        TranslationMemory.load([path])
    assert f"{path}:1" in str(caught.value)


def test_slugs():
    slugs = SlugAllocator()
    assert slugs.allocate("Hà Nội: Đẩy mạnh…") == "ha-noi-day-manh"
    assert slugs.allocate("Hà Nội: Đẩy mạnh…") == "ha-noi-day-manh-2"
    assert slugs.allocate("../..//") == "episode"
    assert slugs.allocate("Tin 🎉 vui") == "tin-vui"
    long_slug = slugs.allocate("Rất dài " * 40)
    assert len(long_slug) <= 80 and not long_slug.endswith("-")


def test_sentences_are_not_cut_after_abbreviations_or_initials():
    from vnmedia.chunking import split_sentences

    text = (
        "Theo TS. Nguyễn Văn A, giá tăng. Ông N. V. B. đến! Tại Q. 1 thì khác… Anh về rồi đi. Hết."
    )
    assert split_sentences(text) == [
        "Theo TS. Nguyễn Văn A, giá tăng.",
        "Ông N. V. B. đến!",
        "Tại Q. 1 thì khác…",
        "Anh về rồi đi.",
        "Hết.",
    ]
