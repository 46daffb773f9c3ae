"""One exception root for everything vnmedia raises, and the CLI's exit codes.

Every message says what to do next; third-party errors are wrapped with ``raise ... from``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the ``vnmedia`` command (documented in the README)."""

    OK = 0
    """Everything asked for was done."""
    PARTIAL = 1
    """Some articles failed; the others were written."""
    USAGE = 2
    """Bad command line (unknown option, missing argument, an option's value vnmedia cannot
    use), found before any work: nothing is made."""
    NOTHING_DONE = 3
    """Nothing could be done: no article found, or every article failed."""
    CONFIG = 4
    """Bad configuration (a value in the config file or the environment, an engine that
    cannot run here) or input path."""
    ENGINE = 5
    """An engine failed or is unavailable (single-shot commands such as ``speak``)."""
    LOCKED = 6
    """Another build is writing into the same output folder."""
    PUBLISH = 7
    """Publishing failed: the destination refused or went away (the site there is still
    consistent)."""
    ENVIRONMENT = 8
    """The machine stopped the build: a full disk or quota, a read-only or forbidden folder.
    Free space (or fix the folder) and run the same command again: the work done is kept."""
    INTERNAL = 70
    """A bug in vnmedia: rerun with ``--debug`` and report the traceback."""


class VnmediaError(Exception):
    """Root of every error vnmedia raises on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL


class UsageError(VnmediaError):
    """A command-line option has a value vnmedia cannot use; the message names the option.

    Raised before any work, so nothing has been created or spent.
    """

    exit_code = ExitCode.USAGE


class ConfigError(VnmediaError):
    """A setting, flag, config file or input path is invalid."""

    exit_code = ExitCode.CONFIG


class SettingError(ConfigError):
    """One setting has a value vnmedia cannot use.

    ``setting`` is its field name and ``problem`` what is wrong with it ("'abc' is not an
    MP3 bitrate: ..."): :func:`vnmedia.settings.load_settings` says where the value came
    from (``--bitrate``, ``bitrate`` in a config file, ``VNMEDIA_BITRATE``).
    """

    def __init__(self, setting: str, problem: str) -> None:
        super().__init__(f"{setting} {problem}")
        self.setting = setting
        self.problem = problem


class UnknownEngineError(ConfigError):
    """An engine name is not in its registry; the message lists the valid names."""


class InputError(VnmediaError):
    """An article file cannot be read or holds no article."""

    exit_code = ExitCode.CONFIG


class EngineError(VnmediaError):
    """A TTS or translation engine failed on one request.

    ``retryable`` tells whether the same request may succeed later (rate limit, server
    error, timeout, connection problem) or never will (bad request, unsupported language).
    """

    exit_code = ExitCode.ENGINE

    def __init__(
        self,
        message: str,
        *,
        engine: str,
        retryable: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{engine}: {message}")
        self.engine = engine
        self.retryable = retryable
        self.retry_after = retry_after
        """Seconds the service asked us to wait (its ``Retry-After`` header), if it said."""


class ReplyMismatchError(EngineError):
    """A translator's reply did not hold exactly one translation per text sent (a language
    model that merged, split or skipped paragraphs)."""


class ServiceRefusingError(EngineError):
    """The circuit breaker is open: the service kept refusing, so the build stopped asking.

    Work that hits this is reported as "to retry"; a rerun continues from there.
    """

    def __init__(self, service: str, failures: int, reason: str | None = None) -> None:
        super().__init__(
            reason
            or f"stopped asking after {failures} failed requests in a row; "
            "rerun the build later to continue",
            engine=service,
            retryable=True,
        )


class EngineUnavailableError(EngineError):
    """An engine cannot be used on this machine right now (no network, missing library)."""


class OutputLockedError(VnmediaError):
    """Another build is writing into the same output folder."""

    exit_code = ExitCode.LOCKED


class TranslationMissingError(VnmediaError):
    """A paragraph has no translation and ``--require-translation`` is set."""

    exit_code = ExitCode.ENGINE


class DoubtfulTranslationError(TranslationMissingError):
    """A translation the check still doubts after asking again, with ``--on-doubt fail``."""


class AudioError(VnmediaError):
    """Audio could not be decoded, encoded or validated."""

    exit_code = ExitCode.ENGINE


class PublishError(VnmediaError):
    """A publish destination refused or failed; the message says what was (not) sent."""

    exit_code = ExitCode.PUBLISH


class StorageError(VnmediaError):
    """A folder cannot be written: no space left, over quota, read-only or not permitted.

    The build stops at once (every other article would fail the same way); a rerun after
    the cause is fixed continues from the cache.
    """

    exit_code = ExitCode.ENVIRONMENT
