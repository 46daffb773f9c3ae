"""The build: every stage, in order, for every article, with failures isolated per article.

``run.py`` is the whole build (:func:`build`); ``jobs.py`` plans the episodes and runs each
in a worker; ``episode.py`` makes one article's episode, stage by stage; ``bulletin.py``
one episode of several articles; ``fingerprint.py`` says when an episode is up to date.
Each stage itself lives in its folder (``sources/``, ``text/``, ``translation/``,
``audio/``, ``site/``); what a process sets up once for them (engines, cache, guards,
pools) is in :mod:`vnmedia.services`, and where articles run (threads, processes, Dask)
in :mod:`vnmedia.runtime.executors`. Results do not depend on where or how many at once:
slugs are given out in input order before any work starts and the report lists articles
in input order.
"""

from .run import LOCK_FILE, Progress, build

__all__ = ["LOCK_FILE", "Progress", "build"]
