"""How well each reader gets the story out of real Vietnamese news pages.

Pages: the real saved pages of ``../shared/corpus/web/`` (SOURCES.md: never redistributed,
so they are read from there, and the benchmark says so and stops when they are absent),
decoded as the web client decodes a page (``fetch.decode_page``: the charset it declares).
Gold: ``bench/data/web_gold/<page>.txt``, written by hand from each page (rules in
``GOLD.md``): the printed headline, then the lead, paragraphs and subheadings a reader sees.

Halves, by site so that a site is never in both: the sites sorted by name, the 1st, 3rd,
5th, … are the **fit** half (what the reader was tuned on), the others the **report** half.

Readers, all measured in the same run, each on what vnmedia would *speak* of its text
(its paragraphs and, as build does by default, its subheadings):

- **trafilatura** alone (its text and title, through vnmedia's file reader as before);
- **readability-lxml** (its text and title, the same way);
- **vnmedia**: ``read_article_page``, the whole web reader.

Scores per page, averaged per half: bag-of-words precision, recall and F1 against the
gold's story (lead, paragraphs, subheadings); whether the headline is the printed one
(exact, whitespace aside); and *boilerplate lines spoken*: spoken paragraphs of which less
than 80 % is the story's text (3-word sequences of the gold), with the pages they are on.

    .venv/bin/python bench/bench_extract.py [--set tuning|fresh|fresh2|fresh3|fresh4|fresh5]
        [--pages-dir FOLDER] [--verbose]
    .venv/bin/python bench/bench_extract.py --imitated [--pages 150]

Sets (``--set``, ``tuning`` by default): gold in ``bench/data/web_gold[_NAME]/``, pages
looked for in ``../shared/corpus/web[-NAME]/``, then ``../corpus/web-NAME/`` (both beside
the project's folder), or in ``--pages-dir``. Each gold folder's SOURCES.md says where its
pages come from. ``tuning`` (the 17 pages) is scored in its fit and report halves; the
fresh sets (sites never tuned on, gold written blind) whole. ``fresh``, ``fresh2`` and
``fresh3`` have since been fitted on (``--verbose`` shows each page's scores and the lines
spoken that are not the story); ``fresh4`` and ``fresh5`` are **report sets**: their scores
only, never a page's scores or the lines it got wrong, even with ``--verbose``.

``--imitated`` scores the old imitated-markup pages of ``tests/news_pages.py`` instead (a
test fixture, not a claim).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from lxml import html as lxml_html
from readability import Document

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from vnmedia.audio.plan import with_subheadings  # noqa: E402
from vnmedia.errors import InputError  # noqa: E402
from vnmedia.sources.fetch import decode_page  # noqa: E402
from vnmedia.sources.web import read_article_page  # noqa: E402
from vnmedia.text.split import split_records  # noqa: E402

SETS: dict[str, tuple[str, bool]] = {
    "tuning": ("the 17 tuning pages", False),
    "fresh": ("fresh (5 pages of sites never tuned on, since fitted on)", False),
    "fresh2": ("fresh2 (a second fresh set, since fitted on)", False),
    "fresh3": ("fresh3 (a third fresh set, scored once blind, since fitted on)", False),
    "fresh4": ("fresh4 (report set, scored once blind at 69e10b1: scores only)", True),
    "fresh5": ("fresh5 (report set, scored once blind: scores only)", True),
}
"""The page sets by ``--set`` name: what each is, and whether it is kept for reporting (what
the reader gets wrong on a report set is never printed)."""
SITE_OF = {"ione": "vnexpress"}
"""iOne was a section of VnExpress: one site."""
WORD = re.compile(r"\w+")
URL = "https://example.vn/bai-viet.htm"
BOILERPLATE_COVERAGE = 0.8


@dataclass(frozen=True)
class GoldPage:
    name: str
    html: str
    headline: str
    story: list[str]

    @property
    def site(self) -> str:
        site = self.name.split("_")[0]
        return SITE_OF.get(site, site)


@dataclass(frozen=True)
class Reading:
    title: str
    paragraphs: list[str]


def gold_folder(name: str) -> Path:
    """Where a set's gold is: ``bench/data/web_gold`` or ``web_gold_NAME``."""
    return ROOT / "bench" / "data" / ("web_gold" if name == "tuning" else f"web_gold_{name}")


def page_folders(name: str) -> list[Path]:
    """Where a set's saved pages are looked for, in this order (never redistributed with
    the project: the shared corpus, else a corpus folder beside the project's)."""
    suffix = "" if name == "tuning" else f"-{name}"
    return [
        ROOT.parent / "shared" / "corpus" / f"web{suffix}",
        ROOT.parent / "corpus" / f"web{suffix}",
    ]


def load_pages(gold_folder: Path, page_folder: Path) -> list[GoldPage]:
    pages = []
    for gold in sorted(gold_folder.glob("*.txt")):
        path = page_folder / f"{gold.stem}.html"
        if not path.is_file():
            continue
        lines = [line.strip() for line in gold.read_text(encoding="utf-8").splitlines()]
        headline = lines[0].removeprefix("# ").strip()
        story = [line.lstrip("#").strip() for line in lines[1:] if line.strip()]
        page = decode_page(path.read_bytes(), name=path.name)  # as the web client does
        pages.append(GoldPage(gold.stem, page, headline, story))
    return pages


def halves(pages: list[GoldPage]) -> dict[str, list[GoldPage]]:
    sites = sorted({p.site for p in pages})
    fit = set(sites[0::2])
    return {
        f"fit ({', '.join(sorted(fit))})": [p for p in pages if p.site in fit],
        f"report ({', '.join(s for s in sites if s not in fit)})": [
            p for p in pages if p.site not in fit
        ],
    }


def spoken(title: str, text: str) -> Reading:
    """What vnmedia's reader keeps of an extractor's text (its paragraphs, as spoken)."""
    articles = split_records([(title, text)], source=URL) if text.strip() else []
    return Reading(title, [p.text for a in articles[:1] for p in with_subheadings(a).paragraphs])


def trafilatura_alone(page: str) -> Reading:
    found = trafilatura.bare_extraction(page, url=URL, with_metadata=True)
    if found is None:
        return Reading("", [])
    return spoken(found.title or "", found.text or "")


def readability_lxml(page: str) -> Reading:
    document = Document(page)
    tree = lxml_html.fromstring(document.summary(html_partial=True))
    blocks = [" ".join(e.text_content().split()) for e in tree.iter("p", "h2", "h3", "li", "td")]
    return spoken(document.short_title(), "\n\n".join(b for b in blocks if b))


def vnmedia_reader(page: str) -> Reading:
    try:
        article = read_article_page(page, URL)
    except InputError:
        return Reading("", [])
    return Reading(article.title, [p.text for p in with_subheadings(article).paragraphs])


READERS: dict[str, Callable[[str], Reading]] = {
    "trafilatura alone": trafilatura_alone,
    "readability-lxml": readability_lxml,
    "vnmedia": vnmedia_reader,
}


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(unicodedata.normalize("NFC", text))]


def scores(found: str, gold: str) -> tuple[float, float, float]:
    got, want = Counter(words(found)), Counter(words(gold))
    common = sum((got & want).values())
    precision = common / max(1, sum(got.values()))
    recall = common / max(1, sum(want.values()))
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def boilerplate(paragraphs: list[str], gold: str) -> list[str]:
    """Spoken paragraphs that are mostly not the story's text."""
    story = words(gold)
    grams = {tuple(story[i : i + 3]) for i in range(len(story) - 2)}
    found = []
    for paragraph in paragraphs:
        said = words(paragraph)
        if len(said) < 3:
            if " ".join(said) not in " ".join(story):
                found.append(paragraph)
            continue
        own = [tuple(said[i : i + 3]) for i in range(len(said) - 2)]
        if sum(g in grams for g in own) < BOILERPLATE_COVERAGE * len(own):
            found.append(paragraph)
    return found


def same_headline(found: str, gold: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).split())

    return norm(found) == norm(gold)


def evaluate(pages: list[GoldPage], verbose: bool) -> list[str]:
    rows = []
    for name, reader in READERS.items():
        said, headlines, spoken_junk, junk_pages = [], 0, 0, 0
        for page in pages:
            reading = reader(page.html)
            gold = "\n".join(page.story)
            result = scores("\n".join(reading.paragraphs), gold)
            said.append(result)
            right = same_headline(reading.title, page.headline)
            headlines += right
            junk = boilerplate(reading.paragraphs, gold)
            spoken_junk += len(junk)
            junk_pages += bool(junk)
            if verbose:
                print(
                    f"  {name} | {page.name}: P {result[0]:.3f} R {result[1]:.3f} "
                    f"F1 {result[2]:.3f} headline {'ok' if right else repr(reading.title)}"
                )
                for line in junk:
                    print(f"      boilerplate: {line[:110]}")
        mean = [sum(col) / len(pages) for col in zip(*said, strict=True)]
        worst = min(f for _, _, f in said)
        rows.append(
            f"| {name} | {mean[0]:.3f} | {mean[1]:.3f} | **{mean[2]:.3f}** | {worst:.3f} | "
            f"{headlines} / {len(pages)} | {spoken_junk} ({junk_pages} pages) |"
        )
    return rows


def real_pages(name: str, verbose: bool, pages_dir: Path | None = None) -> int:
    gold = gold_folder(name)
    if not any(gold.glob("*.txt")):
        # A set whose gold is not written yet (a report set while it is collected): its pages
        # are not even looked for.
        print(f"No gold for the set {name!r} yet: {gold} holds no <page>.txt (see GOLD.md).")
        return 1
    folders = [pages_dir] if pages_dir else page_folders(name)
    folder = next((f for f in folders if any(f.glob("*.html"))), folders[0])
    pages = load_pages(gold, folder)
    if not pages:
        where = " or ".join(str(f) for f in folders)
        print(
            f"No saved pages of the set {name!r} with gold in {gold}: put them in {where} "
            f"(or give --pages-dir). {gold / 'SOURCES.md'} says where they come from."
        )
        return 1
    description, report = SETS[name]
    shown = gold.relative_to(ROOT) if gold.is_relative_to(ROOT) else gold
    print(f"{description}: gold {shown}, pages {folder}")
    groups = halves(pages) if name == "tuning" else {name: pages}
    for label, half in groups.items():
        print(f"\n### {label}: {len(half)} pages\n")
        print(
            "| reader | spoken P | spoken R | spoken F1 | worst F1 | printed headline "
            "| boilerplate lines spoken |"
        )
        print("|---|---|---|---|---|---|---|")
        # A report set's pages are never shown one by one: what went wrong on them is not
        # to be fitted on.
        for row in evaluate(half, verbose and not report):
            print(row)
    if verbose and report:
        print(f"\n({name} is a report set: no page's scores or lines are shown.)")
    return 0


def imitated_pages(count: int) -> int:
    from news_pages import HELD_OUT_SITES, TUNING_SITES, load_stories, make_pages

    for label, sites, folder in (
        ("tuning layouts", TUNING_SITES, "unc"),
        ("held-out layouts", HELD_OUT_SITES, "unc-more"),
    ):
        pages = make_pages(sites, load_stories(folder, count))
        if not pages:
            print(f"{label}: no corpus here (../shared/corpus)")
            continue
        total = [0.0, 0.0, 0.0]
        for page in pages:
            reading = vnmedia_reader(page.html)
            for n, value in enumerate(scores("\n".join(reading.paragraphs), page.gold)):
                total[n] += value / len(pages)
        print(
            f"{label} ({len(pages)} imitated pages): vnmedia spoken "
            f"P {total[0]:.3f} R {total[1]:.3f} F1 {total[2]:.3f}"
        )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="Each page's scores and junk.")
    parser.add_argument(
        "--imitated", action="store_true", help="Score tests/news_pages.py's imitated pages."
    )
    parser.add_argument("--pages", type=int, default=150, help="Imitated pages per set.")
    parser.add_argument(
        "--set",
        choices=sorted(SETS),
        default="tuning",
        help="Which real pages: the tuning set, or a fresh set (fresh4, fresh5: report sets).",
    )
    parser.add_argument(
        "--pages-dir", type=Path, help="Read the set's saved pages from this folder."
    )
    args = parser.parse_args()
    if args.imitated:
        return imitated_pages(args.pages)
    return real_pages(args.set, args.verbose, args.pages_dir)


if __name__ == "__main__":
    raise SystemExit(main())
