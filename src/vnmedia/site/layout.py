"""The site's file names and what each kind of file is served as.

One place for what the writers (``feed.py``, ``page.py``, ``rebuild.py``, ``cards.py``), the
checker, the local server and publishing must agree on; it imports nothing, so every module
of ``site/`` and ``publish/`` can import it.
"""

from __future__ import annotations

FEED_FILE = "feed.xml"
"""The podcast feed, at the root of the output folder (and of the public address)."""
PAGE_FILE = "index.html"
"""The player page, beside the feed."""
DECK_FILE = "cards.apkg"
"""The Anki deck ``build --cards`` writes (``site/cards.py``); the page links to it."""

TRANSCRIPT_TYPES = {".vtt": "text/vtt", ".srt": "application/srt"}
"""The transcripts' types, as the feed's ``podcast:transcript`` tags state them."""
CONTENT_TYPES = {
    ".mp3": "audio/mpeg",
    **TRANSCRIPT_TYPES,
    ".json": "application/json",
    ".xml": "application/rss+xml",
    ".html": "text/html; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".tsv": "text/tab-separated-values; charset=utf-8",
    ".apkg": "application/octet-stream",
}
"""What each file of the site is served as (``serve`` and object stores say so, the feed's
enclosures state it; ``check`` expects it)."""
