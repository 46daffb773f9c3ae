"""What an episode is made from, as one hash: an episode whose recipe has not changed is
not rebuilt (no engine call, nothing rewritten)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..engines import TTSEngine
from ..models import Article, Unit
from ..services import BuildServices
from ..translation.faithful import CHECK_VERSION
from ..version import __version__


def fingerprint(
    services: BuildServices,
    article: Article,
    units: list[Unit],
    number: int,
    tts: TTSEngine | None = None,
    checks: list[dict[str, str]] | None = None,
) -> str:
    """Hash of everything the episode's audio, tags and manifest are made from (``tts``: the
    voice that spoke it, when not the first choice; a rerun then tries the first again)."""
    settings = services.settings
    tts = tts or services.engines.tts
    recipe = {
        "version": __version__,
        "title": article.title,
        "source": article.source,
        "episode": number,
        "published": article.published or _file_identity(article.source),
        "web": [article.url, article.author],
        "show": [
            settings.show_title,
            settings.show_author,
            _file_identity(settings.show_image),
        ],
        "extras": [
            settings.loudness,
            # The manifest reports what the glossary finds missing: a new glossary, a new one.
            [_file_identity(path) for path in settings.glossary],
            _file_identity(settings.intro),
            _file_identity(settings.outro),
            _file_identity(settings.between),
            # The manifest names every doubt of the check: what decides them, too.
            [settings.check, settings.on_doubt, settings.check_memory, CHECK_VERSION],
            [_file_identity(path) for path in settings.names],
            # Only when on, so episodes made before --words existed keep their recipe.
            *([settings.words_per_episode] if settings.words_per_episode else []),
            # The manifest lists the guessed readings: a lexicon line that settles one as
            # it was already read changes the list, not the audio. Only when there are
            # some, so episodes with none keep the recipe they had before the list.
            *([[c["written"], c["rule"]] for c in checks] if checks else []),
        ],
        "segments": [
            [
                *(s.kind, s.index, s.lang, s.text, s.spoken, s.translation, s.section),
                *(s.article, s.sentence),
            ]
            for unit in units
            for s in unit
        ],
        "tts": [tts.name, tts.cache_identity()],
        "audio": [
            services.rate,
            settings.pause_lang,
            settings.pause_paragraph,
            settings.bitrate,
            settings.mp3_quality,
            settings.pause_sentence,
            settings.pause_repeat,
            # Only when set, so episodes made before --pattern existed keep their recipe.
            *([settings.pattern] if settings.pattern else []),
        ],
    }
    blob = json.dumps(recipe, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def _file_identity(path: str | None) -> list[object] | None:
    """What changes when a file changes: its path, size and modification time."""
    if not path:
        return None
    try:
        stat = Path(path).stat()
    except OSError:
        return [path]
    return [path, stat.st_size, stat.st_mtime_ns]


def up_to_date(mp3: Path, fingerprint: str) -> bool:
    """Whether ``mp3`` and its manifest were made from exactly this fingerprint."""
    try:
        manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(manifest, dict)
        and manifest.get("fingerprint") == fingerprint
        and mp3.is_file()
        and mp3.stat().st_size > 0
    )
