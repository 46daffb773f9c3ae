"""Stage 3, plan: an article and its translations → the segments to speak, in order.

The plan is a list of *units* (the title, then each paragraph); each unit holds its
segments in the order the listener hears them (``--order``). Assembly puts the short
language pause between the segments of a unit and the long pause after each unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import cast

from ..models import Article, Lang, Paragraph, Segment, SegmentKind, Translation, Unit
from ..translation.sentences import SentencePairs
from ..translation.translate import TranslatedText
from .drill import DrillStep, pattern_languages, steps_for


def languages_for(order: str) -> list[str]:
    """The languages spoken for each unit, in order: ``"en-vi"`` → ``["en", "vi"]``."""
    return order.split("-")


def with_subheadings(article: Article) -> Article:
    """The article with its subheadings spoken, as its reader sees them: each one a
    paragraph of its own (its own unit: a pause before it, a chapter of its own, its own
    translation) opening its section."""
    paragraphs: list[Paragraph] = []
    section: str | None = None
    for paragraph in article.paragraphs:
        if paragraph.section and paragraph.section != section:
            paragraphs.append(Paragraph(paragraph.section, paragraph.section))
        section = paragraph.section
        paragraphs.append(paragraph)
    return replace(article, paragraphs=tuple(paragraphs))


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


def plan_sentences(
    article: Article,
    title: TranslatedText,
    paragraphs: Sequence[SentencePairs],
    order: str,
    pattern: Sequence[DrillStep] = (),
) -> list[Unit]:
    """Like :func:`plan_episode`, but each paragraph's unit holds its sentences in pairs:
    each Vietnamese sentence, then its own English (in ``order``). A paragraph whose
    sentences could not be paired is one pair, whole (``sentence`` 0).

    A drill ``pattern`` (:mod:`~vnmedia.audio.drill`) replaces ``order`` for the pairs: each
    step a segment, at its pace; the title is heard once in each of its languages. A
    sentence's last step, or the ones the pattern marks, are followed by the repeat pause.
    """
    steps = tuple(pattern) or steps_for(cast(list[Lang], languages_for(order)))
    langs = pattern_languages(steps)
    units: list[Unit] = []
    sides: dict[str, tuple[str | None, Translation]]
    if not article.title_derived:
        sides = {"vi": (article.title, "source"), "en": (title.text, title.origin)}
        units.append([Segment("title", 0, lang, *sides[lang]) for lang in langs])
    for number, (paragraph, pairs) in enumerate(
        zip(article.paragraphs, paragraphs, strict=True), 1
    ):
        unit: Unit = []
        for position, (vietnamese, english) in enumerate(
            zip(pairs.vietnamese, pairs.english, strict=True), 1
        ):
            sides = {"vi": (vietnamese, "source"), "en": (english.text, english.origin)}
            sentence = 0 if pairs.whole else position
            unit += [
                Segment(
                    "paragraph",
                    number,
                    step.lang,
                    *sides[step.lang],
                    paragraph.section,
                    sentence=sentence,
                    pace=step.pace,
                    # A paragraph spoken whole is too long to say again from memory.
                    repeat_after=step.repeat_after and sentence != 0,
                )
                for step in steps
            ]
        units.append(unit)
    return units
