"""HTML entities and stray tags in text: resolved where text is read, so never spoken.

News exports and extracted pages carry markup in their text: ``&nbsp;``, ``&amp;``,
``&quot;``, often escaped twice (``&amp;nbsp;``), and tags a CMS left inline (``<br>``,
``<strong>``). Read aloud, a voice says "amp" or "nbsp".
"""

from __future__ import annotations

import html
import re

_ENTITY = re.compile(
    r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});"
    r"|&(?:nbsp|amp|quot)"  # also without their semicolon, as exports leave them ("&nbspSUV")
)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_BREAK_TAG = re.compile(r"<(?:br|/p|/div|/li|/h[1-6])\b[^<>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def resolve_markup(text: str) -> str:
    """``text`` with HTML entities decoded (twice-escaped ones too) and tags removed.

    Text with neither is returned as it is. A line break tag becomes a space: the text's
    own line structure is left to the reader that splits it.
    """
    if "&" not in text and "<" not in text:
        return text
    for _ in range(2):  # "&amp;nbsp;" is "&nbsp;" escaped once more
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub("", _BREAK_TAG.sub(" ", text))
    return _SPACES.sub(" ", text)
