"""A worker for executor tests: reports which process ran each article and the rate it got.

It lives in its own importable module so spawned processes and Dask workers can load it.
"""

from __future__ import annotations

import os
import threading
import time

from vnmedia.batch.executors import ArticleJob, ArticleResult, WorkerTotals
from vnmedia.settings import Settings


def probe(settings: Settings, tts: str, translator: str | None, job: ArticleJob) -> ArticleResult:
    """Build nothing: say where the article ran and with which request rate."""
    # A short pause, so no single worker takes every job before the others have started.
    time.sleep(0.2)
    where = f"{os.getpid()} {threading.get_ident()} {settings.rate}"
    return ArticleResult(job.index, "written", where, WorkerTotals(context=str(os.getpid())))
