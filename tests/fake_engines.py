"""Fake engines and small helpers shared by the tests.

They live in a module of their own, not in conftest.py: tests import them by name, and a
second pytest session in the same process (mutmut runs several) re-imports conftest.py but
not this module, so the fixtures and the tests always see the same classes.
"""

from __future__ import annotations

import math
from array import array
from pathlib import Path
from typing import ClassVar

from vnmedia.engines import Translator, TTSEngine
from vnmedia.errors import EngineError
from vnmedia.models import Clip
from vnmedia.settings import Settings, load_settings

SHARED_CORPUS = next(
    (
        folder / "shared" / "corpus"
        for folder in Path(__file__).resolve().parents
        if (folder / "shared" / "corpus").is_dir()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "corpus",
)
"""The team's corpus beside the project, found from any copy of the tests (mutmut's too)."""

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


def fake_settings(tmp_path: Path, **flags: object) -> Settings:
    """Settings to build ``tmp_path/in`` into ``tmp_path/out`` with the fake engines;
    ``flags`` add to them or replace them."""
    values: dict[str, object] = {
        "inputs": (str(tmp_path / "in"),),
        "output": str(tmp_path / "out"),
        "tts": FakeTTS.name,
        "translator": FakeTranslator.name,
    }
    return load_settings(**{**values, **flags})


def write_article(folder: Path, name: str, title: str, *paragraphs: str) -> Path:
    """Write a simple article file (title, blank line, paragraphs separated by blank lines)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path
