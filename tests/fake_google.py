"""What Google's web endpoints answer, for tests that fake the HTTP layer (``responses``).

Shared by the engine tests, the reliability tests and bench_scale.py.
"""

from __future__ import annotations

import base64
from pathlib import Path

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
