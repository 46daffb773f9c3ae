"""gTTS and deep-translator adapters, running the real library code against a faked HTTP layer."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import requests
import responses

from vnmedia import build, load_settings
from vnmedia.codec import decode_file
from vnmedia.engines import translators, tts_engines
from vnmedia.engines.network import google_reachable
from vnmedia.errors import EngineError
from vnmedia.runtime.resilience import RetryPolicy, ServiceGuard

from fake_engines import write_article
from fake_google import GOOGLE_URL, GTTS_URL, gtts_reply, make_mp3


@pytest.fixture(scope="module")
def mp3_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real one-second MP3, as Google's TTS would send it."""
    return make_mp3(tmp_path_factory.mktemp("audio"))


def gtts_engine(**flags: object):
    return tts_engines.create("gtts", load_settings(**flags))


def google_engine(**flags: object):
    return translators.create("google", load_settings(**flags))


# --- gTTS -----------------------------------------------------------------------------------


@responses.activate
def test_gtts_normal_reply_becomes_a_decoded_clip(mp3_bytes):
    responses.add(responses.POST, GTTS_URL, body=gtts_reply(mp3_bytes))
    clip = gtts_engine().synthesize("Xin chào các bạn", "vi")
    assert clip.engine == "gtts"
    assert clip.sample_rate == 24000
    assert 950 <= clip.duration_ms <= 1100
    # The request carried our text and language in gTTS's f.req payload.
    body = parse_qs(responses.calls[0].request.body)["f.req"][0]
    assert "Xin chào các bạn" in json.loads(json.loads(body)[0][0][1])
    assert json.loads(json.loads(body)[0][0][1])[1] == "vi"


@responses.activate
def test_gtts_english_accent_picks_the_google_domain(mp3_bytes):
    responses.add(
        responses.POST,
        "https://translate.google.co.uk/_/TranslateWebserverUi/data/batchexecute",
        body=gtts_reply(mp3_bytes),
    )
    clip = gtts_engine(en_accent="uk").synthesize("Good morning", "en")
    assert clip.duration_ms > 900


@pytest.mark.parametrize(
    ("status", "retryable"), [(429, True), (500, True), (503, True), (403, False)]
)
@responses.activate
def test_gtts_http_errors_become_engine_errors(status, retryable):
    responses.add(responses.POST, GTTS_URL, status=status, body="nope")
    with pytest.raises(EngineError) as caught:
        gtts_engine().synthesize("Xin chào", "vi")
    assert caught.value.retryable is retryable
    assert caught.value.engine == "gtts"
    assert str(status) in str(caught.value)


@responses.activate
def test_gtts_retry_after_header_sets_the_wait(mp3_bytes):
    responses.add(responses.POST, GTTS_URL, status=429, headers={"Retry-After": "3"}, body="no")
    responses.add(responses.POST, GTTS_URL, body=gtts_reply(mp3_bytes))
    waits: list[float] = []
    guard = ServiceGuard("google", 1000, RetryPolicy(attempts=3, initial_delay=0.01), waits.append)

    clip = guard.call(lambda: gtts_engine().synthesize("xin chào", "vi"))

    assert clip.duration_ms > 0
    # The one long wait is Google's Retry-After, read from the reply's header.
    assert [w for w in waits if w >= 1] == [3.0]


@responses.activate
def test_gtts_timeout_is_a_retryable_error():
    responses.add(responses.POST, GTTS_URL, body=requests.exceptions.ConnectTimeout("slow"))
    with pytest.raises(EngineError) as caught:
        gtts_engine().synthesize("Xin chào", "vi")
    assert caught.value.retryable


@pytest.mark.parametrize(
    "body",
    [
        "<html>Before you continue to Google</html>",  # consent page: gTTS yields 0 bytes
        ')]}\'\n[["wrb.fr","jQ1olc",null,null,null,[3],"generic"]]',  # jQ1olc without audio
    ],
)
@responses.activate
def test_gtts_200_without_audio_is_an_error_not_an_empty_clip(body):
    responses.add(responses.POST, GTTS_URL, body=body)
    with pytest.raises(EngineError, match="without audio"):
        gtts_engine().synthesize("Xin chào", "vi")


@responses.activate
def test_gtts_garbage_audio_is_an_error():
    responses.add(responses.POST, GTTS_URL, body=gtts_reply(b"this is not an mp3 at all" * 10))
    with pytest.raises(EngineError):
        gtts_engine().synthesize("Xin chào", "vi")


# --- deep-translator: Google ------------------------------------------------------------------


@responses.activate
def test_google_translator_normal_reply():
    responses.add(
        responses.GET,
        GOOGLE_URL,
        body='<html><div class="result-container">Hanoi promotes digital change</div></html>',
    )
    text = google_engine().translate("Hà Nội đẩy mạnh chuyển đổi số", "vi", "en")
    assert text == "Hanoi promotes digital change"
    query = parse_qs(responses.calls[0].request.url.split("?", 1)[1])
    assert query["sl"] == ["vi"] and query["tl"] == ["en"]
    assert query["q"] == ["Hà Nội đẩy mạnh chuyển đổi số"]


@pytest.mark.parametrize(("status", "retryable"), [(429, True), (500, True), (503, True)])
@responses.activate
def test_google_translator_http_errors(status, retryable):
    responses.add(responses.GET, GOOGLE_URL, status=status, body="busy")
    with pytest.raises(EngineError) as caught:
        google_engine().translate("Xin chào", "vi", "en")
    assert caught.value.retryable is retryable
    assert caught.value.engine == "google"


@responses.activate
def test_google_translator_network_error_is_wrapped():
    responses.add(responses.GET, GOOGLE_URL, body=requests.exceptions.ConnectTimeout("slow"))
    with pytest.raises(EngineError, match="cannot reach translate.google.com") as caught:
        google_engine().translate("Xin chào", "vi", "en")
    assert caught.value.retryable
    assert "(no answer in time): check the network" in str(caught.value)


@responses.activate
def test_google_translator_hanging_request_hits_our_deadline():
    finished = threading.Event()

    def hang(request):
        time.sleep(1.5)
        finished.set()
        return (200, {}, '<div class="result-container">late</div>')

    responses.add_callback(responses.GET, GOOGLE_URL, callback=hang)
    with pytest.raises(EngineError, match="no answer within") as caught:
        google_engine(request_timeout=0.3).translate("Xin chào", "vi", "en")
    # We gave up while the request was still hanging, not after it answered.
    assert not finished.is_set()
    assert caught.value.retryable
    # The abandoned request ends while this test's mock is active: answering later, it
    # would be counted as a call of whichever test runs then (responses' list is global).
    assert finished.wait(10)


@pytest.mark.parametrize(
    "body",
    [
        "<html><p>no translation element</p></html>",
        '<div class="result-container">Xin chào các bạn</div>',  # came back untranslated
    ],
)
@responses.activate
def test_google_translator_non_answers_are_errors(body):
    responses.add(responses.GET, GOOGLE_URL, body=body)
    with pytest.raises(EngineError):
        google_engine().translate("Xin chào các bạn", "vi", "en")


@responses.activate
def test_mymemory_and_libre_replies():
    responses.add(
        responses.GET,
        "http://api.mymemory.translated.net/get",
        json={"responseData": {"translatedText": "Hello"}, "matches": []},
    )
    responses.add(
        responses.POST, "https://libre.example.test/translate", json={"translatedText": "Hi"}
    )
    assert (
        translators.create("mymemory", load_settings()).translate("Xin chào", "vi", "en") == "Hello"
    )
    libre = translators.create(
        "libre", load_settings(libre_url="https://libre.example.test", libre_api_key="s3cret")
    )
    assert libre.translate("Xin chào", "vi", "en") == "Hi"
    assert "api_key=s3cret" in responses.calls[1].request.url


def test_libre_without_key_says_how_to_set_one():
    engine = translators.create("libre", load_settings())
    assert "VNMEDIA_LIBRE_API_KEY" in (engine.unavailable_reason() or "")


# --- the probe and a whole online build -------------------------------------------------------


@responses.activate
def test_probe_answers_true_only_when_google_answers():
    assert google_reachable(1.0) is False  # responses refuses unregistered URLs
    responses.add(responses.HEAD, "https://translate.google.com/", status=200)
    assert google_reachable(1.0) is True


@responses.activate
def test_online_build_through_real_library_code(tmp_path, mp3_bytes, monkeypatch):
    monkeypatch.setattr("vnmedia.services.google_reachable", lambda timeout: True)
    responses.add(responses.POST, GTTS_URL, body=gtts_reply(mp3_bytes))
    responses.add(
        responses.GET, GOOGLE_URL, body='<div class="result-container">A translation</div>'
    )
    long_paragraph = "Đây là một câu khá dài, có dấu phẩy, để kiểm tra việc chia nhỏ. " * 3
    write_article(tmp_path / "in", "a.txt", "Tin nóng", long_paragraph.strip())
    report = build(load_settings(inputs=(str(tmp_path / "in"),), output=str(tmp_path / "out")))

    assert report.engines == {"tts": "gtts", "translator": "google"}
    assert not report.failures
    gtts_calls = [c for c in responses.calls if c.request.method == "POST"]
    google_calls = [c for c in responses.calls if c.request.method == "GET"]
    assert report.engine_calls == {"google": len(google_calls), "gtts": len(gtts_calls)}
    assert len(google_calls) == 2  # title + paragraph
    # Every text sent to gTTS fits its 100-character limit, so gTTS never cuts it itself.
    for call in gtts_calls:
        payload = json.loads(json.loads(parse_qs(call.request.body)["f.req"][0])[0][0][1])
        assert len(payload[0]) <= 100
    manifest = json.loads(Path(report.episodes_written[0]).with_suffix(".json").read_text())
    assert {s["engine"] for s in manifest["segments"]} == {"gtts"}
    assert {s["translation"] for s in manifest["segments"] if s["lang"] == "en"} == {"machine"}
    assert len(decode_file(Path(report.episodes_written[0]))) == pytest.approx(
        manifest["duration_ms"], rel=0.02
    )


@responses.activate
def test_an_online_voice_is_cached_as_the_mp3_it_sent_and_rebuilds_byte_identical(
    tmp_path, mp3_bytes, monkeypatch
):
    monkeypatch.setattr("vnmedia.services.google_reachable", lambda timeout: True)
    responses.add(responses.POST, GTTS_URL, body=gtts_reply(mp3_bytes))
    write_article(tmp_path / "in", "a.txt", "Tin nóng", "Một đoạn ngắn.", "Đoạn thứ hai.")

    def settings(output: str, **flags: object):
        return load_settings(
            inputs=(str(tmp_path / "in"),),
            output=str(tmp_path / output),
            cache_dir=str(tmp_path / "cache"),
            translator="none",
            order="vi",
            **flags,
        )

    build(settings("first"))
    kept = sorted((tmp_path / "cache" / "clip").rglob("*.mp3"))
    assert len(kept) == 3 and all(path.read_bytes() == mp3_bytes for path in kept)
    assert not list((tmp_path / "cache" / "clip").rglob("*.flac"))

    asked = len(responses.calls)
    from_cache = build(settings("again", pause_paragraph=1200))
    assert len(responses.calls) == asked  # every clip from the kept MP3s
    fresh = build(settings("fresh", pause_paragraph=1200, no_cache=True))
    assert len(responses.calls) == asked + 3
    made = [Path(r.episodes_written[0]).read_bytes() for r in (from_cache, fresh)]
    assert made[0] == made[1]
