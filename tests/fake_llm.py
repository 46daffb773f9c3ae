"""A local stand-in for an OpenAI-compatible chat server (Ollama, llama.cpp, vLLM, hosted).

A real HTTP server on 127.0.0.1 answering ``POST /v1/chat/completions``, so the real
``openai`` client code runs against it. It translates by tagging ("EN: <text>") or as
``english`` says, records every request, and can misbehave the ways models and servers do:
answer a text wrong before it answers it right, merge two paragraphs into one translation,
refuse with an HTTP status, or answer text that is not JSON. Asked for a headline
(``{"article": ...}``), it answers ``headline``.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FakeLlm:
    """The server's behaviour and what it saw."""

    merge: int = 0
    """Replies still to send with the first two paragraphs merged into one translation."""
    refuse: list[int] = field(default_factory=list)
    """HTTP statuses to answer the next requests with, one each."""
    retry_after: str | None = None
    """The ``Retry-After`` header sent with each refusal."""
    headline: str = "Chủ tịch UBND quận họp với người dân về cuộc họp kéo dài"
    """What it answers when asked for a headline."""
    english: dict[str, str] = field(default_factory=dict)
    """The right English of a Vietnamese text (a text not here is tagged: "EN: …")."""
    wrong: dict[str, list[str]] = field(default_factory=dict)
    """Wrong English to answer for a text first, one per request that asks for it."""
    requests: list[dict[str, Any]] = field(default_factory=list)
    """Every request body."""
    headers: list[dict[str, str]] = field(default_factory=list)
    url: str = ""

    def reply(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if self.refuse:
            return self.refuse.pop(0), {"error": {"message": "refused", "type": "server_error"}}
        asked = json.loads(body["messages"][-1]["content"])
        if "article" in asked:  # a headline for an article that has none
            content = json.dumps({"headline": self.headline}, ensure_ascii=False)
            return 200, self._completion(body, content)
        translations = [
            {"id": p["id"], "text": self.answer(p["text"])} for p in asked["paragraphs"]
        ]
        if self.merge and len(translations) > 1:
            self.merge -= 1
            first, second = translations[:2]
            translations[:2] = [{"id": 1, "text": f"{first['text']} {second['text']}"}]
        content = json.dumps({"translations": translations}, ensure_ascii=False)
        return 200, self._completion(body, content)

    def answer(self, text: str) -> str:
        """The English for ``text``: a wrong one while some are left, then the right one."""
        if self.wrong.get(text):
            return self.wrong[text].pop(0)
        return self.english.get(text, f"EN: {text}")

    def _completion(self, body: dict[str, Any], content: str) -> dict[str, Any]:
        return {
            "id": f"chatcmpl-{len(self.requests)}",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }


def serve(fake: FakeLlm) -> ThreadingHTTPServer:
    """Run the fake on a free port of 127.0.0.1; ``fake.url`` is its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the http.server API)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            fake.requests.append(body)
            fake.headers.append(dict(self.headers))
            status, reply = fake.reply(body)
            data = json.dumps(reply, ensure_ascii=False).encode()
            self.send_response(status)
            if status != 200 and fake.retry_after is not None:
                self.send_header("Retry-After", fake.retry_after)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
