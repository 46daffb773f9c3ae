"""Vietnamese letters: which letters are Vietnamese, and text with its marks taken off.

The one definition for the checks that ask "is this Vietnamese?" (a headline a model
wrote, a translation that came back unchanged, a word left untranslated) and for the
comparisons that ignore marks ("Đà Nẵng" is "Da Nang").
"""

from __future__ import annotations

import re
import unicodedata

VIETNAMESE_LETTERS = (
    "đăâêôơư"
    "àáảãạ" "ằắẳẵặ" "ầấẩẫậ"
    "èéẻẽẹ" "ềếểễệ"
    "ìíỉĩị"
    "òóỏõọ" "ồốổỗộ" "ờớởỡợ"
    "ùúủũụ" "ừứửữự"
    "ỳýỷỹỵ"
)  # fmt: skip
"""Every letter Vietnamese writes with a mark, in lower case: đ, the six vowels with a
mark of their own (ă â ê ô ơ ư) and the twelve vowels under each of the five tone marks.
English writes none of them."""

_LETTER = re.compile(f"[{VIETNAMESE_LETTERS}]")


def has_vietnamese_letter(text: str) -> bool:
    """Whether ``text`` holds a Vietnamese letter (:data:`VIETNAMESE_LETTERS`), in either
    case, composed or not (NFD text from old pages and Windows-1258 files too)."""
    return bool(_LETTER.search(unicodedata.normalize("NFC", text).lower()))


def without_marks(text: str) -> str:
    """``text`` with its tone and vowel marks taken off and đ written d: "Đà Nẵng" →
    "Da Nang" (what a name becomes in English when its marks are dropped)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
