"""The translation memory: TSV and JSONL files, normalized keys, errors that name the line."""

from __future__ import annotations

import unicodedata

import pytest

from vnmedia.errors import ConfigError
from vnmedia.translation.memory import TranslationMemory


def test_memory_reads_tsv_and_jsonl_with_normalized_keys(tmp_path):
    tsv = tmp_path / "a.tsv"
    tsv.write_text("# comment\nXin chào\tHello\n\nHà Nội\tHanoi\n", encoding="utf-8")
    jsonl = tmp_path / "b.jsonl"
    jsonl.write_text('{"vi": "Hà Nội", "en": "Ha Noi"}\n', encoding="utf-8")
    memory = TranslationMemory.load([tsv, jsonl])
    assert len(memory) == 2
    assert memory.lookup("  Xin   chào ") == "Hello"
    assert memory.lookup(unicodedata.normalize("NFD", "Hà Nội")) == "Ha Noi"  # later file wins
    assert memory.lookup("Tạm biệt") is None


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("only one field\n", ".tsv", "expected 'vietnamese<TAB>english'"),
        ('{"vi": "x"}\n', ".jsonl", 'with "vi" and "en"'),
    ],
)
def test_memory_errors_name_file_and_line(tmp_path, content, suffix, message):
    path = tmp_path / f"m{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        TranslationMemory.load([path])
    assert f"{path}:1" in str(caught.value)
