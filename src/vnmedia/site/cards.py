"""Flashcards: the episodes of an output folder → an Anki package (``.apkg``, genanki).

One note per sentence pair (per paragraph in paragraph mode): the Vietnamese and its audio
on the front, the English and its audio on the back, with the episode's title, date and
link, tagged by show and article. The audio is cut from the episode's MP3 at the positions
its manifest records, so nothing is spoken again (and the cards sound as mastered as the
episode). Note GUIDs come from the article and the Vietnamese text: importing tomorrow's
deck updates yesterday's cards (a corrected translation, a new recording) instead of adding
copies. Words worth learning (:mod:`vnmedia.text.words`) become cards of their own.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import genanki
import numpy as np
import soundfile
from slugify import slugify

from ..errors import AudioError
from ..models import EpisodeManifest, SegmentTiming
from ..runtime.files import atomic_path
from ..settings import Settings
from .layout import DECK_FILE
from .rebuild import listed_episodes

# Anki tells note types apart by these ids: fixed once, never to change (genanki's advice).
SENTENCE_MODEL_ID = 1_607_392_319
WORD_MODEL_ID = 1_607_392_320

_STYLE = """
.card { font-family: sans-serif; font-size: 22px; text-align: center; }
.source { font-size: 14px; color: #666; margin-top: 1.5em; }
.example { font-size: 18px; color: #333; margin-top: 1em; }
"""
_SOURCE = (
    '<div class="source">{{Title}} · {{Date}}'
    '{{#Link}} · <a href="{{Link}}">{{Link}}</a>{{/Link}}</div>'
)


def _note_type(
    model_id: int, name: str, fields: list[str], card: str, front: str, back: str
) -> genanki.Model:
    """An Anki note type: ``fields``, then the source's title, date and link; one card."""
    return genanki.Model(
        model_id,
        name,
        fields=[{"name": field} for field in [*fields, "Title", "Date", "Link"]],
        templates=[
            {"name": card, "qfmt": front, "afmt": f'{{{{FrontSide}}}}<hr id="answer">{back}'}
        ],
        css=_STYLE,
    )


SENTENCE_MODEL = _note_type(
    SENTENCE_MODEL_ID,
    "vnmedia sentence",
    ["Vietnamese", "Vietnamese audio", "English", "English audio"],
    "Vietnamese → English",
    "{{Vietnamese}}<br>{{Vietnamese audio}}",
    "{{English}}<br>{{English audio}}" + _SOURCE,
)
WORD_MODEL = _note_type(
    WORD_MODEL_ID,
    "vnmedia word",
    ["Word", "English", "Sentence", "Sentence audio"],
    "Word → English",
    '{{Word}}<div class="example">{{Sentence}}</div>{{Sentence audio}}',
    "{{English}}" + _SOURCE,
)


@dataclass(frozen=True)
class Sentence:
    """A sentence pair of an episode (a whole paragraph in paragraph mode) as heard in it."""

    vietnamese: SegmentTiming
    """Its Vietnamese segment (at the usual pace, when a drill repeats it)."""
    english: SegmentTiming
    article: int
    """Which article of a bulletin it belongs to (0: a one-article episode)."""


@dataclass
class DeckSummary:
    """What a deck holds."""

    episodes: int = 0
    sentences: int = 0
    words: int = 0
    sounds: int = 0
    skipped: list[str] = field(default_factory=list)
    """Episodes left out, with why (an MP3 that cannot be read)."""


def sentences_of(manifest: EpisodeManifest) -> list[Sentence]:
    """Every sentence pair of an episode with both sides spoken, in the order heard.

    Segments of one pair share their article, paragraph and sentence number; a drill that
    plays a side twice gives the card its first hearing at the usual pace. A bulletin's
    spoken opening is not news and gets no card.
    """
    groups: dict[tuple[int, str, int, int], list[SegmentTiming]] = {}
    for segment in manifest.segments:
        key = (segment.article, segment.kind, segment.index, segment.sentence)
        groups.setdefault(key, []).append(segment)
    pairs = []
    for (article, kind, _, _), segments in groups.items():
        if manifest.articles and article == 0 and kind == "title":
            continue
        sides = [_heard(segments, lang) for lang in ("vi", "en")]
        if sides[0] is not None and sides[1] is not None:
            pairs.append(Sentence(sides[0], sides[1], article))
    return pairs


def _heard(segments: list[SegmentTiming], lang: str) -> SegmentTiming | None:
    spoken = [s for s in segments if s.lang == lang and s.text and s.end_ms > s.start_ms]
    return min(spoken, key=lambda s: (s.pace != 1.0, s.start_ms), default=None)


class StudyDeck:
    """An Anki deck being filled from episodes, newest first, written with :meth:`write`.

    A sentence (or word) heard in several episodes is one card, with the newest episode's
    audio, date and link: an older episode leaves the feed (``keep_episodes``) first, and
    the next export would move the card to the newer one anyway. The cards come in the
    order they were first heard, oldest episode first (Anki shows new cards in the order
    they were added).
    """

    def __init__(self, name: str, base_url: str = "") -> None:
        self.name = name
        self.base_url = base_url.rstrip("/")
        # A deck id of its own per show, stable: a re-import lands in the same deck.
        deck_id = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:12], 16)
        self.deck = genanki.Deck(deck_id, name)
        self.summary = DeckSummary()
        self._media = tempfile.TemporaryDirectory(prefix="vnmedia-cards-")
        self._sounds: list[str] = []
        self._notes: dict[str, genanki.Note] = {}
        self._first_heard: dict[str, tuple[int, int]] = {}
        """Where each card was first heard: (minus how many episodes were added up to its
        oldest one, its place in that episode); sorted, the oldest episode's come first."""

    def add_episode(self, manifest: EpisodeManifest, mp3: Path) -> None:
        """A note for each sentence pair of the episode, and for each of its words worth
        learning (its manifest's ``words``, with the sentence they appear in), but those a
        newer episode added before it.

        An episode whose audio cannot be cut is left out whole (and named in the summary).
        """
        notes: dict[str, genanki.Note] = {}
        heard_here: dict[str, None] = {}  # every card of this episode, in the order heard
        try:
            with soundfile.SoundFile(mp3) as audio:
                cut = _Cutter(audio, manifest, Path(self._media.name))
                sentences = sentences_of(manifest)
                for sentence in sentences:
                    vietnamese = sentence.vietnamese.text or ""
                    guid = genanki.guid_for(
                        "vnmedia sentence", _article_key(manifest, sentence), vietnamese
                    )
                    heard_here.setdefault(guid)
                    if guid in notes or guid in self._notes:  # said twice: one card
                        continue
                    fields = [
                        vietnamese,
                        cut.sound(sentence.vietnamese),
                        sentence.english.text or "",
                        cut.sound(sentence.english),
                    ]
                    notes[guid] = self._note(SENTENCE_MODEL, fields, guid, manifest, sentence)
                for word in manifest.words:
                    guid = genanki.guid_for("vnmedia word", word["word"])
                    heard = _heard_in(sentences, str(word["sentence"]))
                    if heard is None:
                        continue  # a word is learnt from a sentence heard
                    heard_here.setdefault(guid)
                    if guid in notes or guid in self._notes:
                        continue  # and once
                    fields = [
                        word["word"],
                        word.get("english") or "",
                        heard.vietnamese.text or "",
                        cut.sound(heard.vietnamese),
                    ]
                    notes[guid] = self._note(WORD_MODEL, fields, guid, manifest, heard)
        except (soundfile.LibsndfileError, AudioError, RuntimeError, OSError) as exc:
            self.summary.skipped.append(f"{mp3.name}: its audio cannot be cut ({exc})")
            return
        self.summary.episodes += 1
        for place, guid in enumerate(heard_here):  # an older episode comes later: it wins
            self._first_heard[guid] = (-self.summary.episodes, place)
        self._notes.update(notes)
        for note in notes.values():
            if note.model is WORD_MODEL:
                self.summary.words += 1
            else:
                self.summary.sentences += 1
        self._sounds += cut.written

    def write(self, path: Path) -> DeckSummary:
        """Write the ``.apkg`` (whole or not at all) and return what it holds."""
        for guid in sorted(self._notes, key=self._first_heard.__getitem__):
            self.deck.add_note(self._notes[guid])
        package = genanki.Package(self.deck, media_files=self._sounds)
        with atomic_path(path) as temporary:
            package.write_to_file(str(temporary))
        self.summary.sounds = len(self._sounds)
        self._media.cleanup()
        return self.summary

    def _note(
        self,
        model: genanki.Model,
        fields: list[str],
        guid: str,
        manifest: EpisodeManifest,
        sentence: Sentence,
    ) -> genanki.Note:
        """A note of ``fields``, then the article's title, date and link, with its tags."""
        title = _article(manifest, sentence)["title"]
        tags = ["vnmedia", slugify(self.name) or "vnmedia", slugify(title, max_length=60)]
        fields = [_html(f) for f in fields] + self._source(manifest, sentence)
        return genanki.Note(model=model, fields=fields, guid=guid, tags=tags)

    def _source(self, manifest: EpisodeManifest, sentence: Sentence) -> list[str]:
        """Title, date and link of the article a sentence comes from."""
        article = _article(manifest, sentence)
        link = article.get("url") or f"{self.base_url}/episodes/{manifest.audio}"
        return [_html(article["title"]), manifest.published[:10], _html(link)]


def _heard_in(sentences: list[Sentence], text: str) -> Sentence | None:
    """The sentence pair (or paragraph) where a sentence of the article is heard."""
    return next(
        (s for s in sentences if s.vietnamese.text and text in s.vietnamese.text),
        next((s for s in sentences if s.vietnamese.text and s.vietnamese.text in text), None),
    )


def _article(manifest: EpisodeManifest, sentence: Sentence) -> dict[str, str]:
    """The article a sentence belongs to: a bulletin's n-th, or the episode itself."""
    if manifest.articles and 0 < sentence.article <= len(manifest.articles):
        return dict(manifest.articles[sentence.article - 1])
    return {"title": manifest.title, "url": manifest.url or ""}


def _article_key(manifest: EpisodeManifest, sentence: Sentence) -> str:
    """What names an article across builds: its URL, else its title."""
    article = _article(manifest, sentence)
    return article.get("url") or article["title"]


def _html(text: str) -> str:
    """A field's text as Anki shows it (HTML); ``[sound:…]`` references pass unchanged."""
    if text.startswith("[sound:"):
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Cutter:
    """Cuts segments out of an episode's audio into small MP3 files for the deck."""

    def __init__(self, audio: soundfile.SoundFile, manifest: EpisodeManifest, folder: Path):
        self.audio, self.manifest, self.folder = audio, manifest, folder
        self.written: list[str] = []
        self._names: dict[tuple[int, int], str] = {}

    def sound(self, segment: SegmentTiming) -> str:
        """An Anki sound reference to the segment's audio (cut once per episode)."""
        span = (segment.start_ms, segment.end_ms)
        if span not in self._names:
            # Named by the episode's recipe and the span: a rebuilt episode brings new
            # files (Anki keeps media by name), an unchanged one the same.
            digest = hashlib.sha256(
                f"{self.manifest.fingerprint}|{self.manifest.slug}|{span}".encode()
            ).hexdigest()[:20]
            name = f"vnmedia-{digest}.mp3"
            self._write(self.folder / name, *span)
            self.written.append(str(self.folder / name))
            self._names[span] = name
        return f"[sound:{self._names[span]}]"

    def _write(self, path: Path, start_ms: int, end_ms: int) -> None:
        rate = self.audio.samplerate
        start, stop = rate * start_ms // 1000, rate * end_ms // 1000
        self.audio.seek(start)
        samples = self.audio.read(stop - start, dtype="int16", always_2d=True)[:, 0]
        if len(samples) < (stop - start) * 0.9:
            raise AudioError(f"the episode ends before {end_ms} ms")
        buffer = io.BytesIO()
        soundfile.write(buffer, np.ascontiguousarray(samples), rate, format="MP3")
        path.write_bytes(buffer.getvalue())


def write_deck(
    episodes: Iterable[tuple[EpisodeManifest, Path]],
    path: Path,
    *,
    name: str,
    base_url: str = "",
) -> DeckSummary:
    """An Anki package of ``episodes`` (manifest and MP3, newest first) at ``path``."""
    deck = StudyDeck(name, base_url)
    for manifest, mp3 in episodes:
        deck.add_episode(manifest, mp3)
    return deck.write(path)


def write_study_deck(
    settings: Settings,
    path: Path | None = None,
    listed: list[tuple[EpisodeManifest, Path]] | None = None,
) -> tuple[Path, DeckSummary]:
    """The deck of the episodes the feed lists (``listed``, newest first as
    :func:`listed_episodes` gives them, read from the output folder by default), named
    after the show; at ``path`` or ``OUTPUT/cards.apkg``. Nothing is spoken again."""
    output = Path(settings.output)
    target = path or output / DECK_FILE
    episodes = listed if listed is not None else listed_episodes(settings)
    summary = write_deck(episodes, target, name=settings.show_title, base_url=settings.base_url)
    return target, summary
