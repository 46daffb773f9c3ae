"""Runs the vnmedia CLI with the deterministic fake engines registered (for subprocess tests).

espeak-ng's output depends slightly on what it spoke before (see engines/espeak.py), so
tests that compare audio across processes use this engine instead.

With ``KILL_AT_REPLACE=N`` in the environment, the process kills itself (SIGKILL) at the
N-th episode file it is about to rename into ``episodes/``: the file is fully written
under its temporary name and nothing is at its published name yet — a kill timed inside
the publishing of an episode (cache writes are not counted).
"""

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from vnmedia.cli import main  # noqa: E402
from vnmedia.engines import translators, tts_engines  # noqa: E402

from fake_engines import FakeTranslator, FakeTTS  # noqa: E402

tts_engines.register(FakeTTS.name, FakeTTS)
translators.register(FakeTranslator.name, FakeTranslator)

if os.environ.get("KILL_AT_REPLACE"):
    kill_at = int(os.environ["KILL_AT_REPLACE"])
    real_replace = os.replace
    renames = 0

    def replace_or_die(source, destination, **kwargs):  # type: ignore[no-untyped-def]
        global renames
        if Path(destination).parent.name == "episodes":
            renames += 1
        if renames == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(source, destination, **kwargs)

    os.replace = replace_or_die

main()
