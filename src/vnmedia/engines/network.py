"""The one reachability probe that decides what ``--tts auto`` / ``--translator auto`` use."""

from __future__ import annotations

import requests

from ..errors import EngineError
from .base import call_with_deadline

PROBE_URL = "https://translate.google.com/"


def google_reachable(timeout: float) -> bool:
    """Whether Google Translate answers an HTTP request within ``timeout`` seconds.

    Any HTTP status counts as an answer; DNS failures, refused connections and silence
    do not. The deadline covers DNS resolution too, which requests' own timeout does not.
    """

    def probe() -> int:
        return requests.head(PROBE_URL, timeout=timeout, allow_redirects=False).status_code

    try:
        call_with_deadline(probe, timeout, engine="probe")
    except (requests.RequestException, EngineError, OSError):
        return False
    return True
