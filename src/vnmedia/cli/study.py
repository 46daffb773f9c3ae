"""For learners: ``vnmedia cards`` (an Anki deck of the episodes' sentences and words)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import ExitCode
from ..site.cards import write_study_deck
from ..site.rebuild import publish_site
from .options import report_deck, settings_for


@click.command("cards")
@click.argument("output", required=False, type=click.Path(file_okay=False))
@click.option(
    "-o",
    "--deck",
    "deck",
    type=click.Path(dir_okay=False),
    help="The .apkg to write (default: OUTPUT/cards.apkg).",
)
@click.option(
    "--keep-episodes",
    type=click.IntRange(min=0),
    help="Only the newest N episodes (0: all; default: as the feed).",
)
@click.option("--base-url", help="Public URL of the output folder, for the cards' links.")
@click.pass_context
def cards(ctx: click.Context, output: str | None, deck: str | None, **flags: Any) -> None:
    """Write an Anki deck of the episodes in OUTPUT (default: output/).

    One card per sentence pair (per paragraph in paragraph mode) with its audio cut from
    the episode, nothing spoken again; importing a newer deck updates the cards. Written to
    OUTPUT/cards.apkg, the deck is linked from the page and sent by `vnmedia publish`.
    """
    settings = settings_for(ctx, output=output, **flags)
    path, summary = write_study_deck(settings, Path(deck) if deck else None)
    report_deck(path, summary)
    if deck is None:  # OUTPUT/cards.apkg: the page links to it from now on
        publish_site(settings)
    if not summary.sentences and not summary.words:
        ctx.exit(ExitCode.NOTHING_DONE)
