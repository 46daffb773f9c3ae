"""Vietnamese letters, defined once (``text/letters.py``) for the checks that ask "is this
Vietnamese?" and for the comparisons that ignore marks."""

from __future__ import annotations

import unicodedata

import pytest

from vnmedia.text.letters import (
    VIETNAMESE_LETTERS,
    has_vietnamese_letter,
    is_vietnamese_syllable,
    without_marks,
)
from vnmedia.translation.headlines import checked_headline


@pytest.mark.parametrize(
    ("text", "vietnamese"),
    [
        ("Hà Nội mở rộng", True),
        ("ĐƯỜNG SẮT", True),  # capitals
        (unicodedata.normalize("NFD", "Nguyễn Văn A"), True),  # decomposed
        ("đi", True),
        ("Café au lait", True),  # é is a Vietnamese letter too (e under the acute tone)
        ("Hanoi expands its metro", False),
        ("Müller in Köln, España", False),  # marks, but none Vietnamese
        ("COVID-19 2026", False),
    ],
)
def test_has_vietnamese_letter(text, vietnamese):
    assert has_vietnamese_letter(text) is vietnamese


def test_every_marked_letter_is_one_and_no_plain_one():
    assert len(set(VIETNAMESE_LETTERS)) == 67  # đ, ă â ê ô ơ ư, 12 vowels x 5 tones
    assert all(has_vietnamese_letter(letter.upper()) for letter in VIETNAMESE_LETTERS)
    assert not any(has_vietnamese_letter(letter) for letter in "abcdefghijklmnopqrstuvwxyz")
    assert all(without_marks(letter) in "adeiouy" for letter in VIETNAMESE_LETTERS)


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Đà Nẵng", "Da Nang"),
        ("Nguyễn Thị Ánh", "Nguyen Thi Anh"),
        (unicodedata.normalize("NFD", "Hồ Chí Minh"), "Ho Chi Minh"),
        ("Plain text, 2026.", "Plain text, 2026."),
    ],
)
def test_without_marks(text, plain):
    assert without_marks(text) == plain


def test_a_headline_must_be_vietnamese():
    assert checked_headline("Hà Nội mở thêm tuyến buýt điện cho học sinh") is not None
    assert checked_headline("Hanoi opens a new electric bus line for pupils") is None


@pytest.mark.parametrize(
    "word", ["nghiêng", "quốc", "gì", "giữa", "khuya", "người", "Đắk", "ươm", "UỶ", "chí", "am"]
)
def test_vietnamese_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize(
    "word",
    [
        "net",  # a closing t takes sắc or nặng
        "bac",
        "viet",
        "mark",  # no such final
        "pnj",  # no vowel
        "key",  # no such vowel group
        "note",
        "jogmec",  # no j in Vietnamese
        "hóà",  # never two tones
        "hoà̀",
    ],
)
def test_words_vietnamese_cannot_write(word):
    assert not is_vietnamese_syllable(word)
