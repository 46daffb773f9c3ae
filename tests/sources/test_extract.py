"""Reading the article out of a page: the lead put back where trafilatura drops it, and
only the real lead."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from vnmedia.sources.extract import extract_article

from news_pages import make_page

sys.path.insert(0, str(Path(__file__).parent))
from stories import STORIES  # noqa: E402

SLOGAN = "Báo điện tử của những người trẻ yêu tin tức, cập nhật từng giờ mỗi ngày trong tuần"


def test_the_lead_above_the_body_is_put_back():
    page = make_page("vnexpress", STORIES[0], STORIES[1:]).html
    found = extract_article(page, "https://vnexpress.net/a.html")
    assert found is not None
    assert found.text.splitlines()[0] == STORIES[0].lead
    assert found.text.count(STORIES[0].lead) == 1


def test_a_slogan_before_the_headline_or_a_blurb_unlike_the_description_is_no_lead():
    page = make_page("vnexpress", STORIES[0], STORIES[1:]).html
    # A site slogan classed "description" in the header, before the headline (and no meta
    # description to compare with).
    page = page.replace("<body>", f'<body><p class="site-description">{SLOGAN}.</p>', 1)
    page = page.replace(f'<meta name="description" content="{STORIES[0].lead}">', "")
    found = extract_article(page, "https://vnexpress.net/a.html")
    assert found is not None and SLOGAN not in found.text
    assert found.text.startswith(STORIES[0].lead)
    # A lead-classed box whose words are not the page's description is not taken either.
    other = replace(STORIES[0], lead=STORIES[1].lead)
    page = make_page("vnexpress", other, STORIES[1:]).html.replace(
        f'content="{STORIES[1].lead}"', f'content="{STORIES[2].lead}"'
    )
    found = extract_article(page, "https://vnexpress.net/a.html")
    assert found is not None and STORIES[1].lead not in found.text
