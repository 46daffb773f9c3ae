"""Stage 1b, split: the text of a news file → articles, sections, paragraphs and dropped noise.

Real exports are messy: several articles run together with no separator, titles glued to
the first sentence, one sentence per line, photo captions, bylines, teasers, tables and
repeated leads. This module reads such text the way an editor would:

1. **lines** and 2. **pieces** (:mod:`vnmedia.text.pieces`): lines joined back where
   markup broke them, each piece classified (title-like, heading, body, caption, byline,
   widget, teaser, table cell, separator) and glued pieces cut apart;
3. **articles**: where articles start is weighed by :mod:`vnmedia.text.boundaries`; each
   article's first line is its title, or, when it has none, a short title is derived from
   the first sentence (and not spoken);
4. **paragraphs**: near-duplicate sentences (a repeated lead) and a truncated last sentence
   are dropped, and sentence-per-line text is regrouped into natural paragraphs.

Nothing is thrown away silently: every dropped piece is kept with its reason.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from ..models import Article, Dropped, Paragraph
from .boundaries import CANDIDATE_KINDS, Boundary, find_boundaries
from .chunking import split_sentences
from .markup import resolve_markup
from .pieces import (
    CREDIT_LINE,
    TITLE_MAX_WORDS,
    WORD,
    Piece,
    read_pieces,
    word_count,
)

STANDALONE_HEADING_MAX_WORDS = 10
DOTTED_TITLE_MAX_WORDS = 20
"""An opening sentence this short is a title line with a full stop (sentence-split text)."""
DERIVED_TITLE_MAX_WORDS = 16
DERIVED_TITLE_MIN_WORDS = 8
"""A derived title runs to a clause break once it has this many syllables, else to at most
the maximum (fitted on unc/ for overlap with the real titles: bench/bench_titles.py)."""
TABLE_MARK = "[table]"
"""Where a table was left out, the paragraph after it carries this section marker."""
PARAGRAPH_TARGET_WORDS = 80
"""Sentence-per-line text is regrouped into paragraphs of about this many words."""
DUPLICATE_SIMILARITY = 0.8


# --- pass 3: articles ----------------------------------------------------------------------------


@dataclass
class _Draft:
    title: str
    pieces: list[Piece] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    title_derived: bool = False
    """The title was made from the first sentence, which is still in the body."""
    line: int = 0


_TERMINATORS = {"byline", "teaser"}
_STORY_KINDS = {"body", "short", "heading", "name"}


def _articles(pieces: list[Piece], starts: set[int]) -> tuple[list[_Draft], list[Dropped]]:
    """Pieces grouped into drafts; a new draft opens at each index in ``starts``."""
    drafts: list[_Draft] = []
    preamble: list[Dropped] = []
    ended = True  # the file's start counts as the end of a previous article
    # A start on a piece with no letters ("." left after a caption, "2 .") moves on to the
    # next piece of story with words: that piece is dropped, and the article would go too.
    starts = {next((k for k in range(s, len(pieces)) if _opens(pieces[k])), s) for s in starts}
    ordered = sorted(starts)
    for index, piece in enumerate(pieces):
        target = drafts[-1].dropped if drafts else preamble
        if piece.kind == "separator":
            continue  # a mark, not text: find_boundaries has started an article after it
        if piece.kind == "name":
            if not drafts:
                piece.kind = "short"  # a short title at the top
            elif _body_count(drafts[-1]) == 0:
                drafts[-1].pieces.append(piece)  # all the story there is; see _finish
                continue
            else:
                piece.kind = "byline"
        if piece.kind == "table":
            target.append(Dropped(piece.text, "table"))
            marked = drafts and drafts[-1].pieces and drafts[-1].pieces[-1].kind == "table"
            if drafts and not marked:
                drafts[-1].pieces.append(Piece(TABLE_MARK, "table", 0, piece.line))
            continue
        if not any(ch.isalpha() for ch in piece.text):
            target.append(Dropped(piece.text, "other"))  # "2 .", "(?!)", "!!! ???"
            continue
        if piece.kind in _TERMINATORS | {"caption", "widget", "prefix", "note"}:
            if piece.kind == "caption" and CREDIT_LINE.match(piece.text) and drafts:
                _drop_caption_before(drafts[-1], piece)
            target.append(Dropped(piece.text, "byline" if piece.kind == "prefix" else piece.kind))
            if piece.kind in _TERMINATORS and drafts and _body_count(drafts[-1]) > 0:
                ended = True
            continue
        # What follows this piece in its article (up to the next start).
        following = bisect_right(ordered, index)
        rest = pieces[index + 1 : ordered[following] if following < len(ordered) else None]
        if drafts and index not in starts:
            closing_summary = piece.gap_before >= 3 and not rest and piece.kind == "body"
            if ended and not _has_story_after(rest) or closing_summary:
                # Text after the closing byline with no story of its own: the article's
                # summary (lead), which some exports put last. It goes first.
                drafts[-1].pieces.insert(0, Piece(piece.text, "body", 0, piece.line))
                continue
            ended = False
            drafts[-1].pieces.append(piece)
            continue
        ended = False
        if _is_title(piece, any(p.kind in _STORY_KINDS for p in rest)):
            drafts.append(_Draft(_title_text(piece.text), line=piece.line))
            continue
        # No title line (most crawled files): a short title is made from the first
        # sentence's words, and the paragraph is kept whole.
        drafts.append(_Draft(derive_title(piece.text), title_derived=True, line=piece.line))
        drafts[-1].pieces.append(piece)
    return drafts, preamble


def _opens(piece: Piece) -> bool:
    """Whether an article can open with ``piece``: story text with words in it."""
    return piece.kind in CANDIDATE_KINDS and any(c.isalpha() for c in piece.text)


def _is_title(piece: Piece, story_after: bool) -> bool:
    """Whether the piece that opens an article is its title line."""
    words = word_count(piece.text)
    if piece.kind in {"short", "heading"}:
        return words <= TITLE_MAX_WORDS
    # Sentence-split corpora end titles with a full stop: a short single sentence, with
    # the story after it (else it is all the story there is).
    single = len(split_sentences(piece.text)) == 1
    return story_after and words <= DOTTED_TITLE_MAX_WORDS and single


_CLAUSE_BREAK = re.compile(r"[,;:–—]|\s-\s")
_PHRASE_OPENERS = set(
    "của và với cho là thì mà để các những một trong tại từ đến về theo khi đã sẽ đang được "
    "bị có không này đó nhưng hay hoặc như vì do nên rằng ở trên dưới sau trước".split()
)


_SETUP_OPENERS = re.compile(
    r"^(?:theo|với|trong|sau khi|trước khi|khi|ngay|sáng|chiều|tối|trưa|đêm|rạng sáng|hôm qua|"
    r"hôm nay|ngày|vào|tại|từ|cách đây|mới đây|vừa qua|hiện nay|như vậy|tuy nhiên|ngoài ra|"
    r"bên cạnh đó|đồng thời|theo đó|cụ thể|do|vì|nhằm|để|nhờ|trước đó|sau đó|thời gian qua|"
    r"những ngày qua|trước tình hình|liên quan)\b",
    re.IGNORECASE,
)
"""How a clause that sets the scene opens (a time, a place, a source, a connective): the
story's subject and event come after it."""
_PARENTHESES = re.compile(r"\s*\([^()]*\)")


def derive_title(text: str) -> str:
    """A short title from the first sentence that carries the story: whole words, up to a
    natural break.

    Clauses that only set the scene ("Theo Trung tâm Dự báo …,", "Sáng nay (18/12),",
    "Với quyết định nói trên,") and a lone name ("PGS.TS Bùi Đức Triệu,") are passed over
    when the sentence goes on; then the title runs to the next clause break when that makes
    8-16 syllables, else to at most 16, ending before a function word that opens the next
    phrase ("… họp báo | về …"). Never cuts a word.
    """
    sentence = split_sentences(text)[0] if split_sentences(text) else text
    # A leading agency or dateline mark is no part of a title; nor are asides in brackets.
    sentence = re.sub(r"^\([^()]{2,30}\)\s*[-–—]\s*", "", sentence).strip()
    sentence = _PARENTHESES.sub("", sentence).strip() or sentence
    words = _story_words(sentence.split())
    if words and words[0][:1].islower():  # the story's clause opens the title now
        words = [words[0][:1].upper() + words[0][1:], *words[1:]]
    clause: list[str] = []
    for word in words[:DERIVED_TITLE_MAX_WORDS]:
        clause.append(word)
        if _CLAUSE_BREAK.search(word[-1:]) and len(clause) >= DERIVED_TITLE_MIN_WORDS:
            return _title_text(" ".join(clause).rstrip(",;:–—- "))
    taken = words[:DERIVED_TITLE_MAX_WORDS]
    if len(words) > DERIVED_TITLE_MAX_WORDS:
        # Vietnamese words are often two syllables ("đại hội"): end before a function word
        # that opens the next phrase ("… họp báo | về đại hội …"), never between syllables.
        for end in range(DERIVED_TITLE_MAX_WORDS, 4, -1):
            if words[end].lower().strip(",.;:") in _PHRASE_OPENERS:
                taken = words[:end]
                break
    return _title_text(" ".join(taken).rstrip(",;:–—- "))


def _story_words(words: list[str]) -> list[str]:
    """``words`` from the first clause that is not scene-setting or a lone name (all of
    them when every clause is)."""
    clauses: list[list[str]] = [[]]
    for word in words:
        clauses[-1].append(word)
        if _CLAUSE_BREAK.search(word[-1:]):
            clauses.append([])
    clauses = [c for c in clauses if c]
    for number, clause in enumerate(clauses[:-1]):
        text = " ".join(clause)
        lone_name = len(clause) <= 5 and all(w[:1].isupper() for w in clause)
        if not (_SETUP_OPENERS.match(text) or lone_name):
            return [w for c in clauses[number:] for w in c]
    return [w for c in clauses[-1:] for w in c] if len(clauses) > 1 else words


def _drop_caption_before(draft: _Draft, credit: Piece) -> None:
    """The short line right above a photo credit ("Ảnh: CNN") is that photo's caption."""
    if not draft.pieces:
        return
    last = draft.pieces[-1]
    if (
        last.kind == "body"
        and last.line == credit.line - 1
        and word_count(last.text) <= 25
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


def _title_text(text: str) -> str:
    """Titles carry no final full stop (sentence-split corpora add one)."""
    text = text.strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text.rstrip("?.") + ("?" if text.endswith("?") or text.endswith("?.") else "")


# --- pass 4: paragraphs --------------------------------------------------------------------------


_FACT_LINE = re.compile(r"^([^:.!?]{2,30}):\s+\S")
"""A short "label: value" line ("Chủ sở hữu: Sheikh Mansour", "Tài sản: 30 tỷ USD")."""


def _listed_labels(pieces: list[Piece]) -> set[str]:
    """Labels that open two or more short lines of one article: the story lists facts under
    them (club by club, person by person), to be read, not dropped as captions."""
    labels = Counter(
        match.group(1).casefold()
        for piece in pieces
        if piece.kind == "short" and (match := _FACT_LINE.match(piece.text))
    )
    return {label for label, count in labels.items() if count >= 2}


def _finish(draft: _Draft, source: str, index: int) -> Article:
    dropped = list(draft.dropped)
    section: str | None = None
    units: list[tuple[str, str | None]] = []  # (text, section)
    pieces = draft.pieces
    if not any(p.kind == "body" for p in pieces):
        # No sentence-like paragraph at all: whatever text there is is the story.
        pieces = [p if p.kind == "table" else replace(p, kind="body") for p in pieces]
    dropped.extend(Dropped(p.text, "byline") for p in pieces if p.kind == "name")
    listed = _listed_labels(pieces)
    for position, piece in enumerate(pieces):
        if piece.kind == "name":
            continue
        fact = _FACT_LINE.match(piece.text)
        if piece.kind == "short" and fact and fact.group(1).casefold() in listed:
            # One entry of a list the story gives, read as a sentence of its own.
            units.append((piece.text.rstrip(" ;,") + ".", section))
            continue
        if piece.kind == "table":
            # The table itself is in the audit; what follows it is marked, until the
            # next heading, so the manifest shows where it was.
            section = TABLE_MARK
            continue
        if piece.kind in {"heading", "short"}:
            next_body = next((p for p in pieces[position + 1 :] if p.kind == "body"), None)
            run = [p for p in pieces[position : position + 2] if p.kind == "short"]
            if piece.kind == "short" and (
                word_count(piece.text) > STANDALONE_HEADING_MAX_WORDS
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
    sentences = _dedupe(None if draft.title_derived else draft.title, units, dropped)
    _drop_truncated_end(sentences, dropped)
    paragraphs = _paragraphs(sentences, units)
    return Article(
        title=draft.title,
        paragraphs=tuple(paragraphs),
        source=source,
        index=index,
        dropped=tuple(dropped),
        line=draft.line,
        title_derived=draft.title_derived,
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
        for word in set(WORD.findall(sentence.lower())):
            self.by_word.setdefault(word, []).append(number)

    def repeats(self, sentence: str) -> bool:
        """Whether ``sentence`` nearly repeats one already seen."""
        words = set(WORD.findall(sentence.lower()))
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
    wa, wb = WORD.findall(a.lower()), WORD.findall(b.lower())
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
            words = sum(word_count(s) for s in current)
            if current and (
                section != current_section
                or words + word_count(sentence) > PARAGRAPH_TARGET_WORDS * 1.2
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


def split_articles(text: str, *, source: str, one_article: bool = False) -> list[Article]:
    """Every article in ``text`` (NFC), with sections, paragraphs and dropped pieces.

    ``one_article`` reads the whole text as one article (separators are ignored). HTML
    entities and stray tags are resolved first, whatever the text came from (a file, a
    JSON record, a web page), so they are never spoken.
    """
    pieces = read_pieces(resolve_markup(text))
    boundaries = [] if one_article else find_boundaries(pieces)
    return _assemble(pieces, {b.index for b in boundaries if b.accepted}, source)


def explain_boundaries(text: str) -> list[Boundary]:
    """Every candidate article start in ``text``, with its evidence (``split --explain``)."""
    return find_boundaries(read_pieces(resolve_markup(text)))


def _assemble(pieces: list[Piece], starts: set[int], source: str) -> list[Article]:
    drafts, preamble = _articles(pieces, starts)
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
        found = split_articles(f"{title}\n\n{body}", source=source, one_article=True)
        if found:
            first = found[0]
            articles.append(
                Article(
                    _title_text(" ".join(resolve_markup(title).split())),
                    first.paragraphs,
                    source,
                    index,
                    first.dropped,
                )
            )
    return articles
