"""The web client on its own, against the local news site: Retry-After, conditional
requests, robots.txt kept for a day, the guards' waits."""

from __future__ import annotations

import pytest

from vnmedia.runtime.cache import Cache
from vnmedia.runtime.resilience import Guards, RetryPolicy
from vnmedia.sources.fetch import ROBOTS_MAX_AGE, FetchError, WebClient

from web_server import NewsSite


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def site():
    with NewsSite() as running:
        running.add(
            "/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
        )
        running.add("/a.htm", "<html><body><p>Bài một.</p></body></html>")
        yield running


def client_for(tmp_path, waits: list[float], clock=None) -> WebClient:
    guards = Guards(
        rate=1000, policy=RetryPolicy(attempts=3, initial_delay=0.01), sleep=waits.append
    )
    return WebClient(
        Cache(tmp_path / "cache"), guards, contact="tin@example.vn", clock=clock or Clock()
    )


def test_retry_after_is_read_from_the_real_reply(tmp_path, site):
    site.routes["/a.htm"].failures = [(429, {"Retry-After": "3"})]
    waits: list[float] = []

    page = client_for(tmp_path, waits).get(site.url("/a.htm"))

    assert "Bài một" in page.text
    # The only long wait is the one the site asked for (the backoff alone is ~0.01 s).
    assert [w for w in waits if w >= 1] == [3.0]


def test_a_server_that_keeps_failing_is_retried_then_reported(tmp_path, site):
    site.routes["/a.htm"].failures = [(503, {})] * 5
    waits: list[float] = []

    with pytest.raises(FetchError, match="HTTP 503") as failure:
        client_for(tmp_path, waits).get(site.url("/a.htm"))

    assert failure.value.retryable
    assert [s.status for s in site.requests_to("/a.htm")] == [503, 503, 503]
    # two backoffs (0.01 s and more); the rate limit's own waits (about 1 ms, when the
    # unslept retry comes back within its interval) are not retries
    assert len([w for w in waits if w >= 0.01]) == 2


def test_conditional_requests_and_a_days_robots(tmp_path, site):
    clock = Clock()
    first = client_for(tmp_path, [], clock).get(site.url("/a.htm"))
    assert first.changed

    site.clear()
    again = client_for(tmp_path, [], clock).get(site.url("/a.htm"))
    assert not again.changed and again.text == first.text
    (seen,) = site.seen  # robots.txt came from the cache: it is less than a day old
    assert seen.headers["If-None-Match"] == site.routes["/a.htm"].etag and seen.status == 304

    site.clear()
    clock.now += ROBOTS_MAX_AGE + 1
    client_for(tmp_path, [], clock).get(site.url("/a.htm"))
    assert [s.path for s in site.seen] == ["/robots.txt", "/a.htm"]

    site.clear()
    cached = client_for(tmp_path, [], clock).get(site.url("/a.htm"), revalidate=False)
    assert cached.text == first.text and not site.seen


def test_robots_disallow_and_a_missing_robots_txt(tmp_path, site):
    with pytest.raises(FetchError, match="robots.txt"):
        client_for(tmp_path, []).get(site.url("/private/x.htm"))
    del site.routes["/robots.txt"]  # 404: everything is allowed
    site.add("/private/x.htm", "<p>ok</p>")
    page = client_for(tmp_path / "other", []).get(site.url("/private/x.htm"))
    assert page.text == "<p>ok</p>"
