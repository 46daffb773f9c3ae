"""Headlines for articles that came without one, written by a language model.

An article without a title line gets a title derived from its opening words
(``text/split.py``); it names the episode in the feed, the page, the file name and the
tags, but a clause cut from the first sentence often says little. When the translator is
a language model (``--translator llm``), it is asked for a Vietnamese headline instead,
from the article's opening paragraphs: once per article (cached like a translation, by
the model, the prompt and the text), checked (one line, :data:`SYLLABLES` long, in
Vietnamese), and, like a derived title, never spoken: the source did not say it. A
headline that fails the check, or a model that cannot answer, leaves the derived title.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace

from ..engines.base import Translator
from ..errors import EngineError
from ..models import Article
from ..runtime.cache import Cache, cache_key
from ..runtime.resilience import Guards, Tally
from ..text.letters import has_vietnamese_letter

log = logging.getLogger(__name__)

SYLLABLES = (5, 20)
"""How many syllables a written headline may have (news headlines run 8-16)."""
OPENING_CHARS = 1500
"""How much of the article the model reads: its first paragraphs hold the story."""

_WRAPPING = "\"'“”‘’«»*`"


def opening(article: Article) -> str:
    """The first paragraphs of ``article``, up to :data:`OPENING_CHARS`."""
    kept: list[str] = []
    for paragraph in article.paragraphs:
        if kept and sum(len(text) for text in kept) + len(paragraph.text) > OPENING_CHARS:
            break
        kept.append(paragraph.text)
    return "\n\n".join(kept)[: OPENING_CHARS * 2]


def checked_headline(written: str) -> str | None:
    """The headline as it may be used, or ``None`` when it is not one: more than one line,
    too short or too long, or not Vietnamese."""
    text = written.strip().strip(_WRAPPING).strip()
    text = re.sub(r"[.!?…]+$", "", text).strip()
    if not text or "\n" in text:
        return None
    if not SYLLABLES[0] <= len(text.split()) <= SYLLABLES[1]:
        return None
    if not has_vietnamese_letter(text):
        return None
    return text


def write_headlines(
    articles: Sequence[Article],
    translators: Sequence[Translator],
    *,
    cache: Cache,
    guards: Guards,
    calls: Tally,
) -> tuple[list[Article], list[str]]:
    """``articles`` with a written headline for each whose title was derived (by the first
    of ``translators`` that writes headlines; none: unchanged), and the warnings."""
    writer = next((t for t in translators if t.writes_headlines), None)
    if writer is None:
        return list(articles), []
    result, warnings = [], []
    for article in articles:
        if not article.title_derived or not article.paragraphs:
            result.append(article)
            continue
        text = opening(article)
        key = cache_key("headline", engine=writer.name, options=writer.cache_identity(), text=text)
        written = cache.get_text("translation", key)  # a text the translator wrote
        if written is None:

            def request(text: str = text) -> str:
                calls.add(writer.name)
                return writer.headline(text)

            try:
                written = guards.call(writer.service, request)
            except EngineError as exc:
                note = f"{article.source}: no headline written ({exc}): derived title kept"
                warnings.append(note)
                result.append(article)
                continue
            cache.put_text("translation", key, written)
        headline = checked_headline(written)
        if headline is None:
            warnings.append(
                f"{article.source}: the headline {writer.name} wrote ({written[:80]!r}) is "
                f"not one line of {SYLLABLES[0]}-{SYLLABLES[1]} Vietnamese words: derived "
                "title kept"
            )
            result.append(article)
            continue
        result.append(replace(article, title=headline, title_by=writer.name))
    for note in warnings:
        log.warning(note)
    return result, warnings
