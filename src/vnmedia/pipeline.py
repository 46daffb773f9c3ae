"""The build: every stage, in order, for every article, with failures isolated per article.

    ingest → translate → plan → normalize → speak → loudness/assemble → publish → feed

This module only wires the stages together (each lives in its own module) and runs
articles concurrently: ``jobs`` articles at once, their engine requests spread over a second
pool of ``jobs`` threads, all sharing one cache and one guard (rate limit, retries, breaker)
per web service. Results do not depend on ``jobs``: slugs are given out in input order
before any work starts and the report lists articles in input order.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout

from . import __version__
from .assemble import assemble
from .audio import encode_mp3, load_jingle, to_segment
from .cache import Cache
from .engines import translators, tts_engines
from .engines.base import Translator, TTSEngine
from .errors import (
    ConfigError,
    EngineError,
    EngineUnavailableError,
    OutputLockedError,
    TranslationMissingError,
    VnmediaError,
)
from .executors import (
    ArticleJob,
    ArticleResult,
    Outcome,
    WorkerTotals,
    choose_executor,
    run_jobs,
)
from .files import atomic_path, remove_stale_temporaries
from .ingest import ReadOptions, read_sources
from .loudness import language_gains, master_in_place
from .memory import TranslationMemory
from .models import Article, BuildReport, Failure
from .network import google_reachable
from .normalize import Lexicon, TextNormalizer, normalize_units
from .plan import Unit, languages_for, plan_episode
from .publish import EPISODES_DIR, SlugAllocator, publish_episode, write_report
from .resilience import Guards, RetryPolicy, Tally
from .settings import Settings
from .site import publish_site
from .speak import SpeechService, speak_units
from .tags import load_cover
from .translate import TranslatedText, TranslationService, translate_article

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, title)`` after each article."""

LOCK_FILE = ".vnmedia.lock"
CACHE_DIR = ".cache"


@dataclass
class Engines:
    """The engines a build uses, after ``auto`` has been resolved."""

    tts: TTSEngine
    translator: Translator | None
    """``None``: no machine translation (offline, or ``--translator none``)."""
    memory: TranslationMemory
    normalizer: TextNormalizer | None = None
    """Spoken-form normalizer, when the TTS engine wants normalized text."""
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
    translator_name: str | None = settings.translator
    if translator_name == "auto":
        translator_name = "google" if reachable() else None
    elif translator_name == "none":
        translator_name = None
    engines = engines_from_names(settings, tts_name, translator_name)
    engines.online = online
    reason = engines.tts.unavailable_reason()
    if reason:
        raise ConfigError(f"TTS engine {tts_name!r} cannot be used: {reason}")
    # "auto" picked google because Google answered; a named translator must say it works.
    if engines.translator and settings.translator != "auto":
        reason = engines.translator.unavailable_reason()
        if reason:
            raise ConfigError(f"translator {translator_name!r} cannot be used: {reason}")
    return engines


def open_cache(settings: Settings) -> Cache:
    """The cache the settings ask for (disabled with ``no_cache``)."""
    if settings.no_cache:
        return Cache(None)
    return Cache(settings.cache_dir or Path(settings.output) / CACHE_DIR)


def read_options(settings: Settings) -> ReadOptions:
    """How the settings ask input files to be read."""
    return ReadOptions(settings.encoding, settings.title_field, settings.body_field)


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


@contextmanager
def output_lock(output: Path) -> Iterator[None]:
    """Hold the output folder for one build; a second build stops with a clear message."""
    output.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(output / LOCK_FILE), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise OutputLockedError(
            f"another vnmedia build is writing into {output}: wait for it to finish "
            "or pass another --output"
        ) from None
    try:
        yield
    finally:
        lock.release()


class _StageTimes:
    """Seconds spent per stage, added up over all articles and threads."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._lock = threading.Lock()

    @contextmanager
    def stage(self, name: str, current: list[str]) -> Iterator[None]:
        current[0] = name  # so a failure can say which stage it happened in
        started = time.perf_counter()
        try:
            yield
        finally:
            with self._lock:
                total = self.seconds.get(name, 0.0) + time.perf_counter() - started
                self.seconds[name] = round(total, 3)


class BuildContext:
    """Everything the articles of one build share inside one process.

    With the thread executor there is one context; with processes or Dask, each worker
    process makes its own (``context_for``), and the totals it reports are summed.
    """

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
        )
        self.speech = SpeechService(
            engines.tts,
            self.rate,
            cache=self.cache,
            guards=self.guards,
            calls=self.calls,
        )
        # Engine requests of this process's articles run on these threads.
        self.pool = ThreadPoolExecutor(settings.jobs, thread_name_prefix="request")
        self.cover = load_cover(settings)
        self.intro, self.outro = (
            load_jingle(Path(p), sample_rate=self.rate) if p else None
            for p in (settings.intro, settings.outro)
        )
        self.times = _StageTimes()
        self.warnings: list[str] = []
        self.missing = Tally()

    def close(self) -> None:
        """Let the request threads go (a context is not used after its build)."""
        self.pool.shutdown(wait=False, cancel_futures=True)

    def totals(self) -> WorkerTotals:
        """Everything counted so far in this context (a cumulative snapshot)."""
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

    def run(self, job: ArticleJob) -> ArticleResult:
        """Build one article and report the outcome with this context's totals."""
        outcome, value = self.episode(job.article, job.slug, job.number)
        return ArticleResult(job.index, outcome, value, self.totals())

    def episode(self, article: Article, slug: str, number: int) -> tuple[Outcome, str | Failure]:
        """Build one article; never raises for a VnmediaError (it becomes the outcome)."""
        current = ["translate"]
        try:
            return self._episode(article, slug, number, current)
        except EngineError as exc:
            # A service that failed for good on a retryable error (429, 5xx, timeouts, an
            # open breaker) may well answer later: the article is left for the rerun.
            log.error("%s: %s: %s", article.source, article.title, exc)
            outcome: Outcome = "to_retry" if exc.retryable else "failed"
            return outcome, Failure(article.source, article.title, str(exc), current[0])
        except VnmediaError as exc:
            log.error("%s: %s: %s", article.source, article.title, exc)
            return "failed", Failure(article.source, article.title, str(exc), current[0])
        except Exception as exc:  # a bug must not sink the batch either
            log.exception("%s: %s: internal error", article.source, article.title)
            message = f"internal error ({type(exc).__name__}: {exc}); please report it"
            return "failed", Failure(article.source, article.title, message, current[0])

    def _episode(
        self, article: Article, slug: str, number: int, current: list[str]
    ) -> tuple[Outcome, str | Failure]:
        settings, stage = self.settings, self.times.stage
        english = None
        if "en" in languages_for(settings.order):
            with stage("translate", current):
                english = translate_article(article, self.translation, self.pool.map)
            self._check_missing(article, english)
        with stage("plan", current):
            units = plan_episode(article, english, settings.order)
        with stage("normalize", current):
            units = normalize_units(units, self.engines.normalizer, self.cache)
        with stage("plan", current):
            fingerprint = self.fingerprint(article, units, number)
            mp3 = self.output / EPISODES_DIR / f"{slug}.mp3"
            if _up_to_date(mp3, fingerprint):
                return "unchanged", str(mp3)
        with stage("speak", current):
            clips = speak_units(units, self.speech, self.pool.map)
        gains: dict[str, float] = {}
        if settings.loudness:
            with stage("loudness", current):
                gains = language_gains(
                    [clip for unit_clips in clips for clip in unit_clips],
                    [segment.lang for unit in units for segment in unit],
                )
        with stage("assemble", current):
            audio = assemble(
                units,
                clips,
                sample_rate=self.rate,
                pause_lang_ms=settings.pause_lang,
                pause_paragraph_ms=settings.pause_paragraph,
                intro=self.intro,
                outro=self.outro,
                gains=gains,
            )
            del clips  # the episode buffer holds the audio now: keep memory to one copy
        if settings.loudness:
            with stage("loudness", current):
                master_in_place(np.frombuffer(audio.pcm, dtype="<i2"), audio.sample_rate)
        with stage("publish", current):
            path = publish_episode(
                article,
                audio,
                slug,
                self.output,
                settings=settings,
                cover=self.cover,
                fingerprint=fingerprint,
                episode=number,
            )
        return "written", str(path)

    def _check_missing(self, article: Article, english: list[TranslatedText]) -> None:
        missing = sum(1 for t in english if t.origin == "missing")
        if missing and self.settings.require_translation:
            raise TranslationMissingError(
                f"{missing} of {len(english)} texts have no English translation "
                "(--require-translation is set): add them to the translation memory "
                "or run where Google is reachable"
            )
        if missing == len(english) and self.settings.order == "en":
            raise TranslationMissingError(
                "no English translation at all for an English-only episode"
            )
        if missing:
            note = f"{article.title!r}: {missing} of {len(english)} texts left without English"
            log.warning(note)
            self.warnings.append(note)
            self.missing.add("texts", missing)

    def fingerprint(self, article: Article, units: list[Unit], number: int) -> str:
        """Hash of everything the episode's audio, tags and manifest are made from."""
        settings = self.settings
        recipe = {
            "version": __version__,
            "title": article.title,
            "source": article.source,
            "episode": number,
            "published": _file_identity(article.source),
            "show": [
                settings.show_title,
                settings.show_author,
                _file_identity(settings.show_image),
            ],
            "extras": [
                settings.loudness,
                _file_identity(settings.intro),
                _file_identity(settings.outro),
            ],
            "segments": [
                [s.kind, s.index, s.lang, s.text, s.spoken, s.translation, s.section]
                for unit in units
                for s in unit
            ],
            "tts": [self.engines.tts.name, self.engines.tts.cache_identity()],
            "audio": [
                self.rate,
                settings.pause_lang,
                settings.pause_paragraph,
                settings.bitrate,
            ],
        }
        blob = json.dumps(recipe, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()


def _file_identity(path: str | None) -> list[object] | None:
    """What changes when a file changes: its path, size and modification time."""
    if not path:
        return None
    try:
        stat = Path(path).stat()
    except OSError:
        return [path]
    return [path, stat.st_size, stat.st_mtime_ns]


def _up_to_date(mp3: Path, fingerprint: str) -> bool:
    """Whether ``mp3`` and its manifest were made from exactly this fingerprint."""
    try:
        manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(manifest, dict)
        and manifest.get("fingerprint") == fingerprint
        and mp3.is_file()
        and mp3.stat().st_size > 0
    )


def build(
    settings: Settings,
    *,
    engines: Engines | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Turn every article under ``settings.inputs`` into an episode in ``settings.output``.

    One failing article is recorded in the report and the others go on (unless
    ``fail_fast``). Articles already built from the same input and settings are left as
    they are. The report is written to ``report.json`` and returned.
    """
    output = Path(settings.output)
    with output_lock(output):
        remove_stale_temporaries(output)
        report = _build_locked(settings, engines, progress)
        started = time.perf_counter()
        publish_site(settings)
        report.stage_seconds["feed"] = round(time.perf_counter() - started, 3)
        write_report(report, output)
    return report


def _build_locked(
    settings: Settings, engines: Engines | None, progress: Progress | None
) -> BuildReport:
    report = BuildReport()
    started = time.perf_counter()
    sources = list(read_sources(settings.inputs, read_options(settings)))
    ingest_seconds = round(time.perf_counter() - started, 3)
    articles: list[Article] = []
    for source in sources:
        for problem in source.errors:
            report.failures.append(Failure(str(source.path), None, problem, "ingest"))
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

    slugs = SlugAllocator()
    jobs = [
        ArticleJob(index, article, slugs.allocate(article.title), index + 1)
        for index, article in enumerate(articles)
    ]
    translator_name = engines.translator.name if engines.translator else None
    executor = choose_executor(
        settings,
        type(engines.tts).__module__,
        type(engines.translator).__module__ if engines.translator else None,
        len(jobs),
    )
    report.executor = executor
    context = BuildContext(settings, engines) if executor == "threads" else None
    results: dict[int, ArticleResult] = {}
    # Longest articles first: the last article to start is then a short one, and workers
    # finish together instead of one finishing a long article alone (results are keyed
    # by index, so the order of work changes nothing in the output).
    by_size = sorted(jobs, key=lambda job: -sum(len(p.text) for p in job.article.paragraphs))
    running = run_jobs(
        executor,
        settings,
        by_size,
        local=context.run if context else _unused,
        worker=run_in_worker,
        engine_names=(engines.tts.name, translator_name),
    )
    totals: dict[str, WorkerTotals] = {}
    for done, result in enumerate(running, 1):
        results[result.index] = result
        # Snapshots are cumulative per worker: the one that arrives last is its total.
        totals[result.totals.context] = result.totals
        if progress:
            progress(done, len(jobs), articles[result.index].title)
        if settings.fail_fast and result.outcome == "failed":
            running.close()  # cancels what has not started
            break
    if context is not None:
        context.close()
    for index, article in enumerate(articles):
        if index not in results:
            report.to_retry.append(_not_attempted(article))
            continue
        finished = results[index]  # the latest snapshot is the total
        if finished.outcome == "written":
            report.episodes_written.append(str(finished.value))
        elif finished.outcome == "unchanged":
            report.episodes_unchanged.append(str(finished.value))
        elif finished.outcome == "failed":
            report.failures.append(finished.value)  # type: ignore[arg-type]
        else:
            report.to_retry.append(finished.value)  # type: ignore[arg-type]

    summed = WorkerTotals.sum(totals.values())
    report.stage_seconds = {"ingest": ingest_seconds, **summed.stage_seconds}
    report.engine_calls = summed.engine_calls
    report.retries = summed.retries
    report.cache_hits = summed.cache_hits
    report.missing_translations = summed.missing
    report.warnings.extend(summed.warnings)
    for service in summed.refusing:
        report.warnings.append(
            f"{service} kept refusing requests, so the build stopped asking it: "
            f"{len(report.to_retry)} article(s) are left to retry; rerun the build later"
        )
    return report


def _unused(job: ArticleJob) -> ArticleResult:
    raise AssertionError("the thread executor always gets a context")


_worker_contexts: dict[tuple[Settings, str, str | None], BuildContext] = {}
_worker_lock = threading.Lock()


def run_in_worker(
    settings: Settings, tts: str, translator: str | None, job: ArticleJob
) -> ArticleResult:
    """Build one article in a worker process (processes and Dask executors).

    Each worker process keeps one context per build configuration: engines, cache, rate
    limiters and totals are made once per process, not once per article.
    """
    key = (settings, tts, translator)
    with _worker_lock:
        context = _worker_contexts.get(key)
        if context is None:
            engines = engines_from_names(settings, tts, translator)
            context = _worker_contexts[key] = BuildContext(settings, engines)
    return context.run(job)


def engines_from_names(settings: Settings, tts: str, translator: str | None) -> Engines:
    """The engines a build resolved, made again from their names (in a worker process)."""
    speech = tts_engines.create(tts, settings)
    normalizer = (
        TextNormalizer(Lexicon.load(settings.lexicon)) if speech.wants_normalized_text else None
    )
    return Engines(
        tts=speech,
        translator=translators.create(translator, settings) if translator else None,
        memory=TranslationMemory.load(settings.memory),
        normalizer=normalizer,
    )


def _not_attempted(article: Article) -> Failure:
    return Failure(
        article.source, article.title, "not attempted: --fail-fast stopped the build", "build"
    )


def speak_text(text: str, lang: str, destination: Path, settings: Settings) -> int:
    """Speak one text into an MP3 file (``vnmedia speak``); returns its duration in ms."""
    engines = choose_engines(settings)
    rate = settings.sample_rate or engines.tts.native_rate
    service = SpeechService(engines.tts, rate, guards=guards_for(settings))
    spoken = engines.normalizer.normalize(text, lang) if engines.normalizer else text
    clip = service.speak(spoken, lang)
    with atomic_path(destination) as temporary:
        encode_mp3(to_segment(clip), temporary, bitrate=settings.bitrate)
    return round(clip.duration_ms)


def translate_text(text: str, settings: Settings) -> TranslatedText:
    """Translate one Vietnamese text (``vnmedia translate``): memory first, then the engine."""
    engines = choose_engines(settings)
    service = TranslationService(engines.memory, engines.translator, guards=guards_for(settings))
    result = service.translate(text)
    if result.text is None:
        raise EngineUnavailableError(
            "not in the translation memory and no machine translator is reachable: "
            "pass --memory FILE or run where Google answers",
            engine="translate",
        )
    return result
