"""A news page's article: main text, title, date, author, site and language (trafilatura).

trafilatura finds the main text and the metadata (JSON-LD, Open Graph, meta tags). Two
things it does not do well on Vietnamese news pages, so this module does them:

- **the lead**: the big sites print the lead (the *sapo*) as a heading or a paragraph
  *above* the article body (``h2.detail-sapo``, ``p.description``, ``p.the-article-summary``),
  and trafilatura often leaves it out. An element whose class names a lead and whose text
  the extraction lacks is put back in front.
- **page chrome**: what is left of comment boxes, share bars and app banners ("Bình luận
  (0)", "Tối đa: 1500 ký tự", "Tải ứng dụng:") is dropped by the reader's noise audit
  (``text/pieces.py``), like any widget line in a file.

Captions and related-story boxes are dropped by trafilatura itself; what slips through is
caught by the same audit (``bench/bench_extract.py`` measures both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import html as lxml_html

LEAD_CLASS = re.compile(r"sapo|description|summary|\blead\b|chapeau|excerpt", re.IGNORECASE)
"""Class names the big Vietnamese sites (and most news sites) give the lead."""
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_EMPHASIS = re.compile(r"\*\*|__")
_LIST_MARK = re.compile(r"^[-*]\s+")


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


def extract_article(page: str, url: str) -> WebArticle | None:
    """The article in an HTML page, or ``None`` when the page holds no article text."""
    # Imported here, when a page is read: trafilatura brings jusText and lxml's HTML
    # cleaner, which a build of text files never needs (and an install may lack).
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(
        page,
        url=url,
        include_comments=False,
        include_tables=True,
        include_formatting=True,
        include_links=False,
        with_metadata=True,
        deduplicate=False,
    )
    if not isinstance(document, Document) or not (document.text or "").strip():
        return None
    lines = [_plain(line) for line in (document.text or "").splitlines()]
    lines = [line for line in lines if line]
    title = " ".join((document.title or "").split())
    if lines and title and lines[0] == title:
        lines.pop(0)  # the headline, repeated as the text's first heading
    tree = _parse(page)
    lead = _lead(tree, lines) if tree is not None else None
    if lead:
        lines.insert(0, lead)
    return WebArticle(
        title=title,
        text="\n\n".join(lines),
        published=document.date or None,
        author=document.author or None,
        site=document.sitename or None,
        language=_declared_language(tree),
    )


def _plain(line: str) -> str:
    """A line of trafilatura's Markdown as plain text (headings keep their own line)."""
    line = _HEADING_MARK.sub("", line.strip())
    line = _LIST_MARK.sub("", line)
    return " ".join(_EMPHASIS.sub("", line).split())


def _parse(page: str) -> lxml_html.HtmlElement | None:
    try:
        return lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return None


def _lead(tree: lxml_html.HtmlElement, lines: list[str]) -> str | None:
    """The page's lead when the extraction lost it: the first element after the headline
    classed as a lead, a sentence or more long, not already in the text, and — when the
    page has a meta description, which news sites fill with the lead — sharing most of its
    words with it (a site slogan or a video's blurb does not)."""
    described = _words(_meta_description(tree))
    headline = next(tree.iter("h1"), None)
    seen_headline = headline is None
    for element in tree.iter():
        if element is headline:
            seen_headline = True
            continue
        if not seen_headline or element.tag not in LEAD_TAGS:
            continue
        if not LEAD_CLASS.search(element.get("class") or ""):
            continue
        text = " ".join(element.text_content().split())
        words = _words(text)
        if len(words) < 8:
            continue
        if any(text in line or line in text for line in lines[:3] if len(line) > 20):
            return None
        if described and len(words & described) < 0.5 * min(len(words), len(described)):
            continue
        return text
    return None


LEAD_TAGS = {"h2", "h3", "p", "div", "span"}


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def _meta_description(tree: lxml_html.HtmlElement) -> str:
    for name in ("og:description", "description"):
        for meta in tree.iter("meta"):
            if name in (meta.get("property"), meta.get("name")):
                return meta.get("content") or ""
    return ""


def _declared_language(tree: lxml_html.HtmlElement | None) -> str | None:
    if tree is None:
        return None
    declared = tree.get("lang") or ""
    return declared.split("-")[0].lower() or None
