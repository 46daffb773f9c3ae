"""--interleave sentence: each Vietnamese sentence next to its own English, for learners."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnmedia import build
from vnmedia.engines import translators
from vnmedia.engines.base import Translator
from vnmedia.settings import Settings

from fake_engines import FakeTranslator, fake_settings, write_article

PARAGRAPHS = (
    "Thư viện mở cửa lúc tám giờ. Người đọc mượn sách miễn phí. Trẻ em nghe kể chuyện.",
    "Nhóm sáng lập muốn mở thêm một góc đọc.",
)


def settings_for(tmp_path: Path, **flags: object):
    defaults = {
        "interleave": "sentence",
        "executor": "threads",
        "jobs": 1,
        "words": 0,  # the translator's requests here are the sentences' alone
    }
    return fake_settings(tmp_path, **{**defaults, **flags})


def manifest_of(report) -> dict:
    (mp3,) = report.episodes_written
    return json.loads(Path(mp3).with_suffix(".json").read_text(encoding="utf-8"))


def pairs_of(manifest: dict) -> list[tuple[str, str]]:
    """(vietnamese, english) of every sentence, in the order they are heard."""
    paragraph = [s for s in manifest["segments"] if s["kind"] == "paragraph"]
    return [
        (vi["text"], en["text"]) for vi, en in zip(paragraph[::2], paragraph[1::2], strict=True)
    ]


class LineTranslator(Translator):
    """Translates line by line, like Google: one request per paragraph, lines kept apart."""

    name = "line-translator"
    languages = frozenset({"vi", "en"})
    max_chars = 5000
    needs_network = False
    requests: list[str] = []
    merge = False
    """Answer with the lines run together (a service that drops line breaks)."""

    def __init__(self, settings: Settings) -> None:
        pass

    def translate(self, text: str, source: str, target: str) -> str:
        LineTranslator.requests.append(text)
        lines = [f"EN<{line}>" for line in text.split("\n")]
        return " ".join(lines) if LineTranslator.merge else "\n".join(lines)


@pytest.fixture
def line_translator():
    LineTranslator.requests, LineTranslator.merge = [], False
    translators.register(LineTranslator.name, LineTranslator)
    yield LineTranslator
    translators.unregister(LineTranslator.name)


def test_each_sentence_is_followed_by_its_own_english(tmp_path, fakes, line_translator):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    report = build(settings_for(tmp_path, translator=LineTranslator.name))

    manifest = manifest_of(report)
    assert pairs_of(manifest) == [
        ("Thư viện mở cửa lúc tám giờ.", "EN<Thư viện mở cửa lúc tám giờ.>"),
        ("Người đọc mượn sách miễn phí.", "EN<Người đọc mượn sách miễn phí.>"),
        ("Trẻ em nghe kể chuyện.", "EN<Trẻ em nghe kể chuyện.>"),
        ("Nhóm sáng lập muốn mở thêm một góc đọc.", "EN<Nhóm sáng lập muốn mở thêm một góc đọc.>"),
    ]
    # One request for the three-sentence paragraph, its sentences a line each.
    assert (
        "Thư viện mở cửa lúc tám giờ.\nNgười đọc mượn sách miễn phí.\nTrẻ em nghe kể chuyện."
        in (line_translator.requests)
    )
    assert manifest["sentences"] == {"sentences_aligned": 4, "paragraphs_whole": 0}
    assert report.sentences == {"sentences_aligned": 4, "paragraphs_whole": 0}
    # Transcripts: a cue per sentence per language; chapters stay per paragraph.
    vtt = Path(report.episodes_written[0]).with_suffix(".en.vtt").read_text("utf-8")
    assert vtt.count("-->") == 5  # the title and four sentences
    assert len(manifest["chapters"]) == 3


def test_a_reply_that_loses_the_line_breaks_is_asked_sentence_by_sentence(
    tmp_path, fakes, line_translator
):
    line_translator.merge = True
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    report = build(settings_for(tmp_path, translator=LineTranslator.name))

    assert pairs_of(manifest_of(report))[1] == (
        "Người đọc mượn sách miễn phí.",
        "EN<Người đọc mượn sách miễn phí.>",
    )
    assert "Người đọc mượn sách miễn phí." in line_translator.requests  # asked alone


def test_pauses_between_pairs_and_for_repeating_aloud(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", PARAGRAPHS[0])
    plain = manifest_of(build(settings_for(tmp_path, pause_lang=300, pause_sentence=800)))
    segments = [s for s in plain["segments"] if s["kind"] == "paragraph"]
    assert segments[1]["start_ms"] - segments[0]["end_ms"] == pytest.approx(300, abs=2)
    assert segments[2]["start_ms"] - segments[1]["end_ms"] == pytest.approx(800, abs=2)

    repeated = manifest_of(
        build(
            settings_for(
                tmp_path, output=str(tmp_path / "r"), pause_lang=300, pause_sentence=800,
                pause_repeat=1.5,
            )
        )
    )  # fmt: skip
    segments = [s for s in repeated["segments"] if s["kind"] == "paragraph"]
    english = segments[1]["end_ms"] - segments[1]["start_ms"]
    gap = segments[2]["start_ms"] - segments[1]["end_ms"]
    assert gap == pytest.approx(800 + 1.5 * english, abs=3)


def test_a_memory_entry_for_the_paragraph_is_cut_into_sentences_or_kept_whole(tmp_path, fakes):
    second = "Nhóm sáng lập muốn mở thêm một góc đọc. Họ cần thêm sách."
    memory = tmp_path / "tm.tsv"
    memory.write_text(
        f"{PARAGRAPHS[0]}\tThe library opens at eight. Readers borrow books for free. "
        "Children hear stories.\n"
        f"{second}\tThe founders want a reading corner and need more books.\n",
        encoding="utf-8",
    )
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", PARAGRAPHS[0], second)
    report = build(settings_for(tmp_path, translator="none", memory=(str(memory),)))

    manifest = manifest_of(report)
    pairs = pairs_of(manifest)
    assert pairs[:3] == [
        ("Thư viện mở cửa lúc tám giờ.", "The library opens at eight."),
        ("Người đọc mượn sách miễn phí.", "Readers borrow books for free."),
        ("Trẻ em nghe kể chuyện.", "Children hear stories."),
    ]
    # Two Vietnamese sentences, one English: spoken whole, and the manifest says so.
    assert pairs[3] == (second, "The founders want a reading corner and need more books.")
    last = [s for s in manifest["segments"] if s["index"] == 2]
    assert {s["sentence"] for s in last} == {0}
    assert manifest["sentences"] == {"sentences_aligned": 3, "paragraphs_whole": 1}


def test_the_llm_gets_each_sentence_as_its_own_text(tmp_path, fakes, llm):
    pytest.importorskip("openai")
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    report = build(
        settings_for(tmp_path, translator="llm", llm_url=llm.url, llm_model="tiny-model")
    )

    (request,) = llm.requests  # the whole article in one request
    sent = json.loads(request["messages"][-1]["content"])["paragraphs"]
    assert [p["text"] for p in sent] == [
        "Thư viện mới",
        "Thư viện mở cửa lúc tám giờ.",
        "Người đọc mượn sách miễn phí.",
        "Trẻ em nghe kể chuyện.",
        PARAGRAPHS[1],
    ]
    assert pairs_of(manifest_of(report))[2] == (
        "Trẻ em nghe kể chuyện.",
        "EN: Trẻ em nghe kể chuyện.",
    )


def test_fake_translator_through_the_registry(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    report = build(settings_for(tmp_path))
    assert len(pairs_of(manifest_of(report))) == 4
    assert FakeTranslator.calls
