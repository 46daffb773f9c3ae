"""Shared fixtures: hermetic folders, fake engines registered through the real registries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vnmedia.engines import translators, tts_engines

from fake_engines import FakeTranslator, FakeTTS
from fake_llm import FakeLlm, serve


@pytest.fixture(autouse=True)
def hermetic(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Every test runs in its own folder, with no VNMEDIA_* settings and no network probe."""
    import os

    for key in list(os.environ):
        if key.startswith("VNMEDIA_"):
            monkeypatch.delenv(key)
    # The fake translators tag the Vietnamese instead of translating it: the check of
    # every translation (translation/faithful.py) would doubt each text. The tests of the
    # check turn it on (check=True); the others test other things.
    monkeypatch.setenv("VNMEDIA_CHECK", "false")
    monkeypatch.chdir(tmp_path)
    # `auto` engines must never reach out from a test: Google is "unreachable".
    monkeypatch.setattr("vnmedia.services.google_reachable", lambda timeout: False)
    monkeypatch.setattr("vnmedia.doctor.google_reachable", lambda timeout: False)
    monkeypatch.setattr(
        "vnmedia.doctor.service_reachable", lambda service, url=None, *, timeout: False
    )
    yield


@pytest.fixture
def fakes() -> Iterator[tuple[type[FakeTTS], type[FakeTranslator]]]:
    """Register the fake engines under their names; unregister afterwards."""
    FakeTTS.calls.clear()
    FakeTranslator.calls.clear()
    tts_engines.register(FakeTTS.name, FakeTTS)
    translators.register(FakeTranslator.name, FakeTranslator)
    yield FakeTTS, FakeTranslator
    tts_engines.unregister(FakeTTS.name)
    translators.unregister(FakeTranslator.name)


@pytest.fixture
def llm() -> Iterator[FakeLlm]:
    """A local OpenAI-compatible chat server (``llm.url``) that translates by tagging."""
    fake = FakeLlm()
    server = serve(fake)
    yield fake
    server.shutdown()
