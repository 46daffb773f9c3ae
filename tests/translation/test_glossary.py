"""The glossary: terms every translation must use, checked whatever translated the text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnmedia import build, load_settings
from vnmedia.errors import ConfigError
from vnmedia.text.glossary import Glossary, Term

from fake_engines import FakeTranslator, write_article

GLOSSARY = (
    "# Vietnamese\tEnglish\n"
    "UBND quận\tDistrict People's Committee\n"
    "UBND quận Bắc Từ Liêm\tBac Tu Liem District People's Committee\n"
    "Bắc Từ Liêm\tBac Tu Liem\n"
)


def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.tsv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def test_terms_are_found_as_whole_words_longest_first_in_any_case(tmp_path):
    terms = Glossary.load([glossary(tmp_path)])
    found = terms.terms_in("Chủ tịch ubnd quận Bắc Từ Liêm phát biểu.")
    assert [t.vietnamese for t in found] == ["UBND quận Bắc Từ Liêm"]
    assert terms.terms_in("UBND quận 1 và huyện Bắc Từ Liêmx") == [
        Term("UBND quận", "District People's Committee")
    ]


def test_a_translation_missing_a_terms_english_is_a_miss(tmp_path):
    terms = Glossary.load([glossary(tmp_path)])
    vietnamese = "UBND quận họp ở Bắc Từ Liêm."
    good = "The district people's committee met in Bac Tu Liem."
    assert terms.misses(vietnamese, good) == []
    bad = "The district committee met in North Tu Liem."
    assert [t.english for t in terms.misses(vietnamese, bad)] == [
        "District People's Committee",
        "Bac Tu Liem",
    ]


def test_a_bad_glossary_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("UBND quận\tDistrict\textra\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.tsv:1"):
        Glossary.load([path])


def test_misses_are_reported_per_episode_in_the_manifest_and_the_report(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "UBND quận Bắc Từ Liêm họp", "Một đoạn khác.")
    write_article(tmp_path / "in", "b.txt", "Tin thời tiết", "Trời nắng.")
    # A human translation that uses the glossary's English: no miss for it.
    memory = tmp_path / "memory.tsv"
    memory.write_text(
        "UBND quận Bắc Từ Liêm họp\tBac Tu Liem District People's Committee meets\n",
        encoding="utf-8",
    )
    write_article(tmp_path / "in", "c.txt", "UBND quận Bắc Từ Liêm họp", "Trời mưa.")
    settings = load_settings(
        inputs=(str(tmp_path / "in"),),
        output=str(tmp_path / "out"),
        tts="fake-tts",
        translator=FakeTranslator.name,
        glossary=(str(glossary(tmp_path)),),
        executor="threads",
    )
    report = build(settings)
    assert report.failures == []
    # The fake translator leaves the Vietnamese as it is: the term's English is missing.
    assert report.glossary_misses == {
        "ubnd-quan-bac-tu-liem-hop.mp3": [
            "UBND quận Bắc Từ Liêm → Bac Tu Liem District People's Committee"
        ],
        "ubnd-quan-bac-tu-liem-hop-2.mp3": [
            "UBND quận Bắc Từ Liêm → Bac Tu Liem District People's Committee"
        ],
    }
    manifest = json.loads((tmp_path / "out" / "episodes" / "tin-thoi-tiet.json").read_text())
    assert manifest["glossary_misses"] == []

    with_memory = build(settings.with_overrides(memory=(str(memory),)))
    assert with_memory.glossary_misses == {}  # the human translation uses the term
