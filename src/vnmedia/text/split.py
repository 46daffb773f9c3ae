"""Stage 1b, split: the text of a news file → articles, sections, paragraphs and dropped noise.

Real exports are messy: several articles run together with no separator, titles glued to
the first sentence, one sentence per line, photo captions, bylines, teasers and repeated
leads. This module reads such text the way an editor would, in four passes:

1. **lines**: fragments left by inline markup (``<i>Thanh Niên</i>`` broken onto its own
   line) are joined back; blank-line runs are remembered as gaps;
2. **pieces**: each line is classified (title-like, heading, body, caption, byline, widget,
   teaser), and glued pieces are cut apart: a caption credit in front of a sentence
   (``Ảnh: CNN Để ngăn…``), a subheading in front of one (``Cần có biện pháp mạnh Theo…``),
   an agency prefix (``TTO -``), a byline in capitals after the last sentence;
3. **articles**: a new article starts at the top, after an article's closing byline or
   teaser, or at a title-shaped line after a wide gap;
4. **paragraphs**: near-duplicate sentences (a repeated lead) and a truncated last sentence
   are dropped, and sentence-per-line text is regrouped into natural paragraphs.

Nothing is thrown away silently: every dropped piece is kept with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from ..models import Article, Dropped, Paragraph
from .chunking import split_sentences

# --- vocabulary ------------------------------------------------------------------------------

_SENTENCE_END = ".!?…\"'”’»)"
# Words that open a sentence and are capitalized only there: seeing one capitalized in the
# middle of a line, right after a lower-case word, means a heading was glued to a sentence.
STARTERS = set(
    "Theo Tại Trong Đây Có Sau Hiện Khi Với Để Tuy Nhưng Còn Cũng Ngoài Bên Trước Việc "
    "Các Những Nhiều Một Nếu Do Vì Bởi Như Trao Qua Dù Mặc Đó Riêng Cùng Ngay Rồi Vậy "
    "Dưới Trên Chúng Tôi Họ Lúc Kể Thay Về Phạt Trường".split()
    # Not here, though they open sentences: words that also start names ("Hàng Bạc",
    # "Điều 5", "Bà Rịa", "Anh Quốc", "Chính phủ", "Thế giới", "Thời báo").
)
# These open a sentence when a number follows: "… hàng hải Ngày 29.1, …", "Từ 15/2, …".
NUMBER_STARTERS = set("Ngày Năm Tháng Sáng Chiều Tối Trưa Đêm Hôm Từ Đến Đầu Cuối".split())
_CAPTION_START = re.compile(
    r"^\(?\s*(?:ảnh|hình|photo|clip|video)(?:\s*(?:minh họa|minh hoạ|:|\s*-))[^)]*?\)?(?=\s|$)",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^\(?\s*(?:ảnh|hình|nguồn|video|clip|bài|bài và ảnh|bài, ảnh(?:, video)?)\s*:",
    re.IGNORECASE,
)
_WIDGET = re.compile(
    r"^(?:video đang hot|clip đang hot|xem video|xem clip|bình luận|chia sẻ|quảng cáo|"
    r"dưới đây là (?:video|clip)|mời (?:quý )?(?:độc giả|bạn đọc) xem)",
    re.IGNORECASE,
)
_TEASER = re.compile(
    r"^(?:>>|»|>\s|xem thêm|tin liên quan|đọc thêm|bài liên quan|có thể bạn quan tâm|"
    r"tin cùng chuyên mục|tin mới nhất|bài viết liên quan)",
    re.IGNORECASE,
)
_BYLINE_MARK = re.compile(
    r"(?:^\(?\s*theo\s)|(?:\(\s*(?:tổng hợp|t/h|th|theo [^)]*)\s*\))|(?:\btổng hợp(?: từ)?\b)|"
    r"(?:^(?:nguồn|bài|pv|ctv|phóng viên)\s*:)|(?:\b[\w-]+\.(?:vn|com|net)\b\s*\)?$)",
    re.IGNORECASE,
)
_INLINE_BYLINE = re.compile(
    r"^(.{2,40}?\(\s*(?:t/h|th|tổng hợp|theo [^)]{2,30})\s*\))\s+(\S.*)$", re.I
)
_AGENCY_PREFIX = re.compile(
    r"^(?:\((?:[^()]{2,30})\)\s*[-–—]?\s*|[A-ZĐ]{2,6}(?:\.[A-Z]{2,4})?\s*[-–—]\s+)(?=[A-ZĐÀ-Ỹ\"“])"
)
_CAPS_WORD = re.compile(
    r"^[A-ZĐÀÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]{2,}$"
)
_TITLE_SHAPE = re.compile(r"^[^:]{2,40}:\s+\S|\s[-–]\s")
_WORD = re.compile(r"\w+")

TITLE_MAX_WORDS = 30
HEADING_MAX_WORDS = 16
"""Longer unpunctuated lines inside a story are captions, not subheadings."""
STANDALONE_HEADING_MAX_WORDS = 10
PARAGRAPH_TARGET_WORDS = 80
"""Sentence-per-line text is regrouped into paragraphs of about this many words."""
DUPLICATE_SIMILARITY = 0.8


# --- pieces ----------------------------------------------------------------------------------


@dataclass
class Piece:
    """One classified piece of text."""

    text: str
    kind: str
    """title?, heading, body, or a drop reason: caption, byline, widget, teaser, other."""
    gap_before: int = 0
    """Blank lines before it in the file."""
    line: int = 0


@dataclass
class _Draft:
    title: str
    pieces: list[Piece] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    title_in_body: bool = False
    """The title was taken from the first sentence, which is still in the body."""


def _words(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in _SENTENCE_END


def _is_lower_start(text: str) -> bool:
    first = text.lstrip()[:1]
    return bool(first) and first.islower()


# --- pass 1: lines -----------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[str, int, int]]:
    """Non-blank lines as (text, blank lines before, line number), inline fragments joined."""
    raw = text.split("\n")
    out: list[tuple[str, int, int]] = []
    gap = 0
    for number, line in enumerate(raw, 1):
        if not line.strip():
            gap += 1
            continue
        following = next((x for x in raw[number:] if x.strip()), "")
        if out and gap == 0 and _continues(out[-1][0], line, following):
            previous, previous_gap, previous_number = out[-1]
            glue = "" if line[:1] in ",.;:!?)" or line.lstrip()[:1] in ",.;:!?)" else " "
            # Keep a trailing space: it tells that the next line continues this one too.
            tail = " " if line[-1:].isspace() else ""
            joined = previous.rstrip() + glue + line.strip() + tail
            out[-1] = (joined, previous_gap, previous_number)
        else:
            out.append((line, gap, number))
        gap = 0
    return [(" ".join(t.split()), g, n) for t, g, n in out]


def _continues(previous: str, line: str, following: str) -> bool:
    """Whether ``line`` continues ``previous`` (a break left by inline markup)."""
    stripped = line.strip()
    if line[:1].isspace() and stripped and not stripped[:1].isupper():
        return True
    if previous.rstrip().endswith(":") and _words(previous) <= 8 and _words(stripped) <= 6:
        return not _ends_sentence(stripped)  # "10. Apollo Arrow: " + "1.1 triệu USD"
    if stripped[:1] in ",.;:)" or (_is_lower_start(stripped) and not _ends_sentence(previous)):
        return True
    # "Viết cho " + "Cẩm nang tuyển sinh" + " của ": a short capitalized fragment between
    # two pieces of one sentence.
    return (
        previous.endswith(" ")
        and not _ends_sentence(previous)
        and _words(stripped) <= 6
        and (following[:1].isspace() or following.strip()[:1] in ",.;:)")
    )


# --- pass 2: pieces ------------------------------------------------------------------------------


def _classify(text: str, gap: int, number: int) -> list[Piece]:
    """Classify a line, cutting apart what was glued together."""
    pieces: list[Piece] = []
    # Agency prefix: "(Dân trí) - ", "TTO - ", "(TN&MT;) " (not a caption mark).
    prefix = _AGENCY_PREFIX.match(text)
    if prefix and _words(text) > 6 and not _CAPTION_START.match(text):
        pieces.append(Piece(prefix.group(0).strip(), "prefix", gap, number))
        text, gap = text[prefix.end() :].strip(), 0
    # A byline with something glued after it: "Cự Giải ( T/h ) Năm lần bảy lượt …".
    inline = _INLINE_BYLINE.match(text)
    if inline and not _ends_sentence(inline.group(1)[:-1]):
        rest = inline.group(2)
        kind = "byline" if _looks_like_byline(rest) else "teaser"
        return [Piece(inline.group(1), "byline", gap, number), Piece(rest, kind, 0, number)]
    # A photo credit or caption mark in front of a sentence: "Ảnh: CNN Để ngăn …",
    # "(Ảnh minh họa) Thời gian …".
    caption = _leading_caption(text)
    if caption:
        pieces.append(Piece(caption, "caption", gap, number))
        text, gap = text[len(caption) :].strip(), 0
        if not text:
            return pieces
    # A photo placeholder in the middle: "Hỗ trợ ăn trưa Hình minh họa Có hiệu lực …".
    placeholder = re.search(r"\s(\(?(?:Ảnh|Hình) minh ho[ạa]\)?)\s", text)
    if placeholder:
        before, after = text[: placeholder.start()], text[placeholder.end() :]
        return [
            *_classify_plain(before, gap, number),
            Piece(placeholder.group(1), "caption", 0, number),
            *_classify(after, 0, number),
        ]
    # A caption glued in the middle: "<caption> Ảnh: Nguyên Bảo Về tình trạng …".
    middle = re.search(r"\s\(?(?:Ảnh|Hình)\s*:", text)
    if (
        middle
        and _words(text[: middle.start()]) <= 30
        and not _ends_sentence(text[: middle.start()])
    ):
        before, after = text[: middle.start()], text[middle.start() :].strip()
        pieces.append(Piece(before, "caption", gap, number))
        return pieces + _classify(after, 0, number)
    pieces.extend(_classify_plain(text, gap, number))
    return pieces


def _leading_caption(text: str) -> str | None:
    """The caption mark or credit at the start of ``text`` (with the credit's names)."""
    enclosed = re.match(r"^\((?:ảnh|hình|photo)\b[^()]{0,300}\)", text, re.IGNORECASE)
    if enclosed:
        return enclosed.group(0)  # "(Ảnh: Người dân xếp hàng từ sớm.)"
    match = _CAPTION_START.match(text)
    if not match:
        return None
    mark = match.group(0)
    if mark.startswith("(") and mark.endswith(")"):
        return mark
    rest = text[len(mark) :]
    if ":" not in mark:
        return mark  # "Ảnh minh họa", "Hình minh họa"
    # After "Ảnh:" comes the credit: a name ("Nguyên Bảo"), an agency ("CNN",
    # "Thu Hằng/TTXVN") or a domain ("dantri.com.vn"); an agency or a domain ends it.
    taken: list[str] = []
    tokens = rest.split()
    for position, token in enumerate(tokens):
        bare = token.strip("(),")
        after = tokens[position + 1] if position + 1 < len(tokens) else ""
        if not bare or len(taken) >= 4 or bare in STARTERS:
            break
        if bare in NUMBER_STARTERS and after[:1].isdigit():
            break
        if not (bare[:1].isupper() or "/" in bare or "." in bare):
            break
        taken.append(token)
        if "/" in bare or "." in bare or (bare.isupper() and len(bare) > 1):
            break
    credit = (mark + " " + " ".join(taken)).strip() if taken else mark
    # The credit must be followed by something, or be all there is.
    return credit


def _classify_plain(text: str, gap: int, number: int) -> list[Piece]:
    words = _words(text)
    if _TEASER.match(text):
        return [Piece(text, "teaser", gap, number)]
    if _WIDGET.match(text):
        return [Piece(text, "widget", gap, number)]
    if _CREDIT_LINE.match(text) and words <= 14:
        return [
            Piece(
                text,
                "byline" if not text.lower().startswith(("ảnh", "hình")) else "caption",
                gap,
                number,
            )
        ]
    if _looks_like_byline(text):
        # A bare name is a byline after a story, but a (short) title at the top.
        kind = "byline" if _BYLINE_MARK.search(text) else "name"
        return [Piece(text, kind, gap, number)]
    heading = _glued_heading(text)
    if heading:
        rest = text[len(heading) :].strip()
        return [Piece(heading, "heading", gap, number), *_classify_plain(rest, 0, number)]
    name = _trailing_caps_name(text)
    if name and words > 6:
        rest = text[: -len(name)].rstrip()
        return [*_classify_plain(rest, gap, number), Piece(name, "byline", 0, number)]
    if not _ends_sentence(text) and words <= TITLE_MAX_WORDS:
        return [Piece(text, "short", gap, number)]
    return [Piece(text, "body", gap, number)]


def _trailing_caps_name(text: str) -> str | None:
    """A reporter's name in capitals closing a line: "… đổi ý. THANH VÂN"."""
    tokens = text.split()
    name: list[str] = []
    for token in reversed(tokens[-4:]):
        if not _CAPS_WORD.match(token):
            break
        name.insert(0, token)
    # Two or three words, one with a Vietnamese letter: a name, not "TAND TP" acronyms.
    if not 2 <= len(name) <= 3 or not any(not t.isascii() for t in name):
        return None
    return " ".join(name)


def _looks_like_byline(text: str) -> bool:
    """Author and source lines: "Quang Vũ", "Anh Tuấn (Tổng hợp)", "Theo CNN", "H.N"."""
    words = _words(text)
    if words > 12 or (_ends_sentence(text) and not text.endswith(")") and words > 3):
        return False
    if _BYLINE_MARK.search(text) and words <= 10:
        return True
    tokens = [t for t in re.split(r"[\s\-–/]+", text.strip("() .")) if t]
    if not tokens or len(tokens) > 5 or (text.endswith(".") and len(tokens) > 1):
        return False  # "Đoạn HTML." is a sentence; "Hà." may be a signature
    # Names: every token capitalized ("Đỗ Thủy", "Hiền Anh - Nguyễn Hân", "K.N").
    return all(t[:1].isupper() or t[:1] in "(" for t in tokens) and not any(
        t in STARTERS for t in tokens[:1]
    )


def _glued_heading(text: str) -> str | None:
    """A heading glued to the sentence after it: "Cần có biện pháp mạnh Theo trung tá …"."""
    tokens = text.split(" ")
    for position in range(3, min(len(tokens) - 2, HEADING_MAX_WORDS + 1)):
        token, before = tokens[position], tokens[position - 1]
        after = tokens[position + 1]
        if token not in STARTERS and not (token in NUMBER_STARTERS and after[:1].isdigit()):
            continue
        head = " ".join(tokens[:position])
        if re.search(r"[.!?;:]", head) or not before[-1:].islower():
            return None
        if not text[:1].isupper() and not text[:1].isdigit():
            return None
        return head
    return None


# --- pass 3: articles ----------------------------------------------------------------------------

_TERMINATORS = {"byline", "teaser"}


def _articles(pieces: list[Piece]) -> tuple[list[_Draft], list[Dropped]]:
    drafts: list[_Draft] = []
    preamble: list[Dropped] = []
    ended = True  # the file's start counts as the end of a previous article
    for index, piece in enumerate(pieces):
        if piece.kind == "name":
            if not drafts:
                piece.kind = "short"  # a short title at the top
            elif _body_count(drafts[-1]) == 0:
                drafts[-1].pieces.append(piece)  # all the story there is; see _finish
                continue
            else:
                piece.kind = "byline"
        if not any(ch.isalpha() for ch in piece.text):
            target = drafts[-1].dropped if drafts else preamble
            target.append(Dropped(piece.text, "other"))  # "2 .", "(?!)", "!!! ???"
            continue
        if piece.kind in _TERMINATORS | {"caption", "widget", "prefix"}:
            target = drafts[-1].dropped if drafts else preamble
            if piece.kind == "caption" and _CREDIT_LINE.match(piece.text) and drafts:
                _drop_caption_before(drafts[-1], piece)
            target.append(Dropped(piece.text, "byline" if piece.kind == "prefix" else piece.kind))
            if piece.kind in _TERMINATORS and drafts and _body_count(drafts[-1]) > 0:
                ended = True
            continue
        rest = pieces[index + 1 :]
        closing_summary = piece.gap_before >= 3 and not rest and piece.kind == "body"
        if drafts and (ended and not _has_story_after(rest) or closing_summary):
            # Text after the closing byline with no story of its own: the article's
            # summary (lead), which some exports put last. It goes first.
            drafts[-1].pieces.insert(0, Piece(piece.text, "body", 0, piece.line))
            continue
        title_like = _words(piece.text) <= TITLE_MAX_WORDS
        if (ended or _opens_story(piece, rest[0] if rest else None, drafts)) and (
            title_like or not drafts
        ):
            ended = False
            if title_like:
                drafts.append(_Draft(_title_text(piece.text)))
                continue
            # A file that starts with a long paragraph has no title line: its first
            # sentence serves as the title, and the paragraph is kept whole.
            first = " ".join(split_sentences(piece.text)[0].split()[:TITLE_MAX_WORDS])
            drafts.append(_Draft(_title_text(first), title_in_body=True))
        ended = False
        drafts[-1].pieces.append(piece)
    return drafts, preamble


def _drop_caption_before(draft: _Draft, credit: Piece) -> None:
    """The short line right above a photo credit ("Ảnh: CNN") is that photo's caption."""
    if not draft.pieces:
        return
    last = draft.pieces[-1]
    if (
        last.kind == "body"
        and last.line == credit.line - 1
        and _words(last.text) <= 25
        and len(split_sentences(last.text)) == 1
    ):
        draft.pieces.pop()
        draft.dropped.append(Dropped(last.text, "caption"))


def _has_story_after(pieces: list[Piece]) -> bool:
    """Whether body text follows before the next closing byline or teaser."""
    for piece in pieces:
        if piece.kind in _TERMINATORS:
            return False
        if piece.kind in {"body", "heading"}:
            return True
    return False


def _body_count(draft: _Draft) -> int:
    return sum(1 for p in draft.pieces if p.kind == "body")


def _opens_story(piece: Piece, following: Piece | None, drafts: list[_Draft]) -> bool:
    """A title without a closing byline before it: after a wide gap, or title-shaped."""
    if not drafts or _body_count(drafts[-1]) < 3 or piece.kind != "short":
        return False
    if following is None or following.kind not in {"body", "short"}:
        return False
    words = _words(piece.text)
    if piece.gap_before >= 2 and words >= 5:
        return True
    return piece.gap_before >= 1 and words >= 7 and bool(_TITLE_SHAPE.search(piece.text))


def _title_text(text: str) -> str:
    """Titles carry no final full stop (sentence-split corpora add one)."""
    text = text.strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text.rstrip("?.") + ("?" if text.endswith("?") or text.endswith("?.") else "")


# --- pass 4: paragraphs --------------------------------------------------------------------------


def _finish(draft: _Draft, source: str, index: int) -> Article:
    dropped = list(draft.dropped)
    section: str | None = None
    units: list[tuple[str, str | None]] = []  # (text, section)
    pieces = draft.pieces
    if not any(p.kind == "body" for p in pieces):
        # No sentence-like paragraph at all: whatever text there is is the story.
        pieces = [replace(p, kind="body") for p in pieces]
    dropped.extend(Dropped(p.text, "byline") for p in pieces if p.kind == "name")
    for position, piece in enumerate(pieces):
        if piece.kind == "name":
            continue
        if piece.kind in {"heading", "short"}:
            next_body = next((p for p in pieces[position + 1 :] if p.kind == "body"), None)
            run = [p for p in pieces[position : position + 2] if p.kind == "short"]
            if piece.kind == "short" and (
                _words(piece.text) > STANDALONE_HEADING_MAX_WORDS
                or len(run) > 1
                and next_body is not None
                and pieces[position + 1].kind == "short"
            ):
                dropped.append(Dropped(piece.text, "caption"))
                continue
            if next_body is None:
                dropped.append(Dropped(piece.text, "other"))
                continue
            section = piece.text.rstrip(":").strip()
            continue
        units.append((piece.text, section))
    sentences = _dedupe(None if draft.title_in_body else draft.title, units, dropped)
    _drop_truncated_end(sentences, dropped)
    paragraphs = _paragraphs(sentences, units)
    return Article(
        title=draft.title,
        paragraphs=tuple(paragraphs),
        source=source,
        index=index,
        dropped=tuple(dropped),
    )


class _SeenSentences:
    """Sentences heard so far, indexed by word, so a repeat is found without comparing a
    new sentence with every earlier one (a 2-hour article took 20 s that way)."""

    COMMON = 50
    """A word in this many sentences says nothing about which one is repeated."""

    def __init__(self) -> None:
        self.sentences: list[str] = []
        self.by_word: dict[str, list[int]] = {}

    def add(self, sentence: str) -> None:
        number = len(self.sentences)
        self.sentences.append(sentence)
        for word in set(_WORD.findall(sentence.lower())):
            self.by_word.setdefault(word, []).append(number)

    def repeats(self, sentence: str) -> bool:
        """Whether ``sentence`` nearly repeats one already seen."""
        words = set(_WORD.findall(sentence.lower()))
        shared: dict[int, int] = {}
        for word in words:
            postings = self.by_word.get(word, ())
            if len(postings) <= self.COMMON:
                for number in postings:
                    shared[number] = shared.get(number, 0) + 1
        # A near-repeat shares most of its telling words; only those candidates are
        # compared word by word.
        needed = max(1, len(words) // 4)
        return any(
            _similar(sentence, self.sentences[number])
            for number, count in shared.items()
            if count >= needed or len(words) < 6
        )


def _dedupe(
    title: str | None, units: list[tuple[str, str | None]], dropped: list[Dropped]
) -> list[list[tuple[str, str | None]]]:
    """Sentences per unit, without those that repeat the title or an earlier sentence."""
    seen = _SeenSentences()
    if title:
        seen.add(title)
    result: list[list[tuple[str, str | None]]] = []
    for text, section in units:
        kept: list[tuple[str, str | None]] = []
        for sentence in split_sentences(text):
            if not any(ch.isalpha() for ch in sentence):
                if kept:  # a stray " ." after "…": it belongs to the sentence before
                    kept[-1] = (kept[-1][0] + sentence, section)
                continue
            if seen.repeats(sentence):
                dropped.append(Dropped(sentence, "duplicate"))
                continue
            seen.add(sentence)
            kept.append((sentence, section))
        result.append(kept)
    return result


def _similar(a: str, b: str) -> bool:
    """Near-duplicates: the same sentence with small edits (or one containing the other)."""
    wa, wb = _WORD.findall(a.lower()), _WORD.findall(b.lower())
    if {w for w in wa if w[:1].isdigit()} != {w for w in wb if w[:1].isdigit()}:
        return False  # same wording, other figures: another fact
    if min(len(wa), len(wb)) < 6:
        return wa == wb and bool(wa)
    shorter, longer = sorted((wa, wb), key=len)
    matcher = SequenceMatcher(None, shorter, longer, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    # Short sentences share words by chance: they must agree more closely.
    needed = DUPLICATE_SIMILARITY if len(shorter) >= 12 else 0.9
    return matched / len(shorter) >= needed and len(shorter) / len(longer) >= 0.5


def _drop_truncated_end(
    sentences: list[list[tuple[str, str | None]]], dropped: list[Dropped]
) -> None:
    for unit in reversed(sentences):
        if unit:
            last = unit[-1][0].rstrip()
            if last.endswith(("…", "...")) and not last.endswith("...."):
                dropped.append(Dropped(unit.pop()[0], "truncated"))
            return


def _paragraphs(
    sentences: list[list[tuple[str, str | None]]], units: list[tuple[str, str | None]]
) -> list[Paragraph]:
    """Units as paragraphs; one-sentence lines are regrouped into natural paragraphs."""
    filled = [unit for unit in sentences if unit]
    if not filled:
        return []
    one_sentence_lines = sum(1 for unit in filled if len(unit) == 1)
    regroup = len(filled) >= 4 and one_sentence_lines / len(filled) >= 0.7
    paragraphs: list[Paragraph] = []
    if not regroup:
        for unit in filled:
            paragraphs.append(Paragraph(" ".join(s for s, _ in unit), unit[0][1]))
        return paragraphs
    current: list[str] = []
    current_section: str | None = None
    for unit in filled:
        for sentence, section in unit:
            words = sum(_words(s) for s in current)
            if current and (
                section != current_section
                or words + _words(sentence) > PARAGRAPH_TARGET_WORDS * 1.2
                or words >= PARAGRAPH_TARGET_WORDS
            ):
                paragraphs.append(Paragraph(" ".join(current), current_section))
                current = []
            if not current:
                current_section = section
            current.append(sentence)
    if current:
        paragraphs.append(Paragraph(" ".join(current), current_section))
    return paragraphs


# --- entry point ---------------------------------------------------------------------------------


def split_articles(text: str, *, source: str) -> list[Article]:
    """Every article in ``text`` (NFC), with sections, paragraphs and dropped pieces."""
    pieces: list[Piece] = []
    for line, gap, number in _lines(text):
        pieces.extend(p for p in _classify(line, gap, number) if p.text)
    drafts, preamble = _articles(pieces)
    articles: list[Article] = []
    for draft in drafts:
        if not articles:
            draft.dropped[:0] = preamble
        article = _finish(draft, source, len(articles))
        if article.paragraphs:
            articles.append(article)
        elif articles:
            # A title with no story after it: keep it, as noise, with the article before.
            previous = articles[-1]
            extra = (Dropped(article.title, "other"), *article.dropped)
            articles[-1] = replace(previous, dropped=previous.dropped + extra)
    return articles


def split_records(records: Iterable[tuple[str, str]], *, source: str) -> list[Article]:
    """Articles from (title, body) records (JSON exports): the body is split, the title kept."""
    articles = []
    for index, (title, body) in enumerate(records):
        found = split_articles(f"{title}\n\n{body}", source=source)
        if found:
            first = found[0]
            articles.append(
                Article(
                    _title_text(" ".join(title.split())),
                    first.paragraphs,
                    source,
                    index,
                    first.dropped,
                )
            )
    return articles
