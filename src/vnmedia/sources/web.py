"""Web inputs → articles: an article URL, a feed, a sitemap, or the URLs of a ``.urls`` file.

A web page is one article: its story (``extract.py``: headline, lead, paragraphs and
subheadings in page order) becomes the article's title, paragraphs and sections, each block
also through the file reader's noise audit (widgets, teasers, bylines, credits), with no
search for where articles start. Each URL that fails has its own one-line error; the
others go on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..errors import EngineError, InputError
from ..models import Article, Dropped, Paragraph
from ..text.markup import resolve_markup
from ..text.pieces import Piece, read_pieces
from ..text.split import derive_title
from .extract import Block, WebArticle, extract_article
from .fetch import Page, WebClient
from .files import SourceFile, vietnamese_share
from .listings import (
    Link,
    clean_url,
    feed_links,
    is_cut_off,
    iso_time,
    listing_kind,
    looks_like_listing,
    select,
    sitemap_links,
)

MIN_ARTICLE_WORDS = 60
"""Fewer words of article text is a short story (a brief, a reader's photo post) or a stub
(a paywall's teaser, a video's blurb): read, with a warning, only when the page does not
say that its text is part of more (:attr:`WebArticle.part_of_more`)."""
MIN_STORY_WORDS = 20
"""Fewer words than a sentence or two is no story, however the page presents it."""
MIN_SENTENCES = 2
"""An article has lines that end as sentences do; a home page's or a gallery's text is
headlines and labels, however many words they add up to."""
MIN_VIETNAMESE_SHARE = 0.12
"""Share of letters with Vietnamese diacritics below which a text is not Vietnamese (news
text ≈ 0.3, English 0)."""


def read_article_page(
    page: str, url: str, published: str | None = None, *, warn: Callable[[str], None] | None = None
) -> Article:
    """The article of an HTML page; InputError says why a page holds none. A short story
    (fewer than :data:`MIN_ARTICLE_WORDS`) is read and ``warn`` told so."""
    found = extract_article(page, url)
    if found is not None:
        if vietnamese_share(found.text) < MIN_VIETNAMESE_SHARE:
            language = f" (it says {found.language!r})" if found.language else ""
            raise InputError(f"{url}: the article is not in Vietnamese{language}")
        _check_length(url, len(found.text.split()), found)
    if found is None or _sentences(found.text) < MIN_SENTENCES:
        raise InputError(
            f"{url}: no article text on this page (a home page, a video or a gallery?)"
        )
    article = _article(found, url)
    # Again once the noise audit has dropped what is not spoken.
    words = sum(len(p.text.split()) for p in article.paragraphs)
    _check_length(url, words, found)
    if words < MIN_ARTICLE_WORDS and warn is not None:
        warn(
            f"{url}: a short story, {words} words: read (check it is the whole story, not "
            "a teaser of a longer one)"
        )
    return replace(article, published=published or iso_time(found.published), author=found.author)


NOT_SPOKEN = {"caption", "byline", "widget", "teaser", "note"}
"""What the file reader's noise audit (``text/pieces.py``) drops from a page's block too."""


def _article(found: WebArticle, url: str) -> Article:
    """The page's story as an article: its blocks in order, a subheading opening a section;
    what a file's reader would drop as noise (widgets, teasers, bylines) is dropped too."""
    dropped = list(found.dropped)
    kept: list[tuple[Block, list[Piece]]] = []
    for block in found.blocks:
        # Entities a page escaped twice (&amp;nbsp;) survive the extractors: never spoken.
        pieces = read_pieces(resolve_markup(block.text))
        noise = [p for p in pieces if p.kind in NOT_SPOKEN]
        dropped.extend(Dropped(p.text, p.kind) for p in noise)
        story = [p for p in pieces if p.kind not in NOT_SPOKEN]
        if story:
            kept.append((block, story))
    last_body = max(
        (n for n, (_, pieces) in enumerate(kept) if any(p.kind == "body" for p in pieces)),
        default=len(kept),
    )
    paragraphs: list[Paragraph] = []
    section: str | None = None
    heading_last = False
    for number, (block, pieces) in enumerate(kept):
        if number > last_body and all(p.kind == "name" for p in pieces):
            dropped.append(Dropped(block.text, "byline"))  # a signature after the story
            continue
        text = " ".join(p.text for p in pieces)
        if block.kind == "heading":
            if number >= last_body:
                dropped.append(Dropped(text, "other"))
            else:
                # Two headings in a row (a box's title, then its first subheading): one.
                section = f"{section}. {text}" if heading_last and section else text
            heading_last = True
            continue
        heading_last = False
        paragraphs.append(Paragraph(text, section))
    title = resolve_markup(found.title) if found.title else derive_title(found.text)
    return Article(
        title,
        tuple(paragraphs),
        url,
        dropped=tuple(dropped),
        title_derived=not found.title,
        url=url,
    )


def _check_length(url: str, words: int, found: WebArticle) -> None:
    """InputError when ``words`` are too few for a story (:data:`MIN_STORY_WORDS`), or for
    an article (:data:`MIN_ARTICLE_WORDS`) on a page that says its text is part of more.

    A producer asked for this page: a real short story (a brief, a reader's photo post of
    two sentences) is read rather than lost, and the run warns; a paywall's teaser or a
    video's blurb is refused when the page says it is one (its schema.org markup, a
    player in the story, a members-only notice)."""
    if words < MIN_STORY_WORDS:
        raise InputError(f"{url}: only {words} words of article text (a stub?)")
    if words < MIN_ARTICLE_WORDS and found.part_of_more:
        raise InputError(
            f"{url}: only {words} words of article text, and {found.part_of_more}: a stub"
        )


def _sentences(text: str) -> int:
    """Lines of ``text`` that end as a sentence does."""
    return sum(1 for line in text.splitlines() if line.rstrip().endswith(SENTENCE_ENDS))


SENTENCE_ENDS = tuple('.?!…"”»)')


class WebReader:
    """Reads web inputs through a :class:`WebClient`."""

    def __init__(
        self, client: WebClient, *, since: str | None = None, max_items: int | None = None
    ) -> None:
        self.client = client
        self.since = since
        self.max_items = max_items
        self._seen: set[str] = set()
        self._warnings: list[str] = []

    @property
    def warnings(self) -> list[str]:
        """What the producer should know although nothing failed (a feed cut off, a long
        robots.txt or Crawl-delay)."""
        return [*self._warnings, *self.client.warnings]

    def read(self, url: str) -> list[SourceFile]:
        """A page's article, or one result per article a feed or sitemap lists."""
        try:
            url = clean_url(url)
        except InputError as exc:
            return [_failed(url, exc)]
        if url in self._seen:
            return []  # given twice (or also listed by a feed read before): built once
        self._seen.add(url)
        try:
            page = self.client.get(url)
            kind = listing_kind(page.text, page.content_type)
            if kind is None:
                if looks_like_listing(url):
                    raise InputError(_not_a_listing(page))
                return [self._article(page, Link(url))]
            links = self._links(page, kind)
        except (EngineError, InputError) as exc:
            return [_failed(url, exc)]
        # The items of a listing that did not change are taken from the cache without
        # asking again: a daily run with nothing new costs one conditional request.
        fresh = [link for link in links if link.url not in self._seen]
        self._seen.update(link.url for link in fresh)
        return [self._article_at(link, revalidate=page.changed) for link in fresh]

    def _links(self, page: Page, kind: str) -> list[Link]:
        if kind == "feed":
            links = feed_links(page.text, page.final_url)
            if is_cut_off(page.text):
                self._warnings.append(
                    f"{page.url}: the feed is cut off (it ends in the middle, before its "
                    f"closing tag): only its first {len(links)} item(s) were read"
                )
        else:
            links, children = sitemap_links(page.text, page.final_url)
            for child in children:  # one sitemap of an index that fails loses only its links
                try:
                    listed = self.client.get(child.url)
                    links += sitemap_links(listed.text, listed.final_url)[0]
                except (EngineError, InputError) as exc:
                    self._warnings.append(f"{page.url}: one of its sitemaps is skipped: {exc}")
            if children and not links:
                raise InputError(f"{page.url}: none of the index's sitemaps can be read")
        return select(links, self.since, self.max_items)

    def _article_at(self, link: Link, *, revalidate: bool) -> SourceFile:
        try:
            return self._article(self.client.get(link.url, revalidate=revalidate), link)
        except (EngineError, InputError) as exc:
            return _failed(link.url, exc)

    def _article(self, page: Page, link: Link) -> SourceFile:
        if listing_kind(page.text, page.content_type) is not None:
            raise InputError(f"{link.url}: a feed or sitemap, not an article page")
        article = read_article_page(page.text, link.url, link.published, warn=self._warnings.append)
        return SourceFile(link.url, (article,), "utf-8")


def _failed(url: str, error: EngineError | InputError) -> SourceFile:
    """``url``'s one-line error (the URL said once: it is the source), left to retry when a
    rerun may well get it."""
    message = str(error).removeprefix(f"{url}: ")
    retry = isinstance(error, EngineError) and error.retryable
    return SourceFile(url, (), None, (message,), (message,) if retry else ())


def _not_a_listing(page: Page) -> str:
    """The error for a feed's or sitemap's URL that served a web page."""
    found = _FEED_LINK.search(page.text)
    hint = f"; its feed may be {found.group(1)}" if found else ""
    return f"this is a web page, not a feed or sitemap ({page.content_type or 'no type'}){hint}"


_FEED_LINK = re.compile(
    r"""<link[^>]+type=["']application/(?:rss|atom)\+xml["'][^>]*href=["']([^"']+)""",
    re.IGNORECASE,
)
