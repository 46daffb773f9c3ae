"""Every clock the feed and page show is one formatter's (``site.feed.clock``): H:MM:SS, or
MM:SS under an hour, for ``itunes:duration`` as for the description's chapters."""

from __future__ import annotations

import pytest
from lxml import etree

from vnmedia.models import Chapter, EpisodeManifest
from vnmedia.settings import load_settings
from vnmedia.site.feed import ITUNES_NS, build_feed


def manifest(slug: str, duration_ms: int) -> EpisodeManifest:
    chapters = [
        Chapter(f"Phần {n}", start_ms, start_ms + 1000)
        for n, start_ms in enumerate((0, 60_000, duration_ms - 1000))
    ]
    return EpisodeManifest(
        title=slug,
        source=f"input/{slug}.txt",
        audio=f"{slug}.mp3",
        duration_ms=duration_ms,
        segments=[],
        chapters=chapters,
        slug=slug,
        published="2026-12-01T06:00:00+00:00",
    )


@pytest.mark.parametrize(
    ("duration_ms", "written", "last_chapter"),
    [
        (74_056, "01:14", "01:13"),
        (599_600, "10:00", "09:58"),  # rounded to the nearest second
        (3_725_400, "1:02:05", "1:02:04"),
        (36_000_000, "10:00:00", "9:59:59"),
    ],
)
def test_itunes_duration_is_written_in_the_shared_clock(duration_ms, written, last_chapter):
    settings = load_settings(base_url="https://podcast.baomoi.vn/show", config=None)
    feed = etree.fromstring(build_feed(settings, [(manifest("tin", duration_ms), 1000)], {}))
    (item,) = feed.iter("item")
    assert item.findtext(f"{{{ITUNES_NS}}}duration") == written
    # The description's chapters are in the same clock (the last one a second before the end).
    assert item.findtext("description").splitlines()[-1] == f"{last_chapter} Phần 2"
