"""Stage 2, translate: the Vietnamese title and paragraphs → English.

Human translations from the memory win; then the machine engine, if one is in use; else the
English side is marked missing. Long texts are chunked to the engine's limit here, once,
so that engines only ever see text they accept.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .chunking import split_text
from .engines.base import Translator
from .memory import TranslationMemory
from .models import Article, Translation


@dataclass(frozen=True)
class TranslatedText:
    """The English side of one title or paragraph."""

    text: str | None
    """The translation; ``None`` when missing."""
    origin: Translation
    """``"memory"``, ``"machine"`` or ``"missing"``."""


class TranslationService:
    """Memory lookups, then machine translation with chunking and call counting."""

    def __init__(
        self,
        memory: TranslationMemory,
        engine: Translator | None,
        calls: Counter[str] | None = None,
    ) -> None:
        self.memory = memory
        self.engine = engine
        self.calls: Counter[str] = Counter() if calls is None else calls

    def translate(self, text: str) -> TranslatedText:
        """English for a Vietnamese ``text``; raises EngineError when the engine fails."""
        human = self.memory.lookup(text)
        if human is not None:
            return TranslatedText(human, "memory")
        if self.engine is None:
            return TranslatedText(None, "missing")
        parts = []
        for chunk in split_text(text, self.engine.max_chars):
            self.calls[self.engine.name] += 1
            parts.append(self.engine.translate(chunk, "vi", "en"))
        return TranslatedText(" ".join(parts), "machine")


def translate_article(article: Article, service: TranslationService) -> list[TranslatedText]:
    """English for the title and then each paragraph, in order."""
    texts = [article.title, *(p.text for p in article.paragraphs)]
    return [service.translate(text) for text in texts]
