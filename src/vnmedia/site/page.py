"""``index.html``: every episode with a player and its bilingual transcript.

One self-contained file (inline CSS and script, relative links only): it works from
``file://`` and from any static server, and makes no request outside the output folder.
The paragraph being spoken is highlighted as the audio plays; clicking one (or Enter on it)
seeks to it. Each title is shown once: its spoken Vietnamese is the heading (an episode's,
or a bulletin's story's), its English beside it. Every episode shows its date, its length
and a download link; every article read from the web links to its original. For learners,
each episode has a toolbar: playback speed (0.75×, 1×, 1.25×, the pitch kept by the
browser), repeat the sentence being spoken, hide the English (to test oneself), and its
words worth learning, each a button that plays the sentence it is in; all of it buttons
reached with Tab. All article text is HTML-escaped: a ``<script>`` in an article is shown,
never run.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape

from ..models import EpisodeManifest, SegmentTiming
from ..settings import Settings
from .feed import clock, disclosure
from .layout import FEED_FILE
from .transcripts import phrases

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1d2733}
header{display:flex;gap:1rem;align-items:center}header img{width:96px;height:96px;border-radius:8px}
article{border-top:1px solid #ccd;padding:1rem 0}audio{width:100%;position:sticky;top:0;z-index:1}
.unit{display:grid;grid-template-columns:1fr 1fr;gap:1rem;margin:.5rem 0}
.seg{cursor:pointer;padding:.25rem .5rem;border-radius:6px;border-left:4px solid transparent}
.seg:hover{background:#eef3fb}.seg.active{background:#fff3cd;border-left-color:#f4b840}
.seg.missing{color:#889;font-style:italic;cursor:default}.title .seg{font-weight:600}
h2.seg{font-size:1.5rem;margin:0}h3.seg{font-size:1.17rem;margin:0}
.meta,.source{color:#567;font-size:.9rem;margin:.25rem 0}
.section{grid-column:1/3;font-size:.9rem;text-transform:uppercase;color:#567;margin-top:.75rem}
.lang{font-size:.75rem;color:#678;margin-right:.4rem}
.disclosure{font-size:.85rem;color:#567}
.caption{min-height:1.4em;margin:.25rem 0 .5rem;font-style:italic;color:#345}
.study{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.5rem 0}
.study button{font:inherit;font-size:.9rem;padding:.2rem .6rem;border:1px solid #99a;
border-radius:6px;background:#fff;cursor:pointer}
.study button[aria-pressed=true]{background:#1d2733;color:#fff}
button:focus-visible,.seg:focus-visible,summary:focus-visible{outline:3px solid #f4b840}
.hide-en .seg[lang=en]{color:transparent;background:#e8ecf2}
.hide-en .seg[lang=en] .lang{color:#678}
.words ul{list-style:none;padding:0;columns:2}.words li{margin:.2rem 0;break-inside:avoid}
.words button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;
color:#14539a;text-decoration:underline}.words .rare{font-size:.8rem;color:#678}
"""

_SCRIPT = """
document.querySelectorAll('article').forEach(function (episode) {
  var audio = episode.querySelector('audio');
  var segments = Array.prototype.slice.call(episode.querySelectorAll('.seg[data-start]'));
  var current = null;
  var caption = episode.querySelector('.caption');
  function show(time) {
    var found = null;
    segments.forEach(function (s) {
      if (time >= parseFloat(s.dataset.start) && time < parseFloat(s.dataset.end)) { found = s; }
    });
    var said = '';
    if (found && found.dataset.phrases) {
      JSON.parse(found.dataset.phrases).forEach(function (p) {
        if (time >= p[0] && time < p[1]) { said = p[2]; }
      });
    }
    if (caption.textContent !== said) { caption.textContent = said; }
    if (found === current) { return; }
    if (current) { current.classList.remove('active'); }
    if (found) { found.classList.add('active'); }
    current = found;
  }
  function playFrom(seconds) {
    audio.currentTime = seconds;
    show(audio.currentTime);
    audio.play();
  }
  audio.addEventListener('timeupdate', function () { show(audio.currentTime); });
  audio.addEventListener('seeked', function () { show(audio.currentTime); });
  segments.forEach(function (s) {
    s.addEventListener('click', function () { playFrom(parseFloat(s.dataset.start)); });
    s.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); s.click(); }
    });
  });
  var rates = Array.prototype.slice.call(episode.querySelectorAll('[data-rate]'));
  rates.forEach(function (b) {
    b.addEventListener('click', function () {
      audio.playbackRate = parseFloat(b.dataset.rate);
      rates.forEach(function (o) { o.setAttribute('aria-pressed', String(o === b)); });
    });
  });
  var heard = null;  // the sentence being spoken, or the last one that was
  audio.addEventListener('timeupdate', function () { if (current) { heard = current; } });
  episode.querySelector('.repeat').addEventListener('click', function () {
    var again = current || heard;
    if (again) { playFrom(parseFloat(again.dataset.start)); }
  });
  var hide = episode.querySelector('.hide-english');
  hide.addEventListener('click', function () {
    var hidden = episode.classList.toggle('hide-en');
    hide.setAttribute('aria-pressed', String(hidden));
  });
  episode.querySelectorAll('[data-seek]').forEach(function (b) {
    b.addEventListener('click', function () { playFrom(parseFloat(b.dataset.seek)); });
  });
});
"""

_TOOLBAR = (
    '<div class="study" role="toolbar" aria-label="Học / Study">'
    '<span class="lang">Tốc độ / Speed</span>'
    '<button type="button" data-rate="0.75" aria-pressed="false">0.75×</button>'
    '<button type="button" data-rate="1" aria-pressed="true">1×</button>'
    '<button type="button" data-rate="1.25" aria-pressed="false">1.25×</button>'
    '<button type="button" class="repeat">↻ Nghe lại câu / Repeat sentence</button>'
    '<button type="button" class="hide-english" aria-pressed="false">'
    "Ẩn tiếng Anh / Hide English</button></div>"
)


def _segment(segment: SegmentTiming, tag: str = "div") -> str:
    """One language's side of a unit; ``tag`` makes a title's Vietnamese its heading."""
    pace = f" ×{segment.pace:g}" if segment.pace != 1.0 else ""  # a drill's slower step
    label = f'<span class="lang">{segment.lang.upper()}{pace}</span>'
    if not segment.text or segment.end_ms <= segment.start_ms:
        return f'<div class="seg missing" lang="{segment.lang}">{label}(no translation)</div>'
    timed = ""
    if segment.words:  # the engine timed its words: the caption line follows phrase by phrase
        cues = [[c.start_ms / 1000, c.end_ms / 1000, c.text] for c in phrases(segment)]
        timed = f' data-phrases="{escape(json.dumps(cues, ensure_ascii=False), quote=True)}"'
    return (
        f'<{tag} class="seg" lang="{segment.lang}" data-start="{segment.start_ms / 1000:.3f}" '
        f'data-end="{segment.end_ms / 1000:.3f}"{timed} tabindex="0"{_ROLE.get(tag, "")}>'
        f"{label}{escape(segment.text)}</{tag}>"
    )


_ROLE = {"div": ' role="button"'}
"""A line plays from its start on Enter: a button, except a heading, which stays one."""


def _words(manifest: EpisodeManifest) -> str:
    """The episode's words worth learning, each a button playing the sentence it is in."""
    if not manifest.words:
        return ""
    heard = [s for s in manifest.segments if s.lang == "vi" and s.text and s.end_ms > s.start_ms]
    items = []
    for word in manifest.words:
        sentence = str(word.get("sentence") or "")
        where = next((s for s in heard if sentence and sentence in (s.text or "")), None)
        name = escape(str(word["word"]))
        term = (
            f'<button type="button" data-seek="{where.start_ms / 1000:.3f}" data-word="{name}" '
            f'title="{escape(sentence, quote=True)}">{name}</button>'
            if where
            else f"<strong>{name}</strong>"
        )
        english = escape(str(word.get("english") or ""))
        rare = f'<span class="rare">{float(word.get("per_million") or 0):g}/M</span>'
        items.append(f"<li>{term} — {english} {rare}</li>")
    return (
        '<details class="words"><summary>Từ đáng học / Words worth learning '
        f"({len(items)})</summary><ul>{''.join(items)}</ul></details>"
    )


def _titled_unit(segments: list[SegmentTiming], title: str, tag: str, kind: str) -> str | None:
    """The spoken title as the heading ``tag`` (its English beside it), or ``None`` when
    these segments do not speak ``title``."""
    if not any(s.lang == "vi" and s.text == title and s.end_ms > s.start_ms for s in segments):
        return None
    cells = "".join(_segment(s, tag if s.lang == "vi" else "div") for s in segments)
    return f'<div class="unit {kind}">{cells}</div>'


def _original(url: str | None) -> str:
    if not url:
        return ""
    return (
        f'<p class="source"><a href="{escape(url, quote=True)}" rel="noopener">'
        "Bài gốc / original article</a></p>"
    )


def _meta(manifest: EpisodeManifest) -> str:
    """Date, length and a download link."""
    length = clock(round(manifest.duration_ms / 1000), minute_digits=1)
    day = manifest.published[:10]
    date = f'<time datetime="{escape(day, quote=True)}">{escape(day)}</time> · ' if day else ""
    audio = escape(manifest.audio, quote=True)
    return (
        f'<p class="meta">{date}<span class="duration">{length}</span> · '
        f'<a href="episodes/{audio}" download>Tải về / download MP3</a></p>'
    )


def _episode(manifest: EpisodeManifest) -> str:
    units: dict[tuple[int, str, int], list[SegmentTiming]] = {}
    for segment in manifest.segments:
        units.setdefault((segment.article, segment.kind, segment.index), []).append(segment)
    grouped = list(units.items())
    # The episode's spoken title is its heading; a title derived and not spoken, a plain one.
    heading = None
    if grouped and grouped[0][0][1] == "title":
        heading = _titled_unit(grouped[0][1], manifest.title, "h2", "title")
    if heading:
        grouped.pop(0)
    rows = []
    section = None
    stories = dict(enumerate(manifest.articles, 1))
    story = 0
    for (article, kind, _), segments in grouped:
        if article != story and article in stories:  # a bulletin's next article
            story = article
            title = stories[article]["title"]
            spoken = _titled_unit(segments, title, "h3", "title story") if kind == "title" else None
            rows.append(spoken or f'<h3 class="story">{escape(title)}</h3>')
            rows.append(_original(stories[article].get("url")))
            if spoken:
                continue
        if segments[0].section and segments[0].section != section:
            section = segments[0].section
            if segments[0].text != section:  # a spoken subheading is its own row already
                rows.append(f'<div class="unit"><div class="section">{escape(section)}</div></div>')
        cells = "".join(_segment(s) for s in segments)
        # A drill plays more than two steps per sentence: one row per sentence still.
        steps = max(Counter(s.sentence for s in segments).values())
        wide = f' style="grid-template-columns:repeat({steps},1fr)"' if steps > 2 else ""
        rows.append(f'<div class="unit {kind}"{wide}>{cells}</div>')
    return (
        f'<article id="{escape(manifest.slug)}">{heading or f"<h2>{escape(manifest.title)}</h2>"}'
        f"{_meta(manifest)}{_original(manifest.url)}"
        f'<audio controls preload="metadata" src="episodes/{escape(manifest.audio)}"></audio>'
        '<p class="caption" aria-live="polite"></p>'
        f"{_TOOLBAR}{_words(manifest)}{''.join(rows)}</article>"
    )


def build_page(
    settings: Settings,
    manifests: list[EpisodeManifest],
    cover_name: str = "cover.png",
    deck_name: str | None = None,
) -> str:
    """The HTML page for ``manifests``, newest first (with a link to the Anki deck
    ``deck_name`` when there is one)."""
    deck = (
        f' · <a href="{escape(deck_name, quote=True)}" download>Thẻ Anki / Anki flashcards</a>'
        if deck_name
        else ""
    )
    newest_first = sorted(manifests, key=lambda m: (m.published, m.slug), reverse=True)
    episodes = "\n".join(_episode(m) for m in newest_first)
    about = disclosure(manifests)
    told = f'<p class="disclosure">{escape(about)}</p>' if about else ""
    return (
        '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(settings.show_title)}</title><style>{_STYLE}</style></head><body>"
        f'<header><img src="{cover_name}" alt=""><div><h1>{escape(settings.show_title)}</h1>'
        f"<p>{escape(settings.show_description)}</p>{told}"
        f'<p><a href="{FEED_FILE}">Podcast feed (RSS)</a>{deck}</p></div></header>'
        f"{episodes or '<p>No episodes yet.</p>'}"
        f"<script>{_SCRIPT}</script></body></html>\n"
    )
