"""How well each extractor reads the article out of a Vietnamese news page.

Pages: the real Dân Trí texts of ``shared/corpus`` in the markup of six big Vietnamese
sites (``tests/news_pages.py``: lead, body, a photo with its caption, a related-stories box
inside the body, a comment box, sidebars, footer). The gold is the article text the page
carries (lead, paragraphs, subheadings). Two sets, so that nothing is reported on what it
was tuned on:

- **tuning**: ``unc/`` stories in the Dân Trí, VnExpress and Tuổi Trẻ layouts;
- **held out**: ``unc-more/`` stories in the Thanh Niên, VietNamNet and ZNews layouts.

Extractors: trafilatura's defaults, readability-lxml, and vnmedia's (trafilatura with
formatting and metadata, the lead put back). Each is scored twice: its own text, and what
vnmedia would *speak* of it (after the reader's noise audit). Word-level bag-of-words
precision, recall and F1 against the gold, averaged over pages; plus how many pages speak a
caption, a related story's title or a comment-box/footer string.

    .venv/bin/python bench/bench_extract.py [--pages 150]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura
from lxml import html as lxml_html
from readability import Document

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from vnmedia.errors import InputError  # noqa: E402
from vnmedia.sources.extract import extract_article  # noqa: E402
from vnmedia.sources.web import read_article_page  # noqa: E402
from vnmedia.text.split import split_records  # noqa: E402

from news_pages import (  # noqa: E402
    COMMENT_BOX,
    FOOTER,
    HELD_OUT_SITES,
    TUNING_SITES,
    NewsPage,
    load_stories,
    make_pages,
)

WORD = re.compile(r"\w+")
URL = "https://example.vn/bai-viet.htm"


def trafilatura_defaults(page: str) -> str:
    return trafilatura.extract(page, url=URL) or ""


def readability_lxml(page: str) -> str:
    summary = Document(page).summary(html_partial=True)
    tree = lxml_html.fromstring(summary)
    blocks = [" ".join(e.text_content().split()) for e in tree.iter("p", "h1", "h2", "h3", "li")]
    return "\n".join(b for b in blocks if b) or " ".join(tree.text_content().split())


def vnmedia_extract(page: str) -> str:
    found = extract_article(page, URL)
    return found.text if found else ""


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "trafilatura defaults": trafilatura_defaults,
    "readability-lxml": readability_lxml,
    "vnmedia (trafilatura + lead)": vnmedia_extract,
}


def spoken(text: str, title: str) -> str:
    """What the reader keeps of an extractor's text (its paragraphs, as they are spoken)."""
    articles = split_records([(title, text)], source=URL) if text.strip() else []
    return "\n".join(p.text for a in articles[:1] for p in a.paragraphs)


def scores(found: str, gold: str) -> tuple[float, float, float]:
    got = Counter(w.lower() for w in WORD.findall(found))
    want = Counter(w.lower() for w in WORD.findall(gold))
    common = sum((got & want).values())
    precision = common / max(1, sum(got.values()))
    recall = common / max(1, sum(want.values()))
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def leaks(text: str, page: NewsPage) -> tuple[bool, bool, bool]:
    return (
        any(c in text for c in page.captions),
        any(r in text for r in page.related),
        any(s in text for s in (*COMMENT_BOX, *FOOTER)),
    )


def evaluate(pages: list[NewsPage]) -> list[str]:
    rows = []
    for name, extractor in EXTRACTORS.items():
        raw, said, leaked, seconds = [], [], [0, 0, 0], 0.0
        for page in pages:
            started = time.perf_counter()
            text = extractor(page.html)
            seconds += time.perf_counter() - started
            raw.append(scores(text, page.gold))
            out = spoken(text, page.story.title)
            said.append(scores(out, page.gold))
            for n, hit in enumerate(leaks(out, page)):
                leaked[n] += hit
        mean = [sum(col) / len(pages) for col in zip(*raw, strict=True)]
        mean_said = [sum(col) / len(pages) for col in zip(*said, strict=True)]
        worst = min(f for _, _, f in said)
        rows.append(
            f"| {name} | {mean[0]:.3f} | {mean[1]:.3f} | {mean[2]:.3f} | {mean_said[0]:.3f} | "
            f"{mean_said[1]:.3f} | **{mean_said[2]:.3f}** | {worst:.3f} | "
            f"{leaked[0]} / {leaked[1]} / {leaked[2]} | {1000 * seconds / len(pages):.1f} |"
        )
    return rows


def reader_check(pages: list[NewsPage]) -> str:
    """The whole web reader (extraction, checks, reader) on every page: how many it accepts."""
    accepted = 0
    for page in pages:
        try:
            read_article_page(page.html, URL)
            accepted += 1
        except InputError:
            pass
    return f"{accepted} of {len(pages)} pages read as an article by `read_article_page`"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=150, help="Pages per set (default 150).")
    args = parser.parse_args()
    sets = {
        "tuning (unc/, Dân Trí, VnExpress, Tuổi Trẻ layouts)": make_pages(
            TUNING_SITES, load_stories("unc", args.pages)
        ),
        "held out (unc-more/, Thanh Niên, VietNamNet, ZNews layouts)": make_pages(
            HELD_OUT_SITES, load_stories("unc-more", args.pages)
        ),
    }
    for label, pages in sets.items():
        if not pages:
            print(f"{label}: no corpus here (../shared/corpus)")
            continue
        print(f"\n### {label}: {len(pages)} pages\n")
        print(
            "| extractor | P | R | F1 | spoken P | spoken R | spoken F1 | worst spoken F1 "
            "| pages speaking a caption / related title / comment or footer | ms per page |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for row in evaluate(pages):
            print(row)
        print(f"\n{reader_check(pages)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
