"""vnmedia: Vietnamese news articles → bilingual (Vietnamese/English) podcast episodes.

Library use::

    from vnmedia import build, load_settings

    report = build(load_settings(inputs=("input",), output="output"))
    print(report.episodes_written, report.failures)
"""

from __future__ import annotations

from .errors import ExitCode, VnmediaError
from .models import Article, BuildReport, EpisodeManifest, Paragraph
from .pipeline import build
from .services import choose_engines
from .settings import Settings, load_settings
from .version import __version__

__all__ = [
    "__version__",
    "Article",
    "BuildReport",
    "EpisodeManifest",
    "ExitCode",
    "Paragraph",
    "Settings",
    "VnmediaError",
    "build",
    "choose_engines",
    "load_settings",
]
