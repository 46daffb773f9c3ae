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


# A written Vietnamese syllable: an onset, a vowel group (the rhyme's glide, nucleus and
# closing vowel), a final consonant, one tone. The vowel groups Vietnamese writes, without
# their tone; "gi" and "qu" are onsets ("giữa", "quá"), but "gì" is g + ì; k closes
# a few names ("Đắk Lắk").
_ONSET = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx]"
_VOWEL_GROUPS = (
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê "
    "iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu"
).split()
_SYLLABLE = re.compile(rf"(?:{_ONSET})?(?P<vowels>[aăâeêioôơuưy]+)(?P<final>ch|ng|nh|[ckmnpt])?")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_STOP_TONES = {"\u0301", "\u0323"}  # a syllable closed by c, ch, k, p, t: sắc or nặng


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` (one syllable, any case) could be written Vietnamese: "nghiêng",
    "quốc", "gì", but not "net" (a closing t takes a tone), "mark", "pnj" or "key". A
    reading with a word that is not (sea-g2p's "viet nam net" for ``VietNamNet``) leaves
    the voice to guess how to say it."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONES]
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    found = _SYLLABLE.fullmatch(base)
    if len(tones) > 1 or not found or found["vowels"] not in _VOWEL_GROUPS:
        return False
    if found["final"] in {"c", "ch", "k", "p", "t"}:
        return bool(tones) and tones[0] in _STOP_TONES
    return True
