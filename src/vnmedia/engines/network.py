"""Reachability probes: the Google one decides what ``--tts auto`` / ``--translator auto``
use; ``vnmedia engines`` probes each web service its engines talk to."""

from __future__ import annotations

import requests

from ..errors import EngineError
from .base import call_with_deadline

PROBE_URLS = {
    "google": "https://translate.google.com/",
    "microsoft": "https://speech.platform.bing.com/",
    "mymemory": "https://api.mymemory.translated.net/",
}
PROBE_URL = PROBE_URLS["google"]


def google_reachable(timeout: float) -> bool:
    """Whether Google Translate answers an HTTP request within ``timeout`` seconds."""
    return service_reachable("google", timeout=timeout)


def service_reachable(service: str, url: str | None = None, *, timeout: float) -> bool:
    """Whether a web service answers an HTTP request within ``timeout`` seconds.

    Any HTTP status counts as an answer; DNS failures, refused connections and silence
    do not. The deadline covers DNS resolution too, which requests' own timeout does not.
    """
    target = url or PROBE_URLS.get(service, PROBE_URL)

    def probe() -> int:
        return requests.head(target, timeout=timeout, allow_redirects=False).status_code

    try:
        call_with_deadline(probe, timeout, engine="probe")
    except (requests.RequestException, EngineError, OSError):
        return False
    return True
