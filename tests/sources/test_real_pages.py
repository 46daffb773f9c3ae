"""The web reader on the real saved pages of ``../shared/corpus/web/`` against their
hand-written gold (``bench/data/web_gold``): the pages are never redistributed, so where
they are absent (a clean clone, CI) these tests are skipped and say why. The benchmark
(``bench/bench_extract.py``) gives the numbers; these keep them from sliding back."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from vnmedia.audio.plan import with_subheadings
from vnmedia.sources.web import read_article_page

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT.parent / "shared" / "corpus" / "web"
GOLD = sorted((ROOT / "bench" / "data" / "web_gold").glob("*.txt"))
WORD = re.compile(r"\w+")


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in WORD.findall(unicodedata.normalize("NFC", text)))


@pytest.mark.parametrize("gold", GOLD, ids=[g.stem for g in GOLD])
def test_a_real_page_reads_as_its_gold(gold: Path):
    page = PAGES / f"{gold.stem}.html"
    if not page.is_file():
        pytest.skip(f"{page} is not here: the saved pages stay in ../shared (SOURCES.md)")
    headline, *story = gold.read_text(encoding="utf-8").splitlines()
    article = read_article_page(page.read_text(encoding="utf-8", errors="replace"), page.as_uri())
    assert article.title == headline.removeprefix("# ")
    said = words(" ".join(p.text for p in with_subheadings(article).paragraphs))
    want = words(" ".join(line.lstrip("#") for line in story))
    common = sum((said & want).values())
    precision, recall = common / sum(said.values()), common / sum(want.values())
    assert precision >= 0.99 and recall >= 0.97, (precision, recall)
