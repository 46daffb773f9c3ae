"""``vnmedia split``: what build would read in files and pages, and why (``--explain``)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import click

from ..errors import ExitCode
from ..services import read_options, web_reader
from ..sources import read_inputs
from ..sources.files import SourceFile, explain_source, find_article_files
from ..sources.listings import is_url
from ..text.boundaries import Boundary, load_model
from .options import input_options, settings_for, web_options


@click.command("split")
@click.argument("files", nargs=-1, required=True)
@input_options
@web_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the shape in the README).")
@click.option(
    "--explain",
    is_flag=True,
    help="Show, for each article start drawn and the strongest rejected, the evidence; for a"
    " web page, its story and what was dropped from the page and why.",
)
@click.pass_context
def split_command(
    ctx: click.Context, files: tuple[str, ...], as_json: bool, explain: bool, **flags: Any
) -> None:
    """Show the articles, sections, paragraphs and dropped noise build would read in FILES.

    No engine is called. Files that cannot be read are listed with the reason.
    """
    settings = settings_for(ctx, **flags)
    options = read_options(settings)
    pages = [item for item in files if is_url(item)]
    if explain:
        for path in find_article_files(item for item in files if not is_url(item)):
            _print_explanation(path, explain_source(path, options))
        files = tuple(pages)  # a page: its story, and what was dropped from it and why
        if not files:
            return
    web = web_reader(settings)
    try:
        sources = list(read_inputs(files, options, web))
    finally:
        web.client.close()
    if as_json:
        click.echo(
            json.dumps({"files": [_source_json(s) for s in sources]}, ensure_ascii=False, indent=2)
        )
    else:
        for source in sources:
            _print_source(source)
    if not any(source.articles for source in sources):
        ctx.exit(ExitCode.NOTHING_DONE)


EXPLAIN_REJECTED = 5
"""How many of the strongest rejected starts ``split --explain`` shows per file."""


def _print_explanation(path: Path, boundaries: list[Boundary]) -> None:
    click.echo(f"== {path}")
    drawn = [b for b in boundaries if b.accepted]
    rejected = sorted((b for b in boundaries if not b.accepted), key=lambda b: -b.score)
    model = load_model()
    click.echo(
        f"   {len(drawn)} article start(s) drawn after the first, of {len(boundaries)} weighed;"
        f" scores start at {model.bias:+.2f}, a start needs {model.threshold:+.2f}"
    )
    for boundary in sorted(drawn + rejected[:EXPLAIN_REJECTED], key=lambda b: b.line):
        verdict = "START" if boundary.accepted else "no"
        click.echo(
            f"  line {boundary.line}: {verdict}  score {boundary.score:+.2f} "
            f"(p={boundary.probability:.2f}): {boundary.reason}"
        )
        strongest = sorted(boundary.evidence, key=lambda e: -abs(e.contribution))[:6]
        for evidence in strongest:
            click.echo(f"      {evidence.contribution:+.2f}  {evidence.name} = {evidence.value:g}")


def _source_json(source: SourceFile) -> dict[str, Any]:
    return {
        "source": str(source.path),
        "encoding": source.encoding,
        "articles": [
            {
                "title": article.title,
                "paragraphs": [{"text": p.text, "section": p.section} for p in article.paragraphs],
                "dropped": [{"text": d.text, "reason": d.reason} for d in article.dropped],
            }
            for article in source.articles
        ],
        "errors": list(source.errors),
    }


def _print_source(source: SourceFile) -> None:
    click.echo(f"== {source.path} ({source.encoding or 'unreadable'})")
    for problem in source.errors:
        click.echo(f"   error: {problem}")
    for number, article in enumerate(source.articles, 1):
        click.echo(f"  [{number}] {article.title}")
        section = None
        for paragraph in article.paragraphs:
            if paragraph.section != section and paragraph.section:
                click.echo(f"      ## {paragraph.section}")
            section = paragraph.section
            click.echo(f"      {textwrap.shorten(paragraph.text, 100)}")
        for dropped in article.dropped:
            click.echo(f"      - dropped ({dropped.reason}): {textwrap.shorten(dropped.text, 80)}")
