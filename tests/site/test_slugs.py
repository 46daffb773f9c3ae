"""Episode file names: readable, unique, safe."""

from __future__ import annotations

from vnmedia.site.episode import SlugAllocator


def test_slugs():
    slugs = SlugAllocator()
    assert slugs.allocate("Hà Nội: Đẩy mạnh…") == "ha-noi-day-manh"
    assert slugs.allocate("Hà Nội: Đẩy mạnh…") == "ha-noi-day-manh-2"
    assert slugs.allocate("../..//") == "episode"
    assert slugs.allocate("Tin 🎉 vui") == "tin-vui"
    long_slug = slugs.allocate("Rất dài " * 40)
    assert len(long_slug) <= 80 and not long_slug.endswith("-")
