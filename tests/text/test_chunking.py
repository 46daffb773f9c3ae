"""Chunking text for the engines: limits kept, words whole, no cut after abbreviations."""

from __future__ import annotations

import pytest

from vnmedia.text.chunking import split_text

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


def test_sentences_are_not_cut_after_abbreviations_or_initials():
    from vnmedia.text.chunking import split_sentences

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


def test_an_ellipsis_before_a_lower_case_word_ends_no_sentence():
    from vnmedia.text.chunking import split_sentences

    text = (
        "Điểm được tính theo các kỳ thi cấp tỉnh, quốc gia, quốc tế, ... ở các lĩnh vực trong "
        "bảng. Anh ấy nói... rồi đi. iPhone 15 ra mắt. 20 người đến."
    )
    assert split_sentences(text) == [
        "Điểm được tính theo các kỳ thi cấp tỉnh, quốc gia, quốc tế, ... ở các lĩnh vực trong "
        "bảng.",
        "Anh ấy nói... rồi đi.",
        "iPhone 15 ra mắt.",
        "20 người đến.",
    ]
