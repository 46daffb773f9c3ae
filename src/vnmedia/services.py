"""What one process sets up once for a build, and shares between the articles it builds.

:func:`choose_engines` resolves ``auto`` (one reachability probe) into engines;
:class:`BuildServices` holds what every article of the build uses: the engines behind
their cache and guards (rate limit, retries, breaker), the pool that runs engine requests,
the cover and jingles, and the running totals for the report. With the thread executor a
build has one; with processes or Dask each worker process makes its own
(:func:`services_in_worker`), and their totals are summed.

The stages of one episode live in :mod:`vnmedia.pipeline.episode`; this module only provides them.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .audio.speak import SpeechService
from .codec import encode_mp3, load_jingle, to_segment
from .engines import translators, tts_engines
from .engines.base import Engine, Translator, TTSEngine
from .engines.network import google_reachable
from .errors import AudioError, ConfigError, EngineUnavailableError, SettingError
from .runtime.cache import Cache
from .runtime.executors import WorkerTotals
from .runtime.files import atomic_path
from .runtime.resilience import Guards, RetryPolicy, Tally
from .settings import Settings, parse_speeds, refuse
from .site.tags import load_cover
from .sources import WebReader
from .sources.fetch import WebClient
from .sources.files import ReadOptions
from .text.glossary import Glossary
from .text.lexicon import Lexicon
from .text.normalize import TextNormalizer
from .translation.faithful import Checker, NamesTable
from .translation.memory import TranslationMemory
from .translation.translate import TranslatedText, TranslationService

CACHE_DIR = ".cache"


@dataclass
class Engines:
    """The engines a build uses, after ``auto`` has been resolved."""

    tts: TTSEngine
    """The voice every episode asks for first."""
    translator: Translator | None
    """``None``: no machine translation (offline, or ``--translator none``)."""
    memory: TranslationMemory
    normalizer: TextNormalizer | None = None
    """Spoken-form normalizer, when the TTS engine wants normalized text."""
    online: bool | None = None
    """Result of the reachability probe, when one was made."""
    fallbacks: list[TTSEngine] = field(default_factory=list)
    """Engines tried, in order, for an episode ``tts`` cannot speak (``--tts edge,gtts``);
    one engine speaks the whole episode, never two voices of one language."""

    translator_fallbacks: list[Translator] = field(default_factory=list)
    """Translators a text goes to, in order, when ``translator`` cannot translate it."""

    @property
    def translator_names(self) -> str | None:
        """The translators as resolved, ``"llm,google"``, or ``None`` (how workers are told)."""
        chain = [e.name for e in [self.translator, *self.translator_fallbacks] if e]
        return ",".join(chain) or None

    @property
    def tts_names(self) -> str:
        """The TTS engines as resolved, ``"edge,gtts"`` (how workers are told)."""
        return ",".join(e.name for e in [self.tts, *self.fallbacks])


def choose_engines(settings: Settings, probe: Callable[[float], bool] | None = None) -> Engines:
    """Create the configured engines; ``auto`` probes Google once and falls back offline."""
    probe = probe or google_reachable
    online: bool | None = None

    def reachable() -> bool:
        nonlocal online
        if online is None:
            online = probe(settings.probe_timeout)
        return online

    for kind in ("tts", "translator"):
        problem = _unknown_engines(kind, getattr(settings, kind))
        if problem:
            refuse(settings, kind, problem)
    tts_names = [name.strip() for name in settings.tts.split(",") if name.strip()]
    tts_name = ",".join(
        ("gtts" if reachable() else "espeak") if name == "auto" else name
        for name in tts_names or ["auto"]
    )
    # "llm,google": the first translator, then the ones a text falls back to.
    resolved = [
        ("google" if reachable() else _offline_translator(settings)) if name == "auto" else name
        for name in (n.strip() for n in settings.translator.split(","))
        if name
    ]
    translator_name = ",".join(n for n in resolved if n != "none") or None
    engines = engines_from_names(settings, tts_name, translator_name)
    engines.online = online
    for engine in [engines.tts, *engines.fallbacks]:
        reason = engine.unavailable_reason()
        if reason:
            raise ConfigError(f"TTS engine {engine.name!r} cannot be used: {reason}")
        _check_voices(settings, engine)
    # "auto" picked google because Google answered; a named translator must say it works.
    if settings.translator != "auto":
        for translator in [engines.translator, *engines.translator_fallbacks]:
            reason = translator.unavailable_reason() if translator else None
            if translator and reason:
                raise ConfigError(f"translator {translator.name!r} cannot be used: {reason}")
    # A broken model is one error before the first article, not one per article.
    chosen: list[Engine | None] = [engines.tts, *engines.fallbacks, engines.translator]
    for chosen_engine in chosen + list(engines.translator_fallbacks):
        if chosen_engine is not None:
            chosen_engine.load()
    return engines


def _unknown_engines(kind: str, value: str) -> str | None:
    """Why a ``tts`` or ``translator`` value names no engine (``None``: it names only
    registered engines, ``auto`` or, for translators, ``none``)."""
    registry = tts_engines if kind == "tts" else translators
    label = "TTS engine" if kind == "tts" else "translator"
    keywords = ["auto"] if kind == "tts" else ["auto", "none"]
    names = [n.strip() for n in value.split(",") if n.strip()]  # none at all: auto
    unknown = [n for n in names if n not in keywords and n not in registry.names()]
    if not unknown:
        return None
    choices = ", ".join([*keywords, *registry.names()])
    if len(names) == 1:
        return f"is not a {label}: choose one of {choices}"
    return (
        f"names {unknown[0]!r}, which is not a {label}: choose among {choices} "
        "(a list: first,second)"
    )


def _check_voices(settings: Settings, engine: TTSEngine) -> None:
    """A voice asked for (``voice_vi``, ``voice_en``) that ``engine`` does not have is a
    bad setting, said before any work rather than once per article."""
    for lang in sorted(engine.languages):
        setting = f"voice_{lang}"
        voice = getattr(settings, setting, None)
        problem = engine.voice_problem(lang) if voice else None
        if problem:
            raise SettingError(setting, f"{voice!r} {problem} (--tts {engine.name})")


def check_jingles(settings: Settings) -> None:
    """Fail with a SettingError now unless ``intro``, ``outro`` and ``between`` decode as
    audio (a jingle is short: decoding it once more costs nothing next to a build)."""
    for name in ("intro", "outro", "between"):
        path = getattr(settings, name)
        if path:
            try:
                load_jingle(Path(path), sample_rate=16000)
            except AudioError as exc:
                why = str(exc).rpartition(": ")[2]
                refuse(settings, name, f"is not audio vnmedia can read ({why})")


def _offline_translator(settings: Settings) -> str:
    """What ``auto`` translates with when Google is unreachable: a local CTranslate2 model
    if one is configured and usable, else nothing (Vietnamese-only episodes)."""
    if settings.ct2_model and translators.create("ct2", settings).unavailable_reason() is None:
        return "ct2"
    return "none"


def engines_from_names(settings: Settings, tts: str, translator: str | None) -> Engines:
    """The engines a build resolved, made again from their names (in a worker process).

    ``tts`` may list fallbacks: ``"edge,gtts"``.
    """
    speech, *fallbacks = [tts_engines.create(name, settings) for name in tts.split(",")]
    translator_chain = [translators.create(n, settings) for n in (translator or "").split(",") if n]
    normalizer = (
        TextNormalizer(Lexicon.load(settings.lexicon)) if speech.wants_normalized_text else None
    )
    return Engines(
        tts=speech,
        translator=translator_chain[0] if translator_chain else None,
        translator_fallbacks=translator_chain[1:],
        memory=TranslationMemory.load(settings.memory),
        normalizer=normalizer,
        fallbacks=fallbacks,
    )


def open_cache(settings: Settings) -> Cache:
    """The cache the settings ask for (disabled with ``no_cache``)."""
    if settings.no_cache:
        return Cache(None)
    return Cache(settings.cache_dir or Path(settings.output) / CACHE_DIR)


def read_options(settings: Settings) -> ReadOptions:
    """How the settings ask input files to be read."""
    return ReadOptions(
        settings.encoding, settings.title_field, settings.body_field, settings.one_article
    )


def web_reader(settings: Settings) -> WebReader:
    """The reader of web inputs: the build's cache keeps the pages, the guards space the
    requests to each host (``--rate``) and retry what is worth retrying."""
    client = WebClient(
        open_cache(settings),
        guards_for(settings),
        contact=settings.user_agent_contact,
        timeout=settings.request_timeout,
        encoding=settings.encoding,
    )
    return WebReader(client, since=settings.since, max_items=settings.max_items)


def guards_for(settings: Settings) -> Guards:
    """Rate limits, retries and breakers as the settings ask."""
    return Guards(
        rate=settings.rate,
        policy=RetryPolicy(
            attempts=settings.retries + 1,
            initial_delay=settings.retry_delay,
            breaker_threshold=settings.breaker_threshold,
        ),
    )


class StageTimes:
    """Seconds spent per stage, added up over all articles and threads."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._lock = threading.Lock()

    @contextmanager
    def stage(self, name: str, current: list[str]) -> Iterator[None]:
        """Time the ``with`` block as stage ``name`` (and note it in ``current[0]``)."""
        current[0] = name  # so a failure can say which stage it happened in
        started = time.perf_counter()
        try:
            yield
        finally:
            with self._lock:
                total = self.seconds.get(name, 0.0) + time.perf_counter() - started
                self.seconds[name] = round(total, 3)


class BuildServices:
    """Everything the articles of one build share inside one process."""

    def __init__(self, settings: Settings, engines: Engines) -> None:
        self.id = f"{os.getpid()}-{id(self)}"
        # The episode rate: as configured, else the voice's own, so clips need no resampling.
        self.rate: int = settings.sample_rate or engines.tts.native_rate
        self.settings = settings
        self.engines = engines
        self.output = Path(settings.output)
        self.cache = open_cache(settings)
        self.guards = guards_for(settings)
        self.calls = Tally()
        self.translation = TranslationService(
            engines.memory,
            engines.translator,
            cache=self.cache,
            guards=self.guards,
            calls=self.calls,
            fallbacks=engines.translator_fallbacks,
        )
        # One speech service per voice, in the order episodes try them.
        self.speeches = [
            SpeechService(
                engine,
                self.rate,
                cache=self.cache,
                guards=self.guards,
                calls=self.calls,
                speeds=parse_speeds(settings.speed),
            )
            for engine in [engines.tts, *engines.fallbacks]
        ]
        self.speech = self.speeches[0]
        # Engine requests of this process's articles run on these threads.
        self.pool = ThreadPoolExecutor(settings.jobs, thread_name_prefix="request")
        self.cover = load_cover(settings)
        self.intro, self.outro, self.between = (
            load_jingle(Path(p), sample_rate=self.rate) if p else None
            for p in (settings.intro, settings.outro, settings.between)
        )
        self.times = StageTimes()
        self.glossary = Glossary.load(settings.glossary)
        self.checker = Checker(NamesTable.load(settings.names), self.glossary)
        self.warnings: list[str] = []
        self.missing = Tally()

    def close(self) -> None:
        """End the request threads (the services are not used after their build): requests
        not started are cancelled, and those under way are waited for, so that a build
        stopped early (a full disk) returns only once no thread is still writing its cache
        entry. Each request has its deadline, so the wait is bounded."""
        self.pool.shutdown(wait=True, cancel_futures=True)

    def totals(self) -> WorkerTotals:
        """Everything counted so far in this process (a cumulative snapshot)."""
        return WorkerTotals(
            context=self.id,
            stage_seconds=dict(self.times.seconds),
            engine_calls=self.calls.as_dict(),
            cache_hits=self.cache.hits.as_dict(),
            retries=self.guards.retries(),
            missing=self.missing.get("texts"),
            warnings=list(self.warnings),
            refusing=self.guards.refusing(),
        )


_worker_services: dict[tuple[Settings, str, str | None], BuildServices] = {}
_worker_lock = threading.Lock()


def services_in_worker(settings: Settings, tts: str, translator: str | None) -> BuildServices:
    """This worker process's services for a build configuration, made on first use.

    Engines, cache, rate limiters and totals are made once per process, not once per article.
    """
    key = (settings, tts, translator)
    with _worker_lock:
        services = _worker_services.get(key)
        if services is None:
            engines = engines_from_names(settings, tts, translator)
            services = _worker_services[key] = BuildServices(settings, engines)
    return services


def speak_text(text: str, lang: str, destination: Path, settings: Settings) -> int:
    """Speak one text into an MP3 file (``vnmedia speak``); returns its duration in ms."""
    engines = choose_engines(settings)
    rate = settings.sample_rate or engines.tts.native_rate
    service = SpeechService(
        engines.tts, rate, guards=guards_for(settings), speeds=parse_speeds(settings.speed)
    )
    spoken = engines.normalizer.normalize(text, lang) if engines.normalizer else text
    clip = service.speak(spoken, lang)
    with atomic_path(destination) as temporary:
        encode_mp3(
            to_segment(clip), temporary, bitrate=settings.bitrate, quality=settings.mp3_quality
        )
    return round(clip.duration_ms)


def translate_text(text: str, settings: Settings) -> TranslatedText:
    """Translate one Vietnamese text (``vnmedia translate``): memory first, then the engine."""
    engines = choose_engines(settings)
    service = TranslationService(
        engines.memory,
        engines.translator,
        guards=guards_for(settings),
        fallbacks=engines.translator_fallbacks,
    )
    result = service.translate(text)
    if result.text is None:
        raise EngineUnavailableError(
            "not in the translation memory and no machine translator is reachable: "
            "pass --memory FILE or run where Google answers",
            engine="translate",
        )
    return result
