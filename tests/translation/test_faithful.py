"""The translation check: what it finds in a wrong English, and that it stays quiet on a
right one (Vietnamese number conventions, names, omissions, additions, untranslated text)."""

from __future__ import annotations

import pytest

from vnmedia.text.glossary import Glossary, Term
from vnmedia.translation.faithful import Checker, NamesTable, default_checker


def kinds(vietnamese: str, english: str) -> list[str]:
    return [f.kind for f in default_checker().check(vietnamese, english)]


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [
        ("Doanh thu đạt 2,8 tỷ đồng năm 2017.", "Revenue reached VND2.8bn in 2017."),
        ("Doanh thu đạt 2,8 tỷ đồng năm 2017.", "Revenue reached 2.8 billion dong in 2017."),
        ("Công ty nhận 1.500 USD vào ngày 5/12.", "The company received $1,500 on December 5."),
        (
            "Từ ngày 6-10, mỗi tuần có khoảng 100 người đến.",
            "Since 6 October, about 100 people came each week.",
        ),
        ("Thư viện mở từ 8h đến 11h30.", "The library opens from 8 to 11:30."),
        ("Cuộc họp bắt đầu lúc 20h.", "The meeting starts at 8 p.m."),
        ("Có 50 - 60 % người đồng ý.", "Between 50 and 60 percent of people agree."),
        ("Có 50% người đồng ý.", "Half of the people agree."),
        ("Anh ấy có 2 con.", "He has two children."),
        ("Dự án tốn 15 nghìn tỷ đồng.", "The project cost 15 trillion dong."),
        ("Dự án tốn 3-5 triệu USD.", "The project cost 3 to 5 million dollars."),
        ("Ông sinh vào những năm 1990.", "He was born in the 1990s."),
        ("Đây là lần thứ 3 ông đến.", "This is his third visit."),
        ("Bà mất vào thế kỷ XX.", "She died in the 20th century."),
        ("Quỹ có 2,8 tỷ bảng Anh.", "The fund holds £2.8 billion."),
        (
            "Ngày 5 tháng 12 năm 2026, Bộ Y tế công bố.",
            "On Dec. 5, 2026, the Ministry of Health announced.",
        ),
        ("Động đất lúc 14h20 ngày 3/2.", "An earthquake struck at 2:20 p.m. on February 3."),
    ],
)
def test_numbers_written_either_way_agree(vietnamese, english):
    assert kinds(vietnamese, english) == []


@pytest.mark.parametrize(
    ("vietnamese", "english", "lost", "made"),
    [
        (
            "Doanh thu đạt 2,8 tỷ đồng.",
            "Revenue reached 2.8 million dong.",
            "2,8 tỷ",
            "2.8 million",
        ),
        ("Năm 2017 công ty lỗ.", "In 2007 the company lost money.", "2017", "2007"),
        ("Có hai triệu người.", "There are two billion people.", "triệu", "billion"),
        (
            "Công ty bị lỗ trong năm nay.",
            "The company lost 12 million this year.",
            "",
            "12 million",
        ),
    ],
)
def test_a_changed_number_is_found_with_both_sides(vietnamese, english, lost, made):
    findings = default_checker().check(vietnamese, english)
    assert [(f.kind, f.vietnamese, f.english) for f in findings] == [("number", lost, made)]


def test_names_are_found_folded_or_as_the_table_says(tmp_path):
    vietnamese = "Bộ Y tế cho biết ông Nguyễn Văn Nam đã đến Đà Nẵng và TP.HCM."
    right = "The Ministry of Health said Mr Nguyen Van Nam went to Da Nang and Ho Chi Minh City."
    assert kinds(vietnamese, right) == []
    wrong = "The Health Department said a man went to Da Nang and Saigon."
    found = default_checker().check(vietnamese, wrong)
    assert [(f.kind, f.vietnamese) for f in found] == [
        ("name", "Bộ Y tế"),
        ("name", "Nguyễn Văn Nam"),
    ]
    # The user's table adds an English name.
    table = tmp_path / "names.tsv"
    table.write_text("Bộ Y tế\tHealth Department\n", encoding="utf-8")
    checker = Checker(NamesTable.load([table]), Glossary())
    assert [f.vietnamese for f in checker.check(vietnamese, wrong)] == ["Nguyễn Văn Nam"]


def test_words_that_open_a_sentence_are_not_names():
    assert kinds("Anh trả lời rằng Chúng ta sẽ đi.", "He answered that we will go.") == []


def test_half_left_out_and_a_sentence_added_are_found():
    vietnamese = (
        "Thư viện do một nhóm giáo viên đã nghỉ hưu lập ra. Họ quyên góp sách cũ từ các gia "
        "đình trong khu phố và tự tay sắp xếp lên kệ."
    )
    english = (
        "The library was set up by a group of retired teachers. They collected old books "
        "from families in the neighbourhood and put them on the shelves by hand."
    )
    assert kinds(vietnamese, english) == []
    assert kinds(vietnamese, "The library was set up by a group of retired teachers.") == [
        "omission"
    ]
    added = f"{english} The ministry said twelve people were hurt in the fire last night."
    assert "addition" in kinds(vietnamese, added)


def test_vietnamese_left_in_the_english_is_found():
    vietnamese = "Ông Nam nói về chuyện này rất lâu."
    assert kinds(vietnamese, f"EN: {vietnamese}") == ["untranslated"]
    assert kinds(vietnamese, "Mr Nam talked about this for a long time.") == []


def test_glossary_misses_are_findings():
    checker = Checker(NamesTable(), Glossary([Term("UBND quận", "District People's Committee")]))
    findings = checker.check("UBND quận họp.", "The district committee met.")
    assert [(f.kind, f.vietnamese, f.english) for f in findings] == [
        ("glossary", "UBND quận", "District People's Committee")
    ]


# Tests written from deliberate bugs that the tests above let through (QUALITY.md).


def test_a_changed_small_number_is_found():
    # One- and two-digit numbers count like any other (only a bare "1" may be "a").
    findings = default_checker().check(
        "Có 12 người bị thương trong vụ cháy.", "Twenty people were hurt in the fire."
    )
    assert [(f.kind, f.vietnamese) for f in findings] == [("number", "12")]


def test_a_name_replaced_by_another_that_shares_its_first_letters_is_found():
    findings = default_checker().check(
        "Ông Hùng đến Đà Nẵng hôm qua.", "Mr Hung went to Da Lat yesterday."
    )
    assert [(f.kind, f.vietnamese) for f in findings] == [("name", "Đà Nẵng")]


def test_the_same_numbers_on_another_day_are_found():
    # 5/12 is the fifth of December: "May 12" has both numbers but not the day.
    findings = default_checker().check(
        "Công ty nhận 1.500 USD vào ngày 5/12.", "The company received $1,500 on May 12."
    )
    assert [(f.kind, f.vietnamese, f.english) for f in findings] == [("number", "5/12", "May 12")]


def test_a_short_sentence_added_is_found_by_the_sentence_count():
    # Longer by less than the bare length limit, but with one sentence more than the source.
    vietnamese = (
        "Thư viện do một nhóm giáo viên đã nghỉ hưu lập ra. Họ quyên góp sách cũ từ các gia "
        "đình trong khu phố và tự tay sắp xếp lên kệ."
    )
    english = (
        "The library was set up by a group of retired teachers. They collected old books "
        "from families in the neighbourhood and put them on the shelves by hand. It is popular."
    )
    assert kinds(vietnamese, english) == ["addition"]


def test_a_few_vietnamese_words_left_mid_sentence_are_found():
    vietnamese = "Ông Nam nói về chuyện đó rất lâu với các phóng viên ở Hà Nội."
    english = "Mr Nam talked về chuyện đó for a long time with reporters in Hanoi."
    findings = default_checker().check(vietnamese, english)
    assert [(f.kind, f.english) for f in findings] == [("untranslated", "về chuyện đó")]
    fixed = "Mr Nam talked about that for a long time with reporters in Hanoi."
    assert kinds(vietnamese, fixed) == []


def test_a_name_with_d_stroke_is_found_without_it():
    # "Đ" has no decomposition in Unicode: folding must turn it into "D" itself.
    vietnamese = "Bà Nguyễn Thị Đào phát biểu tại hội nghị."
    assert kinds(vietnamese, "Ms Nguyen Thi Dao spoke at the conference.") == []
    assert kinds(vietnamese, "Ms Nguyen Thi Lan spoke at the conference.") == ["name"]


def test_a_range_with_its_scale_written_twice_agrees():
    # "3-5 triệu": the 3 means 3 million too.
    vietnamese = "Dự án tốn 3-5 triệu USD và sẽ hoàn thành vào cuối năm nay."
    english = "The project cost 3 million to 5 million dollars and will be finished by year end."
    assert kinds(vietnamese, english) == []


def test_roman_numerals_are_read_by_the_normalizers_parser():
    from vnmedia.translation.faithful import english_numbers, vietnamese_numbers

    numbers, _ = vietnamese_numbers("Bà mất vào thế kỷ XIX.")
    assert [set(n.values) for n in numbers] == [{19.0}]
    # Not a numeral: the faithfulness check and the normalizer agree (the check's own
    # parser took "IIII" for 4).
    numbers, _ = vietnamese_numbers("Bà mất vào thế kỷ IIII.")
    assert numbers == []
    _, values = english_numbers("He saw Avatar II and Rocky IIII.")
    assert 2.0 in values and 4.0 not in values
