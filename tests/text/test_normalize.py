"""Vietnamese (and light English) normalization for speech, the lexicon, and its use."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vnmedia import build, load_settings
from vnmedia.cli import cli
from vnmedia.engines import tts_engines
from vnmedia.errors import ConfigError
from vnmedia.sources.files import read_articles
from vnmedia.text.normalize import Lexicon, TextNormalizer

from fake_engines import SHARED_CORPUS, FakeTTS, write_article

CORPUS = SHARED_CORPUS


@pytest.fixture(scope="module")
def normalizer() -> TextNormalizer:
    return TextNormalizer()


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # dates, in context
        ("Chiều 6-10, đoàn đến", "chiều ngày sáu tháng mười, đoàn đến"),
        (
            "ngày 26/11/2026",
            "ngày hai mươi sáu tháng mười một năm hai nghìn không trăm hai mươi sáu",
        ),
        ("ngày 4.1.2017", "ngày bốn tháng một năm hai nghìn không trăm mười bảy"),
        (
            "từ ngày 4.1.2017 - 4.1.2018",
            "từ ngày bốn tháng một năm hai nghìn không trăm mười bảy "
            "đến ngày bốn tháng một năm hai nghìn không trăm mười tám",
        ),
        # with dots or slashes, "năm" stays before the year, also after month five
        ("Ngày 12.5.2021", "ngày mười hai tháng năm năm hai nghìn không trăm hai mươi mốt"),
        ("hôm 5/5/2021", "hôm năm tháng năm năm hai nghìn không trăm hai mươi mốt"),
        ("sáng 01.10.2020", "sáng ngày một tháng mười năm hai nghìn không trăm hai mươi"),
        # time ranges: the dash is "đến"
        ("họp 8:30-10:45", "họp tám giờ ba mươi phút đến mười giờ bốn mươi lăm phút"),
        ("từ 7h30 - 9h sáng", "từ bảy giờ ba mươi phút đến chín giờ sáng"),
        # ranges and scores
        (
            "nhiệm kỳ 2020-2025",
            "nhiệm kỳ hai nghìn không trăm hai mươi đến hai nghìn không trăm hai mươi lăm",
        ),
        ("từ 10 - 20 người", "từ mười đến hai mươi người"),
        ("tỷ số 1-0", "tỷ số một không"),
        ("thắng 3-0", "thắng ba không"),
        ("10k-20k", "mười nghìn đến hai mươi nghìn"),
        # numbers, decimals, percentages, money
        ("1.500 người", "một nghìn năm trăm người"),
        ("tăng 7,5%", "tăng bảy phẩy năm phần trăm"),
        ("1.767,8 tỷ đồng", "một nghìn bảy trăm sáu mươi bảy phẩy tám tỷ đồng"),
        ("nhiệt độ -5 độ C", "nhiệt độ âm năm độ xê"),
        ("60,240", "sáu mươi phẩy hai bốn không"),
        ("2000000", "hai triệu"),
        ("3/4 dân số", "ba phần tư dân số"),
        ("giá 50.000đ/cp", "giá năm mươi nghìn đồng một cổ phiếu"),
        ("100 USD", "một trăm đô la mỹ"),
        ("$100", "một trăm đô la"),
        # currencies beyond đ/$/€/£, before or after the amount
        ("500¥", "năm trăm yên"),
        ("¥300", "ba trăm yên"),
        ("200₹", "hai trăm rupi"),
        ("1000₩", "một nghìn won"),
        ("50฿", "năm mươi bạt"),
        # a price per unit of goods is "một …"; a rate per unit of time stays "trên"
        ("25.000 đồng/kg", "hai mươi lăm nghìn đồng một ki lô gam"),
        ("1.800 USD/ounce", "một nghìn tám trăm đô la mỹ một ao xơ"),
        ("3 triệu đồng/người", "ba triệu đồng một người"),
        ("50.000đ/ngày", "năm mươi nghìn đồng trên ngày"),
        # electrical and data units in full
        ("dòng 500mA", "dòng năm trăm mi li am pe"),
        ("pin 5000mAh", "pin năm nghìn mi li am pe giờ"),
        ("công suất 3kW", "công suất ba ki lô oát"),
        ("sản lượng 2TW", "sản lượng hai tê ra oát"),
        ("điện 10 TWh", "điện mười tê ra oát giờ"),
        ("ổ 2TB", "ổ hai tê ra bai"),
        ("tốc độ 5GB/s", "tốc độ năm gi ga bai trên giây"),
        ("mạng 100 Mbps", "mạng một trăm mê ga bít trên giây"),
        # units, times
        ("60 km/h", "sáu mươi ki lô mét trên giờ"),
        ("100 m2", "một trăm mét vuông"),
        ("lúc 8h50", "lúc tám giờ năm mươi phút"),
        ("8:00", "tám giờ"),
        ("02h", "hai giờ"),
        # Roman numerals, abbreviations, end mark, plates
        ("lần thứ XVII", "lần thứ mười bảy"),
        ("thế kỷ XXI", "thế kỷ hai mươi mốt"),
        ("thế kỉ xix", "thế kỉ mười chín"),
        ("điều vi phạm", "điều vi phạm"),
        ("UBND TP.HCM", "uỷ ban nhân dân thành phố hồ chí minh"),
        ("GS.TS Nguyễn Văn A", "giáo sư tiến sĩ nguyễn văn a"),
        ("trường THPT Chu Văn An", "trường trung học phổ thông chu văn an"),
        ("theo NĐ-CP", "theo nghị định chính phủ"),
        ("Hết hiệu lực ./.", "hết hiệu lực."),
        ("ô tô BS: 30S-087", "ô tô biển số ba mươi ét không tám bảy"),
        # phone numbers, addresses
        ("gọi 0912345678", "gọi không chín một hai ba bốn năm sáu bảy tám"),
        ("xem https://vnexpress.net/tin-moi", "xem vnexpress chấm net"),
        ("thư abc@gmail.com", "thư abc a còng gmail chấm com"),
        # read wrongly on real files before (issue 23): each its own case
        ("1000mA", "một nghìn mi li am pe"),  # alone, it came out in English
        ("mở cửa 10:00-11:00", "mở cửa mười giờ đến mười một giờ"),
        ("1000000000000000 đồng", "một triệu tỷ đồng"),
        (
            "1234567890123",
            "một nghìn hai trăm ba mươi bốn tỷ năm trăm sáu mươi bảy triệu "
            "tám trăm chín mươi nghìn một trăm hai mươi ba",
        ),
        ("1.000.000.000.001 đồng", "một nghìn tỷ một đồng"),
        ("tiêu thụ 1tw điện", "tiêu thụ một tê ra oát điện"),
        ("giá 2t3 một căn", "giá hai tỷ ba một căn"),
        ("lương 1tr5", "lương một triệu năm"),
        ("cước 30đ/TB", "cước ba mươi đồng một thuê bao"),
        # Round 5 (check3), one line per rule.
        ("liều 1mcg; 10 µg", "liều một mi crô gam, mười mi crô gam"),
        ("đường dây 22KV và 35 kV", "đường dây hai mươi hai ki lô vôn và ba mươi lăm ki lô vôn"),
        ("giá 2.690.000 VNĐ", "giá hai triệu sáu trăm chín mươi nghìn đồng"),
        (
            "văn bản số 112-CV/TU ngày",
            "văn bản số một trăm mười hai xê vê tê u ngày",
        ),
        ("xe 150 CV", "xe một trăm năm mươi mã lực"),
        ("Ngày Quốc tế Lao động 1/5.", "ngày quốc tế lao động một tháng năm."),
        ("tại Quảng trường 2/4 và", "tại quảng trường hai tháng tư và"),
        ("từ 9-11h30 ngày", "từ chín đến mười một giờ ba mươi ngày"),
        ("độ sâu 50 -100 mét", "độ sâu năm mươi đến một trăm mét"),
        ("sóng cao 2,0-4,0m.", "sóng cao hai phẩy không đến bốn phẩy không mét."),
        ("rộng cả nghìn m2.", "rộng cả nghìn mét vuông."),
        ("với Sở GD - ĐT tỉnh", "với sở giáo dục và đào tạo tỉnh"),
        ("BSCK2 Lê, BSCKII Hà", "bác sĩ chuyên khoa hai lê, bác sĩ chuyên khoa hai hà"),
        ("Thủ Đức TP.HCMra xe", "thủ đức thành phố hồ chí minh ra xe"),
        ("container 40 feet, 60 baht", "container bốn mươi phít, sáu mươi bạt"),
        ("có thời hạn cho đến 1/5.", "có thời hạn cho đến một tháng năm."),
        ("lên đến 1/10.", "lên đến một phần mười."),
        ("dịp lễ 30/4. - 1/5 là", "dịp lễ ba mươi tháng tư. một tháng năm là"),
    ],
)
def test_vietnamese_spoken_forms(normalizer, written, spoken):
    assert normalizer.normalize(written, "vi") == spoken


def test_english_gets_light_normalization_only(normalizer):
    text = "Revenue rose 7.5% to $3bn in 2024 & more at https://example.com/x ./."
    assert (
        normalizer.normalize(text, "en")
        == "Revenue rose 7.5% to $3bn in 2024 and more at example.com."
    )


def test_producer_lexicon_comes_first_and_overrides_builtins(tmp_path):
    tsv = tmp_path / "names.tsv"
    tsv.write_text(
        "# names\nVinFast\tvin phát\nUBND\tủy ban\nen\tHCMC\tHo Chi Minh City\n", encoding="utf-8"
    )
    toml = tmp_path / "more.toml"
    toml.write_text('[vi]\n"Vietjet" = "việt giét"\n', encoding="utf-8")
    normalizer = TextNormalizer(Lexicon.load([tsv, toml]))
    assert normalizer.normalize("VinFast và Vietjet, UBND", "vi") == "vin phát và việt giét, ủy ban"
    assert normalizer.normalize("Welcome to HCMC", "en") == "Welcome to Ho Chi Minh City"
    # Whole tokens only: "VinFastX" is not an entry.
    assert "vin phát" not in normalizer.normalize("VinFastX", "vi")


def test_bad_lexicon_lines_name_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("only-one-field\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.tsv:1"):
        Lexicon.load([bad])


def load_bench():
    path = Path(__file__).resolve().parents[2] / "bench" / "bench_normalize.py"
    spec = importlib.util.spec_from_file_location("bench_normalize", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_normalize"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_corpus_cases_relaxed_match_at_least_95_percent(normalizer):
    bench = load_bench()
    cases = [
        line.split("~", 1)
        for path in sorted((CORPUS / "normalization").glob("test_cases_*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if "~" in line
    ]
    hits = sum(bench.relaxed(normalizer.normalize(w, "vi")) == bench.relaxed(s) for w, s in cases)
    assert len(cases) == 240
    assert hits / len(cases) >= 0.95


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_no_raw_digits_left_in_corpus_articles(normalizer):
    for path in sorted((CORPUS / "articles").glob("*.txt")):
        for article in read_articles(path):
            for text in [article.title, *(p.text for p in article.paragraphs)]:
                spoken = normalizer.normalize(text, "vi")
                assert not re.search(r"\d", spoken), (path.name, text, spoken)


class NormalizedFakeTTS(FakeTTS):
    name = "fake-normalized"
    wants_normalized_text = True


def test_engines_that_want_it_get_the_spoken_form_and_the_manifest_keeps_both(tmp_path, fakes):
    tts_engines.register(NormalizedFakeTTS.name, NormalizedFakeTTS)
    try:
        write_article(tmp_path / "in", "a.txt", "Tin ngày 6-10", "UBND chi 1.500 tỷ đồng.")
        report = build(
            load_settings(
                inputs=(str(tmp_path / "in"),),
                output=str(tmp_path / "out"),
                tts=NormalizedFakeTTS.name,
                translator="none",
                order="vi",
            )
        )
    finally:
        tts_engines.unregister(NormalizedFakeTTS.name)
    spoken_texts = [text for text, _ in FakeTTS.calls]
    assert "uỷ ban nhân dân chi một nghìn năm trăm tỷ đồng." in spoken_texts
    segments = json.loads(Path(report.episodes_written[0]).with_suffix(".json").read_text())[
        "segments"
    ]
    assert segments[1]["text"] == "UBND chi 1.500 tỷ đồng."
    assert segments[1]["spoken"] == "uỷ ban nhân dân chi một nghìn năm trăm tỷ đồng."


def test_engines_that_do_not_want_it_get_the_text_as_written(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin", "UBND chi 1.500 tỷ đồng.")
    report = build(
        load_settings(
            inputs=(str(tmp_path / "in"),),
            output=str(tmp_path / "out"),
            tts=FakeTTS.name,
            translator="none",
            order="vi",
        )
    )
    assert ("UBND chi 1.500 tỷ đồng.", "vi") in FakeTTS.calls
    segments = json.loads(Path(report.episodes_written[0]).with_suffix(".json").read_text())[
        "segments"
    ]
    assert segments[1]["spoken"] is None


def test_gtts_normalization_is_on_by_default_and_can_be_turned_off():
    assert tts_engines.create("gtts", load_settings()).wants_normalized_text is True
    assert (
        tts_engines.create("gtts", load_settings(normalize_gtts=False)).wants_normalized_text
        is False
    )
    assert tts_engines.create("espeak", load_settings()).wants_normalized_text is True


def test_normalize_command_reads_stdin_line_by_line(tmp_path):
    runner = CliRunner(mix_stderr=False)
    single = runner.invoke(cli, ["normalize", "Chiều 6-10"])
    assert single.exit_code == 0 and single.stdout == "chiều ngày sáu tháng mười\n"
    batch = runner.invoke(cli, ["normalize", "-"], input="lần thứ XVII\n\n1.500 người\n")
    assert batch.exit_code == 0
    assert batch.stdout.splitlines() == ["lần thứ mười bảy", "", "một nghìn năm trăm người"]
    lexicon = tmp_path / "l.tsv"
    lexicon.write_text("ACB\tá châu\n", encoding="utf-8")
    custom = runner.invoke(cli, ["normalize", "ngân hàng ACB", "--lexicon", str(lexicon)])
    assert custom.stdout.strip() == "ngân hàng á châu"


# --- issue 30: context rules, each needed for its cases ---------------------------------------

RULE_CASES = [
    # dates without a year: by a time-of-day word, in brackets, after another date
    ("_day_months", "sáng nay 2/9 trời mưa", "sáng nay ngày hai tháng chín trời mưa"),
    ("_day_months", "lễ kỷ niệm (2/9) diễn ra", "lễ kỷ niệm, hai tháng chín, diễn ra"),
    ("_day_months", "nghỉ lễ 30/4 và 1/5", "nghỉ lễ ba mươi tháng tư và một tháng năm"),
    ("_day_months", "tối nay 2-9 có pháo hoa", "tối nay ngày hai tháng chín có pháo hoa"),
    ("_day_months", "sáng 2.9 trời mưa", "sáng ngày hai tháng chín trời mưa"),
    ("_day_months", "Quốc khánh 2-9 là", "quốc khánh hai tháng chín là"),
    (
        "_day_ranges",
        "diễn ra 16-25/4 hằng năm",
        "diễn ra mười sáu đến hai mươi lăm tháng tư hằng năm",
    ),
    # round 4: a range of dates at the end of a sentence, a day range with its year, a day
    # of the week before a date, how often a day after "ngày"
    ("_ranges", "nghỉ lễ dịp 30/4-1/5.", "nghỉ lễ dịp ba mươi tháng tư đến một tháng năm."),
    (
        "_ranges",
        "bị phạt từ 600 USD - 2000 USD.",
        "bị phạt từ sáu trăm đô la mỹ đến hai nghìn đô la mỹ.",
    ),
    (
        "_ranges",
        "giá 300.000 đồng - 500.000 đồng/kg",
        "giá ba trăm nghìn đồng đến năm trăm nghìn đồng một ki lô gam",
    ),
    (
        "_day_ranges",
        "diễn ra từ 14-17/04/2021.",
        "diễn ra từ mười bốn đến mười bảy tháng tư năm hai nghìn không trăm hai mươi mốt.",
    ),
    ("_day_months", "đăng hôm thứ Năm, 1/4, một", "đăng hôm thứ năm, một tháng tư, một"),
    (
        "_day_months",
        "tuyển sinh, 1/7 đến ngày 3/7, học",
        "tuyển sinh, một tháng bảy đến ngày ba tháng bảy, học",
    ),
    ("_scores", "Một ngày 3-4 lần, những", "một ngày ba đến bốn lần, những"),
    # scores after a sports word in the clause
    ("_scores", "thắng đội khách 3-1", "thắng đội khách ba một"),
    ("_scores", "thất bại 0-1 trên sân", "thất bại không một trên sân"),
    ("_scores", "Atletico 1-1 trước Eibar", "atletico một một trước eibar"),  # cannot be a range
    ("_scores", "tập 1-2 tiếng mỗi ngày", "tập một đến hai tiếng mỗi ngày"),  # not "ngày 1 tháng 2"
    ("_scores", "Mỗi tuần hàng về 2-3 chuyến", "mỗi tuần hàng về hai đến ba chuyến"),  # no date
    ("_scores", "thuê thêm 3-4 nhân viên", "thuê thêm ba đến bốn nhân viên"),  # not "ba trên bốn"
    ("_time_ranges", "từ 6-7h sáng", "từ sáu đến bảy giờ sáng"),
    ("_day_months", "dịp 8-3 năm nay", "dịp tám tháng ba năm nay"),  # a date, not a range
    (
        "_scores",
        "chơi chậm để bảo toàn tỷ số và 2-0 là kết quả",
        "chơi chậm để bảo toàn tỷ số và hai không là kết quả",
    ),
    # phone numbers, by the word before or by shape
    ("_phones", "hotline 1900 1234", "hotline một chín không không, một hai ba bốn"),
    ("_phones", "ĐT: 028.3822 1234", "điện thoại, không hai tám, ba tám hai hai, một hai ba bốn"),
    ("_phones", "số 028.3822 1234", "số không hai tám, ba tám hai hai, một hai ba bốn"),
    ("_phones", "gọi 1900-969674.", "gọi một chín không không, chín sáu chín sáu bảy bốn."),
    (
        "_phones",
        "SĐT: 0909 202 911/092 643 29 88.",
        "số điện thoại, không chín không chín, hai không hai, chín một một hoặc không chín hai,"
        " sáu bốn ba, hai chín, tám tám.",
    ),
    # ranges with units, lists, year ranges
    ("_ranges_with_units", "nặng 5-7kg", "nặng năm đến bảy ki lô gam"),
    ("_ranges_with_units", "tầm 1,2 - 1,5kg", "tầm một phẩy hai đến một phẩy năm ki lô gam"),
    ("_ranges_with_units", "các số 1 - 3 - 5", "các số một, ba, năm"),
    (
        "_ranges_with_units",
        "vào năm 2023-25.",
        "vào năm hai nghìn không trăm hai mươi ba đến hai mươi lăm.",
    ),
    (
        "_ranges_with_units",
        "Man Utd đá sơ đồ (4-2-3-1): Henderson",
        "man united đá sơ đồ, bốn hai ba một, henderson",
    ),
    (
        "_ranges_with_units",
        "in 1200 x 1200 dpi",
        "in một nghìn hai trăm nhân một nghìn hai trăm đê pê i",
    ),
    (
        "_ranges_with_units",
        "nghe được 70-100kHz, tốt",
        "nghe được bảy mươi đến một trăm ki lô héc, tốt",
    ),
    ("_units", "nước (trên 34oC), không", "nước, trên ba mươi bốn độ xê, không"),  # "o" for "°"
    ("_leading_zeros", "có 08 trường hợp âm tính", "có tám trường hợp âm tính"),
    ("_times", "Fred (Cavani 46'), Greenwood", "fred, cavani phút bốn mươi sáu, greenwood"),
    # codes, initials, acronyms sea-g2p spells in English
    ("_codes", "xe tăng T-72B3", "xe tăng tê bảy mươi hai bê ba"),
    ("_codes", "gạo ST25 và rổ VN30", "gạo ét tê hai mươi lăm và rổ vê nờ ba mươi"),
    ("_codes", "chương trình IT-E10", "chương trình i tê e mười"),
    ("_codes", "màn 25SM3 mới", "màn hai mươi lăm ét mờ ba mới"),  # a number first
    ("_codes", "biến thể B.1.617 và B1.1.7", "biến thể bê một sáu một bảy và bê một một bảy"),
    ("_codes", "biến thể B.1.617.2 mới", "biến thể bê một sáu một bảy chấm hai mới"),
    ("_codes", "xăng E5RON92 và RON95-III", "xăng e năm rôn chín mươi hai và rôn chín mươi lăm ba"),
    ("_codes", "tàu Nanggala-402 và flavan-3-ols", "tàu nanggala bốn trăm lẻ hai và flavan ba ols"),
    ("_initials", "bà N.T.C. (56 tuổi)", "bà nờ tê xê, năm mươi sáu tuổi"),
    ("_acronyms", "Theo UNDP, xe SUV", "theo u nờ đê pê, xe ét u vê"),
    ("_acronyms", "Uptime Tier III là bậc cao", "uptime tier ba là bậc cao"),
    ("_acronyms", "Theo UNDP, lần XIII", "theo u nờ đê pê, lần mười ba"),
    ("_acronyms", "phản vệ độ II, nếu", "phản vệ độ hai, nếu"),  # sea-g2p: "i i"
    ("_acronyms", "giữ lại 2 MC Hồng Nhung", "giữ lại hai mờ xê hồng nhung"),  # not a unit
    ("_acronyms", "quét mã QR-Code để", "quét mã quy rờ code để"),  # then a name
    ("_acronyms", "hãng TOYOTA ra mắt", "hãng toyota ra mắt"),  # a name said as a word
    ("_acronyms", "ARSENAL (4-2-3-1): Leno", "arsenal, bốn hai ba một, leno"),  # seven letters
    ("_acronyms", "máy bay KINGAIR B200", "máy bay kingair bê hai trăm"),
    ("_codes", "Chỉ thị số 11-CT/TW về", "chỉ thị số mười một chỉ thị trung ương về"),  # a code
    # abbreviations the next word decides
    (
        "_abbreviations_in_context",
        "ông A. (SN 1995)",
        "ông a, sinh năm một nghìn chín trăm chín mươi lăm",
    ),
    ("_abbreviations_in_context", "trao đổi với PV Dân trí", "trao đổi với phóng viên dân trí"),
    # "TP." glued to the city's name: no full stop inside "thành phố"
    (
        "_abbreviations_in_context",
        "tại TP.Cần Thơ và Tp.HCM",
        "tại thành phố cần thơ và thành phố hồ chí minh",
    ),
    # with a number (data/numbered.tsv), after "trường"
    ("_abbreviations_in_context", "từ hầm ra QL18", "từ hầm ra quốc lộ mười tám"),
    (
        "_abbreviations_in_context",
        "đăng ký 3 NV theo thứ tự NV1, NV2",
        "đăng ký ba nguyện vọng theo thứ tự nguyện vọng một, nguyện vọng hai",
    ),
    ("_abbreviations_in_context", "sinh viên trường CĐ Nghề", "sinh viên trường cao đẳng nghề"),
    ("_abbreviations_in_context", "các trường ĐH, CĐ", "các trường đại học, cao đẳng"),
    # decimals written the English way, addresses
    ("_english_decimals", "lãi 0.25%", "lãi không phẩy hai mươi lăm phần trăm"),
    # two decimals said as a number, not in the short form ("sáu lăm", "một lăm")
    ("_decimals", "giá 55,65 triệu", "giá năm mươi lăm phẩy sáu mươi lăm triệu"),
    ("_decimals", "lãi 6,15%", "lãi sáu phẩy mười lăm phần trăm"),
    ("_decimals", "cao 1,60m", "cao một phẩy sáu mươi mét"),  # was "sáu khôngm"
    ("_addresses", "xem vnexpress.net/ ngay", "xem vnexpress chấm net ngay"),
    ("_addresses", "trang abc.com.au.", "trang abc chấm com chấm a u."),
    ("_addresses", "Xem https://dantri.com.vn/abc.htm.", "xem dantri chấm com chấm vê nờ."),
    (
        "_addresses",
        "link https://smb-server.elite-jsc.vn/video/",
        "link ét mờ bê server chấm elite gi ét xê chấm vê nờ",
    ),
    # prices per unit, one after another
    ("_money", "240.000 đồng/vé/lượt", "hai trăm bốn mươi nghìn đồng một vé một lượt"),
    # a slash between words: a rate after a number or before a time, else "either"
    ("_slashes", "mốc 2.706 khách/giờ.", "mốc hai nghìn bảy trăm lẻ sáu khách một giờ."),
    ("_slashes", "khám 6 tháng/lần", "khám sáu tháng một lần"),
    ("_slashes", "giá 30.000 Rupee/bình", "giá ba mươi nghìn rupee một bình"),
    ("_slashes", "chưa đến 100.000/kg", "chưa đến một trăm nghìn một ki lô gam"),
    ("_slashes", "tại 15 tỉnh/Thành phố", "tại mười lăm tỉnh, thành phố"),
    ("_slashes", "nghiên cứu/sáng chế mới", "nghiên cứu, sáng chế mới"),
    ("_slashes", "đạt 5 tấn/sào", "đạt năm tấn một sào"),
    # a rate per period after a word or a unit: "một tháng", not sea-g2p's "trên tháng"
    ("_per_period", "lương 8,3 triệu đồng/tháng.", "lương tám phẩy ba triệu đồng một tháng."),
    ("_per_period", "dung lượng 10GB/tháng", "dung lượng mười gi ga bai một tháng"),
    ("_per_period", "tập 5 buổi / tuần", "tập năm buổi một tuần"),
    ("_per_period", "đạt 7-8 tấn /1ha/1 vụ.", "đạt bảy đến tám tấn một héc ta một vụ."),
    ("_per_period", "bán 1,8 triệu đồng/1kg", "bán một phẩy tám triệu đồng một ki lô gam"),
    # names in CamelCase said as one word, not cut at each capital
    ("_camel_case", "chip MediaTek Helio", "chip mediatek helio"),
    ("_camel_case", "trên YouTube", "trên youtube"),
    ("_camel_case", "ứng dụng VinID mới", "ứng dụng vin i đê mới"),
    ("_camel_case", "Giám đốc TPBank và JPMorgan", "giám đốc tê pê bank và gi pê morgan"),
    ("_acronyms", "như Savico, MG, Ford", "như savico, mờ gờ, ford"),  # no number: no unit
    # the numerals after the first of a list
    ("_roman_numerals", "từ thế kỷ IV và V.", "từ thế kỷ bốn và năm."),
    ("_roman_numerals", "khóa IX, X và XI", "khóa chín, mười và mười một"),
    (
        "_roman_numerals",
        "khóa I, II, III, IV, V, VI và VII",
        "khóa một, hai, ba, bốn, năm, sáu và bảy",
    ),
    # "tháng 5/2021" keeps its "năm", and "tháng tư" as a newsreader says it
    (
        "_month_year",
        "trong tháng 5/2021.",
        "trong tháng năm năm hai nghìn không trăm hai mươi mốt.",
    ),
    ("_marks", "* Mọi ý kiến đóng góp", "mọi ý kiến đóng góp"),  # a bullet, not "sao"
    ("_marks", 'mã danh "365" được sơn', "mã danh ba trăm sáu mươi lăm được sơn"),
    ("_marks", 'phòng dịch "Covid-19".', "phòng dịch covid mười chín."),  # no "phẩy phẩy"
    ("_marks", "thời “Web 2.0” đầu tiên", "thời web hai chấm không đầu tiên"),  # curly too
    ("_marks", 'theo Chỉ thị 15" - ông nói.', "theo chỉ thị mười lăm, ông nói."),  # opened before
    (
        "_marks",
        'màn hình kích thước 6,52", chip',
        "màn hình kích thước sáu phẩy năm mươi hai inch, chip",
    ),
    ("_decimals", "tăng 6,52, cao nhất", "tăng sáu phẩy năm mươi hai, cao nhất"),  # not "năm hai"
    (
        "_month_year",
        "lãi quý 01/2021 tăng",
        "lãi quý một năm hai nghìn không trăm hai mươi mốt tăng",
    ),
    (
        "_month_year",
        "Thông tư 09/2021/TT-BGDĐT về",
        "thông tư chín trên hai nghìn không trăm hai mươi mốt trên thông tư bộ giáo dục và đào"
        " tạo về",
    ),
    ("_units", "công suất 378MWp", "công suất ba trăm bảy mươi tám mê ga oát đỉnh"),
    ("_units", "camera 108MP và 2 MP", "camera một trăm lẻ tám mê ga pixel và hai mê ga pixel"),
    ("_addresses", "giá trên Kitco.com giảm", "giá trên kitco chấm com giảm"),
    # slips of the pen, mended before the lexicon
    ("_written_slips", "khoảng 11h ngày 14//4", "khoảng mười một giờ ngày mười bốn tháng tư"),
    ("_written_slips", "Bách khoa TP.HCMđã đào tạo", "bách khoa thành phố hồ chí minh đã đào tạo"),
    ("_written_slips", "Ủy ban MTTQViệt Nam", "ủy ban mặt trận tổ quốc việt nam"),
    ("_written_slips", "dương tính vớiSARS-CoV-2.", "dương tính với xát cô vi hai."),
    ("_written_slips", "Minh PhươngTheo Reuters", "minh phương theo reuters"),
    ("_written_slips", "doanh thu giảm48% so với", "doanh thu giảm bốn mươi tám phần trăm so với"),
    # round 4: words run together, a capital before the number, a unit before a word
    ("_written_slips", "Sáng23/4, Tập đoàn", "sáng ngày hai mươi ba tháng tư, tập đoàn"),
    ("_written_slips", "tập 1 lần/tuầnđể không", "tập một lần một tuần để không"),
    ("_written_slips", "nghỉ ngơi sau 11hđể phục hồi", "nghỉ ngơi sau mười một giờ để phục hồi"),
    ("_written_slips", "trên chuyếnbay từ", "trên chuyến bay từ"),
    ("_written_slips", "Huỳnh Hiểu MInh và", "huỳnh hiểu minh và"),  # a capital by a slip
    ("_written_slips", "vắc xin phòng Covid -19 cho", "vắc xin phòng covid mười chín cho"),
    ("_abbreviations_in_context", "cuối thế kỉ 9 sau CN).", "cuối thế kỉ chín sau công nguyên."),
    ("_abbreviations_in_context", "đến km13+800 thì", "đến ki lô mét mười ba cộng tám trăm thì"),
    (
        "_abbreviations_in_context",
        "trực tại km230, nút",
        "trực tại ki lô mét hai trăm ba mươi, nút",
    ),
    ("_abbreviations_in_context", "và bác sĩ CK1 Nguyễn", "và bác sĩ chuyên khoa một nguyễn"),
    (
        "_abbreviations_in_context",
        "phía Đông TP. Đà Nẵng",
        "phía đông thành phố đà nẵng",
    ),  # no stop
    ("_codes", "tàu TH-90850TS có", "tàu tê hát chín không tám năm không tê ét có"),
    ("_codes", "xe 43A - 40907 cùng", "xe bốn mươi ba a bốn không chín không bảy cùng"),  # a plate
    (
        "_codes",
        "hay AMD RX5700-6900 vẫn",
        "hay a mờ đê rờ ích năm nghìn bảy trăm đến sáu nghìn chín trăm vẫn",
    ),
    ("_acronyms", "Cùng với R&D, chất", "cùng với rờ en đê, chất"),
    # round 6 (fresh3): a plate's dotted digits, digit by digit and no "chấm"
    (
        "_codes",
        "biển số 82B-004.10, lưu thông",
        "biển số tám mươi hai bê không không bốn một không, lưu thông",
    ),
    # four capitals, a consonant and a vowel twice: a name said as a word, not spelled
    ("_acronyms", "năm nay, MISA và CDC đều", "năm nay, misa và xê đê xê đều"),
    # three decimals or more, digit by digit with "năm", a glued unit still read
    ("_decimals", "từ 0,195 ppb", "từ không phẩy một chín năm ppb"),
    (
        "_decimals",
        "vượt 0,327mg/l và 0,064%",
        "vượt không phẩy ba hai bảy mi li gam trên lít và không phẩy không sáu bốn phần trăm",
    ),
    # thousands marked the English way before a word
    ("_decimals", "từ 500,000 đồng", "từ năm trăm nghìn đồng"),
    # a listed pair with spaces round its "&"; a provincial road, its "đường" said once
    ("_written_slips", "khi Sở GD & ĐT Hà Nội", "khi sở giáo dục và đào tạo hà nội"),
    (
        "_abbreviations_in_context",
        "trên đường ĐT981, đến",
        "trên đường tỉnh chín trăm tám mươi mốt, đến",
    ),
    # a Vietnamese word glued after a code's number
    ("_written_slips", "với SARS-CoV-2lần 1", "với xát cô vi hai lần một"),
    # "Q" with a number: a district before its city, a quarter before its year
    (
        "_abbreviations_in_context",
        "P.14, Q3, TP. HCM và Q1/2021",
        "phường mười bốn, quận ba, thành phố hồ chí minh và quý một năm hai nghìn không trăm"
        " hai mươi mốt",
    ),
    # a slash with spaces between words: names side by side, not "trên"
    ("_slashes", "Nhóm Caltech / NASA đã", "nhóm caltech, na sa đã"),
    # a rate per ten thousand people
    (
        "_slashes",
        "có 200 sinh viên nhập học/vạn dân.",
        "có hai trăm sinh viên nhập học một vạn dân.",
    ),
    # a degree sign typed as a zero apart from its number; pounds
    ("_units", "ở nhiệt độ 22 0C nhưng", "ở nhiệt độ hai mươi hai độ xê nhưng"),
    ("_units", "nặng 100lb, tức", "nặng một trăm pao, tức"),
    # a range of months with its year, after "tháng" (was "tháng ngày một tháng ba")
    (
        "_month_year",
        "từ tháng 1-3/2021, và",
        "từ tháng một đến tháng ba năm hai nghìn không trăm hai mươi mốt, và",
    ),
    # round 7 (fresh6, web pages): streets named after a date, a lunar date
    ("_day_months", "tại đường 3/2, quận 10", "tại đường ba tháng hai, quận mười"),
    (
        "_day_months",
        "giao lộ đường Cầu Cháy – 2/9, phường",
        "giao lộ đường cầu cháy, hai tháng chín, phường",
    ),
    ("_day_months", "Thất tịch (7/7 âm lịch).", "thất tịch, bảy tháng bảy âm lịch."),
    # twelve-hour times; an hour before a word the acronym rule reads
    (
        "_twelve_hours",
        "xuất phát lúc 9PM, về lúc 6 AM hay 12 p.m.",
        "xuất phát lúc chín giờ tối, về lúc sáu giờ sáng hay mười hai giờ trưa.",
    ),
    ("_times", "lúc 15h ET, tức", "lúc mười lăm giờ e tê, tức"),
    # a document's kind said as its issuer is: in full beside a said issuer, else spelled
    (
        "_codes",
        "Nghị quyết 09/2026/NQ-HĐND và 333/TB-ĐTTH về",
        "nghị quyết chín trên hai nghìn không trăm hai mươi sáu trên nghị quyết hội đồng nhân"
        " dân và ba trăm ba mươi ba trên tê bê đê tê tê hát về",
    ),
    # round 14, readers' review of a domain pool (sport, cars, finance, health)
    (
        "_ranges_with_units",
        "Mức trợ cấp bằng 30% x 1,6 triệu đồng",
        "mức trợ cấp bằng ba mươi phần trăm nhân một phẩy sáu triệu đồng",
    ),
    (
        "_ranges_with_units",
        "dài, rộng, cao là 4730/1860/1747 mm",
        "dài, rộng, cao là bốn nghìn bảy trăm ba mươi, một nghìn tám trăm sáu mươi, một nghìn"
        " bảy trăm bốn mươi bảy mi li mét",
    ),
    ("_marks", "+ Các địa phương ghi nhận số ca cao", "các địa phương ghi nhận số ca cao"),
    (
        "_times",
        "với thời gian 1:12.7, hơn 7:12,69",
        "với thời gian một phút mười hai phẩy bảy giây, hơn bảy phút mười hai phẩy sáu mươi chín"
        " giây",
    ),
    (
        "_day_months",
        "giá dầu thế giới 3/11: Giá dầu tăng",
        "giá dầu thế giới ba tháng mười một, giá dầu tăng",
    ),
    ("_day_months", "trận quyết định ngày mai 1/9", "trận quyết định ngày mai một tháng chín"),
    ("_scores", "Ruud gác vợt 4-6, 7-5", "ruud gác vợt bốn sáu, bảy năm"),
    ("_scores", "hạ Nava 7-6(5), 3-6, 6-4", "hạ nava bảy sáu, năm, ba sáu, sáu bốn"),
    (
        "_scores",
        "trận thắng Sheffield 2-1 ngày 27/8",
        "trận thắng sheffield hai một ngày hai mươi bảy tháng tám",
    ),
    ("_abbreviations_in_context", "viết trên mạng xã hội X", "viết trên mạng xã hội ích"),
    ("_abbreviations_in_context", "cho HS, không MG HS", "cho học sinh, không mờ gờ hát ét"),
    ("_money", "giảm 68 cent/thùng so với", "giảm sáu mươi tám cent một thùng so với"),
    (
        "_currency_codes",
        "giá 30 SGD và 100 AUD",
        "giá ba mươi đô la singapore và một trăm đô la úc",
    ),
    ("_codes", "VinFast LUX A2.0 giá cao", "vinfast lờ u ích a hai chấm không giá cao"),
    # round 14, fresh16's misses (read after its blind score)
    ("_written_slips", "VOV.VN - Ngày 18/2", "vê ô vê chấm vê nờ, ngày mười tám tháng hai"),
    ("_written_slips", "TP.HCMHai cầu đi bộ", "thành phố hồ chí minh hai cầu đi bộ"),
    (
        "_ranges_with_units",
        "giá vé ban ngày 2-3 triệu đồng",
        "giá vé ban ngày hai đến ba triệu đồng",
    ),
    ("_times", "phát lúc 17h5' ngày 30/4", "phát lúc mười bảy giờ năm phút ngày ba mươi tháng tư"),
    # a named variant's lineage with one number: not the ward "P.1"
    ("_codes", "biến chủng P.1 ở Brazil", "biến chủng pê một ở brazil"),
    # a video's lines: "p" the letter, not minutes
    (
        "_units",
        "quay video 1080p/60fps, màn 720p",
        "quay video một nghìn không trăm tám mươi pê trên sáu mươi fps, màn bảy trăm hai mươi pê",
    ),
    # a range of amounts with its dash glued
    (
        "_written_slips",
        "giá xe từ 400 triệu-700 triệu",
        "giá xe từ bốn trăm triệu đến bảy trăm triệu",
    ),
    # the dash between a document's kind and issuer set apart: still its issuer
    (
        "_written_slips",
        "Nghị định 116/2020/NĐ - CP về",
        "nghị định một trăm mười sáu trên hai nghìn không trăm hai mươi trên nghị định chính"
        " phủ về",
    ),
    # a kind with no issuer after the number is said in full too, not spelled
    (
        "_codes",
        "thay Thông tư 08/TT và Nghị định 116/2020/NĐ",
        "thay thông tư không tám trên thông tư và nghị định một trăm mười sáu trên hai nghìn"
        " không trăm hai mươi trên nghị định",
    ),
    # a season of two years running; two years apart, a slash stays "trên"
    (
        "_ranges_with_units",
        "ở Premier League 2019/20 và 2019/25",
        "ở premier league hai nghìn không trăm mười chín đến hai mươi và hai nghìn không trăm"
        " mười chín trên hai mươi lăm",
    ),
    # years a contract runs, written in full; a number after "số" stays "trên"
    (
        "_ranges_with_units",
        "mùa giải 2024/2027, văn bản số 2019/2020",
        "mùa giải hai nghìn không trăm hai mươi bốn đến hai nghìn không trăm hai mươi bảy, văn"
        " bản số hai nghìn không trăm mười chín trên hai nghìn không trăm hai mươi",
    ),
    # two digits after a dot group no thousands: a decimal, a time, a version; or a date
    (
        "_english_decimals",
        "cộng 2.15 điểm, lúc 9.45, bản 2.15, súng 7.62mm, ngày 20.12",
        "cộng hai phẩy mười lăm điểm, lúc chín giờ bốn mươi lăm phút, bản hai chấm mười lăm,"
        " súng bảy phẩy sáu mươi hai mi li mét, ngày hai mươi tháng mười hai",
    ),
    # a falling pair after "từ" is no range but the first day
    ("_ranges", "chu kỳ từ 17-9 đến nay", "chu kỳ từ mười bảy tháng chín đến nay"),
    # "tư" of a weekday, "Phòng" of a name in brackets: no house or document number
    (
        "_day_months",
        "hôm qua thứ tư 3/5. Ngày giải phóng Hải Phòng (13/5).",
        "hôm qua thứ tư ba tháng năm. ngày giải phóng hải phòng, mười ba tháng năm.",
    ),
    # money per hour is a wage, "một giờ"; a speed per hour keeps "trên"
    (
        "_per_period",
        "lương 25 USD/giờ, tốc độ 80 km/giờ",
        "lương hai mươi lăm đô la mỹ một giờ, tốc độ tám mươi ki lô mét trên giờ",
    ),
    # a span over a month's end: from the 28th to 3 February
    (
        "_day_ranges",
        "tổng cả 7 ngày 28-3/2, Bộ Y tế",
        "tổng cả bảy ngày hai mươi tám đến ba tháng hai, bộ y tế",
    ),
    ("_day_months", "hạn chót 1/11 mới nộp", "hạn chót một tháng mười một mới nộp"),  # a deadline
    # a dotted date in brackets or closing its clause after "đến"; decimals stay decimals
    (
        "_day_months",
        "Từ ngày mai (25.8) đến nay. Lấy ý kiến đến 16.10. Tăng từ 4.5 đến 6.5.",
        "từ ngày mai, hai mươi lăm tháng tám, đến nay. lấy ý kiến đến mười sáu tháng mười. tăng"
        " từ bốn chấm năm đến sáu chấm năm.",
    ),
    (
        "_day_ranges",
        "vào 2 ngày 13 - 14.10, hội",
        "vào hai ngày mười ba đến mười bốn tháng mười, hội",
    ),
    # a byline's initial of two letters is said as its sound
    ("_initials", "Tin: T.Tr", "tin, tê trờ"),
    # a yield per hectare after a word; a flu subtype's slash is not read
    (
        "_slashes",
        "năng suất 5 tấn/ha, cúm A/H3N2",
        "năng suất năm tấn một héc ta, cúm a hát ba nờ hai",
    ),
    ("_units", "động cơ 113cc, làm mát", "động cơ một trăm mười ba xê xê, làm mát"),
    # a full stop glued to the next sentence's first word gets its space back
    (
        "_written_slips",
        "hiện có 5 cửa hàng KFC.Các cuộc thi, BS.Lan nói",
        "hiện có năm cửa hàng ca ép xê. các cuộc thi, bác sĩ lan nói",
    ),
    # before things counted a fraction is a count out of a total; a part stays "phần"
    (
        "_fractions",
        "cho biết 3/5 quả tên lửa và 2/3 số người",
        "cho biết ba trên năm quả tên lửa và hai phần ba số người",
    ),
    # a listed abbreviation with a number glued to it: the number read whole
    ("_written_slips", "theo UBTVQH15 x", "theo ủy ban thường vụ quốc hội mười lăm ích"),
    # a pupil, a primary school, a teachers' college; a customs code keeps its letters
    (
        "_abbreviations_in_context",
        "cho 180 HS, trường TH, giáo viên CĐ sư phạm, mã HS 4823",
        "cho một trăm tám mươi học sinh, trường tiểu học, giáo viên cao đẳng sư phạm, mã hát ét"
        " bốn nghìn tám trăm hai mươi ba",
    ),
    # a party document's kind said in full beside its issuer said in words
    ("_codes", "Nghị quyết 57-NQ/TW về", "nghị quyết năm mươi bảy nghị quyết trung ương về"),
    # a listed abbreviation with a word glued on is two words
    (
        "_written_slips",
        "Bộ GD-ĐTtổ chức, TP.HCMtrong năm",
        "bộ giáo dục và đào tạo tổ chức, thành phố hồ chí minh trong năm",
    ),
    ("_camel_case", "theo PVThanh Niên, ông", "theo phóng viên thanh niên, ông"),  # a reporter
    ("_day_months", "mở cổng xác nhận từ 25.8.", "mở cổng xác nhận từ hai mươi lăm tháng tám."),
    ("_initials", "(tháng 7-2013).T.Tr", "tháng bảy năm hai nghìn không trăm mười ba. tê trờ"),
    # an acronym after another and a slash is spelled too (a unit after a slash is not)
    (
        "_acronyms",
        "thoại, SMS/MMS nội mạng, cước 30đ/TB",
        "thoại, ét mờ ét, mờ mờ ét nội mạng, cước ba mươi đồng một thuê bao",
    ),
    # the older press's "g" for "giờ"; grams stay grams
    (
        "_times",
        "Khoảng 9g ngày 26-5, đến 15g10, ăn 30g chất xơ",
        "khoảng chín giờ ngày hai mươi sáu tháng năm, đến mười lăm giờ mười phút, ăn ba mươi gam"
        " chất xơ",
    ),
    ("_money", "cướp 45 lượng vàng 18K và", "cướp bốn mươi lăm lượng vàng mười tám ca ra và"),
    (
        "_month_year",
        "chỉ số giá tháng 5-2013 giảm",
        "chỉ số giá tháng năm năm hai nghìn không trăm mười ba giảm",
    ),
    # a named day's dashed date; a pair before a dated end after "từ"
    (
        "_day_months",
        "lúc 21 giờ Ngày Quốc tế Thiếu nhi 1-6 và",
        "lúc hai mươi mốt giờ ngày quốc tế thiếu nhi một tháng sáu và",
    ),
    (
        "_day_months",
        "giảm, từ 1-1 tới ngày 15-5 chỉ có",
        "giảm, từ một tháng một tới ngày mười lăm tháng năm chỉ có",
    ),
    ("_initials", "cô N.T.B.Theo Thanh Niên", "cô nờ tê bê theo thanh niên"),  # a word glued on
    (
        "_written_slips",
        "điều không hề đơn giản.CEO 40 tuổi",
        "điều không hề đơn giản. xê e ô bốn mươi tuổi",
    ),
    # a deputy before a name, the government after "Văn phòng"
    (
        "_abbreviations_in_context",
        "ĐB Đinh Xuân Thảo nói, Văn phòng CP cho biết",
        "đại biểu đinh xuân thảo nói, văn phòng chính phủ cho biết",
    ),
    # trains, one each way; a code's part with a leading zero; a road before its number
    (
        "_codes",
        "tàu SNT3/4, SE19/20 chạy",
        "tàu ét nờ tê ba trên bốn, ét e mười chín trên hai mươi chạy",
    ),
    ("_written_slips", "tỉnh lộ ĐT 636B khiến", "tỉnh lộ đường tỉnh sáu trăm ba mươi sáu bê khiến"),
    (
        "_day_months",
        "30/4 và Quốc tế Lao động 1/5, công chức",
        "ba mươi tháng tư và quốc tế lao động một tháng năm, công chức",
    ),
    (
        "_ranges",
        "NDĐT – Từ 1-5, theo quy định",
        "nhân dân điện tử, từ một tháng năm, theo quy định",
    ),
    # capitals after a model's hyphened number; a boat of Bình Định; the road's kilometre 0
    ("_codes", "tiêm kích Su-30SM và Kub-10ME", "tiêm kích su ba mươi ét mờ và kub mười mờ e"),
    ("_codes", "tàu cá BĐ 98291TS bị", "tàu cá bê đê chín tám hai chín một tê ét bị"),
    (
        "_abbreviations_in_context",
        "cao tốc Hòa Bình - Mộc Châu (Km0 - Km19)",
        "cao tốc hòa bình, mộc châu, ki lô mét không đến ki lô mét mười chín",
    ),
    # a trading day ("phiên") is a date
    ("_day_months", "phiên 5/6, khối ngoại", "phiên năm tháng sáu, khối ngoại"),
    # a host's letters without a vowel are spelled
    (
        "_addresses",
        "truy cập tv360.vn hoặc vtv.vn",
        "truy cập tê vê ba trăm sáu mươi chấm vê nờ hoặc vê tê vê chấm vê nờ",
    ),
    # a scheme glued to the word before still starts an address
    (
        "_addresses",
        "thông qua websitehttps://ts.hust.edu.vn.",
        "thông qua website tê ét chấm hust chấm edu chấm vê nờ.",
    ),
    # capitals glued after a number, spelled (a unit or a currency is left to its rule)
    (
        "_codes",
        "hộp số 6AT, dẫn động 2WD, 8GB và 5000VNĐ",
        "hộp số sáu a tê, dẫn động hai vê kép đê, tám gi ga bai và năm nghìn đồng",
    ),
    (
        "_units",
        "mô-men xoắn 200 Nm, tiến trình 5 nm",
        "mô men xoắn hai trăm niu tơn mét, tiến trình năm na nô mét",
    ),
    # a date with its year written with dashes after "từ": no range
    (
        "_dates",
        "từ 1-7-2025 và từ 5-7 ngày",
        "từ ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm và từ năm đến bảy ngày",
    ),
    # a document's code whose issuer the lexicon said: no pause at its slash
    # round 8 (fresh7, new text): medals, plates, boats, records, trims, English thousands
    (
        "_abbreviations_in_context",
        "đoạt HC vàng và HC bạc",
        "đoạt huy chương vàng và huy chương bạc",
    ),
    (
        "_codes",
        "biển kiểm soát 51G-572.96, đang",
        "biển kiểm soát năm mươi mốt gờ năm bảy hai chín sáu, đang",
    ),
    (
        "_codes",
        "tàu BTh 89272 TS và BTH 98710TS",
        "tàu bê tê hát tám chín hai bảy hai tê ét và bê tê hát chín tám bảy một không tê ét",
    ),
    (
        "_ranges_with_units",
        "võ sĩ 33 tuổi, 17-3-1, 7 lần",
        "võ sĩ ba mươi ba tuổi, mười bảy ba một, bảy lần",
    ),
    ("_scores", "võ sĩ Lee (21-0, 19 lần)", "võ sĩ lee, hai mươi mốt không, mười chín lần"),
    (
        "_codes",
        "động cơ 2.0L, bản 2.0SP",
        "động cơ hai chấm không lít, bản hai chấm không ét pê",
    ),
    (
        "_decimals",
        "giá 23,000-30,000 USD",
        "giá hai mươi ba nghìn đến ba mươi nghìn đô la mỹ",
    ),
    # "độ C." closing a sentence keeps its full stop (sea-g2p took "C." for an initial)
    ("_units", "lên 39 độ C. Tai nạn", "lên ba mươi chín độ xê. tai nạn"),
    # round 9 (fresh8): a date word right before a pair wins over a sports word before it;
    # the last day of a span; a date closing its clause at a comma after "Sau"
    ("_day_months", "diễn ra từ 1 đến 3-10 tại", "diễn ra từ một đến ba tháng mười tại"),
    ("_day_months", "Sau 1/7, tiếp xúc", "sau một tháng bảy, tiếp xúc"),
    # a phone number abroad, with its country's code
    (
        "_phones",
        "liên lạc +972.555.025616 hoặc",
        "liên lạc cộng chín bảy hai, năm năm năm, không hai năm sáu một sáu hoặc",
    ),
    # a phone number with its area code in brackets, digit by digit
    (
        "_phones",
        "Điện thoại: (0292) 3891433 GPQC",
        "điện thoại, không hai chín hai, ba tám chín một bốn ba ba giấy phép quảng cáo",
    ),
    # round 12: what reviewers caught in the pool's readings
    ("_written_slips", "tỉnh Quảng Trịtại buổi", "tỉnh quảng trị tại buổi"),  # a name, a word
    ("_written_slips", "tất cảnhà giáo", "tất cả nhà giáo"),  # "cảnh à": not two common words
    ("_written_slips", "xử phạthành chính", "xử phạt hành chính"),  # not "phạ thành"
    ("_marks", "Nghị quyết Đại hội XIV” do", "nghị quyết đại hội mười bốn do"),  # no "phẩy phẩy"
    ("_units", "cho 19 ngành và", "cho mười chín ngành và"),  # sea-g2p: "ngàn giờ"
    ("_abbreviations_in_context", "do CP bảo lãnh", "do chính phủ bảo lãnh"),
    (
        "_abbreviations_in_context",
        "mua 386.000 cp trong",
        "mua ba trăm tám mươi sáu nghìn cổ phiếu trong",
    ),
    (
        "_month_year",
        "giai đoạn 7/2024 - 9/2024 tăng",
        "giai đoạn tháng bảy năm hai nghìn không trăm hai mươi bốn đến tháng chín năm hai nghìn"
        " không trăm hai mươi bốn tăng",
    ),
    (
        "_abbreviations_in_context",
        "cho phép trường ĐH đào tạo CĐ, nhưng",
        "cho phép trường đại học đào tạo cao đẳng, nhưng",
    ),  # a lone CĐ in a sentence about universities
    ("_abbreviations_in_context", "do CĐ Cty phát động.", "do công đoàn công ty phát động."),
    ("_abbreviations_in_context", "tăng thuế NK 4 lần", "tăng thuế nhập khẩu bốn lần"),
    ("_abbreviations_in_context", "các cơ sở GD ĐH và", "các cơ sở giáo dục đại học và"),
    ("_written_slips", "thủ tướng Bangladeshvừa tuyên bố", "thủ tướng bangladesh vừa tuyên bố"),
    (
        "_abbreviations_in_context",
        "vượt qua Trường GD 5, TPHCM",
        "vượt qua trường giáo dưỡng năm, thành phố hồ chí minh",
    ),
    ("_day_months", "Sớm 3/11, bão Goni", "sớm ba tháng mười một, bão goni"),
    ("_times", "Jesus 90+2’ ghi bàn", "jesus phút chín mươi cộng hai ghi bàn"),  # stoppage time
    (
        "_abbreviations_in_context",
        "đoạn km681-km697 qua",
        "đoạn ki lô mét sáu trăm tám mươi mốt đến ki lô mét sáu trăm chín mươi bảy qua",
    ),
    (
        "_negatives",
        "cao nhất hệ thống - 5,6% một năm",
        "cao nhất hệ thống, năm phẩy sáu phần trăm một năm",
    ),  # a dash set apart after a word, no minus
    ("_fractions", "vào vòng 1/16 cúp", "vào vòng một phần mười sáu cúp"),
    ("_money", "giá vàng nhẫn 9999 tăng", "giá vàng nhẫn chín chín chín chín tăng"),  # purity
    ("_codes", "tàu SE3/SE4 chạy", "tàu ét e ba, ét e bốn chạy"),  # two trains, no "trên"
    ("_roman_numerals", "tiêm đợt I và đợt II", "tiêm đợt một và đợt hai"),
    ("_roman_numerals", "bác sĩ chuyên khoa I Nguyễn", "bác sĩ chuyên khoa một nguyễn"),
    ("_marks", "thu nhập tính thuế (x) thuế suất", "thu nhập tính thuế nhân thuế suất"),
    ("_units", "đạt 5 tỷ tấn.km và", "đạt năm tỷ tấn ki lô mét và"),  # transport's unit
    ("_units", "nồng độ 414 ppm và", "nồng độ bốn trăm mười bốn phần triệu và"),
    ("_units", "hàng nghìn ha lúa", "hàng nghìn héc ta lúa"),
    ("_ranges", "thắng điểm 120-108, sau", "thắng điểm một trăm hai mươi, một trăm lẻ tám, sau"),
    ("_marks", "đón Tết 2026’ vui", "đón tết hai nghìn không trăm hai mươi sáu vui"),
    ("_units", "giá 50 triệu đồng một m2 và", "giá năm mươi triệu đồng một mét vuông và"),
    (
        "_ranges",
        "các chuyến bay từ Vinh - TP HCM và",
        "các chuyến bay từ vinh đến thành phố hồ chí minh và",
    ),
    (
        "_month_year",
        "trong quý 1-2027 sẽ",
        "trong quý một năm hai nghìn không trăm hai mươi bảy sẽ",
    ),
    (
        "_month_year",
        "6 tháng/2022 doanh thu",
        "sáu tháng năm hai nghìn không trăm hai mươi hai doanh thu",
    ),
    (
        "_month_year",
        "theo Nghị quyết số 11/2023 của",
        "theo nghị quyết số mười một trên hai nghìn không trăm hai mươi ba của",
    ),  # a document's number and year, not November
    (
        "_ranges_with_units",
        "khởi đầu mùa 2023-2024 bằng trận thắng",
        "khởi đầu mùa hai nghìn không trăm hai mươi ba đến hai nghìn không trăm hai mươi bốn"
        " bằng trận thắng",
    ),  # sea-g2p read a sum before "bằng": "trừ"
    ("_acronyms", "cổ phiếu PNJ tăng", "cổ phiếu pê nờ gi tăng"),  # not sea-g2p's "phê … giây"
    ("_day_months", "Ngày 22 - 12, quân đội", "ngày hai mươi hai tháng mười hai, quân đội"),
    ("_decimals", "giá 71,700 đồng", "giá bảy mươi mốt nghìn bảy trăm đồng"),  # no decimals
    (
        "_decimals",
        "giá 71,100 - 71,500 đồng",
        "giá bảy mươi mốt nghìn một trăm đến bảy mươi mốt nghìn năm trăm đồng",
    ),
    ("_units", "năng suất mỗi ha đạt", "năng suất mỗi héc ta đạt"),
    ("_written_slips", "làng cổ Ðường Lâm", "làng cổ đường lâm"),  # an eth typed for "Đ"
    ("_day_months", "ngày 6/1 âm lịch", "ngày sáu tháng giêng âm lịch"),  # the lunar first month
    ("_units", "giá thuê mỗi m2 khoảng", "giá thuê mỗi mét vuông khoảng"),
    ("_units", "500 người/km2, cao", "năm trăm người trên ki lô mét vuông, cao"),
    ("_slashes", "khi cất/ hạ cánh", "khi cất, hạ cánh"),  # a slash with one space
    ("_slashes", "mua 250 quả/người", "mua hai trăm năm mươi quả một người"),  # shared per head
    ("_slashes", "các nước Anh/Đức/Pháp đã", "các nước anh, đức, pháp đã"),  # a list of three
    ("_ranges", "mở 15 giờ - 20 giờ với", "mở mười lăm giờ đến hai mươi giờ với"),
    (
        "_written_slips",
        "trong quý III/2021cho thấy",
        "trong quý ba năm hai nghìn không trăm hai mươi mốt cho thấy",
    ),
    (
        "_abbreviations_in_context",
        "tại km81, km83; qua",
        "tại ki lô mét tám mươi mốt, ki lô mét tám mươi ba, qua",
    ),
    ("_slashes", "ghi ngày/tháng/năm sinh", "ghi ngày, tháng, năm sinh"),  # a format, a list too
    ("_slashes", "đạt 200 sản phẩm/máy/ngày", "đạt hai trăm sản phẩm một máy một ngày"),  # a rate
    (
        "_scores",
        "sau khi hạ Etcheverry 6-1, 4-6, 6-3.",
        "sau khi hạ etcheverry sáu một, bốn sáu, sáu ba.",
    ),
    ("_written_slips", "các SMEs và CEOs", "các ét mờ e và xê e ô"),  # a plural's "s" unsaid
    ("_slashes", "có 16 học sinh/lớp", "có mười sáu học sinh một lớp"),  # a two-word count
    ("_slashes", "bay Chu Lai/Đồng Hới", "bay chu lai, đồng hới"),  # a place, not the currency
    ("_slashes", "tại Đồng Nai/Bình Dương", "tại đồng nai, bình dương"),  # "Đồng" before it too
    ("_ranges_with_units", "niên vụ 23/24 tăng", "niên vụ hai mươi ba hai mươi bốn tăng"),
    (
        "_ranges_with_units",
        "V.League 1-2024/25 sẽ",
        "vi lích một hai nghìn không trăm hai mươi bốn đến hai mươi lăm sẽ",
    ),
    (
        "_phones",
        "Cục Lãnh sự: (+84) 24 3799 2364",
        "cục lãnh sự, cộng tám bốn, hai bốn, ba bảy chín chín, hai ba sáu bốn",
    ),
    # round 13, fitted on round 12's blind sets (fresh11, fresh12) once they were scored
    ("_phones", "Điện thoại: 08.39309882 - Fax", "điện thoại, không tám, ba chín ba không chín"
     " tám tám hai, fax"),  # a capital "Điện thoại"; an area code, a dot, the line
    ("_digit_strings", "Số tài khoản USD 115000196228 tại", "số tài khoản đô la mỹ một một năm"
     " không không không một chín sáu hai hai tám tại"),
    ("_units", "Trà Vinh rộng 2.341 km 2; nằm ở", "trà vinh rộng hai nghìn ba trăm bốn mươi mốt"
     " ki lô mét vuông, nằm ở"),  # the page lost the superscript
    ("_abbreviations_in_context", "số 51 Trương Định, P6, quận 3", "số năm mươi mốt trương"
     " định, phường sáu, quận ba"),
    ("_abbreviations_in_context", "người phát ngôn CA TP Hải Phòng cho biết", "người phát"
     " ngôn công an thành phố hải phòng cho biết"),
    ("_abbreviations_in_context", "PGĐ Sở LĐTB&XH tỉnh Bắc Ninh", "phó giám đốc sở lao động"
     " thương binh và xã hội tỉnh bắc ninh"),  # "XH" as the listed names say it after "&"
    ("_camel_case", "trên kênh VTVcab, các ứng dụng", "trên kênh vê tê vê cab, các ứng dụng"),
    ("_decimals", "giật cấp 11,12, vào vùng", "giật cấp mười một, mười hai, vào vùng"),
    ("_roman_numerals", "Chi cục Quản lý đường bộ II.5 đề nghị", "chi cục quản lý đường bộ hai"
     " chấm năm đề nghị"),
    # round 13, fitted on readers' review of 2,400 more sentences of the fitted sets' articles
    ("_day_months", "các tàu HP4 ngày 2, 3, 4/5.", "các tàu hát pê bốn ngày hai, ba, bốn tháng"
     " năm."),  # days listed after "ngày", the last with its month
    ("_day_months", "(tức là đến 24-4 tới) thì", "tức là đến hai mươi bốn tháng tư tới, thì"),
    ("_day_months", "chốt phiên 26.2: Vàng", "chốt phiên hai mươi sáu tháng hai, vàng"),
    ("_written_slips", "đánh bại SLNA 4-1ở vòng", "đánh bại sông lam nghệ an bốn một ở vòng"),
    ("_abbreviations_in_context", "- Qua TK ngân hàng Viettinbank:", "qua tài khoản ngân hàng"
     " viettinbank"),
    ("_marks", "Giá vàng (*) tăng mạnh ====", "giá vàng tăng mạnh"),
    ("_written_slips", "mẫu ET1Sau đó", "mẫu e tê một sau đó"),  # a sentence's space lost
    # round 13, after the blind score: fitted on fresh14's misses (phone and tech news)
    ("_codes", "khẩu độ f/2.4 hoặc f/1.5, cho phép", "khẩu độ ép hai chấm bốn hoặc ép một"
     " chấm năm, cho phép"),
    ("_codes", "wifi 802,11ax, Wifi 6", "wifi tám không hai chấm mười một a ích, wifi sáu"),
    ("_codes", "Xiaomi Mi Mix 2s và iPhone 6/6s, iPhone 5s", "xiaomi mi mix hai ét và i phone"
     " sáu, sáu ét, i phone năm ét"),
    ("_roman_numerals", "Trung ương 4 khóa XI,XII về", "trung ương bốn khóa mười một, mười hai"
     " về"),
    ("_roman_numerals", "trong quý II /2019, tổng", "trong quý hai năm hai nghìn không trăm"
     " mười chín, tổng"),
    ("_units", "đạt 31,5 Mb/giây", "đạt ba mươi mốt phẩy năm mê ga bít trên giây"),
    # words run together where a crawler dropped the spaces round a link
    ("_written_slips", "trời cómưarào rải rác", "trời có mưa rào rải rác"),
    ("_written_slips", "bàn vềcông tác", "bàn về công tác"),
    ("_written_slips", "Thủ tướng Phạm Minh Chínhchủ trì", "thủ tướng phạm minh chính chủ trì"),
    ("_written_slips", "tổ chứckỳsát hạch", "tổ chức kỳ sát hạch"),
    ("_slashes", "tàu 64 chỗ/toa và 6-23 người/đoàn", "tàu sáu mươi bốn chỗ một toa và sáu đến"
     " hai mươi ba người một đoàn"),
    ("_times", "tỷ lệ hoán đổi cổ phần là 1:15.", "tỷ lệ hoán đổi cổ phần là một trên mười"
     " lăm."),  # a ratio, no clock
    ("_month_year", "cổ tức đợt 1/2019 bằng tiền", "cổ tức đợt một năm hai nghìn không trăm"
     " mười chín bằng tiền"),
    ("_decimals", "trong quý 2,3 năm nay", "trong quý hai, ba năm nay"),
    ("_scores", "cơ hội 50-50 cho", "cơ hội năm mươi năm mươi cho"),  # no range of one value
    ("_roman_numerals", "cảnh báo cấp độ I và", "cảnh báo cấp độ một và"),
    ("_roman_numerals", "(Quân khu IV 300 người)", "quân khu bốn, ba trăm người"),
    ("_fractions", "lần này chỉ là 1/1000.", "lần này chỉ là một trên một nghìn."),
    ("_ranges", "từ 19h ngày 22/12/2023 - 7h ngày 23/12", "từ mười chín giờ ngày hai mươi hai"
     " tháng mười hai năm hai nghìn không trăm hai mươi ba đến bảy giờ ngày hai mươi ba tháng"
     " mười hai"),
    ("_abbreviations_in_context", "Tp HCM", "thành phố hồ chí minh"),
    ("_abbreviations_in_context", "(Ảnh: TL) và ảnh NV", "ảnh, tư liệu, và ảnh nhân vật"),
    ("_phones", "soạn tin DK VIP gửi 1331 với", "soạn tin đê ca vê i pê gửi một ba ba một với"),
    ("_phones", "máy có đuôi 332 gọi", "máy có đuôi ba ba hai gọi"),
    ("_day_months", "Ngày 3 và 4/8, ông đi khám", "ngày ba và bốn tháng tám, ông đi khám"),
    ("_day_months", "Tính đến 15-3, đã có", "tính đến mười lăm tháng ba, đã có"),
    ("_day_months", "sự cố nghiêm trọng vào 5/10, khiến", "sự cố nghiêm trọng vào năm tháng"
     " mười, khiến"),
    ("_ranges", "áp đảo 3,5-0,5 trước", "áp đảo ba phẩy năm không phẩy năm trước"),
    ("_ranges", "thua 2,5-3,5 trước", "thua hai phẩy năm ba phẩy năm trước"),
]  # fmt: skip


def test_numbers_among_foreign_names_are_said_in_vietnamese(normalizer):
    # sea-g2p takes a line-up's names for English and says the substitutes' minutes so
    # ("seventy seven"); English number words the text itself writes stay (issue 30, round 14)
    spoken = normalizer.normalize("Chelsea: Silva, Gusto (Mudryk 77), Enzo Fernandez", "vi")
    assert spoken == "chelsea, silva, gusto, mudryk bảy mươi bảy, enzo fernandez"
    assert normalizer.normalize("One Piece tập 1000", "vi") == "one piece tập một nghìn"
    assert normalizer.normalize("phim trongOne Night in Miami", "vi") == (
        "phim trong one night in miami"
    )
    assert normalizer.normalize("Chelsea: Sanchez 125, Disasi 2023", "vi") == (
        "chelsea, sanchez một trăm hai mươi lăm, disasi hai nghìn không trăm hai mươi ba"
    )
    # players' ratings: "seven point five"
    assert normalizer.normalize("Chelsea: Sanchez 7.5, Disasi 6.8", "vi") == (
        "chelsea, sanchez bảy phẩy năm, disasi sáu phẩy tám"
    )


def test_names_the_news_repeats_are_read_from_the_builtin_lexicon(normalizer):
    # Readings no rule can know, frequent in real news (issue 30, round 3).
    assert normalizer.normalize("tiêm kích MiG-21Bis", "vi") == "tiêm kích mích hai mươi mốt bis"
    # round 14, a domain pool's brands and papers
    assert normalizer.normalize("vay FE CREDIT, theo báo SKĐS", "vi") == (
        "vay ép e crê đít, theo báo sức khỏe và đời sống"
    )
    assert normalizer.normalize("Chủ tịch PVcomBank", "vi") == "chủ tịch pê vê com banh"
    assert normalizer.normalize("Trường ĐH KHXH&NV", "vi") == (
        "trường đại học khoa học xã hội và nhân văn"
    )
    assert normalizer.normalize("với Sars-CoV-2", "vi") == "với xát cô vi hai"
    # Round 4: words in capitals, an abbreviation, names (data/lexicon.tsv).
    assert normalizer.normalize("đạt TOP 10 và 737 MAX", "vi") == (
        "đạt tóp mười và bảy trăm ba mươi bảy mắc"
    )
    assert normalizer.normalize("Bệnh viện ĐKQT Thu Cúc", "vi") == (
        "bệnh viện đa khoa quốc tế thu cúc"
    )
    assert normalizer.normalize("Chủ tịch LienVietPostBank", "vi") == (
        "chủ tịch liên việt pốt banh"
    )
    assert normalizer.normalize("thiết bị IoT", "vi") == "thiết bị i ô tê"  # was "io tê"
    # Round 6: names and abbreviations the news repeats (IELTS 13 times in unc-more, REvil 13,
    # CH Séc 8, VietABank 5, talkSPORT 4, M-TP 3, XTPTDL 3).
    assert normalizer.normalize("chứng chỉ IELTS và nhóm REvil", "vi") == (
        "chứng chỉ ai eo và nhóm rê vin"
    )
    assert normalizer.normalize("Sơn Tùng M-TP ở CH Séc", "vi") == (
        "sơn tùng em tê pê ở cộng hòa séc"
    )
    assert normalizer.normalize("Quỹ XTPTDL, HHDL Đà Nẵng", "vi") == (
        "quỹ xúc tiến phát triển du lịch, hiệp hội du lịch đà nẵng"
    )


def test_a_list_goes_on_as_a_date_only_after_a_date(normalizer):
    # "1/5" after a date is a date; after a fraction it is a fraction (issue 30, round 3).
    assert (
        normalizer.normalize("nghỉ 30/4 và 1/5", "vi") == "nghỉ ba mươi tháng tư và một tháng năm"
    )
    assert normalizer.normalize("nhận 1/3 và 1/6 cổ phần", "vi") == (
        "nhận một phần ba và một phần sáu cổ phần"
    )
    assert normalizer.normalize("bậc thợ 5/7, 4/6 trở lên", "vi") == (
        "bậc thợ năm phần bảy, bốn phần sáu trở lên"
    )


# Round 12's readings that no single rule owns (without the rule that was mended, another
# rule or sea-g2p still reads them some way), so they cannot be RULE_CASES; each was broken
# on purpose through the code that reads it.
AGREED_CASES = [
    # no range has equal ends, and a score's date or year after it (the score rule and the
    # range rule read it alike)
    ("trận hòa Bournemouth 2-2 ngày 20/3", "trận hòa bournemouth hai hai ngày hai mươi tháng ba"),
    ("thua 0-9 năm 1996 và 0-11 năm 2000", "thua không chín năm một nghìn chín trăm chín mươi"
     " sáu và không mười một năm hai nghìn"),
    # years, then a name: not the numeral 1015
    ("giai đoạn 2023-2030, MXV sẽ", "giai đoạn hai nghìn không trăm hai mươi ba đến hai nghìn"
     " không trăm ba mươi, mờ ích vê sẽ"),
    ("thế kỷ 19, XX và", "thế kỷ mười chín, hai mươi và"),
    # a dash set apart after a plate's capital is the plate's, not a pause
    ("rơ móc BKS 51R - 161.82, do",
     "rơ móc biển kiểm soát năm mươi mốt rờ một sáu một tám hai, do"),
    # a hyphen after a time word is a range's, not a name's ("Nanggala-402")
    ("mở 15 giờ-20 giờ với", "mở mười lăm giờ đến hai mươi giờ với"),
    # a dash between places after "từ" is "đến", but not inside a name
    ("quận Nam Từ Liêm - Hà Nội", "quận nam từ liêm, hà nội"),
    ("đi từ Bà Rịa - Vũng Tàu về", "đi từ bà rịa, vũng tàu về"),
    ("đến từ Đà Nẵng - Nguyễn Thị Khánh", "đến từ đà nẵng, nguyễn thị khánh"),
    # a foreign name glued to a word parts only one way, before a consonant
    ("Hernán Cortés đánh bại", "hernán cortés đánh bại"),
    ("áp lực với Lampardở mùa này", "áp lực với lampardở mùa này"),
    # a rating out of a total, not a part ("ba phần năm")
    ("chấm phim 3/5 sao", "chấm phim ba trên năm sao"),
    # "Khánh Hòa", "ông Thắng": names, no match's words; the dash is a range's
    ("từ Khánh Hòa đến Bình Thuận sóng cao 3-5 m.",
     "từ khánh hòa đến bình thuận sóng cao ba đến năm mét."),
    # a slash before "1 triệu" is "trên" (a rate per million), not the "một" of "con/1kg"
    ("có 300 ca nhiễm/1 triệu dân", "có ba trăm ca nhiễm trên một triệu dân"),
    # "qua" names a day only after "hôm", "sáng" ...: "xem qua 5-10 bài" is a range
    ("xem qua 5-10 bài", "xem qua năm đến mười bài"),
    ("hôm qua 5-10 trời", "hôm qua ngày năm tháng mười trời"),
    # an aircraft's model and variant: no range, no thousands ("A350-900")
    ("máy bay A350-900 của", "máy bay a ba trăm năm mươi, chín trăm của"),
    ("với A350-1000, không", "với a ba trăm năm mươi, một nghìn, không"),  # not 351,000
    # a rising pair after "đến" closing its clause is a range's end, no date
    ("nhiệt độ giảm đến 3-5, có nơi", "nhiệt độ giảm đến ba đến năm, có nơi"),
    ("sóng cao 2,5-3,5 m", "sóng cao hai phẩy năm đến ba phẩy năm mét"),
    # a unit after a number in brackets is the unit, not letters ("mờ vê kép")
    ("Sông Giang (37 MW) và", "sông giang, ba mươi bảy mê ga oát, và"),
    # round 13: a rising pair before a measure's unit is its range, whatever sports word
    # ("đường dẫn") came before
    ("cầu dài 8,3 km cả đường dẫn, rộng 12-15 m, khánh thành", "cầu dài tám phẩy ba ki lô mét"
     " cả đường dẫn, rộng mười hai đến mười lăm mét, khánh thành"),
    ("Man City dẫn 1-2 phút 80", "man city dẫn một hai phút tám mươi"),
    # an area code, a dot and the line is a phone with no word before it; a capital
    # "Điện thoại" is the word before one written with hyphens
    ("Văn phòng 024.38221234, mở cửa", "văn phòng không hai bốn, ba tám hai hai một hai ba"
     " bốn, mở cửa"),
    ("Hotline: 0236 382 21 23 để", "hotline, không hai ba sáu, ba tám hai, hai một, hai ba"
     " để"),
    # two short names side by side, no rate "trên" (and G a generation, not grams)
    ("mạng 4G/5G", "mạng bốn gờ, năm gờ"),
    ("hộp số M/T và A/T", "hộp số mờ, tê và a, tê"),
    # a short code's "gửi" is no amount's; a slash before a year stays a month
    ("nhắn tin ủng hộ gửi 500 triệu", "nhắn tin ủng hộ gửi năm trăm triệu"),
    ("tháng 1/2021", "tháng một năm hai nghìn không trăm hai mươi mốt"),
    ("xong từ tháng 9/1869.", "xong từ tháng chín năm một nghìn tám trăm sáu mươi chín."),
    ("từ tháng 3/1800 đến", "từ tháng ba năm một nghìn tám trăm đến"),
    # a clock time without "tỷ lệ" before it
    ("lúc 12:11 sáng", "lúc mười hai giờ mười một phút sáng"),
    ("công nghệ VAR và BCH quân sự huyện, BCH Đoàn", "công nghệ vê a rờ và ban chỉ huy quân"
     " sự huyện, ban chấp hành đoàn"),  # VAR spelled, as the pools' readers asked
    # seconds stay seconds; region codes and a party committee's standing board are listed
    ("chạy 100 m trong 9,58s", "chạy một trăm mét trong chín phẩy năm mươi tám giây"),
    ("Trong 10s đầu, sau 2s thì", "trong mười giây đầu, sau hai giây thì"),
    ("BTV huyện ủy, mã VN/A, DxOMark", "ban thường vụ huyện ủy, mã vê nờ a, đê ích ô mác"),
    ("cấp CCHN cho CBCCVC, QLHC", "cấp chứng chỉ hành nghề cho cán bộ công chức viên chức,"
     " quản lý hành chính"),
    ("Đài TNVN, CSGT-TT, Ảnh: FBNV, 60 mph", "đài tiếng nói việt nam, cảnh sát giao thông trật"
     " tự, ảnh, phây búc nhân vật, sáu mươi dặm một giờ"),
    # a word in mixed case is no Roman numeral, nor is a lone C, D, L or M (a licence's class)
    ("Công ty cổ phần Xi măng Vicem", "công ty cổ phần xi măng vicem"),
    ("bằng lái hạng C và hạng D", "bằng lái hạng xê và hạng đê"),
    ("Arsenal vs Chelsea ở Cúp QG, TT-Huế", "arsenal với chelsea ở cúp quốc gia, thừa thiên huế"),
    # two capitals then lower case may be a letter and a word ("V Scan"), not initials
    ("VScan của", "vê scan của"),
    # only a next level after the comma lists levels; the square's lost ² only before a break
    ("cấp 1,5 độ", "cấp một phẩy năm độ"),
    ("cách 3 km 2 xã", "cách ba ki lô mét hai xã"),
    # abbreviations read whole (HĐBA 20 times in the corpus and pools)
    ("HĐBA LHQ và Đội CSGTTT", "hội đồng bảo an liên hợp quốc và đội cảnh sát giao thông"
     " trật tự"),
]  # fmt: skip


@pytest.mark.parametrize(("written", "spoken"), AGREED_CASES)
def test_a_reading_that_no_single_rule_owns(normalizer, written, spoken):
    assert normalizer.normalize(written, "vi") == spoken


def test_a_half_after_an_ampersand_is_read_only_as_every_listed_name_reads_it():
    from vnmedia.text.acronyms import _ampersand_halves

    halves = _ampersand_halves()
    # "LĐ-TB&XH", "KHXH&NV" agree on "XH"; "GD&ĐT" and "BKH&ĐT" do not on "ĐT"
    assert halves["XH"] == "xã hội" and halves["PTNT"] == "phát triển nông thôn"
    assert "ĐT" not in halves and "TT" not in halves


def test_an_abbreviation_with_two_senses_is_read_as_its_sentence_chooses(tmp_path):
    from vnmedia.text.lexicon import Lexicon

    normalizer = TextNormalizer()
    health = "Bệnh nhân nhiễm HCV cần điều trị sớm. Đội tuyển giành HCV."
    assert normalizer.normalize(health, "vi") == (
        "bệnh nhân nhiễm hát xê vê cần điều trị sớm. đội tuyển giành huy chương vàng."
    )  # each sentence its own sense
    assert normalizer.normalize("giá BTC tăng khi bitcoin lên đỉnh", "vi").startswith(
        "giá bê tê xê"
    )
    assert normalizer.normalize("BTC giải đấu cho biết", "vi") == "ban tổ chức giải đấu cho biết"
    # the unit a price is given per: "USD/BTC" in a sentence on bitcoin
    assert normalizer.normalize("giá bitcoin 82.201 USD/BTC", "vi").endswith("một bê tê xê")
    # the producer's lexicon wins over the sense table
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("HCV\tvi rút viêm gan xê\n", encoding="utf-8")
    mine = TextNormalizer(Lexicon.load([lexicon]))
    assert mine.normalize("Bệnh nhân nhiễm HCV.", "vi") == "bệnh nhân nhiễm vi rút viêm gan xê."


def test_words_run_together_part_the_one_way_news_would_write_them():
    from vnmedia.text.acronyms import _glued_syllables

    assert _glued_syllables("cómưarào") == ["có", "mưa", "rào"]
    assert _glued_syllables("trìnhlỗi") == ["trình", "lỗi"]  # fewest: not "trình lỗ i"
    assert _glued_syllables("côngan") == ["công", "an"]  # a word, not "côn gan"
    assert _glued_syllables("Chínhchủ") == ["Chính", "chủ"]  # a name, then a marked word
    # a name parts only before a word in lower case or marked: not "Hà giang", "Lê nin"
    assert _glued_syllables("Hàgiang") == [] and _glued_syllables("Lênin") == []
    assert _glued_syllables("cócông") == []  # "có công" or "cóc ông": left as written


def test_a_lone_cd_beside_a_trade_unions_words_is_no_college(normalizer):
    # a sentence with a union's words keeps CĐ for "công đoàn" (issue 30, round 12)
    spoken = normalizer.normalize("Đoàn viên CĐ của trường ĐH tham gia.", "vi")
    assert "cao đẳng" not in spoken and "đại học" in spoken


def test_a_name_is_not_cut_where_a_vowel_would_start_the_word(normalizer):
    # "Lênin" parts as "Lê nin" or "Lên in": a name glued to a word parts only before a
    # consonant, and "nin" is no word of its own (issue 30, round 12)
    assert normalizer.normalize("chủ nghĩa Mác-Lênin", "vi") == "chủ nghĩa mác lênin"


@pytest.mark.parametrize(("rule", "written", "spoken"), RULE_CASES)
def test_each_context_rule_reads_its_cases_and_is_needed_for_them(
    normalizer, monkeypatch, rule, written, spoken
):
    from vnmedia.text import normalize as module

    assert normalizer.normalize(written, "vi") == spoken
    # Without the rule the case is read otherwise: the rule, not the library, reads it.
    if rule in ("_phones", "_currency_codes", "_written_slips"):  # run before the lexicon
        monkeypatch.setattr(module, rule, lambda text: text)
    else:
        without = [r for r in module.VIETNAMESE_RULES if r.__name__ != rule]
        assert len(without) == len(module.VIETNAMESE_RULES) - 1
        monkeypatch.setattr(module, "VIETNAMESE_RULES", without)
    assert normalizer.normalize(written, "vi") != spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("dịch SARS-CoV-2", "dịch xát cô vi hai"),  # acronyms said as words
        ("lắp thẻ SIM", "lắp thẻ sim"),
        ("BS.CKI Nguyễn Văn A", "bác sĩ chuyên khoa một nguyễn văn a"),
        ("thông điệp 5K", "thông điệp năm ca"),
        ("đóng BHTN đủ", "đóng bảo hiểm thất nghiệp đủ"),  # soe-vinorm's dictionary
        # a state body as a document's issuer and in text; the audit office, not "kinh tế"
        (
            "Thông tư 15/2020/TT-BCA",
            "thông tư mười lăm trên hai nghìn không trăm hai mươi trên thông tư bộ công an",
        ),
        ("KTNN cho biết", "kiểm toán nhà nước cho biết"),
        ("ngày ĐKCC", "ngày đăng ký cuối cùng"),  # the stock market's words
        ("dầu diesel 0,05S tăng", "dầu diesel không phẩy không năm ét tăng"),  # sulphur
        # a code's part with a leading zero is no range's end (the codes rule reads it)
        (
            "gồm hầm chui HC1-01 tại nút giao Mai Chí Thọ - Đồng Văn Cống, hầm chui HC1-02 kết nối",
            "gồm hầm chui hát xê một không một tại nút giao mai chí thọ, đồng văn cống, hầm chui"
            " hát xê một không hai kết nối",
        ),
        (
            "thảo luận tại QH, thị trường TQ, nối TX.Sơn Tây",
            "thảo luận tại quốc hội, thị trường trung quốc, nối thị xã sơn tây",
        ),
        ("Bộ NN-MT và ứng dụng VNeID", "bộ nông nghiệp và môi trường và ứng dụng vê nờ e i đê"),
        ("Sở LĐTBXH", "sở lao động thương binh xã hội"),
        ("A &amp; B&nbsp;cùng <b>đi</b>", "a và bê cùng đi"),  # markup never spoken
        ("công điện số 03 ngày", "công điện số không ba ngày"),  # a number keeps its zero
        ("năm 300 TCN", "năm ba trăm trước công nguyên"),
        ("Cơ quan CSĐT khởi tố", "cơ quan cảnh sát điều tra khởi tố"),  # labelled (round 7)
        ("Sở TN-MT và Sở TT-TT", "sở tài nguyên và môi trường và sở thông tin và truyền thông"),
        ("Chỉ thị 15/CT-TTg (T/h)", "chỉ thị mười lăm trên chỉ thị thủ tướng, tổng hợp"),
        ("vòng 11 V.League 2023", "vòng mười một vi lích hai nghìn không trăm hai mươi ba"),
        ("chỉ số SpO2 92%", "chỉ số ét pê ô hai chín mươi hai phần trăm"),
        ("báo VietNamNet và sàn HoSE, trên MXH", "báo việt nam nét và sàn hô xê, trên mạng xã hội"),
    ],
)
def test_listed_abbreviations_and_markup(normalizer, written, spoken):
    assert normalizer.normalize(written, "vi") == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("nhà số 12/3 đường Lê Lợi", "nhà số mười hai trên ba đường lê lợi"),  # a house
        ("phục vụ 24/7", "phục vụ hai mươi bốn trên bảy"),
        ("chiếm 1/3 dân số", "chiếm một phần ba dân số"),  # a fraction, no date word
        ("vòng 1/8", "vòng một phần tám"),
        ("chỉ là 1/3,2 triệu.", "chỉ là một trên ba phẩy hai triệu."),  # a ratio
        ("những tiêu chí TINH HOA, những", "những tiêu chí tinh hoa, những"),  # words
        ("thẻ đỏ khiến HLVKoeman", "thẻ đỏ khiến huấn luyện viên koeman"),  # a title
        ("màn hình 4K và video 8K", "màn hình bốn ca và video tám ca"),  # no thousands
        ("thêm 1K nữa, giá 50K", "thêm một ca nữa, giá năm mươi nghìn"),
        ("từ 1t-2t", "từ một tỷ đến hai tỷ"),  # a symbol's range stays glued (NeMo's case)
        ("mất 1 triệu km2 kể", "mất một triệu ki lô mét vuông kể"),  # an area, no point
        (
            "học phí 80 triệu đồng/4 năm",
            "học phí tám mươi triệu đồng trên bốn năm",
        ),  # not "một bốn"
        (
            "văn bản số 88/TB-VPCP thông báo",
            "văn bản số tám mươi tám trên thông báo văn phòng chính phủ thông báo",
        ),  # the kind in full beside its issuer in full
        ("phân khu (1/2.000) nội đô", "phân khu, một trên hai nghìn, nội đô"),  # a scale
        ("hợp đồng 3-5 năm của cầu thủ", "hợp đồng ba đến năm năm của cầu thủ"),
        ("cước 30đ/TB", "cước ba mươi đồng một thuê bao"),  # a unit after a slash
        ("vận tốc 60 km/h", "vận tốc sáu mươi ki lô mét trên giờ"),  # a unit's slash
        ("lương 50.000đ/ngày", "lương năm mươi nghìn đồng trên ngày"),  # NeMo's reading
        ("chỉ 1 - 1 tiếng rưỡi", "chỉ một đến một tiếng rưỡi"),  # a range, not a score
        ("Man Utd dẫn trước 4-2.", "man united dẫn trước bốn hai."),  # "trước" no date word here
        (
            "trận thắng 3-1 của Tottenham sáng 25-9 khi",
            "trận thắng ba một của tottenham sáng ngày hai mươi lăm tháng chín khi",
        ),  # a time of day right before the pair: a date, though a sports word came before
        ("tăng +12 34 điểm", "tăng cộng mười hai ba mươi bốn điểm"),  # too short for a phone
        ("Giá: 950.000 VNĐ/60ml.", "giá, chín trăm năm mươi nghìn đồng một sáu mươi mi li lít."),
        ("thông báo số 333/TB-ĐTTH", "thông báo số ba trăm ba mươi ba trên tê bê đê tê tê hát"),
        ("anh LinhTheo nói", "anh linh theo nói"),  # Vietnamese syllables run together
        ("MediaTek và iPhone, eKYC", "mediatek và i phone, e ca y xê"),  # no Vietnamese letter
        ("lúc 8H30 sáng", "lúc tám giờ ba mươi phút sáng"),  # a time, not a code
        ("xe biển 65M2-0987", "xe biển sáu mươi lăm mờ hai không chín tám bảy"),  # a plate
        ("chụp tia X và anh V. nói", "chụp tia ích và anh vê nói"),  # lone letters: initials
        ("men gan 1000 UI/L", "men gan một nghìn u i trên lít"),  # a unit before a slash
        ("TheoForbes, Man Utd", "theo forbes, man united"),
        ("RAM 3/4 GB", "ram ba trên bốn gi ga bai"),  # two sizes, not three quarters
        ("từ tháng 4/2021", "từ tháng tư năm hai nghìn không trăm hai mươi mốt"),
        ("ra mắt, DIêu An", "ra mắt, diêu an"),  # a slip of case, not two words
    ],
)
def test_what_the_context_rules_leave_alone(normalizer, written, spoken):
    assert normalizer.normalize(written, "vi") == spoken


def test_a_producer_lexicon_wins_over_the_dictionary_abbreviations(tmp_path):
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("BHTN\tbê hát tê nờ\n", encoding="utf-8")
    assert TextNormalizer(Lexicon.load([tsv])).normalize("BHTN", "vi") == "bê hát tê nờ"


def test_normalize_explain_names_the_rule_or_lexicon_that_read_each_token(tmp_path):
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("HAGL\thoàng anh gia lai\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["normalize", "--explain", "--lexicon", str(tsv), "HAGL thắng 2-0 sáng nay 2/9, HLV, CSGT"],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("hoàng anh gia lai thắng hai không sáng nay ngày hai tháng chín")
    explained = dict(line.strip().split("\t", 1) for line in lines[1:])
    assert explained == {
        "HAGL": "your lexicon → hoàng anh gia lai",
        "2-0": "scores",
        "2/9": "day months",
        "HLV": "built-in lexicon (data/lexicon.tsv) → huấn luyện viên",
        "CSGT": "sea-g2p",
    }


def test_roman_value_reads_well_formed_numerals_only():
    from vnmedia.text.spoken_words import roman_value

    assert [roman_value(n) for n in ("XIV", "xix", "MMMCMXCIX", "IV", "II")] == [
        14, 19, 3999, 4, 2,
    ]  # fmt: skip
    assert [roman_value(n) for n in ("IIII", "IC", "VV", "", "ABC")] == [None] * 5
    # A numeral the normalizer reads, one it leaves ("IIII" is no numeral).
    normalizer = TextNormalizer()
    assert normalizer.normalize("thế kỷ XIV", "vi") == "thế kỷ mười bốn"
    assert "bốn" not in normalizer.normalize("thế kỷ IIII", "vi")
