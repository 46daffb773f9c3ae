"""What listeners get: ``vnmedia feed``, ``publish`` and ``serve``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..publish.serve import make_server
from ..publish.site import publish_site
from ..settings import DEFAULT_BASE_URL
from ..upload import publish
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
        f"feed and page list {count} episode(s): {Path(settings.output) / 'feed.xml'}", err=True
    )


@click.command("publish")
@click.argument("publish", metavar="DEST")
@click.option("-o", "--output", type=click.Path(file_okay=False), help="Output folder.")
@click.option("--dry-run", is_flag=True, help="Print what would be sent and deleted; send nothing.")
@click.option(
    "--keep-episodes",
    type=click.IntRange(min=0),
    help="Publish only the newest N episodes (0: all); files of the others are deleted.",
)
@click.pass_context
def publish_command(ctx: click.Context, dry_run: bool, **flags: Any) -> None:
    """Copy what listeners need (feed, page, cover, episodes) to DEST.

    DEST is a folder or an fsspec URL (s3://bucket/show, gs://, az://, sftp://, file://).
    Only new or changed files are sent; media first, the feed last; never the cache.
    """
    settings = settings_for(ctx, **flags)  # DEST is the publish setting: checked with it
    publish_to(settings, settings.publish, dry_run=dry_run, quiet=ctx.obj["quiet"])


def publish_to(settings: Any, destination: str, *, dry_run: bool, quiet: bool) -> None:
    """Publish the output folder to ``destination``, saying what went (or would go)."""
    if settings.base_url == DEFAULT_BASE_URL:
        click.echo(
            f"vnmedia: warning: base_url is {DEFAULT_BASE_URL}, so the feed's links point at "
            "this machine: set base_url (vnmedia.toml or --base-url) to the public address "
            "of DEST and build again",
            err=True,
        )
    plan = publish(
        settings,
        destination,
        dry_run=dry_run,
        progress=None if quiet else (lambda line: click.echo(line, err=True)),
    )
    if dry_run:
        for line in plan.describe():
            click.echo(line)
        return
    click.echo(
        f"published to {destination}: {len(plan.send)} file(s) sent, "
        f"{len(plan.unchanged)} unchanged, {len(plan.delete)} deleted",
        err=True,
    )


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
