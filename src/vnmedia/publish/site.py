"""Stage 7, feed: the output folder's shared files, from the episode manifests.

``feed.xml``, ``index.html`` and ``cover.png`` are rebuilt from whatever complete episodes
the folder holds (``vnmedia feed`` does only this, with no synthesis), so they always list
exactly the episodes that exist.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..batch.files import atomic_path
from ..models import EpisodeManifest
from ..settings import Settings
from .episode import EPISODES_DIR
from .feed import build_feed
from .page import build_page
from .tags import load_cover

FEED_FILE = "feed.xml"
PAGE_FILE = "index.html"


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


def publish_site(settings: Settings) -> int:
    """Write the feed, the page and the cover; returns how many episodes they list."""
    output = Path(settings.output)
    episodes = load_manifests(output)
    manifests = [m for m, _ in episodes]
    transcripts = {
        m.slug: [
            suffix
            for suffix in (".vi.vtt", ".en.vtt", ".vtt", ".vi.srt", ".en.srt")
            if (mp3.with_name(f"{m.slug}{suffix}")).is_file()
        ]
        for m, mp3 in episodes
    }
    sized = [(m, mp3.stat().st_size) for m, mp3 in episodes]
    cover = load_cover(settings)
    cover_name = "cover.png" if cover.mime == "image/png" else "cover.jpg"
    with atomic_path(output / cover_name) as temporary:
        temporary.write_bytes(cover.data)
    with atomic_path(output / FEED_FILE) as temporary:
        temporary.write_bytes(build_feed(settings, sized, transcripts, cover_name))
    with atomic_path(output / PAGE_FILE) as temporary:
        temporary.write_text(build_page(settings, manifests, cover_name), encoding="utf-8")
    return len(episodes)
