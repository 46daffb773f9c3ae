"""The site's shared files, rebuilt from the episode manifests.

``feed.xml``, ``index.html`` and ``cover.png`` are rebuilt from whatever complete episodes
the folder holds (``vnmedia feed`` does only this, with no synthesis), so they always list
exactly the episodes that exist.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..models import EpisodeManifest
from ..runtime.files import write_if_changed
from ..settings import Settings
from .episode import EPISODES_DIR
from .feed import build_feed
from .layout import DECK_FILE, FEED_FILE, PAGE_FILE
from .page import build_page
from .tags import load_cover


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


def site_documents(
    settings: Settings, episodes: list[tuple[EpisodeManifest, Path]] | None = None
) -> dict[str, bytes]:
    """The cover, page and feed for ``settings.base_url``, by file name (nothing written),
    listing ``episodes`` (default: :func:`listed_episodes`, read from the output folder).

    ``vnmedia publish`` sends these, made for the destination's public address, while the
    output folder's own copies stay made for ``vnmedia serve``.
    """
    if episodes is None:
        episodes = listed_episodes(settings)
    manifests = [m for m, _ in episodes]
    transcripts = {m.slug: transcript_suffixes(mp3, m.slug) for m, mp3 in episodes}
    sized = [(m, mp3.stat().st_size) for m, mp3 in episodes]
    cover = load_cover(settings)
    cover_name = cover_file(cover.mime)
    deck = DECK_FILE if (Path(settings.output) / DECK_FILE).is_file() else None
    return {
        cover_name: cover.data,
        PAGE_FILE: build_page(settings, manifests, cover_name, deck).encode("utf-8"),
        FEED_FILE: build_feed(settings, sized, transcripts, cover_name),
    }


def publish_site(
    settings: Settings, episodes: list[tuple[EpisodeManifest, Path]] | None = None
) -> int:
    """Write the feed, the page and the cover, listing ``episodes`` (default:
    :func:`listed_episodes`); returns how many episodes they list.

    A file whose content would not change is left as it is.
    """
    output = Path(settings.output)
    if episodes is None:
        episodes = listed_episodes(settings)
    for name, data in site_documents(settings, episodes).items():
        write_if_changed(output / name, data)
    return len(episodes)


def cover_file(mime: str) -> str:
    """The cover's file name in the output folder."""
    return "cover.png" if mime == "image/png" else "cover.jpg"
