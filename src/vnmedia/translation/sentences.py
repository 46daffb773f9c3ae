"""Sentence by sentence (``--interleave sentence``): every sentence of a paragraph gets its
own English, so that a learner hears each Vietnamese sentence next to its translation.

How each translator keeps the sentences apart:

- a translator that takes several texts in one request (the language model, CTranslate2)
  gets every sentence of the article as a text of its own (ids, in windows), with the
  same alignment checks as paragraphs;
- the others (Google, MyMemory, LibreTranslate) get a paragraph's sentences in one request,
  one per line, and the reply is cut at its line breaks; only when the counts disagree is
  each sentence asked alone;
- a translation memory entry for a whole paragraph is cut into sentences when both sides
  have as many; else that paragraph is spoken whole, paragraph by paragraph, and the
  manifest says so (``sentence`` 0).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import EngineError
from ..models import Article
from ..text.chunking import split_sentences
from .translate import Mapper, TranslatedText, TranslationService


@dataclass(frozen=True)
class SentencePairs:
    """A paragraph's sentences and their English, one each (or the paragraph whole)."""

    vietnamese: tuple[str, ...]
    english: tuple[TranslatedText, ...]
    whole: bool = False
    """The sentences could not be paired: the paragraph is spoken as one."""


def translate_sentences(
    article: Article, service: TranslationService, mapper: Mapper[str, TranslatedText] = map
) -> tuple[TranslatedText, list[SentencePairs]]:
    """The title's English and each paragraph's sentence pairs, in order."""
    pairs: dict[int, SentencePairs] = {}
    pending: dict[int, tuple[str, ...]] = {}
    for number, paragraph in enumerate(article.paragraphs):
        sentences = tuple(split_sentences(paragraph.text)) or (paragraph.text,)
        human = service.memory.lookup(paragraph.text)
        if human is not None and len(sentences) > 1:
            human_sentences = split_sentences(human)
            if len(human_sentences) == len(sentences):
                pairs[number] = SentencePairs(
                    sentences, tuple(TranslatedText(e, "memory") for e in human_sentences)
                )
            else:  # the human translation does not cut the same way: kept whole
                pairs[number] = SentencePairs(
                    (paragraph.text,), (TranslatedText(human, "memory"),), whole=True
                )
        else:
            pending[number] = sentences
    engine = service.engine
    if engine is not None and engine.batch_chars:
        # Every sentence a text of its own, the whole article in as few requests as fit.
        texts = [article.title, *(s for sentences in pending.values() for s in sentences)]
        english = service.translate_all(texts, mapper)
        title, at = english[0], 1
        for number, sentences in pending.items():
            pairs[number] = SentencePairs(sentences, tuple(english[at : at + len(sentences)]))
            at += len(sentences)
    else:
        title = service.translate(article.title)
        for number, sentences in pending.items():
            pairs[number] = SentencePairs(
                sentences, tuple(_line_by_line(service, sentences, mapper))
            )
    return title, [pairs[number] for number in range(len(article.paragraphs))]


def _line_by_line(
    service: TranslationService, sentences: tuple[str, ...], mapper: Mapper[str, TranslatedText]
) -> list[TranslatedText]:
    """One request for the paragraph, a sentence a line; one per sentence if the reply's
    lines do not match."""
    if len(sentences) > 1:
        try:
            lines = service.translate_lines(list(sentences))
        except EngineError:
            lines = None  # asked sentence by sentence below, each with the fallbacks
        if lines is not None:
            return lines
    return list(mapper(service.translate, sentences))


def alignment_counts(paragraphs: list[SentencePairs]) -> dict[str, int]:
    """How many sentences were paired with their own English, and how many paragraphs were
    spoken whole instead (the report and the benchmark)."""
    return {
        "sentences_aligned": sum(len(p.vietnamese) for p in paragraphs if not p.whole),
        "paragraphs_whole": sum(1 for p in paragraphs if p.whole),
    }
