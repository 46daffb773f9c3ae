"""Stage 2, translate: the Vietnamese title and paragraphs → English.

Human translations from the memory win; then the machine engine, if one is in use; else the
English side is marked missing. Long texts are chunked to the engine's limit here, once, so
engines only ever see text they accept; each chunk is looked up in the cache before the
engine is asked, and every request goes through its service's guard (rate limit, retries,
circuit breaker).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from ..batch.cache import Cache, cache_key
from ..batch.resilience import Guards, Tally
from ..engines.base import Translator
from ..models import Article, Translation
from ..text.chunking import split_text
from .memory import TranslationMemory

T = TypeVar("T")
R = TypeVar("R")
Mapper = Callable[[Callable[[T], R], Iterable[T]], Iterator[R]]
"""``map``, or an executor's ``map``: how a stage spreads its engine calls over workers."""


@dataclass(frozen=True)
class TranslatedText:
    """The English side of one title or paragraph."""

    text: str | None
    """The translation; ``None`` when missing."""
    origin: Translation
    """``"memory"``, ``"machine"`` or ``"missing"``."""


class TranslationService:
    """Memory lookups, then cached, guarded machine translation of chunks."""

    def __init__(
        self,
        memory: TranslationMemory,
        engine: Translator | None,
        *,
        cache: Cache | None = None,
        guards: Guards | None = None,
        calls: Tally | None = None,
    ) -> None:
        self.memory = memory
        self.engine = engine
        self.cache = cache or Cache(None)
        self.guards = guards or Guards(rate=0)
        self.calls = calls or Tally()

    def translate(self, text: str) -> TranslatedText:
        """English for a Vietnamese ``text``; raises EngineError when the engine fails."""
        human = self.memory.lookup(text)
        if human is not None:
            return TranslatedText(human, "memory")
        if self.engine is None:
            return TranslatedText(None, "missing")
        chunks = split_text(text, self.engine.max_chars)
        return TranslatedText(" ".join(self._translate_chunk(c) for c in chunks), "machine")

    def _translate_chunk(self, chunk: str) -> str:
        engine = self.engine
        assert engine is not None
        key = cache_key(
            "translation",
            engine=engine.name,
            options=engine.cache_identity(),
            source="vi",
            target="en",
            text=chunk,
        )
        cached = self.cache.get_text("translation", key)
        if cached is not None:
            return cached

        def request() -> str:
            self.calls.add(engine.name)
            return engine.translate(chunk, "vi", "en")

        result = self.guards.call(engine.service, request)
        self.cache.put_text("translation", key, result)
        return result


def translate_article(
    article: Article, service: TranslationService, mapper: Mapper[str, TranslatedText] = map
) -> list[TranslatedText]:
    """English for the title and then each paragraph, in order (``mapper`` may run them
    concurrently; the result order is always the article's)."""
    texts = [article.title, *(p.text for p in article.paragraphs)]
    return list(mapper(service.translate, texts))
