"""One article's episode, stage by stage::

translate → check → plan → normalize (and list the readings it guessed) → (unchanged? stop)
→ speak → loudness → assemble → master → episode files (``site/``)
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..audio.assemble import AnyClip, EpisodeAudio, assemble
from ..audio.drill import pattern_languages
from ..audio.loudness import VoiceLevels, measure_voices
from ..audio.plan import languages_for, plan_episode, plan_sentences, with_subheadings
from ..audio.speak import SpeechService, speak_units
from ..audio.spool import ClipSpool
from ..engines import TTSEngine
from ..errors import EngineError, TranslationMissingError
from ..models import Article, Unit
from ..runtime.executors import Outcome
from ..services import BuildServices
from ..settings import Settings
from ..site.episode import EPISODES_DIR, publish_episode
from ..text.guesses import units_to_check
from ..text.normalize import normalize_units
from ..text.words import StudyWord, words_worth_learning
from ..translation.glosses import gloss_words
from ..translation.review import Doubt, Text, review
from ..translation.sentences import SentencePairs, translate_sentences
from ..translation.translate import TranslatedText, translate_article
from .fingerprint import fingerprint, up_to_date

log = logging.getLogger(__name__)


def make_episode(
    services: BuildServices, article: Article, slug: str, number: int, current: list[str]
) -> tuple[Outcome, str]:
    """The stages of one episode, in order. ``current[0]`` names the stage running."""
    settings, stage = services.settings, services.times.stage
    units, misses, doubts = planned_units(services, article, current)
    with stage("normalize", current):
        checks = units_to_check(services.engines.normalizer, units, services.cache)
    with stage("plan", current):
        recipe = fingerprint(services, article, units, number, checks=checks)
        mp3 = services.output / EPISODES_DIR / f"{slug}.mp3"
        if up_to_date(mp3, recipe):
            return "unchanged", str(mp3)
    words = study_words(services, [article], current)
    with ClipSpool(services.output) as spool:
        with stage("speak", current):
            clips, speech = speak_episode(services, article, units, spool)
            if speech is not services.speech:
                recipe = fingerprint(services, article, units, number, speech.engine, checks)
        audio = assembled(services, units, clips, current)
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
                voices=voice_names(speech.engine, spoken_languages(settings)),
                translator=services.engines.translator_names or "",
                glossary_misses=misses,
                sentences=_sentence_counts(units) if settings.interleave == "sentence" else None,
                doubts=[d.to_dict() for d in doubts],
                words=words,
                readings_to_check=checks,
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


def assembled(
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
            units = plan_sentences(article, title, paragraphs, settings.order, settings.drill)
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


def spoken_languages(settings: Settings) -> list[str]:
    """The languages an episode speaks, in the order first heard (``--pattern`` or
    ``--order``)."""
    steps = settings.drill
    return list(pattern_languages(steps)) if steps else languages_for(settings.order)


def speak_episode(
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


def voice_names(tts: TTSEngine, languages: Iterable[str]) -> dict[str, str]:
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


def _joined(english: tuple[TranslatedText, ...]) -> TranslatedText:
    """A paragraph's English, its sentences' put together (for the glossary check)."""
    texts = [e.text for e in english if e.text]
    return TranslatedText(" ".join(texts) or None, "machine" if texts else "missing")
