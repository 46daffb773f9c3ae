"""Local neural translation with CTranslate2 (``--translator ct2 --ct2-model DIR``).

``DIR`` is an OPUS-MT vi→en model converted once by the user (README, "Local translation"):
``model.bin`` and its vocabulary, as ``ct2-transformers-converter`` writes them, with the
model's two SentencePiece models ``source.spm`` and ``target.spm`` copied beside. Marian
models were trained on sentences, so a paragraph is cut into sentences; every sentence of an
article goes to the model in one batched call, on the CPU, and comes back joined per
paragraph. Nothing leaves the machine.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

from ..errors import ConfigError, EngineError, EngineUnavailableError
from ..settings import Settings
from ..text.chunking import split_sentences, split_text
from .base import Translator
from .translators import checked_translation

MODEL_FILES = ("model.bin", "source.spm", "target.spm")
SENTENCE_CHARS = 600
"""Longer sentences are cut at clauses first: OPUS-MT models take at most 512 tokens and
translate long inputs badly."""
INSTALL_HINT = "pip install 'vnmedia[ct2]'"


class _Model:
    """A loaded model and its two tokenizers; CTranslate2 translators are thread-safe."""

    def __init__(self, directory: Path) -> None:
        try:
            import ctranslate2
            import sentencepiece
        except ImportError as exc:
            raise EngineUnavailableError(
                f"ctranslate2 or sentencepiece is not installed: {INSTALL_HINT}", engine="ct2"
            ) from exc
        try:
            self.translator = ctranslate2.Translator(
                str(directory), device="cpu", inter_threads=1, intra_threads=os.cpu_count() or 1
            )
            self.source = sentencepiece.SentencePieceProcessor(
                model_file=str(directory / "source.spm")
            )
            self.target = sentencepiece.SentencePieceProcessor(
                model_file=str(directory / "target.spm")
            )
        except (RuntimeError, OSError, ValueError) as exc:
            raise ConfigError(f"{directory}: not a loadable CTranslate2 model ({exc})") from exc
        self.digest = _digest(directory)
        # Marian models converted by CTranslate2 leave </s> to the caller, as Marian's own
        # tokenizer adds it; a model whose config adds it itself must not get two.
        try:
            config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            config = {}
        self.end = [] if config.get("add_source_eos") else ["</s>"]


def _digest(directory: Path) -> str:
    """A digest of the model's files: a new conversion of the model makes new translations."""
    digest = hashlib.sha256()
    for name in (*MODEL_FILES, "config.json", "shared_vocabulary.json"):
        path = directory / name
        if path.is_file():
            with path.open("rb") as stream:
                while block := stream.read(1 << 20):
                    digest.update(block)
    return digest.hexdigest()[:16]


class CTranslate2Translator(Translator):
    """An OPUS-MT (Marian) model converted for CTranslate2: neural, local, no network."""

    name = "ct2"
    languages = frozenset({"vi", "en"})
    max_chars = 4500
    needs_network = False
    batch_chars = 6000
    """Characters of an article whose sentences go to the model in one batched call."""
    max_batch_size = 32
    """Sentences the model decodes at once."""

    _loaded: dict[Path, _Model] = {}
    _lock = threading.Lock()

    def __init__(self, settings: Settings) -> None:
        self.directory = Path(settings.ct2_model) if settings.ct2_model else None

    def _model(self) -> _Model:
        if self.directory is None:
            raise EngineError("no model given: --ct2-model DIR", engine=self.name)
        with self._lock:
            if self.directory not in self._loaded:
                self._loaded[self.directory] = _Model(self.directory)
            return self._loaded[self.directory]

    def load(self) -> None:
        self._model()

    def cache_identity(self) -> dict[str, object]:
        # The files decide the English, not where they are: a moved model keeps its cache.
        return {"model": self._model().digest}

    def unavailable_reason(self) -> str | None:
        if self.directory is None:
            return "no model given: --ct2-model DIR (README, 'Local translation')"
        missing = [name for name in MODEL_FILES if not (self.directory / name).is_file()]
        if missing:
            return f"{self.directory}: {', '.join(missing)} not found"
        for module in ("ctranslate2", "sentencepiece"):
            try:
                __import__(module)
            except ImportError:
                return f"{module} is not installed: {INSTALL_HINT}"
        return None

    def translate(self, text: str, source: str, target: str) -> str:
        return self.translate_batch([text], source, target)[0]

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """English for ``texts``: all their sentences in one batched call, in order."""
        if (source, target) != ("vi", "en"):
            raise EngineError(f"the model translates vi→en, not {source}→{target}", engine="ct2")
        model = self._model()
        sentences = [model_sentences(text) for text in texts]
        flat = [sentence for group in sentences for sentence in group]
        english = iter(self._translate_sentences(model, flat))
        return [
            checked_translation(
                " ".join(next(english) for _ in group), text, source, engine=self.name
            )
            for text, group in zip(texts, sentences, strict=True)
        ]

    def _translate_sentences(self, model: _Model, sentences: list[str]) -> list[str]:
        if not sentences:
            return []
        tokens = [[*model.source.encode(s, out_type=str), *model.end] for s in sentences]
        try:
            results: list[Any] = model.translator.translate_batch(
                tokens,
                max_batch_size=self.max_batch_size,
                # A runaway decode (a model repeating itself) stops near the input's length.
                max_decoding_length=min(512, 2 * max(map(len, tokens)) + 16),
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"the model failed: {exc}", engine=self.name) from exc
        return [model.target.decode(result.hypotheses[0]).strip() for result in results]


def model_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, long ones cut at clauses (never inside a word)."""
    return [
        piece
        for sentence in split_sentences(" ".join(text.split()))
        for piece in split_text(sentence, SENTENCE_CHARS)
    ]
