"""--episode file|run: one programme per input file, or a daily bulletin of the whole run,
each article a chapter of its own."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from lxml import etree
from mutagen.id3 import ID3

from vnmedia import build
from vnmedia.cli import cli
from vnmedia.codec import decode_file

from fake_engines import FakeTranslator, FakeTTS, fake_settings, tone, write_article

STORIES = {
    "a.txt": ("Thư viện mở cửa", "Thư viện sách cũ mở cửa miễn phí.", "Người đọc mượn sách."),
    "b.txt": ("Xe buýt điện mới", "Năm tuyến xe buýt điện sắp chạy.", "Giá vé không đổi."),
    "c.txt": ("Mùa lúa bội thu", "Nông dân trúng mùa lúa thu đông.", "Giá lúa tăng nhẹ."),
}


def settings_for(tmp_path: Path, **flags: object):
    values: dict[str, object] = {"episode": "run", "date": "2026-12-05", "jobs": 1, **flags}
    if values["episode"] != "run":
        del values["date"]  # a date is a bulletin's: refused with another --episode
    return fake_settings(tmp_path, **values)


def write_stories(folder: Path, names=tuple(STORIES)) -> None:
    for name in names:
        write_article(folder, name, *STORIES[name])


def manifest_of(mp3: str | Path) -> dict:
    return json.loads(Path(mp3).with_suffix(".json").read_text(encoding="utf-8"))


def test_a_run_becomes_one_bulletin_with_a_chapter_per_article(tmp_path, fakes):
    write_stories(tmp_path / "in")
    report = build(settings_for(tmp_path))

    (mp3,) = report.episodes_written
    manifest = manifest_of(mp3)
    assert manifest["title"] == "Bản tin song ngữ ngày 5 tháng 12 năm 2026"
    assert Path(mp3).name == "ban-tin-song-ngu-ngay-5-thang-12-nam-2026.mp3"
    # The opening, then each article announced by its title.
    vietnamese = [s["text"] for s in manifest["segments"] if s["lang"] == "vi"]
    assert vietnamese[0] == manifest["title"]
    assert [t for t, *_ in STORIES.values()] == [
        s["text"] for s in manifest["segments"] if s["lang"] == "vi" and s["kind"] == "title"
    ][1:]
    # A chapter per article, starting within 10 ms of its first segment.
    chapters = manifest["chapters"]
    assert [c["title"] for c in chapters] == [manifest["title"], *(t for t, *_ in STORIES.values())]
    for number, chapter in enumerate(chapters[1:], 1):
        first = next(s for s in manifest["segments"] if s["article"] == number)
        assert abs(chapter["start_ms"] - first["start_ms"]) <= 10
    # The same chapters in the MP3 (ID3 CHAP) and in chapters.json.
    tags = ID3(mp3)
    starts = sorted(frame.start_time for frame in tags.getall("CHAP"))
    assert starts == [c["start_ms"] for c in chapters]
    listed = json.loads(Path(mp3).with_suffix(".chapters.json").read_text("utf-8"))["chapters"]
    assert [c["title"] for c in listed] == [c["title"] for c in chapters]
    # The feed item and the page describe the whole bulletin.
    item = etree.parse(str(tmp_path / "out" / "feed.xml")).find("channel/item")
    for title, *_ in STORIES.values():
        assert title in item.findtext("description")
    page = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert page.count('class="unit title story"><h3 class="seg"') == 3  # spoken titles as headings
    assert abs(len(decode_file(mp3)) - manifest["duration_ms"]) <= 30


def test_editing_one_article_re_speaks_only_its_changed_paragraph(tmp_path, fakes):
    write_stories(tmp_path / "in")
    build(settings_for(tmp_path))
    write_article(
        tmp_path / "in", "b.txt", STORIES["b.txt"][0], STORIES["b.txt"][1], "Vé tháng rẻ hơn."
    )
    FakeTTS.calls.clear()

    report = build(settings_for(tmp_path))

    assert len(report.episodes_written) == 1
    assert sorted(text for text, _ in FakeTTS.calls) == ["EN[Vé tháng rẻ hơn.]", "Vé tháng rẻ hơn."]


def test_one_episode_per_file_turns_a_dump_into_one_programme(tmp_path, fakes):
    folder = tmp_path / "in"
    write_stories(folder, ("a.txt",))
    dump = "\n\n---\n\n".join("\n\n".join(STORIES[name]) for name in ("b.txt", "c.txt"))
    (folder / "dump.txt").write_text(dump + "\n", encoding="utf-8")

    report = build(settings_for(tmp_path, episode="file"))

    assert len(report.episodes_written) == 2
    titles = sorted(manifest_of(p)["title"] for p in report.episodes_written)
    assert titles == ["Thư viện mở cửa", "Xe buýt điện mới và 1 tin khác"]


def test_an_article_that_fails_leaves_the_bulletin_to_the_others(tmp_path, fakes):
    write_stories(tmp_path / "in", ("a.txt", "c.txt"))
    write_article(tmp_path / "in", "b.txt", "Tin hỏng", "Đoạn này BOOM giữa chừng.")

    report = build(settings_for(tmp_path))

    (mp3,) = report.episodes_written
    manifest = manifest_of(mp3)
    assert [m["title"] for m in manifest["missing"]] == ["Tin hỏng"]
    assert [c["title"] for c in manifest["chapters"]][1:] == ["Thư viện mở cửa", "Mùa lúa bội thu"]
    (failure,) = report.failures
    assert failure.article == "Tin hỏng" and failure.stage == "speak"

    stopped = build(settings_for(tmp_path, output=str(tmp_path / "strict"), fail_fast=True))
    assert stopped.episodes_written == [] and stopped.failures


def test_a_sound_between_articles(tmp_path, fakes):
    write_stories(tmp_path / "in")
    chime = tmp_path / "chime.wav"
    import wave

    with wave.open(str(chime), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(tone(1000, 880.0))
    plain = manifest_of(build(settings_for(tmp_path)).episodes_written[0])["duration_ms"]

    report = build(settings_for(tmp_path, output=str(tmp_path / "chimed"), between=str(chime)))

    chimed = manifest_of(report.episodes_written[0])
    # Two sounds between three articles, each with a paragraph pause after it.
    assert abs(chimed["duration_ms"] - plain - 2 * (1000 + 900)) <= 20


def test_an_empty_run_makes_no_bulletin_and_says_so(tmp_path, fakes):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("\n", encoding="utf-8")
    result = CliRunner(mix_stderr=False).invoke(
        cli,
        ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--episode", "run",
         "--tts", FakeTTS.name, "--translator", FakeTranslator.name],
    )  # fmt: skip
    assert result.exit_code == 3
    assert "no bulletin" in result.stderr
    assert not (tmp_path / "out" / "episodes").exists() or not list(
        (tmp_path / "out" / "episodes").glob("*.mp3")
    )
