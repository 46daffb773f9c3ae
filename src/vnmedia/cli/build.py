"""``vnmedia build``: inputs → episodes, feed and page (and a publish, when asked)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..errors import ExitCode
from ..pipeline import build as build_episodes
from ..settings import EPISODE_SHAPES, INTERLEAVES, MP3_QUALITIES, ORDERS
from .options import check_options, engine_options, input_options, settings_for, web_options
from .site import publish_to


@click.command()
@click.argument("inputs", nargs=-1)
@click.option(
    "-o", "--output", type=click.Path(file_okay=False), help="Output folder (default: output)."
)
@engine_options
@check_options
@input_options
@web_options
@click.option(
    "--publish",
    metavar="DEST",
    help="Then publish the site to DEST (a folder or s3://, gs://, az://, sftp:// URL).",
)
@click.option(
    "--words",
    type=click.IntRange(0, 100),
    help="Words worth learning per episode, on the page and in .words.tsv (0: none; "
    "default 12 with --interleave sentence, else 0).",
)
@click.option(
    "--cards",
    is_flag=True,
    default=None,
    help="Then write an Anki deck of the episodes (OUTPUT/cards.apkg; see `vnmedia cards`).",
)
@click.option(
    "--keep-episodes",
    type=click.IntRange(min=0),
    help="List only the newest N episodes in the feed and page (0: all).",
)
@click.option(
    "--episode",
    type=click.Choice(EPISODE_SHAPES),
    help="One episode per article (default), per input file, or one bulletin for the run.",
)
@click.option(
    "--between",
    type=click.Path(exists=True, dir_okay=False),
    help="Audio played between the articles of a bulletin.",
)
@click.option("--date", help="A bulletin's date (YYYY-MM-DD; default: today).")
@click.option("--order", type=click.Choice(ORDERS), help="Languages per paragraph (default vi-en).")
@click.option(
    "--interleave",
    type=click.Choice(INTERLEAVES),
    help="Pair each paragraph (default) or each sentence with its translation (learners).",
)
@click.option(
    "--speak-subheadings/--silent-subheadings",
    default=None,
    help="Speak each subheading as its own part (default), or keep it silent.",
)
@click.option(
    "--pause-sentence", type=click.IntRange(0, 60000), help="Pause in ms between sentence pairs."
)
@click.option(
    "--pause-repeat",
    type=click.FloatRange(0, 5),
    help="After each sentence's second language, a pause of N times its length (shadowing).",
)
@click.option(
    "--pattern",
    metavar="STEPS",
    help='A drill per sentence pair, e.g. "vi en vi@0.75" (@: pace; "_": the repeat pause '
    "after the step before it); implies --interleave sentence.",
)
@click.option("--pause-lang", type=click.IntRange(0, 60000), help="Pause in ms between languages.")
@click.option(
    "--pause-paragraph", type=click.IntRange(0, 60000), help="Pause in ms after paragraphs."
)
@click.option("--bitrate", help="MP3 bitrate (default 64k).")
@click.option(
    "--mp3-quality",
    type=click.Choice(MP3_QUALITIES),
    help="LAME effort: fast (default; no loss on speech), balanced (LAME's own), best.",
)
@click.option(
    "--require-translation/--allow-missing-translation",
    default=None,
    help="Fail an article whose English side cannot be made (default: leave it out, warn).",
)
@click.option(
    "--intro", type=click.Path(exists=True, dir_okay=False), help="Audio played before episodes."
)
@click.option(
    "--outro", type=click.Path(exists=True, dir_okay=False), help="Audio played after episodes."
)
@click.option(
    "--loudness/--no-loudness",
    default=None,
    help="Normalize to -16 LUFS / -1 dBTP with both voices equally loud (default: on).",
)
@click.option("--base-url", help="Public URL of the output folder, for the feed's links.")
@click.option(
    "--executor",
    type=click.Choice(["auto", "threads", "processes", "dask"]),
    help="Where articles are built (default auto: processes for offline engines).",
)
@click.option("--scheduler", help="Dask scheduler address (--executor dask); default: local.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 256),
    help="Articles at once (default: the machine's cores).",
)
@click.option(
    "--rate",
    type=click.FloatRange(min=0.01),
    help="Requests per second per web service (default 5).",
)
@click.option(
    "--retries", type=click.IntRange(0, 20), help="Retries of a failed request (default 4)."
)
@click.option(
    "--cache-dir", type=click.Path(file_okay=False), help="Cache folder (default OUTPUT/.cache)."
)
@click.option("--no-cache", is_flag=True, default=None, help="Neither read nor write the cache.")
@click.option(
    "--cache-max-size",
    metavar="SIZE",
    help="Bound of the cache (default 2G; 0: none); least recently used clips go first.",
)
@click.option("--fail-fast", is_flag=True, default=None, help="Stop at the first failed article.")
@click.option(
    "--glossary",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Glossary (TSV, vietnamese<TAB>english) every translation is checked against.",
)
@click.pass_context
def build(
    ctx: click.Context,
    inputs: tuple[str, ...],
    memory: tuple[str, ...],
    lexicon: tuple[str, ...],
    glossary: tuple[str, ...],
    **flags: Any,
) -> None:
    """Build episodes from INPUTS (default: input/): one per article, per file or per run.

    INPUTS are files, folders, article URLs, RSS/Atom feed or sitemap URLs, or .urls files
    (one URL a line).
    """
    settings = settings_for(
        ctx,
        inputs=inputs or None,
        memory=memory or None,
        lexicon=lexicon or None,
        glossary=glossary or None,
        **flags,
    )
    bar = _ProgressBar(enabled=not ctx.obj["quiet"])
    try:
        report = build_episodes(settings, progress=bar.update)
    finally:
        bar.close()
    for label, items in (("failed", report.failures), ("to retry", report.to_retry)):
        for failure in items:
            where = f"{failure.source}: {failure.article}" if failure.article else failure.source
            click.echo(f"vnmedia: {label}: {where}: {failure.error}", err=True)
    written, unchanged = len(report.episodes_written), len(report.episodes_unchanged)
    output = Path(settings.output)
    click.echo(
        f"{written} episode(s) written and {unchanged} unchanged in {output / 'episodes'}, "
        f"{len(report.failures)} failed, {len(report.to_retry)} to retry"
        f"{_doubts(report.doubt_counts)}{_to_check(report.readings_to_check)}; "
        f"report: {output / 'report.json'}",
        err=True,
    )
    if written + unchanged == 0:
        ctx.exit(ExitCode.NOTHING_DONE)
    if report.deck:
        deck = report.deck
        for reason in deck["skipped"]:
            click.echo(f"vnmedia: left out of the deck: {reason}", err=True)
        click.echo(
            f"{deck['sentences']} sentence card(s) and {deck['words']} word card(s): "
            f"{deck['path']}",
            err=True,
        )
    if settings.publish:
        publish_to(settings, settings.publish, dry_run=False, quiet=ctx.obj["quiet"])
    if report.failures or report.to_retry:
        ctx.exit(ExitCode.PARTIAL)


def _doubts(counts: dict[str, int]) -> str:
    """The summary line's count of doubted translations (nothing when there were none)."""
    total = sum(counts.values())
    if not total:
        return ""
    outcomes = ", ".join(f"{n} {outcome}" for outcome, n in counts.items() if n)
    return f", {total} translation(s) doubted ({outcomes})"


def _to_check(checks: dict[str, object]) -> str:
    """The summary line's count of guessed readings to listen for (nothing when none)."""
    return f", {len(checks)} reading(s) guessed, to check" if checks else ""


class _ProgressBar:
    """A click progress bar on stderr, created on the first progress report."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def update(self, done: int, total: int, title: str) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Building episodes", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
