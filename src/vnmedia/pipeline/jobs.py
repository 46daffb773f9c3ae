"""The episodes a build makes, planned before any work (slugs, numbers, bulletins), and
each job run in a worker with its failure isolated: a VnmediaError becomes its outcome."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from ..errors import EngineError, StorageError, VnmediaError
from ..models import Article, Failure
from ..runtime.executors import ArticleJob, ArticleResult, Outcome
from ..runtime.files import storage_error
from ..services import BuildServices, services_in_worker
from ..settings import Settings
from ..site.episode import SlugAllocator
from ..site.rebuild import load_manifests
from ..sources.listings import url_key
from .bulletin import date_fields, make_bulletin
from .episode import make_episode

log = logging.getLogger(__name__)


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
            title = settings.show_opening.format(**date_fields(day))
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
