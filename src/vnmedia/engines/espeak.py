"""Offline speech with libespeak-ng, through a small ctypes binding.

The library and its voice data come from the ``espeakng-loader`` wheel, so no system
espeak-ng is needed. No PyPI package binds the library for synthesis (they shell out to the
CLI, DESIGN.md), hence this binding: initialise in synchronous mode, collect samples in a
callback. libespeak-ng keeps global state, so one process-wide lock serialises its use.

That state also leaks between utterances (pitch flutter, voice switches): the same text can
come out a few samples different depending on what was spoken before it, even with the
PRNG reseeded (measured here). Clips are therefore not bit-reproducible across processes;
the clip cache is what keeps reruns identical.
"""

from __future__ import annotations

import ctypes
import threading
from typing import ClassVar

from ..errors import EngineError, EngineUnavailableError
from ..models import Clip
from ..settings import Settings
from .base import TTSEngine, Voice

# Constants from espeak-ng's speak_lib.h.
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_ESPEAK_CHARS_UTF8 = 1
_ESPEAK_RATE = 1
_EE_OK = 0
_PHONEMES_IPA = 0x02  # phonememode bit 1: IPA as UTF-8

# int callback(short *wav, int numsamples, espeak_EVENT *events)
_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)

# espeak voice for each English accent we offer with gTTS.
ENGLISH_VOICES = {
    "us": "en-us",
    "uk": "en-gb",
    "au": "en-gb",
    "ca": "en-us",
    "in": "en-gb",
    "ie": "en-gb",
    "za": "en-gb",
}


class _Library:
    """The loaded libespeak-ng, initialised once per process."""

    _instance: ClassVar[_Library | None] = None
    _init_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self) -> None:
        import espeakng_loader

        self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
        self.lib.espeak_Initialize.restype = ctypes.c_int
        self.lib.espeak_Initialize.argtypes = [
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_int,
        ]
        self.lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        self.lib.espeak_SetVoiceByName.restype = ctypes.c_int
        self.lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        self.lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        self.lib.espeak_Synth.restype = ctypes.c_int
        # const char *espeak_TextToPhonemes(const void **textptr, int textmode, int phonememode)
        self.lib.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.c_int,
            ctypes.c_int,
        ]
        self.lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        data_path = espeakng_loader.get_data_path().encode()
        self.sample_rate = self.lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path, 0)
        if self.sample_rate <= 0:
            raise OSError(f"espeak_Initialize failed with {self.sample_rate}")
        self._chunks: list[bytes] = []
        # Keep a reference: ctypes callbacks are freed when garbage-collected.
        self._callback = _SYNTH_CALLBACK(self._collect)
        self.lib.espeak_SetSynthCallback(self._callback)
        self.lock = threading.Lock()

    def _collect(self, wav: ctypes._Pointer[ctypes.c_short], count: int, _events: int) -> int:
        if count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0  # 0 = keep going

    @classmethod
    def get(cls) -> _Library:
        with cls._init_lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def has_voice(self, voice: str) -> bool:
        """Whether espeak-ng-data holds ``voice``."""
        with self.lock:
            return bool(self.lib.espeak_SetVoiceByName(voice.encode()) == _EE_OK)

    def phonemes(self, text: str, voice: str) -> list[str]:
        """The IPA phonemes of ``text``, one string per clause (what Piper voices read).

        espeak-ng hands back one clause per call and moves the text pointer on; clause
        punctuation is lost, as in Piper's own phonemizer without punctuation.
        """
        with self.lock:
            if self.lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
                raise LookupError(voice)
            buffer = ctypes.create_string_buffer(text.encode("utf-8") + b"\0")
            pointer = ctypes.c_char_p(ctypes.addressof(buffer))
            clauses = []
            while pointer.value:
                phonemes = self.lib.espeak_TextToPhonemes(
                    ctypes.byref(pointer), _ESPEAK_CHARS_UTF8, _PHONEMES_IPA
                )
                if phonemes:
                    clauses.append(phonemes.decode("utf-8"))
            return clauses

    def speak(self, text: str, voice: str, rate: int) -> bytes:
        with self.lock:
            if self.lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
                raise LookupError(voice)
            self.lib.espeak_SetParameter(_ESPEAK_RATE, rate, 0)
            self._chunks = []
            encoded = text.encode("utf-8") + b"\0"
            status = self.lib.espeak_Synth(
                encoded, len(encoded), 0, _POS_CHARACTER, 0, _ESPEAK_CHARS_UTF8, None, None
            )
            if status != _EE_OK:
                raise RuntimeError(f"espeak_Synth returned {status}")
            return b"".join(self._chunks)


class EspeakEngine(TTSEngine):
    """espeak-ng: robotic but offline, instant and always there."""

    name = "espeak"
    languages = frozenset({"vi", "en"})
    # espeak takes any length; a paragraph per call keeps its own prosody.
    max_chars = 5000
    needs_network = False
    speaks_at_speed = True
    varies_pace = True

    def __init__(self, settings: Settings) -> None:
        self.voices = {
            "vi": settings.voice_vi or "vi",
            "en": settings.voice_en or ENGLISH_VOICES[settings.en_accent],
        }
        # Words per minute; espeak's default (175) is hard to follow in Vietnamese.
        self.rates = {lang: round(160 * settings.speed_for(lang)) for lang in self.voices}

    @property
    def native_rate(self) -> int:
        return int(_Library.get().sample_rate)

    def list_voices(self) -> tuple[Voice, ...]:
        return (
            Voice("vi", "vi"),
            *(Voice(name, "en") for name in sorted(set(ENGLISH_VOICES.values()))),
        )

    def voice_name(self, lang: str) -> str:
        return self.voices[lang]

    def voice_problem(self, lang: str) -> str | None:
        try:
            library = _Library.get()
        except Exception:  # unavailable_reason() says why
            return None
        if library.has_voice(self.voices[lang]):
            return None
        return "is not an espeak-ng voice: `vnmedia voices espeak` lists them"

    def cache_identity(self) -> dict[str, object]:
        import espeakng_loader

        version = getattr(espeakng_loader, "__version__", None) or _package_version()
        # One number while both languages share a pace: the key clips were cached under
        # before --speed existed.
        rates = set(self.rates.values())
        rate = rates.pop() if len(rates) == 1 else self.rates
        return {"voices": self.voices, "rate": rate, "espeakng_loader": version}

    def unavailable_reason(self) -> str | None:
        try:
            _Library.get()
        except Exception as exc:  # OSError, ImportError, RuntimeError from the loader
            return f"libespeak-ng cannot be loaded ({exc}); reinstall with `make install`"
        return None

    def synthesize(self, text: str, lang: str) -> Clip:
        return self.synthesize_at(text, lang, 1.0)

    def synthesize_at(self, text: str, lang: str, pace: float) -> Clip:
        try:
            library = _Library.get()
        except Exception as exc:
            raise EngineUnavailableError(
                f"libespeak-ng cannot be loaded ({exc}): reinstall with `make install` "
                "or pass --tts gtts",
                engine=self.name,
            ) from exc
        voice = self.voices.get(lang)
        if voice is None:
            raise EngineError(f"no voice for language {lang!r}", engine=self.name)
        try:
            pcm = library.speak(text, voice, round(self.rates[lang] * pace))
        except LookupError as exc:
            raise EngineUnavailableError(
                f"voice {voice!r} not found in espeak-ng-data: reinstall with `make install` "
                "or pass --tts gtts",
                engine=self.name,
            ) from exc
        except RuntimeError as exc:
            raise EngineError(str(exc), engine=self.name) from exc
        return Clip(pcm=pcm, sample_rate=library.sample_rate, engine=self.name)


def _package_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("espeakng-loader")
    except metadata.PackageNotFoundError:
        return "unknown"
