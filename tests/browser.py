"""A real headless Chromium (Debian's, driven by Playwright) for the player-page tests, and
the npm validators (tests/js) for transcripts and feeds.

Never `playwright install`: .ci/run installs Debian's chromium and the npm packages. Outside
CI a missing tool skips the test; under CI=true it fails it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
VALIDATORS = Path(__file__).parent / "js"
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


def validate(kind: str, *files: Path) -> list[dict[str, Any]]:
    """Run tests/js/validate.js (``vtt``, ``srt`` or ``feed``): one result per file."""
    require(
        shutil.which("node") is not None and (VALIDATORS / "node_modules").is_dir(),
        "npm validators (tests/js)",
    )
    run = subprocess.run(
        ["node", str(VALIDATORS / "validate.js"), kind, *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in run.stdout.splitlines()]
