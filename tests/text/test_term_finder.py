"""One alternation per table (``TermFinder``) finds what one pattern per entry found: the
longest entry wins wherever two overlap, in the names table and in a glossary alike."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from vnmedia.text.glossary import Glossary, Term, TermFinder
from vnmedia.text.pairs import memory_key
from vnmedia.translation.faithful import KnownName, NamesTable

PROJECT = Path(__file__).resolve().parents[2]


def names_found_one_pattern_each(table: NamesTable, text: str) -> list[tuple[str, int, int]]:
    """What NamesTable.find gave when it compiled a pattern per name (the reference)."""
    taken: list[tuple[int, int]] = []
    found = []
    for name in table.names:
        pattern = re.compile(rf"(?<![\w.]){re.escape(name.vietnamese)}(?![\w])")
        for match in pattern.finditer(text):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                taken.append((match.start(), match.end()))
                found.append((name.vietnamese, match.start(), match.end()))
    return found


def terms_found_one_pattern_each(glossary: Glossary, text: str) -> list[str]:
    """What Glossary.terms_in gave with a pattern per term, masking what it found."""
    text = memory_key(text).casefold()
    found = []
    for term in glossary.terms:
        key = memory_key(term.vietnamese).casefold()
        pattern = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
        match = pattern.search(text)
        if match:
            found.append((match.start(), term.vietnamese))
            text = pattern.sub(lambda m: "\0" * len(m.group(0)), text)
    return [vietnamese for _, vietnamese in sorted(found)]


def crowded_texts(entries: list[str], count: int, seed: int) -> list[str]:
    """Texts packed with entries, their halves and their joins (where overlaps happen)."""
    rng = random.Random(seed)
    fillers = ["và", "ở", "của", "ông", "tại", ".", ",", "Thủ đô", "x"]
    texts = []
    for _ in range(count):
        words: list[str] = []
        for _ in range(rng.randint(3, 12)):
            entry = rng.choice(entries).split()
            piece = entry[rng.randint(0, len(entry) - 1) :] if rng.random() < 0.3 else entry
            words += [*piece, *([rng.choice(fillers)] if rng.random() < 0.5 else [])]
        texts.append(" ".join(words))
    return texts


def test_the_shipped_names_table_finds_what_a_pattern_per_name_found():
    table = NamesTable.load()
    texts = crowded_texts([n.vietnamese for n in table.names], 400, seed=1)
    texts += (PROJECT / "input" / "thu-vien-cong-dong.txt").read_text("utf-8").splitlines()
    for text in texts:
        found = [(n.vietnamese, s, e) for n, s, e in table.find(text)]
        assert found == names_found_one_pattern_each(table, text), text


def test_a_glossary_finds_what_a_pattern_per_term_found():
    entries = [
        "UBND quận", "UBND quận Bắc Từ Liêm", "Bắc Từ Liêm", "quận Bắc", "Từ Liêm",
        "Sở Y tế", "Y tế", "Hà Nội", "Nội Bài", "sân bay Nội Bài", "Bộ Y tế Việt Nam",
    ]  # fmt: skip
    glossary = Glossary([Term(e, f"en {n}") for n, e in enumerate(entries)])
    for text in crowded_texts(entries, 400, seed=2):
        found = [t.vietnamese for t in glossary.terms_in(text)]
        assert found == terms_found_one_pattern_each(glossary, text), text


ENTRIES = sorted(
    ["Hà Nội", "Hà", "Nội Bài", "UBND quận", "UBND quận Bắc Từ Liêm"], key=len, reverse=True
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Nested: the longest entry at a start wins.
        ("UBND quận Bắc Từ Liêm họp", [("UBND quận Bắc Từ Liêm", 0)]),
        # Overlapping: the longer entry wins even when the shorter starts first, and a
        # shorter entry at that start ("Hà") still counts where it overlaps nothing.
        ("đến Hà Nội Bài", [("Nội Bài", 7), ("Hà", 4)]),
        ("Hà Nội và Nội Bài", [("Nội Bài", 10), ("Hà Nội", 0)]),
        # Whole words only, either side.
        ("Hàx Nộix và xHà", []),
    ],
)
def test_the_longest_entry_wins(text, found):
    finder = TermFinder(ENTRIES)
    assert [(ENTRIES[i], s) for i, s, _ in finder.spans(text)] == found


def test_names_table_longest_first_with_the_users_names():
    table = NamesTable([KnownName("Anh", ("Britain",)), KnownName("Vương quốc Anh", ("UK",))])
    assert [(n.vietnamese, s) for n, s, _ in table.find("Vương quốc Anh và Anh")] == [
        ("Vương quốc Anh", 0),
        ("Anh", 18),
    ]


def test_an_entry_glued_to_the_next_word_is_not_one():
    entries = ["HCM Thành phố", "TP.HCM", "TP."]
    spans = TermFinder(entries).spans("TP.HCM Thành phố")
    # "TP.HCM" loses to the longer "HCM Thành phố"; "TP." stands there too, but a letter
    # follows it: it is not a whole word.
    assert [(entries[i], s) for i, s, _ in spans] == [("HCM Thành phố", 3)]
