"""English for the words worth learning: the newsroom's glossary first, then the translator.

The translator gets all of an episode's words in one request, a word a line, like a
paragraph's sentences (cached like any translation); when its lines do not match the words
one to one, each word is asked alone. A word nobody can translate keeps no English rather
than failing the episode: the word is still worth learning.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from ..errors import EngineError
from ..text.glossary import Glossary
from ..text.words import StudyWord
from .translate import Mapper, TranslatedText, TranslationService

log = logging.getLogger(__name__)


def gloss_words(
    words: list[StudyWord],
    glossary: Glossary,
    service: TranslationService,
    mapper: Mapper[str, TranslatedText] = map,
) -> list[StudyWord]:
    """``words`` with their English (``None`` where neither knows it)."""
    english = {w.word: glossary.lookup(w.word) for w in words}
    asked = [word for word, known in english.items() if known is None]
    if asked:
        try:
            answers = service.translate_lines(asked) or service.translate_all(asked, mapper)
        except EngineError as exc:
            log.warning("words worth learning left without English: %s", exc)
            answers = [TranslatedText(None, "missing")] * len(asked)
        english.update((word, answer.text) for word, answer in zip(asked, answers, strict=True))
    return [replace(w, english=english[w.word]) for w in words]
