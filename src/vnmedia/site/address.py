"""Is an address one that listeners can reach? The feed's base URL and the owner's e-mail.

A feed whose links point at this machine, a private network or a placeholder domain
(RFC 2606/6761: ``example.com``, ``.test``, ``.invalid``, ``.localhost``…) plays nowhere,
and directories refuse a show whose owner address is a placeholder.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from ..sources.listings import is_url

PLACEHOLDER_DOMAINS = ("example.com", "example.net", "example.org")
"""Reserved for documentation (RFC 2606): nobody can own them."""
PRIVATE_SUFFIXES = (
    ".example",
    ".test",
    ".invalid",
    ".localhost",
    ".local",
    ".internal",
    ".lan",
    ".home.arpa",
)
"""Names that never resolve on the public internet (RFC 2606, RFC 6761, RFC 6762, RFC 8375)."""


def _placeholder_domain(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS)


def unreachable_host(url: str) -> str | None:
    """Why listeners could not reach ``url`` (``None`` when they could)."""
    if not is_url(url):
        return "is not an http(s) address"
    host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is not None:
        if ip.is_loopback or ip.is_unspecified:
            return "is this machine (loopback)"
        if not ip.is_global:
            return "is a private network address"
        return None
    if host == "localhost" or host.endswith(".localhost"):
        return "is this machine (localhost)"
    if _placeholder_domain(host) or any(host.endswith(s) for s in PRIVATE_SUFFIXES):
        return "is a placeholder or local-network name"
    if "." not in host:
        return "is a local-network name"
    return None


def placeholder_email(email: str) -> bool:
    """An owner e-mail nobody reads: empty, malformed, or at a placeholder domain."""
    local, at, domain = email.strip().partition("@")
    if not (local and at and "." in domain):
        return True
    return _placeholder_domain(domain) or any(domain.lower().endswith(s) for s in PRIVATE_SUFFIXES)
