"""Machine translation through deep-translator: Google (default), MyMemory, LibreTranslate.

deep-translator has no timeouts, no retries and no common error base (DESIGN.md): this
module gives every call a deadline, wraps every failure in EngineError (retryable or not),
and treats ``None``, empty or unchanged-Vietnamese replies as failures. A translator object
is created per call because deep-translator's objects must not be shared across threads.
"""

from __future__ import annotations

import unicodedata
from typing import Any
from urllib.parse import urlsplit

import requests

from ..errors import EngineError
from ..settings import Settings
from ..text.letters import has_vietnamese_letter
from .base import Translator, call_with_deadline, unreachable
from .network import PROBE_URLS


class _DeepTranslator(Translator):
    """Shared adapter logic; subclasses say how to build the deep-translator object."""

    needs_network = True
    languages = frozenset({"vi", "en"})

    def __init__(self, settings: Settings) -> None:
        self.timeout = settings.request_timeout

    def _make(self, source: str, target: str) -> Any:
        raise NotImplementedError

    def translate(self, text: str, source: str, target: str) -> str:
        from deep_translator import exceptions as dt

        def request() -> Any:
            return self._make(source, target).translate(text)

        try:
            result = call_with_deadline(request, self.timeout, engine=self.name)
        except dt.TooManyRequests as exc:
            raise EngineError("too many requests (429)", engine=self.name, retryable=True) from exc
        except (dt.RequestError, dt.ServerException) as exc:
            # deep-translator hides the status; a failed request is worth another try.
            raise EngineError(
                f"request failed ({type(exc).__name__}: {exc})", engine=self.name, retryable=True
            ) from exc
        except (dt.NotValidLength, dt.NotValidPayload) as exc:
            raise EngineError(f"text rejected: {exc}", engine=self.name) from exc
        except (dt.AuthorizationException, dt.ApiKeyException) as exc:
            raise EngineError(
                "the API key was refused: check the key in vnmedia.toml or the environment",
                engine=self.name,
            ) from exc
        except dt.TranslationNotFound as exc:
            raise EngineError(
                "no translation in the reply (the page format may have changed)",
                engine=self.name,
                retryable=True,
            ) from exc
        except (dt.LanguageNotSupportedException, dt.InvalidSourceOrTargetLanguage) as exc:
            raise EngineError(f"language not supported: {exc}", engine=self.name) from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            url = self.probe_url() or PROBE_URLS.get(self.service or "", "")
            host = urlsplit(url).hostname or self.name
            raise unreachable(self.name, host, exc, "translator") from exc
        except requests.RequestException as exc:
            raise EngineError(
                f"network error ({type(exc).__name__})", engine=self.name, retryable=True
            ) from exc
        return checked_translation(result, text, source, engine=self.name)


def checked_translation(result: object, text: str, source: str, *, engine: str) -> str:
    """Reject the non-answers deep-translator passes through as if they were translations."""
    if not isinstance(result, str) or not result.strip():
        raise EngineError("empty translation", engine=engine, retryable=True)
    # A Vietnamese text "translated" into itself was not translated at all. Text without
    # Vietnamese letters (names, numbers, acronyms) may legitimately come back unchanged.
    if source == "vi" and result.strip() == text.strip() and has_vietnamese_letter(text):
        raise EngineError("the text came back untranslated", engine=engine, retryable=True)
    return unicodedata.normalize("NFC", result.strip())


class GoogleTranslatorEngine(_DeepTranslator):
    """Google Translate's public web endpoint (free, no key)."""

    name = "google"
    service = "google"
    # Google rejects 5000+ characters (DESIGN.md); stay well under it.
    max_chars = 4500

    def _make(self, source: str, target: str) -> Any:
        from deep_translator import GoogleTranslator

        return GoogleTranslator(source=source, target=target)


class MyMemoryEngine(_DeepTranslator):
    """MyMemory's free API (500 characters per request)."""

    name = "mymemory"
    service = "mymemory"
    max_chars = 480
    # MyMemory wants locale codes.
    _codes = {"vi": "vi-VN", "en": "en-US"}

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.email = settings.mymemory_email

    def _make(self, source: str, target: str) -> Any:
        from deep_translator import MyMemoryTranslator

        options = {"email": self.email} if self.email else {}
        return MyMemoryTranslator(source=self._codes[source], target=self._codes[target], **options)


class LibreEngine(_DeepTranslator):
    """A LibreTranslate server (``libre_url``, ``libre_api_key`` in config or environment)."""

    name = "libre"
    service = "libre"
    max_chars = 4500

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        # deep-translator appends the endpoint to the base URL: it must end with "/".
        self.url = settings.libre_url.rstrip("/") + "/"
        self.api_key = settings.libre_api_key

    def cache_identity(self) -> dict[str, object]:
        return {"url": self.url}  # never the API key

    def probe_url(self) -> str | None:
        return self.url

    def unavailable_reason(self) -> str | None:
        if not self.api_key:
            return "no API key: set VNMEDIA_LIBRE_API_KEY or libre_api_key in vnmedia.toml"
        return None

    def _make(self, source: str, target: str) -> Any:
        from deep_translator import LibreTranslator

        if not self.api_key:
            raise EngineError(
                "no API key: set VNMEDIA_LIBRE_API_KEY or libre_api_key in vnmedia.toml",
                engine=self.name,
            )
        return LibreTranslator(
            source=source, target=target, api_key=self.api_key, custom_url=self.url
        )
