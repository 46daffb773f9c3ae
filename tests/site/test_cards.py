"""Flashcards: the deck opened as Anki would (a zip of an SQLite collection and numbered
media files), its sounds decoded, its GUIDs kept from one export to the next."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest
import soundfile
from click.testing import CliRunner

from vnmedia import build
from vnmedia.cli import cli
from vnmedia.errors import ExitCode
from vnmedia.site.cards import write_study_deck

from anki_deck import read_deck
from fake_engines import FakeTranslator, FakeTTS, fake_settings, write_article

PARAGRAPHS = (
    "Thư viện mở cửa lúc tám giờ sáng. Người đọc mượn sách miễn phí cả tuần.",
    "Nhóm sáng lập muốn mở thêm một góc đọc cho trẻ em.",
)
SHOW = "Tin song ngữ"
CARDS_OF_A_AND_B = [
    "Thư viện mới",
    "Thư viện mở cửa lúc tám giờ sáng.",
    "Người đọc mượn sách miễn phí cả tuần.",
    PARAGRAPHS[1],
    "Góc đọc",
    "Trẻ em đọc sách mỗi chiều.",
]
"""The cards of articles a.txt (a title, three sentences) and b.txt, in the order heard."""


def settings_for(tmp_path: Path, **flags: object):
    defaults: dict[str, object] = {
        "cache_dir": str(tmp_path / "cache"),
        "executor": "threads",
        "interleave": "sentence",
        "show_title": SHOW,
        "words": 0,  # sentence cards alone (word cards: tests/text/test_words.py)
    }
    return fake_settings(tmp_path, **{**defaults, **flags})


def sound_of(deck: dict, field: str) -> tuple[np.ndarray, int]:
    name = field.removeprefix("[sound:").removesuffix("]")
    samples, rate = soundfile.read(io.BytesIO(deck["sounds"][name]), dtype="float64")
    return samples, rate


def dominant_hz(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[spectrum.argmax()])


def segments_of(output: Path) -> list[dict]:
    (manifest,) = [
        p for p in (output / "episodes").glob("*.json") if not p.name.endswith("chapters.json")
    ]
    return json.loads(manifest.read_text(encoding="utf-8"))["segments"]


def test_a_note_per_sentence_pair_with_its_audio_cut_from_the_episode(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    settings = settings_for(tmp_path)
    build(settings)
    FakeTTS.calls.clear()
    path, summary = write_study_deck(settings)

    assert FakeTTS.calls == []  # nothing spoken again
    deck = read_deck(path)
    # The title and three sentences: a note and a card each, two sounds each.
    assert len(deck["notes"]) == deck["cards"] == summary.sentences == 4
    assert len(deck["sounds"]) == summary.sounds == 8
    segments = segments_of(tmp_path / "out")
    lengths = {(s["lang"], s["text"]): s["end_ms"] - s["start_ms"] for s in segments}
    meaning = {vi["text"]: en["text"] for vi, en in zip(segments[::2], segments[1::2], strict=True)}
    for note in deck["notes"]:
        vietnamese, vi_sound, english, en_sound, title, date, link = note["fields"]
        assert english == meaning[vietnamese]
        assert title == "Thư viện mới" and len(date) == 10 and link.endswith(".mp3")
        assert note["tags"] == ["vnmedia", "tin-song-ngu", "thu-vien-moi"]
        for lang, text, sound, hz in (
            ("vi", vietnamese, vi_sound, 440),
            ("en", english, en_sound, 660),
        ):
            samples, rate = sound_of(deck, sound)
            assert len(samples) / rate * 1000 == pytest.approx(lengths[(lang, text)], abs=50)
            # The fake voice speaks Vietnamese at 440 Hz and English at 660 Hz: the cut is
            # where the sentence is, not a neighbour.
            assert dominant_hz(samples, rate) == pytest.approx(hz, rel=0.02)


def test_a_second_export_keeps_every_guid_and_updates_the_cards(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    build(settings_for(tmp_path))
    first = read_deck(write_study_deck(settings_for(tmp_path))[0])
    # Rebuilt with other pauses: every sentence moves in the episode.
    build(settings_for(tmp_path, pause_lang=900, pause_sentence=1500))
    second = read_deck(write_study_deck(settings_for(tmp_path))[0])

    def by_guid(deck: dict) -> dict[str, list[str]]:
        return {note["guid"]: note["fields"] for note in deck["notes"]}

    assert by_guid(first).keys() == by_guid(second).keys()
    assert len(set(by_guid(first))) == 4
    for guid, fields in by_guid(second).items():
        assert fields[0] == by_guid(first)[guid][0]
        assert fields[1] != by_guid(first)[guid][1]  # new audio, under a new name


def test_paragraph_mode_gives_a_card_per_paragraph(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    settings = settings_for(tmp_path, interleave="paragraph")
    build(settings)
    deck = read_deck(write_study_deck(settings)[0])
    assert sorted(note["fields"][0] for note in deck["notes"]) == sorted(
        ["Thư viện mới", *PARAGRAPHS]
    )


def test_a_drill_card_plays_the_sentence_at_its_usual_pace(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", PARAGRAPHS[1])
    settings = settings_for(tmp_path, pattern="vi@0.75 en vi")
    build(settings)
    deck = read_deck(write_study_deck(settings)[0])
    usual = next(
        s
        for s in segments_of(tmp_path / "out")
        if s["sentence"] and s["lang"] == "vi" and s["pace"] == 1.0
    )
    note = next(n for n in deck["notes"] if n["fields"][0] == PARAGRAPHS[1])
    samples, rate = sound_of(deck, note["fields"][1])
    assert len(samples) / rate * 1000 == pytest.approx(usual["end_ms"] - usual["start_ms"], abs=50)


def test_cards_command_and_build_cards(tmp_path, fakes, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    runner = CliRunner(mix_stderr=False)
    common = ["--tts", FakeTTS.name, "--translator", FakeTranslator.name, "--words", "0"]
    built = runner.invoke(
        cli, ["-q", "build", "in", "-o", "out", *common, "--interleave", "sentence", "--cards"]
    )
    assert built.exit_code == ExitCode.OK, built.stderr
    assert len(read_deck(tmp_path / "out" / "cards.apkg")["notes"]) == 4
    assert "4 sentence card(s)" in built.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["deck"]["sentences"] == 4 and report["deck"]["episodes"] == 1
    # The page links to the deck, and publishing sends it with the episodes.
    assert 'href="cards.apkg"' in (tmp_path / "out" / "index.html").read_text("utf-8")
    public = ["--base-url", "https://podcast.example.vn/show"]
    owner = {"VNMEDIA_SHOW_OWNER_EMAIL": "podcast@baomoi.example.vn"}
    no_network = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}
    sent = runner.invoke(
        cli, ["publish", str(tmp_path / "site"), "-o", "out", *public], env=owner | no_network
    )
    assert sent.exit_code == ExitCode.OK, sent.stderr
    assert (tmp_path / "site" / "cards.apkg").read_bytes() == (
        tmp_path / "out" / "cards.apkg"
    ).read_bytes()

    result = runner.invoke(cli, ["cards", "out", "-o", "mine.apkg"])
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "4 sentence card(s)" in result.stderr
    assert len(read_deck(tmp_path / "mine.apkg")["notes"]) == 4

    (tmp_path / "out" / "cards.apkg").unlink()
    (tmp_path / "out" / "index.html").unlink()
    again = runner.invoke(cli, ["cards", "out"])  # the default place: the page links it
    assert again.exit_code == ExitCode.OK, again.stderr
    assert (tmp_path / "out" / "cards.apkg").is_file()
    assert 'href="cards.apkg"' in (tmp_path / "out" / "index.html").read_text("utf-8")

    empty = runner.invoke(cli, ["cards", "nothing-here", "-o", "none.apkg"])
    assert empty.exit_code == ExitCode.NOTHING_DONE


# Tests written from deliberate bugs that the tests above let through (QUALITY.md).


def test_every_listed_episode_is_in_the_deck_and_a_sentence_heard_twice_is_one_card(
    tmp_path, fakes
):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    write_article(tmp_path / "in", "b.txt", "Góc đọc", "Trẻ em đọc sách mỗi chiều.")
    build(settings_for(tmp_path))  # an episode per article
    # The same articles again in a bulletin of another day: the same sentences, heard again.
    bulletin = settings_for(tmp_path, episode="run", date="2026-12-06")
    build(bulletin)
    deck = read_deck(write_study_deck(bulletin)[0])

    assert len({n["guid"] for n in deck["notes"]}) == len(deck["notes"])
    vietnamese = sorted(n["fields"][0] for n in deck["notes"])
    assert vietnamese == sorted(CARDS_OF_A_AND_B)
    # Every note names its article, never the bulletin (its spoken opening is no card).
    assert {n["fields"][4] for n in deck["notes"]} == {"Thư viện mới", "Góc đọc"}


def test_the_deck_keeps_its_id_from_one_export_to_the_next(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", PARAGRAPHS[1])
    settings = settings_for(tmp_path)
    build(settings)

    def deck_ids() -> set[int]:
        path = write_study_deck(settings)[0]
        read_deck(path)  # leaves the collection beside the package
        with sqlite3.connect(path.with_suffix(".anki2")) as db:
            decks = json.loads(db.execute("select decks from col").fetchone()[0])
        return {int(i) for i, deck in decks.items() if deck["name"] == SHOW}

    first = deck_ids()
    assert len(first) == 1 and deck_ids() == first  # a re-import lands in the same deck


def test_text_is_shown_as_written_not_read_as_html(tmp_path, fakes):
    sentence = "Vốn R&D tăng, lãi <5 %> cả năm."
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", sentence)
    settings = settings_for(tmp_path)
    build(settings)
    deck = read_deck(write_study_deck(settings)[0])
    note = next(n for n in deck["notes"] if "R&amp;D" in n["fields"][0])
    assert note["fields"][0] == "Vốn R&amp;D tăng, lãi &lt;5 %&gt; cả năm."
    assert note["fields"][2] == "EN[Vốn R&amp;D tăng, lãi &lt;5 %&gt; cả năm.]"


def test_a_build_with_cards_reads_the_episodes_once_for_deck_feed_and_page(
    tmp_path, fakes, monkeypatch
):
    import vnmedia.pipeline.jobs as jobs
    import vnmedia.site.rebuild as rebuild

    read: list[str] = []
    load = rebuild.load_manifests

    def counted(output: Path):
        read.append(str(output))
        return load(output)

    monkeypatch.setattr(rebuild, "load_manifests", counted)
    monkeypatch.setattr(jobs, "load_manifests", counted)
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    settings = settings_for(tmp_path, cards=True)
    report = build(settings)

    # Once to plan the jobs (slugs and numbers), once after them for the deck, feed and page.
    assert len(read) == 2
    assert report.deck["episodes"] == 1
    assert 'href="cards.apkg"' in (Path(settings.output) / "index.html").read_text("utf-8")
    assert "Thư viện mới" in (Path(settings.output) / "feed.xml").read_text("utf-8")


def test_a_sentence_heard_in_several_episodes_takes_the_newest_ones_audio_and_context(
    tmp_path, fakes
):
    write_article(tmp_path / "in", "a.txt", "Thư viện mới", *PARAGRAPHS)
    write_article(tmp_path / "in", "b.txt", "Góc đọc", "Trẻ em đọc sách mỗi chiều.")
    write_article(tmp_path / "in2", "a.txt", "Thư viện mới", *PARAGRAPHS)
    older = settings_for(tmp_path, episode="run", date="2026-12-01")
    build(older)  # both articles
    # Two days later, the first article again, its Vietnamese read faster.
    newer = settings_for(
        tmp_path, episode="run", date="2026-12-03", inputs=(str(tmp_path / "in2"),), speed="vi=1.5"
    )
    build(newer)
    manifests = {
        m["published"][:10]: m
        for m in (
            json.loads(p.read_text(encoding="utf-8"))
            for p in (tmp_path / "out" / "episodes").glob("*.json")
            if not p.name.endswith("chapters.json")
        )
    }
    deck = read_deck(write_study_deck(newer)[0])
    notes = {n["fields"][0]: n for n in deck["notes"]}

    first = notes["Thư viện mở cửa lúc tám giờ sáng."]
    assert first["fields"][5] == "2026-12-03"  # the newer episode's date and link
    assert first["fields"][6].endswith(f"/episodes/{manifests['2026-12-03']['audio']}")
    # Its sound is cut from the newer episode: the sentence at its faster pace.
    heard = {
        day: next(
            s["end_ms"] - s["start_ms"]
            for s in m["segments"]
            if s["lang"] == "vi" and s["text"] == "Thư viện mở cửa lúc tám giờ sáng."
        )
        for day, m in manifests.items()
    }
    samples, rate = sound_of(deck, first["fields"][1])
    assert abs(len(samples) / rate * 1000 - heard["2026-12-03"]) < 60
    assert heard["2026-12-01"] > 1.3 * heard["2026-12-03"]
    # Only the older episode has the second article: its cards stay with it.
    only_older = notes["Trẻ em đọc sách mỗi chiều."]
    assert only_older["fields"][5] == "2026-12-01"
    # One card each, in the order first heard (the older bulletin's order).
    assert [n["fields"][0] for n in deck["notes"]] == CARDS_OF_A_AND_B
