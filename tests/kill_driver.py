"""Runs the vnmedia CLI with the deterministic fake TTS engine registered (for subprocess tests).

espeak-ng's output depends slightly on what it spoke before (see engines/espeak.py), so
tests that compare audio across processes use this engine instead.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from vnmedia.cli import main  # noqa: E402
from vnmedia.engines import tts_engines  # noqa: E402

from conftest import FakeTTS  # noqa: E402

tts_engines.register(FakeTTS.name, FakeTTS)
main()
