"""The ``vnmedia`` command: flags → Settings → one library call → message and exit code."""

from __future__ import annotations

import json
import logging
import sys
import textwrap
import time
import traceback
from pathlib import Path
from typing import Any

import click

from .batch.cache import parse_age, parse_size
from .doctor import engine_statuses, engine_voices, run_checks
from .errors import ExitCode, VnmediaError
from .pipeline import build as build_episodes
from .publish.serve import make_server
from .publish.site import publish_site
from .services import open_cache, read_options, speak_text, translate_text, web_reader
from .settings import (
    DEFAULT_BASE_URL,
    EN_ACCENTS,
    EPISODE_SHAPES,
    INTERLEAVES,
    MP3_QUALITIES,
    ORDERS,
    load_settings,
)
from .sources import read_inputs
from .text.boundaries import Boundary, load_model
from .text.ingest import SourceFile, explain_source, find_article_files
from .text.normalize import Lexicon, TextNormalizer
from .upload import publish
from .version import __version__


class VnmediaGroup(click.Group):
    """Turns VnmediaError into one line on stderr and its exit code (traceback with --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except VnmediaError as exc:
            _print_traceback(ctx)
            click.echo(_redact(ctx, f"vnmedia: error: {exc}"), err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, BrokenPipeError):
            # A closed pipe (`vnmedia split --explain FILE | head`) is a normal way to stop
            # reading: click then exits quietly, as any Unix command would.
            raise
        except Exception as exc:
            _print_traceback(ctx)
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

    Exit codes: 0 done, 1 some articles failed or are left to retry, 2 bad usage,
    3 nothing could be done, 4 bad configuration or input path, 5 engine failure,
    6 another build holds the output folder, 7 publishing failed, 8 a folder cannot be
    written (disk full, read-only), 70 internal error.
    """
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="vnmedia: %(levelname)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    ctx.obj = {"config": config, "quiet": quiet}


def _settings(ctx: click.Context, **flags: Any) -> Any:
    settings = load_settings(ctx.obj["config"], **flags)
    ctx.find_root().obj["secrets"] = [
        s for s in (settings.libre_api_key, settings.mymemory_email, settings.llm_api_key) if s
    ]
    return settings


_lexicon_option = click.option(
    "--lexicon",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Pronunciation lexicon (TSV or TOML, written → spoken); repeatable.",
)
_gtts_normalize_option = click.option(
    "--gtts-normalize/--no-gtts-normalize",
    "normalize_gtts",
    default=None,
    help="Give gtts the spoken form of numbers, dates and abbreviations (default: on).",
)


def _input_options(func: Any) -> Any:
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
    for option in reversed(options):
        func = option(func)
    return func


def _web_options(func: Any) -> Any:
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
    for option in reversed(options):
        func = option(func)
    return func


def _translation_options(func: Any) -> Any:
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
    for option in reversed(options):
        func = option(func)
    return func


def _engine_options(func: Any) -> Any:
    """Options shared by the commands that speak or translate."""
    options = [
        click.option(
            "--tts",
            help="TTS engine: auto (gtts online, espeak offline), gtts, edge, espeak, piper; "
            "a list (edge,gtts) gives an episode the next voice when one cannot speak it.",
        ),
        click.option("--en-accent", type=click.Choice(EN_ACCENTS), help="English accent (gtts)."),
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
        _lexicon_option,
        _gtts_normalize_option,
        click.option(
            "--memory",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False),
            help="Translation memory (TSV or JSONL) of human translations; repeatable.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return _translation_options(func)


@cli.command()
@click.argument("inputs", nargs=-1)
@click.option(
    "-o", "--output", type=click.Path(file_okay=False), help="Output folder (default: output)."
)
@_engine_options
@_input_options
@_web_options
@click.option(
    "--publish",
    metavar="DEST",
    help="Then publish the site to DEST (a folder or s3://, gs://, az://, sftp:// URL).",
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
    "--pause-sentence", type=click.IntRange(0, 60000), help="Pause in ms between sentence pairs."
)
@click.option(
    "--pause-repeat",
    type=click.FloatRange(0, 5),
    help="After each sentence's second language, a pause of N times its length (shadowing).",
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
    """Build one episode per article from INPUTS (default: input/).

    INPUTS are files, folders, article URLs, RSS/Atom feed or sitemap URLs, or .urls files
    (one URL a line).
    """
    settings = _settings(
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
        f"{len(report.failures)} failed, {len(report.to_retry)} to retry; "
        f"report: {output / 'report.json'}",
        err=True,
    )
    if written + unchanged == 0:
        ctx.exit(ExitCode.NOTHING_DONE)
    if settings.publish:
        _publish(settings, settings.publish, dry_run=False, quiet=ctx.obj["quiet"])
    if report.failures or report.to_retry:
        ctx.exit(ExitCode.PARTIAL)


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


@cli.command()
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
@click.option("--en-accent", type=click.Choice(EN_ACCENTS), help="English accent (gtts).")
@_lexicon_option
@_gtts_normalize_option
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
    settings = _settings(ctx, lexicon=lexicon or None, **flags)
    duration = speak_text(text, lang, Path(destination), settings)
    click.echo(f"{destination}: {duration / 1000:.1f} s", err=True)


@cli.command()
@click.argument("text")
@_translation_options
@click.option(
    "--memory",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Translation memory file; repeatable.",
)
@click.pass_context
def translate(ctx: click.Context, text: str, memory: tuple[str, ...], **flags: Any) -> None:
    """Translate Vietnamese TEXT to English (memory first, then the machine)."""
    result = translate_text(text, _settings(ctx, memory=memory or None, **flags))
    click.echo(result.text)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def engines(ctx: click.Context, as_json: bool) -> None:
    """List the engines, their languages and whether each is usable right now."""
    statuses = engine_statuses(_settings(ctx))
    if as_json:
        click.echo(json.dumps([vars(s) for s in statuses], indent=2))
        return
    for s in statuses:
        state = "usable" if s.usable else f"unusable: {s.reason}"
        network = "online" if s.needs_network else "offline"
        click.echo(f"{s.kind:<10} {s.name:<9} {','.join(s.languages):<6} {network:<7} {state}")


@cli.command()
@click.argument("engine_names", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def voices(ctx: click.Context, engine_names: tuple[str, ...], as_json: bool) -> None:
    """List the voices each TTS engine offers (or only ENGINE_NAMES'), for --voice-vi/-en."""
    listed = [
        {"engine": engine, "lang": v.lang, "voice": v.name, "gender": v.gender}
        for engine, v in engine_voices(_settings(ctx), engine_names)
    ]
    if as_json:
        click.echo(json.dumps(listed, indent=2, ensure_ascii=False))
        return
    for row in listed:
        click.echo(f"{row['engine']:<9} {row['lang']:<3} {row['voice']:<32} {row['gender']}")


@cli.command("split")
@click.argument("files", nargs=-1, required=True)
@_input_options
@_web_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the shape in the README).")
@click.option(
    "--explain",
    is_flag=True,
    help="Show, for each article start drawn and the strongest rejected, the evidence.",
)
@click.pass_context
def split_command(
    ctx: click.Context, files: tuple[str, ...], as_json: bool, explain: bool, **flags: Any
) -> None:
    """Show the articles, sections, paragraphs and dropped noise build would read in FILES.

    No engine is called. Files that cannot be read are listed with the reason.
    """
    settings = _settings(ctx, **flags)
    options = read_options(settings)
    if explain:
        for path in find_article_files(files):
            _print_explanation(path, explain_source(path, options))
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


@cli.command()
@click.argument("text")
@click.option(
    "--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Language."
)
@_lexicon_option
@click.pass_context
def normalize(ctx: click.Context, text: str, lang: str, lexicon: tuple[str, ...]) -> None:
    """Print the spoken form of TEXT (numbers, dates, abbreviations written out).

    With TEXT "-", read standard input and write one output line per input line.
    """
    settings = _settings(ctx, lexicon=lexicon or None)
    normalizer = TextNormalizer(Lexicon.load(settings.lexicon))
    lines = click.get_text_stream("stdin").read().splitlines() if text == "-" else [text]
    for line in lines:
        click.echo(normalizer.normalize(line, lang) if line.strip() else "")


@cli.command("feed")
@click.option("-o", "--output", type=click.Path(file_okay=False), help="Output folder.")
@click.option("--base-url", help="Public URL of the output folder, for the feed's links.")
@click.pass_context
def feed_command(ctx: click.Context, **flags: Any) -> None:
    """Rebuild feed.xml and index.html from the episodes in the output folder.

    Nothing is synthesized: use it after changing the show's metadata or base URL.
    """
    settings = _settings(ctx, **flags)
    count = publish_site(settings)
    click.echo(
        f"feed and page list {count} episode(s): {Path(settings.output) / 'feed.xml'}", err=True
    )


@cli.command("publish")
@click.argument("destination", metavar="DEST")
@click.option("-o", "--output", type=click.Path(file_okay=False), help="Output folder.")
@click.option("--dry-run", is_flag=True, help="Print what would be sent and deleted; send nothing.")
@click.option(
    "--keep-episodes",
    type=click.IntRange(min=0),
    help="Publish only the newest N episodes (0: all); files of the others are deleted.",
)
@click.pass_context
def publish_command(ctx: click.Context, destination: str, dry_run: bool, **flags: Any) -> None:
    """Copy what listeners need (feed, page, cover, episodes) to DEST.

    DEST is a folder or an fsspec URL (s3://bucket/show, gs://, az://, sftp://, file://).
    Only new or changed files are sent; media first, the feed last; never the cache.
    """
    settings = _settings(ctx, **flags)
    _publish(settings, destination, dry_run=dry_run, quiet=ctx.obj["quiet"])


def _publish(settings: Any, destination: str, *, dry_run: bool, quiet: bool) -> None:
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


@cli.command()
@click.option("-o", "--output", type=click.Path(file_okay=False), help="Output folder.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port."
)
@click.pass_context
def serve(ctx: click.Context, port: int, **flags: Any) -> None:
    """Serve the output folder on localhost for a quick listen (Ctrl-C stops it)."""
    settings = _settings(ctx, **flags)
    server = make_server(Path(settings.output), port)
    click.echo(f"serving {settings.output} at http://127.0.0.1:{server.server_port}/", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.group()
def cache() -> None:
    """Inspect or empty the cache of translations and clips."""


def _cache_location(func: Any) -> Any:
    """The options that say which cache a cache command works on."""
    func = click.option(
        "-o", "--output", type=click.Path(file_okay=False), help="Output folder whose cache to use."
    )(func)
    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False),
        help="Cache folder (default OUTPUT/.cache).",
    )(func)


@cache.command("stats")
@_cache_location
@click.pass_context
def cache_stats(ctx: click.Context, **flags: Any) -> None:
    """Show the cache's size, entries, and oldest and newest use per kind."""
    settings = _settings(ctx.find_root(), **flags)
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
@_cache_location
@click.option("--older-than", metavar="AGE", help="Remove entries unused for AGE (30d, 12h, 2w).")
@click.option("--max-size", metavar="SIZE", help="Then keep at most SIZE (500M, 2G), LRU first.")
@click.pass_context
def cache_prune(
    ctx: click.Context, older_than: str | None, max_size: str | None, **flags: Any
) -> None:
    """Remove cache entries: those unused for a while, then the least recently used."""
    store = open_cache(_settings(ctx.find_root(), **flags))
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
@_cache_location
@click.pass_context
def cache_clear(ctx: click.Context, **flags: Any) -> None:
    """Delete every cached translation and clip (the next build makes them again)."""
    store = open_cache(_settings(ctx.find_root(), **flags))
    click.echo(f"removed {store.clear()} entries from {store.root}")


@cli.command()
@click.pass_context
def doctor(ctx: click.Context) -> None:
    """Check ffmpeg, espeak-ng, the network and versions; print a fix for each problem."""
    checks = run_checks(_settings(ctx))
    for check in checks:
        mark = "ok" if check.ok else ("FAIL" if check.essential else "warn")
        click.echo(f"[{mark:>4}] {check.name}: {check.detail}")
        if not check.ok and check.fix:
            click.echo(f"       fix: {check.fix}")
    if any(not c.ok and c.essential for c in checks):
        ctx.exit(ExitCode.CONFIG)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="vnmedia")
