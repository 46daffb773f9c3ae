"""The podcast feed: RSS 2.0 with iTunes and Podcasting 2.0 tags (feedgen).

feedgen writes RSS and the iTunes tags; it knows nothing of the Podcasting 2.0 namespace,
so a small feedgen extension adds ``podcast:guid``, ``podcast:locked``,
``podcast:transcript`` and ``podcast:chapters``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from ..models import EpisodeManifest
from ..settings import Settings
from .layout import CONTENT_TYPES, FEED_FILE, PAGE_FILE, TRANSCRIPT_TYPES

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM_NS = "http://www.w3.org/2005/Atom"


class _PodcastIndex(BaseExtension):  # type: ignore[misc]
    """Channel-level Podcasting 2.0 tags."""

    def __init__(self) -> None:
        self.guid: str | None = None
        self.hub: str | None = None
        self.disclosure: str | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss_feed: Any) -> Any:
        channel = rss_feed[0]
        locked = etree.SubElement(channel, f"{{{PODCAST_NS}}}locked")
        locked.text = "no"
        if self.guid:
            etree.SubElement(channel, f"{{{PODCAST_NS}}}guid").text = self.guid
        if self.disclosure:  # Podcasting 2.0's free-form tag: the namespace has no AI tag
            etree.SubElement(
                channel, f"{{{PODCAST_NS}}}txt", purpose="disclosure"
            ).text = self.disclosure
        if self.hub:  # WebSub: subscribers learn the feed's changes from this hub
            etree.SubElement(channel, f"{{{ATOM_NS}}}link", href=self.hub, rel="hub")
        # Apple's spec now says true/false; feedgen only writes yes/no.
        for explicit in channel.iter(f"{{{ITUNES_NS}}}explicit"):
            explicit.text = {"yes": "true", "no": "false"}.get(explicit.text or "", explicit.text)
        return rss_feed


class _PodcastIndexEntry(BaseEntryExtension):  # type: ignore[misc]
    """Item-level Podcasting 2.0 tags: transcripts and chapters."""

    def __init__(self) -> None:
        self.transcripts: list[tuple[str, str, str]] = []
        self.chapters: str | None = None

    def extend_rss(self, entry: Any) -> Any:
        for url, mime, language in self.transcripts:
            etree.SubElement(
                entry,
                f"{{{PODCAST_NS}}}transcript",
                url=url,
                type=mime,
                language=language,
            )
        if self.chapters:
            etree.SubElement(
                entry,
                f"{{{PODCAST_NS}}}chapters",
                url=self.chapters,
                type="application/json+chapters",
            )
        return entry


def disclosure(manifests: list[EpisodeManifest]) -> str | None:
    """What listeners are told of how the episodes were made: synthetic voices and machine
    translation, with the engines named, in English and Vietnamese."""
    voices = sorted({v.split(":", 1)[0] for m in manifests for v in m.voices.values() if v})
    translators = sorted({t for m in manifests for t in m.translator.split(",") if t})
    if not voices and not translators:
        return None
    english = [f"The voices are synthetic ({', '.join(voices)})."] if voices else []
    vietnamese = ["Giọng đọc do máy tổng hợp."] if voices else []
    if translators:
        english.append(f"The English is machine-translated ({', '.join(translators)}).")
        vietnamese.append("Bản tiếng Anh do máy dịch.")
    return " ".join(english + vietnamese)


def clock(seconds: int, minute_digits: int = 2) -> str:
    """``seconds`` as H:MM:SS, or as MM:SS under an hour (M:SS with ``minute_digits=1``):
    the clock of ``itunes:duration``, of the chapters in a description and of the page's
    lengths (Apple's forms). WebVTT and SRT cues keep their own HH:MM:SS.mmm
    (``site/transcripts.py``)."""
    hours, minutes = divmod(seconds // 60, 60)
    if hours:
        return f"{hours}:{minutes:02}:{seconds % 60:02}"
    return f"{minutes:0{minute_digits}}:{seconds % 60:02}"


MIN_DESCRIPTION_CHAPTERS = 3
"""Apple and Spotify read chapters from a description with at least three timestamps, the
first at 00:00 (DESIGN.md, "Podcast directories")."""


def item_description(manifest: EpisodeManifest) -> str:
    """The item's description: its first paragraph, then one line per chapter
    (``01:23 Title``) when it has enough to count as chapters."""
    text = manifest.description or manifest.title
    chapters = manifest.chapters
    if len(chapters) < MIN_DESCRIPTION_CHAPTERS:
        return text
    # The first line is at 00:00 even after an intro: the listener hears it from the start.
    lines = [
        f"{clock(0 if n == 0 else c.start_ms // 1000)} {c.title}" for n, c in enumerate(chapters)
    ]
    return text + "\n\n" + "\n".join(lines)


def show_guid(settings: Settings) -> str:
    """The show's podcast:guid: a UUIDv5 of its feed URL without the scheme (the spec's rule)."""
    feed_url = f"{settings.base_url.rstrip('/')}/{FEED_FILE}"
    return str(
        uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), feed_url.split("://", 1)[-1])
    )


def episode_guid(settings: Settings, manifest: EpisodeManifest) -> str:
    """An item guid that stays the same across rebuilds of the same episode."""
    return str(uuid.uuid5(uuid.UUID(show_guid(settings)), manifest.slug))


def build_feed(
    settings: Settings,
    episodes: list[tuple[EpisodeManifest, int]],
    transcripts: dict[str, list[str]],
    cover_name: str = "cover.png",
) -> bytes:
    """The feed XML for ``episodes`` (manifest, MP3 size in bytes), newest first.

    ``transcripts`` maps a slug to the transcript file suffixes that exist for it.
    """
    base = settings.base_url.rstrip("/")
    feed = FeedGenerator()
    feed.load_extension("podcast")
    feed.register_extension("podcastindex", _PodcastIndex, _PodcastIndexEntry, rss=True, atom=False)
    feed.podcastindex.guid = show_guid(settings)
    manifests = [m for m, _ in episodes]
    told = disclosure(manifests)
    about = f"{settings.show_description}\n\n{told}" if told else settings.show_description
    feed.podcastindex.disclosure = told
    feed.title(settings.show_title)
    feed.description(about)
    feed.podcastindex.hub = settings.websub_hub or None
    # The feed's own link before the page's: feedgen's <link> is the last one given.
    feed.link(href=f"{base}/{FEED_FILE}", rel="self")
    feed.link(href=f"{base}/{PAGE_FILE}", rel="alternate")
    feed.language(settings.show_language)
    feed.author({"name": settings.show_author, "email": settings.show_owner_email})
    feed.image(url=f"{base}/{cover_name}", title=settings.show_title, link=f"{base}/{PAGE_FILE}")
    feed.generator("vnmedia")
    feed.podcast.itunes_author(settings.show_author)
    feed.podcast.itunes_owner(name=settings.show_owner_name, email=settings.show_owner_email)
    feed.podcast.itunes_image(f"{base}/{cover_name}")
    feed.podcast.itunes_category(settings.show_category)
    feed.podcast.itunes_explicit("yes" if settings.show_explicit else "no")
    feed.podcast.itunes_summary(about)
    newest_first = sorted(episodes, key=lambda e: (e[0].published, e[0].slug), reverse=True)
    # The feed changes when its episodes do, not at every build: lastBuildDate is the newest
    # episode's date (feedgen would put "now"), so an unchanged feed is not rewritten.
    dates = [datetime.fromisoformat(m.published) for m, _ in episodes if m.published]
    feed.lastBuildDate(max(dates) if dates else datetime(1970, 1, 1, tzinfo=UTC))
    for manifest, size in newest_first:
        item = feed.add_entry(order="append")
        guid = episode_guid(settings, manifest)
        item.guid(guid, permalink=False)
        item.title(manifest.title)
        item.description(item_description(manifest))
        # An article read from the web links to its original; one from a file to its page.
        item.link(href=manifest.url or f"{base}/{PAGE_FILE}#{manifest.slug}")
        if manifest.published:
            item.pubDate(datetime.fromisoformat(manifest.published))
        item.enclosure(f"{base}/episodes/{manifest.audio}", str(size), CONTENT_TYPES[".mp3"])
        item.podcast.itunes_duration(clock(round(manifest.duration_ms / 1000)))
        if manifest.episode:
            item.podcast.itunes_episode(manifest.episode)
        for suffix in transcripts.get(manifest.slug, []):
            language = suffix.split(".")[1] if suffix.count(".") == 2 else "vi"
            item.podcastindex.transcripts.append(
                (
                    f"{base}/episodes/{manifest.slug}{suffix}",
                    TRANSCRIPT_TYPES[suffix[-4:]],
                    language,
                )
            )
        item.podcastindex.chapters = f"{base}/episodes/{manifest.slug}.chapters.json"
    return bytes(feed.rss_str(pretty=True))
