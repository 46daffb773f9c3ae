"""Words worth learning: found in real news, rarest first, glossed, written beside the
episode and turned into cards."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from vnmedia import build, load_settings
from vnmedia.errors import EngineError
from vnmedia.publish import publish
from vnmedia.runtime.resilience import Guards, RetryPolicy
from vnmedia.site.cards import write_study_deck
from vnmedia.text.glossary import Glossary, Term
from vnmedia.text.words import StudyWord, WordFrequencies, learnable, words_worth_learning
from vnmedia.translation.glosses import gloss_words
from vnmedia.translation.memory import TranslationMemory
from vnmedia.translation.translate import TranslationService

from anki_deck import read_deck
from fake_engines import SHARED_CORPUS, FakeTranslator, fake_settings, write_article

ARTICLE = SHARED_CORPUS / "unc" / "news_business_003.txt"
PARAGRAPHS = (
    "Nông dân bắt đầu thu hoạch lúa sớm. Giá lúa tăng nhẹ so với tháng trước.",
    "Hợp tác xã ký hợp đồng bao tiêu với doanh nghiệp ở Hà Nội.",
)


def test_a_word_is_two_syllables_or_more_and_never_a_name_or_number():
    assert learnable("thu hoạch") == "thu hoạch"
    assert learnable("Thu hoạch") == "thu hoạch"  # at the start of a sentence
    for not_a_word in ("lúa", "Hà Nội", "Nguyễn Văn An", "3,3 %", "năm 2020", ","):
        assert learnable(not_a_word) is None


@pytest.mark.skipif(not ARTICLE.is_file(), reason="shared/corpus not found")
def test_real_news_gives_real_words_rarest_first():
    paragraphs = ARTICLE.read_text(encoding="utf-8").splitlines()
    words = words_worth_learning(paragraphs, 10)

    assert len(words) == 10
    rates = [w.per_million for w in words]
    assert rates == sorted(rates) and rates[0] > 0
    frequencies = WordFrequencies.shipped()
    for word in words:
        assert len(word.word.split()) >= 2 and word.word == word.word.lower()
        assert word.word in word.sentence.lower()
        assert word.per_million == pytest.approx(frequencies.per_million(word.word), abs=0.01)
    # Everyday words of the same article rank after the rarer ones, or not at all.
    assert frequencies.per_million("ngân hàng") > rates[-1]
    assert "ngân hàng" not in [w.word for w in words]


def settings_for(tmp_path: Path, **flags: object):
    defaults = {"executor": "threads", "interleave": "sentence", "loudness": False}
    return fake_settings(tmp_path, **{**defaults, **flags})


def test_an_episode_lists_its_words_glossary_first_and_they_become_cards(tmp_path, fakes):
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text("hợp đồng\tcontract\n", encoding="utf-8")
    write_article(tmp_path / "in", "a.txt", "Mùa gặt", *PARAGRAPHS)
    settings = settings_for(tmp_path, glossary=(str(glossary),), cards=True)
    report = build(settings)

    mp3 = Path(report.episodes_written[0])
    manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
    words = {w["word"]: w for w in manifest["words"]}
    assert {"thu hoạch", "nông dân", "hợp đồng"} <= words.keys()
    # No name, no single syllable, nothing the news never used ("bao tiêu": under 3 times).
    assert not words.keys() & {"hà nội", "lúa", "bao tiêu"}
    assert all(len(w.split()) > 1 for w in words)
    assert words["hợp đồng"]["english"] == "contract"
    # The others from the translator in one request, a word a line.
    (asked,) = [c for c in FakeTranslator.calls if "thu hoạch" in c.split("\n")]
    assert "hợp đồng" not in asked.split("\n")
    assert words["thu hoạch"]["sentence"] == "Nông dân bắt đầu thu hoạch lúa sớm."

    rows = mp3.with_name(mp3.stem + ".words.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "word\tenglish\tper_million\tsentence"
    assert [row.split("\t")[0] for row in rows[1:]] == [w["word"] for w in manifest["words"]]
    # Listeners get the list with the episode.
    public = replace(settings, show_owner_email="podcast@baomoi.example.vn")
    publish(public, str(tmp_path / "site"), base_url="https://podcast.example.vn/show")
    assert (tmp_path / "site" / "episodes" / f"{mp3.stem}.words.tsv").is_file()

    deck = read_deck(write_study_deck(settings)[0])
    cards = {n["fields"][0]: n for n in deck["notes"] if n["model"] == "vnmedia word"}
    assert cards.keys() == words.keys()
    word, english, sentence, sound, *_ = cards["hợp đồng"]["fields"]
    assert english == "contract" and "hợp đồng" in sentence
    assert sound.removeprefix("[sound:").removesuffix("]") in deck["sounds"]

    FakeTranslator.calls.clear()
    again = build(settings)
    assert again.episodes_unchanged and FakeTranslator.calls == []


def test_no_words_when_asked_for_none(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Mùa gặt", *PARAGRAPHS)
    report = build(settings_for(tmp_path, words=0))
    mp3 = Path(report.episodes_written[0])
    assert json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))["words"] == []
    assert not mp3.with_name(mp3.stem + ".words.tsv").exists()
    assert load_settings(interleave="paragraph").words_per_episode == 0
    assert load_settings(interleave="sentence").words_per_episode == 12


def test_a_bulletin_shares_its_words_among_its_articles(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Mùa gặt", *PARAGRAPHS)
    write_article(
        tmp_path / "in", "b.txt", "Lãi suất", "Ngân hàng điều chỉnh lãi suất huy động kỳ hạn ngắn."
    )
    report = build(settings_for(tmp_path, episode="run", date="2026-12-06", words=4))
    manifest = json.loads(
        Path(report.episodes_written[0]).with_suffix(".json").read_text(encoding="utf-8")
    )
    sentences = [w["sentence"] for w in manifest["words"]]
    assert len(sentences) == 4  # two from each article
    assert sum("lãi suất" in s.lower() for s in sentences) == 2


# Tests written from deliberate bugs that the tests above let through (QUALITY.md).


def test_a_word_keeps_the_first_sentence_it_appears_in():
    first = "Nông dân bắt đầu thu hoạch lúa sớm."
    words = words_worth_learning([first, "Vụ thu hoạch năm nay kéo dài hơn."], 20)
    (harvest,) = [w for w in words if w.word == "thu hoạch"]
    assert harvest.sentence == first


def test_the_rate_is_per_million_words_of_news():
    table = WordFrequencies.parse("# words\t2000000\nthu hoạch\t50\nnông dân\t8\n")
    assert table.per_million("thu hoạch") == 25
    assert table.per_million("nông dân") == 4
    assert table.per_million("hợp đồng") == 0


class Translates(FakeTranslator):
    """The fake translator, its answers changed per test (calls still recorded)."""

    answer: Callable[[str], str] = staticmethod(lambda text: f"EN[{text}]")

    def translate(self, text: str, source: str, target: str) -> str:
        FakeTranslator.calls.append(text)
        return type(self).answer(text)


def gloss(answer: Callable[[str], str]) -> dict[str, str | None]:
    """English of three words (one from the glossary) through a real translation service."""
    Translates.answer = staticmethod(answer)
    FakeTranslator.calls.clear()
    service = TranslationService(
        TranslationMemory(),
        Translates(load_settings()),
        guards=Guards(rate=0, policy=RetryPolicy(attempts=1)),
    )
    words = [StudyWord(w, "", 1.0) for w in ("thu hoạch", "nông dân", "hợp đồng")]
    glossary = Glossary([Term("hợp đồng", "contract")])
    return {w.word: w.english for w in gloss_words(words, glossary, service)}


def test_words_are_glossed_in_one_request_a_word_a_line():
    english = gloss(lambda text: "\n".join(f"EN[{line}]" for line in text.split("\n")))
    assert english == {
        "thu hoạch": "EN[thu hoạch]",
        "nông dân": "EN[nông dân]",
        "hợp đồng": "contract",
    }
    assert FakeTranslator.calls == ["thu hoạch\nnông dân"]


def test_an_answer_whose_lines_do_not_match_asks_each_word_alone():
    english = gloss(lambda text: f"EN[{text.replace(chr(10), ' ')}]")  # lines run together
    assert english["thu hoạch"] == "EN[thu hoạch]" and english["nông dân"] == "EN[nông dân]"
    assert FakeTranslator.calls == ["thu hoạch\nnông dân", "thu hoạch", "nông dân"]


def test_a_translator_that_fails_leaves_words_without_english_not_a_failure():
    def refuse(text: str) -> str:
        raise EngineError("the translator is down", engine="fake-translator")

    english = gloss(refuse)
    assert english == {"thu hoạch": None, "nông dân": None, "hợp đồng": "contract"}
