"""A real headless Chromium (Debian's, driven by Playwright) for the player-page tests.

Never `playwright install`: .ci/run installs Debian's chromium. Outside CI a missing browser
skips the test; under CI=true it fails it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI") == "true"


def require(available: bool, what: str) -> None:
    """Skip (or, under CI, fail) when a tool the test needs is missing."""
    if not available:
        if IN_CI:
            pytest.fail(f"{what} is missing: .ci/run installs it")
        pytest.skip(f"{what} not installed (.ci/run installs it)")


@contextmanager
def open_page(page_file: Path, outside: list[str] | None = None) -> Iterator[Any]:
    """The page open in Chromium; requests leaving ``file://`` are noted in ``outside``."""
    require(Path(CHROMIUM).exists(), "Debian chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--autoplay-policy=no-user-gesture-required",
            ],
        )
        page = browser.new_page()
        if outside is not None:
            page.on(
                "request",
                lambda r: outside.append(r.url) if not r.url.startswith("file://") else None,
            )
        page.goto(page_file.as_uri())
        try:
            yield page
        finally:
            browser.close()
