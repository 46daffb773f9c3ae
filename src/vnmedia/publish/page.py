"""``index.html``: every episode with a player and its bilingual transcript.

One self-contained file (inline CSS and script, relative links only): it works from
``file://`` and from any static server, and makes no request outside the output folder.
The paragraph being spoken is highlighted as the audio plays; clicking one seeks to it.
Each title is shown once: its spoken Vietnamese is the heading (an episode's, or a
bulletin's story's), its English beside it. Every episode shows its date, its length and a
download link; every article read from the web links to its original.
All article text is HTML-escaped: a ``<script>`` in an article is shown, never run.
"""

from __future__ import annotations

import json
from html import escape

from ..models import EpisodeManifest, SegmentTiming
from ..settings import Settings
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
.caption{min-height:1.4em;margin:.25rem 0 .5rem;font-style:italic;color:#345}
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
  audio.addEventListener('timeupdate', function () { show(audio.currentTime); });
  audio.addEventListener('seeked', function () { show(audio.currentTime); });
  segments.forEach(function (s) {
    s.addEventListener('click', function () {
      audio.currentTime = parseFloat(s.dataset.start);
      show(audio.currentTime);
      audio.play();
    });
  });
});
"""


def _segment(segment: SegmentTiming, tag: str = "div") -> str:
    """One language's side of a unit; ``tag`` makes a title's Vietnamese its heading."""
    label = f'<span class="lang">{segment.lang.upper()}</span>'
    if not segment.text or segment.end_ms <= segment.start_ms:
        return f'<div class="seg missing" lang="{segment.lang}">{label}(no translation)</div>'
    timed = ""
    if segment.words:  # the engine timed its words: the caption line follows phrase by phrase
        cues = [[c.start_ms / 1000, c.end_ms / 1000, c.text] for c in phrases(segment)]
        timed = f' data-phrases="{escape(json.dumps(cues, ensure_ascii=False), quote=True)}"'
    return (
        f'<{tag} class="seg" lang="{segment.lang}" data-start="{segment.start_ms / 1000:.3f}" '
        f'data-end="{segment.end_ms / 1000:.3f}"{timed}>{label}{escape(segment.text)}</{tag}>'
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
    seconds = round(manifest.duration_ms / 1000)
    hours, minutes = divmod(seconds // 60, 60)
    length = f"{hours}:{minutes:02}:{seconds % 60:02}" if hours else f"{minutes}:{seconds % 60:02}"
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
            rows.append(f'<div class="unit"><div class="section">{escape(section)}</div></div>')
        cells = "".join(_segment(s) for s in segments)
        rows.append(f'<div class="unit {kind}">{cells}</div>')
    return (
        f'<article id="{escape(manifest.slug)}">{heading or f"<h2>{escape(manifest.title)}</h2>"}'
        f"{_meta(manifest)}{_original(manifest.url)}"
        f'<audio controls preload="metadata" src="episodes/{escape(manifest.audio)}"></audio>'
        '<p class="caption" aria-live="polite"></p>'
        f"{''.join(rows)}</article>"
    )


def build_page(
    settings: Settings, manifests: list[EpisodeManifest], cover_name: str = "cover.png"
) -> str:
    """The HTML page for ``manifests``, newest first."""
    newest_first = sorted(manifests, key=lambda m: (m.published, m.slug), reverse=True)
    episodes = "\n".join(_episode(m) for m in newest_first)
    return (
        '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(settings.show_title)}</title><style>{_STYLE}</style></head><body>"
        f'<header><img src="{cover_name}" alt=""><div><h1>{escape(settings.show_title)}</h1>'
        f"<p>{escape(settings.show_description)}</p>"
        '<p><a href="feed.xml">Podcast feed (RSS)</a></p></div></header>'
        f"{episodes or '<p>No episodes yet.</p>'}"
        f"<script>{_SCRIPT}</script></body></html>\n"
    )
