"""Passes 1 and 2 of reading a news file: its lines, and what each piece of them is.

1. **lines**: fragments left by inline markup (``<i>Thanh Niên</i>`` broken onto its own
   line) are joined back; blank-line runs are remembered as gaps; a separator line
   (``---``, ``***``, ``###``, a form feed) is kept as a mark;
2. **pieces**: each line is classified (title-like, heading, body, caption, byline, widget,
   teaser, table cell), and glued pieces are cut apart: a caption credit in front of a
   sentence (``Ảnh: CNN Để ngăn…``), a subheading in front of one (``Cần có biện pháp mạnh
   Theo…``), an agency prefix (``TTO -``), a byline in capitals after the last sentence;
   runs of short cells (a flattened table) are marked as a table, and a line opened by an
   asterisk, alone, as an editor's note.

:mod:`vnmedia.text.boundaries` then decides where articles start, and
:mod:`vnmedia.text.split` makes articles and paragraphs of the pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
CREDIT_LINE = re.compile(
    r"^\(?\s*(?:ảnh|hình|nguồn|video|clip|bài|bài và ảnh|bài, ảnh(?:, video)?)\s*:",
    re.IGNORECASE,
)
_WIDGET = re.compile(
    r"^(?:video đang hot|clip đang hot|xem video|xem clip|"
    r"dưới đây là (?:video|clip)|mời (?:quý )?(?:độc giả|bạn đọc) xem)",
    re.IGNORECASE,
)
_CHROME = re.compile(
    r"^(?:bình luận|chia sẻ|quảng cáo|tải (?:ứng dụng|app)\b|tối đa:?\s*\d[\d.,]*\s*ký tự|"
    r"hiện chưa có (?:bình luận|ý kiến)|"
    r"(?:gửi|viết) (?:bình luận|ý kiến)|ý kiến \(\d+\)|theo dõi .{1,40} trên (?:google news|zalo))",
    re.IGNORECASE,
)
"""A site's chrome left in a page's text (comment box, share bar, ads, app banner, follow
buttons), as the web extractors keep it (DESIGN.md): a widget when the line is short ("Chia
sẻ với phóng viên, ông A cho biết …" is a story's sentence)."""
CHROME_MAX_WORDS = 15
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
TITLE_SHAPE = re.compile(r"^[^:]{2,40}:\s+\S|\s[-–]\s")
WORD = re.compile(r"\w+")

SEPARATOR = "---"
SEPARATOR_LINE = re.compile(r"^\s*(?:(?:[-*#_=]\s*){3,})$")
"""A line of only ``---``, ``***``, ``###``, ``___`` or ``===`` (a form feed counts too)."""
TABLE_CELL_MAX_WORDS = 8
TABLE_MIN_CELLS = 6
"""A run of at least this many one-cell lines is a flattened table."""
_GLUED_DATELINE = re.compile(
    r"\s(?:(?:Sáng|Chiều|Tối|Trưa|Đêm|Ngày|Hôm)(?: nay| qua)?\s*\(?\d{1,2}\s*[/.-]\s*\d{1,2}"
    r"|\([A-ZĐ][^()]{1,20}\)\s*[-–—]\s)"
)
_CAPTION_OPENER = re.compile(
    r"^(?:Một góc|Toàn cảnh|Quang cảnh|Cận cảnh|Khung cảnh|Hình ảnh|Ảnh chụp|Ảnh minh|"
    r"Hiện trường|Các đại biểu|Đại biểu (?:dự|tham dự)|Từ trái sang|Ảnh trên|Ảnh dưới)\b"
)
"""How photo captions without a credit open ("Một góc Khu đô thị …", "Toàn cảnh hội nghị")."""
_NOTE_MARK = re.compile(r"^(?:\(\*\)|\*)\s*(?=\w)")
"""An asterisk in front of a line: an editor's note ("* Mọi ý kiến đóng góp … gửi về hộp
thư …", "*Bài viết được lược dịch …", "* Tên nhân vật đã được thay đổi")."""
TITLE_MAX_WORDS = 30
HEADING_MAX_WORDS = 16
"""Longer unpunctuated lines inside a story are captions, not subheadings."""


# --- pieces ----------------------------------------------------------------------------------


@dataclass
class Piece:
    """One classified piece of text."""

    text: str
    kind: str
    """short (title-like), heading, body, name, separator, table, prefix, or a drop
    reason: caption, byline, widget, teaser, note, other."""
    gap_before: int = 0
    """Blank lines before it in the file."""
    line: int = 0


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in _SENTENCE_END


QUOTED_PHRASE_MAX_WORDS = 20
"""Longer lines ending with a quotation are quoted speech, not titles."""


def ends_with_quoted_phrase(text: str) -> bool:
    """A short line closed by a quotation with no stop of its own: a title or subheading
    (`Báo Mỹ: "Việt Nam là điểm sáng"`, `Tìm cách ngăn "người đóng thế"`), not a sentence;
    a quoted sentence keeps its stop (`…sáng."`, `…sáng".`)."""
    stripped = text.rstrip()
    return (
        stripped[-1:] in '"”»'
        and stripped[-2:-1] not in _SENTENCE_END
        and word_count(stripped) <= QUOTED_PHRASE_MAX_WORDS
    )


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
        if "\f" in line or SEPARATOR_LINE.match(line):
            # A producer's separator always ends an article: keep it as a mark.
            out.append((SEPARATOR, gap, number))
            line, gap = ("" if SEPARATOR_LINE.match(line) else line.replace("\f", " ")), 0
        if not line.strip():
            gap += 1
            continue
        following = next((x for x in raw[number:] if x.strip()), "")
        if out and gap == 0 and out[-1][0] != SEPARATOR and _continues(out[-1][0], line, following):
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
    if previous.rstrip().endswith(":") and word_count(previous) <= 8 and word_count(stripped) <= 6:
        return not ends_sentence(stripped)  # "10. Apollo Arrow: " + "1.1 triệu USD"
    if stripped[:1] in ",.;:)" or (_is_lower_start(stripped) and not ends_sentence(previous)):
        return True
    # "Viết cho " + "Cẩm nang tuyển sinh" + " của ": a short capitalized fragment between
    # two pieces of one sentence.
    return (
        previous.endswith(" ")
        and not ends_sentence(previous)
        and word_count(stripped) <= 6
        and (following[:1].isspace() or following.strip()[:1] in ",.;:)")
    )


# --- pass 2: pieces ------------------------------------------------------------------------------


def _classify(text: str, gap: int, number: int) -> list[Piece]:
    """Classify a line, cutting apart what was glued together."""
    if text == SEPARATOR:
        return [Piece(text, "separator", gap, number)]
    pieces: list[Piece] = []
    # Agency prefix: "(Dân trí) - ", "TTO - ", "(TN&MT;) " (not a caption mark).
    prefix = _AGENCY_PREFIX.match(text)
    if prefix and word_count(text) > 6 and not _CAPTION_START.match(text):
        pieces.append(Piece(prefix.group(0).strip(), "prefix", gap, number))
        text, gap = text[prefix.end() :].strip(), 0
    # A byline with something glued after it: "Cự Giải ( T/h ) Năm lần bảy lượt …".
    inline = _INLINE_BYLINE.match(text)
    if inline and not ends_sentence(inline.group(1)[:-1]):
        rest = inline.group(2)
        kind = "byline" if _looks_like_byline(rest) else "teaser"
        return [Piece(inline.group(1), "byline", gap, number), Piece(rest, kind, 0, number)]
    # A photo credit or caption mark in front of a sentence: "Ảnh: CNN Để ngăn …",
    # "(Ảnh minh họa) Thời gian …".
    caption = _leading_caption(text)
    if caption:
        rest = text[len(caption) :].strip()
        if not any(ch.isalnum() for ch in rest):
            # "(Ảnh: Công an cung cấp)." — the caption's own closing stop, no sentence after.
            return [*pieces, Piece(f"{caption}{rest}", "caption", gap, number)]
        pieces.append(Piece(caption, "caption", gap, number))
        text, gap = rest, 0
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
        and word_count(text[: middle.start()]) <= 30
        and not ends_sentence(text[: middle.start()])
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
    words = word_count(text)
    if _TEASER.match(text):
        return [Piece(text, "teaser", gap, number)]
    if _WIDGET.match(text) or (_CHROME.match(text) and words <= CHROME_MAX_WORDS):
        return [Piece(text, "widget", gap, number)]
    if CREDIT_LINE.match(text) and words <= 14:
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
    title = _glued_title(text)
    if title:
        rest = text[len(title) :].strip()
        return [Piece(title, "short", gap, number), *_classify_plain(rest, 0, number)]
    if _CAPTION_OPENER.match(text) and words <= 25 and len(text.split(". ")) == 1:
        return [Piece(text, "caption", gap, number)]
    heading = _glued_heading(text)
    if heading:
        rest = text[len(heading) :].strip()
        return [Piece(heading, "heading", gap, number), *_classify_plain(rest, 0, number)]
    name = _trailing_caps_name(text)
    if name and words > 6:
        rest = text[: -len(name)].rstrip()
        return [*_classify_plain(rest, gap, number), Piece(name, "byline", 0, number)]
    if words <= TITLE_MAX_WORDS and (not ends_sentence(text) or ends_with_quoted_phrase(text)):
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
    words = word_count(text)
    if words > 12 or (ends_sentence(text) and not text.endswith(")") and words > 3):
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


def _glued_title(text: str) -> str | None:
    """A title glued to its lead's dateline: "Hà Nội: Đẩy mạnh … hiện đại Chiều 6-10, …".

    Only a title-shaped head (``Place: …`` or ``A - B``) with no sentence end in it, cut
    before a dateline (a time word and a date) that opens the lead.
    """
    match = _GLUED_DATELINE.search(text)
    if not match:
        return None
    head = text[: match.start()].rstrip()
    if not 5 <= word_count(head) <= TITLE_MAX_WORDS or re.search(r"[.!?]", head):
        return None
    if not TITLE_SHAPE.search(head) or not head[-1:].isalpha() or not head[-1:].islower():
        return None
    return head


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


# --- tables ------------------------------------------------------------------------------------

_CELL_KINDS = {"short", "name", "heading", "body", "other"}
_CODE = re.compile(r"^[\W\d]*\d[\W\d\w]{0,12}$")


def _is_cell(piece: Piece) -> bool:
    """One cell of a flattened table: a short piece that is no sentence."""
    if piece.kind not in _CELL_KINDS or piece.gap_before > 1:
        return False
    text = piece.text
    return word_count(text) <= TABLE_CELL_MAX_WORDS and not (
        word_count(text) > 3 and ends_sentence(text) and not text[-1:].isdigit()
    )


def _is_figure(text: str) -> bool:
    """Numbers and codes: "25.5", "7340301", "A00", "15/20", "x"."""
    return bool(_CODE.match(text)) or text.strip().lower() in {"x", "-", "–"}


def mark_tables(pieces: list[Piece]) -> None:
    """Mark runs of one-cell lines (a table flattened one cell per line) as ``table``.

    A run counts when it is long (``TABLE_MIN_CELLS`` or more) and made of cells: at least
    a quarter of them figures or codes, or nearly all of them (a label column) very short.
    Headings and lists of sentences are not cells, so they never look like a table.
    """
    start = 0
    while start < len(pieces):
        end = start
        while end < len(pieces) and _is_cell(pieces[end]):
            end += 1
        run = pieces[start:end]
        if len(run) >= TABLE_MIN_CELLS:
            figures = sum(_is_figure(p.text) for p in run)
            tiny = sum(word_count(p.text) <= 4 for p in run)
            labels = len(run) >= 2 * TABLE_MIN_CELLS and tiny * 10 >= 9 * len(run)
            if figures * 4 >= len(run) or labels:
                for piece in run:
                    piece.kind = "table"
        start = max(end, start + 1)
    _widen_tables(pieces)


TABLE_LABEL_MAX_WORDS = 12
"""A row label in a table ("- Giải Quốc tế: Nhất, Nhì, Ba, Khuyến khích") may be longer
than a cell, but it is still no sentence."""


def _widen_tables(pieces: list[Piece]) -> None:
    """A table found from its run of cells also takes its header row ("TT", "Thành tích",
    "Điểm") and any row labels between two of its parts: a longer label breaks the run of
    cells, and the header has too few figures to count as a table on its own; left out,
    they were read aloud, or taken for the title of an article."""

    def row_like(piece: Piece) -> bool:
        return (
            piece.kind in _CELL_KINDS
            and piece.gap_before <= 1
            and word_count(piece.text) <= TABLE_LABEL_MAX_WORDS
            and not ends_sentence(piece.text)
        )

    for index, piece in enumerate(pieces):
        if piece.kind != "table" or (index and pieces[index - 1].kind == "table"):
            continue
        # The first piece of a table: is it the continuation of one above, or its header?
        above = index - 1
        while above >= 0 and row_like(pieces[above]):
            above -= 1
        # Not between two parts of the table, so a header (with the first row's label, if
        # that is long): a few rows' worth at most.
        header = above < 0 or pieces[above].kind != "table"
        if header and index - 1 - above > 2 * TABLE_MIN_CELLS:
            continue
        for row in pieces[above + 1 : index]:
            row.kind = "table"


def read_pieces(text: str) -> list[Piece]:
    """Passes 1 and 2: the classified pieces of ``text`` (NFC), in reading order."""
    pieces: list[Piece] = []
    for line, gap, number in _lines(text):
        pieces.extend(p for p in _classify(line, gap, number) if p.text)
    mark_tables(pieces)
    mark_notes(pieces)
    return pieces


def mark_notes(pieces: list[Piece]) -> None:
    """Mark editor's notes: a line opened by an asterisk, alone. Never an article's start
    nor its story, it is dropped as a note. Asterisks on two lines in a row are a list's
    bullets, and stay the story they are."""
    marked = [bool(_NOTE_MARK.match(p.text)) for p in pieces]
    for index, piece in enumerate(pieces):
        alone = not (index and marked[index - 1]) and not (
            index + 1 < len(pieces) and marked[index + 1]
        )
        if marked[index] and alone and piece.kind not in {"separator", "table"}:
            piece.kind = "note"
