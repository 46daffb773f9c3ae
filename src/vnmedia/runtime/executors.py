"""Where articles are built: threads, local processes, or a Dask cluster.

An article is the unit of work: a picklable :class:`ArticleJob` goes out, an
:class:`ArticleResult` comes back with the outcome and the worker's running totals (stage
times, engine calls, cache hits, retries). Every executor yields results as articles
finish, so progress, failure isolation and the report work the same everywhere.

- ``threads``: one process; articles on ``jobs`` threads. Engine requests share one rate
  limiter per service. Fine for network-bound engines (gtts, google), and the only choice
  for engines registered at run time (test fakes, plugins) since they live in this process.
- ``processes``: ``jobs`` worker processes (spawned), for CPU-bound work (espeak synthesis,
  loudness, encoding). Each process gets ``rate / jobs`` of the rate limit, so together
  they stay within it.
- ``dask``: the same worker function on a Dask cluster (a ``LocalCluster`` of ``jobs``
  single-threaded workers when no ``--scheduler`` is given). Every worker must reach the
  input, output and cache paths, and have vnmedia installed.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from ..errors import ConfigError
from ..models import Article, Failure

if TYPE_CHECKING:
    from ..settings import Settings

Outcome = Literal["written", "unchanged", "failed", "to_retry", "stopped"]
"""``stopped``: the machine refused a write (full disk, read-only folder): the build stops."""


@dataclass(frozen=True)
class ArticleJob:
    """One article to build."""

    index: int
    """Position in the build's article list."""
    article: Article
    slug: str
    """File name, allocated before any work starts (so it never depends on timing)."""
    number: int
    """Episode number (1-based)."""
    parts: tuple[Article, ...] = ()
    """A bulletin's articles (``--episode file|run``); ``article`` then stands for the
    bulletin as a whole: its title, source and date."""


@dataclass
class WorkerTotals:
    """Running totals of one worker context (cumulative: the latest snapshot counts)."""

    context: str
    stage_seconds: dict[str, float] = field(default_factory=dict)
    engine_calls: dict[str, int] = field(default_factory=dict)
    cache_hits: dict[str, int] = field(default_factory=dict)
    retries: dict[str, int] = field(default_factory=dict)
    missing: int = 0
    warnings: list[str] = field(default_factory=list)
    refusing: list[str] = field(default_factory=list)

    @classmethod
    def sum(cls, parts: Iterable[WorkerTotals]) -> WorkerTotals:
        """The totals of several workers added up."""
        total = cls("all")
        for part in parts:
            for mine, theirs in (
                (total.stage_seconds, part.stage_seconds),
                (total.engine_calls, part.engine_calls),
                (total.cache_hits, part.cache_hits),
                (total.retries, part.retries),
            ):
                for key, value in theirs.items():
                    mine[key] = round(mine.get(key, 0) + value, 3)  # type: ignore[assignment]
            total.missing += part.missing
            total.warnings.extend(part.warnings)
            total.refusing = sorted({*total.refusing, *part.refusing})
        return total


@dataclass
class ArticleResult:
    """What became of one article."""

    index: int
    outcome: Outcome
    value: str | Failure
    """The MP3 path when written or unchanged, else the failure."""
    totals: WorkerTotals


Worker = Callable[["Settings", str, "str | None", ArticleJob], ArticleResult]


def run_jobs(
    executor: str,
    settings: Settings,
    jobs: list[ArticleJob],
    *,
    local: Callable[[ArticleJob], ArticleResult],
    worker: Worker,
    engine_names: tuple[str, str | None],
) -> Generator[ArticleResult, None, None]:
    """Run ``jobs`` and yield their results as they finish.

    ``local`` builds an article in this process (threads); ``worker`` is the module-level
    function other processes call with the settings and engine names. Closing the
    iterator early (``--fail-fast``) cancels the jobs that have not started.
    """
    if not jobs:
        return
    if executor == "threads":
        with ThreadPoolExecutor(settings.jobs, thread_name_prefix="article") as pool:
            yield from _drain([pool.submit(local, job) for job in jobs])
    elif executor == "processes":
        # Each process limits its own requests: together they keep to the configured rate.
        share = replace(settings, rate=settings.rate / settings.jobs)
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            settings.jobs, mp_context=spawn, initializer=log_like, initargs=parent_logging()
        ) as pool:
            yield from _drain([pool.submit(worker, share, *engine_names, job) for job in jobs])
    elif executor == "dask":
        yield from _run_on_dask(settings, jobs, worker, engine_names)
    else:
        raise ConfigError(f"unknown executor {executor!r}")


def parent_logging() -> tuple[int, str | None]:
    """This process's log level and message format, for the workers it starts."""
    root = logging.getLogger()
    formats = (getattr(h.formatter, "_fmt", None) for h in root.handlers if h.formatter)
    return root.level, next((f for f in formats if isinstance(f, str)), None)


def log_like(level: int, message_format: str | None) -> None:
    """Log in a worker process as its parent does: a warning about one article reads the
    same (``vnmedia: WARNING: ...``) whatever the executor."""
    logging.basicConfig(
        level=level, format=message_format or "%(message)s", stream=sys.stderr, force=True
    )


def _drain(futures: list[Future[ArticleResult]]) -> Iterator[ArticleResult]:
    try:
        for future in as_completed(futures):
            yield future.result()
    finally:
        for future in futures:
            future.cancel()


def _run_on_dask(
    settings: Settings, jobs: list[ArticleJob], worker: Worker, engine_names: tuple[str, str | None]
) -> Iterator[ArticleResult]:
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError as exc:
        raise ConfigError(
            "the dask executor needs the distributed package: pip install 'vnmedia[dask]'"
        ) from exc
    cluster: Any = None
    if settings.scheduler:
        try:
            client = Client(settings.scheduler, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {settings.scheduler} ({exc}): start it, "
                "check --scheduler, or leave it out for a local cluster"
            ) from exc
        workers = max(1, len(client.scheduler_info().get("workers", {})))
    else:
        cluster = LocalCluster(
            n_workers=settings.jobs,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
        workers = settings.jobs
    share = replace(settings, rate=settings.rate / workers)
    futures = [client.submit(worker, share, *engine_names, job, pure=False) for job in jobs]
    try:
        for future in dask_completed(futures):
            yield future.result()
    finally:
        client.cancel(futures)
        client.close()
        if cluster is not None:
            cluster.close()


def choose_executor(
    settings: Settings, tts_module: str, translator_module: str | None, articles: int
) -> str:
    """The executor ``auto`` means: processes when every engine is a built-in offline one
    and there are several articles to spread (starting processes costs about a second)."""
    if settings.executor != "auto":
        return settings.executor
    offline_builtin = tts_module.startswith("vnmedia.engines.espeak") and translator_module is None
    return "processes" if offline_builtin and settings.jobs > 1 and articles > 1 else "threads"
