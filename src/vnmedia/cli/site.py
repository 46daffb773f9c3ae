"""What listeners get: ``vnmedia feed``, ``publish`` and ``serve``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import PublishError
from ..publish import publish
from ..site.check import Problem, check_published, check_show
from ..site.layout import FEED_FILE
from ..site.rebuild import publish_site
from ..site.serve import make_server
from ..version import __version__
from .options import settings_for


@click.command("feed")
@click.option("-o", "--output", type=click.Path(file_okay=False), help="Output folder.")
@click.option("--base-url", help="Public URL of the output folder, for the feed's links.")
@click.pass_context
def feed_command(ctx: click.Context, **flags: Any) -> None:
    """Rebuild feed.xml and index.html from the episodes in the output folder.

    Nothing is synthesized: use it after changing the show's metadata or base URL.
    """
    settings = settings_for(ctx, **flags)
    count = publish_site(settings)
    click.echo(
        f"feed and page list {count} episode(s): {Path(settings.output) / FEED_FILE}", err=True
    )


@click.command("publish")
@click.argument("publish", metavar="DEST")
@click.option("-o", "--output", type=click.Path(file_okay=False), help="Output folder.")
@click.option(
    "--base-url",
    "public_url",
    help="Public address of DEST (https://…): the sent feed's links; remembered for DEST.",
)
@click.option("--dry-run", is_flag=True, help="Print what would be sent and deleted; send nothing.")
@click.option(
    "--keep-episodes",
    type=click.IntRange(min=0),
    help="Publish only the newest N episodes (0: all); files of the others are deleted.",
)
@click.option(
    "--no-check", is_flag=True, help="Do not check the published show at its address after."
)
@click.pass_context
def publish_command(
    ctx: click.Context, public_url: str | None, dry_run: bool, no_check: bool, **flags: Any
) -> None:
    """Copy what listeners need (feed, page, cover, episodes) to DEST.

    DEST is a folder or an fsspec URL (s3://bucket/show, gs://, az://, sftp://, file://).
    The feed is made for DEST's public address (--base-url, the config's [publish."DEST"]
    table, or the one given before); the output folder's own feed is left for `serve`.
    Only new or changed files are sent; media first, the feed last; never the cache.
    """
    settings = settings_for(ctx, **flags)  # DEST is the publish setting: checked with it
    publish_to(
        settings,
        settings.publish,
        base_url=public_url,
        dry_run=dry_run,
        quiet=ctx.obj["quiet"],
        check=not no_check,
    )


def publish_to(
    settings: Any,
    destination: str,
    *,
    dry_run: bool,
    quiet: bool,
    base_url: str | None = None,
    check: bool = True,
) -> None:
    """Publish the output folder to ``destination``, saying what went (or would go); then
    check what listeners get at the public address (when it answers from here)."""
    plan = publish(
        settings,
        destination,
        base_url=base_url,
        dry_run=dry_run,
        progress=None if quiet else (lambda line: click.echo(line, err=True)),
    )
    for note in plan.notes:
        click.echo(f"vnmedia: note: {note}", err=True)
    for warning in plan.warnings:
        click.echo(f"vnmedia: warning: {warning}", err=True)
    if dry_run:
        for line in plan.describe():
            click.echo(line)
        return
    click.echo(
        f"published to {destination} ({plan.base_url}): {len(plan.send)} file(s) sent, "
        f"{len(plan.unchanged)} unchanged, {len(plan.delete)} deleted",
        err=True,
    )
    feed_url = f"{plan.base_url}/{FEED_FILE}"
    if check and plan.send:
        problems = check_published(feed_url, settings)
        if problems is None:
            click.echo(
                f"vnmedia: note: {feed_url} does not answer from here: not checked "
                f"(run `vnmedia check {feed_url}` where it does)",
                err=True,
            )
        elif _report(problems):
            raise PublishError(
                f"published to {destination}, but listeners at {feed_url} meet the error(s) "
                "above: fix them and publish again"
            )


def _report(problems: list[Problem], *, prefix: str = "vnmedia: ", err: bool = True) -> int:
    """Print each problem on its own line; returns how many are errors."""
    for problem in problems:
        click.echo(f"{prefix}{problem.line()}", err=err)
    return sum(p.severity == "error" for p in problems)


@click.command("check")
@click.argument("target", required=False, metavar="[OUTPUT | FEED_URL]")
@click.pass_context
def check_command(ctx: click.Context, target: str | None) -> None:
    """Check a show against the rules podcast directories apply; each problem with its fix.

    OUTPUT (default: the output folder) is checked file by file; a FEED_URL is fetched
    as an app would, with every enclosure, transcript and chapters file (reachable, the
    right Content-Type and Content-Length, byte ranges answered). Exit 1 on an error.
    """
    settings = settings_for(ctx)
    target = target or settings.output
    problems = check_show(
        target,
        timeout=settings.request_timeout,
        user_agent=f"vnmedia/{__version__} (+{settings.user_agent_contact})",
    )
    errors = _report(problems, prefix="", err=False)  # the command's output: one per line
    warnings = len(problems) - errors
    click.echo(f"{target}: {errors} error(s), {warnings} warning(s)", err=True)
    ctx.exit(1 if errors else 0)


@click.command()
@click.option("-o", "--output", type=click.Path(file_okay=False), help="Output folder.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port."
)
@click.pass_context
def serve(ctx: click.Context, port: int, **flags: Any) -> None:
    """Serve the output folder on localhost for a quick listen (Ctrl-C stops it)."""
    settings = settings_for(ctx, **flags)
    server = make_server(Path(settings.output), port)
    click.echo(f"serving {settings.output} at http://127.0.0.1:{server.server_port}/", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
