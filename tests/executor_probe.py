"""A worker for executor tests: reports which process ran each article and the rate it got.

It lives in its own importable module so spawned processes and Dask workers can load it.
"""

from __future__ import annotations

import os
import signal
import threading
import time

from vnmedia.runtime.executors import ArticleJob, ArticleResult, WorkerTotals
from vnmedia.settings import Settings


def probe(settings: Settings, tts: str, translator: str | None, job: ArticleJob) -> ArticleResult:
    """Build nothing: say where the article ran and with which request rate."""
    # A short pause, so no single worker takes every job before the others have started.
    time.sleep(0.2)
    where = f"{os.getpid()} {threading.get_ident()} {settings.rate}"
    return ArticleResult(job.index, "written", where, WorkerTotals(context=str(os.getpid())))


def probe_or_die(
    settings: Settings, tts: str, translator: str | None, job: ArticleJob
) -> ArticleResult:
    """Like :func:`probe`, but the worker process that first takes article 2 dies on it
    (SIGKILL), after writing its process id to the file named by ``PROBE_DIE_MARKER``."""
    marker = os.environ["PROBE_DIE_MARKER"]
    if job.index == 2 and not os.path.exists(marker):
        with open(marker, "w") as out:
            out.write(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    return probe(settings, tts, translator, job)
