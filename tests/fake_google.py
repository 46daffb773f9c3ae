"""What Google's web endpoints answer, for tests that fake the HTTP layer (``responses``).

Shared by the engine tests, the reliability tests and bench_scale.py.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from vnmedia.codec import encode_mp3, to_segment
from vnmedia.models import Clip

from fake_engines import tone

GTTS_URL = "https://translate.google.com/_/TranslateWebserverUi/data/batchexecute"
GOOGLE_URL = "https://translate.google.com/m"


def make_mp3(folder: Path) -> bytes:
    """A real one-second MP3, as Google's TTS would send it."""
    path = folder / "tone.mp3"
    clip = Clip(pcm=tone(1000, 440.0, 24000), sample_rate=24000, engine="test")
    encode_mp3(to_segment(clip), path, bitrate="32k")
    return path.read_bytes()


def gtts_reply(mp3: bytes) -> str:
    """The batchexecute reply gTTS parses (DESIGN.md: the audio is base64 in a jQ1olc line)."""
    encoded = base64.b64encode(mp3).decode("ascii")
    return ")]}'\n\n" + f'[["wrb.fr","jQ1olc","[\\"{encoded}\\"]",null,null,null,"generic"]]\n'


@dataclass
class FakeGoogle:
    """Google Translate's page for ``responses.add_callback(GET, GOOGLE_URL, ...)``: the
    right English of each text, after the wrong ones queued for it (one per request)."""

    english: dict[str, str] = field(default_factory=dict)
    wrong: dict[str, list[str]] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)
    """Every text asked, in order."""

    def __call__(self, request: object) -> tuple[int, dict[str, str], str]:
        text = parse_qs(urlparse(request.url).query)["q"][0]  # type: ignore[attr-defined]
        self.asked.append(text)
        queued = self.wrong.get(text)
        answer = queued.pop(0) if queued else self.english.get(text, f"EN {text}")
        return 200, {}, f'<div class="result-container">{html.escape(answer)}</div>'
