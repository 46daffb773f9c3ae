"""The build: every stage, in order, for every article, with failures isolated per article.

For the whole build (:func:`build`)::

    lock output → ingest → choose engines → one episode per article → feed and page → report

For one article (:func:`make_episode`)::

    translate → plan → normalize → (unchanged? stop) → speak → loudness → assemble
    → master → episode files (``site/``)

Each stage lives in its own module (``text/``, ``translation/``, ``audio/``, ``site/``);
what a process sets up once for them (engines, cache, guards, pools) is in
:mod:`vnmedia.services`, and where articles run (threads, processes, Dask) in
:mod:`vnmedia.runtime.executors`. Results do not depend on where or how many at once:
slugs are given out in input order before any work starts and the report lists articles
in input order.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from .audio.assemble import AnyClip, EpisodeAudio, assemble
from .audio.drill import parse_pattern, pattern_languages
from .audio.loudness import VoiceLevels, measure_voices
from .audio.plan import languages_for, plan_episode, plan_sentences, with_subheadings
from .audio.speak import SpeechService, speak_units
from .audio.spool import ClipSpool
from .engines import TTSEngine
from .errors import (
    EngineError,
    InputError,
    OutputLockedError,
    StorageError,
    TranslationMissingError,
    VnmediaError,
)
from .models import Article, BuildReport, Failure, Segment, Unit
from .runtime.executors import (
    ArticleJob,
    ArticleResult,
    Outcome,
    WorkerTotals,
    choose_executor,
    run_jobs,
)
from .runtime.files import check_writable, remove_stale_temporaries, storage_error
from .runtime.resilience import Tally
from .services import (
    BuildServices,
    Engines,
    check_jingles,
    choose_engines,
    guards_for,
    open_cache,
    read_options,
    services_in_worker,
    web_reader,
)
from .settings import Settings, parse_size
from .site.cards import write_study_deck
from .site.episode import (
    EPISODES_DIR,
    REPORT_FILE,
    SlugAllocator,
    publish_episode,
    write_report,
)
from .site.rebuild import load_manifests, publish_site
from .sources import read_inputs
from .sources.listings import is_url, url_key
from .text.normalize import normalize_units
from .text.words import StudyWord, words_worth_learning
from .translation.faithful import CHECK_VERSION
from .translation.glosses import gloss_words
from .translation.headlines import write_headlines
from .translation.review import Doubt, Text, outcome_counts, review
from .translation.sentences import SentencePairs, translate_sentences
from .translation.translate import TranslatedText, translate_article
from .version import __version__

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, title)`` after each article."""

LOCK_FILE = ".vnmedia.lock"


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
    # What can be checked is checked before the output folder is touched: a missing input,
    # an engine that cannot run, a voice it does not have stop here with nothing made.
    check_inputs(settings.inputs)
    check_jingles(settings)
    engines = engines or choose_engines(settings)
    cache = open_cache(settings)
    began = cache.now()  # every cache entry this build uses is dated from here on
    report: BuildReport | None = None
    with output_lock(output):
        try:
            # A folder that cannot be written stops the build before anything is spent.
            for folder in (output, output / EPISODES_DIR, cache.root):
                if folder is not None:
                    check_writable(folder)
            remove_stale_temporaries(output)
            report = _build_episodes(settings, engines, progress)
            if report.stopped:
                # The machine refused a write: nothing more can be written now. What was
                # done is in the cache and in complete episodes; the rerun continues there.
                raise StorageError(report.stopped)
            if settings.cards:  # before the page, which links to the deck
                path, deck = write_study_deck(settings)
                report.deck = {"path": str(path), **asdict(deck)}
            if report.episodes_written or report.episodes_unchanged or load_manifests(output):
                started = time.perf_counter()
                publish_site(settings)
                report.stage_seconds["feed"] = round(time.perf_counter() - started, 3)
            entries, freed = cache.evict(parse_size(settings.cache_max_size), keep_since=began)
            report.cache_evicted = {"entries": entries, "bytes": freed}
            write_report(report, output)
        except BaseException as exc:
            _withdraw_report(output, report, exc)
            raise
    return report


def _withdraw_report(output: Path, report: BuildReport | None, exc: BaseException) -> None:
    """A build that stops never leaves the report of the run before as if it were its own:
    this build's report says why it stopped, or, when it cannot be written, the old one goes."""
    if report is not None:
        report.stopped = report.stopped or str(exc) or type(exc).__name__
        with contextlib.suppress(StorageError, OSError):
            write_report(report, output)
            return
    with contextlib.suppress(OSError):
        (output / REPORT_FILE).unlink(missing_ok=True)


@contextmanager
def output_lock(output: Path) -> Iterator[None]:
    """Hold the output folder for one build; a second build stops with a clear message."""
    lock = FileLock(str(output / LOCK_FILE), timeout=0)
    try:
        output.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        raise OutputLockedError(
            f"another vnmedia build is writing into {output}: wait for it to finish "
            "or pass another --output"
        ) from None
    except OSError as exc:
        refused = storage_error(exc, output / LOCK_FILE)
        if refused is None:
            raise
        raise refused from exc
    try:
        yield
    finally:
        lock.release()


def check_inputs(inputs: Iterable[str]) -> None:
    """Fail with InputError unless every input is a URL or an existing file or folder."""
    for item in inputs:
        if not is_url(item) and _missing(Path(item)):
            raise InputError(
                f"input {item} does not exist: pass an article file, a folder or an http(s) URL"
            )


def _missing(path: Path) -> bool:
    """Whether nothing is at ``path`` (one that cannot be looked at is the reader's to tell)."""
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def _build_episodes(settings: Settings, engines: Engines, progress: Progress | None) -> BuildReport:
    report = BuildReport()
    started = time.perf_counter()
    web = web_reader(settings)
    try:
        sources = list(read_inputs(settings.inputs, read_options(settings), web))
    finally:
        web.client.close()
    report.web_requests = web.client.tally.as_dict()
    for note in web.warnings:
        log.warning(note)
        report.warnings.append(note)
    ingest_seconds = round(time.perf_counter() - started, 3)
    articles: list[Article] = []
    for source in sources:
        for problem in source.errors:
            failure = Failure(str(source.path), None, _without_path(problem, source.path), "ingest")
            (report.to_retry if problem in source.to_retry else report.failures).append(failure)
        articles.extend(source.articles)
    report.articles_found = len(articles)

    report.engines = {
        "tts": engines.tts_names,
        "translator": engines.translator_names or "memory only",
    }
    headline_calls = Tally()
    articles, notes = write_headlines(
        articles,
        [t for t in (engines.translator, *engines.translator_fallbacks) if t is not None],
        cache=open_cache(settings),
        guards=guards_for(settings),
        calls=headline_calls,
    )
    report.warnings += notes

    if settings.episode == "article":
        jobs = plan_jobs(articles, Path(settings.output))
    else:
        jobs = plan_bulletins(articles, settings)
        if not jobs:
            note = "no article found: no bulletin made"
            log.warning(note)
            report.warnings.append(note)
    episodes = [job.article for job in jobs]
    translator_name = engines.translator_names
    executor = choose_executor(
        settings,
        type(engines.tts).__module__,
        type(engines.translator).__module__ if engines.translator else None,
        len(jobs),
    )
    report.executor = executor
    services = BuildServices(settings, engines) if executor == "threads" else None
    results: dict[int, ArticleResult] = {}
    # Longest articles first: the last article to start is then a short one, and workers
    # finish together instead of one finishing a long article alone (results are keyed
    # by index, so the order of work changes nothing in the output).
    by_size = sorted(
        jobs,
        key=lambda job: -sum(len(p.text) for a in (job.article, *job.parts) for p in a.paragraphs),
    )
    running = run_jobs(
        executor,
        settings,
        by_size,
        local=(lambda job: build_article(services, job)) if services else _unused,
        worker=run_in_worker,
        engine_names=(engines.tts_names, translator_name),
    )
    totals: dict[str, WorkerTotals] = {}
    for done, result in enumerate(running, 1):
        results[result.index] = result
        # Snapshots are cumulative per worker: the one that arrives last is its total.
        totals[result.totals.context] = result.totals
        if progress:
            progress(done, len(jobs), episodes[result.index].title)
        if result.outcome == "stopped" or (settings.fail_fast and result.outcome == "failed"):
            running.close()  # cancels what has not started
            break
    if services is not None:
        services.close()
    _record_outcomes(report, episodes, results)
    _record_totals(report, WorkerTotals.sum(totals.values()), ingest_seconds)
    for name, count in headline_calls.as_dict().items():
        report.engine_calls[name] = report.engine_calls.get(name, 0) + count
    return report


def _without_path(problem: str, path: object) -> str:
    """An input's problem without its path in front (the failure names its source once):
    ``"a.txt: empty file"`` → ``"empty file"``, ``"a.jsonl:3: not JSON"`` → ``"line 3: not
    JSON"``."""
    rest = problem.removeprefix(f"{path}:")
    if rest == problem:
        return problem
    return f"line {rest}" if rest[:1].isdigit() else rest.lstrip()


def plan_jobs(articles: list[Article], output: Path) -> list[ArticleJob]:
    """Each article's file name (slug) and episode number, before any work starts.

    Articles from files are numbered in input order. A web article keeps the slug and number
    its URL had in an earlier build into ``output``; new ones take fresh slugs and the next
    numbers, oldest first: a daily run over a feed never renames, renumbers (and so never
    rebuilds) what it built before, and a headline that comes back another day ("Giá vàng
    hôm nay") gets a name of its own.
    """
    # Web articles' URLs are clean (quoted, no #fragment, no utm_ tags); an earlier build
    # may have recorded one as it was given.
    earlier = {url_key(m.url): m for m, _ in load_manifests(output) if m.url}
    slugs = SlugAllocator(taken=(m.slug for m in earlier.values()))
    numbers: dict[int, int] = {}
    fresh = []
    for index, article in enumerate(articles):
        known = earlier.get(article.url) if article.url else None
        if known is not None:
            numbers[index] = known.episode
        elif article.url:
            fresh.append(index)
        else:
            numbers[index] = index + 1
    # Oldest first (undated last, in input order): feeds list newest first.
    fresh.sort(key=lambda i: (articles[i].published is None, articles[i].published or "", i))
    start = max((m.episode for m in earlier.values()), default=0) + 1
    numbers.update({index: start + n for n, index in enumerate(fresh)})
    return [
        ArticleJob(
            index,
            article,
            earlier[article.url].slug if article.url in earlier else slugs.allocate(article.title),
            numbers[index],
        )
        for index, article in enumerate(articles)
    ]


def plan_bulletins(articles: list[Article], settings: Settings) -> list[ArticleJob]:
    """The episodes of ``--episode file`` (one per input file) or ``run`` (one for the
    whole run, named by its date), each holding its articles in input order."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        key = article.source if settings.episode == "file" else "run"
        groups.setdefault(key, []).append(article)
    slugs = SlugAllocator()
    jobs = []
    for index, (key, parts) in enumerate(groups.items()):
        if settings.episode == "run":
            day = date.fromisoformat(settings.date or date.today().isoformat())
            title = settings.show_opening.format(**_date_fields(day))
            bulletin = Article(
                title, (), source=", ".join(settings.inputs), published=f"{day}T00:00:00+00:00"
            )
        else:
            title = (
                parts[0].title
                if len(parts) == 1
                else f"{parts[0].title} và {len(parts) - 1} tin khác"
            )
            bulletin = Article(title, (), source=key, published=parts[0].published)
        jobs.append(ArticleJob(index, bulletin, slugs.allocate(title), index + 1, tuple(parts)))
    return jobs


def _record_outcomes(
    report: BuildReport, articles: list[Article], results: dict[int, ArticleResult]
) -> None:
    """Each article's outcome into the report, in input order."""
    for index, article in enumerate(articles):
        if index not in results:
            report.to_retry.append(_not_attempted(article))
            continue
        finished = results[index]
        if finished.outcome in ("written", "unchanged"):
            name, manifest = Path(str(finished.value)).name, _manifest(finished.value)
            for name_, count in (manifest.get("sentences") or {}).items():
                report.sentences[name_] = report.sentences.get(name_, 0) + count
            for left_out in manifest.get("missing") or []:  # a bulletin's failed articles
                report.failures.append(
                    Failure(
                        left_out["source"], left_out["title"], left_out["error"], left_out["stage"]
                    )
                )
            report.voices[name] = dict(manifest.get("voices") or {})
            if manifest.get("glossary_misses"):
                report.glossary_misses[name] = list(manifest["glossary_misses"])
            if manifest.get("doubts"):
                report.doubts[name] = list(manifest["doubts"])
                for outcome, number in outcome_counts(manifest["doubts"]).items():
                    report.doubt_counts[outcome] = report.doubt_counts.get(outcome, 0) + number
        if finished.outcome == "written":
            report.episodes_written.append(str(finished.value))
        elif finished.outcome == "unchanged":
            report.episodes_unchanged.append(str(finished.value))
        elif finished.outcome == "failed":
            report.failures.append(finished.value)  # type: ignore[arg-type]
        elif finished.outcome == "stopped":
            report.stopped = finished.value.error  # type: ignore[union-attr]
        else:
            report.to_retry.append(finished.value)  # type: ignore[arg-type]


def _manifest(mp3: object) -> dict[str, Any]:
    """An episode's manifest (the workers wrote it; it is the record), or ``{}``."""
    try:
        data = json.loads(Path(str(mp3)).with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _record_totals(report: BuildReport, summed: WorkerTotals, ingest_seconds: float) -> None:
    """What the workers counted (stage times, calls, retries, warnings) into the report."""
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


def _unused(job: ArticleJob) -> ArticleResult:
    raise AssertionError("the thread executor always gets its services")


def run_in_worker(
    settings: Settings, tts: str, translator: str | None, job: ArticleJob
) -> ArticleResult:
    """Build one article in a worker process (processes and Dask executors)."""
    return build_article(services_in_worker(settings, tts, translator), job)


def build_article(services: BuildServices, job: ArticleJob) -> ArticleResult:
    """Build one episode and report the outcome with the services' running totals."""
    outcome, value = episode_outcome(services, job)
    return ArticleResult(job.index, outcome, value, services.totals())


def episode_outcome(services: BuildServices, job: ArticleJob) -> tuple[Outcome, str | Failure]:
    """Build one episode; never raises for a VnmediaError (it becomes the outcome)."""
    current = ["translate"]
    article = job.article
    try:
        if job.parts:
            return make_bulletin(services, job, current)
        return make_episode(services, article, job.slug, job.number, current)
    except StorageError as exc:
        # A full disk or a read-only folder: every other article would fail the same way,
        # so the build stops (see build()) and says so once.
        return "stopped", Failure(article.source, article.title, str(exc), current[0])
    except EngineError as exc:
        # A service that failed for good on a retryable error (429, 5xx, timeouts, an
        # open breaker) may well answer later: the article is left for the rerun. (Failures
        # are the report's, which the command line prints: logged here, they came twice.)
        log.debug("%s: %s: %s", article.source, article.title, exc)
        outcome: Outcome = "to_retry" if exc.retryable else "failed"
        return outcome, Failure(article.source, article.title, str(exc), current[0])
    except VnmediaError as exc:
        log.debug("%s: %s: %s", article.source, article.title, exc)
        return "failed", Failure(article.source, article.title, str(exc), current[0])
    except OSError as exc:
        refused = storage_error(exc, Path(exc.filename or services.output / "."))
        if refused is None:
            return _internal_error(article, exc, current[0])
        return "stopped", Failure(article.source, article.title, str(refused), current[0])
    except Exception as exc:  # a bug must not sink the batch either
        return _internal_error(article, exc, current[0])


def _internal_error(article: Article, exc: Exception, stage: str) -> tuple[Outcome, Failure]:
    """A bug met while building one article: its failure (the traceback goes to the log)."""
    log.debug("%s: %s: internal error", article.source, article.title, exc_info=True)
    message = (
        f"internal error ({type(exc).__name__}: {exc}): rerun with --debug and report the traceback"
    )
    return "failed", Failure(article.source, article.title, message, stage)


def make_episode(
    services: BuildServices, article: Article, slug: str, number: int, current: list[str]
) -> tuple[Outcome, str]:
    """The stages of one episode, in order. ``current[0]`` names the stage running."""
    settings, stage = services.settings, services.times.stage
    units, misses, doubts = planned_units(services, article, current)
    with stage("plan", current):
        recipe = fingerprint(services, article, units, number)
        mp3 = services.output / EPISODES_DIR / f"{slug}.mp3"
        if _up_to_date(mp3, recipe):
            return "unchanged", str(mp3)
    words = study_words(services, [article], current)
    with ClipSpool(services.output) as spool:
        with stage("speak", current):
            clips, speech = _speak_episode(services, article, units, spool)
            if speech is not services.speech:
                recipe = fingerprint(services, article, units, number, speech.engine)
        audio = _assembled(services, units, clips, current)
        with stage("publish", current):
            path = publish_episode(
                article,
                audio,
                slug,
                services.output,
                settings=settings,
                cover=services.cover,
                fingerprint=recipe,
                episode=number,
                voices=_voices(speech.engine, spoken_languages(settings)),
                translator=services.engines.translator_names or "",
                glossary_misses=misses,
                sentences=_sentence_counts(units) if settings.interleave == "sentence" else None,
                doubts=[d.to_dict() for d in doubts],
                words=words,
            )
    return "written", str(path)


def study_words(
    services: BuildServices, articles: list[Article], current: list[str]
) -> list[StudyWord]:
    """The words worth learning of an episode's articles (``--words``), with their English:
    each article's own, rarest first, then the next article's."""
    limit = services.settings.words_per_episode
    if not limit or not articles:
        return []
    with services.times.stage("words", current):
        share = -(-limit // len(articles))  # a bulletin shares them among its articles
        picked: dict[str, StudyWord] = {}
        for article in articles:
            for word in words_worth_learning(_texts(article), share):
                picked.setdefault(word.word, word)
        return gloss_words(
            list(picked.values()), services.glossary, services.translation, services.pool.map
        )


def _texts(article: Article) -> list[str]:
    """What an article says aloud (a title made from its first sentence is not spoken)."""
    title = [] if article.title_derived or article.title_by else [article.title]
    return [*title, *(p.text for p in article.paragraphs)]


def _sentence_counts(units: list[Unit]) -> dict[str, int]:
    """Sentences paired with their English, and paragraphs spoken whole, in an episode."""
    pairs = {(s.article, s.index, s.sentence) for unit in units for s in unit if s.sentence}
    whole = {
        (s.article, s.index)
        for unit in units
        for s in unit
        if s.kind == "paragraph" and not s.sentence
    }
    return {"sentences_aligned": len(pairs), "paragraphs_whole": len(whole)}


def _assembled(
    services: BuildServices,
    units: list[Unit],
    clips: list[list[AnyClip | None]],
    current: list[str],
    **layout: Any,
) -> EpisodeAudio:
    """Loudness, assembly and mastering of an episode's clips (``layout``: the bulletin's
    chapter marks and sound between articles). The audio is made as it is encoded."""
    settings, stage = services.settings, services.times.stage
    levels: VoiceLevels | None = None
    if settings.loudness:
        with stage("loudness", current):
            levels = measure_voices(
                [clip for unit_clips in clips for clip in unit_clips],
                [segment.lang for unit in units for segment in unit],
            )
    with stage("assemble", current):
        audio = assemble(
            units,
            clips,
            sample_rate=services.rate,
            pause_lang_ms=settings.pause_lang,
            pause_paragraph_ms=settings.pause_paragraph,
            intro=services.intro,
            outro=services.outro,
            levels=levels,
            between=services.between,
            pause_sentence_ms=settings.pause_sentence,
            pause_repeat=settings.pause_repeat,
            **layout,
        )
    if settings.loudness:
        with stage("loudness", current):
            audio.master()
    return audio


def planned_units(
    services: BuildServices, article: Article, current: list[str]
) -> tuple[list[Unit], list[str], list[Doubt]]:
    """An article's units, translated, checked, planned and in their spoken form (translate
    → check → plan → normalize), the glossary terms its English missed, and the doubts
    about its English."""
    settings, stage = services.settings, services.times.stage
    english = None
    misses: list[str] = []
    doubts: list[Doubt] = []
    if settings.speak_subheadings:
        article = with_subheadings(article)
    if settings.interleave == "sentence" and "en" in spoken_languages(settings):
        with stage("translate", current):
            title, paragraphs = translate_sentences(
                article, services.translation, services.pool.map
            )
            title, paragraphs, doubts = _checked_sentences(services, article, title, paragraphs)
        every = [title, *(e for p in paragraphs for e in p.english)]
        _check_missing(services, article, every)
        joined = [title, *(_joined(p.english) for p in paragraphs)]
        misses = _glossary_misses(services, article, joined)
        with stage("plan", current):
            units = plan_sentences(
                article, title, paragraphs, settings.order, parse_pattern(settings.pattern)
            )
    else:
        if "en" in spoken_languages(settings):
            with stage("translate", current):
                english = translate_article(article, services.translation, services.pool.map)
                english, doubts = _checked(services, article, english)
            _check_missing(services, article, english)
            misses = _glossary_misses(services, article, english)
        with stage("plan", current):
            units = plan_episode(article, english, settings.order)
    with stage("normalize", current):
        units = normalize_units(units, services.engines.normalizer, services.cache)
    return units, misses, doubts


def _checked(
    services: BuildServices, article: Article, english: list[TranslatedText]
) -> tuple[list[TranslatedText], list[Doubt]]:
    """The English of the title and each paragraph after the check (``check``), with the
    doubts (a derived title is not spoken, so not checked)."""
    settings = services.settings
    if not settings.check:
        return english, []
    texts = [
        Text("title" if n == 0 else f"paragraph {n}", vietnamese, translated)
        for n, (vietnamese, translated) in enumerate(
            zip([article.title, *(p.text for p in article.paragraphs)], english, strict=True)
        )
        if n or not article.title_derived
    ]
    checked, doubts = _review(services, texts)
    return (english[:1] if article.title_derived else []) + checked, doubts


def _review(services: BuildServices, texts: list[Text]) -> tuple[list[TranslatedText], list[Doubt]]:
    settings = services.settings
    return review(
        texts,
        services.translation,
        services.checker,
        on_doubt=settings.on_doubt,
        check_memory=settings.check_memory,
    )


def _checked_sentences(
    services: BuildServices,
    article: Article,
    title: TranslatedText,
    paragraphs: list[SentencePairs],
) -> tuple[TranslatedText, list[SentencePairs], list[Doubt]]:
    """``--interleave sentence``: every sentence's English after the check."""
    where = ["title"]
    vietnamese = [article.title]
    english = [title]
    for number, pairs in enumerate(paragraphs, 1):
        for at, (vi, en) in enumerate(zip(pairs.vietnamese, pairs.english, strict=True), 1):
            whole = pairs.whole or len(pairs.vietnamese) == 1
            where.append(f"paragraph {number}" + ("" if whole else f" sentence {at}"))
            vietnamese.append(vi)
            english.append(en)
    texts = [Text(*item) for item in zip(where, vietnamese, english, strict=True)]
    if article.title_derived:
        texts[0] = Text("title", "", title)  # not spoken: nothing to check
    if not services.settings.check:
        return title, paragraphs, []
    checked, doubts = _review(services, texts)
    at, rebuilt = 1, []
    for pairs in paragraphs:
        size = len(pairs.english)
        rebuilt.append(replace(pairs, english=tuple(checked[at : at + size])))
        at += size
    return checked[0], rebuilt, doubts


def make_bulletin(
    services: BuildServices, job: ArticleJob, current: list[str]
) -> tuple[Outcome, str]:
    """One episode of several articles (``--episode file|run``): the opening (a run's
    bulletin), then each article announced by its title, each a chapter of its own, the
    ``--between`` sound between them. An article that fails is left out and named in the
    manifest (with ``--fail-fast`` the bulletin fails instead)."""
    settings, stage = services.settings, services.times.stage
    bulletin, missing = job.article, []
    opening = opening_units(settings, bulletin) if settings.episode == "run" else []
    opening = normalize_units(opening, services.engines.normalizer, services.cache)
    parts: list[tuple[Article, list[Unit], list[str]]] = []
    doubted: list[dict[str, Any]] = []

    def leave_out(article: Article, exc: VnmediaError, where: str) -> None:
        if settings.fail_fast:
            raise exc
        log.debug("%s: %s: %s", article.source, article.title, exc)
        missing.append(
            {"title": article.title, "source": article.source, "stage": where, "error": str(exc)}
        )

    for number, article in enumerate(job.parts, 1):
        where = ["translate"]
        try:
            units, misses, doubts = planned_units(services, article, where)
        except VnmediaError as exc:
            leave_out(article, exc, where[0])
            continue
        parts.append(
            (article, [[replace(s, article=number) for s in unit] for unit in units], misses)
        )
        doubted += [{"article": article.title, **d.to_dict()} for d in doubts]

    def whole() -> list[Unit]:
        return opening + [unit for _, units, _ in parts for unit in units]

    with stage("plan", current):
        recipe = fingerprint(services, bulletin, whole(), job.number)
        mp3 = services.output / EPISODES_DIR / f"{job.slug}.mp3"
        if not missing and _up_to_date(mp3, recipe):
            return "unchanged", str(mp3)
    with ClipSpool(services.output) as spool:
        with stage("speak", current):
            clips = speak_units(opening, services.speech, services.pool.map, spool.keep)
            for article, units, misses in list(parts):
                try:
                    spoken, _ = _speak_episode(services, article, units, spool)
                except VnmediaError as exc:
                    leave_out(article, exc, "speak")
                    parts.remove((article, units, misses))
                    continue
                clips += spoken
        if not parts:
            raise TranslationMissingError(
                f"every article of {bulletin.title!r} failed: no bulletin made (see the report)"
            )
        units = whole()
        # Left-out articles are not in the recipe: the next build tries them again.
        recipe = fingerprint(services, bulletin, units, job.number)
        marks = {0: bulletin.title} if opening else {}
        at = len(opening)
        for article, article_units, _ in parts:
            marks[at] = article.title
            at += len(article_units)
        articles = [{"title": a.title, "source": a.source, "url": a.url} for a, _, _ in parts]
        words = study_words(services, [a for a, _, _ in parts], current)
        audio = _assembled(
            services,
            units,
            clips,
            current,
            chapter_marks=marks,
            between_before=frozenset(sorted(marks)[2 if opening else 1 :]),
        )
        with stage("publish", current):
            path = publish_episode(
                bulletin,
                audio,
                job.slug,
                services.output,
                settings=settings,
                cover=services.cover,
                fingerprint=recipe,
                episode=job.number,
                voices=_voices(services.speech.engine, spoken_languages(settings)),
                translator=services.engines.translator_names or "",
                glossary_misses=[m for _, _, misses in parts for m in misses],
                description=bulletin_description(articles),
                articles=articles,
                missing=missing,
                doubts=[d for d in doubted if d["article"] in {a.title for a, _, _ in parts}],
                words=words,
            )
    return "written", str(path)


def spoken_languages(settings: Settings) -> list[str]:
    """The languages an episode speaks, in the order first heard (``--pattern`` or
    ``--order``)."""
    steps = parse_pattern(settings.pattern)
    return list(pattern_languages(steps)) if steps else languages_for(settings.order)


def opening_units(settings: Settings, bulletin: Article) -> list[Unit]:
    """The spoken opening of a bulletin: its title in Vietnamese, then in English."""
    day = date.fromisoformat((bulletin.published or "")[:10] or date.today().isoformat())
    english = settings.show_opening_en.format(**_date_fields(day))
    texts = {"vi": bulletin.title, "en": english}
    return [
        [Segment("title", 0, lang, texts[lang], "source") for lang in spoken_languages(settings)]  # type: ignore[arg-type]
    ]


def bulletin_description(articles: list[dict[str, Any]]) -> str:
    """A bulletin's feed and page description: its articles, in order."""
    return "Trong bản tin / In this bulletin: " + "; ".join(
        f"{number}. {a['title']}" for number, a in enumerate(articles, 1)
    )


def _date_fields(day: date) -> dict[str, object]:
    return {"day": day.day, "month": day.month, "year": day.year, "month_name": day.strftime("%B")}


def _joined(english: tuple[TranslatedText, ...]) -> TranslatedText:
    """A paragraph's English, its sentences' put together (for the glossary check)."""
    texts = [e.text for e in english if e.text]
    return TranslatedText(" ".join(texts) or None, "machine" if texts else "missing")


def _speak_episode(
    services: BuildServices, article: Article, units: list[Unit], spool: ClipSpool
) -> tuple[list[list[AnyClip | None]], SpeechService]:
    """Every clip of an episode from the first voice that can speak all of it.

    A voice that fails for good (after its retries, or with its breaker open) hands the
    whole episode to the next one in ``--tts``: one episode never mixes two voices of a
    language. Clips the failed voice did make stay in the cache for the next build. Each
    clip waits in ``spool`` until the episode is encoded.
    """
    speeches = services.speeches
    for position, speech in enumerate(speeches):
        try:
            return speak_units(units, speech, services.pool.map, spool.keep), speech
        except EngineError as exc:
            if position + 1 == len(speeches):
                raise
            note = (
                f"{article.source}: {article.title}: {speech.engine.name} could not speak it "
                f"({exc}); the whole episode uses {speeches[position + 1].engine.name}"
            )
            log.warning(note)
            services.warnings.append(note)
    raise AssertionError("there is always at least one voice")


def _voices(tts: TTSEngine, languages: Iterable[str]) -> dict[str, str]:
    """``engine:voice`` for each language an episode speaks (manifest and tags)."""
    return {lang: f"{tts.name}:{tts.voice_name(lang)}" for lang in languages}


def _glossary_misses(
    services: BuildServices, article: Article, english: list[TranslatedText]
) -> list[str]:
    """Glossary terms of the article whose English its translation lacks, once each."""
    sources = [article.title, *(p.text for p in article.paragraphs)]
    misses: dict[str, None] = {}
    for vietnamese, translated in zip(sources, english, strict=True):
        if translated.text:
            for term in services.glossary.misses(vietnamese, translated.text):
                misses[f"{term.vietnamese} → {term.english}"] = None
    return list(misses)


def _check_missing(
    services: BuildServices, article: Article, english: list[TranslatedText]
) -> None:
    """Fail or warn, as the settings ask, when texts are left without English."""
    settings = services.settings
    missing = sum(1 for t in english if t.origin == "missing")
    if missing and settings.require_translation:
        raise TranslationMissingError(
            f"{missing} of {len(english)} texts have no English translation "
            "(--require-translation is set): add them to the translation memory "
            "or run where Google is reachable"
        )
    if missing == len(english) and settings.order == "en":
        raise TranslationMissingError("no English translation at all for an English-only episode")
    if missing:
        note = f"{article.title!r}: {missing} of {len(english)} texts left without English"
        if services.engines.translator is None:
            note += (
                " (not in the translation memory, and no machine translation: Google is "
                "unreachable or translation is off; a local model translates offline: "
                "--ct2-model)"
            )
        log.warning(note)
        services.warnings.append(note)
        services.missing.add("texts", missing)


def fingerprint(
    services: BuildServices,
    article: Article,
    units: list[Unit],
    number: int,
    tts: TTSEngine | None = None,
) -> str:
    """Hash of everything the episode's audio, tags and manifest are made from (``tts``: the
    voice that spoke it, when not the first choice; a rerun then tries the first again)."""
    settings = services.settings
    tts = tts or services.engines.tts
    recipe = {
        "version": __version__,
        "title": article.title,
        "source": article.source,
        "episode": number,
        "published": article.published or _file_identity(article.source),
        "web": [article.url, article.author],
        "show": [
            settings.show_title,
            settings.show_author,
            _file_identity(settings.show_image),
        ],
        "extras": [
            settings.loudness,
            # The manifest reports what the glossary finds missing: a new glossary, a new one.
            [_file_identity(path) for path in settings.glossary],
            _file_identity(settings.intro),
            _file_identity(settings.outro),
            _file_identity(settings.between),
            # The manifest names every doubt of the check: what decides them, too.
            [settings.check, settings.on_doubt, settings.check_memory, CHECK_VERSION],
            [_file_identity(path) for path in settings.names],
            # Only when on, so episodes made before --words existed keep their recipe.
            *([settings.words_per_episode] if settings.words_per_episode else []),
        ],
        "segments": [
            [
                *(s.kind, s.index, s.lang, s.text, s.spoken, s.translation, s.section),
                *(s.article, s.sentence),
            ]
            for unit in units
            for s in unit
        ],
        "tts": [tts.name, tts.cache_identity()],
        "audio": [
            services.rate,
            settings.pause_lang,
            settings.pause_paragraph,
            settings.bitrate,
            settings.mp3_quality,
            settings.pause_sentence,
            settings.pause_repeat,
            # Only when set, so episodes made before --pattern existed keep their recipe.
            *([settings.pattern] if settings.pattern else []),
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


def _not_attempted(article: Article) -> Failure:
    return Failure(
        article.source, article.title, "not attempted: --fail-fast stopped the build", "build"
    )
