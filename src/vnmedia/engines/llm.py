"""Translation by a language model over the OpenAI-compatible chat API (``--translator llm``).

Works with local servers (Ollama, llama.cpp's server, vLLM) and hosted ones alike: the
``openai`` client is pointed at ``llm_url`` with ``llm_model`` and, if the server wants one,
``llm_api_key``. An article goes in whole — its title and paragraphs in one request, or in
windows of about ``batch_chars`` for long ones — so names and terms stay the same from one
paragraph to the next; the glossary goes in as instructions. The model must answer JSON with
exactly one English text per input text, by id: a reply that drops, adds or merges a
paragraph raises :class:`ReplyMismatchError`, and the translation stage asks again, then
paragraph by paragraph. The key is a secret: never in cache keys, outputs or messages.

It also writes a Vietnamese headline for an article that came without one
(:meth:`LlmTranslator.headline`, used by ``translation/headlines.py``).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import urlsplit

from ..errors import EngineError, ReplyMismatchError
from ..settings import Settings
from ..text.glossary import Glossary
from .base import Translator, retry_after, unreachable

PROMPT_VERSION = 1
"""Bump when the prompt changes: it is part of every cached translation's key."""

SYSTEM_PROMPT = """You translate Vietnamese news into clear, natural English for a podcast.
You get a JSON object {"paragraphs": [{"id": 1, "text": "..."}, ...]}: one article, in order.
Translate every paragraph, using the whole article as context, so that each person, place
and office is named the same way throughout. Keep names of people and places in Vietnamese
without diacritics unless the glossary says otherwise.
Answer with a JSON object {"translations": [{"id": 1, "text": "..."}, ...]} holding exactly
one translation for each id you were given, in the same order: never merge, split or skip
paragraphs, and add nothing else."""


AGAIN_PROMPT = """A checker compared an earlier English translation of each paragraph
with its Vietnamese and found the problems listed under "problems" (numbers whose value
changed or vanished, names left out, parts left out or added, Vietnamese left untranslated,
glossary terms not used). Translate each paragraph again, fixing every problem: keep every
number with its exact value, every name, every sentence of the Vietnamese, and add nothing
the Vietnamese does not say."""


HEADLINE_PROMPT = """You write headlines for a Vietnamese news podcast.
You get a JSON object {"article": "..."}: the opening of a Vietnamese news article that has
no title. Write its headline in Vietnamese, as a newspaper would: one line of 6 to 14 words
saying who did what (or what happened), with the article's own names. No date, no
quotation marks, no full stop, nothing the article does not say.
Answer with a JSON object {"headline": "..."}."""


class LlmTranslator(Translator):
    """A language model behind an OpenAI-compatible chat endpoint."""

    name = "llm"
    languages = frozenset({"vi", "en"})
    max_chars = 6000
    needs_network = True
    service = "llm"
    batch_chars = 6000
    """Characters of Vietnamese per request: a whole article, or a window of a long one."""
    writes_headlines = True

    def __init__(self, settings: Settings) -> None:
        self.url = settings.llm_url
        self.model = settings.llm_model
        self._key = settings.llm_api_key
        self.timeout = settings.request_timeout
        self.glossary = _glossary_lines(settings)
        # The model, the prompt and the glossary decide the English; the key never does.
        digest = hashlib.sha256("\n".join(self.glossary).encode()).hexdigest()[:16]
        self._identity = {"model": self.model, "prompt": PROMPT_VERSION, "glossary": digest}

    def cache_identity(self) -> dict[str, object]:
        return dict(self._identity)

    def probe_url(self) -> str | None:
        return self.url

    def unavailable_reason(self) -> str | None:
        if not self.model:
            return "no model named: set llm_model (and llm_url) in vnmedia.toml or --llm-model"
        try:
            import openai  # noqa: F401
        except ImportError:
            return "the openai package is not installed: pip install 'vnmedia[llm]'"
        return None

    def translate(self, text: str, source: str, target: str) -> str:
        return self.translate_batch([text], source, target)[0]

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """One request for ``texts`` (an article, or a window of one), in order."""
        payload = {"paragraphs": [{"id": i, "text": t} for i, t in enumerate(texts, 1)]}
        return _aligned(self._ask(self._instructions(), payload), len(texts), engine=self.name)

    def translate_again(
        self, texts: list[str], notes: list[list[str]], source: str, target: str
    ) -> list[str]:
        """One request for the doubtful ``texts``, each with the problems found in its
        first translation."""
        payload = {
            "paragraphs": [
                {"id": i, "text": t, "problems": n}
                for i, (t, n) in enumerate(zip(texts, notes, strict=True), 1)
            ]
        }
        instructions = f"{self._instructions()}\n{AGAIN_PROMPT}"
        return _aligned(self._ask(instructions, payload), len(texts), engine=self.name)

    def headline(self, opening: str) -> str:
        """A Vietnamese headline for the article that ``opening`` begins (as the model
        wrote it: ``translation/headlines.py`` checks it)."""
        content = self._ask(HEADLINE_PROMPT, {"article": opening})
        try:
            return str(json.loads(content or "")["headline"]).strip()
        except (ValueError, KeyError, TypeError) as exc:
            reason = f"the reply is not the JSON asked for ({exc})"
            raise ReplyMismatchError(reason, engine=self.name) from exc

    def _ask(self, instructions: str, payload: dict[str, Any]) -> str | None:
        """One chat request: ``instructions`` as the system message, ``payload`` as JSON."""
        import openai

        if not self.model:
            raise EngineError("no model named (llm_model)", engine=self.name)
        client = openai.OpenAI(
            base_url=self.url,
            api_key=self._key or "none",  # local servers want no key, the client wants one
            timeout=self.timeout,
            max_retries=0,  # our guards retry, rate-limit and break the circuit
        )
        messages: list[Any] = [{"role": "system", "content": instructions}]
        messages.append({"role": "user", "content": json.dumps(payload, ensure_ascii=False)})
        try:
            reply = client.chat.completions.create(
                model=self.model,
                messages=messages,
                temperature=0,
                response_format={"type": "json_object"},
            )
        except openai.APIStatusError as exc:
            status = exc.status_code
            why = {
                401: ": the key was refused: check llm_api_key (VNMEDIA_LLM_API_KEY)",
                403: ": the key may not use this model: check llm_api_key and llm_model",
                404: f": no model {self.model!r} there (or llm_url is wrong): check "
                "llm_model and llm_url, or pull the model (ollama pull MODEL)",
            }
            raise EngineError(
                f"the server refused ({status}){why.get(status, '')}",
                engine=self.name,
                retryable=status in (408, 409, 429) or status >= 500,
                retry_after=retry_after(exc.response),
            ) from None  # the client's error can quote the request: keep it out
        except (openai.APIConnectionError, openai.APITimeoutError) as exc:
            host = urlsplit(self.url).netloc or self.url
            raise unreachable(self.name, host, exc, "translator") from None
        return reply.choices[0].message.content if reply.choices else None

    def _instructions(self) -> str:
        if not self.glossary:
            return SYSTEM_PROMPT
        terms = "\n".join(self.glossary)
        return f"{SYSTEM_PROMPT}\nGlossary (always translate these terms exactly so):\n{terms}"


def _aligned(content: str | None, count: int, *, engine: str) -> list[str]:
    """The translations of a reply, checked: ids 1..count, each a non-empty text."""
    try:
        items = json.loads(content or "")["translations"]
        by_id = {int(item["id"]): str(item["text"]).strip() for item in items}
    except (ValueError, KeyError, TypeError) as exc:
        reason = f"the reply is not the JSON asked for ({exc})"
        raise ReplyMismatchError(reason, engine=engine) from exc
    if sorted(by_id) != list(range(1, count + 1)) or len(items) != count:
        raise ReplyMismatchError(
            f"the reply holds {len(items)} translations for {count} paragraphs", engine=engine
        )
    if not all(by_id.values()):
        raise ReplyMismatchError("the reply left a paragraph empty", engine=engine)
    return [by_id[i] for i in range(1, count + 1)]


def _glossary_lines(settings: Settings) -> list[str]:
    return [f"{t.vietnamese} = {t.english}" for t in Glossary.load(settings.glossary).terms]
