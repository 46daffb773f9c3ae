"""Web inputs end to end: a local news site on 127.0.0.1, the real fetching code, fake engines
through the real registry."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from vnmedia import build, load_settings

from fake_engines import FakeTranslator, FakeTTS
from news_pages import COMMENT_BOX, FOOTER, make_page
from web_server import NewsSite, rss, sitemap

sys.path.insert(0, str(Path(__file__).parent))
from stories import STORIES  # noqa: E402

DATES = (
    "Thu, 03 Dec 2026 06:00:00 GMT",
    "Fri, 04 Dec 2026 06:00:00 GMT",
    "Sat, 05 Dec 2026 06:00:00 GMT",
)
SITES = ("dantri", "vnexpress", "tuoitre")


def publish_story(site: NewsSite, n: int, layout: str | None = None, story=None) -> str:
    """Serve STORIES[n] (or ``story``) as a page in a big site's markup; returns its path."""
    story = story or STORIES[n]
    path = f"/tin/{story.doc_id}.htm"
    others = [s for s in STORIES if s is not story]
    site.add(path, make_page(layout or SITES[n % 3], story, others).html)
    return path


def settings_for(tmp_path: Path, *inputs: str, **flags: object):
    return load_settings(
        inputs=inputs,
        output=str(tmp_path / "out"),
        tts=FakeTTS.name,
        translator=FakeTranslator.name,
        retry_delay=0.01,
        **flags,
    )


def manifests(tmp_path: Path) -> dict[str, dict]:
    folder = tmp_path / "out" / "episodes"
    return {
        m["url"]: m
        for m in (
            json.loads(p.read_text("utf-8"))
            for p in folder.glob("*.json")
            if not p.name.endswith(".chapters.json")
        )
    }


def spoken_text(manifest: dict) -> str:
    return " ".join(s["text"] or "" for s in manifest["segments"] if s["lang"] == "vi")


def output_files(tmp_path: Path) -> dict[str, int]:
    """Every file of the output folder but the cache and the run's report: mtime in ns."""
    out = tmp_path / "out"
    return {
        str(p.relative_to(out)): p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file() and ".cache" not in p.parts and p.name not in {"report.json"}
    }


@pytest.fixture
def site():
    with NewsSite() as running:
        running.add(
            "/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
        )
        yield running


def test_an_article_url_becomes_an_episode_linking_its_original(tmp_path, fakes, site):
    path = publish_story(site, 0)
    report = build(settings_for(tmp_path, site.url(path), contact="radio@example.vn"))

    assert not report.failures, report.failures
    (manifest,) = manifests(tmp_path).values()
    assert manifest["url"] == site.url(path)
    assert manifest["title"] == STORIES[0].title
    assert manifest["published"].startswith("2026-12-03")
    assert manifest["author"] == "Minh Anh"
    spoken = spoken_text(manifest)
    assert STORIES[0].lead[:60] in spoken and STORIES[0].body[-1][:60] in spoken
    # Never spoken: the caption, the related stories, the comment box, the footer, the menu.
    for noise in ("Ảnh: Minh Anh", STORIES[1].title, STORIES[2].title, *COMMENT_BOX, *FOOTER):
        assert noise not in spoken
    # The feed item and the page link the original article.
    feed = etree.parse(str(tmp_path / "out" / "feed.xml"))
    assert feed.findtext("channel/item/link") == site.url(path)
    assert f'href="{site.url(path)}"' in (tmp_path / "out" / "index.html").read_text("utf-8")
    # A polite client: robots.txt first, a User-Agent naming vnmedia and its contact.
    assert [s.path for s in site.seen] == ["/robots.txt", path]
    agent = site.seen[-1].headers["User-Agent"]
    assert agent.startswith("vnmedia/") and "radio@example.vn" in agent


def test_a_short_story_becomes_an_episode_and_the_run_warns(tmp_path, fakes, site):
    """A real short story (a lead and one line, under 60 words) is read, not refused as a
    stub, and the build's report says it was short."""
    line = "Người dân có thể đến xem và mua lúa mới tại ruộng từ sáng thứ bảy tuần này."
    short = replace(STORIES[2], doc_id="tin-ngan", body=(line,))
    path = publish_story(site, 2, story=short)

    report = build(settings_for(tmp_path, site.url(path)))

    assert not report.failures, report.failures
    (manifest,) = manifests(tmp_path).values()
    assert line in spoken_text(manifest)
    words = len(f"{short.lead} {line}".split())
    assert f"{site.url(path)}: a short story, {words} words" in " ".join(report.warnings)


def test_a_daily_feed_run_builds_only_what_is_new(tmp_path, fakes, site):
    paths = [publish_story(site, n) for n in range(3)]
    items = [(paths[n], STORIES[n].title, DATES[n]) for n in (1, 0)]  # newest first
    site.add("/rss/home.rss", rss(site, items), content_type="application/rss+xml")
    feed = site.url("/rss/home.rss")

    first = build(settings_for(tmp_path, feed))
    assert len(first.episodes_written) == 2 and not first.failures
    numbers = {url: m["episode"] for url, m in manifests(tmp_path).items()}
    assert numbers == {site.url(paths[0]): 1, site.url(paths[1]): 2}  # oldest first

    # The next day, nothing new: one conditional request for the feed (answered 304), no
    # engine call, no file rewritten.
    site.clear()
    FakeTTS.calls.clear()
    FakeTranslator.calls.clear()
    before = output_files(tmp_path)
    again = build(settings_for(tmp_path, feed))
    assert [(s.path, s.status, s.conditional) for s in site.seen] == [("/rss/home.rss", 304, True)]
    assert again.web_requests == {"cached": 2, "not_modified": 1, "requests": 1}
    assert not FakeTTS.calls and not FakeTranslator.calls
    assert len(again.episodes_unchanged) == 2 and not again.episodes_written
    assert output_files(tmp_path) == before

    # A new item, and one page edited: the new one is built, the edited one rebuilt (only
    # its changed paragraph spoken again), the third left alone; numbers stay.
    edited = replace(STORIES[0], body=(*STORIES[0].body[:-1], "Thư viện mở cửa cả ngày chủ nhật."))
    publish_story(site, 0, story=edited)
    items = [(paths[n], STORIES[n].title, DATES[n]) for n in (2, 1, 0)]
    site.add("/rss/home.rss", rss(site, items), content_type="application/rss+xml")
    FakeTTS.calls.clear()
    third = build(settings_for(tmp_path, feed))
    assert [Path(p).stem for p in third.episodes_written] == [
        "nong-dan-dong-bang-song-cuu-long-trung-mua-lua-thu-dong",
        "thu-vien-sach-cu-mo-cua-mien-phi-giua-long-pho-co",
    ]
    assert len(third.episodes_unchanged) == 1
    numbers = {url: m["episode"] for url, m in manifests(tmp_path).items()}
    assert numbers == {site.url(paths[0]): 1, site.url(paths[1]): 2, site.url(paths[2]): 3}
    respoken = {text for text, lang in FakeTTS.calls if lang == "vi"}
    assert not any(STORIES[0].lead[:30] in text for text in respoken)
    assert any("chủ nhật" in text for text in respoken)


def test_since_and_max_items_choose_the_feed_items(tmp_path, fakes, site):
    paths = [publish_story(site, n) for n in range(3)]
    items = [(paths[n], STORIES[n].title, DATES[n]) for n in (2, 1, 0)]
    site.add("/feed", rss(site, items), content_type="application/rss+xml")

    report = build(settings_for(tmp_path, site.url("/feed"), since="2026-12-04", max_items=1))

    assert [m["url"] for m in manifests(tmp_path).values()] == [site.url(paths[2])]
    assert report.articles_found == 1


def test_sitemaps_and_url_lists_are_inputs_too(tmp_path, fakes, site):
    paths = [publish_story(site, n) for n in range(3)]
    site.add(
        "/sitemap.xml",
        sitemap(site, [(paths[0], "2026-12-03"), (paths[1], "2026-12-04")]),
        content_type="application/xml",
    )
    listing = tmp_path / "sites.urls"
    listing.write_text(
        f"# the newsroom's picks\n{site.url(paths[2])}  # today\n\nnot a url\n", encoding="utf-8"
    )

    report = build(settings_for(tmp_path, site.url("/sitemap.xml"), str(listing)))

    assert set(manifests(tmp_path)) == {site.url(p) for p in paths}
    (problem,) = report.failures
    assert problem.source == str(listing) and "'not a url' is not a URL" in problem.error


def pdf_and_image(site: NewsSite) -> None:
    site.add("/bao-cao.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    site.add("/anh.jpg", b"\xff\xd8\xff\xe0" + bytes(200), content_type="image/jpeg")


BAD_INPUTS = {
    "/missing.htm": "HTTP 404",
    "/gone.htm": "HTTP 410",
    "/loop": "redirects",
    "/home.htm": "no article text",
    "/english.htm": "not in Vietnamese",
    "/paywall.htm": "words of article text",
    "/bao-cao.pdf": "not a web page or feed (application/pdf)",
    "/anh.jpg": "not a web page or feed (image/jpeg)",
    "/not-xml.rss": "not a feed",
    "/empty.rss": "the feed has no items",
    "/private/secret.htm": "robots.txt",
    "/huge.htm": "too large",
}


def test_each_bad_url_has_its_own_one_line_error_and_the_rest_go_on(tmp_path, fakes, site):
    good = publish_story(site, 0)
    site.add("/gone.htm", status=410)
    site.add("/loop", redirect="/loop2")
    site.add("/loop2", redirect="/loop")
    site.add("/broken.htm", "<p>x</p>", failures=[(503, {})] * 10)
    menu = "".join(f"<li><a href='/{n}.htm'>{s.title}</a></li>" for n, s in enumerate(STORIES * 8))
    site.add("/home.htm", f"<html><body><nav><ul>{menu}</ul></nav></body></html>")
    english = replace(
        STORIES[1],
        title="City adds five electric bus lines",
        lead="Five new electric bus lines will run from the western districts from next month.",
        body=("Each line has twelve buses running from five in the morning until ten at night, "
              "fifteen minutes apart, with room for wheelchairs and phone chargers on board.",) * 4,
    )  # fmt: skip
    publish_story(site, 1, story=replace(english, doc_id="english"))
    site.routes["/english.htm"] = site.routes.pop("/tin/english.htm")
    stub = replace(STORIES[2], doc_id="paywall", body=("Nội dung dành cho thành viên.",))
    publish_story(site, 2, story=stub)
    site.routes["/paywall.htm"] = site.routes.pop("/tin/paywall.htm")
    pdf_and_image(site)
    site.add(
        "/not-xml.rss",
        "<?xml version='1.0'?><rss><channel><item>",
        content_type="application/rss+xml",
    )
    site.add("/empty.rss", rss(site, []), content_type="application/rss+xml")
    site.add("/private/secret.htm", make_page("dantri", STORIES[0], STORIES[1:]).html)
    site.add("/huge.htm", "<p>" + "chữ " * 1_300_000 + "</p>")
    slow_site = NewsSite()  # a slow host is left alone after one deadline: a host of its own
    slow_site.add("/slow.htm", "<p>late</p>", delay=1.5)

    with slow_site:
        inputs = [site.url(good), *(site.url(path) for path in BAD_INPUTS)]
        inputs[3:3] = [slow_site.url("/slow.htm"), site.url("/broken.htm")]
        report = build(settings_for(tmp_path, *inputs, retries=1, request_timeout=0.5))

    assert [Path(p).stem for p in report.episodes_written] == [
        "thu-vien-sach-cu-mo-cua-mien-phi-giua-long-pho-co"
    ]
    errors = {f.source: f.error for f in report.failures}
    assert set(errors) == {site.url(path) for path in BAD_INPUTS}
    # A site that did not answer in time, or kept failing: it may answer tomorrow.
    retry = {f.source: f.error for f in report.to_retry}
    assert retry.keys() == {slow_site.url("/slow.htm"), site.url("/broken.htm")}
    assert "no answer within" in retry[slow_site.url("/slow.htm")]
    assert "HTTP 503" in retry[site.url("/broken.htm")]
    for path, reason in BAD_INPUTS.items():
        assert reason in errors[site.url(path)], (path, errors[site.url(path)])
        assert "\n" not in errors[site.url(path)]
    assert not site.requests_to("/private/secret.htm")  # robots.txt said no: never asked


def test_retry_after_from_the_site_is_honoured(tmp_path, fakes, site):
    path = publish_story(site, 0)
    site.routes[path].failures = [(429, {"Retry-After": "1"})]

    report = build(settings_for(tmp_path, site.url(path)))

    assert not report.failures
    first, second = site.requests_to(path)
    assert (first.status, second.status) == (429, 200)


@pytest.mark.skipif(os.name != "posix", reason="the CLI test runs vnmedia's own command")
def test_split_reads_a_url_as_one_article(tmp_path, site):
    from click.testing import CliRunner

    from vnmedia.cli import cli

    path = publish_story(site, 2)
    result = CliRunner().invoke(cli, ["split", "--json", site.url(path)])

    assert result.exit_code == 0, result.output
    (source,) = json.loads(result.output)["files"]
    (article,) = source["articles"]
    assert source["source"] == site.url(path) and article["title"] == STORIES[2].title


WEB_STACK = ("trafilatura", "justext", "lxml_html_clean", "feedparser", "readability")

LOADED_MODULES = """
import sys
from vnmedia.cli import cli
try:
    cli(sys.argv[1:], prog_name="vnmedia")
except SystemExit as exit:
    print("exit", exit.code)
web_stack = {web_stack!r}
print("after build", sorted(m for m in web_stack if m in sys.modules))
from vnmedia.sources.extract import extract_article
extract_article("<html><body><p>Một câu.</p></body></html>", "https://x.vn/a")
print("after a page", sorted(m for m in web_stack if m in sys.modules))
"""


@pytest.mark.processes
def test_a_build_of_text_files_never_imports_the_web_reading_stack(tmp_path):
    # An install whose web stack is broken (pip 23.2.1 leaves out lxml_html_clean, which
    # jusText needs) must still build text files: the stack is imported when a URL is read.
    import subprocess

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Tin một\n\nĐoạn một có một câu.\n", "utf-8")
    script = LOADED_MODULES.format(web_stack=WEB_STACK)
    args = ["-q", "build", "in", "-o", "out", "--tts", "espeak", "--translator", "none"]
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert "exit 0" in done.stdout, done.stdout + done.stderr
    assert "after build []" in done.stdout
    # The check sees the stack when it is loaded: reading one page brings it in.
    assert "'trafilatura'" in done.stdout.split("after a page")[1]


def test_a_bulletin_page_links_each_original_with_date_length_and_download(tmp_path, fakes, site):
    from browser import open_page

    urls = [site.url(publish_story(site, n)) for n in range(3)]
    report = build(settings_for(tmp_path, *urls, episode="run", date="2026-12-05"))
    assert not report.failures, report.failures
    (manifest,) = manifests(tmp_path).values()

    with open_page(tmp_path / "out" / "index.html") as page:
        bulletin = page.locator(f"article#{manifest['slug']}")
        text = bulletin.inner_text()
        # Each title once: the spoken Vietnamese is the heading, not heading + first row.
        assert bulletin.locator("h2").inner_text().endswith(manifest["title"])
        for story in STORIES[:3]:  # (the fake translator's English quotes it: EN[title])
            assert text.count(story.title) - text.count(f"EN[{story.title}]") == 1, story.title
        headings = bulletin.locator("h3.seg[data-start]")
        assert [h.inner_text().removeprefix("VI").strip() for h in headings.all()] == [
            s.title for s in STORIES[:3]
        ]
        # Each story links its original article, right under its heading.
        links = bulletin.locator(".story + .source a")
        assert [a.get_attribute("href") for a in links.all()] == urls
        # The date, the length and a download link of the MP3.
        assert bulletin.locator(".meta time").get_attribute("datetime") == "2026-12-05"
        seconds = round(manifest["duration_ms"] / 1000)
        assert bulletin.locator(".meta .duration").inner_text() == (
            f"{seconds // 60}:{seconds % 60:02}"
        )
        download = bulletin.locator(".meta a[download]")
        assert (tmp_path / "out" / download.get_attribute("href")).is_file()
        assert download.get_attribute("href") == f"episodes/{manifest['audio']}"
        # A story's heading is its spoken title: clicking it plays from there.
        second = headings.nth(1)
        start = float(second.get_attribute("data-start"))
        second.click()
        page.wait_for_function(
            "t => document.querySelector('article audio').currentTime >= t", arg=start
        )
        assert "active" in (second.get_attribute("class") or "")
