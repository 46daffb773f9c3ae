"""Stage 2, translate: the Vietnamese title and paragraphs → English.

Human translations from the memory win; then the machine engine, if one is in use; else the
English side is marked missing. Long texts are chunked to the engine's limit here, once, so
engines only ever see text they accept; each chunk is looked up in the cache before the
engine is asked, and every request goes through its service's guard (rate limit, retries,
circuit breaker).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..engines.base import Translator
from ..errors import EngineError, ReplyMismatchError
from ..models import Article, Translation
from ..runtime.cache import Cache, cache_key
from ..runtime.resilience import Guards, Tally
from ..text.chunking import split_text
from .memory import TranslationMemory

log = logging.getLogger(__name__)

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
    engine: str | None = None
    """The translator that wrote a machine translation."""


class TranslationService:
    """Memory lookups, then cached, guarded machine translation, with fallbacks.

    A translator that can take several texts in one request (``batch_chars``, the language
    model) gets an article whole, or in windows; the others get one text at a time. A text
    a translator cannot translate (after its retries) goes to the next in ``--translator``.
    """

    def __init__(
        self,
        memory: TranslationMemory,
        engine: Translator | None,
        *,
        cache: Cache | None = None,
        guards: Guards | None = None,
        calls: Tally | None = None,
        fallbacks: Sequence[Translator] = (),
    ) -> None:
        self.memory = memory
        self.engine = engine
        self.engines = [e for e in (engine, *fallbacks) if e is not None]
        self.cache = cache or Cache(None)
        self.guards = guards or Guards(rate=0)
        self.calls = calls or Tally()

    def translate(self, text: str) -> TranslatedText:
        """English for a Vietnamese ``text``; raises EngineError when every engine fails."""
        human = self.memory.lookup(text)
        if human is not None:
            return TranslatedText(human, "memory")
        if not self.engines:
            return TranslatedText(None, "missing")
        for position, engine in enumerate(self.engines):
            try:
                return self._by_chunks(engine, text)
            except EngineError as exc:
                if position + 1 == len(self.engines):
                    raise
                log.warning("%s; trying %s for this text", exc, self.engines[position + 1].name)
        raise AssertionError("unreachable: the last engine's error is raised")

    def translate_lines(self, sentences: list[str]) -> list[TranslatedText] | None:
        """English for each sentence from one request, a sentence a line (sentences in the
        memory come from there); ``None`` when the reply's lines do not match one to one
        (or it does not fit one request), so that the caller asks sentence by sentence."""
        human = [self.memory.lookup(s) for s in sentences]
        if all(h is not None for h in human):
            return [TranslatedText(h, "memory") for h in human]
        engine = self.engine
        joined = "\n".join(sentences)
        if engine is None or len(joined) > engine.max_chars:
            return None
        name = engine.name
        lines = [line.strip() for line in self._translate_chunk(engine, joined).split("\n")]
        lines = [line for line in lines if line]
        if len(lines) != len(sentences):
            log.info(
                "%d lines for %d sentences: one request per sentence", len(lines), len(sentences)
            )
            return None
        return [
            TranslatedText(h, "memory") if h is not None else TranslatedText(line, "machine", name)
            for h, line in zip(human, lines, strict=True)
        ]

    def translate_all(
        self, texts: list[str], mapper: Mapper[str, TranslatedText] = map
    ) -> list[TranslatedText]:
        """English for each text, in order: in one request per window where the translator
        takes several (names and terms stay consistent), else one text at a time."""
        engine = self.engine
        if engine is None or not engine.batch_chars:
            return list(mapper(self.translate, texts))
        results: dict[int, TranslatedText] = {}
        pending: list[int] = []
        for index, text in enumerate(texts):
            human = self.memory.lookup(text)
            if human is not None:
                results[index] = TranslatedText(human, "memory")
                continue
            cached = self.cache.get_text("translation", self._key(engine, text))
            if cached is not None:
                results[index] = TranslatedText(cached, "machine", engine.name)
            elif len(text) <= engine.batch_chars:
                pending.append(index)
            else:  # longer than a window: chunked, on its own
                results[index] = self.translate(text)
        for window in _windows(pending, texts, engine.batch_chars):
            try:
                english = self._translate_window(engine, [texts[i] for i in window])
            except EngineError as exc:
                # Text by text from here: the same engine alone, then the next ones.
                log.warning("%s; translating these %d texts one by one", exc, len(window))
                results.update((i, self.translate(texts[i])) for i in window)
                continue
            for index, text in zip(window, english, strict=True):
                self.cache.put_text("translation", self._key(engine, texts[index]), text)
                results[index] = TranslatedText(text, "machine", engine.name)
        return [results[i] for i in range(len(texts))]

    def ask_again(
        self, texts: list[str], first: list[TranslatedText], notes: list[list[str]]
    ) -> list[TranslatedText | None]:
        """A second English for each of ``texts`` whose ``first`` was doubted: from the
        translator after the one that wrote it in ``--translator`` (a plain request), else
        from that one again, told what was wrong (``notes``, one list per text: the
        language model reads them). Cached like translations; ``None`` where no translator
        could answer."""
        answers: list[TranslatedText | None] = [None] * len(texts)
        by_engine: dict[int, list[int]] = {}
        names = [e.name for e in self.engines]
        for index, doubted in enumerate(first):
            at = names.index(doubted.engine) if doubted.engine in names else -1
            if self.engines:
                by_engine.setdefault(min(at + 1, len(self.engines) - 1), []).append(index)
        for position, indices in by_engine.items():
            engine = self.engines[position]
            same = [i for i in indices if first[i].engine == engine.name]
            other = [i for i in indices if first[i].engine != engine.name]
            try:
                for index in other:
                    answers[index] = self._by_chunks(engine, texts[index])
                if same:
                    again = self._again(engine, [texts[i] for i in same], [notes[i] for i in same])
                    for index, text in zip(same, again, strict=True):
                        answers[index] = TranslatedText(text, "machine", engine.name)
            except EngineError as exc:
                log.warning("%s: the doubtful texts were not asked again", exc)
        return answers

    def _again(self, engine: Translator, texts: list[str], notes: list[list[str]]) -> list[str]:
        """``engine`` asked again, with what was wrong; each answer cached on its own."""
        keys = [
            cache_key(
                "translation",
                engine=engine.name,
                options=engine.cache_identity(),
                source="vi",
                target="en",
                text=text,
                again=note,
            )
            for text, note in zip(texts, notes, strict=True)
        ]
        cached = [self.cache.get_text("translation", key) for key in keys]
        pending = [i for i, answer in enumerate(cached) if answer is None]
        # The language model takes the doubtful texts in one request, the others one each.
        groups = [pending] if engine.batch_chars and pending else [[i] for i in pending]
        for group in groups:

            def request(group: list[int] = group) -> list[str]:
                self.calls.add(engine.name)
                return engine.translate_again(
                    [texts[i] for i in group], [notes[i] for i in group], "vi", "en"
                )

            answers = self.guards.call(engine.service, request)
            for index, answer in zip(group, answers, strict=True):
                self.cache.put_text("translation", keys[index], answer)
                cached[index] = answer
        return [answer or "" for answer in cached]

    def _translate_window(self, engine: Translator, batch: list[str]) -> list[str]:
        def request() -> list[str]:
            self.calls.add(engine.name)
            return engine.translate_batch(batch, "vi", "en")

        try:
            return self.guards.call(engine.service, request)
        except ReplyMismatchError as exc:  # asked again once: models are not deterministic
            log.warning("%s; asking again", exc)
            return self.guards.call(engine.service, request)

    @staticmethod
    def _key(engine: Translator, text: str) -> str:
        options = engine.cache_identity()
        return cache_key(
            "translation", engine=engine.name, options=options, source="vi", target="en", text=text
        )

    def _by_chunks(self, engine: Translator, text: str) -> TranslatedText:
        """``engine``'s English for ``text``, cut into chunks it accepts (each cached)."""
        chunks = split_text(text, engine.max_chars)
        english = " ".join(self._translate_chunk(engine, c) for c in chunks)
        return TranslatedText(english, "machine", engine.name)

    def _translate_chunk(self, engine: Translator, chunk: str) -> str:
        key = self._key(engine, chunk)
        cached = self.cache.get_text("translation", key)
        if cached is not None:
            return cached

        def request() -> str:
            self.calls.add(engine.name)
            return engine.translate(chunk, "vi", "en")

        result = self.guards.call(engine.service, request)
        self.cache.put_text("translation", key, result)
        return result


def _windows(indices: list[int], texts: list[str], limit: int) -> Iterator[list[int]]:
    """Consecutive texts grouped into windows of at most ``limit`` characters."""
    window: list[int] = []
    size = 0
    for index in indices:
        if window and size + len(texts[index]) > limit:
            yield window
            window, size = [], 0
        window.append(index)
        size += len(texts[index])
    if window:
        yield window


def translate_article(
    article: Article, service: TranslationService, mapper: Mapper[str, TranslatedText] = map
) -> list[TranslatedText]:
    """English for the title and then each paragraph, in order (``mapper`` may run them
    concurrently; the result order is always the article's)."""
    texts = [article.title, *(p.text for p in article.paragraphs)]
    return service.translate_all(texts, mapper)
