"""What the commands share: settings from flags and the config file, and option groups."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..settings import EN_ACCENTS, ON_DOUBT, load_settings
from ..site.cards import DeckSummary


def settings_for(ctx: click.Context, **flags: Any) -> Any:
    """The settings a command runs with: the config file, then the flags given.

    The flags given are remembered by name (``--bitrate``), so that a bad value, whenever it
    is found, is reported as the command line's mistake (exit 2) naming the flag.
    """
    options = {param.name: _shown_name(param) for param in ctx.command.params}
    ctx.find_root().obj["flags"] = {
        name: options.get(name) or f"--{name.replace('_', '-')}"
        for name, value in flags.items()
        if value is not None
    }
    settings = load_settings(ctx.obj["config"], **flags)
    ctx.find_root().obj["secrets"] = [
        s
        for s in (
            settings.libre_api_key,
            settings.mymemory_email,
            settings.llm_api_key,
            settings.podping_token,
        )
        if s
    ]
    return settings


def _shown_name(param: click.Parameter) -> str:
    """How the user wrote a parameter: its long option (``--bitrate``), or its metavar."""
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name.upper()


lexicon_option = click.option(
    "--lexicon",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Pronunciation lexicon (TSV or TOML, written → spoken); repeatable.",
)
memory_option = click.option(
    "--memory",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Translation memory (TSV or JSONL) of human translations; repeatable.",
)
en_accent_option = click.option(
    "--en-accent", type=click.Choice(EN_ACCENTS), help="English accent (gtts)."
)
gtts_normalize_option = click.option(
    "--gtts-normalize/--no-gtts-normalize",
    "normalize_gtts",
    default=None,
    help="Give gtts the spoken form of numbers, dates and abbreviations (default: on).",
)


def _with(options: list[Any], func: Any) -> Any:
    """``func`` with ``options`` applied, shown in --help in the order listed."""
    for option in reversed(options):
        func = option(func)
    return func


def input_options(func: Any) -> Any:
    """Options that say how input files are read."""
    options = [
        click.option(
            "--encoding",
            help="Input encoding (any Python codec, or tcvn3, vni, viscii); default: detected.",
        ),
        click.option("--title-field", help="Title field of JSON/JSONL records (default: title)."),
        click.option("--body-field", help="Body field of JSON/JSONL records (default: body)."),
        click.option(
            "--one-article",
            is_flag=True,
            default=None,
            help="Read each file as one article (no search for article starts).",
        ),
    ]
    return _with(options, func)


def web_options(func: Any) -> Any:
    """Options for web inputs (article, feed and sitemap URLs, ``.urls`` files)."""
    options = [
        click.option(
            "--since",
            help="Leave out feed and sitemap items published before this date (YYYY-MM-DD).",
        ),
        click.option(
            "--max-items",
            type=click.IntRange(min=1),
            help="Read at most N items of each feed or sitemap, newest first.",
        ),
        click.option(
            "--contact",
            help="Your e-mail or URL, sent in the User-Agent (default: show owner e-mail).",
        ),
    ]
    return _with(options, func)


def translation_options(func: Any) -> Any:
    """Options that choose and configure the translator."""
    options = [
        click.option(
            "--translator",
            help="Translator: auto (google when reachable, else ct2 with a model), google, "
            "mymemory, libre, llm, ct2, none; a list (llm,google) gives a text the next one "
            "when one cannot translate it.",
        ),
        click.option("--llm-url", help="OpenAI-compatible API for --translator llm."),
        click.option("--llm-model", help="The model --translator llm asks."),
        click.option(
            "--ct2-model",
            type=click.Path(exists=True, file_okay=False),
            help="CTranslate2 model folder for --translator ct2 (README, 'Local translation').",
        ),
    ]
    return _with(options, func)


def check_options(func: Any) -> Any:
    """Options of the check every translation gets (translation/faithful.py, review.py)."""
    options = [
        click.option(
            "--check/--no-check",
            default=None,
            help="Check every machine translation against its Vietnamese (default: on).",
        ),
        click.option(
            "--on-doubt",
            type=click.Choice(ON_DOUBT),
            help="A translation still doubtful after asking again: leave its English out "
            "(vietnamese, the default), keep it, or fail the article.",
        ),
        click.option(
            "--check-memory",
            is_flag=True,
            default=None,
            help="Check the translation memory's human translations too.",
        ),
        click.option(
            "--names",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False),
            help="Names table (TSV, vietnamese<TAB>english|other) the check adds; repeatable.",
            # Not given: None, so that the config file's tables stay.
            callback=lambda ctx, param, value: value or None,
        ),
    ]
    return _with(options, func)


def engine_options(func: Any) -> Any:
    """Options shared by the commands that speak or translate."""
    options = [
        click.option(
            "--tts",
            help="TTS engine: auto (gtts online, espeak offline), gtts, edge, espeak, piper; "
            "a list (edge,gtts) gives an episode the next voice when one cannot speak it.",
        ),
        en_accent_option,
        click.option("--voice-vi", help="Vietnamese voice (edge, espeak); see `vnmedia voices`."),
        click.option("--voice-en", help="English voice (edge, espeak); see `vnmedia voices`."),
        click.option(
            "--voice-model",
            help="Piper voices for --tts piper: vi=PATH.onnx,en=PATH.onnx (.onnx.json beside).",
        ),
        click.option(
            "--speed",
            help="Pace per language, e.g. vi=0.9,en=1.1 (0.5-2.0; one number for both).",
        ),
        lexicon_option,
        gtts_normalize_option,
        memory_option,
    ]
    return translation_options(_with(options, func))


def cache_location(func: Any) -> Any:
    """The options that say which cache a cache command works on."""
    func = click.option(
        "-o", "--output", type=click.Path(file_okay=False), help="Output folder whose cache to use."
    )(func)
    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False),
        help="Cache folder (default OUTPUT/.cache).",
    )(func)


def report_deck(path: Path, summary: DeckSummary) -> None:
    """One line on what the deck holds, and the episodes left out."""
    for reason in summary.skipped:
        click.echo(f"vnmedia: left out of the deck: {reason}", err=True)
    click.echo(
        f"{summary.sentences} sentence card(s) and {summary.words} word card(s) from "
        f"{summary.episodes} episode(s): {path}",
        err=True,
    )
