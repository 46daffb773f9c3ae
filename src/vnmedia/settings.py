"""Settings, merged in one place: defaults < ``vnmedia.toml`` < ``VNMEDIA_*`` env < flags."""

from __future__ import annotations

import codecs
import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn, get_type_hints

from .audio.drill import PACE_RANGE, DrillStep, parse_pattern
from .errors import ConfigError, SettingError
from .sources.files import LEGACY_ENCODINGS
from .sources.listings import is_url

CONFIG_FILE_NAME = "vnmedia.toml"
ENV_PREFIX = "VNMEDIA_"
ORDERS = ("vi-en", "en-vi", "vi", "en")
EN_ACCENTS = ("us", "uk", "au", "ca", "in", "ie", "za")
EXECUTORS = ("auto", "threads", "processes", "dask")
EPISODE_SHAPES = ("article", "file", "run")
INTERLEAVES = ("paragraph", "sentence")
MP3_QUALITIES = ("fast", "balanced", "best")
ON_DOUBT = ("vietnamese", "keep", "fail")
DEFAULT_WORDS = 12
"""Words worth learning per episode in sentence mode, unless ``words`` says otherwise."""
DEFAULT_BASE_URL = "http://localhost:8000"
"""Where ``vnmedia serve`` serves the output folder: the feed's links until ``base_url`` is
set to the public address."""


@dataclass(frozen=True)
class Settings:
    """Every knob of a build. Field names are the config keys, env names and flag names."""

    inputs: tuple[str, ...] = ("input",)
    """Article files or folders to read."""
    output: str = "output"
    """Folder the episodes, manifests and report are written to."""
    tts: str = "auto"
    """TTS engine name, or ``auto``: gtts when Google answers, else espeak. A list,
    ``edge,gtts``, gives an episode the next engine when one cannot speak it (the whole
    episode: never two voices of one language)."""
    translator: str = "auto"
    """Translation engine name, ``auto`` (google when reachable), or ``none``."""
    order: str = "vi-en"
    """Languages spoken per paragraph: ``vi-en``, ``en-vi``, ``vi`` or ``en``."""
    pause_lang: int = 400
    """Silence in ms between a paragraph and its translation."""
    pause_paragraph: int = 900
    """Silence in ms after each paragraph (and after the title)."""
    interleave: str = "paragraph"
    """``paragraph``: each paragraph, then its translation; ``sentence``: each sentence,
    then its own translation (for learners)."""
    speak_subheadings: bool = True
    """Speak each subheading (its own unit after a pause, and the start of a chapter), as a
    reader sees it; ``False`` keeps them silent (they still name the chapters)."""
    pause_sentence: int = 700
    """Silence in ms between two sentence pairs of a paragraph (``interleave = sentence``)."""
    pause_repeat: float = 0.0
    """With ``interleave = sentence``, a pause after each sentence's second language of
    this many times its length, to repeat it aloud (shadowing: 1.0-2.5)."""
    pattern: str = ""
    """A drill: what each sentence pair plays, in order, ``vi en vi@0.75`` (the last at 75 %
    speed; ``_`` after a step: the ``pause_repeat`` pause goes there); implies
    ``interleave = sentence``. Empty: ``order``, once each (``audio/drill.py``)."""
    bitrate: str = "64k"
    """MP3 bitrate passed to the encoder (CBR)."""
    mp3_quality: str = "fast"
    """LAME's effort: ``fast`` (the default: no loss on speech, measured), ``balanced``
    (LAME's own default) or ``best`` (for music in intros and outros); changing it
    re-encodes, never re-speaks."""
    sample_rate: int | None = None
    """Episode sample rate in Hz; default: the TTS engine's own (gTTS 24 kHz, espeak
    22.05 kHz), so clips are never resampled."""
    en_accent: str = "us"
    """English accent for gTTS (and the closest espeak and edge voice)."""
    voice_vi: str | None = None
    """Vietnamese voice of engines that offer several (edge: ``vi-VN-NamMinhNeural``;
    espeak: an espeak voice name); ``vnmedia voices`` lists them."""
    voice_model: str = ""
    """Piper voice models per language, ``vi=PATH.onnx,en=PATH.onnx`` (each with its
    ``.onnx.json`` beside it), for ``--tts piper``."""
    speed: str = ""
    """Speaking pace per language, ``vi=0.9,en=1.1`` (or one number for both; 0.5-2.0):
    through the engine's own rate where it has one (espeak, edge), else by time-stretching
    the clip without changing its pitch (ffmpeg ``atempo``)."""
    voice_en: str | None = None
    """English voice, likewise (edge: ``en-GB-RyanNeural``); default: the accent's."""
    memory: tuple[str, ...] = ()
    """Translation-memory files (TSV or JSONL) with human translations."""
    glossary: tuple[str, ...] = ()
    """Glossary files (TSV, ``vietnamese<TAB>english``): terms every translation must use;
    the ones a translation misses are reported per episode."""
    check: bool = True
    """Check every machine translation against its Vietnamese (numbers, names, omissions,
    additions, untranslated text, glossary) and ask again once for a doubtful one."""
    on_doubt: str = "vietnamese"
    """A text still doubtful after it was asked again: ``vietnamese`` (its English is left
    out: nothing doubtful is spoken), ``keep`` (spoken) or ``fail`` (no episode); the
    report names it whichever you choose."""
    check_memory: bool = False
    """Check the translation memory's human translations too (reported, never left out)."""
    names: tuple[str, ...] = ()
    """Names tables (TSV, ``vietnamese<TAB>english|other english``) adding to the shipped
    one: how names the check looks for may come out in English."""
    encoding: str | None = None
    """Force the input encoding (a Python codec, or tcvn3/vni/viscii); default: detect."""
    title_field: str = "title"
    """Title field of JSON/JSONL article records."""
    body_field: str = "body"
    """Body field of JSON/JSONL article records."""
    one_article: bool = False
    """Read each input file as one article (no search for where articles start)."""
    lexicon: tuple[str, ...] = ()
    """Pronunciation lexicons (TSV or TOML, ``written → spoken``) applied before the rules."""
    normalize_gtts: bool = True
    """Give gTTS the normalized (spoken) text; espeak always gets it."""
    require_translation: bool = False
    """Fail an article instead of leaving out a missing English side."""
    request_timeout: float = 15.0
    """Deadline in seconds for one online engine request."""
    probe_timeout: float = 3.0
    """Deadline in seconds for the one reachability probe of ``auto``."""
    episode: str = "article"
    """What makes one episode: ``article`` (each article), ``file`` (each input file: a
    dump of several articles becomes one programme) or ``run`` (the whole run: a daily
    bulletin), each article a chapter of its own."""
    between: str | None = None
    """Audio file played between the articles of a bulletin."""
    date: str | None = None
    """The bulletin's date (``YYYY-MM-DD``), in its title and opening; default: today."""
    intro: str | None = None
    """Audio file played (with a fade) before every episode."""
    outro: str | None = None
    """Audio file played (with a fade) after every episode."""
    loudness: bool = True
    """Normalize episodes to -16 LUFS, -1 dBTP, both languages equally loud."""
    base_url: str = DEFAULT_BASE_URL
    """Public URL of the output folder (feed enclosures and links are built on it)."""
    show_title: str = "vnmedia: tin tức song ngữ"
    """Podcast (show) name: the album tag and the feed title."""
    show_description: str = "Vietnamese news read in Vietnamese and English."
    show_author: str = "vnmedia"
    show_owner_name: str = "vnmedia"
    show_owner_email: str = "podcast@example.com"
    show_language: str = "vi"
    show_category: str = "News"
    show_explicit: bool = False
    show_image: str | None = None
    show_opening: str = "Bản tin song ngữ ngày {day} tháng {month} năm {year}"
    """What a bulletin (``episode = "run"``) opens with and is titled, in Vietnamese
    (``{day}``, ``{month}``, ``{year}``, ``{month_name}``: the bulletin's date)."""
    show_opening_en: str = "Bilingual news bulletin, {month_name} {day}, {year}"
    """Its English, spoken after it."""
    """Cover image (PNG or JPEG); a plain cover is generated when none is given."""
    contact: str = ""
    """How a site's webmaster reaches the producer (an e-mail or URL), sent in the
    User-Agent of every web request; default: ``show_owner_email``."""
    since: str | None = None
    """Web inputs: leave out feed and sitemap items published before this date
    (``YYYY-MM-DD``)."""
    max_items: int | None = None
    """Web inputs: read at most this many items of each feed or sitemap (newest first)."""
    keep_episodes: int = 0
    """How many episodes (the newest) the feed and the page list, and ``publish`` keeps at
    its destination; 0: all."""
    words: int | None = None
    """Words worth learning listed per episode (page, ``.words.tsv``, cards; 0: none);
    default 12 with ``interleave = sentence``, else 0."""
    cards: bool = False
    """``build`` then writes an Anki deck of the episodes (``OUTPUT/cards.apkg``)."""
    publish: str | None = None
    """Where ``build`` publishes when done (a folder or an fsspec URL: ``s3://bucket/show``);
    ``vnmedia publish DEST`` does it alone."""
    publish_sites: tuple[tuple[str, str], ...] = ()
    """Each destination's public address, ``(DEST, base_url)``: the config's
    ``[publish."DEST"]`` tables (``base_url = "https://…"``); ``[publish] to = DEST`` is
    where ``build`` publishes. Config file only."""
    websub_hub: str = ""
    """A WebSub hub (``https://pubsubhubbub.appspot.com/``): named in the feed, and pinged
    after each publish that changes the feed, so apps and directories fetch it at once."""
    podping_url: str = ""
    """A Podping-style endpoint told of each changed feed (``GET URL?url=FEED``)."""
    podping_token: str | None = field(default=None, repr=False)
    """Its ``Authorization`` token (a secret: never logged or written;
    ``VNMEDIA_PODPING_TOKEN``)."""
    cache_dir: str | None = None
    """Cache of translations and clips; default ``<output>/.cache``."""
    cache_max_size: str = "2G"
    """Bound of the cache (``500M``, ``2G``; ``0``: none): after each build the least
    recently used clips go, never one the build used."""
    no_cache: bool = False
    """Neither read nor write the cache."""
    jobs: int = field(default_factory=lambda: max(1, os.cpu_count() or 1))
    """Articles built at once (and engine requests in flight per process); default: the
    machine's cores."""
    executor: str = "auto"
    """Where articles are built: ``threads``, ``processes``, ``dask``, or ``auto``
    (processes for the built-in offline engines, threads otherwise)."""
    scheduler: str | None = None
    """Address of a Dask scheduler (``tcp://host:8786``); default: a local cluster."""
    rate: float = 5.0
    """Requests per second allowed to each web service, shared by all workers."""
    retries: int = 4
    """Retries of a failed request (429, 5xx, timeout, connection error)."""
    retry_delay: float = 0.5
    """Seconds before the first retry; doubles with each retry, plus jitter."""
    breaker_threshold: int = 3
    """Requests in a row failing for good before the build stops asking that service."""
    fail_fast: bool = False
    """Stop at the first failed article."""
    llm_url: str = "http://localhost:11434/v1"
    """Base URL of an OpenAI-compatible chat API for ``--translator llm`` (default: a local
    Ollama; llama.cpp's server and vLLM speak it too, as do hosted services)."""
    llm_model: str | None = None
    """The model ``llm`` asks (``qwen2.5:7b-instruct``, ``gpt-4o-mini``, ...)."""
    llm_api_key: str | None = field(default=None, repr=False)
    """API key for the ``llm`` server, if it wants one (a secret: never logged or written;
    ``VNMEDIA_LLM_API_KEY``)."""
    ct2_model: str = ""
    """Folder of a CTranslate2 translation model (an OPUS-MT vi→en model converted once,
    with ``source.spm`` and ``target.spm``) for ``--translator ct2``; with one, ``auto``
    translates offline when Google is unreachable."""
    libre_url: str = "https://libretranslate.com/"
    """Base URL of a LibreTranslate server."""
    libre_api_key: str | None = field(default=None, repr=False)
    """API key for LibreTranslate (a secret: never logged or written)."""
    mymemory_email: str | None = field(default=None, repr=False)
    """Optional e-mail for MyMemory's higher free quota."""

    @property
    def words_per_episode(self) -> int:
        """How many words worth learning each episode lists."""
        if self.words is not None:
            return self.words
        return DEFAULT_WORDS if self.interleave == "sentence" else 0

    @cached_property
    def drill(self) -> tuple[DrillStep, ...]:
        """``pattern`` parsed into its steps (``()``: no drill), once for these settings:
        the checks, the plan and the languages spoken all read it here."""
        return parse_pattern(self.pattern)

    @property
    def user_agent_contact(self) -> str:
        """The address web requests give for the producer."""
        return self.contact or self.show_owner_email

    def speed_for(self, lang: str) -> float:
        """The pace ``lang`` is spoken at (1.0: the voice's own)."""
        return parse_speeds(self.speed).get(lang, 1.0)

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given (already typed) fields replaced; ``None`` values are ignored."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return _validated(replace(self, **given))


def load_settings(
    config: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    **flags: Any,
) -> Settings:
    """Merge defaults, the config file, ``VNMEDIA_*`` variables and flags into Settings.

    ``config`` is a path to a TOML file; without it ``./vnmedia.toml`` is read when present.
    ``flags`` whose value is ``None`` (not given on the command line) are ignored.

    Every value is checked here, before anything is made: a bad one raises
    :class:`SettingError` naming the setting and, for a value from the config file or the
    environment, where it came from (a flag's name is the caller's to give).
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    config_path = Path(config) if config else Path(CONFIG_FILE_NAME)
    if os.path.isfile(config_path):
        from_file = _read_config(config_path)
        values.update(from_file)
        origins.update(dict.fromkeys(from_file, f"in {config_path}"))
    elif config:
        raise ConfigError(f"config file {config_path} not found: check the --config path")
    from_env = _read_env(env)
    values.update(from_env)
    origins.update({name: f"from {ENV_PREFIX}{name.upper()}" for name in from_env})
    given = {k: v for k, v in flags.items() if v is not None}
    values.update(given)
    for name in given:
        origins.pop(name, None)
    try:
        return _validated(Settings(**{k: _coerce(k, v) for k, v in values.items()}))
    except SettingError as exc:
        if exc.setting not in origins:
            raise  # a flag (or a default): the command line names it
        raise SettingError(exc.setting, f"{exc.problem} ({origins[exc.setting]})") from None


_FIELD_TYPES = get_type_hints(Settings)
_FIELD_NAMES = {f.name for f in fields(Settings)}


def _read_config(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    # The settings may sit at top level or under [vnmedia]; other tables belong to other
    # tools (the feed's show metadata, for instance) and are left alone.
    table = data.get("vnmedia", data)
    # The show's metadata may sit in a [show] table: title = … means show_title = ….
    flat = dict(table)
    if isinstance(table.get("publish"), dict):
        flat.update(_publish_table(table["publish"], path))
    for key, value in (table.get("show") or {}).items():
        flat[f"show_{key}"] = value
    values: dict[str, Any] = {}
    for key, value in flat.items():
        name = key.replace("-", "_")
        if isinstance(value, dict):
            continue
        if name not in _FIELD_NAMES:
            valid = ", ".join(sorted(_FIELD_NAMES))
            raise ConfigError(f"unknown setting {key!r} in {path}; valid settings: {valid}")
        values[name] = value
    # Paths in a config file are relative to the file, not to wherever vnmedia runs.
    base = path.parent
    for name in ("memory", "inputs", "lexicon", "glossary", "names"):
        if name in values:
            items = [values[name]] if isinstance(values[name], str) else values[name]
            values[name] = tuple(str(base / p) for p in items)
    for name in ("output", "cache_dir", "intro", "outro", "between", "show_image"):
        if name in values:
            values[name] = str(base / values[name])
    if "publish" in values and "://" not in values["publish"]:
        values["publish"] = str(base / values["publish"])
    if "publish_sites" in values:
        values["publish_sites"] = tuple(
            (dest if "://" in dest else str(base / dest), url)
            for dest, url in values["publish_sites"]
        )
    return values


def _publish_table(table: dict[str, Any], path: Path) -> dict[str, Any]:
    """``[publish]``: ``to = DEST`` and one ``[publish."DEST"]`` table per destination."""
    values: dict[str, Any] = {}
    sites = []
    for key, value in table.items():
        if key == "to" and isinstance(value, str):
            values["publish"] = value
        elif isinstance(value, dict) and isinstance(value.get("base_url"), str):
            unknown = set(value) - {"base_url"}
            if unknown:
                raise ConfigError(
                    f"[publish.{key!r}] in {path}: unknown key(s) {', '.join(sorted(unknown))}"
                    " (only base_url)"
                )
            sites.append((key, value["base_url"]))
        else:
            raise ConfigError(
                f"[publish] in {path}: write each destination as a table, "
                f'[publish."{key}"] with base_url = "https://…" (and to = DEST for build)'
            )
    values["publish_sites"] = sites
    return values


def _read_env(env: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in _FIELD_NAMES - {"publish_sites"}:
        raw = env.get(ENV_PREFIX + name.upper())
        if raw is not None and raw != "":
            values[name] = raw
    return values


def _coerce(name: str, value: Any) -> Any:
    """Turn a config or env value into the field's type, with a clear error."""
    target = _FIELD_TYPES[name]
    if name == "publish_sites":  # pairs, from the config's [publish] tables only
        return tuple((str(dest), str(url)) for dest, url in value)
    try:
        if target == "tuple[str, ...]" or target == tuple[str, ...]:
            if isinstance(value, str):
                return tuple(p for p in value.split(os.pathsep) if p)
            return tuple(str(v) for v in value)
        if target is bool:
            if isinstance(value, str):
                lowered = value.strip().lower()
                if lowered not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                    raise ValueError(value)
                return lowered in {"1", "true", "yes", "on"}
            return bool(value)
        if target is int or target == (int | None):
            return None if value is None else int(value)
        if target is float:
            return float(value)
        return None if value is None else str(value)
    except (TypeError, ValueError) as exc:
        kind = getattr(target, "__name__", str(target)).replace("str, ...", "list of str")
        raise SettingError(name, f"{value!r} is not a valid {kind}") from exc


LANGUAGES = ("vi", "en")


def _per_language(text: str, setting: str, example: str) -> Iterator[tuple[list[str], str]]:
    """The items of a ``vi=…,en=…`` setting: (languages, value); a value without a
    language is for both."""
    for item in filter(None, (part.strip() for part in text.split(","))):
        lang, found, value = item.partition("=")
        langs, value = ([lang.strip()], value.strip()) if found else (list(LANGUAGES), item)
        if not all(code in LANGUAGES for code in langs) or not value:
            raise SettingError(setting, f"{item!r}: write it as {example} (languages vi, en)")
        yield langs, value


def parse_voice_models(text: str) -> dict[str, str]:
    """``"vi=a.onnx,en=b.onnx"`` → ``{"vi": "a.onnx", "en": "b.onnx"}``."""
    models = {}
    for langs, path in _per_language(text, "voice_model", "vi=PATH.onnx,en=PATH.onnx"):
        if len(langs) > 1:
            raise SettingError("voice_model", f"{path!r}: write vi=PATH.onnx or en=PATH.onnx")
        models[langs[0]] = path
    return models


def parse_speeds(text: str) -> dict[str, float]:
    """``"vi=0.9,en=1.1"`` → ``{"vi": 0.9, "en": 1.1}``; ``"1.2"`` → both languages."""
    speeds: dict[str, float] = {}
    for langs, value in _per_language(text, "speed", "vi=0.9,en=1.1"):
        try:
            number = float(value)
        except ValueError:
            raise SettingError(
                "speed", f"{value!r} is not a number (write vi=0.9,en=1.1)"
            ) from None
        if not PACE_RANGE[0] <= number <= PACE_RANGE[1]:
            raise SettingError(
                "speed", f"{value!r} must be between {PACE_RANGE[0]} and {PACE_RANGE[1]}"
            )
        speeds.update(dict.fromkeys(langs, number))
    return speeds


BITRATES = (8, 320)
"""The MP3 bitrates (kbit/s) LAME encodes at, from the lowest to the highest."""
_BITRATE = re.compile(r"(\d+)k?", re.IGNORECASE)
_FILE_SETTINGS = ("memory", "lexicon", "glossary", "intro", "outro", "between", "show_image")
"""Settings naming files that must exist (checked here for the config file and the
environment; click checks flags itself)."""
_URL_SETTINGS = ("base_url", "llm_url", "libre_url")


def _validated(settings: Settings) -> Settings:
    """``settings`` if every value can be used, else :class:`SettingError` for the first
    that cannot. Only cheap checks that need no engine, network or output folder: they
    run before anything is made. A new setting adds its check here, raising through
    :func:`refuse` (the command line then names the flag, exit 2)."""
    for name, choices in (
        ("order", ORDERS),
        ("on_doubt", ON_DOUBT),
        ("interleave", INTERLEAVES),
        ("episode", EPISODE_SHAPES),
        ("mp3_quality", MP3_QUALITIES),
        ("en_accent", EN_ACCENTS),
        ("executor", EXECUTORS),
    ):
        if getattr(settings, name) not in choices:
            refuse(settings, name, f"is not one of {', '.join(choices)}")
    for name, low, high, unit in (
        ("pause_lang", 0, 60_000, " ms"),
        ("pause_paragraph", 0, 60_000, " ms"),
        ("pause_sentence", 0, 60_000, " ms"),
        ("pause_repeat", 0, 5, ""),
        ("sample_rate", 8000, 48000, " Hz"),
        ("jobs", 1, 256, ""),
        ("retries", 0, 100, ""),
        ("breaker_threshold", 1, None, ""),
        ("max_items", 1, None, ""),
        ("keep_episodes", 0, None, ""),
        ("words", 0, 100, ""),
    ):
        value = getattr(settings, name)
        if value is not None and not (low <= value and (high is None or value <= high)):
            limit = f"between {low} and {high}{unit}" if high is not None else f"at least {low}"
            refuse(settings, name, f"must be {limit}")
    for name in ("rate", "request_timeout", "probe_timeout"):
        if not getattr(settings, name) > 0:
            refuse(settings, name, "must be a positive number")
    if settings.retry_delay < 0:
        refuse(settings, "retry_delay", "must not be negative")
    bitrate = _BITRATE.fullmatch(settings.bitrate.strip())
    if not bitrate or not BITRATES[0] <= int(bitrate.group(1)) <= BITRATES[1]:
        refuse(settings, "bitrate", f"is not an MP3 bitrate: write 64k ({BITRATES[0]}k to "
                f"{BITRATES[1]}k)")  # fmt: skip
    parse_speeds(settings.speed)
    steps = settings.drill
    if steps and all(step.lang != "en" for step in steps):
        raise ConfigError(
            f"pattern {settings.pattern!r} has no en step: a drill pairs each sentence with "
            'its English (write "vi en vi@0.75")'
        )
    if steps and settings.interleave != "sentence":
        settings = replace(settings, interleave="sentence")  # a drill is sentence by sentence
    parse_voice_models(settings.voice_model)
    try:
        if parse_size(settings.cache_max_size) < 0:
            raise ValueError(settings.cache_max_size)
    except ValueError:
        refuse(settings, "cache_max_size", "is not a size (write 500M or 2G)")
    for name in ("since", "date"):
        value = getattr(settings, name)
        try:
            if value is not None:
                date.fromisoformat(value if name == "date" else value[:10])
        except ValueError:
            refuse(settings, name, "is not a date (write 2026-12-01)")
    if settings.date is not None and settings.episode != "run":
        refuse(settings, "date", "dates a bulletin: it needs --episode run (episode = run)")
    if settings.encoding is not None and not _known_encoding(settings.encoding):
        refuse(settings, "encoding", "is not a known text encoding (utf-8, cp1258, tcvn3, …)")
    for name in _URL_SETTINGS:
        if not is_url(getattr(settings, name)):
            refuse(settings, name, "is not a web address (write https://host/…)")
    if settings.publish:
        problem = _destination_problem(settings.publish)
        if problem:
            refuse(settings, "publish", problem)
    for name in _FILE_SETTINGS:
        paths = getattr(settings, name)
        for path in [paths] if isinstance(paths, str) else paths or ():
            if not os.path.isfile(path):
                raise SettingError(name, f"{path!r} is not a file")
    for name in ("output", "cache_dir"):
        folder = getattr(settings, name)
        # The folder, or the first of its parents that exists, must be a folder.
        # (os.path.exists: False, not an error, in a folder this user may not look into.)
        existing = next((p for p in (Path(folder or "."), *Path(folder or ".").parents)
                         if os.path.exists(p)), None)  # fmt: skip
        if existing is not None and not os.path.isdir(existing):
            refuse(settings, name, f"cannot be a folder: {existing} is a file")
    return settings


def parse_size(text: str | int) -> int:
    """``"2G"``, ``"500M"``, ``"1.5GB"``, ``"0"`` (no bound) or a number of bytes."""
    if isinstance(text, int):
        return text
    value = text.strip().upper().removesuffix("B").removesuffix("I")
    units = {"K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12}
    factor = units.get(value[-1:], 1.0)
    number = value[:-1] if value[-1:] in units else value
    return int(float(number) * factor)


def parse_age(text: str) -> float:
    """``"30d"``, ``"12h"``, ``"90m"``, ``"2w"`` as seconds."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
    value = text.strip().lower()
    if value[-1:] not in units:
        raise ValueError(f"{text!r}: write a number and a unit (30d, 12h, 2w)")
    return float(value[:-1]) * units[value[-1]]


def refuse(settings: Settings, name: str, problem: str) -> NoReturn:
    """Raise the SettingError for setting ``name``: its value, then ``problem``."""
    raise SettingError(name, f"{getattr(settings, name)!r} {problem}")


def _known_encoding(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return name.lower() in LEGACY_ENCODINGS
    return True


def _destination_problem(url: str) -> str | None:
    """Why ``url`` cannot be a publish destination here: a protocol fsspec does not know,
    or whose backend is not installed (``None``: a folder, or a usable URL)."""
    protocol, found, _ = url.partition("://")
    if not found:
        return None  # a folder
    import fsspec

    try:
        fsspec.get_filesystem_class(protocol)
    except ValueError:
        return "is not a folder or a destination URL (s3://, gs://, az://, sftp://, file://)"
    except ImportError as exc:
        extra = {"s3": "s3", "gs": "gcs", "gcs": "gcs", "az": "azure", "sftp": "sftp"}
        return (
            f"needs {exc.name or 'its fsspec backend'}: "
            f"pip install 'vnmedia[{extra.get(protocol, protocol)}]'"
        )
    return None
