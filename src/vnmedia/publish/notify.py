"""Telling directories that a feed changed: a WebSub hub and a Podping-style endpoint.

Apps and directories poll feeds, some only every few hours or days; a ping makes them
fetch it now. WebSub (W3C): the feed names its hub (``<atom:link rel="hub">``) and the
publisher POSTs ``hub.mode=publish&hub.url=FEED`` to it. Podping (Podcast Index): a
``GET`` of the endpoint with ``?url=FEED`` and an ``Authorization`` token, which the
endpoint writes to the Hive blockchain for every app listening (DESIGN.md, "Podcast
directories"). A ping that fails is a warning: the feed is published either way.
"""

from __future__ import annotations

from typing import Any

from ..settings import Settings
from ..version import __version__


def notify_directories(settings: Settings, feed_url: str) -> tuple[list[str], list[str]]:
    """Ping the configured hub and endpoint about ``feed_url``: (done, warnings)."""
    import requests

    headers = {"User-Agent": f"vnmedia/{__version__} (+{settings.user_agent_contact})"}
    pings: list[tuple[str, str, str, dict[str, Any]]] = []
    if settings.websub_hub:
        form = {"hub.mode": "publish", "hub.url": feed_url}
        pings.append(("WebSub hub", settings.websub_hub, "POST", {"data": form}))
    if settings.podping_url:
        token = {"Authorization": settings.podping_token} if settings.podping_token else {}
        query: dict[str, Any] = {"params": {"url": feed_url}, "headers": {**headers, **token}}
        pings.append(("Podping endpoint", settings.podping_url, "GET", query))
    done: list[str] = []
    warnings: list[str] = []
    for name, url, method, options in pings:
        options.setdefault("headers", headers)
        try:
            answer = requests.request(method, url, timeout=settings.request_timeout, **options)
        except requests.RequestException as exc:
            warnings.append(f"{name} {url} was not told of the new feed: {type(exc).__name__}")
            continue
        if 200 <= answer.status_code < 300:
            done.append(f"told {name} {url}")
        else:
            warnings.append(
                f"{name} {url} refused the ping (HTTP {answer.status_code}): apps will see the "
                "new feed when they next poll it"
            )
    return done, warnings
