"""Lists of article links: RSS/Atom feeds, sitemaps and ``.urls`` files.

Feeds are parsed by feedparser (every RSS and Atom dialect, dates normalized to UTC);
sitemaps (``urlset``, ``sitemapindex``, Google News' ``news:`` tags) by lxml. Links come out
newest first, then filtered by ``--since`` and cut to ``--max-items``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree
from requests.utils import requote_uri

from ..errors import InputError

ListingKind = Literal["feed", "sitemap", "sitemapindex"]
MAX_CHILD_SITEMAPS = 5
"""Of a sitemap index, only the newest few sitemaps are read (a news site has hundreds)."""
_INLINE_COMMENT = re.compile(r"\s#")
_ROOT_TAG = re.compile(r"<(?!\?|!)([\w:.-]+)")


@dataclass(frozen=True)
class Link:
    """An article a listing points to."""

    url: str
    published: str | None = None
    """ISO 8601 (UTC) when the listing says when the article was published or changed."""
    title: str | None = None


def is_url(text: str) -> bool:
    """Whether ``text`` is a web address: ``http`` or ``https`` (any case), then a host that
    starts with a letter or a digit (of any script: IDNA) or is an IP address, around
    spaces; the rest may hold raw spaces or Vietnamese letters, which :func:`clean_url`
    quotes. The one definition: the settings' URLs, the inputs, the links of listings and
    the site's public address (``site/address.py``) all ask it, then apply their own
    policy (a feed for localhost is a web address that no listener reaches)."""
    try:
        parts = urlsplit(text.strip())
        host = parts.hostname
    except ValueError:  # a malformed [IPv6] host
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    return host[0].isalnum() or ":" in host  # a name, an IPv4 or an IPv6 address


def clean_url(text: str, base: str | None = None) -> str:
    """``text`` as a URL that can be sent: resolved against ``base`` when relative, spaces
    and other letters percent-encoded as UTF-8 (what browsers send), a host name with
    Vietnamese letters in IDNA, no ``#fragment`` (never sent: ``page#comments`` is
    ``page``) and no ``utm_`` tags. InputError when it cannot be one."""
    url = urljoin(base, text.strip()) if base else text.strip()
    parts = urlsplit(url)
    try:
        host = parts.netloc.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InputError(f"{text.strip()}: the host name is not valid ({exc})") from None
    # Campaign tags (utm_source=rss…) only tell the site where a reader came from: without
    # them, a feed's and a list's links to one article are one URL.
    query = "&".join(p for p in parts.query.split("&") if not p.lower().startswith("utm_"))
    return requote_uri(urlunsplit((parts.scheme.lower(), host, parts.path, query, "")))


def url_key(url: str) -> str:
    """The form of ``url`` that names its article (:func:`clean_url`'s, or ``url`` itself
    when it cannot be cleaned): an episode recorded under a URL before it was cleaned is
    still found by it."""
    return _cleaned(url) or url


def listing_kind(text: str, content_type: str = "") -> ListingKind | None:
    """What kind of listing a document is, from its root element (``None``: a web page)."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    match = _ROOT_TAG.search(head)
    root = match.group(1).lower().split(":")[-1] if match else ""
    if root in ("rss", "feed", "rdf"):
        return "feed"
    if root in ("urlset", "sitemapindex"):
        return "sitemap" if root == "urlset" else "sitemapindex"
    if root == "html" or "html" in content_type:
        return None
    if "xml" in content_type or "rss" in content_type or "atom" in content_type:
        return "feed"  # an XML document that is no sitemap: read it as a feed (or fail as one)
    return None


def feed_links(text: str, url: str) -> list[Link]:
    """The items of an RSS or Atom feed (relative links resolved against ``url``), newest
    first, each article once; InputError when there are none."""
    import feedparser  # here, when a feed is read: text-file builds never load it

    parsed = feedparser.parse(text)
    links = []
    for entry in parsed.entries:
        link = _cleaned(entry.get("link") or "", url)
        if not is_url(link):
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = (
            datetime.fromtimestamp(calendar.timegm(when), tz=UTC).isoformat() if when else None
        )
        links.append(Link(link, published, entry.get("title")))
    if not links:
        if parsed.bozo:
            raise InputError(f"{url}: not a feed (broken XML: {parsed.bozo_exception})")
        if not parsed.entries:
            raise InputError(f"{url}: the feed has no items")
        raise InputError(f"{url}: no item of the feed links to an article")
    return newest_first(_once_each(links))


def is_cut_off(text: str) -> bool:
    """Whether a feed ends before its root element is closed (a download or a generator
    that stopped half-way): its last items are missing, or half there."""
    end = _TRAILING_COMMENTS.sub("", text.rstrip())
    return not _CLOSED_ROOT.search(end[-200:])


_TRAILING_COMMENTS = re.compile(r"(\s*<!--.*?-->)+$", re.DOTALL)
_CLOSED_ROOT = re.compile(r"</(?:[\w.-]+:)?(?:rss|feed|rdf)\s*>$", re.IGNORECASE)


def looks_like_listing(url: str) -> bool:
    """Whether a URL's path names a feed or a sitemap (``.rss``, ``.xml``, ``/feed``…)."""
    return bool(_LISTING_PATH.search(urlsplit(url).path))


_LISTING_PATH = re.compile(r"(\.(rss|xml|atom|rdf)|/(rss|feeds?|atom))/?$", re.IGNORECASE)


def _once_each(links: list[Link]) -> list[Link]:
    """The first link to each article (feeds that list one article many times)."""
    firsts: dict[str, Link] = {}
    for link in links:
        firsts.setdefault(link.url, link)
    return list(firsts.values())


def _cleaned(text: str, base: str | None = None) -> str:
    """``text`` as a clean URL, or ``""`` when it cannot be one."""
    try:
        return clean_url(text, base) if text.strip() else ""
    except InputError:
        return ""


def sitemap_links(text: str, url: str) -> tuple[list[Link], list[Link]]:
    """A sitemap's article links and, for a sitemap index, its child sitemaps (newest
    first both)."""
    try:
        root = etree.fromstring(
            text.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False)
        )
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{url}: not a valid sitemap ({exc})") from exc
    entries: list[Link] = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        fields = {child.tag.rsplit("}", 1)[-1]: (child.text or "").strip() for child in node.iter()}
        loc = _cleaned(fields.get("loc", ""), url)
        if is_url(loc):
            when = fields.get("publication_date") or fields.get("lastmod")
            entries.append(Link(loc, iso_time(when), fields.get("title") or None))
    if not entries:
        raise InputError(f"{url}: the sitemap lists no page")
    entries = newest_first(_once_each(entries))
    if root.tag.rsplit("}", 1)[-1] == "sitemapindex":
        return [], entries[:MAX_CHILD_SITEMAPS]
    return entries, []


def read_url_list(path: Path) -> tuple[list[str], list[str]]:
    """The URLs of a ``.urls`` file (one per line, ``#`` comments) and one problem per line
    that is not a URL."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the URL list ({exc})") from exc
    urls, problems = [], []
    for number, line in enumerate(lines, 1):
        # A comment is a line starting with "#", or "#" after a space (the "#" of
        # https://site/page#part is the URL's own).
        item = _INLINE_COMMENT.split(line, maxsplit=1)[0].strip()
        if not item or item.startswith("#"):
            continue
        url = _cleaned(item) if is_url(item) else ""
        if url:
            urls.append(url)
        else:
            problems.append(
                f"{path}:{number}: {item!r} is not a URL (write one http(s) URL a line)"
            )
    return urls, problems


def newest_first(links: list[Link]) -> list[Link]:
    """Dated links newest first, then the undated ones in their listing's order."""
    dated = sorted((link for link in links if link.published), key=_sort_key, reverse=True)
    return dated + [link for link in links if not link.published]


def select(links: list[Link], since: str | None, max_items: int | None) -> list[Link]:
    """The links published on or after ``since`` (undated ones are kept), at most
    ``max_items`` of them."""
    if since:
        cutoff = parse_time(since)
        links = [
            link for link in links if not link.published or parse_time(link.published) >= cutoff
        ]
    return links[:max_items] if max_items else links


def iso_time(value: str | None) -> str | None:
    """A date or time as ISO 8601 with a time zone (UTC when none is given)."""
    if not value:
        return None
    try:
        return parse_time(value).isoformat()
    except ValueError:
        return None


def parse_time(value: str) -> datetime:
    """``2026-12-05``, ``2026-12-05T07:30:00+07:00`` or ``…Z`` as an aware datetime."""
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _sort_key(link: Link) -> datetime:
    return parse_time(link.published or "1970-01-01")
