"""News pages in the markup of the big Vietnamese sites, around real article text.

No real page of these sites can be fetched here, so tests and ``bench/bench_extract.py``
wrap the real Dân Trí texts of ``shared/corpus/unc*/`` in each site's article markup (class
names, sapo, photo figures with captions, a related-stories box inside the body, tags, a
comment box, sidebars and footer with their real strings; on some layouts the comment box or
the app banner sits inside the article's column, as on the real sites). The article text the page
carries is known exactly: the lead, the body paragraphs and subheadings (``NewsPage.gold``);
captions and related titles are what must never be spoken.

The six layouts are split in two: the first three are the ones the extractor may be tuned
on, the last three are held out (``TUNING_SITES`` / ``HELD_OUT_SITES``).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# What a comment box, a share bar, a sidebar and a footer say on these sites.
COMMENT_BOX = (
    "Bình luận (0)",
    "Tối đa: 1500 ký tự",
    "Hiện chưa có bình luận nào, hãy là người đầu tiên bình luận",
    "Gửi bình luận",
)
FOOTER = (
    "Tải ứng dụng:",
    "Cơ quan chủ quản: Bộ Lao động - Thương binh và Xã hội",
    "Giấy phép hoạt động báo điện tử số 298/GP-BTTTT",
    "Chịu trách nhiệm nội dung: Tổng biên tập",
)
MENU = ("Xã hội", "Thế giới", "Kinh doanh", "Giải trí", "Thể thao", "Sức khỏe", "Giáo dục")


@dataclass(frozen=True)
class Story:
    """A real article: its title, lead and body paragraphs."""

    doc_id: str
    title: str
    lead: str
    body: tuple[str, ...]
    date: str
    """``YYYY-MM-DD``."""


@dataclass(frozen=True)
class NewsPage:
    """A page in one site's markup and what its article says."""

    site: str
    story: Story
    html: str
    captions: tuple[str, ...]
    related: tuple[str, ...]
    """Titles of other stories the page links to (inside the body and in the sidebar)."""

    @property
    def gold(self) -> str:
        """The article text a reader should get: lead, then body (subheadings included)."""
        return "\n".join([self.story.lead, *self.story.body])


def load_stories(folder: str = "unc", limit: int | None = None) -> list[Story]:
    """Stories of ``shared/corpus/<folder>`` with at least four paragraphs, in index order."""
    index = CORPUS / folder / "index.tsv"
    if not index.is_file():
        return []
    stories = []
    for row in index.read_text(encoding="utf-8").splitlines()[1:]:
        doc_id, _topic, date, _url, slug, titled = row.split("\t")
        lines = [
            line.strip()
            for line in (CORPUS / folder / f"{doc_id}.txt").read_text("utf-8").splitlines()
            if line.strip()
        ]
        title = lines.pop(0) if titled == "true" else slug.replace("-", " ").capitalize()
        if len(lines) < 4:
            continue
        day = f"{date[:4]}-{date[4:6]}-{date[6:8]}"
        stories.append(Story(doc_id, title, lines[0], tuple(lines[1:]), day))
        if limit and len(stories) >= limit:
            break
    return stories


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _head(story: Story, site: str, domain: str) -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "datePublished": f"{story.date}T07:30:00+07:00",
        "author": {"@type": "Person", "name": "Minh Anh"},
        "publisher": {"@type": "Organization", "name": site},
        "inLanguage": "vi",
    }
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{_e(story.title)} | {site}</title>"
        f'<meta property="og:title" content="{_e(story.title)}">'
        f'<meta property="og:site_name" content="{site}">'
        f'<meta name="description" content="{_e(story.lead)}">'
        f'<meta property="article:published_time" content="{story.date}T07:30:00+07:00">'
        f'<meta name="author" content="Minh Anh">'
        f'<link rel="canonical" href="https://{domain}/{story.doc_id}.htm">'
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        f"<style>.hidden{{display:none}}</style>"
        f"<script>window.dataLayer=[{{'page':'detail'}}];</script></head>"
    )


def _menu(css: str) -> str:
    items = "".join(f'<li><a href="/{i}.htm">{_e(m)}</a></li>' for i, m in enumerate(MENU))
    return f'<header class="{css}"><nav><ul class="menu">{items}</ul></nav></header>'


def _footer(css: str) -> str:
    lines = "".join(f"<p>{_e(line)}</p>" for line in FOOTER)
    return (
        f'<footer class="{css}">{lines}'
        '<a href="https://apps.apple.com/">App Store</a>'
        '<a href="https://play.google.com/">Google Play</a></footer></body></html>'
    )


def _comments(css: str) -> str:
    count, limit, empty, send = COMMENT_BOX
    return (
        f'<div class="{css}"><div class="title">{_e(count)}</div>'
        f'<textarea placeholder="Chia sẻ ý kiến của bạn"></textarea>'
        f'<span class="limit">{_e(limit)}</span><button>{_e(send)}</button>'
        f'<div class="empty">{_e(empty)}</div></div>'
    )


def _paragraphs(story: Story, figure: str, related: str, p: str = "<p>") -> str:
    body = [f"{p}{_e(line)}</p>" for line in story.body]
    # The photo after the first paragraph, the related box in the middle: where the sites
    # put them.
    body.insert(1, figure)
    body.insert(max(2, len(body) // 2), related)
    return "".join(body)


def _sidebar(css: str, heading: str, titles: tuple[str, ...]) -> str:
    items = "".join(f'<li><a href="/r{i}.htm">{_e(t)}</a></li>' for i, t in enumerate(titles))
    return f'<aside class="{css}"><h3>{_e(heading)}</h3><ol>{items}</ol></aside>'


def dantri(story: Story, caption: str, related: tuple[str, ...]) -> str:
    figure = (
        '<figure class="image align-center"><img src="/a.jpg" alt="">'
        f"<figcaption><p>{_e(caption)}</p></figcaption></figure>"
    )
    box = (
        '<div class="article-related"><div class="title">Tin liên quan</div>'
        + "".join(f'<article class="article-item"><h3><a href="/x.htm">{_e(t)}</a></h3>'
                  "</article>" for t in related[:2])
        + "</div>"
    )  # fmt: skip
    return (
        _head(story, "Báo Dân trí", "dantri.com.vn")
        + "<body>"
        + _menu("site-header")
        + '<main class="singular-container"><ul class="dt-breadcrumb"><li>Xã hội</li></ul>'
        f'<h1 class="title-page detail">{_e(story.title)}</h1>'
        f'<time class="author-time" datetime="{story.date}">{story.date}</time>'
        f'<h2 class="singular-sapo">(Dân trí) - {_e(story.lead)}</h2>'
        f'<div class="singular-content">{_paragraphs(story, figure, box)}</div>'
        '<div class="author-wrap"><div class="author-name"><b>Minh Anh</b></div></div>'
        '<ul class="tags-wrap"><li><a href="/tag.htm">Kinh tế</a></li></ul>'
        + _comments("comment-wrap")
        + "</main>"
        + _sidebar("sidebar", "Đọc nhiều", related[2:])
        + _footer("dt-footer")
    )


def vnexpress(story: Story, caption: str, related: tuple[str, ...]) -> str:
    figure = (
        '<figure class="tplCaption"><div class="fig-picture"><img src="/a.jpg" alt=""></div>'
        f'<figcaption><p class="Image">{_e(caption)}</p></figcaption></figure>'
    )
    box = "".join(
        f'<p class="Normal"><strong><a href="/y.html">&gt;&gt; {_e(t)}</a></strong></p>'
        for t in related[:1]
    )
    return (
        _head(story, "VnExpress", "vnexpress.net")
        + "<body>"
        + _menu("section-top")
        + '<section class="section page-detail top-detail"><div class="container">'
        '<div class="header-content"><ul class="breadcrumb"><li>Thời sự</li></ul>'
        f'<span class="date">Thứ năm, {story.date}</span></div>'
        f'<h1 class="title-detail">{_e(story.title)}</h1>'
        f'<p class="description">{_e(story.lead)}</p>'
        f'<article class="fck_detail">{_paragraphs(story, figure, box, "<p class=Normal>")}'
        '<p class="Normal" style="text-align:right;"><strong>Minh Anh</strong></p></article>'
        '<div class="footer-content"><div class="tags"><a href="/tag">Giao thông</a></div>'
        '<div class="social">Chia sẻ Copy link thành công</div></div>'
        + _comments("box_comment_vne")
        + "</div></section>"
        + _sidebar("width_common box-category", "Xem nhiều", related[1:])
        + _footer("footer")
    )


def tuoitre(story: Story, caption: str, related: tuple[str, ...]) -> str:
    figure = (
        '<figure class="VCSortableInPreviewMode" type="Photo"><div><img src="/a.jpg"></div>'
        f'<figcaption class="PhotoCMS_Caption"><p>{_e(caption)}</p></figcaption></figure>'
    )
    box = (
        '<div class="VCSortableInPreviewMode" type="RelatedOneNews">'
        '<div class="kbwscwl-relatedbox">'
        + "".join(f'<a class="title" href="/z.htm">{_e(t)}</a>' for t in related[:2])
        + "</div></div>"
    )
    return (
        _head(story, "Tuổi Trẻ Online", "tuoitre.vn")
        + "<body>"
        + _menu("header-top")
        + '<div class="detail-container"><div class="detail-cate"><a>Thời sự</a></div>'
        f'<h1 class="detail-title article-title" data-role="title">{_e(story.title)}</h1>'
        f'<div class="detail-time"><div data-role="publishdate">{story.date}</div></div>'
        f'<h2 class="detail-sapo" data-role="sapo">{_e(story.lead)}</h2>'
        f'<div class="detail-cmain"><div class="detail-content afcbc-body" data-role="content">'
        f"{_paragraphs(story, figure, box)}</div>"
        '<div class="detail-author"><div class="name">MINH ANH</div></div>'
        '<div class="detail-tab"><a>Đọc tiếp</a><a>Về trang chủ</a></div>'
        + _comments("comment-wrapper")
        + "</div></div>"
        + _sidebar("aside-right", "Tin mới nhất", related[2:])
        + _footer("footer")
    )


def thanhnien(story: Story, caption: str, related: tuple[str, ...]) -> str:
    figure = (
        '<figure class="VCSortableInPreviewMode" type="Photo"><img src="/a.jpg">'
        f'<figcaption class="PhotoCMS_Caption"><p data-placeholder="[nhập chú thích]">'
        f"{_e(caption)}</p></figcaption></figure>"
    )
    box = (
        '<div class="VCSortableInPreviewMode" type="RelatedNewsBox"><ul>'
        + "".join(f'<li><a data-type="title" href="/q.htm">{_e(t)}</a></li>' for t in related[:2])
        + "</ul></div>"
    )
    return (
        _head(story, "Báo Thanh Niên", "thanhnien.vn")
        + "<body>"
        + _menu("header__nav")
        + '<div class="detail__cmain"><div class="detail__meta">'
        f'<div class="detail-time" data-role="publishdate">{story.date} 07:30 GMT+7</div></div>'
        f'<h1 class="detail-title"><span data-role="title">{_e(story.title)}</span></h1>'
        f'<h2 class="detail-sapo" data-role="sapo">{_e(story.lead)}</h2>'
        f'<div class="detail-cmain"><div class="detail-content afcbc-body" data-role="content">'
        f"{_paragraphs(story, figure, box)}</div>"
        '<div class="detail-author"><a class="name">Minh Anh</a></div>'
        '<div class="detail__tags"><a>Tin tức</a><a>Sức khỏe</a></div>'
        + _comments("detail__comment")
        + "</div></div>"
        + _sidebar("detail__aside", "Xem nhiều nhất", related[2:])
        + _footer("footer")
    )


def vietnamnet(story: Story, caption: str, related: tuple[str, ...]) -> str:
    figure = (
        '<figure class="image vnn-content-image"><img src="/a.jpg">'
        f"<figcaption><p>{_e(caption)}</p></figcaption></figure>"
    )
    box = (
        '<div class="article-relate"><ul>'
        + "".join(f'<li><h3><a href="/w.html">{_e(t)}</a></h3></li>' for t in related[:2])
        + "</ul></div>"
    )
    return (
        _head(story, "VietNamNet", "vietnamnet.vn")
        + "<body>"
        + _menu("header-menu")
        + '<div class="content-detail"><div class="bread-crumb-detail"><a>Thời sự</a></div>'
        f'<h1 class="content-detail-title">{_e(story.title)}</h1>'
        f'<div class="bread-crumb-detail__time">{story.date}</div>'
        f'<h2 class="content-detail-sapo sm-sapo-mb-0">{_e(story.lead)}</h2>'
        f'<div class="maincontent main-content" id="maincontent">'
        f"{_paragraphs(story, figure, box)}"
        '<p style="text-align: right;"><strong>Minh Anh</strong></p>'
        f"<p>{_e(FOOTER[0])} App Store, Google Play</p></div>"
        '<div class="tag-cloud"><a>Tin nóng</a></div>'
        + _comments("comment-box")
        + "</div>"
        + _sidebar("sidebar-right", "Tin nổi bật", related[2:])
        + _footer("footer")
    )


def znews(story: Story, caption: str, related: tuple[str, ...]) -> str:
    figure = (
        '<table class="picture"><tbody><tr><td class="pic"><img src="/a.jpg"></td></tr>'
        f'<tr><td class="pCaption caption">{_e(caption)}</td></tr></tbody></table>'
    )
    box = (
        '<div class="inner-article"><p class="title">Đọc thêm</p>'
        + "".join(f'<a href="/v.html"><h4>{_e(t)}</h4></a>' for t in related[:1])
        + "</div>"
    )
    return (
        _head(story, "ZNEWS.VN", "znews.vn")
        + "<body>"
        + _menu("site-header")
        + '<article class="the-article"><header class="the-article-header">'
        f'<h1 class="the-article-title">{_e(story.title)}</h1>'
        f'<ul class="the-article-meta"><li class="the-article-publish">{story.date}</li></ul>'
        "</header>"
        f'<section class="main"><p class="the-article-summary">{_e(story.lead)}</p>'
        f'<div class="the-article-body">{_paragraphs(story, figure, box)}</div>'
        '<p class="the-article-credit"><span class="author">Minh Anh</span></p>'
        '<p class="the-article-tags"><a>Thế giới</a></p></section></article>'
        + _comments("comment-section")
        + _sidebar("sidebar", "Đọc nhiều", related[1:])
        + _footer("site-footer")
    )


LAYOUTS = {
    "dantri": dantri,
    "vnexpress": vnexpress,
    "tuoitre": tuoitre,
    "thanhnien": thanhnien,
    "vietnamnet": vietnamnet,
    "znews": znews,
}
TUNING_SITES = ("dantri", "vnexpress", "tuoitre")
HELD_OUT_SITES = ("thanhnien", "vietnamnet", "znews")


def make_page(site: str, story: Story, others: list[Story]) -> NewsPage:
    """``story`` in ``site``'s markup, linking to the titles of ``others``."""
    caption = f"{story.title} (Ảnh: Minh Anh)."
    related = tuple(other.title for other in others[:5])
    return NewsPage(site, story, LAYOUTS[site](story, caption, related), (caption,), related)


def make_pages(sites: tuple[str, ...], stories: list[Story]) -> list[NewsPage]:
    """One page per story, the sites taken in turn; each links to the next stories' titles."""
    return [
        make_page(sites[n % len(sites)], story, stories[n + 1 : n + 6] or stories[:5])
        for n, story in enumerate(stories)
    ]
