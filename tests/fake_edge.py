"""A local stand-in for Microsoft's read-aloud WebSocket service, for the edge-tts tests.

It speaks enough of the protocol for the real edge-tts client code to run against it over a
real socket on 127.0.0.1: it reads the ``speech.config`` and ``ssml`` messages, answers
``turn.start``, the audio as binary frames (two-byte header length, headers, MP3 bytes),
word-boundary metadata, and ``turn.end``. It can also refuse a connection with HTTP 403,
or end a turn with no audio, as the real service does at times; and it serves the voice
list. Every turn's voice and text are recorded.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import unescape

from aiohttp import WSMsgType, web

from vnmedia.codec import encode_mp3, to_segment
from vnmedia.models import Clip

from fake_engines import tone

MS_PER_CHAR = 40
_SSML = re.compile(r"<voice name='([^']+)'><prosody [^>]*rate='([^']+)'[^>]*>(.*)</prosody>", re.S)
VOICES = [
    {"ShortName": "vi-VN-HoaiMyNeural", "Locale": "vi-VN", "Gender": "Female"},
    {"ShortName": "vi-VN-NamMinhNeural", "Locale": "vi-VN", "Gender": "Male"},
    {"ShortName": "en-US-AriaNeural", "Locale": "en-US", "Gender": "Female"},
    {"ShortName": "fr-FR-DeniseNeural", "Locale": "fr-FR", "Gender": "Female"},
]


@dataclass
class FakeEdge:
    """The fake service's behaviour and what it saw."""

    folder: Path
    refuse: int = 0
    """Connections still to refuse with HTTP 403."""
    silent: int = 0
    """Turns still to end without audio ("No audio was received")."""
    silent_for: str | None = None
    """Every turn whose text contains this ends without audio."""
    turns: list[tuple[str, str, str]] = field(default_factory=list)
    """(voice, rate, text) of every turn answered with audio."""
    refused: int = 0
    url: str = ""

    def speech(self, text: str) -> bytes:
        """An MP3 (24 kHz, as the service sends) whose length follows the text."""
        path = self.folder / "edge.mp3"
        clip = Clip(tone(max(300, MS_PER_CHAR * len(text)), 330.0, 24000), 24000, "edge")
        encode_mp3(to_segment(clip), path, bitrate="48k")
        return path.read_bytes()

    async def socket(self, request: web.Request) -> web.StreamResponse:
        if self.refuse:
            self.refuse -= 1
            self.refused += 1
            return web.Response(status=403, text="Forbidden")
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for message in ws:
            if message.type != WSMsgType.TEXT or "Path:ssml" not in message.data:
                continue
            voice, rate, text = _SSML.search(message.data).groups()
            text = unescape(text)
            # The client sends the long form: "Microsoft Server … (vi-VN, HoaiMyNeural)".
            long_form = re.search(r"\((\w+-\w+), (\w+)\)", voice)
            voice = f"{long_form[1]}-{long_form[2]}" if long_form else voice
            await ws.send_str(
                "X-RequestId:1\r\nContent-Type:application/json\r\nPath:turn.start\r\n\r\n{}"
            )
            if self.silent or (self.silent_for and self.silent_for in text):
                self.silent = max(0, self.silent - 1)
            else:
                self.turns.append((voice, rate, text))
                await self.send_audio(ws, self.speech(text))
                await self.send_words(ws, text)
            await ws.send_str(
                "X-RequestId:1\r\nContent-Type:application/json\r\nPath:turn.end\r\n\r\n{}"
            )
        return ws

    @staticmethod
    async def send_audio(ws: web.WebSocketResponse, mp3: bytes) -> None:
        header = b"X-RequestId:1\r\nContent-Type:audio/mpeg\r\nPath:audio\r\n"
        for start in range(0, len(mp3), 4096):
            await ws.send_bytes(len(header).to_bytes(2, "big") + header + mp3[start : start + 4096])

    @staticmethod
    async def send_words(ws: web.WebSocketResponse, text: str) -> None:
        offset = 0
        for token in text.split():
            word = token.strip(".,;:!?\"'“”")  # the service times words, not punctuation
            ticks = MS_PER_CHAR * len(token) * 10_000
            metadata = {
                "Metadata": [
                    {
                        "Type": "WordBoundary",
                        "Data": {"Offset": offset, "Duration": ticks, "text": {"Text": word}},
                    }
                ]
            }
            await ws.send_str(_text_frame("audio.metadata", json.dumps(metadata)))
            offset += ticks + MS_PER_CHAR * 10_000

    async def voice_list(self, request: web.Request) -> web.Response:
        return web.json_response(VOICES)


def _text_frame(path: str, body: str) -> str:
    return f"X-RequestId:1\r\nContent-Type:application/json\r\nPath:{path}\r\n\r\n{body}"


def serve(fake: FakeEdge) -> tuple[threading.Thread, asyncio.AbstractEventLoop, int]:
    """Run the fake on a free port of 127.0.0.1 in a thread of its own."""
    loop = asyncio.new_event_loop()
    app = web.Application()
    app.router.add_get("/edge/v1", fake.socket)
    app.router.add_get("/voices/list", fake.voice_list)
    runner = web.AppRunner(app)
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    return thread, loop, port


@contextmanager
def edge_service(folder: Path) -> Iterator[FakeEdge]:
    """The fake running, with the real edge-tts client pointed at it; put back after."""
    import edge_tts

    fake = FakeEdge(folder)
    thread, loop, port = serve(fake)
    saved = edge_tts.communicate.WSS_URL, edge_tts.voices.VOICE_LIST
    edge_tts.communicate.WSS_URL = f"ws://127.0.0.1:{port}/edge/v1?TrustedClientToken=t"
    edge_tts.voices.VOICE_LIST = f"http://127.0.0.1:{port}/voices/list?trustedclienttoken=t"
    try:
        yield fake
    finally:
        edge_tts.communicate.WSS_URL, edge_tts.voices.VOICE_LIST = saved
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
