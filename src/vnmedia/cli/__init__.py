"""The ``vnmedia`` command: flags → Settings → one library call → message and exit code.

A module per family of commands: ``build``; ``split`` (what would be read); ``site``
(feed, publish, serve); ``cache``; ``study`` (cards); ``tools`` (speak, translate,
normalize, readings, engines, voices, doctor). ``options`` holds what they share. Errors become
one line and an exit code here.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from typing import Any, NoReturn

import click

from ..errors import ExitCode, SettingError, VnmediaError
from ..runtime.files import storage_error
from ..version import __version__
from .build import build
from .cache import cache
from .site import check_command, feed_command, publish_command, serve
from .split import split_command
from .study import cards
from .tools import doctor, engines, normalize, readings, speak, translate, voices


class VnmediaGroup(click.Group):
    """Turns VnmediaError into one line on stderr and its exit code (traceback with --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SettingError as exc:
            _print_traceback(ctx)
            flag = (ctx.obj or {}).get("flags", {}).get(exc.setting)
            if flag is None:  # from the config file or the environment
                click.echo(_redact(ctx, f"vnmedia: error: {exc}"), err=True)
                ctx.exit(exc.exit_code)
            # A flag's value: the command line's mistake, found before any work.
            click.echo(_redact(ctx, f"vnmedia: error: {flag} {exc.problem}"), err=True)
            ctx.exit(ExitCode.USAGE)
        except VnmediaError as exc:
            _print_traceback(ctx)
            click.echo(_redact(ctx, f"vnmedia: error: {exc}"), err=True)
            ctx.exit(exc.exit_code)
        except click.UsageError as exc:
            # click's own three lines (usage, hint, error) made one, like every other error.
            where = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
            click.echo(f"vnmedia: error: {exc.format_message()}{where}", err=True)
            ctx.exit(ExitCode.USAGE)
        except (click.exceptions.Exit, click.ClickException, click.Abort, BrokenPipeError):
            # A closed pipe (`vnmedia split --explain FILE | head`) is a normal way to stop
            # reading: click then exits quietly, as any Unix command would.
            raise
        except OSError as exc:
            # A write the machine refused where no stage caught it: still a storage error.
            _print_traceback(ctx)
            # (Only a file's: a refused socket or process is no folder's fault.)
            refused = storage_error(exc, Path(exc.filename)) if exc.filename else None
            if refused is None:
                _internal_error(ctx, exc)
            click.echo(_redact(ctx, f"vnmedia: error: {refused}"), err=True)
            ctx.exit(refused.exit_code)
        except Exception as exc:
            _print_traceback(ctx)
            _internal_error(ctx, exc)


def _internal_error(ctx: click.Context, exc: Exception) -> NoReturn:
    """A bug: one line, and the way to its traceback."""
    click.echo(
        _redact(
            ctx,
            f"vnmedia: internal error: {type(exc).__name__}: {exc} "
            "(rerun with --debug and report the traceback)",
        ),
        err=True,
    )
    ctx.exit(ExitCode.INTERNAL)


def _redact(ctx: click.Context, text: str) -> str:
    """Hide the configured secrets: a traceback can quote a URL that carries an API key."""
    for secret in (ctx.obj or {}).get("secrets", ()):
        text = text.replace(secret, "***")
    return text


def _print_traceback(ctx: click.Context) -> None:
    if ctx.params.get("debug"):
        click.echo(_redact(ctx, traceback.format_exc()), err=True)


@click.group(cls=VnmediaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config", type=click.Path(dir_okay=False), help="Config file (default: ./vnmedia.toml)."
)
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; only warnings and errors.")
@click.version_option(__version__, prog_name="vnmedia")
@click.pass_context
def cli(ctx: click.Context, config: str | None, debug: bool, quiet: bool) -> None:
    """Turn Vietnamese news articles into bilingual podcast episodes.

    Exit codes: 0 done, 1 some articles failed or are left to retry (check: an error
    found), 2 bad usage, 3 nothing could be done, 4 bad configuration or input path,
    5 engine failure, 6 another build holds the output folder, 7 publishing failed or
    refused, 8 a folder cannot be written (disk full, read-only), 70 internal error.
    """
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="vnmedia: %(levelname)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    if not debug:  # the libraries' own log lines (trafilatura's "parsed tree length: 0")
        for handler in logging.getLogger().handlers:
            handler.addFilter(_vnmedia_records)
    ctx.obj = {"config": config, "quiet": quiet}


def _vnmedia_records(record: logging.LogRecord) -> bool:
    """Whether a log record is vnmedia's own: the only ones a producer sees without
    ``--debug`` (each failure is already one line of vnmedia's)."""
    return record.name == "vnmedia" or record.name.startswith("vnmedia.")


for command in (
    build, split_command, speak, translate, normalize, readings, engines, voices,
    feed_command, publish_command, check_command, serve, cache, doctor, cards,
):  # fmt: skip
    cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="vnmedia")
