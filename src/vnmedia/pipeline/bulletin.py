"""A bulletin (``--episode file|run``): its opening, each article announced by its title
and a chapter of its own, an article that fails left out and named."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import Any

from ..audio.speak import speak_units
from ..audio.spool import ClipSpool
from ..errors import TranslationMissingError, VnmediaError
from ..models import Article, Segment, Unit
from ..runtime.executors import ArticleJob, Outcome
from ..services import BuildServices
from ..settings import Settings
from ..site.episode import EPISODES_DIR, publish_episode
from ..text.guesses import units_to_check
from ..text.normalize import normalize_units
from .episode import (
    assembled,
    planned_units,
    speak_episode,
    spoken_languages,
    study_words,
    voice_names,
)
from .fingerprint import fingerprint, up_to_date

log = logging.getLogger(__name__)


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

    with stage("normalize", current):
        checks = units_to_check(services.engines.normalizer, whole(), services.cache)
    with stage("plan", current):
        recipe = fingerprint(services, bulletin, whole(), job.number, checks=checks)
        mp3 = services.output / EPISODES_DIR / f"{job.slug}.mp3"
        if not missing and up_to_date(mp3, recipe):
            return "unchanged", str(mp3)
    with ClipSpool(services.output) as spool:
        with stage("speak", current):
            clips = speak_units(opening, services.speech, services.pool.map, spool.keep)
            for article, units, misses in list(parts):
                try:
                    spoken, _ = speak_episode(services, article, units, spool)
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
        checks = units_to_check(services.engines.normalizer, units, services.cache)
        recipe = fingerprint(services, bulletin, units, job.number, checks=checks)
        marks = {0: bulletin.title} if opening else {}
        at = len(opening)
        for article, article_units, _ in parts:
            marks[at] = article.title
            at += len(article_units)
        articles = [{"title": a.title, "source": a.source, "url": a.url} for a, _, _ in parts]
        words = study_words(services, [a for a, _, _ in parts], current)
        audio = assembled(
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
                voices=voice_names(services.speech.engine, spoken_languages(settings)),
                translator=services.engines.translator_names or "",
                glossary_misses=[m for _, _, misses in parts for m in misses],
                description=bulletin_description(articles),
                articles=articles,
                missing=missing,
                doubts=[d for d in doubted if d["article"] in {a.title for a, _, _ in parts}],
                words=words,
                readings_to_check=checks,
            )
    return "written", str(path)


def opening_units(settings: Settings, bulletin: Article) -> list[Unit]:
    """The spoken opening of a bulletin: its title in Vietnamese, then in English."""
    day = date.fromisoformat((bulletin.published or "")[:10] or date.today().isoformat())
    english = settings.show_opening_en.format(**date_fields(day))
    texts = {"vi": bulletin.title, "en": english}
    return [
        [Segment("title", 0, lang, texts[lang], "source") for lang in spoken_languages(settings)]  # type: ignore[arg-type]
    ]


def bulletin_description(articles: list[dict[str, Any]]) -> str:
    """A bulletin's feed and page description: its articles, in order."""
    return "Trong bản tin / In this bulletin: " + "; ".join(
        f"{number}. {a['title']}" for number, a in enumerate(articles, 1)
    )


def date_fields(day: date) -> dict[str, object]:
    return {"day": day.day, "month": day.month, "year": day.year, "month_name": day.strftime("%B")}
