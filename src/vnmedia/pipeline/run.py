"""The whole build: lock the output folder, read the inputs, choose the engines, run one
job per episode where the executor says, then the feed, the page and the report.

::

    lock output → ingest → choose engines → one episode per job → feed and page → report
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from ..errors import InputError, OutputLockedError, StorageError
from ..models import Article, BuildReport, Failure
from ..runtime.cache import Cache
from ..runtime.executors import ArticleJob, ArticleResult, WorkerTotals, choose_executor, run_jobs
from ..runtime.files import check_writable, remove_stale_temporaries, storage_error
from ..runtime.resilience import Tally
from ..services import (
    BuildServices,
    Engines,
    check_jingles,
    choose_engines,
    guards_for,
    open_cache,
    read_options,
    web_reader,
)
from ..settings import Settings, parse_size
from ..site.cards import write_study_deck
from ..site.episode import EPISODES_DIR, REPORT_FILE, write_report
from ..site.rebuild import listed_episodes, publish_site
from ..sources import read_inputs
from ..sources.listings import is_url
from ..translation.headlines import write_headlines
from ..translation.review import outcome_counts
from .jobs import build_article, plan_bulletins, plan_jobs, run_in_worker

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
            report = _build_episodes(settings, engines, cache, progress)
            if report.stopped:
                # The machine refused a write: nothing more can be written now. What was
                # done is in the cache and in complete episodes; the rerun continues there.
                raise StorageError(report.stopped)
            # The episodes are read once, for the deck, the feed and the page.
            listed = listed_episodes(settings)
            if settings.cards:  # before the page, which links to the deck
                path, deck = write_study_deck(settings, listed=listed)
                report.deck = {"path": str(path), **asdict(deck)}
            if report.episodes_written or report.episodes_unchanged or listed:
                started = time.perf_counter()
                publish_site(settings, listed)
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


def _build_episodes(
    settings: Settings, engines: Engines, cache: Cache, progress: Progress | None
) -> BuildReport:
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
        cache=cache,
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
            for check in manifest.get("readings_to_check") or []:
                first = {k: check.get(k, "") for k in ("spoken", "rule", "sentence")}
                listed = report.readings_to_check.setdefault(check["written"], first)
                listed["episodes"] = [*listed.get("episodes", []), name]
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
    # Most heard first: the one line of lexicon that mends the most episodes.
    checks = sorted(report.readings_to_check.items(), key=lambda item: -len(item[1]["episodes"]))
    report.readings_to_check = dict(checks)


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


def _not_attempted(article: Article) -> Failure:
    return Failure(
        article.source, article.title, "not attempted: --fail-fast stopped the build", "build"
    )
