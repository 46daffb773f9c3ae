"""Servers that misbehave the ways real ones do (issue 34), against the real web client:
robots.txt on every host a redirect lands on, a robots.txt too long to read, pages in the
old font encodings, feeds that repeat or use relative links, URLs with spaces, trickling and
silent hosts, long Retry-After waits, redirects off the web, Crawl-delay."""

from __future__ import annotations

import gzip
import sys
import time
import tracemalloc
from email.utils import formatdate
from pathlib import Path

import pytest

from vnmedia.runtime.cache import Cache
from vnmedia.runtime.resilience import Guards, RetryPolicy
from vnmedia.sources.fetch import MAX_CRAWL_DELAY, ROBOTS_MAX_BYTES, FetchError, WebClient
from vnmedia.sources.web import WebReader

from news_pages import make_page
from vietnamese_bytes import windows_1258
from web_server import NewsSite, SilentHost, TricklingHost, rss, sitemap

sys.path.insert(0, str(Path(__file__).parent))
from stories import STORIES  # noqa: E402

ROBOTS = "User-agent: *\nDisallow: /private/\n"


def client_for(tmp_path: Path, *, timeout: float = 5.0, sleeps: list[float] | None = None):
    """A web client with a fast retry policy; ``sleeps`` records the waits instead of
    sleeping them."""
    guards = Guards(
        rate=1000,
        policy=RetryPolicy(attempts=3, initial_delay=0.01),
        sleep=sleeps.append if sleeps is not None else time.sleep,
    )
    return WebClient(Cache(tmp_path / "cache"), guards, contact="tin@example.vn", timeout=timeout)


def new_site(robots: str = ROBOTS) -> NewsSite:
    site = NewsSite()
    site.add("/robots.txt", robots, content_type="text/plain")
    return site


@pytest.fixture
def site():
    with new_site() as running:
        yield running


@pytest.fixture
def other():
    """A second host, with its own robots.txt."""
    with new_site() as running:
        yield running


def article(site: NewsSite, path: str, n: int = 0) -> str:
    site.add(path, make_page("vnexpress", STORIES[n], STORIES[n + 1 :]).html)
    return site.url(path)


# --- robots.txt ---------------------------------------------------------------------------


def test_robots_txt_of_the_host_a_redirect_lands_on_is_honoured(tmp_path, site, other):
    article(other, "/private/bai.htm")
    site.add("/di", redirect=other.url("/private/bai.htm"))

    with pytest.raises(FetchError, match=r"disallows it for vnmedia \(a redirect to") as refused:
        client_for(tmp_path).get(site.url("/di"))

    assert not refused.value.retryable
    assert [s.path for s in other.seen] == ["/robots.txt"]  # asked, and the page never


def test_a_robots_txt_over_the_limit_is_read_to_the_limit_and_the_rest_disallows(tmp_path, site):
    filler = "".join(f"# ghi chú {n}\n" for n in range(60_000))  # ≈ 900 KiB of comments
    assert len(filler.encode()) > 1.5 * ROBOTS_MAX_BYTES
    site.add(
        "/robots.txt",
        "User-agent: *\nAllow: /tin/\nDisallow: /private/\n" + filler + "Disallow: /\n",
        content_type="text/plain",
    )
    news = article(site, "/tin/bai.htm")
    site.add("/private/bai.htm", "<p>riêng</p>")
    site.add("/khac.htm", "<p>khác</p>")
    client = client_for(tmp_path)

    assert "Thư viện" in client.get(news).text  # explicitly allowed near the top
    for path in ("/private/bai.htm", "/khac.htm"):  # disallowed near the top / not known
        with pytest.raises(FetchError, match="robots.txt"):
            client.get(site.url(path))
    assert not site.requests_to("/private/bai.htm") and not site.requests_to("/khac.htm")
    (warning,) = client.warnings
    assert "robots.txt is longer than 512 KiB" in warning


def test_a_host_whose_robots_txt_fails_is_asked_once_and_nothing_of_it_fetched(tmp_path, site):
    site.routes["/robots.txt"].failures = [(503, {})] * 10
    article(site, "/tin/a.htm")
    article(site, "/tin/b.htm", 1)
    client = client_for(tmp_path)

    for path in ("/tin/a.htm", "/tin/b.htm"):
        with pytest.raises(FetchError, match=r"robots.txt of \S+ cannot be read") as failed:
            client.get(site.url(path))
        assert failed.value.retryable
    assert len(site.requests_to("/robots.txt")) == 3  # one URL's tries; the other's none
    assert not site.requests_to("/tin/a.htm") and not site.requests_to("/tin/b.htm")


def test_a_missing_robots_txt_is_remembered_for_a_day_like_one_that_exists(tmp_path, site):
    del site.routes["/robots.txt"]
    url = article(site, "/tin/a.htm")
    client_for(tmp_path).get(url)
    site.clear()

    client_for(tmp_path).get(url)  # the next run, the same cache

    assert [s.path for s in site.seen] == ["/tin/a.htm"]


def test_crawl_delay_spaces_the_requests_up_to_the_cap(tmp_path, site, other):
    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 20\n", content_type="text/plain")
    other.add("/robots.txt", "User-agent: vnmedia\nCrawl-delay: 3600\n", content_type="text/plain")
    sleeps: list[float] = []
    client = client_for(tmp_path, sleeps=sleeps)
    for host in (site, other):
        for path in ("/tin/a.htm", "/tin/b.htm"):
            client.get(article(host, path))

    # robots.txt, then each page waits its turn after the request before it. The waits are
    # recorded, not slept: no time passes, so the second page's turn is two delays away.
    long_waits = [round(s) for s in sleeps if s > 1]
    assert long_waits == [20, 40, MAX_CRAWL_DELAY, 2 * MAX_CRAWL_DELAY]
    (warning,) = client.warnings
    assert "3600 s between requests" in warning and f"{MAX_CRAWL_DELAY:g} s at most" in warning


# --- what a server sends --------------------------------------------------------------------


def legacy_bytes(text: str, encoding: str) -> bytes:
    from viparse.normalize.encodings import get_charmap

    charmap = get_charmap(encoding)
    assert charmap is not None
    reverse = {unicode: legacy for legacy, unicode in charmap.pairs}
    # TCVN3 has no capitals with diacritics (they were typed in a capitals font): lower case.
    return "".join(reverse.get(ch, reverse.get(ch.lower(), ch)) for ch in text).encode("latin-1")


@pytest.mark.parametrize(("encoding", "declared"), [("viscii", "VISCII"), ("tcvn3", "TCVN3")])
def test_a_page_in_a_font_encoding_is_decoded_by_its_declared_charset(
    tmp_path, site, encoding, declared
):
    html = make_page("dantri", STORIES[0], STORIES[1:]).html
    html = html.replace('<meta charset="utf-8">', f'<meta charset="{declared}">')
    site.add("/tin/cu.htm", legacy_bytes(html, encoding), content_type="text/html")

    (source,) = WebReader(client_for(tmp_path)).read(site.url("/tin/cu.htm"))

    assert not source.errors, source.errors
    (read,) = source.articles
    assert read.title == STORIES[0].title
    assert STORIES[0].body[0][:50] in " ".join(p.text for p in read.paragraphs)


def minified_page(charset: str | None) -> str:
    """A real-shaped page declaring ``charset`` (or none), minified as big sites serve them:
    the whole page one line, with an inline script of 250,000 characters (longer than an
    article file's longest line)."""
    html = make_page("dantri", STORIES[0], STORIES[1:]).html
    declared = f'<meta charset="{charset}">' if charset else ""
    html = html.replace('<meta charset="utf-8">', declared)
    script = "<script>window.__DATA__=[" + ",".join(["0"] * 125_000) + "]</script>"
    return html.replace("</head>", f"{script}</head>").replace("\n", " ")


@pytest.mark.parametrize(
    ("declared", "bytes_in"),
    [
        ("windows-1258", "windows-1258"),
        ("TCVN3", "tcvn3"),
        ("VISCII", "viscii"),
        (None, "windows-1258"),
        ("iso-8859-1", "utf-8"),
    ],
)
def test_a_minified_page_is_decoded_by_its_charset_never_refused_for_its_shape(
    tmp_path, site, declared, bytes_in
):
    """A page on one very long line is decoded as it declares (the font encodings too) or,
    declaring nothing, as detected: never refused, nor handed to another decoder that
    knows no font encoding, for an article file's line length. A page whose old template
    still declares ``iso-8859-1`` but whose bytes are UTF-8 is read as UTF-8."""
    html = minified_page(declared)
    if bytes_in == "windows-1258":
        body = windows_1258(html)
    elif bytes_in == "utf-8":
        body = html.encode("utf-8")
    else:
        body = legacy_bytes(html, bytes_in)
    site.add("/tin/cu.htm", body, content_type="text/html")

    (source,) = WebReader(client_for(tmp_path)).read(site.url("/tin/cu.htm"))

    assert not source.errors, source.errors
    (read,) = source.articles
    assert read.title == STORIES[0].title
    spoken = " ".join(p.text for p in read.paragraphs)
    assert STORIES[0].body[0][:50] in spoken and STORIES[0].body[-1][-50:] in spoken


def test_encoding_forced_on_the_command_line_decodes_pages_too(tmp_path, site):
    html = make_page("dantri", STORIES[0], STORIES[1:]).html.replace(' charset="utf-8"', "")
    site.add("/tin/cu.htm", legacy_bytes(html, "viscii"), content_type="text/html")
    client = client_for(tmp_path)
    client.encoding = "viscii"

    (source,) = WebReader(client).read(site.url("/tin/cu.htm"))

    assert source.articles and source.articles[0].title == STORIES[0].title


def test_a_feed_whose_items_all_link_to_one_article_costs_one_request(tmp_path, site):
    path = "/tin/bai.htm"
    article(site, path)
    variants = (path, f"{path}#binh-luan", f"{path}?utm_source=rss&amp;utm_medium=feed")
    items = [(variants[n % 3], f"Tin {n}", "Sat, 05 Dec 2026 06:00:00 GMT") for n in range(20)]
    site.add("/rss", rss(site, items), content_type="application/rss+xml")

    sources = WebReader(client_for(tmp_path)).read(site.url("/rss"))

    assert len(sources) == 1 and sources[0].articles
    assert len(site.requests_to(path)) == 1


def test_a_feed_with_relative_links_is_read_against_its_url(tmp_path, site):
    article(site, "/tin/a.htm")
    article(site, "/tin/b.htm", 1)
    site.add(
        "/rss/home.rss",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title>'
        "<item><title>A</title><link>/tin/a.htm</link></item>"
        "<item><title>B</title><link>../tin/b.htm</link></item></channel></rss>",
        content_type="application/rss+xml",
    )

    sources = WebReader(client_for(tmp_path)).read(site.url("/rss/home.rss"))

    assert [s.path for s in sources] == [site.url("/tin/a.htm"), site.url("/tin/b.htm")]
    assert all(s.articles for s in sources)


def test_a_sitemap_index_with_a_broken_sitemap_reads_the_others(tmp_path, site):
    article(site, "/tin/a.htm")
    site.add("/sitemap-1.xml", sitemap(site, [("/tin/a.htm", "2026-12-05")]))
    site.add("/sitemap-2.xml", "<urlset><url><loc>", content_type="application/xml")
    site.add(
        "/sitemap.xml",
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/sitemap-2.xml')}</loc><lastmod>2026-12-05</lastmod></sitemap>"
        f"<sitemap><loc>{site.url('/sitemap-1.xml')}</loc><lastmod>2026-12-04</lastmod></sitemap>"
        "</sitemapindex>",
        content_type="application/xml",
    )
    reader = WebReader(client_for(tmp_path))

    (source,) = reader.read(site.url("/sitemap.xml"))

    assert source.path == site.url("/tin/a.htm") and source.articles
    (warning,) = reader.warnings
    assert "sitemap-2.xml" in warning and "skipped" in warning


def test_a_url_with_spaces_and_vietnamese_letters_is_quoted(tmp_path, site):
    article(site, "/tin/b%C3%A0i%20vi%E1%BA%BFt.htm")
    reader = WebReader(client_for(tmp_path))

    (source,) = reader.read(site.url("/tin/bài viết.htm"))
    (bad,) = reader.read("http://bad host..vn/a b")

    assert source.articles and source.path == site.url("/tin/b%C3%A0i%20vi%E1%BA%BFt.htm")
    assert bad.errors and "\n" not in bad.errors[0]


def test_a_redirect_off_the_web_is_one_error_naming_it_and_no_breaker(tmp_path, site):
    site.add("/ftp", redirect="ftp://127.0.0.1/bai.txt")
    site.add("/file", redirect="file:///etc/passwd")
    client = client_for(tmp_path)

    for path, target in (("/ftp", "ftp://127.0.0.1/bai.txt"), ("/file", "file:///etc/passwd")):
        for _ in range(2):
            with pytest.raises(FetchError, match=f"redirected to {target}") as failed:
                client.get(site.url(path))
            assert not failed.value.retryable
        assert len(site.requests_to(path)) == 2  # never retried
    assert not client.guards.refusing()  # the host is fine: its other pages are fetched
    assert "Thư viện" in client.get(article(site, "/tin/a.htm")).text


def test_a_gzip_bomb_is_refused_with_memory_flat(tmp_path, site):
    bomb = gzip.compress(b"<p>" + b" " * 200_000_000, compresslevel=9)  # 200 MB from ≈200 KB
    site.add("/bom.htm", bomb, headers={"Content-Encoding": "gzip"})

    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="too large"):
            client_for(tmp_path).get(site.url("/bom.htm"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30_000_000  # the limit (5 MB) and some chunks, never the 200 MB


# --- slow, silent and busy hosts -------------------------------------------------------------


def test_a_page_that_trickles_costs_one_deadline_and_its_connection_is_closed(tmp_path, site):
    site.add("/cham.htm", "<p>" + "chữ " * 200 + "</p>", trickle=0.05)  # ≈ 40 s in all
    client = client_for(tmp_path, timeout=1.0)

    started = time.monotonic()
    with pytest.raises(FetchError, match="not sent in full within 1 s") as late:
        client.get(site.url("/cham.htm"))
    spent = time.monotonic() - started

    assert late.value.retryable and spent < 10
    assert len(site.requests_to("/cham.htm")) == 1  # the deadline leaves no time to retry
    for _ in range(100):  # the server notices the closed connection at its next write
        if site.dropped:
            break
        time.sleep(0.05)
    assert site.dropped == ["/cham.htm"]


def test_headers_that_trickle_are_cut_at_the_deadline_and_the_connection_closed(tmp_path):
    host = TricklingHost()
    try:
        client = client_for(tmp_path, timeout=0.5)
        started = time.monotonic()
        with pytest.raises(FetchError, match="robots.txt of .* cannot be read"):
            client.get(host.url("/tin/a.htm"))
        spent = time.monotonic() - started
        for _ in range(100):  # the server sees the hang-up at its next byte
            if host.hung_up:
                break
            time.sleep(0.05)
    finally:
        host.close()

    assert spent < 5 and len(host.connections) == 1
    assert host.hung_up == 1


def test_a_host_that_never_answers_costs_one_deadline_for_the_run(tmp_path):
    silent = SilentHost()
    origin = silent.url("")
    try:
        client = client_for(tmp_path, timeout=0.5)
        reader = WebReader(client)
        started = time.monotonic()
        sources = [reader.read(silent.url(f"/tin/{n}.htm"))[0] for n in range(5)]
        spent = time.monotonic() - started
    finally:
        silent.close()

    assert len(silent.connections) == 1  # robots.txt, once
    assert spent < 3  # one deadline (0.5 s), not five
    for source in sources:
        (problem,) = source.to_retry
        assert source.errors == (problem,) and "rerun later" in problem
        assert f"robots.txt of {origin} cannot be read (no answer within 0.5 s)" in problem


def test_a_host_that_stops_answering_is_not_asked_again(tmp_path, site):
    for n in range(3):
        article(site, f"/tin/{n}.htm", n)
    site.routes["/tin/0.htm"].delay = 2
    reader = WebReader(client_for(tmp_path, timeout=0.5))

    sources = [reader.read(site.url(f"/tin/{n}.htm"))[0] for n in range(3)]

    assert [len(site.requests_to(f"/tin/{n}.htm")) for n in range(3)] == [1, 0, 0]
    assert "no answer within 0.5 s" in sources[0].to_retry[0]
    assert "did not answer earlier in this run" in sources[2].to_retry[0]


def test_a_long_retry_after_stops_asking_the_host_and_leaves_its_urls_to_retry(tmp_path, site):
    for n in range(3):
        article(site, f"/tin/{n}.htm", n)
    site.routes["/tin/0.htm"].failures = [(429, {"Retry-After": "3600"})]
    sleeps: list[float] = []
    reader = WebReader(client_for(tmp_path, sleeps=sleeps))

    sources = [reader.read(site.url(f"/tin/{n}.htm"))[0] for n in range(3)]

    assert [len(site.requests_to(f"/tin/{n}.htm")) for n in range(3)] == [1, 0, 0]
    assert all(s.to_retry and s.errors == s.to_retry for s in sources)
    assert "HTTP 429 from the site (it asks to wait 3,600 s)" in sources[0].errors[0]
    assert "asked to wait 3,600 s" in sources[1].errors[0]
    assert not [s for s in sleeps if s > 1]


def test_retry_after_as_an_http_date_is_honoured(tmp_path, site):
    url = article(site, "/tin/a.htm")
    in_20_s = formatdate(time.time() + 20, usegmt=True)
    site.routes["/tin/a.htm"].failures = [(503, {"Retry-After": in_20_s})]
    sleeps: list[float] = []

    client_for(tmp_path, timeout=60, sleeps=sleeps).get(url)

    (wait,) = [s for s in sleeps if s > 1]
    assert 17 <= wait <= 20
