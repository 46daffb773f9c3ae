"""``vnmedia doctor``: is this machine ready to build episodes? Each problem comes with a fix."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .codec import ffmpeg_path
from .engines import Voice, translators, tts_engines
from .engines.network import google_reachable, service_reachable
from .errors import VnmediaError
from .settings import Settings


@dataclass(frozen=True)
class Check:
    """One readiness check."""

    name: str
    ok: bool
    detail: str
    fix: str = ""
    essential: bool = True
    """An essential check failing means builds cannot work; others only degrade them."""


def run_checks(settings: Settings) -> list[Check]:
    """Every check, in the order a person would look at them."""
    checks = [_python(), _ffmpeg(), _espeak(settings), _network(settings)]
    checks.append(_libre(settings))
    checks.extend(_free_space(settings))
    return checks


TYPICAL_BUILD_BYTES = 300_000_000
"""What a day's build of 100 bilingual articles writes: ~70 MB of episodes and up to twice
that in cached clips, with room for the temporaries of the episodes being encoded."""


def _free_space(settings: Settings) -> list[Check]:
    folders = {"output": Path(settings.output)}
    if settings.cache_dir:
        folders["cache-dir"] = Path(settings.cache_dir)
    checks = []
    for name, folder in folders.items():
        existing = next((p for p in (folder, *folder.resolve().parents) if p.exists()), Path("/"))
        free = shutil.disk_usage(existing).free
        ok = free >= TYPICAL_BUILD_BYTES
        checks.append(
            Check(
                f"free space ({name})",
                ok,
                f"{free / 1e6:,.0f} MB free for {folder}",
                f"a build needs about {TYPICAL_BUILD_BYTES / 1e6:.0f} MB: free space, "
                f"lower cache_max_size, or pass another --{name}",
                essential=False,
            )
        )
    return checks


def _python() -> Check:
    versions = ", ".join(
        f"{name} {_version(name)}"
        for name in ("gTTS", "deep-translator", "pydub", "click", "espeakng-loader")
    )
    return Check("python", True, f"Python {sys.version.split()[0]}; {versions}")


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "missing"


def _ffmpeg() -> Check:
    try:
        path = ffmpeg_path()
        first_line = subprocess.run(
            [path, "-version"], capture_output=True, text=True, timeout=20, check=True
        ).stdout.splitlines()[0]
    except (VnmediaError, OSError, subprocess.SubprocessError, IndexError) as exc:
        return Check(
            "ffmpeg", False, str(exc), "run `make install` (imageio-ffmpeg) or install ffmpeg"
        )
    return Check("ffmpeg", True, f"{path}: {first_line}")


def _espeak(settings: Settings) -> Check:
    engine = tts_engines.create("espeak", settings)
    reason = engine.unavailable_reason()
    if reason:
        return Check("espeak-ng", False, reason, "run `make install` (espeakng-loader)")
    try:
        for lang in ("vi", "en"):
            engine.synthesize("xin chào" if lang == "vi" else "hello", lang)
    except VnmediaError as exc:
        return Check("espeak-ng", False, str(exc), "run `make install` (espeakng-loader)")
    return Check("espeak-ng", True, "libespeak-ng and its vi/en voices work (offline speech)")


def _network(settings: Settings) -> Check:
    if google_reachable(settings.probe_timeout):
        return Check("network", True, "Google answers: gtts and google translation are usable")
    return Check(
        "network",
        False,
        "Google is unreachable: builds use espeak and the translation memory only",
        "connect to the internet, or add human translations with --memory FILE",
        essential=False,
    )


def _libre(settings: Settings) -> Check:
    reason = translators.create("libre", settings).unavailable_reason()
    if reason:
        return Check("libre", False, reason, "only needed for --translator libre", essential=False)
    return Check("libre", True, f"API key set for {settings.libre_url}", essential=False)


@dataclass(frozen=True)
class EngineStatus:
    """One registered engine and whether it can be used right now."""

    kind: str
    name: str
    languages: tuple[str, ...]
    needs_network: bool
    max_chars: int
    usable: bool
    reason: str


def engine_statuses(settings: Settings) -> list[EngineStatus]:
    """Every registered engine; network engines are usable only if their service answered
    a probe (one probe per service)."""
    online: dict[tuple[str, str | None], bool] = {}
    statuses = []
    for kind, registry in (("tts", tts_engines), ("translator", translators)):
        for name in registry.names():
            engine = registry.create(name, settings)
            reason = engine.unavailable_reason() or ""
            if not reason and engine.needs_network:
                service = engine.service or "google"
                where = (service, engine.probe_url())
                if where not in online:
                    online[where] = service_reachable(*where, timeout=settings.probe_timeout)
                reason = "" if online[where] else f"{service} unreachable"
            statuses.append(
                EngineStatus(
                    kind=kind,
                    name=name,
                    languages=tuple(sorted(engine.languages)),
                    needs_network=engine.needs_network,
                    max_chars=engine.max_chars,
                    usable=not reason,
                    reason=reason,
                )
            )
    return statuses


def engine_voices(settings: Settings, names: Sequence[str] = ()) -> list[tuple[str, Voice]]:
    """(engine name, voice) for every voice the named TTS engines (default: all) offer."""
    return [
        (name, voice)
        for name in names or tts_engines.names()
        for voice in tts_engines.create(name, settings).list_voices()
    ]
