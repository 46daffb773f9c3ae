"""The engine contract (one method plus capability attributes) and the name registry."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from ..errors import EngineError, UnknownEngineError
from ..models import Clip
from ..runtime.resilience import call_with_deadline, retry_after, why_unreachable
from ..settings import Settings

OFFLINE_HINT = {
    "tts": "--tts espeak speaks offline",
    "translator": "--translator ct2 (a local model) or none (the memory only) work offline",
}


def unreachable(engine: str, host: str, exc: BaseException, kind: str) -> EngineError:
    """The retryable error for a service that could not be reached, in a producer's words
    ("cannot reach HOST (its name does not resolve): check the network ..."), never the
    client library's repr of its connection objects."""
    return EngineError(
        f"cannot reach {host} ({why_unreachable(exc)}): check the network, or {OFFLINE_HINT[kind]}",
        engine=engine,
        retryable=True,
    )


@dataclass(frozen=True)
class Voice:
    """A voice an engine offers: its name (what ``--voice-vi``/``--voice-en`` take)."""

    name: str
    lang: str
    gender: str = ""


class Engine(ABC):
    """What every engine declares about itself."""

    name: ClassVar[str]
    """Registry name."""
    languages: ClassVar[frozenset[str]]
    """Language codes the engine handles."""
    max_chars: ClassVar[int]
    """Longest text one call accepts; the stage chunks longer text before calling."""
    needs_network: ClassVar[bool]
    """Whether the engine talks to a web service."""
    service: ClassVar[str | None] = None
    """The web service it talks to; engines of one service share its rate limit and
    circuit breaker (gtts and google both talk to Google). ``None`` for local engines."""

    def cache_identity(self) -> dict[str, object]:
        """Everything besides the text that changes this engine's output (voice, accent,
        speed, options). Part of every cache key; must never contain a secret."""
        return {}

    def probe_url(self) -> str | None:
        """Where the engine's own server is, when the user chose it (LibreTranslate, a
        language-model server); ``None``: the service's usual address is probed."""
        return None

    def unavailable_reason(self) -> str | None:
        """Why the engine cannot work on this machine right now, or ``None`` if it can.

        Cheap local checks only; network reachability is probed once per run elsewhere.
        """
        return None

    def load(self) -> None:
        """Load what the engine reads from disk (a model) now, raising ConfigError if it
        is broken: a build reports that once, before any article, not once per article."""
        return None


class TTSEngine(Engine):
    """Turns text into speech."""

    speaks_at_speed: bool = False
    """Whether the engine applies ``Settings.speed`` itself (its own speaking rate);
    otherwise the speak stage time-stretches its clips."""
    varies_pace: bool = False
    """Whether :meth:`synthesize_at` speaks at another pace for one request (a drill step
    such as ``vi@0.75``); otherwise the speak stage time-stretches the usual clip."""
    wants_normalized_text: bool = True
    """Whether the engine is given the text's spoken form (numbers, dates, abbreviations
    written out) rather than the text as written."""

    @property
    def native_rate(self) -> int:
        """The sample rate the engine speaks at (episodes use it unless told otherwise)."""
        return 24000

    def voice_name(self, lang: str) -> str:
        """The voice ``lang`` is spoken with (recorded in the manifest and the tags)."""
        return lang

    def list_voices(self) -> tuple[Voice, ...]:
        """The voices this engine offers for its languages (``vnmedia voices``)."""
        return ()

    def voice_problem(self, lang: str) -> str | None:
        """Why the voice chosen for ``lang`` cannot speak it (``None``: it can, or the
        engine finds out only when it speaks). Asked once, before a build starts."""
        return None

    @abstractmethod
    def synthesize(self, text: str, lang: str) -> Clip:
        """Speak ``text`` (at most ``max_chars`` long) in ``lang``; raise EngineError."""

    def synthesize_at(self, text: str, lang: str, pace: float) -> Clip:
        """Like :meth:`synthesize`, ``pace`` times as fast as the language's usual pace
        (only engines that declare ``varies_pace`` are asked)."""
        raise NotImplementedError(f"{self.name} speaks at one pace only")


class Translator(Engine):
    """Translates text between languages."""

    batch_chars: ClassVar[int] = 0
    """Characters one request may carry in several texts (:meth:`translate_batch`); 0 for
    translators that take one text at a time."""

    @abstractmethod
    def translate(self, text: str, source: str, target: str) -> str:
        """Translate ``text`` (at most ``max_chars`` long); raise EngineError on failure."""

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """Translate several texts (at most ``batch_chars`` in all) in one request, in
        order; only translators with ``batch_chars`` are asked."""
        return [self.translate(text, source, target) for text in texts]

    def translate_again(
        self, texts: list[str], notes: list[list[str]], source: str, target: str
    ) -> list[str]:
        """Translate ``texts`` again after a check doubted their first translation;
        ``notes`` says, per text, what it found (a translator that reads instructions,
        the language model, is told; the others simply translate once more, one text
        per request)."""
        return [self.translate(text, source, target) for text in texts]

    writes_headlines: ClassVar[bool] = False
    """Whether :meth:`headline` can write a headline for an article that has none."""

    def headline(self, opening: str) -> str:
        """A Vietnamese headline for an article from its ``opening`` paragraphs (only
        translators that write headlines are asked); raise EngineError on failure."""
        raise NotImplementedError(f"{self.name} does not write headlines")


E = TypeVar("E", bound=Engine)
Factory = Callable[[Settings], E]


class Registry(Generic[E]):
    """Engines of one kind, looked up by name. Built-ins register exactly like plugins."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._factories: dict[str, Factory[E]] = {}

    def register(self, name: str, factory: Factory[E]) -> None:
        """Make ``factory(settings)`` available as engine ``name`` (replacing any previous)."""
        self._factories[name] = factory

    def unregister(self, name: str) -> None:
        """Remove an engine (tests use this to clean up their fakes)."""
        self._factories.pop(name, None)

    def names(self) -> list[str]:
        """Registered engine names, sorted."""
        return sorted(self._factories)

    def create(self, name: str, settings: Settings) -> E:
        """A new engine instance; UnknownEngineError lists the valid names."""
        try:
            factory = self._factories[name]
        except KeyError:
            raise UnknownEngineError(
                f"unknown {self.kind} engine {name!r}; choose one of: "
                f"{', '.join(['auto', *self.names()])}"
            ) from None
        return factory(settings)


__all__ = [
    "Engine",
    "Registry",
    "TTSEngine",
    "Translator",
    "Voice",
    "call_with_deadline",
    "retry_after",
    "unreachable",
]
