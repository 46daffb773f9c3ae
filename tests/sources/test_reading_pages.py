"""Reading a news page as its reader does, one test per kind of failure seen on real pages
(DESIGN.md, "Real web pages, by kind of failure"). The pages are small, written here in
the shapes real Vietnamese sites use (2011 table layouts to 2026 JSON-LD pages); the text
is this file's own. Each test fails when the rule it names is taken out."""

from __future__ import annotations

import json
import unicodedata

import pytest
import trafilatura
from click.testing import CliRunner

from vnmedia.cli import cli
from vnmedia.errors import InputError
from vnmedia.sources import extract, web
from vnmedia.sources.extract import extract_article
from vnmedia.sources.web import read_article_page

from web_server import NewsSite

URL = "https://bao.example.vn/xa-hoi/bai-viet-123.htm"
HEADLINE = "Thư viện sách cũ mở cửa miễn phí giữa lòng phố cổ"
LEAD = (
    "Một nhóm bạn trẻ ở Hà Nội vừa mở thư viện sách cũ miễn phí trên phố Hàng Bạc, "
    "mỗi ngày đón hàng trăm người đọc."
)
BODY = (
    "Thư viện nằm trên tầng hai của một ngôi nhà cổ, rộng chừng sáu mươi mét vuông, với "
    "hơn ba nghìn cuốn sách do người dân quyên góp.",
    "Chị Nguyễn Thu Hà, người khởi xướng, cho biết nhóm muốn tạo một góc yên tĩnh cho học "
    "sinh và người lao động sau giờ làm việc.",
    "Mỗi tối cuối tuần, thư viện tổ chức buổi đọc truyện cho trẻ em, có cả tình nguyện "
    "viên đọc bằng tiếng Anh.",
    "Theo ban quản lý, số người đến đọc đã tăng gấp đôi sau ba tháng, phần lớn là học "
    "sinh trung học ở các quận lân cận.",
    "Nhóm dự định mở thêm một thư viện tương tự ở quận Long Biên vào đầu năm sau, nếu tìm "
    "được chỗ phù hợp.",
)
CAPTION = "Người đọc trong thư viện sách cũ trên phố Hàng Bạc"
NOTICE = (
    "Báo Mẫu hoan nghênh ý kiến của bạn đọc. Các thảo luận sẽ được xem xét trước và có thể "
    "được lược trích khi đăng tải. Bạn đọc thảo luận bằng tiếng Việt có dấu."
)
OTHER_LEADS = (
    "Sáng nay, gió mùa đông bắc tràn về các tỉnh miền Bắc, nhiệt độ giảm sâu, vùng núi có "
    "nơi dưới năm độ.",
    "Từ đầu tháng tới, năm tuyến xe buýt điện mới sẽ chạy từ các khu đô thị phía tây vào "
    "trung tâm thành phố.",
)
OTHER_TITLES = ("Rét đậm bao trùm miền Bắc", "Thêm năm tuyến xe buýt điện")


def head(title: str = f"{HEADLINE} | Báo Mẫu", og: str | None = HEADLINE) -> str:
    og_tag = f'<meta property="og:title" content="{og}">' if og else ""
    return (
        f'<html lang="vi"><head><meta charset="utf-8"><title>{title}</title>{og_tag}'
        f'<meta name="description" content="{LEAD}"></head>'
    )


def paragraphs(texts: tuple[str, ...] = BODY) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


CHROME = (
    '<div class="header"><a href="/">Trang chủ</a> <a href="/xa-hoi">Xã hội</a> '
    '<a href="/the-gioi">Thế giới</a> <a href="/kinh-te">Kinh tế</a></div>'
)
FOOTER = '<div class="footer"><p>Cơ quan chủ quản: Báo Mẫu. Giấy phép số 123/GP.</p></div>'


def news_page(story: str, top: str | None = None) -> str:
    """A page of the site: its head, menu, ``story`` (the article's markup) and footer."""
    return f"{top or head()}<body>{CHROME}{story}{FOOTER}</body></html>"


def spoken(page: str) -> list[str]:
    return [p.text for p in read_article_page(page, URL).paragraphs]


def reasons(page: str) -> dict[str, str]:
    return {d.text: d.reason for d in read_article_page(page, URL).dropped}


# --- boilerplate spoken -----------------------------------------------------------------------


def comment_box_page() -> str:
    """Thanh Niên 2012's shape: the comment box's notice and other stories' leads in boxes
    after the article (trafilatura reads them as the article's)."""
    others = "".join(f'<div class="item"><p>{lead}</p></div>' for lead in OTHER_LEADS)
    return news_page(
        f"<div class='main'><div class='article'>"
        f"<h1>{HEADLINE}</h1><div class='article-content'><h2>{LEAD}</h2>{paragraphs()}"
        f"<p style='text-align:right'><em>Tin, ảnh</em>: <strong>Lê Minh</strong></p>"
        "</div></div><div class='ms-WPBody'><p>" + NOTICE + "</p></div>"
        f"<div class='ms-WPBody'>{others}</div></div>"
    )


def test_a_comment_box_notice_and_other_stories_leads_are_not_spoken(monkeypatch):
    # On the real page trafilatura kept the notice and the leads as the article's; on a
    # page this small it does not, so one reader is made to keep them here: the votes of
    # the others and the story's place on the page must leave them out.
    readability_text = extract._readability_text
    monkeypatch.setattr(
        extract,
        "_readability_text",
        lambda page: " ".join([readability_text(page), NOTICE, *OTHER_LEADS]),
    )
    said = spoken(comment_box_page())
    assert said == [LEAD, *BODY]
    dropped = reasons(comment_box_page())
    assert dropped["Tin, ảnh: Lê Minh"] == "byline"
    assert dropped[NOTICE] == dropped[OTHER_LEADS[0]] == "other: outside the story"


def test_another_stories_lead_under_its_link_inside_the_body_is_a_teaser():
    """Soha 2012's shape: a related-stories box inside ``articleBody``, each item a link to
    the story and its lead."""
    box = "".join(
        f'<tr><td><a href="/a{n}.htm"><img src="/a{n}.jpg"></a><a href="/a{n}.htm">{title}</a>'
        f'<p class="sapo">{lead}</p></td></tr>'
        for n, (title, lead) in enumerate(zip(OTHER_TITLES, OTHER_LEADS, strict=True))
    )
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1>"
        f"<h2 class='description'>{LEAD}</h2>"
        f"<div itemprop='articleBody'>{paragraphs()}<table>{box}</table></div></div>"
    )
    assert spoken(page) == [LEAD, *BODY]
    assert all(reasons(page)[lead] == "teaser" for lead in OTHER_LEADS)


def test_captions_are_dropped_not_glued_onto_paragraphs():
    """The caption shapes of real pages: alone with its image in a ``p`` (Thanh Niên), a
    table row under the image (VnExpress, Zing), a smaller line under an image ``div``
    (Dân Trí, NLĐ), a ``figcaption``, a caption class inside a paragraph's ``div``."""
    credit = "Người đọc trong thư viện. Ảnh: Minh Anh."
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1>"
        f"<div class='content'><div>{LEAD}</div>"
        f"<p>{BODY[0]}</p>"
        f"<p><img src='/1.jpg'><br><span>{CAPTION}</span></p>"
        f"<p>{BODY[1]}</p>"
        f"<table><tr><td><img src='/2.jpg'></td></tr><tr><td>{credit}</td></tr></table>"
        f"<div>{BODY[2]}<br></div><div align='center'><img src='/3.jpg'></div>"
        f"<div align='center'><span style='font-size:10pt'>{CAPTION} lúc chiều tối</span>"
        f"</div><figure><img src='/4.jpg'><figcaption>{CAPTION} buổi sáng</figcaption>"
        f"</figure><div>{BODY[3]}<span class='image-caption'>{CAPTION} ngày mưa</span></div>"
        f"<p>{BODY[4]}</p></div></div>"
    )
    assert spoken(page) == [LEAD, *BODY]
    dropped = reasons(page)
    assert dropped[CAPTION] == dropped[credit] == "caption"
    assert dropped[f"{CAPTION} lúc chiều tối"] == dropped[f"{CAPTION} ngày mưa"] == "caption"


COMMENTS = (
    "Nhìn cảnh người trẻ ngồi đọc sách thế này thật vui, mong phường nào cũng có một chỗ như vậy.",
    "Tôi đã đến đây hai lần, sách nhiều và chủ nhà rất thân thiện, sẽ rủ thêm bạn bè cùng đến.",
)


def readers_keeping(monkeypatch, *texts: str) -> None:
    """One reader (readability) made to keep ``texts`` as the article's, as readers do with
    what sits in the story's box on real pages."""
    readability_text = extract._readability_text
    monkeypatch.setattr(
        extract, "_readability_text", lambda page: " ".join([readability_text(page), *texts])
    )


def test_readers_comments_are_not_spoken_when_their_section_says_so(monkeypatch):
    """A comment section inside the story's box (one reader keeps it), named as one
    (``divOutComment``, ``binh-luan``), its comments without a time line: not the story."""
    readers_keeping(monkeypatch, *COMMENTS)
    comments = "".join(
        f"<div class='item'><p>{text}</p><p><b>Bạn đọc {n}</b></p></div>"
        for n, text in enumerate(COMMENTS)
    )
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><h2 class='sapo'>{LEAD}</h2>"
        f"<div class='content'>{paragraphs()}"
        f"<div id='divOutComment'><div class='binh-luan'>{comments}</div></div></div></div>"
    )
    assert spoken(page) == [LEAD, *BODY]
    assert reasons(page)[COMMENTS[0]] == "other: a reader's comment"


def test_readers_comments_are_known_by_their_shape_whatever_their_section_is_named(
    monkeypatch,
):
    """VnExpress 2012's comment shape, inside the story's box (one reader keeps it), in
    boxes named like any other: the text, then a line
    of who wrote it, how long ago and its likes."""
    readers_keeping(monkeypatch, *COMMENTS)
    meta = ("tuanna1 - 2 giờ 43 phút trước Thích | 0", "Minh Châu - 5 ngày trước Thích | 12")
    comments = "".join(
        f"<div class='item'><p>{text}</p><p><span>{line}</span></p></div>"
        for text, line in zip(COMMENTS, meta, strict=True)
    )
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><h2 class='sapo'>{LEAD}</h2>"
        f"<div class='content'>{paragraphs()}<div class='list'>{comments}</div></div></div>"
    )
    assert spoken(page) == [LEAD, *BODY]
    assert reasons(page)[COMMENTS[1]] == "other: a reader's comment"


def test_a_box_holding_the_story_is_not_a_comment_whatever_it_says():
    """A site that names the story's own box "…comment…", and a subheading that reads like
    a comment's time line ("3 tháng trước …"): a box with half the story's words or more
    is the story."""
    subheading = "3 tháng trước ngày mở cửa"
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><h2 class='sapo'>{LEAD}</h2>"
        f"<div class='content'><div id='main-comment-wrap'>{paragraphs(BODY[:2])}"
        f"<p><strong>{subheading}</strong></p>{paragraphs(BODY[2:4])}</div>"
        f"<p>{BODY[4]}</p></div></div>"
    )
    article = read_article_page(page, URL)
    assert [p.text for p in article.paragraphs] == [LEAD, *BODY]
    assert article.paragraphs[-1].section == subheading


def test_menu_words_every_reader_hears_do_not_widen_the_story_to_the_page(monkeypatch):
    """VnExpress 2012: the two readers split the story between them (each paragraph kept by
    one), while both "hear" the menu's one-word labels ("Ảnh") that their texts hold; the
    story is still where its sentences are, not the whole page from menu to menu."""
    original = trafilatura.bare_extraction
    halves = (" ".join((LEAD, *BODY[:3])), " ".join(BODY[3:]))

    def first_half(*args, **kwargs):
        document = original(*args, **kwargs)
        document.text = f"Ảnh {halves[0]}"
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", first_half)
    monkeypatch.setattr(extract, "_readability_text", lambda page: f"Ảnh {halves[1]}")
    menu = "<div class='menu'><a href='/anh'>Ảnh</a></div>"
    page = news_page(
        f"{menu}<div class='detail'><h1>{HEADLINE}</h1><h2 class='sapo'>{LEAD}</h2>"
        f"<div class='content'>{paragraphs()}</div></div>"
        f"<div class='right'><p>{OTHER_LEADS[0]}</p></div>{menu}"
    )
    assert spoken(page) == [LEAD, *BODY]


def test_what_the_page_hides_is_not_read():
    """CafeF 2026's shape: an empty stock-price box hidden in the story's body until its
    script fills it; VnExpress 2012's hidden second copy of a text. The rest of a story
    hidden behind a "read more" button is still read."""
    hidden = "Giá cổ phiếu của công ty chủ quản sẽ hiện ở đây khi phiên giao dịch mở cửa"
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><h2 class='sapo'>{LEAD}</h2>"
        f"<div class='content'>{paragraphs(BODY[:2])}"
        f"<div class='stock' style='display: none'><div>{hidden}</div></div>"
        f"<p hidden>{hidden} (bản sao)</p>{paragraphs(BODY[2:])}</div></div>"
    )
    assert spoken(page) == [LEAD, *BODY]
    rest = (*BODY[2:], *PHOTO_TEXTS)  # over a hundred words
    more = page.replace(
        f"{paragraphs(BODY[2:])}</div>",
        f"<div class='more' style='display:none'>{paragraphs(rest)}</div></div>",
    )
    assert more != page and spoken(more) == [LEAD, *BODY, *PHOTO_TEXTS]


PHOTO_TEXTS = (
    "Người đọc đầu tiên đến từ sáu giờ sáng, khi nhóm vẫn còn đang xếp sách lên kệ.",
    "Kệ sách thiếu nhi đặt sát cửa sổ, nơi ánh sáng tự nhiên chiếu vào suốt buổi sáng.",
    "Một bạn tình nguyện viên ghi lại tên sách mà người dân mang đến quyên góp.",
    "Buổi tối, nhóm thắp đèn vàng và mời các cụ cao tuổi trong phố đến nghe đọc thơ.",
)


def photo_boxes(texts: tuple[str, ...]) -> str:
    """Ngôi Sao 2012's photo boxes: a table, the photo in one row, its text in the next."""
    return "".join(
        f"<table class='showborder'><tr><td><p align='center'><img src='/{n}.jpg'></p>"
        f"</td></tr><tr><td class='Image'>{text}</td></tr></table>"
        for n, text in enumerate(texts)
    )


def test_a_photo_essays_text_in_its_photo_boxes_is_its_story():
    """A page whose only sentences after the lead sit in its photos' boxes (Ngôi Sao 2012,
    CafeF 2026): those are its story; a clip's label is not. With body paragraphs of its
    own, the same boxes are captions."""
    clip = "Clip: Thư viện sách cũ trên phố Hàng Bạc trong một buổi tối cuối tuần."
    video = f"<figure><video src='/v.mp4'></video><figcaption>{clip}</figcaption></figure>"
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><h2 class='Lead'>{LEAD}</h2>"
        f"{video}{photo_boxes(PHOTO_TEXTS)}<p class='Normal'><b>Minh Anh</b></p></div>"
    )
    assert spoken(page) == [LEAD, *PHOTO_TEXTS]
    assert reasons(page)[clip] == "caption"
    with_body = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><h2 class='Lead'>{LEAD}</h2>"
        f"{paragraphs(BODY[:3])}{photo_boxes(PHOTO_TEXTS)}{paragraphs(BODY[3:])}</div>"
    )
    assert spoken(with_body) == [LEAD, *BODY]


def test_an_italic_line_by_a_picture_is_a_caption_even_in_the_storys_class():
    """XinhXinh 2012's shape (pasted from a word processor): every paragraph, captions too,
    is ``p.MsoNormal``; the captions are the italic, centred lines under or beside a
    picture, full sentences though they are. An italic note flush with the story under the
    top photo is the story's."""
    italic = "font-style: italic"
    note = (
        "Bài viết nằm trong loạt bài về những không gian đọc miễn phí do người trẻ lập nên ở "
        "các thành phố lớn."
    )
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><h2 class='sapo'>{LEAD}</h2>"
        f"<div class='content'><p align='center'><img src='/0.jpg'></p>"
        f"<p class='MsoNormal'><em>{note}</em></p>"
        f"{paragraphs(BODY[:3]).replace('<p>', '<p class=MsoNormal>')}"
        f"<p class='MsoNormal' style='text-align: center'><span><img src='/1.jpg'></span>"
        f"<br><span style='{italic}'>{PHOTO_TEXTS[0]}</span></p>"
        f"<p class='MsoNormal' style='text-align: center'><img src='/2.jpg'></p>"
        f"<p class='MsoNormal' style='text-align: center'><span style='{italic}'>"
        f"{PHOTO_TEXTS[1]}</span></p>"
        f"{paragraphs(BODY[3:]).replace('<p>', '<p class=MsoNormal>')}</div></div>"
    )
    assert spoken(page) == [LEAD, note, *BODY]
    assert reasons(page)[PHOTO_TEXTS[0]] == reasons(page)[PHOTO_TEXTS[1]] == "caption"


LONG_CAPTION = (
    "Kệ sách thiếu nhi được đặt sát cửa sổ để lúc nào cũng có ánh sáng tự nhiên, bên cạnh "
    "là mấy chiếc ghế nhỏ bằng gỗ do một bác thợ mộc trong phố đóng tặng, và một tấm thảm "
    "dày cho các em ngồi đọc truyện tranh suốt buổi chiều cuối tuần."
)


def test_a_long_italic_text_alone_with_its_picture_is_still_its_caption():
    """XinhXinh 2012: a caption of three lines (over 40 words) in italics with its picture:
    long text by a picture is the story's, unless it is set apart so."""
    assert len(LONG_CAPTION.split()) > 40
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><h2 class='sapo'>{LEAD}</h2>"
        f"<div class='content'>{paragraphs(BODY[:3])}"
        f"<p style='text-align: center'><img src='/1.jpg'><br><em>{LONG_CAPTION}</em></p>"
        f"{paragraphs(BODY[3:])}</div></div>"
    )
    assert spoken(page) == [LEAD, *BODY]
    assert reasons(page)[LONG_CAPTION] == "caption"


def test_italic_captions_in_the_flow_of_a_box_and_their_next_line():
    """XinhXinh 2012's other caption shapes: pictures and their italic lines in one span of
    a long box (``<img><br>text<br><img>text``), and a caption's second italic line in a
    box of its own."""
    italic = "font-style: italic"
    second = "Chiếc ghế gỗ nhỏ do bác thợ mộc trong phố đóng tặng thư viện."
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><h2 class='sapo'>{LEAD}</h2>"
        f"<div class='content'>{paragraphs(BODY[:3])}<div style='text-align: center'>"
        f"<span style='{italic}'><img src='/1.jpg'><br>{PHOTO_TEXTS[0]}<br><br>"
        f"<img src='/2.jpg'>{PHOTO_TEXTS[1]}</span>{paragraphs(BODY[3:4])}</div>"
        f"<div align='center'><img src='/3.jpg'><br><span style='{italic}'>{PHOTO_TEXTS[2]}"
        "</span></div>"
        f"<div align='center'><span style='{italic}'>{second}</span></div>"
        f"{paragraphs(BODY[4:])}</div></div>"
    )
    assert spoken(page) == [LEAD, *BODY]
    dropped = reasons(page)
    assert dropped[PHOTO_TEXTS[0]] == dropped[PHOTO_TEXTS[1]] == dropped[second] == "caption"


CREDITS = (
    "Ảnh: Thái Viết Hoàn",
    "(Ảnh: FIFA)",
    "- Ảnh: Thành Đông",
    "Ảnh: V.D",
    "Nguồn: Bộ Y tế",
    "Đồ họa: Hoàng Thanh",
)


@pytest.mark.parametrize("credit", CREDITS)
def test_a_line_by_a_picture_ending_with_a_photo_credit_is_a_caption(credit):
    """VnExpress 2013–2026, Zing 2011, Nhân Dân: the caption under a picture is a full
    sentence in the story's own paragraph class (``p.Normal``), and only its credit ("Ảnh:
    NAME", "(Ảnh: …)", "- Ảnh: …", "Nguồn: …") tells it from the story: it is not spoken.
    The same sentence without a credit, in the story's class, reads as the story's."""
    caption = f"{PHOTO_TEXTS[0]} {credit}"
    normal = paragraphs(BODY[:3]).replace("<p>", "<p class='Normal'>")
    rest = paragraphs(BODY[3:]).replace("<p>", "<p class='Normal'>")
    credited = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><p class='description'>{LEAD}</p>"
        f"<article class='fck_detail'>{normal}<figure><div><img src='/1.jpg'></div>"
        f"<figcaption><p class='Normal'>{caption}</p></figcaption></figure>"
        f"<p class='Normal'><img src='/2.jpg'></p><p class='Normal'>{PHOTO_TEXTS[1]} "
        f"Photo: Reuters</p>{rest}</article></div>"
    )
    assert spoken(credited) == [LEAD, *BODY]
    dropped = reasons(credited)
    assert dropped[caption] == dropped[f"{PHOTO_TEXTS[1]} Photo: Reuters"] == "caption"
    uncredited = credited.replace(f" {credit}", "")
    assert PHOTO_TEXTS[0] in spoken(uncredited)


def test_a_photo_essays_text_is_spoken_without_its_photographers_credit():
    """VnExpress 2026's photo story: the story is the photos' captions, each a full
    sentence; one ends with its photographer's credit ("… chuyển hướng. Ảnh: Thái Viết
    Hoàn"): the sentence is spoken, the credit is not (GOLD.md: a photo credit is out)."""
    credit = "Ảnh: Thái Viết Hoàn"
    texts = (f"{PHOTO_TEXTS[0]} {credit}", *PHOTO_TEXTS[1:])
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><h2 class='Lead'>{LEAD}</h2>"
        f"{photo_boxes(texts)}</div>"
    )
    assert spoken(page) == [LEAD, *PHOTO_TEXTS]
    assert reasons(page)[credit] == "caption"


def test_a_plus_bullet_is_not_read_as_a_word():
    items = (
        "+ Nộp hồ sơ trực tuyến trên cổng dịch vụ công trước ngày 15 tháng 12;",
        "+ Mang bản gốc giấy tờ đến bộ phận một cửa để đối chiếu khi nhận kết quả.",
    )
    page = news_page(
        f"<article><h1>{HEADLINE}</h1><p class='sapo'>{LEAD}</p>"
        f"{paragraphs(BODY[:3])}<p>Người dân cần lưu ý:</p>"
        f"<p>{items[0]}<br>{items[1]}</p>{paragraphs(BODY[3:])}</article>"
    )
    said = spoken(page)
    assert [item[2:] for item in items] == [s for s in said if s.startswith(("Nộp", "Mang"))]
    assert not any(s.startswith("+") for s in said)


# --- story missing ------------------------------------------------------------------------


def test_a_lead_and_paragraphs_in_plain_divs_are_kept():
    """Người Lao Động 2012's shape: the lead in a ``div`` without a class, the body in
    ``DIV``s of ``SPAN``s, a blank ``DIV`` between paragraphs."""
    body = "".join(
        f"<DIV><SPAN style=\"FONT-FAMILY: 'Times New Roman'\">{text}</SPAN></DIV>"
        "<DIV><SPAN><BR></SPAN></DIV>"
        for text in BODY
    )
    page = news_page(
        f"<table><tr><td class='left'>"
        f"<div class='box'><h1>{HEADLINE}</h1><div>Thứ Tư, 26/12/2012 17:14</div>"
        f"<div>{LEAD}</div><div class='content'>{body}</div></div>"
        f"</td><td class='right'><a href='/x'>{OTHER_TITLES[0]}</a></td></tr></table>"
    )
    assert spoken(page) == [LEAD, *BODY]


@pytest.mark.parametrize("described", [True, False])
def test_a_lead_and_a_paragraph_no_reader_kept_are_still_read(monkeypatch, described):
    """Both extractors leave out a lead in a plain ``div`` or a lead box, and a paragraph
    in a plain ``div`` (seen on real pages); here they are made to. The lead is found by
    the page's description that repeats it, or by its box's class; the paragraph by its
    place between paragraphs they kept; the date line between them is not read."""
    lost = (LEAD, BODY[2])
    original = trafilatura.bare_extraction
    readability_text = extract._readability_text

    def forget(text: str) -> str:
        for part in lost:
            text = text.replace(part, "")
        return text

    def trafilatura_forgetting(*args, **kwargs):
        document = original(*args, **kwargs)
        document.text = forget(document.text)
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", trafilatura_forgetting)
    monkeypatch.setattr(extract, "_readability_text", lambda page: forget(readability_text(page)))
    lead = f"<div>{LEAD}</div>" if described else f"<div class='sapo'>{LEAD}</div>"
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1>{lead}<div class='content'>"
        f"{paragraphs(BODY[:2])}<div class='time'>Thứ Ba, 25/12/2012 - 10:03</div>"
        f"<div>{BODY[2]}</div>{paragraphs(BODY[3:])}</div></div>",
        top=head() if described else head().replace(LEAD, ""),
    )
    assert spoken(page) == [LEAD, *BODY]


def test_a_bulleted_lead_is_read_whole(monkeypatch):
    """GenK 2011's lead: bullets in one box, the first of which the readers skip (here they
    are made to)."""
    bullets = (f"- {BODY[3]}", f"- {BODY[4]}")
    original = trafilatura.bare_extraction
    readability_text = extract._readability_text
    monkeypatch.setattr(
        extract, "_readability_text", lambda page: readability_text(page).replace(BODY[3], "")
    )

    def skipping_the_first(*args, **kwargs):
        document = original(*args, **kwargs)
        document.text = document.text.replace(BODY[3], "")
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", skipping_the_first)
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><div class='init_content'>{bullets[0]}<br>"
        f"{bullets[1]}</div><div class='content'>{paragraphs(BODY[:3])}</div></div>",
        top=head().replace(f'<meta name="description" content="{LEAD}">', ""),
    )
    assert spoken(page) == [BODY[3], BODY[4], *BODY[:3]]


def test_numbered_legal_items_and_their_opening_line_are_kept():
    items = (
        "Cụ thể:",
        "a) Người lao động làm việc từ đủ 12 tháng được nghỉ 12 ngày;",
        "b) Người làm công việc nặng nhọc được nghỉ 14 ngày;",
        "c) Người làm công việc đặc biệt nặng nhọc được nghỉ 16 ngày.",
    )
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1>"
        f"<h2 class='sapo'>{LEAD}</h2><div class='detail-content'>{paragraphs(BODY[:2])}"
        f"{paragraphs(items)}{paragraphs(BODY[2:])}</div></div>"
    )
    assert spoken(page) == [LEAD, *BODY[:2], *items, *BODY[2:]]


def test_steps_laid_out_beside_their_photos_are_kept_without_table_pipes():
    """Teen9x 2011's recipe: each step a table row, the photo in one cell, the step in the
    cell beside it (a label, then the text); under the last photos, a closing line styled
    like the story's paragraphs (not a caption, though it ends in a smiley)."""
    closing = "Nhìn ngộ nghĩnh và đáng yêu thế này thì kiểu gì người ta cũng mê :P"
    steps = (
        "Trộn bột với trứng, thêm chút nước cho dễ nhào rồi chia bột làm hai phần.",
        "Cán mỏng bột rồi dùng khuôn dập thành hình trái tim.",
        "Nướng bánh ở 160 độ trong khoảng mười phút là chín.",
    )
    rows = "".join(
        f"<table><tr><td><p align='center'><img src='/{n}.jpg'></p></td><td>"
        f"<p><strong>Bước {n}:</strong></p><p>{step}</p></td></tr></table>"
        for n, step in enumerate(steps, 1)
    )
    page = news_page(
        f"<div class='post'><h1>{HEADLINE}</h1><div class='content'>"
        f"<p class='Normal'>{LEAD}</p>{paragraphs(BODY[:2]).replace('<p>', '<p class=Normal>')}"
        f"<p><strong>Cùng làm nhé:</strong></p>{rows}"
        f"{paragraphs(BODY[2:]).replace('<p>', '<p class=Normal>')}"
        f"<p align='center'><img src='/9.jpg'></p><p class='Normal'>{closing}</p></div></div>"
    )
    said = spoken(page)
    assert all(step in said for step in steps) and said[-1] == closing
    assert not any("|" in s for s in said)
    assert not any(d.reason == "caption" for d in read_article_page(page, URL).dropped)


def test_subheadings_are_sections_even_under_a_photo_or_after_a_box_title():
    """ZNews 2011-12's shapes: a subheading (``p.pSubTitle``) right after a table of
    photos; a box of opinions titled, then its own first subheading."""
    gallery = (
        "<table><tr><td><img src='/1.jpg'></td></tr><tr><td><img src='/2.jpg'></td></tr></table>"
    )
    page = news_page(
        f"<div id='content'><h1>{HEADLINE}</h1><h2 class='pHead'>{LEAD}</h2>"
        f"{paragraphs(BODY[:2])}{gallery}<p class='pSubTitle'>Người đọc tìm đến</p>"
        f"{paragraphs(BODY[2:4])}<table><tr><td><p><strong>Ý kiến bạn đọc</strong></p>"
        f"<p><strong>Cần thêm chỗ ngồi</strong></p><p>{BODY[4]}</p></td></tr></table></div>"
    )
    article = read_article_page(page, URL)
    assert [(p.text, p.section) for p in article.paragraphs] == [
        (LEAD, None),
        (BODY[0], None),
        (BODY[1], None),
        (BODY[2], "Người đọc tìm đến"),
        (BODY[3], "Người đọc tìm đến"),
        (BODY[4], "Ý kiến bạn đọc. Cần thêm chỗ ngồi"),
    ]


# --- order, old layouts, titles ------------------------------------------------------------


def test_the_story_is_spoken_in_the_pages_order_lead_first():
    """The top photo's caption comes before the headline and the lead on 24h's pages: it is
    not spoken, and the lead opens the episode."""
    page = news_page(
        f"<div class='box'><div class='img'><img src='/0.jpg'>"
        f"<div class='chu-thich-anh'>{CAPTION}.</div></div><h1>{HEADLINE}</h1>"
        f"<div class='publication_date'>Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)</div>"
        f"<div class='head-noidung'>{LEAD}</div></div>"
        f"<div class='text-content'>{paragraphs()}</div>"
    )
    assert spoken(page) == [LEAD, *BODY]


SHORT_LEAD = (
    "Dòng nước thải đổ thẳng ra cánh đồng rau ven đô khiến cây cỏ hai bên bờ mương chết "
    "khô. Người dân phản ánh mùi hôi bốc lên mỗi sáng."
)
SHORT_LINE = "Ảnh do bạn đọc gửi về từ một xã ven đô của Hà Nội, chụp sáng thứ bảy vừa qua."


def reader_post(extra: str = "", top: str | None = None) -> str:
    """VnExpress 2012's readers' photo post: a headline, a two-sentence lead, one line,
    the photos and the reader's name; 37 words of story in all."""
    return news_page(
        f"<div class='content'><h1 class='Title'>{HEADLINE}</h1>"
        f"<h2 class='Lead'>{SHORT_LEAD}</h2><p class='Normal'>{SHORT_LINE}</p>"
        f"<img src='/1.jpg'><img src='/2.jpg'>{extra}"
        "<p class='Normal' align='right'><strong>Nguyễn Văn An</strong></p></div>",
        top,
    )


def test_a_real_short_story_is_read_with_a_warning():
    """A page of 20 to 60 words of story that does not say it is part of more is a short
    story (a brief, a reader's photo post): read, and the run warns, rather than lost."""
    said = len(f"{SHORT_LEAD} {SHORT_LINE}".split())
    assert web.MIN_STORY_WORDS <= said < web.MIN_ARTICLE_WORDS
    warnings: list[str] = []

    article = read_article_page(reader_post(), URL, warn=warnings.append)

    assert [p.text for p in article.paragraphs] == [SHORT_LEAD, SHORT_LINE]
    assert warnings == [
        f"{URL}: a short story, {said} words: read (check it is the whole story, not a "
        "teaser of a longer one)"
    ]


PAID = json.dumps({"@type": "NewsArticle", "headline": HEADLINE, "isAccessibleForFree": "False"})
PART_OF_MORE = {
    "paid": (f"<script type='application/ld+json'>{PAID}</script>", "", "for subscribers"),
    "video page": ('<meta property="og:type" content="video.other">', "", "a video page"),
    "player": ("", "<video src='/clip.mp4'></video>", "a player in the story"),
    "members": ("", "<p class='Normal'>Nội dung dành cho thành viên.</p>", "for members"),
}


@pytest.mark.parametrize("sign", PART_OF_MORE, ids=list(PART_OF_MORE))
def test_a_short_text_the_page_says_is_part_of_more_is_a_stub(sign):
    """The same short text on a page that says there is more than it shows as text (its
    schema.org markup says paid, a video page, a player in the story, a members-only
    notice) is a paywall's teaser or a video's blurb: refused, saying why."""
    meta, extra, why = PART_OF_MORE[sign]
    page = reader_post(extra, head().replace("</head>", f"{meta}</head>"))

    with pytest.raises(InputError, match=f"words of article text.*{why}"):
        read_article_page(page, URL)


def test_a_short_story_about_members_or_sign_ups_is_no_paywall_notice():
    """The notice is about the text itself: news of a club's members or of a sign-up is
    the story's."""
    line = (
        "Phụ huynh cần đăng ký trước để xem lịch thi; buổi đọc sách dành cho thành viên câu lạc bộ."
    )
    article = read_article_page(reader_post().replace(SHORT_LINE, line), URL)
    said = [p.text for p in article.paragraphs]
    assert line in said and len(" ".join(said).split()) < web.MIN_ARTICLE_WORDS


def test_fewer_words_than_a_story_are_refused():
    page = news_page(
        f"<div class='content'><h1>{HEADLINE}</h1><h2 class='Lead'>Một dòng tin ngắn.</h2>"
        "<p>Chỉ có vậy thôi.</p></div>"
    )
    with pytest.raises(InputError, match="only 8 words of article text"):
        read_article_page(page, URL)


def test_an_old_table_layout_is_read():
    """A 2011 page laid out in nested tables, the story in a cell, paragraphs split by
    ``<br>``, the site's name in the only ``h1``."""
    cells = "<br><br>".join(BODY)
    page = (
        f"{head(title=f'{HEADLINE} - Tin tức', og=None)}<body><table width='980'><tr><td>"
        "<h1>Báo Mẫu Online</h1></td></tr><tr><td><table><tr><td width='200'>"
        f"<a href='/a'>{OTHER_TITLES[0]}</a><br><a href='/b'>{OTHER_TITLES[1]}</a></td>"
        f"<td width='600'><div class='title'>{HEADLINE}</div><b>{LEAD}</b><br><br>{cells}"
        "</td></tr></table></td></tr></table></body></html>"
    )
    decomposed = unicodedata.normalize("NFD", page)  # iOne 2011's pages were NFD
    for markup in (page, f'<?xml version="1.0" encoding="utf-8"?>\n{page}', decomposed):
        article = read_article_page(markup, URL)
        assert article.title == HEADLINE
        assert [p.text for p in article.paragraphs] == [LEAD, *BODY]


def test_the_printed_headline_not_a_section_label_a_site_name_or_a_title_tail():
    story = f"<div class='content'><p class='sapo'>{LEAD}</p>{paragraphs()}</div>"
    # A section label in capitals and the site's name in h1s above the headline.
    labelled = (
        f"{head(title=f'{HEADLINE} - Xã hội | Báo Mẫu Điện Tử', og=None)}<body>"
        f"<h1>Báo Mẫu Điện Tử</h1><h1>XH - CHUYỆN VỤ ÁN</h1><h1>{HEADLINE}</h1>{story}"
        "</body></html>"
    )
    # No h1 at all: og:title, cleaned of its " - SiteName" tail.
    untitled = (
        f"{head(title='Báo Mẫu', og=f'{HEADLINE} - Báo Mẫu')}<body>{CHROME}{story}</body></html>"
    )
    # The site's name in front of the headline in <title> (Teen9x): the h1 is the headline.
    fronted = (
        f"{head(title=f'Báo Mẫu News - {HEADLINE}', og=None)}<body>{CHROME}"
        f"<h1>{HEADLINE}</h1>{story}</body></html>"
    )
    for page in (labelled, untitled, fronted):
        found = extract_article(page, URL)
        assert found is not None and found.title == HEADLINE
    # A headline's own colon is no separator: only the " - SiteName" tail goes.
    colon = untitled.replace(f"{HEADLINE} - Báo Mẫu", f"Hà Nội: {HEADLINE} - Báo Mẫu")
    found = extract_article(colon, URL)
    assert found is not None and found.title == f"Hà Nội: {HEADLINE}"


# --- split --explain ---------------------------------------------------------------------


def test_split_explain_says_what_was_dropped_from_a_page_and_why():
    with NewsSite() as site:
        site.add("/robots.txt", "User-agent: *\n", content_type="text/plain")
        site.add("/bai.htm", comment_box_page())
        result = CliRunner().invoke(cli, ["split", "--explain", site.url("/bai.htm")])
        as_json = CliRunner().invoke(cli, ["split", "--json", site.url("/bai.htm")])
    assert result.exit_code == 0, result.output
    assert "dropped (byline): Tin, ảnh: Lê Minh" in result.output
    story = [line for line in result.output.splitlines() if "- dropped (" not in line]
    assert not any("hoan nghênh" in line for line in story)
    (article,) = json.loads(as_json.output)["files"][0]["articles"]
    assert [p["text"] for p in article["paragraphs"]] == [LEAD, *BODY]


# --- mobile pages of 2013-2016 (the third fresh set's kinds) ------------------------------


def test_a_story_split_by_an_ad_slot_is_read_whole(monkeypatch):
    """CafeF, Dân Trí, Kênh 14 and Gia Đình mobile pages of 2013-2016: the body in
    ``#divfirst``, an empty ad slot, then ``#divend``. The readers agreed only on the second
    half there (CafeF 2014 lost its first half and its subheading): each kept the first
    half's lines but not the other's. Here readability is made to keep only the lead and
    the second half (trafilatura keeps the paragraphs of both)."""
    first, second = BODY[:2], BODY[2:]
    monkeypatch.setattr(extract, "_readability_text", lambda page: " ".join((LEAD, *second)))
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><div id='a1'><div id='divfirst'>"
        f"<div id='briefNews'><strong>{LEAD}</strong></div>{paragraphs(first)}</div>"
        f"<div id='admbackground'></div><div id='divend'><div>{paragraphs(second)}</div>"
        "<div>Lao Động</div></div></div></div>"
    )
    assert spoken(page) == [LEAD, *BODY]


def test_a_sentence_before_the_next_photo_is_not_its_caption():
    """Dân Trí 2016: the second half of a split body holds one paragraph, the signature,
    then the next photo; a caption sits under its photo, so the paragraph is the story's."""
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><h2 class='sapo'>{LEAD}</h2>"
        f"<div class='content'><div id='divfirst'>{paragraphs(BODY[:4])}</div>"
        f"<div id='admbackground'></div><div id='divend'><p>{BODY[4]}</p>"
        "<p style='text-align: right;'><strong>Lê Minh</strong></p>"
        "<div style='text-align:center'><div><img src='/5.jpg'></div></div></div></div></div>"
    )
    assert spoken(page) == [LEAD, *BODY]


def untitled_mobile_page() -> str:
    """Dân Trí's mobile layout of 2013-2014: the page titled with the site's name (or
    retitled by whoever saved it), no ``og:title``, no ``h1``, no description; the headline a
    bold ``font`` line, a date, then the lead in a ``span`` that no reader keeps (made to
    forget it here, as they did)."""
    return (
        '<html lang="vi"><head><meta charset="utf-8">'
        "<title>Báo Mẫu – Phiên bản Mobile</title></head><body>"
        f"{CHROME}<div class='content'><font size='+1' color='#004175'><b>{HEADLINE}</b></font>"
        "<div><span>Thứ Năm, 14/11/2013 - 14:21</span></div>"
        f"<span><span style='font-weight: bold;'>(Báo Mẫu) - {LEAD}</span></span><br><br>"
        f"<div class='news_details'>{paragraphs()}</div></div>{FOOTER}</body></html>"
    )


def forgetting(monkeypatch, text: str) -> None:
    """Both readers made to leave ``text`` out."""
    original = trafilatura.bare_extraction
    readability_text = extract._readability_text

    def trafilatura_forgetting(*args, **kwargs):
        document = original(*args, **kwargs)
        document.text = document.text.replace(text, "")
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", trafilatura_forgetting)
    monkeypatch.setattr(
        extract, "_readability_text", lambda page: readability_text(page).replace(text, "")
    )


def test_a_headline_no_title_agrees_with_is_the_line_set_as_one(monkeypatch):
    forgetting(monkeypatch, f"(Báo Mẫu) - {LEAD}")
    article = read_article_page(untitled_mobile_page(), URL)
    assert article.title == HEADLINE
    assert HEADLINE not in [p.text for p in article.paragraphs]


def test_the_first_sentence_under_the_printed_headline_is_the_lead(monkeypatch):
    forgetting(monkeypatch, f"(Báo Mẫu) - {LEAD}")
    assert spoken(untitled_mobile_page()) == [f"(Báo Mẫu) - {LEAD}", *BODY]


def test_a_line_under_the_picture_in_its_own_box_is_a_caption_in_the_storys_class():
    """A Word paste (Dân Trí 2014): every paragraph ``class="MsoNormal"``, and the caption
    too, under its picture after a ``<br>`` in the same box."""
    body = "".join(f'<p class="MsoNormal">{text}</p>' for text in BODY)
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><h2 class='sapo'>{LEAD}</h2>"
        f"<div class='content'>"
        f'<div class="MsoNormal" align="center"><img src="/1.jpg"><br>{CAPTION}</div>'
        f"{body}</div></div>"
    )
    assert spoken(page) == [LEAD, *BODY]
    assert reasons(page)[CAPTION] == "caption"


def test_a_label_over_links_to_other_pages_is_not_spoken_a_gallerys_is():
    """Dân Trí 2014: a box floated in the story, "Đọc … mới nhất trên FICA:" over links to
    another site's stories; Dân Trí 2013: "Mời độc giả cùng ngắm hình ảnh …:" over the
    gallery's pictures, a sentence of the story."""
    label = "Đọc những thông tin kinh tế - tài chính mới nhất trên <a href='/fica'>FICA</a>:"
    links = "".join(
        f"<div><a href='https://fica.example.vn/{n}.htm'>{title}</a></div>"
        for n, title in enumerate(OTHER_TITLES)
    )
    gallery = "Mời độc giả cùng ngắm hình ảnh mới nhất của thư viện sách cũ:"
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><h2 class='sapo'>{LEAD}</h2>"
        f"<div class='content'><p>{BODY[0]}</p>"
        f"<table align='right'><tr><td><div><b>{label}</b></div>{links}</td></tr></table>"
        f"{paragraphs(BODY[1:])}<p><b>{gallery}</b></p>"
        "<div align='center'><img src='/1.jpg'></div><div align='center'><img src='/2.jpg'>"
        "</div></div></div>"
    )
    assert spoken(page) == [LEAD, *BODY, gallery]


def test_words_the_markup_runs_together_are_two_words():
    """VnExpress 2026: the lead opens with a location stamp whose dash the site's CSS draws
    (``<span class="location-stamp">Mỹ</span>Tiền đạo …``); a menu's labels in a row of
    links without spaces. A letter, then a capital across an element's edge: two words."""
    page = news_page(
        f"<div class='detail'><h1>{HEADLINE}</h1><p class='description'>"
        f"<span class='location-stamp'>Hà Nội</span>{LEAD}</p>"
        f"<article class='fck_detail'>{paragraphs()}</article></div>"
    )
    assert spoken(page) == [f"Hà Nội {LEAD}", *BODY]
