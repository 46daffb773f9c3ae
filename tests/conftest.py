"""Shared test helpers: fake engines registered through the real registries, hermetic dirs."""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from vnmedia.engines import Translator, TTSEngine, translators, tts_engines
from vnmedia.errors import EngineError
from vnmedia.models import Clip
from vnmedia.settings import Settings

FAKE_RATE = 16000
MS_PER_CHAR = 20


def tone(duration_ms: int, frequency: float, rate: int = FAKE_RATE) -> bytes:
    """A sine tone as 16-bit mono PCM."""
    count = rate * duration_ms // 1000
    step = 2 * math.pi * frequency / rate
    return array("h", (int(12000 * math.sin(step * i)) for i in range(count))).tobytes()


class FakeTTS(TTSEngine):
    """Speaks every text as a tone whose length follows the text (20 ms per character).

    Records every call; fails on any text containing "BOOM" so tests can break an article.
    """

    name = "fake-tts"
    languages = frozenset({"vi", "en"})
    max_chars = 100
    needs_network = False
    # Tests see the text as written; normalization has its own tests.
    wants_normalized_text = False
    calls: ClassVar[list[tuple[str, str]]] = []

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def synthesize(self, text: str, lang: str) -> Clip:
        FakeTTS.calls.append((text, lang))
        if "BOOM" in text:
            raise EngineError("exploded on purpose", engine=self.name)
        frequency = 440.0 if lang == "vi" else 660.0
        pcm = tone(max(200, MS_PER_CHAR * len(text)), frequency)
        return Clip(pcm=pcm, sample_rate=FAKE_RATE, engine=self.name)


class FakeTranslator(Translator):
    """Translates by tagging the text: "xin chào" → "EN[xin chào]". Records every call."""

    name = "fake-translator"
    languages = frozenset({"vi", "en"})
    max_chars = 4500
    needs_network = False
    calls: ClassVar[list[str]] = []

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def translate(self, text: str, source: str, target: str) -> str:
        FakeTranslator.calls.append(text)
        return f"EN[{text}]"


@pytest.fixture(autouse=True)
def hermetic(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Every test runs in its own folder, with no VNMEDIA_* settings and no network probe."""
    import os

    for key in list(os.environ):
        if key.startswith("VNMEDIA_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    # `auto` engines must never reach out from a test: Google is "unreachable".
    monkeypatch.setattr("vnmedia.services.google_reachable", lambda timeout: False)
    monkeypatch.setattr("vnmedia.doctor.google_reachable", lambda timeout: False)
    yield


@pytest.fixture
def fakes() -> Iterator[tuple[type[FakeTTS], type[FakeTranslator]]]:
    """Register the fake engines under their names; unregister afterwards."""
    FakeTTS.calls.clear()
    FakeTranslator.calls.clear()
    tts_engines.register(FakeTTS.name, FakeTTS)
    translators.register(FakeTranslator.name, FakeTranslator)
    yield FakeTTS, FakeTranslator
    tts_engines.unregister(FakeTTS.name)
    translators.unregister(FakeTranslator.name)


def write_article(folder: Path, name: str, title: str, *paragraphs: str) -> Path:
    """Write a simple article file (title, blank line, paragraphs separated by blank lines)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path
