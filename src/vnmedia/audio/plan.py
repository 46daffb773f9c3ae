"""Stage 3, plan: an article and its translations → the segments to speak, in order.

The plan is a list of *units* (the title, then each paragraph); each unit holds its
segments in the order the listener hears them (``--order``). Assembly puts the short
language pause between the segments of a unit and the long pause after each unit.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Article, Segment, SegmentKind, Unit
from ..translation.translate import TranslatedText


def languages_for(order: str) -> list[str]:
    """The languages spoken for each unit, in order: ``"en-vi"`` → ``["en", "vi"]``."""
    return order.split("-")


def plan_episode(
    article: Article, english: Sequence[TranslatedText] | None, order: str
) -> list[Unit]:
    """Segments for the title and every paragraph, grouped per unit.

    A derived title (``article.title_derived``) gets no unit: the episode opens with the
    first paragraph.

    ``english`` holds one translation per unit (title first); it may be ``None`` when
    ``order`` is ``"vi"``. A missing translation still gets a segment (with ``text=None``)
    so the manifest records it.
    """
    langs = languages_for(order)
    if "en" in langs and (english is None or len(english) != len(article.paragraphs) + 1):
        raise ValueError("plan_episode needs one translation per title and paragraph")
    units: list[Unit] = []
    sources = [(article.title, None), *((p.text, p.section) for p in article.paragraphs)]
    for number, (vietnamese, section) in enumerate(sources):
        if number == 0 and article.title_derived:
            continue  # a title made from the first sentence is not spoken: it would repeat it
        kind: SegmentKind = "title" if number == 0 else "paragraph"
        unit: Unit = []
        for lang in langs:
            if lang == "vi":
                unit.append(Segment(kind, number, "vi", vietnamese, "source", section))
            else:
                assert english is not None  # checked above
                translated = english[number]
                unit.append(
                    Segment(kind, number, "en", translated.text, translated.origin, section)
                )
        units.append(unit)
    return units
