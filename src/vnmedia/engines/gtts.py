"""Google's voice through gTTS (online)."""

from __future__ import annotations

import io
from dataclasses import replace

from ..codec import decode_mp3
from ..errors import AudioError, EngineError
from ..models import Clip
from ..settings import Settings
from .base import TTSEngine, Voice, retry_after, unreachable

# gTTS picks the English accent through Google's top-level domain.
ACCENT_TLDS = {
    "us": "com",
    "uk": "co.uk",
    "au": "com.au",
    "ca": "ca",
    "in": "co.in",
    "ie": "ie",
    "za": "co.za",
}


GOOGLE_HOST = "translate.google.com"


class GttsEngine(TTSEngine):
    """Natural Vietnamese and English voices from Google Translate's TTS endpoint."""

    name = "gtts"
    languages = frozenset({"vi", "en"})
    # gTTS cuts longer text at every comma and period, each cut an audible pause
    # (DESIGN.md); the speak stage hands it sentence/clause chunks of at most 100 chars.
    max_chars = 100
    needs_network = True
    service = "google"
    # gTTS's `slow` is its only speed (DESIGN.md): asked for any slower drill step; the
    # speak stage then brings the clip to the exact pace.
    varies_pace = True

    def __init__(self, settings: Settings) -> None:
        self.timeout = settings.request_timeout
        self.sample_rate = settings.sample_rate or self.native_rate
        self.accent = settings.en_accent
        self.tlds = {"vi": "com", "en": ACCENT_TLDS[settings.en_accent]}
        # Google's voice reads many numbers well, but not all (DESIGN.md): on by default.
        self.wants_normalized_text = settings.normalize_gtts

    def cache_identity(self) -> dict[str, object]:
        return {"tlds": self.tlds, "slow": False}

    def voice_name(self, lang: str) -> str:
        return lang if lang != "en" else f"en-{self.accent}"

    def list_voices(self) -> tuple[Voice, ...]:
        # One voice per language; the English accent comes from --en-accent.
        return (Voice("vi", "vi"), *(Voice(f"en-{accent}", "en") for accent in ACCENT_TLDS))

    def synthesize(self, text: str, lang: str) -> Clip:
        return self.synthesize_at(text, lang, 1.0)

    def synthesize_at(self, text: str, lang: str, pace: float) -> Clip:
        from gtts import gTTS, gTTSError

        if not text.strip():
            # gTTS answers empty text with a bare AssertionError.
            raise EngineError("nothing to speak (empty text)", engine=self.name)
        buffer = io.BytesIO()
        try:
            speech = gTTS(
                text,
                lang=lang,
                tld=self.tlds.get(lang, "com"),
                lang_check=False,
                slow=pace < 1.0,
                timeout=self.timeout,
            )
            speech.write_to_fp(buffer)
        except gTTSError as exc:
            reply = getattr(exc, "rsp", None)
            status = getattr(reply, "status_code", None)
            if reply is None:  # no reply at all: the network, not Google
                raise unreachable(self.name, GOOGLE_HOST, exc, "tts") from exc
            # No status: a connection error or timeout. 429 and 5xx are worth retrying.
            retryable = status is None or status == 429 or status >= 500
            if status == 200:
                # A 200 reply without audio (consent page, format change).
                raise EngineError(
                    "Google answered without audio (consent page or changed format)",
                    engine=self.name,
                    retryable=True,
                ) from exc
            raise EngineError(
                str(exc),
                engine=self.name,
                retryable=retryable,
                retry_after=retry_after(reply),
            ) from exc
        # gTTS yields nothing and raises nothing on a 200 reply with no audio line at all.
        if not buffer.getvalue():
            raise EngineError(
                "Google answered without audio (consent page or changed format)",
                engine=self.name,
                retryable=True,
            )
        try:
            clip = decode_mp3(buffer.getvalue(), engine=self.name, sample_rate=self.sample_rate)
            return replace(clip, encoded=buffer.getvalue())
        except AudioError as exc:
            raise EngineError(str(exc), engine=self.name, retryable=True) from exc
