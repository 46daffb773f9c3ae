"""Where articles start: separators, one-article reading, tables, derived titles, --explain."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vnmedia import build, load_settings
from vnmedia.cli import cli
from vnmedia.text.boundaries import (
    Boundary,
    Vocabulary,
    candidate_features,
    choose,
    find_boundaries,
    load_model,
)
from vnmedia.text.pieces import Piece
from vnmedia.text.split import TABLE_MARK, derive_title, split_articles

from fake_engines import SHARED_CORPUS, FakeTranslator, FakeTTS

UNC = SHARED_CORPUS / "unc"
UNC_MORE = SHARED_CORPUS / "unc-more"

FIRST = (
    "Hà Nội mở thêm ba thư viện",
    "Chiều 6-10, thành phố khánh thành ba thư viện mới ở các quận nội thành, mỗi thư viện "
    "có hơn mười nghìn đầu sách cho mọi lứa tuổi.",
    "Các thư viện mở cửa từ 8h đến 20h hằng ngày, kể cả thứ bảy và chủ nhật.",
)
SECOND = (
    "Đà Nẵng đón đoàn khách quốc tế đầu tiên",
    "Sáng 7-10, chuyến bay chở hai trăm du khách Hàn Quốc hạ cánh xuống sân bay Đà Nẵng, mở "
    "lại đường bay quốc tế sau nhiều tháng gián đoạn.",
    "Du khách được đón bằng hoa và được hướng dẫn các quy định phòng dịch tại khách sạn.",
)


def titles(text: str, **options: bool) -> list[str]:
    return [a.title for a in split_articles(text, source="t.txt", **options)]


@pytest.mark.parametrize("separator", ["---", "***", "###", "* * *", "\f"])
def test_a_separator_line_always_ends_an_article(separator):
    # One story cut in two by the producer: only the separator says where.
    text = f"{FIRST[0]}\n{FIRST[1]}\n{separator}\n{FIRST[2]}\n"
    articles = split_articles(text, source="t.txt")
    assert [a.title for a in articles][0] == FIRST[0]
    assert len(articles) == 2 and articles[1].paragraphs[0].text == FIRST[2]
    assert len(titles(text.replace(f"\n{separator}\n", "\n"))) == 1


def test_one_article_reads_the_file_whole_even_with_separators():
    text = "\n".join(FIRST) + "\n---\n" + "\n".join(SECOND) + "\n"
    [article] = split_articles(text, source="t.txt", one_article=True)
    assert article.title == FIRST[0]
    spoken = " ".join(p.text for p in article.paragraphs)
    assert SECOND[1] in spoken and "---" not in spoken


def test_one_article_flag_and_config_reach_the_reader(tmp_path):
    (tmp_path / "two.txt").write_text(
        "\n".join(FIRST) + "\n---\n" + "\n".join(SECOND) + "\n", encoding="utf-8"
    )
    runner = CliRunner()
    found = runner.invoke(cli, ["split", "--json", str(tmp_path / "two.txt")])
    assert len(json.loads(found.stdout)["files"][0]["articles"]) == 2
    flag = runner.invoke(cli, ["split", "--json", "--one-article", str(tmp_path / "two.txt")])
    assert len(json.loads(flag.stdout)["files"][0]["articles"]) == 1
    (tmp_path / "vnmedia.toml").write_text("one_article = true\n", encoding="utf-8")
    config = runner.invoke(
        cli,
        ["--config", str(tmp_path / "vnmedia.toml"), "split", "--json", str(tmp_path / "two.txt")],
    )
    assert len(json.loads(config.stdout)["files"][0]["articles"]) == 1


TABLE_ARTICLE = [
    "Điểm chuẩn Trường Đại học Kinh tế năm 2024",
    "Trường Đại học Kinh tế vừa công bố điểm chuẩn trúng tuyển theo phương thức xét điểm thi "
    "tốt nghiệp trung học phổ thông, cao nhất là ngành Kinh tế quốc tế.",
    "Thí sinh trúng tuyển xác nhận nhập học trực tuyến trước 17h ngày 27-8.",
    "STT",
    "Mã ngành",
    "Tên ngành",
    "Điểm chuẩn",
    *[
        cell
        for number, (code, name, score) in enumerate(
            [
                ("7340301", "Kế toán", "25.5"),
                ("7340302", "Kiểm toán", "25.8"),
                ("7340401", "Khoa học quản lý", "24.9"),
                ("7310106", "Kinh tế quốc tế", "27.1"),
                ("7340101", "Quản trị kinh doanh", "26.2"),
            ],
            1,
        )
        for cell in (str(number), code, name, score)
    ],
    "Năm nay trường tuyển hơn sáu nghìn chỉ tiêu, tăng năm trăm chỉ tiêu so với năm trước.",
]


def test_a_flattened_table_stays_in_its_article_and_is_not_read():
    [article] = split_articles("\n".join(TABLE_ARTICLE) + "\n", source="t.txt")
    spoken = [p.text for p in article.paragraphs]
    assert not any(cell in text for cell in ("Kiểm toán", "7340301", "25.5") for text in spoken)
    table = [d.text for d in article.dropped if d.reason == "table"]
    assert "Khoa học quản lý" in table and "7340401" in table and "STT" in table
    # The paragraph after the table carries the marker; the one before does not.
    assert [p.section for p in article.paragraphs] == [None, None, TABLE_MARK]


def test_a_tables_header_row_and_long_row_labels_are_part_of_the_table():
    """A score table whose header ("TT", "Thành tích", "Điểm") has too few figures to be a
    table on its own, and whose longer row labels break its run of cells: the header was
    read out in front of the lead, and a label could open an article."""
    rows = [
        ("Giải thi học sinh giỏi", "- Giải Quốc tế: Nhất, Nhì, Ba, Khuyến khích", "40"),
        ("Giải thưởng KHKT", "- Giải Quốc gia: Ba, Khuyến khích và đội tuyển", "30"),
    ]
    cells = [
        cell
        for number, (group, label, score) in enumerate(rows, 1)
        for cell in (
            str(number),
            group,
            label,
            "- Đội tuyển QG dự thi QT",
            "- Giải Quốc gia: Nhất, Nhì",
            score,
            "- Giải Nhất Tỉnh/Thành phố",
            "35",
            "- Giải Nhì Tỉnh/Thành phố",
            "25",
        )
    ]
    text = [
        *TABLE_ARTICLE[:3],
        "Điểm thành tích được tính dựa trên các thành tích của thí sinh như trong bảng dưới đây.",
        "TT",
        "Thành tích",
        "Điểm",
        *cells,
        TABLE_ARTICLE[-1],
    ]
    [article] = split_articles("\n".join(text) + "\n", source="t.txt")
    spoken = " ".join([article.title, *(p.text for p in article.paragraphs)])
    for cell in ("Thành tích", "Giải thi học sinh giỏi", "Giải Quốc tế", "Giải thưởng KHKT"):
        assert cell not in spoken
    table = {d.text for d in article.dropped if d.reason == "table"}
    assert {"TT", "Thành tích", "Điểm", "- Giải Quốc tế: Nhất, Nhì, Ba, Khuyến khích"} <= table


def test_a_list_of_facts_inside_a_story_stays_in_it_and_is_read():
    clubs = {
        "Manchester City": ("Sheikh Mansour", "30 tỷ USD"),
        "Newcastle": ("Quỹ đầu tư công Saudi Arabia", "620 tỷ USD"),
        "Chelsea": ("Todd Boehly và Clearlake Capital", "6 tỷ USD"),
    }
    lines = [
        "Những ông chủ giàu nhất Ngoại hạng Anh",
        "Các câu lạc bộ Ngoại hạng Anh đang thuộc về những ông chủ giàu có bậc nhất thế giới.",
    ]
    for club, (owner, wealth) in clubs.items():
        lines += [
            club,
            f"Chủ sở hữu: {owner}",
            f"Tài sản ước tính: {wealth}",
            f"Ông chủ của {club} đã chi hàng trăm triệu bảng để đưa đội bóng lên nhóm đầu.",
        ]
    articles = split_articles("\n".join(lines) + "\n", source="t.txt")
    assert [a.title for a in articles] == [lines[0]]
    spoken = " ".join(p.text for p in articles[0].paragraphs)
    for owner, wealth in clubs.values():
        assert f"Chủ sở hữu: {owner}." in spoken and f"Tài sản ước tính: {wealth}." in spoken
    assert not [d for d in articles[0].dropped if "Chủ sở hữu" in d.text]


@pytest.mark.skipif(not (UNC / "index.tsv").is_file(), reason="shared corpus not present")
def test_an_editors_note_after_a_story_is_dropped_and_starts_nothing():
    # A real Dân Trí article: the reader's letter ends with the section's note asking for
    # contributions, which read as the start of a second article before notes were known.
    path = SHARED_CORPUS / "unc-more" / "news_education_110.txt"
    articles = split_articles(path.read_text(encoding="utf-8"), source=path.name)
    assert len(articles) == 1
    notes = [d.text for d in articles[0].dropped if d.reason == "note"]
    assert len(notes) == 1 and notes[0].startswith("* Mọi ý kiến đóng góp")
    assert "hộp thư" not in " ".join(p.text for p in articles[0].paragraphs)


def test_asterisks_on_lines_in_a_row_are_a_list_and_are_read():
    items = ["* Mở cửa từ 8h đến 20h hằng ngày.", "* Mượn tối đa năm cuốn sách mỗi lần."]
    after = "Thư viện cũng mở thêm phòng đọc cho thiếu nhi vào cuối tuần."
    text = "\n".join([*FIRST, *items, after, "* Tên nhân vật đã được thay đổi."]) + "\n"
    (article,) = split_articles(text, source="t.txt")
    spoken = " ".join(p.text for p in article.paragraphs)
    assert "Mở cửa từ 8h" in spoken and "Mượn tối đa năm cuốn" in spoken
    assert [d.text for d in article.dropped if d.reason == "note"] == [
        "* Tên nhân vật đã được thay đổi."
    ]


def test_a_story_with_headings_that_carry_its_vocabulary_stays_one_article():
    clubs = ["Manchester United", "Chelsea", "Arsenal", "Liverpool", "Newcastle"]
    owners = [
        "gia đình Glazer",
        "tỷ phú Todd Boehly",
        "tỷ phú Stan Kroenke",
        "tập đoàn FSG",
        "quỹ PIF",
    ]
    lines = [
        "Những ông chủ giàu nhất Ngoại hạng Anh",
        "Các câu lạc bộ Ngoại hạng Anh đang thuộc về những ông chủ giàu có bậc nhất thế giới, "
        "và cuộc đua chuyển nhượng mùa này cho thấy rõ sức mạnh tài chính của họ.",
    ]
    for number, (club, owner) in enumerate(zip(clubs, owners, strict=True)):
        lines += [
            f"{club} - Chủ sở hữu: {owner}",
            f"{club} được {owner} nắm quyền kiểm soát từ năm {2005 + 3 * number} và đã chi "
            f"{300 + 70 * number} triệu bảng cho chuyển nhượng cầu thủ ở Ngoại hạng Anh.",
            f"Mùa trước {club} đứng thứ {number + 2} tại Ngoại hạng Anh, và người hâm mộ kỳ "
            f"vọng ông chủ chi thêm {50 + 10 * number} triệu bảng để cạnh tranh danh hiệu.",
        ]
    articles = split_articles("\n".join(lines) + "\n", source="t.txt")
    assert [a.title for a in articles] == [lines[0]]
    assert {p.section for p in articles[0].paragraphs} >= {f"Arsenal - Chủ sở hữu: {owners[2]}"}


CRAWLED = (
    "Theo báo cáo mới nhất của Tổng cục Thống kê công bố sáng nay, chỉ số giá tiêu dùng "
    "tháng 9 tăng nhẹ so với tháng trước do giá xăng dầu và giá thực phẩm đều tăng.\n"
    "Giá thịt lợn tăng mạnh nhất, trong khi giá rau xanh giảm nhờ thời tiết thuận lợi.\n"
)


def test_a_file_without_a_title_line_gets_a_derived_title_of_whole_words():
    [article] = split_articles(CRAWLED, source="t.txt")
    first_sentence = CRAWLED.split("\n")[0]
    assert article.title_derived
    assert 4 <= len(article.title.split()) <= 16
    # The scene-setting opening ("Theo báo cáo … sáng nay,") is passed over: the title is
    # the story's clause, a span of whole words of the first sentence.
    assert article.title == "Chỉ số giá tiêu dùng tháng 9 tăng nhẹ so với tháng trước"
    at = first_sentence.index("chỉ số giá")
    assert first_sentence[at + len(article.title)] in " ,"  # cut between words
    # The first sentence is still the first paragraph: nothing is lost.
    assert article.paragraphs[0].text.startswith("Theo báo cáo mới nhất")


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            "Chiều 6-10, Thành ủy Hà Nội tổ chức họp báo về đại hội đảng bộ thành phố lần thứ 17.",
            "Thành ủy Hà Nội tổ chức họp báo",
        ),
        (
            "Lãi suất huy động giảm sâu, thấp nhất trong mười năm trở lại đây.",
            "Lãi suất huy động giảm sâu, thấp nhất trong mười năm trở lại đây",
        ),
        ("(Dân trí) - Giá vàng hôm nay tăng mạnh.", "Giá vàng hôm nay tăng mạnh"),
        # Openings that say nothing of the story, seen as titles on real files (issue 23).
        (
            "Với quyết định nói trên, UBND tỉnh yêu cầu các sở khẩn trương triển khai kế hoạch.",
            "UBND tỉnh yêu cầu các sở khẩn trương triển khai kế hoạch",
        ),
        (
            "Cách đây không lâu, một nhóm sinh viên đã chế tạo thành công robot nhặt rác.",
            "Một nhóm sinh viên đã chế tạo thành công robot nhặt rác",
        ),
        (
            "Trong rạng sáng nay 21/4, lực lượng cứu hộ đã đưa được 5 người ra ngoài.",
            "Lực lượng cứu hộ đã đưa được 5 người ra ngoài",
        ),
        (
            "Theo Trung tâm Dự báo (18/12), vùng áp thấp sắp vào Biển Đông.",
            "Vùng áp thấp sắp vào Biển Đông",
        ),
    ],
)
def test_derived_titles_end_at_a_natural_break(sentence, title):
    assert derive_title(sentence) == title


def test_a_derived_title_is_not_spoken(tmp_path, fakes):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "crawled.txt").write_text(CRAWLED, encoding="utf-8")
    settings = load_settings(
        inputs=(str(tmp_path / "in"),),
        output=str(tmp_path / "out"),
        tts=FakeTTS.name,
        translator=FakeTranslator.name,
    )
    report = build(settings)
    manifest = json.loads(Path(report.episodes_written[0]).with_suffix(".json").read_text())
    assert manifest["title_derived"] is True
    assert all(segment["kind"] == "paragraph" for segment in manifest["segments"])
    # The episode opens with the first paragraph, and its words are spoken once. (Clips are
    # synthesized concurrently: the order of the engine's calls is not the episode's.)
    spoken = [text for text, lang in FakeTTS.calls if lang == "vi"]
    first = next(s for s in manifest["segments"] if s["lang"] == "vi")
    assert first["text"].startswith("Theo báo cáo")
    assert sum(manifest["title"].lower() in text.lower() for text in spoken) == 1


def test_explain_shows_the_evidence_for_each_start(tmp_path):
    path = tmp_path / "two.txt"
    path.write_text("\n".join(FIRST) + "\n---\n" + "\n".join(SECOND) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["split", "--explain", str(path)])
    assert result.exit_code == 0, result.output
    start = next(line for line in result.output.splitlines() if "START" in line)
    assert start.startswith("  line 5:") and "after a separator line" in start
    # Each boundary lists its evidence as signed contributions with the feature's value.
    assert any(line.strip().split()[1] == "cohesion" for line in result.output.splitlines()[3:])


def bench_module(monkeypatch, name: str):
    """A script of bench/ imported as a module (bench_articles imports restored_titles)."""
    bench_folder = Path(__file__).resolve().parents[2] / "bench"
    monkeypatch.syspath_prepend(str(bench_folder))
    spec = importlib.util.spec_from_file_location(name, bench_folder / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (UNC / "index.tsv").is_file(), reason="shared corpus not present")
def test_articles_read_from_unseen_dan_tri_files(monkeypatch):
    bench = bench_module(monkeypatch, "bench_articles")
    # The half the boundary model was not fitted on, though looked at too often to stay a
    # test: the held-out report is unc-more's (the next test); these floors guard regressions.
    docs = bench.load(UNC, "test")
    scores = bench.evaluate(bench.vnmedia_reader, docs, count=60, seed=3)
    assert scores["single"].exact / scores["single"].files >= 0.98
    assert scores["titled"].precision >= 0.95 and scores["crawled"].precision >= 0.95
    # On the whole test half: titled 0.955 (goal 0.95), as crawled 0.891 (goal 0.80); the
    # rules it replaced had F1 0.21 and 0.49 on the same files. On these 60 files: titled
    # 0.931, crawled 0.933, restored titles 0.959 (0.800, 0.898 and 0.920 before words were
    # weighed by their rarity in news at large).
    assert scores["titled"].f1 >= 0.91 and scores["crawled"].f1 >= 0.91
    assert scores["restored"].f1 >= 0.94


@pytest.mark.skipif(not (UNC_MORE / "index.tsv").is_file(), reason="shared corpus not present")
def test_titled_dumps_of_held_out_unc_more_articles(monkeypatch):
    # unc/'s test half has been looked at too often to stay a test: unc-more's test half,
    # never fitted on, each article with its title line (bench/titled_dumps.py).
    bench = bench_module(monkeypatch, "bench_articles")
    dumps = bench_module(monkeypatch, "titled_dumps")
    docs = dumps.held_out_articles(UNC_MORE)
    rng = random.Random("titled-dumps-test")
    score = bench.Score()
    for _ in range(60):
        sample = bench.compose(docs, rng)
        score.add(sample, bench.vnmedia_reader(sample.text))
    # All 300 dumps of `titled_dumps.py make`: F1 0.964 (P 95.1 %, R 97.7 %), and 98.3 % of
    # the 909 articles alone kept whole; on these 60: F1 0.961 (P 94.4 %, R 97.8 %).
    assert score.precision >= 0.93 and score.recall >= 0.96
    assert score.f1 >= 0.95


def test_a_drawn_start_lowers_the_bar_for_starts_shaped_like_it():
    title = "Giá vàng hôm nay tăng mạnh trên thị trường thế giới"
    body = " ".join(["Người dân đến mua vàng rất đông từ sáng sớm hôm nay."] * 3)
    pieces = [
        Piece(text, "short" if text == title else "body", line=k + 1)
        for k, text in enumerate([title, body, body, body, title, body, body, body, title, body])
    ]
    threshold, bonus = 0.5, 1.0

    def drawn(scores: dict[int, float]) -> list[int]:
        scored = [Boundary(i, pieces[i].line, v, ()) for i, v in scores.items()]
        return [b.index for b in choose(pieces, scored, threshold, bonus) if b.accepted]

    # Alone, a title 0.6 under the bar is no start; next to a drawn title it is one.
    assert drawn({8: threshold - 0.6}) == []
    assert sorted(drawn({4: threshold + 1, 8: threshold - 0.6})) == [4, 8]
    # A body paragraph just as close to the bar is not shaped like the drawn title.
    assert drawn({4: threshold + 1, 7: threshold - 0.6}) == [4]
    # Further under the bar than the bonus: still no start.
    assert drawn({4: threshold + 1, 8: threshold - bonus - 0.1}) == [4]
    # None drawn: two titles within reach of the bar vouch for each other; a title and a
    # body paragraph do not.
    assert sorted(drawn({4: threshold - 0.6, 8: threshold - 0.3})) == [4, 8]
    assert drawn({4: threshold - 0.6, 7: threshold - 0.3}) == []


def test_the_vocabulary_counts_articles_not_occurrences():
    vocabulary = Vocabulary.count(["Hà Nội, Hà Nội mưa to", "Hà Nội nắng", "Đà Nẵng nắng 2024"])
    assert vocabulary.documents == 3
    assert vocabulary.frequency["hà"] == 2 and vocabulary.frequency["nắng"] == 2
    assert "2024" not in vocabulary.frequency  # numbers are no vocabulary
    # The rarer the syllable, the more it weighs; one never seen weighs the most; a pair
    # weighs the mean of its syllables.
    assert vocabulary.rarity("hà") < vocabulary.rarity("mưa") < vocabulary.rarity("tuyết")
    pair = vocabulary.rarity("hà nội")
    assert pair == pytest.approx((vocabulary.rarity("hà") + vocabulary.rarity("nội")) / 2)
    assert Vocabulary().rarity("hà") == 1.0


def test_words_all_news_uses_do_not_tie_two_stories_together():
    # Two stories that share only words every article uses ("cho biết", "năm", "được"):
    # weighed by the shipped vocabulary, the change of story shows as lower cohesion.
    first = "Ông Nam cho biết năm nay được mùa lúa, giá lúa cao, nông dân phấn khởi."
    second = "Bà Lan cho biết năm nay được giao nhiệm vụ dạy toán ở trường làng."
    pieces = [
        Piece(text, "body", line=k + 1) for k, text in enumerate([first, first, second, second])
    ]

    def cohesion_at_the_change(vocabulary: Vocabulary) -> float:
        features = dict(candidate_features(pieces, vocabulary))
        return features[2]["cohesion_near"]

    shipped = load_model().vocabulary
    assert shipped.documents > 100 and len(shipped.frequency) > 1000
    assert cohesion_at_the_change(shipped) < 0.8 * cohesion_at_the_change(Vocabulary())


def test_a_line_that_ends_with_a_colon_is_less_likely_a_title():
    # "…, theo báo cáo của Bộ Y tế:" introduces a list; a title never ends that way.
    def score_of(line: str) -> float:
        texts = [*FIRST, line, SECOND[1], SECOND[2]]
        kinds = ["short", "body", "body", "short", "body", "body"]
        pieces = [
            Piece(t, k, line=n + 1) for n, (t, k) in enumerate(zip(texts, kinds, strict=True))
        ]
        return next(b.score for b in find_boundaries(pieces) if b.line == 4)

    line = "Về tình hình điều trị, theo báo cáo của Bộ Y tế"
    assert score_of(line + ":") < score_of(line) - 0.2


def test_a_title_closed_by_a_quotation_starts_the_next_story():
    # `Source: "quoted phrase"` is a common title shape; its closing quote is no sentence
    # end, so the line is a title candidate and the story after it (another subject) starts.
    title = 'Báo Mỹ: "Việt Nam là điểm sáng về đón khách quốc tế"'
    text = "\n".join([*FIRST, title, *SECOND[1:]]) + "\n"
    assert titles(text) == [FIRST[0], title]
    # A quoted sentence keeps its stop and stays a paragraph of its story.
    quoted = 'Ông Minh nói: "Chúng tôi sẽ mở thêm thư viện vào năm sau."'
    text = "\n".join([*FIRST, quoted, FIRST[2]]) + "\n"
    assert titles(text) == [FIRST[0]]


SEED = SHARED_CORPUS / "articles" / "seed-000.txt"


@pytest.fixture(scope="module")
def seed_articles():
    if not SEED.is_file():
        pytest.skip("shared/corpus/articles/seed-000.txt not found")
    return split_articles(SEED.read_text(encoding="utf-8"), source=SEED.name)


def test_the_seed_file_loses_its_noise_and_keeps_its_sections(seed_articles):
    spoken = [p.text for article in seed_articles for p in article.paragraphs]
    dropped = {(d.reason, d.text) for article in seed_articles for d in article.dropped}
    assert ("caption", "Một góc Khu đô thị Ciputra trên địa bàn quận Bắc Từ Liêm.") in dropped
    assert ("widget", "Video đang HOT") in dropped
    assert not any("Video đang HOT" in text or "Ciputra trên địa bàn" in text for text in spoken)
    # The lead printed twice (lines 21-22) is heard once; the cut-off ending is not heard.
    lead = "Một trong những định hướng lớn phát triển Thủ đô"
    assert sum(text.count(lead) for text in spoken) == 1
    assert any(reason == "truncated" for reason, _ in dropped)
    assert not any("Ban Tuyên giáo..." in text for text in spoken)
    first = seed_articles[0]
    assert first.title == "Quận Bắc Từ Liêm: Quyết tâm đưa nghị quyết vào cuộc sống"
    sections = [p.section for p in first.paragraphs]
    assert sections[:2] == [None, None]
    assert "Đồng loạt triển khai" in sections and "Tạo sự lan tỏa sâu rộng" in sections


def test_the_seed_file_is_three_articles(seed_articles):
    # Its three Hanoi stories share their vocabulary; only weighed by how rare the words are
    # in news at large ("phát triển" is in a third of all articles) do the second and third
    # titles stand out.
    assert [a.title for a in seed_articles] == [
        "Quận Bắc Từ Liêm: Quyết tâm đưa nghị quyết vào cuộc sống",
        "Hà Nội - Thành phố sáng tạo một mục tiêu phát triển thủ đô nhiệm kỳ tới",
        "Hà Nội: Đẩy mạnh đổi mới sáng tạo và hội nhập quốc tế, xây dựng Thủ đô ngày càng "
        "giàu đẹp, văn minh, hiện đại",
    ]
