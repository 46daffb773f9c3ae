"""Stage 7, feed: the output folder's shared files, from the episode manifests.

``feed.xml``, ``index.html`` and ``cover.png`` are rebuilt from whatever complete episodes
the folder holds (``vnmedia feed`` does only this, with no synthesis), so they always list
exactly the episodes that exist.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..batch.files import write_if_changed
from ..models import EpisodeManifest
from ..settings import Settings
from .episode import EPISODES_DIR
from .feed import build_feed
from .page import build_page
from .tags import load_cover

FEED_FILE = "feed.xml"
PAGE_FILE = "index.html"
DECK_FILE = "cards.apkg"
"""The Anki deck ``build --cards`` writes (``publish/cards.py``); the page links to it."""


def load_manifests(output: Path) -> list[tuple[EpisodeManifest, Path]]:
    """Every complete episode in ``output``: its manifest and MP3 path."""
    episodes = []
    for path in sorted((output / EPISODES_DIR).glob("*.json")):
        if path.name.endswith(".chapters.json"):
            continue
        try:
            manifest = EpisodeManifest.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            continue  # not a manifest of ours
        mp3 = path.with_name(manifest.audio)
        if mp3.is_file():
            episodes.append((manifest, mp3))
    return episodes


def listed_episodes(settings: Settings) -> list[tuple[EpisodeManifest, Path]]:
    """The episodes the feed and page list: the newest ``keep_episodes`` (all when 0),
    newest first."""
    episodes = sorted(
        load_manifests(Path(settings.output)),
        key=lambda e: (e[0].published, e[0].slug),
        reverse=True,
    )
    return episodes[: settings.keep_episodes] if settings.keep_episodes else episodes


def transcript_suffixes(mp3: Path, slug: str) -> list[str]:
    """The transcript files an episode has, by suffix."""
    return [
        suffix
        for suffix in (".vi.vtt", ".en.vtt", ".vtt", ".vi.srt", ".en.srt")
        if (mp3.with_name(f"{slug}{suffix}")).is_file()
    ]


def publish_site(settings: Settings) -> int:
    """Write the feed, the page and the cover; returns how many episodes they list.

    A file whose content would not change is left as it is.
    """
    output = Path(settings.output)
    episodes = listed_episodes(settings)
    manifests = [m for m, _ in episodes]
    transcripts = {m.slug: transcript_suffixes(mp3, m.slug) for m, mp3 in episodes}
    sized = [(m, mp3.stat().st_size) for m, mp3 in episodes]
    cover = load_cover(settings)
    write_if_changed(output / cover_file(cover.mime), cover.data)
    feed = build_feed(settings, sized, transcripts, cover_file(cover.mime))
    write_if_changed(output / FEED_FILE, feed)
    deck = DECK_FILE if (output / DECK_FILE).is_file() else None
    page = build_page(settings, manifests, cover_file(cover.mime), deck)
    write_if_changed(output / PAGE_FILE, page.encode("utf-8"))
    return len(episodes)


def cover_file(mime: str) -> str:
    """The cover's file name in the output folder."""
    return "cover.png" if mime == "image/png" else "cover.jpg"
