"""Trying the parts one at a time: ``speak``, ``translate``, ``normalize`` (and the
``readings`` a build guessed), ``engines``, ``voices`` and ``doctor``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..doctor import engine_statuses, engine_voices, run_checks
from ..errors import ExitCode, InputError
from ..services import speak_text, translate_text
from ..site.episode import REPORT_FILE
from ..text.guesses import lexicon_lines, to_check
from ..text.lexicon import Lexicon
from ..text.normalize import TextNormalizer, explain_readings
from ..translation.faithful import Checker
from .options import (
    en_accent_option,
    gtts_normalize_option,
    lexicon_option,
    memory_option,
    settings_for,
    translation_options,
)


@click.command()
@click.argument("text")
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    show_default=True,
    help="Language of TEXT.",
)
@click.option(
    "-o",
    "--output",
    "destination",
    type=click.Path(dir_okay=False),
    required=True,
    help="MP3 file to write.",
)
@click.option("--tts", help="TTS engine: auto, gtts, espeak.")
@en_accent_option
@lexicon_option
@gtts_normalize_option
@click.pass_context
def speak(
    ctx: click.Context,
    text: str,
    lang: str,
    destination: str,
    lexicon: tuple[str, ...],
    **flags: Any,
) -> None:
    """Speak TEXT into an MP3 file."""
    settings = settings_for(ctx, lexicon=lexicon or None, **flags)
    duration = speak_text(text, lang, Path(destination), settings)
    click.echo(f"{destination}: {duration / 1000:.1f} s", err=True)


@click.command()
@click.argument("text")
@translation_options
@memory_option
@click.pass_context
def translate(ctx: click.Context, text: str, memory: tuple[str, ...], **flags: Any) -> None:
    """Translate Vietnamese TEXT to English (memory first, then the machine)."""
    settings = settings_for(ctx, memory=memory or None, **flags)
    result = translate_text(text, settings)
    click.echo(result.text)
    if settings.check and result.origin == "machine" and result.text:
        # What a build would doubt (and ask again) in this English, on stderr.
        for finding in Checker.load(settings.names, settings.glossary).check(text, result.text):
            click.echo(f"vnmedia: doubt: {finding.describe()}", err=True)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def engines(ctx: click.Context, as_json: bool) -> None:
    """List the engines, their languages and whether each is usable right now."""
    statuses = engine_statuses(settings_for(ctx))
    if as_json:
        click.echo(json.dumps([vars(s) for s in statuses], indent=2))
        return
    for s in statuses:
        state = "usable" if s.usable else f"unusable: {s.reason}"
        network = "online" if s.needs_network else "offline"
        click.echo(f"{s.kind:<10} {s.name:<9} {','.join(s.languages):<6} {network:<7} {state}")


@click.command()
@click.argument("engine_names", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def voices(ctx: click.Context, engine_names: tuple[str, ...], as_json: bool) -> None:
    """List the voices each TTS engine offers (or only ENGINE_NAMES'), for --voice-vi/-en."""
    listed = [
        {"engine": engine, "lang": v.lang, "voice": v.name, "gender": v.gender}
        for engine, v in engine_voices(settings_for(ctx), engine_names)
    ]
    if as_json:
        click.echo(json.dumps(listed, indent=2, ensure_ascii=False))
        return
    for row in listed:
        click.echo(f"{row['engine']:<9} {row['lang']:<3} {row['voice']:<32} {row['gender']}")


@click.command()
@click.argument("text")
@click.option(
    "--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Language."
)
@lexicon_option
@click.option(
    "--explain",
    is_flag=True,
    help="After each spoken line, the rule or lexicon that read each token (Vietnamese).",
)
@click.pass_context
def normalize(
    ctx: click.Context, text: str, lang: str, lexicon: tuple[str, ...], explain: bool
) -> None:
    """Print the spoken form of TEXT (numbers, dates, abbreviations written out).

    With TEXT "-", read standard input and write one output line per input line. With
    --explain, each token that needs a spoken form follows on a line of its own with what
    read it, marked where that was a guess (what a build lists to check); where the reading
    is wrong, a line "written<TAB>spoken" in a --lexicon file decides it.
    """
    settings = settings_for(ctx, lexicon=lexicon or None)
    user = Lexicon.load(settings.lexicon)
    normalizer = TextNormalizer(user)
    try:
        lines = click.get_text_stream("stdin").read().splitlines() if text == "-" else [text]
    except UnicodeDecodeError as exc:
        raise InputError(f"standard input is not UTF-8 text ({exc.reason})") from exc
    for line in lines:
        click.echo(normalizer.normalize(line, lang) if line.strip() else "")
        if explain and lang == "vi" and line.strip():
            for reading in explain_readings(normalizer, user, line):
                spoken = f" → {reading.spoken}" if reading.spoken else ""
                guess = " (a guess: check it)" if to_check(normalizer, reading) else ""
                click.echo(f"  {reading.written}\t{reading.rule}{spoken}{guess}")


@click.command()
@click.option("-o", "--output", type=click.Path(file_okay=False), help="Output folder.")
@click.pass_context
def readings(ctx: click.Context, output: str | None) -> None:
    """Print the readings the last build guessed, as a lexicon file to check.

    Each is a line "written<TAB>spoken" under a comment naming the rule that guessed and
    the episodes that say it, most heard first (from the output folder's report.json).
    Save it, listen for each, correct the wrong ones and keep the right ones, then build
    with --lexicon FILE: the next build lists none of them.
    """
    settings = settings_for(ctx, output=output)
    report = Path(settings.output) / REPORT_FILE
    try:
        checks = json.loads(report.read_text(encoding="utf-8")).get("readings_to_check", {})
    except OSError as exc:
        raise InputError(f"{report}: no build report here (run vnmedia build first)") from exc
    except (ValueError, AttributeError) as exc:
        raise InputError(f"{report}: not a build report") from exc
    click.echo(lexicon_lines(checks), nl=False)
    click.echo(f"{len(checks)} reading(s) to check", err=True)


@click.command()
@click.pass_context
def doctor(ctx: click.Context) -> None:
    """Check ffmpeg, espeak-ng, the network and versions; print a fix for each problem."""
    checks = run_checks(settings_for(ctx))
    for check in checks:
        mark = "ok" if check.ok else ("FAIL" if check.essential else "warn")
        click.echo(f"[{mark:>4}] {check.name}: {check.detail}")
        if not check.ok and check.fix:
            click.echo(f"       fix: {check.fix}")
    if any(not c.ok and c.essential for c in checks):
        ctx.exit(ExitCode.CONFIG)
