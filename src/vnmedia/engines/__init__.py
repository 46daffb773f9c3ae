"""Engine registries. Built-in engines register here exactly as an outside engine would::

from vnmedia.engines import tts_engines
tts_engines.register("my-voice", MyVoiceEngine)   # a factory taking Settings
"""

from __future__ import annotations

from .base import Engine, Registry, Translator, TTSEngine, Voice, call_with_deadline
from .ct2 import CTranslate2Translator
from .edge import EdgeEngine
from .espeak import EspeakEngine
from .gtts import GttsEngine
from .llm import LlmTranslator
from .piper import PiperEngine
from .translators import GoogleTranslatorEngine, LibreEngine, MyMemoryEngine

tts_engines: Registry[TTSEngine] = Registry("tts")
translators: Registry[Translator] = Registry("translator")

tts_engines.register("gtts", GttsEngine)
tts_engines.register("espeak", EspeakEngine)
tts_engines.register("edge", EdgeEngine)
tts_engines.register("piper", PiperEngine)
translators.register("google", GoogleTranslatorEngine)
translators.register("mymemory", MyMemoryEngine)
translators.register("libre", LibreEngine)
translators.register("llm", LlmTranslator)
translators.register("ct2", CTranslate2Translator)

__all__ = [
    "Engine",
    "Registry",
    "TTSEngine",
    "Voice",
    "Translator",
    "call_with_deadline",
    "tts_engines",
    "translators",
]
