"""The build: every stage, in order, for every article, with failures isolated per article.

    ingest → translate → plan → speak → assemble → publish

This module only wires the stages together; each stage lives in its own module.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .assemble import assemble
from .audio import encode_mp3, to_segment
from .engines import translators, tts_engines
from .engines.base import Translator, TTSEngine
from .errors import (
    ConfigError,
    EngineUnavailableError,
    TranslationMissingError,
    VnmediaError,
)
from .ingest import read_sources
from .memory import TranslationMemory
from .models import Article, BuildReport, Failure
from .network import google_reachable
from .plan import languages_for, plan_episode
from .publish import SlugAllocator, atomic_path, publish_episode, write_report
from .settings import Settings
from .speak import SpeechService, speak_units
from .translate import TranslatedText, TranslationService, translate_article

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, title)`` after each article."""


@dataclass
class Engines:
    """The engines a build uses, after ``auto`` has been resolved."""

    tts: TTSEngine
    translator: Translator | None
    """``None``: no machine translation (offline, or ``--translator none``)."""
    memory: TranslationMemory
    online: bool | None = None
    """Result of the reachability probe, when one was made."""


def choose_engines(settings: Settings, probe: Callable[[float], bool] | None = None) -> Engines:
    """Create the configured engines; ``auto`` probes Google once and falls back offline."""
    probe = probe or google_reachable
    online: bool | None = None

    def reachable() -> bool:
        nonlocal online
        if online is None:
            online = probe(settings.probe_timeout)
        return online

    tts_name = settings.tts
    if tts_name == "auto":
        tts_name = "gtts" if reachable() else "espeak"
    tts = tts_engines.create(tts_name, settings)
    reason = tts.unavailable_reason()
    if reason:
        raise ConfigError(f"TTS engine {tts_name!r} cannot be used: {reason}")

    translator: Translator | None = None
    if settings.translator == "auto":
        translator = translators.create("google", settings) if reachable() else None
    elif settings.translator != "none":
        translator = translators.create(settings.translator, settings)
        reason = translator.unavailable_reason()
        if reason:
            raise ConfigError(f"translator {settings.translator!r} cannot be used: {reason}")
    memory = TranslationMemory.load(settings.memory)
    return Engines(tts=tts, translator=translator, memory=memory, online=online)


class _StageClock:
    """Adds up wall time per stage and remembers which stage is running."""

    def __init__(self, report: BuildReport) -> None:
        self.report = report
        self.current = "build"

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.current = name
        started = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            self.report.stage_seconds[name] = round(
                self.report.stage_seconds.get(name, 0.0) + elapsed, 3
            )


def build(
    settings: Settings,
    *,
    engines: Engines | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Turn every article under ``settings.inputs`` into an episode in ``settings.output``.

    One failing article is recorded in the report and the others go on. The report is
    written to ``report.json`` and returned; the caller decides what the outcome means.
    """
    report = BuildReport()
    clock = _StageClock(report)
    output = Path(settings.output)

    with clock.stage("ingest"):
        sources = list(read_sources(settings.inputs))
    articles: list[Article] = []
    for source in sources:
        if source.error:
            report.failures.append(Failure(str(source.path), None, source.error, "ingest"))
        articles.extend(source.articles)
    report.articles_found = len(articles)

    engines = engines or choose_engines(settings)
    report.engines = {
        "tts": engines.tts.name,
        "translator": engines.translator.name if engines.translator else "memory only",
    }
    if "en" in languages_for(settings.order) and engines.translator is None:
        note = (
            "no machine translation (Google is unreachable or translation is off): "
            "English is spoken only for paragraphs in the translation memory"
        )
        log.warning(note)
        report.warnings.append(note)

    calls: Counter[str] = Counter()
    translation = TranslationService(engines.memory, engines.translator, calls)
    speech = SpeechService(engines.tts, settings.sample_rate, calls)
    slugs = SlugAllocator()
    for done, article in enumerate(articles, 1):
        try:
            path = _build_episode(article, settings, translation, speech, slugs, clock, report)
            report.episodes_written.append(str(path))
        except VnmediaError as exc:
            log.error("%s: %s: %s", article.source, article.title, exc)
            report.failures.append(Failure(article.source, article.title, str(exc), clock.current))
        if progress:
            progress(done, len(articles), article.title)

    report.engine_calls = dict(sorted(calls.items()))
    output.mkdir(parents=True, exist_ok=True)
    write_report(report, output)
    return report


def _build_episode(
    article: Article,
    settings: Settings,
    translation: TranslationService,
    speech: SpeechService,
    slugs: SlugAllocator,
    clock: _StageClock,
    report: BuildReport,
) -> Path:
    english = None
    if "en" in languages_for(settings.order):
        with clock.stage("translate"):
            english = translate_article(article, translation)
        missing = sum(1 for t in english if t.origin == "missing")
        if missing and settings.require_translation:
            raise TranslationMissingError(
                f"{missing} of {len(english)} texts have no English translation "
                "(--require-translation is set): add them to the translation memory "
                "or run where Google is reachable"
            )
        if missing == len(english) and settings.order == "en":
            raise TranslationMissingError(
                "no English translation at all for an English-only episode"
            )
        if missing:
            note = f"{article.title!r}: {missing} of {len(english)} texts left without English"
            log.warning(note)
            report.warnings.append(note)
        report.missing_translations += missing
    with clock.stage("plan"):
        units = plan_episode(article, english, settings.order)
    with clock.stage("speak"):
        clips = speak_units(units, speech)
    with clock.stage("assemble"):
        audio = assemble(
            units,
            clips,
            sample_rate=settings.sample_rate,
            pause_lang_ms=settings.pause_lang,
            pause_paragraph_ms=settings.pause_paragraph,
        )
    with clock.stage("publish"):
        return publish_episode(
            article,
            audio,
            slugs.allocate(article.title),
            Path(settings.output),
            bitrate=settings.bitrate,
        )


def speak_text(text: str, lang: str, destination: Path, settings: Settings) -> int:
    """Speak one text into an MP3 file (``vnmedia speak``); returns its duration in ms."""
    engines = choose_engines(settings)
    clip = SpeechService(engines.tts, settings.sample_rate).speak(text, lang)
    with atomic_path(destination) as temporary:
        encode_mp3(to_segment(clip), temporary, bitrate=settings.bitrate)
    return round(clip.duration_ms)


def translate_text(text: str, settings: Settings) -> TranslatedText:
    """Translate one Vietnamese text (``vnmedia translate``): memory first, then the engine."""
    engines = choose_engines(settings)
    result = TranslationService(engines.memory, engines.translator).translate(text)
    if result.text is None:
        raise EngineUnavailableError(
            "not in the translation memory and no machine translator is reachable: "
            "pass --memory FILE or run where Google answers",
            engine="translate",
        )
    return result
