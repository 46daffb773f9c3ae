"""``vnmedia cache``: look at, prune or empty the cache of translations and clips."""

from __future__ import annotations

import time
from typing import Any

import click

from ..services import open_cache
from ..settings import parse_age, parse_size
from .options import cache_location, settings_for


@click.group()
def cache() -> None:
    """Inspect or empty the cache of translations and clips."""


@cache.command("stats")
@cache_location
@click.pass_context
def cache_stats(ctx: click.Context, **flags: Any) -> None:
    """Show the cache's size, entries, and oldest and newest use per kind."""
    settings = settings_for(ctx.find_root(), **flags)
    store = open_cache(settings)
    total = 0
    for kind, stats in store.stats().items():
        total += stats.bytes
        uses = (
            f"  used {_day(stats.oldest_use)} … {_day(stats.newest_use)}" if stats.entries else ""
        )
        click.echo(f"{kind:<12} {stats.entries:>7} entries {stats.bytes / 1e6:>10.1f} MB{uses}")
    bound = parse_size(settings.cache_max_size)
    limit = f" of {bound / 1e6:.0f} MB (cache_max_size)" if bound else " (no bound)"
    click.echo(f"{'total':<12} {'':>15} {total / 1e6:>10.1f} MB{limit}")
    click.echo(f"location     {store.root}")


def _day(stamp: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp)) if stamp else "-"


@cache.command("prune")
@cache_location
@click.option("--older-than", metavar="AGE", help="Remove entries unused for AGE (30d, 12h, 2w).")
@click.option("--max-size", metavar="SIZE", help="Then keep at most SIZE (500M, 2G), LRU first.")
@click.pass_context
def cache_prune(
    ctx: click.Context, older_than: str | None, max_size: str | None, **flags: Any
) -> None:
    """Remove cache entries: those unused for a while, then the least recently used."""
    store = open_cache(settings_for(ctx.find_root(), **flags))
    try:
        age = parse_age(older_than) if older_than else None
        size = parse_size(max_size) if max_size else None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    if age is None and size is None:
        raise click.UsageError("say what to prune: --older-than AGE and/or --max-size SIZE")
    entries, freed = store.prune(older_than=age, max_bytes=size)
    click.echo(f"removed {entries} entries ({freed / 1e6:.1f} MB) from {store.root}")


@cache.command("clear")
@cache_location
@click.pass_context
def cache_clear(ctx: click.Context, **flags: Any) -> None:
    """Delete every cached translation and clip (the next build makes them again)."""
    store = open_cache(settings_for(ctx.find_root(), **flags))
    click.echo(f"removed {store.clear()} entries from {store.root}")
