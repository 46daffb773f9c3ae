"""--translator ct2: the real CTranslate2 loading, tokenizing, batching and detokenizing code,
on a tiny model built here (it answers every sentence with ``tiny_ct2.ANSWER``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from vnmedia import build, load_settings
from vnmedia.cli import cli
from vnmedia.engines import translators
from vnmedia.errors import EngineError, ExitCode

from fake_engines import write_article

pytest.importorskip("ctranslate2")
pytest.importorskip("sentencepiece")

from tiny_ct2 import ANSWER, build_model  # noqa: E402


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    return build_model(tmp_path_factory.mktemp("ct2") / "opus-mt-vi-en")


class CountingTranslator:
    """Stands in front of the loaded ctranslate2.Translator and keeps what it was given."""

    def __init__(self, real: Any) -> None:
        self.real, self.batches = real, []

    def translate_batch(self, tokens: list[list[str]], **options: Any) -> Any:
        self.batches.append(tokens)
        return self.real.translate_batch(tokens, **options)


@pytest.fixture
def counted(model, monkeypatch) -> CountingTranslator:
    engine = translators.create("ct2", load_settings(ct2_model=str(model)))
    loaded = engine._model()
    counter = CountingTranslator(loaded.translator)
    monkeypatch.setattr(loaded, "translator", counter)
    return counter


def english_of(report) -> list[str]:
    manifest = json.loads(
        Path(report.episodes_written[0]).with_suffix(".json").read_text(encoding="utf-8")
    )
    return [s["text"] for s in manifest["segments"] if s["lang"] == "en"]


def test_every_sentence_of_an_article_goes_to_the_model_in_one_batch(model, counted):
    engine = translators.create("ct2", load_settings(ct2_model=str(model)))
    english = engine.translate_batch(
        ["Giá vàng hôm nay tăng mạnh. Bão số ba đổ bộ!", "Ủy ban nhân dân quận họp."], "vi", "en"
    )
    # Detokenized (no SentencePiece marks), one answer per sentence, joined per paragraph.
    assert english == [f"{ANSWER} {ANSWER}", ANSWER]
    assert len(counted.batches) == 1 and len(counted.batches[0]) == 3
    import sentencepiece

    source = sentencepiece.SentencePieceProcessor(model_file=str(model / "source.spm"))
    first = counted.batches[0][0]
    # Marian's source side: the source model's pieces, ended by </s>.
    assert first[-1] == "</s>" and "".join(first[:-1]).replace("▁", " ").strip() == (
        "Giá vàng hôm nay tăng mạnh."
    )
    assert all(source.piece_to_id(p) != source.unk_id() for p in first[:-1])


def test_a_build_translates_offline_with_the_model_and_reruns_from_the_cache(
    model, counted, tmp_path, fakes
):
    write_article(tmp_path / "in", "a.txt", "Tin họp dân", "Ủy ban họp. Dân đến đông.", "Hết giờ.")

    def settings(output: str):
        return load_settings(
            inputs=(str(tmp_path / "in"),),
            output=str(tmp_path / output),
            cache_dir=str(tmp_path / "cache"),
            tts="fake-tts",
            translator="ct2",
            ct2_model=str(model),
        )

    report = build(settings("out"))
    assert report.failures == [] and report.engine_calls["ct2"] == 1
    assert english_of(report) == [ANSWER, f"{ANSWER} {ANSWER}", ANSWER]
    assert len(counted.batches) == 1
    again = build(settings("again"))
    assert again.engine_calls == {} and len(counted.batches) == 1


def test_auto_uses_the_model_when_google_is_unreachable(model, counted, tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin họp dân", "Ủy ban họp.")
    values = {"inputs": (str(tmp_path / "in"),), "tts": "fake-tts", "translator": "auto"}
    offline = build(load_settings(output=str(tmp_path / "a"), ct2_model=str(model), **values))
    assert english_of(offline) == [ANSWER, ANSWER]
    # Without a model, auto offline has no English at all.
    bare = build(load_settings(output=str(tmp_path / "b"), **values))
    assert not any(english_of(bare)) and "ct2" not in bare.engine_calls


def test_the_model_only_translates_vietnamese_to_english(model):
    engine = translators.create("ct2", load_settings(ct2_model=str(model)))
    with pytest.raises(EngineError, match="vi→en"):
        engine.translate("The committee met.", "en", "vi")


def test_a_changed_model_changes_the_cache_identity(model, tmp_path):
    copy = build_model(tmp_path / "copy")
    same = translators.create("ct2", load_settings(ct2_model=str(copy))).cache_identity()
    assert same == translators.create("ct2", load_settings(ct2_model=str(model))).cache_identity()
    (copy / "target.spm").write_bytes((model / "source.spm").read_bytes())
    translators.create("ct2", load_settings())._loaded.clear()
    changed = translators.create("ct2", load_settings(ct2_model=str(copy))).cache_identity()
    assert changed != same


def test_engines_and_build_say_what_a_model_folder_lacks(model, tmp_path):
    runner = CliRunner(mix_stderr=False)
    listed = runner.invoke(cli, ["engines"], env={"VNMEDIA_CT2_MODEL": str(model)})
    line = next(row for row in listed.output.splitlines() if row.split()[1:2] == ["ct2"])
    assert "unusable" not in line and "usable" in line
    incomplete = tmp_path / "incomplete"
    incomplete.mkdir()
    (incomplete / "model.bin").write_bytes((model / "model.bin").read_bytes())
    write_article(tmp_path / "in", "a.txt", "Tin", "Ủy ban họp.")
    result = runner.invoke(
        cli,
        ["build", str(tmp_path / "in"), "--translator", "ct2", "--ct2-model", str(incomplete)],
    )
    assert result.exit_code == ExitCode.CONFIG
    assert "source.spm, target.spm not found" in result.stderr
    # A folder with every file but a broken model: one error before any article.
    broken = tmp_path / "broken"
    shutil.copytree(model, broken)
    (broken / "model.bin").write_bytes(b"not a model")
    result = runner.invoke(
        cli, ["build", str(tmp_path / "in"), "--translator", "ct2", "--ct2-model", str(broken)]
    )
    assert result.exit_code == ExitCode.CONFIG
    assert result.stderr.count("not a loadable CTranslate2 model") == 1
    assert not (Path("output") / "episodes").exists() or not any(
        (Path("output") / "episodes").iterdir()
    )


def test_a_model_that_adds_its_own_end_token_does_not_get_two(tmp_path, monkeypatch):
    directory = build_model(tmp_path / "adds-eos")
    config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    (directory / "config.json").write_text(json.dumps({**config, "add_source_eos": True}))
    engine = translators.create("ct2", load_settings(ct2_model=str(directory)))
    loaded = engine._model()
    counter = CountingTranslator(loaded.translator)
    monkeypatch.setattr(loaded, "translator", counter)
    assert engine.translate("Ủy ban họp.", "vi", "en") == ANSWER
    assert "</s>" not in counter.batches[0][0]


def test_sentence_by_sentence_each_sentence_gets_its_own_english(model, counted, tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Tin họp dân", "Ủy ban họp. Dân đến đông.", "Hết giờ.")
    report = build(
        load_settings(
            inputs=(str(tmp_path / "in"),),
            output=str(tmp_path / "out"),
            tts="fake-tts",
            translator="ct2",
            ct2_model=str(model),
            interleave="sentence",
            words=0,  # the words worth learning would be one more batch
        )
    )
    manifest = json.loads(
        Path(report.episodes_written[0]).with_suffix(".json").read_text(encoding="utf-8")
    )
    paragraph = [s for s in manifest["segments"] if s["kind"] == "paragraph"]
    # vi, en for each sentence: three pairs, each English its own sentence's (one answer).
    assert [(s["lang"], s["sentence"]) for s in paragraph] == [
        ("vi", 1), ("en", 1), ("vi", 2), ("en", 2), ("vi", 1), ("en", 1),
    ]  # fmt: skip
    assert [s["text"] for s in paragraph if s["lang"] == "en"] == [ANSWER] * 3
    assert len(counted.batches) == 1  # the whole article in one batch
