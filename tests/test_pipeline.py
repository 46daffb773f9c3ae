"""The whole build with fake engines registered through the real registry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnmedia import build
from vnmedia.codec import decode_file

from fake_engines import FakeTranslator, FakeTTS, fake_settings, write_article

PARAGRAPHS = (
    "Một thư viện nhỏ vừa mở cửa.",
    "Trẻ em đến đọc truyện, người lớn tìm sách nấu ăn.",
    "Nhóm sáng lập muốn mở thêm một góc đọc.",
)


def settings_for(tmp_path: Path, **flags: object):
    return fake_settings(tmp_path, **flags)


def read_manifest(mp3: str | Path) -> dict:
    return json.loads(Path(mp3).with_suffix(".json").read_text(encoding="utf-8"))


def sound_spans(mp3: Path, window_ms: int = 10) -> list[tuple[int, int]]:
    """(start_ms, end_ms) of each stretch of sound in the decoded MP3."""
    audio = decode_file(mp3)
    spans: list[tuple[int, int]] = []
    start = None
    for at in range(0, len(audio), window_ms):
        loud = audio[at : at + window_ms].rms > 300
        if loud and start is None:
            start = at
        elif not loud and start is not None:
            spans.append((start, at))
            start = None
    if start is not None:
        spans.append((start, len(audio)))
    return spans


def test_one_episode_per_article_with_positions_matching_the_decoded_mp3(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Hà Nội: Đẩy mạnh chuyển đổi số", *PARAGRAPHS)
    write_article(tmp_path / "in", "b.txt", "Đà Nẵng đón khách", "Khách đến đông.")
    report = build(settings_for(tmp_path, pause_lang=300, pause_paragraph=700))

    assert report.articles_found == 2
    assert not report.failures
    names = sorted(Path(p).name for p in report.episodes_written)
    assert names == ["da-nang-don-khach.mp3", "ha-noi-day-manh-chuyen-doi-so.mp3"]

    mp3 = tmp_path / "out" / "episodes" / "ha-noi-day-manh-chuyen-doi-so.mp3"
    manifest = read_manifest(mp3)
    assert manifest["title"] == "Hà Nội: Đẩy mạnh chuyển đổi số"
    assert manifest["audio"] == mp3.name
    decoded_ms = len(decode_file(mp3))
    assert abs(decoded_ms - manifest["duration_ms"]) <= 0.02 * manifest["duration_ms"]

    segments = manifest["segments"]
    assert [(s["kind"], s["index"], s["lang"]) for s in segments] == [
        ("title", 0, "vi"),
        ("title", 0, "en"),
        *[
            (kind, i, lang)
            for i in (1, 2, 3)
            for kind, lang in (("paragraph", "vi"), ("paragraph", "en"))
        ],
    ]
    assert segments[3]["text"] == f"EN[{PARAGRAPHS[0]}]"
    assert {s["translation"] for s in segments if s["lang"] == "en"} == {"machine"}
    assert {s["translation"] for s in segments if s["lang"] == "vi"} == {"source"}
    # Every segment is one stretch of tone in the real audio, at the recorded position.
    spans = sound_spans(mp3)
    assert len(spans) == len(segments)
    for (start, end), segment in zip(spans, segments, strict=True):
        assert abs(start - segment["start_ms"]) <= 50
        assert abs(end - segment["end_ms"]) <= 50
    # Pauses are the configured lengths: 300 ms between languages, 700 ms after a unit.
    assert segments[1]["start_ms"] - segments[0]["end_ms"] == 300
    assert segments[2]["start_ms"] - segments[1]["end_ms"] == 700


@pytest.mark.parametrize(
    ("order", "langs"),
    [("vi-en", ["vi", "en"]), ("en-vi", ["en", "vi"]), ("vi", ["vi"]), ("en", ["en"])],
)
def test_segment_order_follows_order(tmp_path, fakes, order, langs):
    write_article(tmp_path / "in", "a.txt", "Tiêu đề", *PARAGRAPHS)
    report = build(settings_for(tmp_path, order=order))
    segments = read_manifest(report.episodes_written[0])["segments"]
    assert [s["lang"] for s in segments] == langs * (len(PARAGRAPHS) + 1)
    starts = [s["start_ms"] for s in segments]
    assert starts == sorted(starts)
    # Single-language Vietnamese episodes make no translation calls at all.
    assert (len(FakeTranslator.calls) == 0) == ("en" not in langs)


def test_engine_calls_are_counted_in_the_report(tmp_path, fakes):
    long_paragraph = " ".join(
        f"Câu thứ {n} rất dài, có nhiều chữ để vượt giới hạn của công cụ." for n in range(1, 6)
    )
    write_article(tmp_path / "in", "a.txt", "Tiêu đề", long_paragraph)
    report = build(settings_for(tmp_path))
    # Text over the engine's 100-character limit is chunked before the engine sees it.
    assert all(len(text) <= FakeTTS.max_chars for text, _ in FakeTTS.calls)
    assert report.engine_calls == {
        FakeTTS.name: len(FakeTTS.calls),
        FakeTranslator.name: len(FakeTranslator.calls),
    }
    assert len(FakeTranslator.calls) == 2
    assert len(FakeTTS.calls) > 4


def test_memory_wins_over_machine_and_offline_leaves_english_missing(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tiêu đề", *PARAGRAPHS)
    memory = tmp_path / "memory.tsv"
    # An NFD, oddly spaced entry still matches: lookups are NFC and whitespace-normalized.
    import unicodedata

    memory.write_text(
        unicodedata.normalize("NFD", "Một  thư viện nhỏ vừa mở cửa.")
        + "\tA small library opened.\n",
        encoding="utf-8",
    )
    report = build(settings_for(tmp_path, translator="none", memory=(str(memory),)))
    segments = read_manifest(report.episodes_written[0])["segments"]
    english = {s["index"]: s for s in segments if s["lang"] == "en"}
    assert english[1]["translation"] == "memory"
    assert english[1]["text"] == "A small library opened."
    assert english[1]["end_ms"] > english[1]["start_ms"]
    for index in (0, 2, 3):
        assert english[index]["translation"] == "missing"
        assert english[index]["text"] is None
        assert english[index]["start_ms"] == english[index]["end_ms"]
        assert english[index]["engine"] is None
    assert report.missing_translations == 3
    assert any("without English" in w for w in report.warnings)
    assert FakeTranslator.calls == []
    saved = json.loads((tmp_path / "out" / "report.json").read_text())
    assert saved["missing_translations"] == 3


def test_require_translation_turns_missing_into_a_failure(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tiêu đề", *PARAGRAPHS)
    report = build(settings_for(tmp_path, translator="none", require_translation=True))
    assert report.episodes_written == []
    assert report.failures[0].stage == "translate"
    assert "require-translation" in report.failures[0].error
    assert not list((tmp_path / "out").glob("episodes/*.mp3"))


def test_one_broken_article_never_sinks_the_batch(tmp_path, fakes):
    folder = tmp_path / "in"
    write_article(folder, "1-good.txt", "Bài tốt", "Nội dung bình thường.")
    write_article(folder, "2-boom.txt", "Bài hỏng", "Đoạn này BOOM nổ tung.")
    (folder / "3-empty.txt").write_text("\n\n", encoding="utf-8")
    (folder / "4-binary.txt").write_bytes(b"\x00\x01\x02PDF")
    # Neither UTF-8 nor any Vietnamese encoding: 0x81, 0x8D, 0x90 mean nothing in cp1258.
    (folder / "5-undecodable.txt").write_bytes(b"Tin t\x81c\x8d\n\nN\x90i dung b\x9di b\x9eo.\n")
    write_article(folder, "6-good.txt", "Bài tốt nữa", "Thêm nội dung.")
    report = build(settings_for(tmp_path))

    assert [Path(p).name for p in report.episodes_written] == ["bai-tot.mp3", "bai-tot-nua.mp3"]
    by_source = {Path(f.source).name: f for f in report.failures}
    assert set(by_source) == {"2-boom.txt", "3-empty.txt", "4-binary.txt", "5-undecodable.txt"}
    assert by_source["2-boom.txt"].stage == "speak"
    assert by_source["2-boom.txt"].article == "Bài hỏng"
    assert "exploded" in by_source["2-boom.txt"].error
    assert by_source["3-empty.txt"].stage == "ingest"
    assert "empty" in by_source["3-empty.txt"].error
    assert "binary" in by_source["4-binary.txt"].error
    assert "--encoding" in by_source["5-undecodable.txt"].error
    # Nothing half-written: only finished episodes and their manifests are in output/.
    out = tmp_path / "out"
    assert not [p for p in out.rglob("*") if ".tmp" in p.name]
    # (hidden: the build lock and the cache)
    files = sorted(
        p.name
        for p in out.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)
    )
    episode_files = [
        f"{slug}{suffix}"
        for slug in ("bai-tot", "bai-tot-nua")
        for suffix in (".chapters.json", ".en.srt", ".en.vtt", ".json", ".mp3")
        + (".vi.srt", ".vi.vtt", ".vtt")
    ]
    assert files == sorted([*episode_files, "cover.png", "feed.xml", "index.html", "report.json"])


def test_slugs_are_ascii_unique_and_stay_in_the_output_folder(tmp_path, fakes):
    folder = tmp_path / "in"
    write_article(folder, "a.txt", "Hà Nội: Đẩy mạnh…", "Một.")
    write_article(folder, "b.txt", "Hà Nội: Đẩy mạnh…", "Hai.")
    write_article(folder, "c.txt", "../../etc/passwd", "Ba.")
    write_article(folder, "d.txt", "!!! ???", "Bốn.")
    report = build(settings_for(tmp_path))
    names = [Path(p).name for p in report.episodes_written]
    assert names == ["ha-noi-day-manh.mp3", "ha-noi-day-manh-2.mp3", "etc-passwd.mp3"]
    # A title with no words at all is refused at ingest, with the reason.
    assert [(Path(f.source).name, f.stage) for f in report.failures] == [("d.txt", "ingest")]
    assert "no article" in report.failures[0].error
    for path in report.episodes_written:
        assert Path(path).resolve().parent == (tmp_path / "out" / "episodes").resolve()


def test_report_has_counts_and_stage_times(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tiêu đề", *PARAGRAPHS)
    build(settings_for(tmp_path))
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["articles_found"] == 1
    assert len(report["episodes_written"]) == 1
    assert report["failures"] == []
    assert report["engines"] == {"tts": FakeTTS.name, "translator": FakeTranslator.name}
    assert set(report["stage_seconds"]) == {
        "ingest",
        "translate",
        "plan",
        "normalize",
        "speak",
        "loudness",
        "assemble",
        "publish",
        "feed",
    }
    assert all(seconds >= 0 for seconds in report["stage_seconds"].values())


def test_very_long_episodes_get_at_most_200_chapters_and_tags_that_fit(tmp_path, fakes):
    from mutagen.id3 import ID3

    paragraphs = [f"Đoạn văn số {n} nói về một sự việc khác." for n in range(1, 301)]
    write_article(tmp_path / "in", "long.txt", "Bản tin rất dài", *paragraphs)
    report = build(settings_for(tmp_path, order="vi"))
    mp3 = Path(report.episodes_written[0])
    chapters = read_manifest(mp3)["chapters"]
    assert len(chapters) <= 200 and chapters[0]["title"] == "Bản tin rất dài"
    assert [c["start_ms"] for c in chapters] == sorted(c["start_ms"] for c in chapters)
    assert len(ID3(str(mp3)).getall("CHAP")) == len(chapters)


def test_an_unexpected_error_in_one_article_is_isolated(tmp_path, fakes, monkeypatch):
    write_article(tmp_path / "in", "a.txt", "Tin một", "Đoạn một.")
    write_article(tmp_path / "in", "b.txt", "Tin hai", "Đoạn hai.")
    real = __import__("vnmedia.pipeline.episode", fromlist=["plan_episode"]).plan_episode

    def broken(article, english, order):
        if article.title == "Tin hai":
            raise KeyError("a bug")
        return real(article, english, order)

    monkeypatch.setattr("vnmedia.pipeline.episode.plan_episode", broken)
    report = build(settings_for(tmp_path))
    assert [Path(p).name for p in report.episodes_written] == ["tin-mot.mp3"]
    assert report.failures[0].article == "Tin hai"
    assert "internal error (KeyError" in report.failures[0].error


def test_report_counts_every_article_whatever_the_order_they_finish_in(tmp_path, fakes):
    # Articles of different sizes: the longest is built first, so they do not finish in
    # input order; the report must still add up every engine call.
    write_article(tmp_path / "in", "1.txt", "Tin ngắn", "Một đoạn.")
    write_article(
        tmp_path / "in", "2.txt", "Tin dài", *[f"Đoạn văn dài số {n}." for n in range(1, 9)]
    )
    report = build(settings_for(tmp_path, jobs=1, translator="none", order="vi"))
    assert len(FakeTTS.calls) == 5  # both titles, both paragraphs of the long one, one short
    assert report.engine_calls == {FakeTTS.name: 5}


SUBHEADED = (
    "Một thư viện nhỏ vừa mở cửa ở phố cổ Hà Nội sáng nay.",
    "Người đọc tìm đến",
    "Trẻ em đến đọc truyện, người lớn tìm sách nấu ăn và sách lịch sử.",
    "Nhóm sáng lập muốn mở thêm một góc đọc vào tháng tới.",
)


@pytest.mark.parametrize("spoken", [True, False])
def test_a_subheading_is_spoken_as_its_own_part_and_chapter_unless_silent(tmp_path, fakes, spoken):
    write_article(tmp_path / "in", "a.txt", "Thư viện sách cũ mở cửa", *SUBHEADED)
    report = build(settings_for(tmp_path, speak_subheadings=spoken))
    manifest = read_manifest(report.episodes_written[0])
    vietnamese = [s for s in manifest["segments"] if s["lang"] == "vi"]
    said = [s["text"] for s in vietnamese]
    chapters = [c["title"] for c in manifest["chapters"]]
    # The episode's page shows the subheading once: as its row, or as the section's label.
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert page.count(">Người đọc tìm đến<") == 1
    if not spoken:
        assert "Người đọc tìm đến" not in said
        assert len(said) == 4  # the title and the three paragraphs
        return
    # Its own unit, between the paragraph before it and the first one of its section, after
    # the long pause (its own index), with its own translation and its own chapter.
    assert said == ["Thư viện sách cũ mở cửa", SUBHEADED[0], *SUBHEADED[1:]]
    heading = vietnamese[2]
    assert heading["index"] == 2 and heading["section"] == "Người đọc tìm đến"
    english = [s for s in manifest["segments"] if s["lang"] == "en" and s["index"] == 2]
    assert english and english[0]["text"]
    assert "Người đọc tìm đến" in chapters
    start = next(c["start_ms"] for c in manifest["chapters"] if c["title"] == "Người đọc tìm đến")
    assert start == heading["start_ms"]
