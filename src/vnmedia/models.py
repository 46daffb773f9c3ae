"""The small dataclasses that flow between pipeline stages.

Everything here is plain data (strings, ints, lists) so that it can be written to JSON and
sent to another process or machine; audio travels as :class:`Clip` (raw PCM bytes).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

Lang = Literal["vi", "en"]
Translation = Literal["machine", "memory", "source", "missing"]
SegmentKind = Literal["title", "paragraph"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article's body."""

    text: str
    """The paragraph as written (NFC, whitespace collapsed)."""
    section: str | None = None
    """The section subheading the paragraph belongs to, if any."""


@dataclass(frozen=True)
class Dropped:
    """A piece of an input file that is not spoken, and why (kept so it can be audited)."""

    text: str
    reason: str
    """caption, widget, byline, note, duplicate, teaser, truncated, table or other (a web
    page's reader says which: "other: outside the story", "other: a date", …)."""


@dataclass(frozen=True)
class Article:
    """One news article read from an input file."""

    title: str
    """The headline, one line."""
    paragraphs: tuple[Paragraph, ...]
    """The body, in reading order."""
    source: str
    """The file the article came from (as given on the command line)."""
    index: int = 0
    """Position of the article within its source file (0-based)."""
    dropped: tuple[Dropped, ...] = ()
    """Noise found in the article and left out (captions, bylines, repeats, ...)."""
    line: int = 0
    """1-based line of the source text where the article starts (0: not known)."""
    title_derived: bool = False
    """The file had no title line: the title was made from the first sentence's words, and
    it is not spoken (the episode opens with the first paragraph)."""
    title_by: str | None = None
    """When the title was derived, the translator that wrote a headline in its place
    (``llm``; ``translation/headlines.py``): like a derived title, it is not spoken."""
    url: str | None = None
    """The web page the article was read from (``None`` for files)."""
    published: str | None = None
    """When the article was published (ISO 8601), as its page or feed item says."""
    author: str | None = None
    """The article's author, as its page says."""


@dataclass(frozen=True)
class Segment:
    """One piece of text to be spoken in one language: a title or a paragraph."""

    kind: SegmentKind
    """``"title"`` or ``"paragraph"``."""
    index: int
    """0 for the title; paragraphs are numbered from 1 in reading order."""
    lang: Lang
    """Language the text is in."""
    text: str | None
    """The text to speak; ``None`` when a translation is missing."""
    translation: Translation
    """Where the text came from: the article itself, a memory, a machine, or nowhere."""
    section: str | None = None
    """Section subheading of the paragraph, if any."""
    spoken: str | None = None
    """What the engine is given: the text's spoken form when the engine wants normalized
    text, else ``None`` (the text is spoken as written)."""
    article: int = 0
    """In a bulletin, which article the segment belongs to (1, 2, …; 0: the opening)."""
    sentence: int = 0
    """With ``--interleave sentence``, which sentence of its paragraph it is (1, 2, …);
    0: the whole paragraph."""
    pace: float = 1.0
    """How fast it is spoken, relative to its language's usual pace (a ``--pattern``
    step such as ``vi@0.75``)."""
    repeat_after: bool = False
    """Whether the ``--pause-repeat`` pause (to say it again aloud) follows it."""

    @property
    def speech(self) -> str | None:
        """The text to synthesize."""
        return self.spoken if self.spoken is not None else self.text


Unit = list[Segment]
"""One title or paragraph: its segments in the order the listener hears them."""


TimedWord = tuple[str, float, float]
"""A spoken word and its start and end in milliseconds."""


@dataclass(frozen=True)
class Clip:
    """Synthesized speech: 16-bit signed little-endian mono PCM."""

    pcm: bytes
    """The samples."""
    sample_rate: int
    """Samples per second."""
    engine: str
    """Name of the TTS engine that made it."""
    words: tuple[TimedWord, ...] = ()
    """When each word is spoken (ms from the clip's start), for engines that say (edge)."""
    encoded: bytes = b""
    """The compressed audio (MP3) the engine sent, when the samples are exactly its decoding
    at this rate: the cache keeps these bytes, a tenth of the samples' size."""

    @property
    def duration_ms(self) -> float:
        """Length of the clip in milliseconds."""
        return len(self.pcm) / 2 / self.sample_rate * 1000


@dataclass
class SegmentTiming:
    """A segment placed in an episode: what the manifest records for it."""

    kind: SegmentKind
    index: int
    lang: Lang
    text: str | None
    start_ms: int
    """Where the segment's speech starts in the episode audio."""
    end_ms: int
    """Where it ends (equal to ``start_ms`` for a missing translation)."""
    engine: str | None
    """TTS engine that spoke it (``None`` when nothing was spoken)."""
    translation: Translation
    section: str | None = None
    spoken: str | None = None
    """The spoken form given to the engine (``None``: the text as written)."""
    words: list[tuple[str, int, int]] | None = None
    """Each spoken word with its start and end in the episode (ms), when the engine timed
    them (edge): transcripts then follow the listener phrase by phrase."""
    article: int = 0
    """In a bulletin, which article the segment belongs to (1, 2, …; 0: the opening)."""
    sentence: int = 0
    """Which sentence of its paragraph (``--interleave sentence``); 0: the whole paragraph."""
    pace: float = 1.0
    """How fast it was spoken, relative to its language's usual pace (``--pattern``)."""


@dataclass
class Chapter:
    """A stretch of the episode listeners can jump to: the title, or one paragraph."""

    title: str
    start_ms: int
    end_ms: int


@dataclass
class EpisodeManifest:
    """Everything known about one written episode (``<slug>.json``)."""

    title: str
    source: str
    audio: str
    """File name of the MP3, relative to the manifest."""
    duration_ms: int
    segments: list[SegmentTiming]
    fingerprint: str = ""
    """Hash of everything the audio was made from; a rebuild with the same fingerprint is
    skipped."""
    chapters: list[Chapter] = field(default_factory=list)
    slug: str = ""
    episode: int = 0
    """Position of the article in the build's input (1-based): the ID3 track number."""
    published: str = ""
    """ISO 8601 time the article was published (web pages and feed items), else of the
    source file's last change: the feed's pubDate, stable across rebuilds."""
    description: str = ""
    """The first paragraph: the feed item's and the tags' description."""
    title_derived: bool = False
    """The file had no title line: ``title`` was made from the first sentence and is not
    spoken (the episode opens with the first paragraph)."""
    title_by: str | None = None
    """Who wrote ``title`` when the file had none: a language model (``llm``), or ``None``
    (the source's, or derived from its first sentence)."""
    voices: dict[str, str] = field(default_factory=dict)
    """The voice of each language spoken, as ``engine:voice`` (``edge:vi-VN-HoaiMyNeural``)."""
    glossary_misses: list[str] = field(default_factory=list)
    """Glossary terms in the Vietnamese whose English the translation lacks (``vi → en``)."""
    url: str | None = None
    """The original article on the web (feed item and page link to it)."""
    author: str | None = None
    """The article's author, when its page names one."""
    articles: list[dict[str, Any]] = field(default_factory=list)
    """A bulletin's articles, in order: ``title``, ``source``, ``url``."""
    missing: list[dict[str, Any]] = field(default_factory=list)
    """A bulletin's articles that failed and were left out: ``title``, ``source``,
    ``stage``, ``error``."""
    sentences: dict[str, int] = field(default_factory=dict)
    """``--interleave sentence``: sentences paired with their own English, and paragraphs
    spoken whole because their sentences could not be paired."""
    doubts: list[dict[str, Any]] = field(default_factory=list)
    """Texts whose English the check doubted (``translation/review.py``): where, the
    findings and their evidence, and the outcome (``fixed``, ``kept``, ``left out``)."""
    translator: str = ""
    """The machine translators the English came from (``"google"``, ``"llm,google"``);
    empty when none was used (the translation memory, or no English): the disclosure."""
    words: list[dict[str, Any]] = field(default_factory=list)
    """Words worth learning, rarest first: ``word``, ``english``, ``per_million`` (how
    often the news uses it) and ``sentence`` (the first it appears in)."""
    readings_to_check: list[dict[str, str]] = field(default_factory=list)
    """Vietnamese readings the normalizer guessed (``text/guesses.py``): ``written``,
    ``spoken`` (as the token is read alone), the ``rule`` that guessed and the ``sentence``
    it is first heard in. A producer listens for them; a line in the lexicon settles one."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EpisodeManifest:
        """A manifest read back from its JSON."""
        values = dict(data)
        values["segments"] = [SegmentTiming(**s) for s in data.get("segments", [])]
        values["chapters"] = [Chapter(**c) for c in data.get("chapters", [])]
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})

    def to_dict(self) -> dict[str, Any]:
        """The manifest as JSON-ready data."""
        return asdict(self)


@dataclass
class Failure:
    """One article (or file) that could not be turned into an episode."""

    source: str
    article: str | None
    """Title of the article, or ``None`` when the file itself could not be read."""
    error: str
    stage: str = "build"
    """Pipeline stage that failed (ingest, translate, speak, assemble, publish)."""


@dataclass
class BuildReport:
    """What a build did; written as ``report.json``."""

    articles_found: int = 0
    episodes_written: list[str] = field(default_factory=list)
    """Paths of the MP3s written by this build."""
    episodes_unchanged: list[str] = field(default_factory=list)
    """Paths of the MP3s that were already up to date (nothing rebuilt)."""
    failures: list[Failure] = field(default_factory=list)
    to_retry: list[Failure] = field(default_factory=list)
    """Articles not done because a service kept refusing (or ``--fail-fast`` stopped the
    build): a rerun continues with them."""
    missing_translations: int = 0
    """Paragraphs (and titles) whose English side was left out."""
    engine_calls: dict[str, int] = field(default_factory=dict)
    """Requests made to each engine, by engine name (retries included)."""
    retries: dict[str, int] = field(default_factory=dict)
    """Retried requests, by service."""
    cache_hits: dict[str, int] = field(default_factory=dict)
    """Results taken from the cache instead of an engine, by kind (translation, clip)."""
    stage_seconds: dict[str, float] = field(default_factory=dict)
    """Wall time spent in each stage."""
    engines: dict[str, str] = field(default_factory=dict)
    """Which engine was used for ``tts`` and ``translator`` (after ``auto`` resolved)."""
    executor: str = "threads"
    """Where the articles were built: threads, processes or dask."""
    voices: dict[str, dict[str, str]] = field(default_factory=dict)
    """The voice of each language, per episode file (``engine:voice``): with ``--tts
    edge,gtts`` it shows which episodes fell back."""
    glossary_misses: dict[str, list[str]] = field(default_factory=dict)
    """Per episode file, the glossary terms its English missed (only episodes with some)."""
    cache_evicted: dict[str, int] = field(default_factory=dict)
    """What the cache's bound removed after the build: ``entries`` and ``bytes``."""
    stopped: str = ""
    """Why the build stopped early: a folder that could not be written (the build then
    raises StorageError; this report is written if the output folder still takes it, and
    the one from the run before is removed if not)."""
    sentences: dict[str, int] = field(default_factory=dict)
    """``--interleave sentence``: sentences paired with their own English
    (``sentences_aligned``) and paragraphs spoken whole instead (``paragraphs_whole``)."""
    web_requests: dict[str, int] = field(default_factory=dict)
    """Web inputs: requests sent, 304 answers (``not_modified``) and pages taken from the
    cache without asking (``cached``)."""
    doubts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Per episode file, the texts whose English the check doubted (only episodes with
    some): where, the findings with their evidence, the outcome."""
    doubt_counts: dict[str, int] = field(default_factory=dict)
    """Doubted texts by outcome: ``fixed`` (asked again), ``kept``, ``left out``."""
    readings_to_check: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The readings the normalizer guessed, by written token, most heard first: ``spoken``,
    the ``rule`` that guessed, the ``sentence`` of the first episode it is heard in, and the
    ``episodes`` (files) that say it."""
    deck: dict[str, Any] = field(default_factory=dict)
    """``--cards``: the Anki deck written (``path``), its ``episodes``, ``sentences``,
    ``words`` and ``sounds``, and episodes left out (``skipped``)."""
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return asdict(self)
