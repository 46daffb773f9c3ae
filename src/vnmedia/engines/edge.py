"""Microsoft Edge's neural voices through the ``edge-tts`` library (online).

edge-tts speaks over the WebSocket service Edge's read-aloud feature uses: no account, no
key, but no promise either — the service refuses at times (HTTP 403, or a turn that ends
with "No audio was received", for the Vietnamese voices too). Every such failure is a
retryable EngineError, so it goes through the same retries, rate limit and circuit breaker
as Google (service ``microsoft``).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace

from ..codec import decode_mp3
from ..errors import AudioError, EngineError
from ..models import Clip, TimedWord
from ..settings import Settings
from .base import TTSEngine, Voice, call_with_deadline, retry_after, unreachable

DEFAULT_VOICES = {"vi": "vi-VN-HoaiMyNeural"}
ACCENT_VOICES = {
    "us": "en-US-AriaNeural",
    "uk": "en-GB-SoniaNeural",
    "au": "en-AU-NatashaNeural",
    "ca": "en-CA-ClaraNeural",
    "in": "en-IN-NeerjaNeural",
    "ie": "en-IE-EmilyNeural",
    "za": "en-ZA-LeahNeural",
}
"""The English voice for each ``--en-accent`` when no ``--voice-en`` is given."""

KNOWN_VOICES = (
    Voice("vi-VN-HoaiMyNeural", "vi", "female"),
    Voice("vi-VN-NamMinhNeural", "vi", "male"),
    *(Voice(name, "en", "female") for name in ACCENT_VOICES.values()),
    Voice("en-US-GuyNeural", "en", "male"),
    Voice("en-GB-RyanNeural", "en", "male"),
)
"""Listed when the service's own voice list cannot be fetched."""

TICKS_PER_MS = 10_000
"""The service times words in 100 ns ticks."""


SERVICE_HOST = "speech.platform.bing.com"
"""Where edge-tts speaks to (its websocket)."""


class EdgeEngine(TTSEngine):
    """Natural neural voices (Vietnamese HoaiMy and NamMinh, many English ones)."""

    name = "edge"
    languages = frozenset({"vi", "en"})
    # Chunks of whole sentences; the service takes up to 4 KB of SSML per turn.
    max_chars = 400
    needs_network = True
    service = "microsoft"
    speaks_at_speed = True
    varies_pace = True

    def __init__(self, settings: Settings) -> None:
        self.timeout = settings.request_timeout
        self.sample_rate = settings.sample_rate or self.native_rate
        self.voices = {
            "vi": settings.voice_vi or DEFAULT_VOICES["vi"],
            "en": settings.voice_en or ACCENT_VOICES[settings.en_accent],
        }
        # The service's prosody rate: "+25%" for 1.25.
        self.rates = {lang: _prosody_rate(settings.speed_for(lang)) for lang in self.voices}
        self.speeds = {lang: settings.speed_for(lang) for lang in self.voices}

    def voice_name(self, lang: str) -> str:
        return self.voices[lang]

    def voice_problem(self, lang: str) -> str | None:
        # Voice names are LANG-REGION-NameNeural (what edge-tts itself accepts).
        found = re.fullmatch(r"([a-z]{2,})-[A-Z]{2,}-\S+Neural", self.voices[lang])
        if found is None:
            return "is not an edge voice name (vi-VN-HoaiMyNeural): `vnmedia voices edge`"
        if found.group(1) != lang:
            return f"speaks {found.group(1)!r}, not {lang!r}: `vnmedia voices edge`"
        return None

    def cache_identity(self) -> dict[str, object]:
        return {"voices": self.voices, "rates": self.rates}

    def synthesize(self, text: str, lang: str) -> Clip:
        return self.synthesize_at(text, lang, 1.0)

    def synthesize_at(self, text: str, lang: str, pace: float) -> Clip:
        if not text.strip():
            raise EngineError("nothing to speak (empty text)", engine=self.name)
        voice = self.voices[lang]
        rate = self.rates[lang] if pace == 1.0 else _prosody_rate(self.speeds[lang] * pace)
        audio, words = call_with_deadline(
            lambda: asyncio.run(self._stream(text, voice, rate)),
            self.timeout,
            engine=self.name,
        )
        try:
            clip = decode_mp3(audio, engine=self.name, sample_rate=self.sample_rate)
        except AudioError as exc:
            raise EngineError(str(exc), engine=self.name, retryable=True) from exc
        return replace(clip, words=words, encoded=audio)

    async def _stream(
        self, text: str, voice: str, rate: str
    ) -> tuple[bytes, tuple[TimedWord, ...]]:
        """The MP3 bytes of ``text`` and the service's word boundaries (in ms)."""
        import aiohttp
        import edge_tts
        from edge_tts import exceptions

        audio = bytearray()
        words: list[TimedWord] = []
        try:
            communicate = edge_tts.Communicate(
                text,
                voice,
                rate=rate,
                boundary="WordBoundary",
                receive_timeout=int(self.timeout) + 1,
            )
            async for chunk in communicate.stream():
                if chunk["type"] == "audio":
                    audio += chunk["data"]
                elif chunk["type"] == "WordBoundary":
                    start = chunk["offset"] / TICKS_PER_MS
                    words.append((chunk["text"], start, start + chunk["duration"] / TICKS_PER_MS))
        except aiohttp.ClientResponseError as exc:
            # 403 is the service's usual refusal; 429 and 5xx are worth a retry too.
            raise EngineError(
                f"the service refused ({exc.status} {exc.message})",
                engine=self.name,
                retryable=exc.status in (403, 408, 429) or exc.status >= 500,
                retry_after=retry_after(exc),
            ) from exc
        except (aiohttp.ClientConnectorError, TimeoutError) as exc:
            raise unreachable(self.name, SERVICE_HOST, exc, "tts") from exc
        except (aiohttp.ClientError, exceptions.EdgeTTSException) as exc:
            # "No audio was received", a dropped socket, an unexpected frame: all passing.
            raise EngineError(
                str(exc) or type(exc).__name__, engine=self.name, retryable=True
            ) from exc
        except ValueError as exc:  # edge-tts validates the voice name
            raise EngineError(f"{voice}: {exc}", engine=self.name) from exc
        return bytes(audio), tuple(words)

    def list_voices(self) -> tuple[Voice, ...]:
        """The service's Vietnamese and English voices (the built-in list when offline)."""

        async def fetch() -> list[dict[str, str]]:
            import edge_tts

            return await edge_tts.list_voices()  # type: ignore[return-value]

        try:
            listed = call_with_deadline(lambda: asyncio.run(fetch()), self.timeout, engine="edge")
        except Exception:  # offline, refused, changed format: the known voices still work
            return KNOWN_VOICES
        voices = [
            Voice(v["ShortName"], v["Locale"][:2], v.get("Gender", "").lower())
            for v in listed
            if v.get("Locale", "")[:2] in self.languages
        ]
        return tuple(sorted(voices, key=lambda v: (v.lang, v.name))) or KNOWN_VOICES


def _prosody_rate(speed: float) -> str:
    """The service's prosody rate for a pace: ``"+25%"`` for 1.25, ``"-25%"`` for 0.75."""
    return f"{round(100 * speed) - 100:+d}%"
