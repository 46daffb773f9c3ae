"""HTML entities and markup are resolved where text is read: files, JSON records, web pages."""

from __future__ import annotations

import json

import pytest

from vnmedia.sources.files import read_articles
from vnmedia.sources.web import read_article_page
from vnmedia.text.markup import resolve_markup

STORY = (
    "Giá vàng trong nước tăng mạnh trong phiên sáng nay, theo ghi nhận của phóng viên tại các "
    "cửa hàng lớn ở Hà Nội. Nhiều người dân đổ xô đi mua vàng vì lo ngại lạm phát kéo dài "
    "trong những tháng tới. Các chuyên gia khuyên nhà đầu tư nên thận trọng và theo dõi sát "
    "diễn biến của thị trường thế giới trước khi quyết định xuống tiền."
)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("A &amp; B", "A & B"),
        ("giá&nbsp;vàng", "giá vàng"),
        ("&quot;nóng&quot; &#273;&#x1EA5;t", '"nóng" đất'),
        ("hai lần &amp;nbsp;mã hóa", "hai lần mã hóa"),  # escaped once more in the export
        ("bản&nbspSUV đô thị", "bản SUV đô thị"),  # no semicolon
        ("tăng <b>mạnh</b><br/>rồi giảm", "tăng mạnh rồi giảm"),
        ("lãi <5% và x < y", "lãi <5% và x < y"),  # not markup
        ("AT&T và R&D", "AT&T và R&D"),
    ],
)
def test_entities_and_tags_are_resolved_and_other_text_is_left_alone(written, read):
    assert resolve_markup(written) == read


def test_a_text_file_with_markup_reads_clean(tmp_path):
    path = tmp_path / "a.txt"
    body = STORY.replace("theo ghi nhận", "theo&nbsp;ghi nhận").replace(" và ", " &amp; ")
    path.write_text(f"Vàng &amp; USD cùng tăng\n\n{body}<br>\n", encoding="utf-8")
    (article,) = read_articles(path)
    assert article.title == "Vàng & USD cùng tăng"
    text = " ".join(p.text for p in article.paragraphs)
    assert "&" not in text.replace(" & ", "") and "nbsp" not in text and "<br>" not in text
    assert "theo ghi nhận" in text and "thận trọng & theo dõi" in text


def test_a_json_record_with_escaped_entities_reads_clean(tmp_path):
    path = tmp_path / "a.json"
    record = {"title": "Vàng &amp;amp; USD", "content": STORY.replace("sáng nay", "sáng&nbsp;nay")}
    path.write_text(json.dumps([record], ensure_ascii=False), encoding="utf-8")
    (article,) = read_articles(path)
    assert article.title == "Vàng & USD"
    assert "sáng nay" in article.paragraphs[0].text and "nbsp" not in article.paragraphs[0].text


def test_a_web_page_with_entities_escaped_twice_reads_clean():
    # trafilatura resolves them itself; this keeps it so whatever reads pages later.
    story = STORY.replace("sáng nay", "sáng&amp;nbsp;nay").replace(" và ", " &amp;amp; ")
    page = (
        "<html lang='vi'><head><title>Vàng &amp;amp; USD cùng tăng</title></head><body>"
        f"<article><h1>Vàng &amp;amp; USD cùng tăng</h1><p>{story}</p><p>{STORY}</p></article>"
        "</body></html>"
    )
    article = read_article_page(page, "https://example.vn/a.html")
    text = " ".join(p.text for p in article.paragraphs)
    assert "nbsp" not in text and "amp;" not in text and "amp;" not in article.title
    assert "sáng nay" in text
