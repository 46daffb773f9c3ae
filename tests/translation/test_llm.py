"""--translator llm: the real openai client against a local fake chat server (real sockets)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
import responses

from vnmedia import build, load_settings

from fake_engines import write_article
from fake_llm import FakeLlm

pytest.importorskip("openai")

SECRET = "sk-test-DO-NOT-LEAK-0123456789"
PARAGRAPHS = ("Ông Nam là chủ tịch UBND quận.", "Ông ấy họp với dân.", "Cuộc họp kéo dài.")


def settings_for(tmp_path: Path, fake: FakeLlm, **flags: object):
    values = {
        "inputs": (str(tmp_path / "in"),),
        "output": str(tmp_path / "out"),
        "tts": "fake-tts",
        "translator": "llm",
        "llm_url": fake.url,
        "llm_model": "tiny-model",
        "llm_api_key": SECRET,
        "executor": "threads",
        "retry_delay": 0.0,
    }
    values.update(flags)
    return load_settings(**values)


def english_of(report) -> list[str]:
    manifest = json.loads(
        Path(report.episodes_written[0]).with_suffix(".json").read_text(encoding="utf-8")
    )
    return [s["text"] for s in manifest["segments"] if s["lang"] == "en"]


def test_an_article_is_translated_whole_in_one_request(llm, tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin họp dân", *PARAGRAPHS)
    report = build(settings_for(tmp_path, llm))
    assert report.failures == [] and report.engine_calls["llm"] == 1
    sent = json.loads(llm.requests[0]["messages"][-1]["content"])["paragraphs"]
    assert [p["text"] for p in sent] == ["Tin họp dân", *PARAGRAPHS]
    assert llm.requests[0]["model"] == "tiny-model"
    assert llm.requests[0]["response_format"] == {"type": "json_object"}
    assert english_of(report) == [f"EN: {t}" for t in ("Tin họp dân", *PARAGRAPHS)]
    # A rerun takes every translation from the cache: no request.
    assert (
        build(
            settings_for(
                tmp_path,
                llm,
                output=str(tmp_path / "again"),
                cache_dir=str(tmp_path / "out" / ".cache"),
            )
        ).engine_calls
        == {}
    )


def test_a_reply_that_merges_two_paragraphs_is_asked_again(llm, tmp_path, fakes):
    llm.merge = 1
    write_article(tmp_path / "in", "a.txt", "Tin họp dân", *PARAGRAPHS)
    report = build(settings_for(tmp_path, llm))
    assert report.engine_calls["llm"] == 2  # the merged reply, then a good one
    assert english_of(report) == [f"EN: {t}" for t in ("Tin họp dân", *PARAGRAPHS)]


def test_a_model_that_keeps_merging_is_asked_text_by_text(llm, tmp_path, fakes):
    llm.merge = 2  # both whole-article attempts merge; single texts cannot be merged
    write_article(tmp_path / "in", "a.txt", "Tin họp dân", *PARAGRAPHS)
    report = build(settings_for(tmp_path, llm))
    assert report.engine_calls["llm"] == 2 + 4
    assert english_of(report) == [f"EN: {t}" for t in ("Tin họp dân", *PARAGRAPHS)]


@responses.activate(assert_all_requests_are_fired=False)
def test_a_refusing_server_falls_back_to_the_next_translator(llm, tmp_path, fakes):
    from fake_google import GOOGLE_URL

    responses.add_passthru(llm.url)
    responses.add(responses.GET, GOOGLE_URL, body='<div class="result-container">From Google</div>')
    llm.refuse = [403] * 10  # the key is refused: not worth a retry
    write_article(tmp_path / "in", "a.txt", "Tin họp dân", PARAGRAPHS[0])
    report = build(settings_for(tmp_path, llm, translator="llm,google"))
    assert report.failures == []
    assert english_of(report) == ["From Google", "From Google"]
    assert report.engines["translator"] == "llm,google"


def test_the_key_reaches_the_server_and_nothing_else(llm, tmp_path, fakes, caplog):
    caplog.set_level(logging.DEBUG)
    llm.refuse = [500]  # one failure, retried: the error path is logged too
    write_article(tmp_path / "in", "a.txt", "Tin họp dân", *PARAGRAPHS)
    report = build(settings_for(tmp_path, llm))
    assert report.failures == [] and report.retries.get("llm") == 1
    assert llm.headers[0]["Authorization"] == f"Bearer {SECRET}"
    assert SECRET not in caplog.text
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "in" not in p.parts]
    assert written and not any(SECRET.encode() in p.read_bytes() for p in written)


def test_the_glossary_is_given_to_the_model(llm, tmp_path, fakes):
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text("UBND quận\tDistrict People's Committee\n", encoding="utf-8")
    write_article(tmp_path / "in", "a.txt", "Tin họp dân", *PARAGRAPHS)
    build(settings_for(tmp_path, llm, glossary=(str(glossary),)))
    system = llm.requests[0]["messages"][0]["content"]
    assert "UBND quận = District People's Committee" in system


def test_retry_after_from_the_server_sets_the_wait(llm):
    from vnmedia.engines import translators
    from vnmedia.runtime.resilience import RetryPolicy, ServiceGuard

    llm.refuse, llm.retry_after = [429], "3"
    engine = translators.create(
        "llm", load_settings(llm_url=llm.url, llm_model="tiny-model", config=None)
    )
    waits: list[float] = []
    guard = ServiceGuard("llm", 1000, RetryPolicy(attempts=3, initial_delay=0.01), waits.append)

    assert guard.call(lambda: engine.translate_batch(["Xin chào."], "vi", "en")) == [
        "EN: Xin chào."
    ]
    # The one long wait is the server's Retry-After, read from the real reply's header.
    assert [w for w in waits if w >= 1] == [3.0]


@pytest.mark.parametrize(
    ("status", "says"),
    [
        (401, "the key was refused: check llm_api_key"),
        (403, "may not use this model"),
        (404, "no model 'tiny-model' there (or llm_url is wrong)"),
    ],
)
def test_credentials_permission_and_not_found_are_told_apart(llm, status, says):
    from vnmedia.engines import translators
    from vnmedia.errors import EngineError

    llm.refuse = [status]
    engine = translators.create(
        "llm", load_settings(llm_url=llm.url, llm_model="tiny-model", config=None)
    )
    with pytest.raises(EngineError, match=f"refused \\({status}\\): .*{re.escape(says)}") as caught:
        engine.translate_batch(["Xin chào."], "vi", "en")
    assert not caught.value.retryable


def test_an_unreachable_server_says_so_with_the_offline_choices():
    from vnmedia.engines import translators
    from vnmedia.errors import EngineError

    engine = translators.create(
        "llm", load_settings(llm_url="http://127.0.0.1:9/v1", llm_model="m", config=None)
    )
    with pytest.raises(EngineError, match=r"cannot reach 127\.0\.0\.1:9 \(.+\): check") as caught:
        engine.translate_batch(["Xin chào."], "vi", "en")
    assert caught.value.retryable and "--translator ct2" in str(caught.value)
