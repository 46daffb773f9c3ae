"""Whole builds from misbehaving web inputs (issues 34 and 35): what a producer reads on
stderr and in the report, and what a daily rerun asks."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from vnmedia import build, load_settings
from vnmedia.cli import cli

from fake_engines import FakeTranslator, FakeTTS
from news_pages import make_page
from web_server import NewsSite, rss

sys.path.insert(0, str(Path(__file__).parent))
from stories import STORIES  # noqa: E402

DATE = "Sat, 05 Dec 2026 06:00:00 GMT"


@pytest.fixture
def site():
    with NewsSite() as running:
        running.add(
            "/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
        )
        yield running


def article(site: NewsSite, path: str, n: int = 0) -> str:
    site.add(path, make_page("tuoitre", STORIES[n], STORIES[n + 1 :]).html)
    return site.url(path)


def settings_for(tmp_path: Path, *inputs: str):
    return load_settings(
        inputs=inputs,
        output=str(tmp_path / "out"),
        tts=FakeTTS.name,
        translator=FakeTranslator.name,
        retry_delay=0.01,
    )


def test_each_failure_is_one_line_of_vnmedia_and_names_its_url_once(tmp_path, fakes, site):
    good = article(site, "/tin/a.htm")
    site.add("/rong.htm", '<?xml version="1.0"?><x/>')  # trafilatura logs errors on it
    inputs = [good, site.url("/missing.htm"), site.url("/rong.htm")]

    result = CliRunner(mix_stderr=False).invoke(
        cli,
        ["-q", "build", *inputs, "-o", str(tmp_path / "out"), "--tts", FakeTTS.name]
        + ["--translator", FakeTranslator.name],
    )

    assert result.exit_code == 1, result.stderr
    lines = result.stderr.splitlines()
    failed = [line for line in lines if line.startswith("vnmedia: failed: ")]
    assert len(failed) == 2
    for line in failed:
        assert line.count("http://") == 1, line
    assert f"vnmedia: failed: {site.url('/missing.htm')}: HTTP 404" in result.stderr
    # Nothing but vnmedia's own lines and its summary: no library's log line.
    assert all(line.startswith("vnmedia: ") for line in lines[:-1]), lines
    assert lines[-1].startswith("1 episode(s) written")
    assert "parsed tree" not in result.stderr and "trafilatura" not in result.stderr


def test_a_url_with_spaces_among_good_ones_is_built_with_them(tmp_path, fakes, site):
    first = article(site, "/tin/a.htm")
    article(site, "/tin/b%C3%A0i%20hai.htm", 1)
    last = article(site, "/tin/c.htm", 2)

    report = build(settings_for(tmp_path, first, site.url("/tin/bài hai.htm"), last))

    assert len(report.episodes_written) == 3 and not report.failures


def test_a_feed_cut_off_mid_item_is_built_with_a_warning(tmp_path, fakes, site):
    paths = ["/tin/a.htm", "/tin/b.htm"]
    for n, path in enumerate(paths):
        article(site, path, n)
    whole = rss(site, [(p, STORIES[n].title, DATE) for n, p in enumerate(paths)])
    cut = whole[: whole.index("</item>", whole.index("/tin/b.htm")) - 10]  # inside item 2
    site.add("/rss/home.rss", cut, content_type="application/rss+xml")

    report = build(settings_for(tmp_path, site.url("/rss/home.rss")))

    assert len(report.episodes_written) == 2
    (warning,) = [w for w in report.warnings if "cut off" in w]
    assert site.url("/rss/home.rss") in warning and "first 2 item(s)" in warning


def test_a_whole_feed_gives_no_such_warning(tmp_path, fakes, site):
    article(site, "/tin/a.htm")
    feed = rss(site, [("/tin/a.htm", STORIES[0].title, DATE)]) + "\n<!-- 0.02 s -->\n"
    site.add("/rss/home.rss", feed, content_type="application/rss+xml")

    report = build(settings_for(tmp_path, site.url("/rss/home.rss")))

    assert len(report.episodes_written) == 1
    assert not [w for w in report.warnings if "cut off" in w]


def test_a_feed_url_serving_a_web_page_says_so(tmp_path, fakes, site):
    site.add(
        "/rss/home.rss",
        '<html><head><link rel="alternate" type="application/rss+xml" href="/rss/tin-moi.rss">'
        "</head><body><p>Các kênh RSS của báo.</p></body></html>",
    )

    report = build(settings_for(tmp_path, site.url("/rss/home.rss")))

    (failure,) = report.failures
    assert failure.error.startswith("this is a web page, not a feed")
    assert "its feed may be /rss/tin-moi.rss" in failure.error


def test_a_daily_rerun_asks_robots_txt_once_a_day_even_when_a_host_has_none(tmp_path, fakes, site):
    del site.routes["/robots.txt"]
    article(site, "/tin/a.htm")
    site.add("/rss", rss(site, [("/tin/a.htm", "A", DATE)]), content_type="application/rss+xml")
    build(settings_for(tmp_path, site.url("/rss")))
    assert len(site.requests_to("/robots.txt")) == 1
    site.clear()

    build(settings_for(tmp_path, site.url("/rss")))

    assert [s.path for s in site.seen] == ["/rss"]


def test_an_episode_recorded_under_a_url_as_given_keeps_its_name_and_number(tmp_path, fakes, site):
    article(site, quote("/tin/bài một.htm"))
    settings = settings_for(tmp_path, site.url("/tin/bài một.htm?utm_source=zalo#top"))
    build(settings)
    (manifest_path,) = [
        p for p in (tmp_path / "out" / "episodes").glob("*.json") if ".chapters" not in p.name
    ]
    manifest = json.loads(manifest_path.read_text("utf-8"))
    assert manifest["url"] == site.url(quote("/tin/bài một.htm"))
    # As an earlier version recorded it: the URL as it was given.
    manifest["url"] = site.url("/tin/bài một.htm?utm_source=zalo#top")
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")

    again = build(settings)

    assert len(again.episodes_unchanged) == 1 and not again.episodes_written
