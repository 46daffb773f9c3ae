"""The page's study controls, used from the keyboard in a real Chromium: speed, repeat the
sentence, hide the English, the words worth learning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnmedia import build, load_settings

from browser import open_page
from fake_engines import FakeTranslator, FakeTTS, write_article

PARAGRAPHS = (
    "Nông dân bắt đầu thu hoạch lúa sớm. Giá lúa tăng nhẹ so với tháng trước.",
    "Hợp tác xã ký hợp đồng với doanh nghiệp trong tỉnh.",
)


def settings_for(tmp_path: Path, **flags: object):
    return load_settings(
        inputs=(str(tmp_path / "in"),),
        output=str(tmp_path / "out"),
        tts=FakeTTS.name,
        translator=FakeTranslator.name,
        executor="threads",
        interleave="sentence",
        loudness=False,
        **flags,
    )


@pytest.fixture
def episode(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Mùa gặt", *PARAGRAPHS)
    (mp3,) = build(settings_for(tmp_path)).episodes_written
    manifest = json.loads(Path(mp3).with_suffix(".json").read_text(encoding="utf-8"))
    return tmp_path / "out" / "index.html", manifest


def focus_by_tab(page, selector: str, presses: int = 60) -> None:
    """Press Tab until ``selector`` has the focus (fails if Tab never reaches it)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_every_study_control_works_from_the_keyboard(episode):
    page_file, manifest = episode
    outside: list[str] = []
    with open_page(page_file, outside) as page:
        audio = "document.querySelector('article audio')"
        segments = page.locator(".seg[data-start]")

        focus_by_tab(page, "[data-rate='0.75']")
        page.keyboard.press("Enter")
        assert page.evaluate(f"{audio}.playbackRate") == 0.75
        assert page.get_attribute("[data-rate='0.75']", "aria-pressed") == "true"
        assert page.get_attribute("[data-rate='1']", "aria-pressed") == "false"
        focus_by_tab(page, "[data-rate='1.25']")
        page.keyboard.press(" ")
        assert page.evaluate(f"{audio}.playbackRate") == 1.25

        # Hear the second sentence, move on inside it, then ask for it again.
        sentence = segments.nth(4)
        start = float(sentence.get_attribute("data-start"))
        end = float(sentence.get_attribute("data-end"))
        sentence.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"{audio}.currentTime >= {start}", timeout=10_000)
        page.evaluate(f"{audio}.pause(); {audio}.currentTime = {(start + end) / 2}")
        page.wait_for_function(
            "el => el.classList.contains('active')", arg=sentence.element_handle()
        )
        focus_by_tab(page, ".repeat")
        page.keyboard.press("Enter")
        back = page.evaluate(f"{audio}.currentTime")
        assert start <= back < (start + end) / 2

        english = page.locator(".seg[lang=en][data-start]").first
        vietnamese = page.locator(".seg[lang=vi][data-start]").first

        def colour(locator) -> str:
            return locator.evaluate("el => getComputedStyle(el).color")

        assert colour(english) != "rgba(0, 0, 0, 0)"
        focus_by_tab(page, ".hide-english")
        page.keyboard.press("Enter")
        assert colour(english) == "rgba(0, 0, 0, 0)"  # hidden: test yourself
        assert colour(vietnamese) != "rgba(0, 0, 0, 0)"
        assert page.get_attribute(".hide-english", "aria-pressed") == "true"
        page.keyboard.press("Enter")
        assert colour(english) != "rgba(0, 0, 0, 0)"

        # The words list opens from the keyboard; a word plays the sentence it is in.
        words = page.locator(".words li")
        assert not words.first.is_visible()
        focus_by_tab(page, ".words summary")
        page.keyboard.press("Enter")
        assert words.count() == len(manifest["words"]) > 0
        assert words.first.is_visible()
        word = next(w for w in manifest["words"] if w["word"] == "hợp đồng")
        target = next(
            s for s in manifest["segments"] if s["lang"] == "vi" and word["sentence"] in s["text"]
        )
        focus_by_tab(page, ".words button[data-word='hợp đồng']")
        page.keyboard.press("Enter")
        page.wait_for_function(
            f"Math.abs({audio}.currentTime - {target['start_ms'] / 1000}) < 0.3", timeout=10_000
        )
    assert outside == []


def test_a_drill_shows_each_sentence_on_one_row_with_its_slower_step(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Mùa gặt", PARAGRAPHS[0])
    build(settings_for(tmp_path, pattern="vi en vi@0.75"))
    with open_page(tmp_path / "out" / "index.html") as page:
        first, second, slower = page.locator(".unit.paragraph .seg").all()[:3]
        tops = [cell.bounding_box()["y"] for cell in (first, second, slower)]
        assert tops[0] == tops[1] == tops[2]  # vi | en | vi x0.75 side by side
        assert slower.inner_text().startswith("VI ×0.75")
