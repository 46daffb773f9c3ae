"""A news page's article as its reader sees it: the headline, the lead, the story in page
order, and nothing the newsroom did not write for this story.

No one extractor reads Vietnamese news pages well (DESIGN.md, "Real web pages, by kind of
failure"): trafilatura and readability-lxml each miss what the other keeps, and both keep
some chrome. So this module reads the page itself, as a list of *text runs* (each block of
text the page shows, in page order: a paragraph, a cell, a heading, a line of a ``<br>``
list; words the markup runs together, a letter then a capital across an element's edge,
kept apart), and lets several readers vote on which runs are the story:

- **trafilatura** and **readability-lxml** (their article text, matched back to the runs);
- **the page's own markup**: ``itemprop="articleBody"``;
- **JSON-LD** ``articleBody`` of a ``NewsArticle``/``Article``.

The story's *container* is the deepest page element holding nine tenths of the words most
readers kept (a comment-box notice or other stories' leads one of them kept elsewhere stay
out), widened to take in the rest of a story split by an ad slot (``#divfirst`` /
``#divend``) when all that adds is sentences a reader kept; its runs are the story, in the
page's order, with gaps between kept runs filled (a paragraph in a plain ``div`` that both
extractors skipped). The **lead** is looked for between the headline and the body (the
*sapo*: kept by a reader, a lead-classed element, text that the page's description
repeats, or the first sentence right under the printed headline). Then what a reader does
not read as the story is dropped, each with its reason (shown by ``vnmedia split``): photo
captions (a ``figcaption``, a caption class, an image's own box with the picture above the
line, a line set apart under a picture, but not text styled like the story's paragraphs),
other stories' links and the leads under
them, dates, the headline repeated, readers' comments (a section named so, or a comment's
own "who, how long ago, likes" line and what is boxed with it), and the foot (signature,
credits) after the last sentence. List bullets are not read out. What the page hides is
not read (unless it is a story's worth of words behind a "read more" button). An italic,
centred line by a picture, one ending with a photo credit ("Ảnh: …", "(Ảnh: …)",
"Nguồn: …"), or one that is no sentence right under the picture in its own box, is its
caption even in the story's class; a photo essay (no paragraph of its
own after the lead, every sentence in a photo's box) is read from its photos' texts, never
their credits.

The **headline** is the page's ``h1`` when the page's titles (``og:title``, JSON-LD,
``<title>``) agree with it; else the heading they start with; else, when no title agrees
with any line (a mobile page titled with the site's name), the line set as a headline
before the page's first sentence; else ``og:title`` cleaned of its " - SiteName" tail. A
site's name in an ``h1`` (old layouts) or a section label is not taken for it. A label over
a box of links to other pages ("Đọc … trên FICA:") is not the story.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from lxml import etree
from lxml import html as lxml_html

from ..models import Dropped

if TYPE_CHECKING:  # the web stack is imported when a page is read, not with this module
    from trafilatura.settings import Document

BlockKind = Literal["heading", "paragraph"]

LEAD_CLASS = re.compile(r"sapo|description|summary|\blead\b|chapeau|excerpt", re.I)
"""Class names the big Vietnamese sites (and most news sites) give the lead."""
CAPTION_CLASS = re.compile(r"caption|chu-?thich|chuthich|image_?desc|img_?desc|photo_?desc", re.I)
"""Class names of photo captions."""
_SKIP_TAGS = {
    "script", "style", "noscript", "template", "svg", "iframe", "select", "option",
    "button", "textarea", "input", "head", "title", "meta", "link", "object", "embed",
    "video", "audio", "canvas", "map",
}  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "section", "article",
    "aside", "header", "footer", "nav", "main", "figure", "figcaption", "blockquote", "pre",
    "address", "center", "form", "fieldset", "hr", "details", "summary", "body", "html",
}  # fmt: skip
_HEADING_TAGS = {"h2", "h3", "h4", "h5", "h6"}
_WORD = re.compile(r"\w+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_BULLET = re.compile(r"^[+\-•·*–]\s+(?=\S)")
"""A list bullet opening a line ("+ Nộp hồ sơ …"): the reader does not say it ("cộng")."""
_DATE_LINE = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|\d{1,2}:\d{2}")
_SENTENCE_END = tuple(".?!…:;\"”»)'’")
_TITLE_SEPARATORS = re.compile(r"\s+[-–—|]\s+|\s*\|\s*|-(?=[a-z0-9 ]+$)")
"""What separates a page title's parts: " - ", " | ", and a slug's "-" (24h's
"… Hàn Quốc-lo luyen thi cong chuc")."""
LEAD_MIN_WORDS = 8
"""A lead is a sentence or more; a date or a byline between headline and body is shorter."""
HEADING_MAX_WORDS = 16
FOOT_MAX_WORDS = 8
"""Lines after the story's last sentence this short are its foot (signature, credits)."""
CONTAINER_SHARE = 0.9
"""The story's element holds this share of the words most readers kept (not all: one
reader's stray pick elsewhere must not widen it to the whole page)."""
CAPTION_MAX_WORDS = 40
COMMENT_CLASS = re.compile(r"comment|\bcmt|binh-?luan|feedback|disqus", re.I)
"""Class names and ids of readers' comment sections (``divOutComment``, ``comment_ct_fb``,
``binh-luan``)."""
COMMENT_META = re.compile(
    r"\d+\s*(?:giây|phút|giờ|ngày|tuần|tháng|năm)(?:\s*\d+\s*(?:giây|phút))?\s*trước"
    r"|\b(?:Thích|Like)\s*\|?\s*\d+",
)
"""A comment's own line: who wrote it and how long ago, its likes ("tuanna1 - 2 giờ 43 phút
trước Thích | 0")."""
COMMENT_META_MAX_WORDS = 12
COMMENT_MAX_WORDS = 300
"""A reader's comment is short; a box this long around a "… giờ trước" line is more than
one comment (the page's body), not a comment."""
HIDDEN_STORY_WORDS = 100
"""A hidden element with this many words is the story's rest behind a "read more" button,
not a widget or a copy."""
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CENTRED_STYLE = re.compile(r"text-align\s*:\s*center", re.I)
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.I)
LINK_SHARE = 0.6
_CREDIT_MARK = r"(?<!\w)(?:ảnh|hình|nguồn|photo|đồ\s*h(?:ọa|oạ)|infographic)\s*:"
PHOTO_CREDIT = re.compile(
    rf"\(\s*{_CREDIT_MARK}[^()]+\)\.?$|{_CREDIT_MARK}(?:[^.!?…:()]|\.(?=\S))+\.?$",
    re.IGNORECASE,
)
"""A photo credit closing a line: "Ảnh: Thái Viết Hoàn", "(Ảnh: FIFA)", "- Ảnh: Thành
Đông", "Nguồn: Bộ Y tế", "Photo: Reuters", "Đồ họa: Hoàng Thanh"."""
CREDIT_MAX_WORDS = 10
"""A credit names who took the picture or where it comes from, in a few words."""
"""A run with this share of its text in links points to other pages (related stories)."""


@dataclass(frozen=True)
class Block:
    """One block of the story: a subheading or a paragraph (the lead is the first)."""

    text: str
    kind: BlockKind = "paragraph"


@dataclass(frozen=True)
class WebArticle:
    """What a news page says about its article."""

    title: str
    text: str
    """The article's text, one paragraph or heading per line."""
    published: str | None = None
    """Publication date (``YYYY-MM-DD``), as the page says."""
    author: str | None = None
    site: str | None = None
    language: str | None = None
    """The language the page declares, if it does (``vi``)."""
    blocks: tuple[Block, ...] = ()
    """The story, in page order."""
    dropped: tuple[Dropped, ...] = ()
    """What the page showed around the story and the reader left out, and why."""
    part_of_more: str | None = None
    """Why the page's text is only part of something it does not show as text (its text
    is paid for, its story is a video, a notice says the rest is for members), or
    ``None``: a short text on such a page is a stub, not a short story."""


@dataclass
class _Run:
    """A block of text as the page shows it."""

    owner: Any  # the lxml element whose text it is
    text: str
    link_chars: int
    bold_chars: int
    position: int
    italic_chars: int = 0
    after_image: bool = False
    """A picture comes right before it in the flow of its box (``<img><br>text``)."""
    votes: int = 0
    words: list[str] = field(default_factory=list)

    @property
    def link_share(self) -> float:
        return self.link_chars / max(1, len(self.text))

    @property
    def bold(self) -> bool:
        return self.bold_chars >= 0.9 * len(self.text.replace(" ", ""))

    @property
    def italic(self) -> bool:
        return self.italic_chars >= 0.9 * len(self.text.replace(" ", ""))


def extract_article(page: str, url: str) -> WebArticle | None:
    """The article in an HTML page, or ``None`` when the page holds no article text."""
    page = unicodedata.normalize("NFC", page)  # some pages are decomposed (iOne 2011)
    tree = _parse(page)
    if tree is None:
        return None
    facts = _page_facts(tree)
    runs = _runs(tree)
    if not runs:
        return None
    # Imported here, when a page is read: trafilatura brings jusText and lxml's HTML
    # cleaner, which a build of text files never needs (and an install may lack).
    import trafilatura
    from trafilatura.settings import Document

    extracted = trafilatura.bare_extraction(
        page,
        url=url,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        include_links=False,
        with_metadata=True,
        deduplicate=False,
    )
    document = extracted if isinstance(extracted, Document) else None
    voters = [_Voice((document.text if document else None) or "")]
    voters.append(_Voice(_readability_text(page)))
    if facts.get("articleBody"):
        voters.append(_Voice(facts["articleBody"]))
    marked = tree.xpath('//*[@itemprop="articleBody"]')
    for run in runs:
        run.votes = sum(voice.heard(run.words) for voice in voters)
        if marked and any(m is run.owner or _inside(run.owner, m) for m in marked):
            run.votes += 1
    count = len(voters) + (1 if marked else 0)
    container = _container(runs, count)
    if container is None:
        return None
    body = next((r.position for r in runs if r.votes and _within(r, container)), 0)
    title, headline_run = _headline(runs, facts, body, document)
    blocks, dropped = _story(runs, container, headline_run, title, facts, count)
    if not blocks:
        return None
    return WebArticle(
        part_of_more=_part_of_more(tree, facts, container, blocks),
        title=title,
        text="\n\n".join(block.text for block in blocks),
        published=(document.date if document else None) or None,
        author=(document.author if document else None) or None,
        site=(document.sitename if document else None) or facts.get("site") or None,
        language=_declared_language(tree),
        blocks=tuple(blocks),
        dropped=tuple(dropped),
    )


# --- the page's runs ---------------------------------------------------------------------------


def _parse(page: str) -> Any:
    try:
        # An XHTML page's "<?xml … encoding=…?>" makes lxml refuse the decoded text.
        tree = lxml_html.fromstring(_XML_DECLARATION.sub("", page, count=1))
    except (ValueError, etree.ParserError):
        return None
    return tree


def _runs(tree: Any) -> list[_Run]:
    """Every block of text the page shows, in page order."""
    runs: list[_Run] = []
    body = tree.find("body")
    root = body if body is not None else tree

    def visit(block: Any) -> None:
        parts: list[tuple[str, bool, bool, bool]] = []
        image = [False]  # a picture since the last run

        def flush() -> None:
            text = " ".join(_joined(p[0] for p in parts).split())
            if text and _WORD.search(text):
                link = sum(len(p.strip()) for p, a, _, _ in parts if a)
                bold = sum(len(p.replace(" ", "")) for p, _, b, _ in parts if b)
                italic = sum(len(p.replace(" ", "")) for p, _, _, i in parts if i)
                runs.append(_Run(block, text, link, bold, len(runs), italic, image[0]))
                runs[-1].words = _words(text)
                image[0] = False
            parts.clear()

        def inline(element: Any, link: bool, bold: bool, italic: bool) -> None:
            if element.text:
                parts.append((element.text, link, bold, italic))
            for child in element:
                tag = child.tag if isinstance(child.tag, str) else ""
                if tag and tag.lower() not in _SKIP_TAGS and not _hidden(child):
                    tag = tag.lower()
                    if tag == "img":
                        # Before any text of a run: the run is under the picture. (An
                        # emoticon inside a sentence is not.)
                        image[0] = image[0] or not "".join(p[0] for p in parts).strip()
                    elif tag == "br":
                        flush()
                    elif tag in _BLOCK_TAGS or CAPTION_CLASS.search(child.get("class") or ""):
                        flush()
                        visit(child)
                    else:
                        inline(
                            child,
                            link or tag == "a",
                            bold or tag in ("b", "strong"),
                            italic or _italic(child),
                        )
                if child.tail:
                    parts.append((child.tail, link, bold, italic))

        inline(block, False, False, _italic(block))
        flush()

    visit(root)
    return runs


def _joined(pieces: Iterable[str]) -> str:
    """The texts of a run's elements in a row. Where one ends with a letter and the next
    opens with a capital, the markup ran two words together (VnExpress's location stamp
    ``<span class="location-stamp">Mỹ</span>Tiền đạo …``, its dash drawn by CSS): a space."""
    text = ""
    for piece in pieces:
        if text[-1:].isalpha() and piece[:1].isupper():
            text += " "
        text += piece
    return text


def _hidden(element: Any) -> bool:
    """An element the page does not show (a second, hidden copy of a comment; an empty
    stock-price box waiting for its script), unless it holds a story's worth of text (the
    rest of an article behind a "read more" button)."""
    if element.get("hidden") is None and not _HIDDEN_STYLE.search(element.get("style") or ""):
        return False
    return len(_WORD.findall(element.text_content())) < HIDDEN_STORY_WORDS


def _italic(element: Any) -> bool:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    return tag in ("i", "em") or bool(_ITALIC_STYLE.search(element.get("style") or ""))


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


class _Voice:
    """One reader's article text, to ask whether it kept a run."""

    def __init__(self, text: str) -> None:
        words = _words(text)
        self.trigrams = {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
        self.joined = f" {' '.join(words)} "

    def heard(self, words: list[str]) -> bool:
        if len(words) < 3:
            return bool(words) and f" {' '.join(words)} " in self.joined
        grams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
        return sum(g in self.trigrams for g in grams) >= 0.8 * len(grams)


def _readability_text(page: str) -> str:
    from readability import Document as ReadabilityDocument  # with the page, as trafilatura
    from readability.readability import Unparseable

    try:
        summary = ReadabilityDocument(page).summary(html_partial=True)
    except (Unparseable, ValueError, TypeError, etree.ParserError):
        return ""  # a reader that cannot read the page abstains; the others still vote
    tree = _parse(summary)
    return "" if tree is None else " ".join(tree.text_content().split())


def _within(run: _Run, container: Any) -> bool:
    return run.owner is container or _inside(run.owner, container)


def _inside(element: Any, ancestor: Any) -> bool:
    return any(parent is ancestor for parent in element.iterancestors())


# --- what the page says about itself ----------------------------------------------------------


def _page_facts(tree: Any) -> dict[str, str]:
    """og:/meta titles, the description, the site's name and JSON-LD's headline and body."""
    facts: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or ""
        value = " ".join(html.unescape(meta.get("content") or "").split())
        if value and key in (
            "og:title",
            "og:site_name",
            "og:description",
            "description",
            "og:type",
        ):
            facts.setdefault(key, value)
    element = tree.find(".//title")
    if element is not None:
        facts["title"] = " ".join(element.text_content().split())
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        for item in _json_items(script.text or ""):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(str(k).endswith("Article") for k in kinds):
                continue
            for key in ("headline", "articleBody"):
                given = item.get(key)
                if isinstance(given, str) and given.strip():
                    facts.setdefault(key, " ".join(html.unescape(given).split()))
            if str(item.get("isAccessibleForFree", "")).lower() == "false":
                facts["paid"] = "its text is for subscribers (isAccessibleForFree: false)"
    if "og:site_name" in facts:
        facts["site"] = facts["og:site_name"]
    return facts


def _json_items(text: str) -> Iterator[dict[str, Any]]:
    try:
        data = json.loads(text)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            yield item
            stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity"))


# --- the headline ---------------------------------------------------------------------------


def _headline(
    runs: list[_Run], facts: dict[str, str], body: int, document: Document | None
) -> tuple[str, _Run | None]:
    """The printed headline and its run: of the runs the page's titles agree with (one of
    them is the run, starts with it, or has it as a part between separators), the last
    before the body (a site's name in an ``h1`` sits at the top of the page); else the
    cleaned ``og:title``."""
    titles = [facts[k] for k in ("og:title", "headline", "title") if facts.get(k)]
    keys = [_key(t) for t in titles]
    parts = {_key(p) for t in titles for p in _TITLE_SEPARATORS.split(t)}
    site = _key(facts.get("site", ""))

    def agrees(run: _Run) -> bool:
        key = " ".join(run.words)
        if len(run.words) < 3 or len(run.words) > 40 or key == site:
            return False
        return key in parts or any(k == key or k.startswith(f"{key} ") for k in keys)

    agreeing = [r for r in runs if agrees(r)]
    before = [r for r in agreeing if r.position <= body]
    if before or agreeing:
        found = before[-1] if before else agreeing[0]
        return found.text, found
    printed = _set_as_headline(runs, body)
    if printed is not None:
        return printed.text, printed
    cleaned = _clean_title(titles[0]) if titles else ""
    if not cleaned and document is not None:
        cleaned = " ".join((document.title or "").split())
    return cleaned, None


def _set_as_headline(runs: list[_Run], body: int) -> _Run | None:
    """When no title of the page agrees with a line (a mobile page titled with the site's
    name, a saved copy retitled): the line set as a headline — a heading or bold, not a
    link, not a sentence ending with a full stop — last before the first sentence of the
    page (the lead) ahead of the body; ``None`` when there is none."""

    def set_so(run: _Run) -> bool:
        return (
            3 <= len(run.words) <= 40
            and run.link_share < LINK_SHARE
            and not run.text.endswith(".")
            and (run.bold or run.owner.tag == "h1" or _marked_heading(run.owner))
        )

    opening = next(
        (
            n
            for n, run in enumerate(runs[:body])
            if len(run.words) >= LEAD_MIN_WORDS
            and run.link_share < LINK_SHARE
            and run.text.endswith(_SENTENCE_END)
            and not set_so(run)
        ),
        None,
    )
    return next((r for r in reversed(runs[:opening]) if set_so(r)), None) if opening else None


def _key(text: str) -> str:
    return " ".join(_words(text))


def _clean_title(title: str) -> str:
    """A page title without its " - Section - SiteName" tail or its unaccented slug."""
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if not parts:
        return title
    head = parts[0]
    # A headline may hold its own " - " ("Phá án ma túy trên đất Lào - Kỳ 3: …"): keep
    # the parts that read as its words (lower-case letters, more than a label's few).
    for part in parts[1:]:
        if len(_words(part)) > 4 and not part.isascii() and part[:1].islower():
            head = f"{head} - {part}"
        else:
            break
    return " ".join(head.split())


# --- the story --------------------------------------------------------------------------------


def _story(
    runs: list[_Run],
    container: Any,
    headline: _Run | None,
    title: str,
    facts: dict[str, str],
    voters: int,
) -> tuple[list[Block], list[Dropped]]:
    start = headline.position + 1 if headline is not None else 0
    inside = [r for r in runs if r.position >= start and _within(r, container)]
    voted = [r for r in inside if r.votes]
    if not voted:
        return [], []
    first, last = voted[0].position, voted[-1].position
    story = [r for r in inside if first <= r.position <= last and (r.votes or _fills_gap(r))]
    lead = _lead(runs, start, first, facts, voters)
    chosen = lead + story
    dropped: list[Dropped] = []
    kept: list[_Run] = []
    seen = {_key(title)}
    teasers = _other_stories_leads(runs) | _link_labels(runs)
    comments = _comments(chosen, container)
    body_classes = _body_classes(story)
    essay = _photo_essay(story, lead)
    caption_above: _Run | None = None  # an italic caption right above this run
    for run in chosen:
        if id(run) in comments:
            reason: str | None = "other: a reader's comment"
        elif id(run) in teasers:
            reason = "teaser"
        else:
            reason = _not_story(run, body_classes, photo_essay=id(run) in essay)
        if (
            reason is None
            and caption_above is not None
            and caption_above.position == run.position - 1
            and _set_apart(run)
            and len(run.words) <= CAPTION_MAX_WORDS
        ):
            reason = "caption"  # the caption's next line, in its italics
        caption_above = run if reason == "caption" and _set_apart(run) else None
        if reason is None and not _uncredited(run.text):
            reason = "caption"  # a photo credit on a line of its own
        if reason is None and _key(run.text) in seen:
            reason = "duplicate"
        if reason:
            dropped.append(Dropped(run.text, reason))
        else:
            seen.add(_key(run.text))
            kept.append(run)
    story_end = _story_end(kept)
    dropped += [Dropped(r.text, "byline") for r in kept[story_end:]]
    # A photo essay's text is spoken, its photographer's credit is not.
    dropped += [Dropped(found[1], "caption") for r in kept if (found := _photo_credit(r.text))]
    blocks = [
        Block(
            _BULLET.sub("", _uncredited(run.text)),
            "heading" if run not in lead and _is_heading(run) else "paragraph",
        )
        for run in kept[:story_end]
    ]
    story_set = {id(r) for r in chosen}
    for run in runs:
        if run is headline:
            continue
        # What the extractors offered and the reader left out, so split can show it.
        if run.votes and id(run) not in story_set and len(run.words) >= 4:
            where = "outside the story" if run.position > start else "above the headline"
            dropped.append(Dropped(run.text, f"other: {where}"))
    return blocks, dropped


def _story_end(story: list[_Run]) -> int:
    """Where the story ends: short lines after its last sentence (a signature, a source, a
    "copy link" button) are its foot, not its text."""
    last = max((n for n, r in enumerate(story) if r.text.endswith(_SENTENCE_END)), default=-1)
    end = len(story)
    while end > last + 1 and len(story[end - 1].words) <= FOOT_MAX_WORDS:
        end -= 1
    return end


def _container(runs: list[_Run], voters: int) -> Any:
    """The element where the readers agree: the deepest that holds nine tenths of the words
    a majority of them kept (of the words any kept, when no majority agrees). A run of one
    or two words is heard by any reader whose text holds them ("Ảnh", "Video" in a menu):
    it counts only when nothing longer was kept."""
    heard = [r for r in runs if r.votes and len(r.words) >= 3] or [r for r in runs if r.votes]
    agreed = [r for r in heard if 2 * r.votes > voters] or heard
    total = sum(len(r.words) for r in agreed)
    if not total:
        return None
    held: dict[Any, int] = {}
    for run in agreed:
        for element in [run.owner, *run.owner.iterancestors()]:
            held[element] = held.get(element, 0) + len(run.words)
    enough = [e for e, words in held.items() if words >= CONTAINER_SHARE * total]
    return _widened(max(enough, key=_depth), runs)


def _widened(container: Any, runs: list[_Run]) -> Any:
    """The story's box taken whole when it is split (an ad slot between a mobile page's
    ``#divfirst`` and ``#divend``; a Word paste's ``span`` that the parser closed early):
    its parent, as long as what the parent adds holds a sentence or more that a reader kept,
    and all its lines of a sentence's length (links, subheadings and captions aside) are
    sentences a reader kept: not a lead no reader kept, another story's text, a headline or
    a date."""
    widest, box = container, container
    while (parent := box.getparent()) is not None and parent.tag not in ("body", "html"):
        added = [r for r in runs if _within(r, parent) and not _within(r, box)]
        text = [r for r in added if len(r.words) >= LEAD_MIN_WORDS and r.link_share < LINK_SHARE]
        long = [r for r in text if not (_is_heading(r) or _caption_marked(r) or _under_picture(r))]
        if not all(r.votes and r.text.endswith(_SENTENCE_END) for r in long):
            break
        box = parent
        if any(r.votes and not _is_heading(r) for r in text):
            widest = box  # a level that adds no text a reader kept is passed, not taken
    return widest


def _depth(element: Any) -> int:
    return sum(1 for _ in element.iterancestors())


def _fills_gap(run: _Run) -> bool:
    """A run no reader kept, between runs they kept: a paragraph in a plain ``div``."""
    return len(run.words) >= 3 and run.link_share < LINK_SHARE


def _lead(
    runs: list[_Run], start: int, body: int, facts: dict[str, str], voters: int
) -> list[_Run]:
    """The lead between the headline and the body: lead-classed, or repeated by the page's
    description, or kept by a reader, or the first sentence under the printed headline (a
    date or byline between), a sentence or more long and not a link."""
    described = set(_words(facts.get("og:description") or facts.get("description") or ""))
    found = []
    under_headline = start > 0  # the first sentence right under the printed headline
    for run in runs[start:body]:
        if len(run.words) < LEAD_MIN_WORDS or run.link_share >= LINK_SHARE:
            continue  # a date or a byline between the headline and the lead
        opening, under_headline = under_headline and run.text.endswith(_SENTENCE_END), False
        classes = " ".join(
            (e.get("class") or "") + " " + (e.get("itemprop") or "")
            for e in [run.owner, *run.owner.iterancestors()][:3]
        )
        overlap = len(set(run.words) & described) / max(1, len(set(run.words)))
        if described and overlap < 0.5 and 2 * run.votes <= voters:
            continue  # a box classed as a lead, unlike the page's description: not its lead
        if run.votes or LEAD_CLASS.search(classes) or overlap >= 0.6 or opening:
            found.append(run)
    # The lead's box is read whole: its other lines (a bulleted lead's first bullet that
    # only one reader kept) are the lead too.
    chosen, boxes = {id(run) for run in found}, {id(run.owner) for run in found}
    return [run for run in runs[start:body] if id(run) in chosen or id(run.owner) in boxes]


def _is_heading(run: _Run) -> bool:
    if len(run.words) > HEADING_MAX_WORDS or run.text.endswith(_SENTENCE_END):
        return False
    return _marked_heading(run.owner) or run.bold


def _marked_heading(element: Any) -> bool:
    """A heading by its tag or its class (``pSubTitle``, ``sub-heading``)."""
    classes = (element.get("class") or "").lower()
    return element.tag in _HEADING_TAGS or any(w in classes for w in ("subtitle", "heading"))


def _other_stories_leads(runs: list[_Run]) -> set[int]:
    """Runs that are another story's lead: right after a link to it (its headline), in a
    box of their own with it (a related-stories box, even inside the article's body)."""
    found = set()
    for previous, run in zip(runs, runs[1:], strict=False):
        if previous.link_share < LINK_SHARE or run.link_share >= LINK_SHARE:
            continue
        box = next(
            (
                e
                for e in [run.owner, *run.owner.iterancestors()]
                if e is previous.owner or _inside(previous.owner, e)
            ),
            None,
        )
        if box is not None:
            size = len(" ".join(box.text_content().split()))
            if size <= len(previous.text) + len(run.text) + 30:
                found.add(id(run))
    return found


def _link_labels(runs: list[_Run]) -> set[int]:
    """Runs that introduce a list of links to other pages ("Đọc những thông tin … mới nhất
    trên FICA:", "Xem thêm:"): a line ending with a colon that opens the nearest box
    holding other lines, all of them links. (A line that introduces a gallery, or the
    story's own list, is followed by more than links.)"""
    found = set()
    for run in runs:
        if not run.text.endswith(":") or run.link_share >= LINK_SHARE:
            continue
        for box in run.owner.iterancestors():
            inside = [r for r in runs if _within(r, box)]
            if len(inside) > 1:
                if inside[0] is run and all(r.link_share >= LINK_SHARE for r in inside[1:]):
                    found.add(id(run))
                break
    return found


def _comments(story: list[_Run], container: Any) -> set[int]:
    """Runs that are readers' comments, known by their section's name (a class or id
    saying "comment") or by their shape: a short line, not a sentence, of who wrote it and
    how long ago, or its likes, boxed with the comment's text (however the section is
    named). A box holding half the story's words or more is the story's, whatever it says
    (an article box named "…-comment", a story line "Vụ việc xảy ra 2 ngày trước")."""
    total = sum(len(r.words) for r in story)

    def comment_box(element: Any) -> list[_Run]:
        inside = [r for r in story if _within(r, element)]
        return inside if 2 * sum(len(r.words) for r in inside) < total else []

    found: set[int] = set()
    named: dict[Any, list[_Run]] = {}
    for run in story:
        for element in [run.owner, *run.owner.iterancestors()]:
            if element is container:
                break
            if COMMENT_CLASS.search(f"{element.get('class') or ''} {element.get('id') or ''}"):
                if element not in named:
                    named[element] = comment_box(element)
                found.update(id(r) for r in named[element])
                break
    for meta in story:
        if (
            len(meta.words) > COMMENT_META_MAX_WORDS
            or meta.link_share >= LINK_SHARE
            or meta.text.endswith(_SENTENCE_END)
            or not COMMENT_META.search(meta.text)
        ):
            continue
        # The comment's box: the nearest element around its line that holds more text.
        for box in [meta.owner, *meta.owner.iterancestors()]:
            if box is container:
                break
            text = " ".join(box.text_content().split())
            if len(text) > len(meta.text) + 20:
                if len(_words(text)) <= COMMENT_MAX_WORDS:
                    found.update(id(r) for r in comment_box(box))
                break
    return found


def _body_classes(story: list[_Run]) -> set[str]:
    """The classes the story's own paragraphs wear (three or more sentences, a dozen words
    or more, away from pictures): text styled so is the story's, not a caption."""
    counts = Counter(
        r.owner.get("class")
        for r in story
        if r.owner.get("class")
        and len(r.words) >= 12
        and r.text.endswith(_SENTENCE_END)
        and not _is_caption(r)
    )
    return {name for name, count in counts.items() if count >= 3}


def _photo_essay(story: list[_Run], lead: list[_Run]) -> set[int]:
    """A photo essay's text: when the page has no body paragraph of its own (after the
    lead, every sentence the story holds sits in a photo's box), the sentences in the
    photos' boxes are its story, not captions. A clip's label is no photo's text."""
    after = [r for r in story if r not in lead and r.link_share < LINK_SHARE]
    boxed = [r for r in after if _with_photo(r)]
    if not lead and after and after[0] not in boxed:
        after = after[1:]  # the lead, at the head of the story's own box
    told = [r for r in boxed if _uncredited(r.text).endswith(_SENTENCE_END)]
    body = [
        r
        for r in after
        if r not in boxed
        and not _caption_marked(r)
        and len(r.words) >= LEAD_MIN_WORDS
        and r.text.endswith(_SENTENCE_END)
    ]
    return {id(r) for r in told} if len(told) >= 2 and not body else set()


def _uncredited(text: str) -> str:
    """``text`` without the photo credit it may end with."""
    found = _photo_credit(text)
    return found[0] if found else text


def _with_photo(run: _Run) -> bool:
    """Alone with a photo in its box (a ``figure``, a cell, a ``p``), or right under one."""
    own = len(run.text)
    for element in [run.owner, *run.owner.iterancestors()][:4]:
        if element.tag in ("body", "article"):
            break
        if len(" ".join(element.text_content().split())) > own + 20:
            break
        if element.find(".//img") is not None:
            return True
        previous = element.getprevious()
        if (
            previous is not None
            and isinstance(previous.tag, str)
            and (previous.tag == "img" or previous.find(".//img") is not None)
            and not previous.text_content().strip()
        ):
            return True
    return False


def _not_story(run: _Run, body_classes: set[str], *, photo_essay: bool = False) -> str | None:
    """Why a run is not the story's, or ``None``. A line by a picture set apart in italics,
    centred, or ending with a photo credit, or one that is no sentence right under the
    picture in its own box, is its caption even when it wears the story's class (pasted
    from a word processor, or a site's one paragraph class, both do); a photo essay's text
    is its story."""
    caption = (
        _set_apart(run)
        or _credited(run)
        or _under_picture(run)
        or run.owner.get("class") not in body_classes
    ) and _is_caption(run)
    if caption and not photo_essay:
        return "caption"
    if run.link_share >= LINK_SHARE:
        return "teaser"
    if len(run.words) <= 12 and _DATE_LINE.search(run.text) and not run.text.endswith("."):
        return "other: a date"
    return None


def _is_caption(run: _Run) -> bool:
    """A photo's caption: in a ``figcaption`` or a caption-classed box, or alone with an
    image in its own box (a cell, a ``p``, a ``figure``), or right under an image."""
    credited = _credited(run)
    if len(run.words) > CAPTION_MAX_WORDS * (2 if _set_apart(run) or credited else 1):
        return False  # a long text by a picture is the story's, unless set apart as captions are
    if _caption_marked(run) or (_set_apart(run) and run.after_image):
        return True
    chain = [run.owner, *run.owner.iterancestors()][:4]
    if _marked_heading(run.owner):
        return False  # a subheading right under a photo is still a subheading
    own = len(run.text)
    for element in chain:
        if element.tag in ("body", "article"):
            break
        if element.tag in ("td", "th") and any(
            cell is not element and cell.find(".//img") is not None for cell in element.getparent()
        ):
            return False  # text beside a picture (a step of a recipe), not under it
        text = " ".join(element.text_content().split())
        if len(text) > own + 20:
            break
        if _picture_before(element, run):
            return True  # alone with an image in its own box
        previous = element.getprevious()
        if previous is not None and isinstance(previous.tag, str) and element.tag != "td":
            image = previous.tag == "img" or previous.find(".//img") is not None
            # Right under a picture: a caption, unless it reads as the story's sentences
            # do (a photo essay's text under each photo) and names no photographer.
            if (
                image
                and not previous.text_content().strip()
                and (_set_apart(run) or credited or not run.text.endswith(_SENTENCE_END))
            ):
                return True
    return False


def _under_picture(run: _Run) -> bool:
    """A line that is no sentence, right under a picture in its own box's flow
    (``<div class="MsoNormal"><img><br>line</div>``): the picture's caption."""
    return (
        run.after_image
        and not run.text.endswith(_SENTENCE_END)
        and run.owner.find(".//img") is not None
    )


def _picture_before(box: Any, run: _Run) -> bool:
    """A picture in ``box`` above ``run``'s line (in the line's own element, or before it):
    a caption sits under its photo; a picture after a sentence is the next one's (a story
    paragraph, a signature, then a photo, all in the second half of a split body)."""
    for element in box.iter():
        if element is run.owner:
            return run.owner.find(".//img") is not None
        if element.tag == "img":
            return True
    return False


def _set_apart(run: _Run) -> bool:
    """In italics and centred, as captions are set; an editor's note or an italic lead under
    the top photo is italic but sits flush with the story."""
    return run.italic and any(
        element.tag == "center"
        or (element.get("align") or "").lower() == "center"
        or bool(_CENTRED_STYLE.search(element.get("style") or ""))
        for element in [run.owner, *run.owner.iterancestors()][:4]
    )


def _caption_marked(run: _Run) -> bool:
    """In a ``figcaption`` or a caption-classed box."""
    return any(
        element.tag == "figcaption" or CAPTION_CLASS.search(element.get("class") or "")
        for element in [run.owner, *run.owner.iterancestors()][:4]
    )


def _photo_credit(text: str) -> tuple[str, str] | None:
    """``text`` without the photo credit it ends with, and the credit; ``None`` when it
    ends with none. The credit comes after a sentence's end, a dash, or in parentheses
    (a sentence's "hình: …" in the middle of a line is not one)."""
    found = PHOTO_CREDIT.search(text)
    if found is None or len(_words(found.group(0))) > CREDIT_MAX_WORDS:
        return None
    before = text[: found.start()].rstrip()
    rest = before.rstrip("-–—| ").rstrip()
    enclosed = found.group(0).startswith("(")
    if before and not enclosed and rest == before and not before.endswith(_SENTENCE_END):
        return None
    return rest, found.group(0)


def _credited(run: _Run) -> bool:
    """Ends with a photo credit: a picture's text."""
    return _photo_credit(run.text) is not None


def _part_of_more(
    tree: Any, facts: dict[str, str], container: Any, blocks: list[Block]
) -> str | None:
    """Why the page's text is only part of what it offers, as the page itself says: its
    schema.org markup says the text is paid for, it is a video page (``og:type`` video, a
    player in the story's box), or a line of the story says the rest is for members."""
    if facts.get("paid"):
        return facts["paid"]
    if facts.get("og:type", "").lower().startswith("video"):
        return "a video page (og:type)"
    if container.find(".//video") is not None or any(
        _PLAYER.search(frame.get("src") or "") for frame in container.iter("iframe")
    ):
        return "a video page (a player in the story)"
    for block in blocks:
        if len(_words(block.text)) <= NOTICE_MAX_WORDS and MEMBERS_NOTICE.search(block.text):
            return f"the rest is for members ({block.text!r})"
    return None


MEMBERS_NOTICE = re.compile(
    r"(?:nội dung|bài viết|bài báo|bài này|phần (?:còn lại|tiếp theo))\b.{0,20}?"
    r"dành (?:riêng )?cho (?:thành viên|hội viên|người đăng ký|tài khoản|độc giả|bạn đọc)"
    r"|(?:đăng ký|đăng nhập|mua gói|nâng cấp)\b.{0,40}?\b(?:để|mới|rồi) (?:đọc|xem) "
    r"(?:tiếp|toàn bộ|đầy đủ|trọn|hết|bài|nội dung)"
    r"|nội dung (?:trả phí|có phí|premium)",
    re.IGNORECASE,
)
"""A paywall's notice: "Nội dung dành cho thành viên", "Đăng nhập để đọc tiếp", "Nội dung
trả phí" (about the text itself: "Chương trình dành cho thành viên công đoàn" is news)."""
NOTICE_MAX_WORDS = 25
_PLAYER = re.compile(r"youtube\.com|youtu\.be|vimeo|player|/embed/|video", re.IGNORECASE)
"""An ``iframe`` that shows a video."""


def _declared_language(tree: Any) -> str | None:
    declared = tree.get("lang") or ""
    return declared.split("-")[0].lower() or None
