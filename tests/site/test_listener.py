"""What listeners get: tags, chapters, loudness, transcripts, the feed and the player page.

The third-party validators (npm webvtt-parser, srt-validator, podcast-partytime; Debian
mp3val and chromium) are installed by ``.ci/run``. Without them a test is skipped, except
under CI (``CI=true``), where a missing validator is a failure.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
import wave
from array import array
from pathlib import Path

import pytest
from lxml import etree
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from vnmedia import build, load_settings
from vnmedia.audio.loudness import integrated_loudness, to_float
from vnmedia.codec import decode_file, ffmpeg_path
from vnmedia.site.check import check_show
from vnmedia.site.serve import make_server

from browser import open_page, require, validate

PROJECT = Path(__file__).resolve().parents[2]
NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped sample built for real (espeak, translation memory, loudness on)."""
    folder = tmp_path_factory.mktemp("sample")
    shutil.copytree(PROJECT / "input", folder / "input")
    (folder / "input" / "xss.txt").write_text(
        "Tin có <script>window.__xss = 1</script> trong tiêu đề\n\n"
        "Một đoạn có <b>thẻ</b> và <script>window.__xss = 2</script> bên trong.\n",
        encoding="utf-8",
    )
    # Tags in an article file are resolved when it is read; a translation may still carry
    # markup of its own, which every output must show as text, never run.
    with (folder / "input" / "translations.tsv").open("a", encoding="utf-8") as memory:
        memory.write(
            "Tin có window.__xss = 1 trong tiêu đề\t"
            "News with <script>window.__xss = 1</script> in the title\n"
            "Một đoạn có thẻ và window.__xss = 2 bên trong.\t"
            "A paragraph with <b>tags</b> and <script>window.__xss = 2</script> inside.\n"
        )
    intro = folder / "intro.wav"
    with wave.open(str(intro), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(24000)
        out.writeframes(array("h", (int(9000 * math.sin(i / 10)) for i in range(24000))).tobytes())
    settings = load_settings(
        inputs=(str(folder / "input"),),
        output=str(folder / "output"),
        memory=(str(folder / "input" / "translations.tsv"),),
        tts="espeak",
        translator="none",
        intro=str(intro),
        base_url="https://podcast.example.org/vn",
        show_title="Tin Việt song ngữ",
    )
    report = build(settings)
    assert len(report.episodes_written) == 2 and not report.failures
    return folder / "output"


def episode(sample: Path, slug: str = "da-nang-thu-vien-cong-dong-mo-cua-mien-phi-vao-cuoi-tuan"):
    mp3 = sample / "episodes" / f"{slug}.mp3"
    return mp3, json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))


# --- the MP3 -----------------------------------------------------------------------------------


def test_id3_tags_are_complete_and_read_back(sample):
    mp3, manifest = episode(sample)
    tags = ID3(str(mp3))
    assert tags.version[:2] == (2, 3)
    assert str(tags["TIT2"]) == manifest["title"]
    assert str(tags["TALB"]) == "Tin Việt song ngữ"
    assert str(tags["TPE1"]) == "vnmedia"
    assert str(tags["TDRC"]) == manifest["published"][:10]
    assert str(tags["TLAN"]) == "vie/eng"  # ID3v2.3 joins several languages with "/"
    assert str(tags["TRCK"]) == str(manifest["episode"])
    assert tags.getall("COMM")[0].text[0] == manifest["description"]
    cover = tags.getall("APIC")[0]
    assert cover.mime == "image/png" and cover.data.startswith(b"\x89PNG")
    transcript = tags.getall("USLT")[0].text
    assert "Một thư viện nhỏ bên bờ sông Hàn" in transcript and "A small library" in transcript


def test_chapters_match_the_manifest_in_mutagen_and_ffmpeg(sample):
    mp3, manifest = episode(sample)
    tags = ID3(str(mp3))
    toc = tags.getall("CTOC")[0]
    chapters = {c.element_id: c for c in tags.getall("CHAP")}
    ordered = [chapters[i] for i in toc.child_element_ids]
    assert len(ordered) == len(manifest["chapters"]) == 5  # title + 4 paragraphs
    for chap, wanted in zip(ordered, manifest["chapters"], strict=True):
        assert (chap.start_time, chap.end_time) == (wanted["start_ms"], wanted["end_ms"])
        assert str(chap.sub_frames["TIT2"]) == wanted["title"]
    assert manifest["chapters"][0]["title"] == manifest["title"]
    starts = [c["start_ms"] for c in manifest["chapters"]]
    assert (
        starts == sorted(starts) and manifest["chapters"][-1]["end_ms"] == manifest["duration_ms"]
    )
    # ffmpeg reads the same chapters (it stands in for ffprobe, which the wheel lacks).
    metadata = subprocess.run(
        [ffmpeg_path(), "-v", "error", "-i", str(mp3), "-f", "ffmetadata", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert metadata.count("[CHAPTER]") == 5
    assert f"title={manifest['chapters'][1]['title']}" in metadata


def stored_chapter_starts(mp3: Path) -> list[int]:
    """The start times of the CHAP frames in the order they are stored in the ID3v2.3 tag,
    read from the raw bytes (mutagen would hand them back as a dict)."""
    data = mp3.read_bytes()
    assert data[:3] == b"ID3" and data[3] == 3
    end = 10 + sum(byte << (7 * (3 - i)) for i, byte in enumerate(data[6:10]))  # syncsafe
    starts, at = [], 10
    while at + 10 <= end and data[at : at + 4] != b"\0\0\0\0":  # padding ends the frames
        frame_id, size = data[at : at + 4], int.from_bytes(data[at + 4 : at + 8], "big")
        if frame_id == b"CHAP":
            body = data[at + 10 : at + 10 + size]
            element_end = body.index(b"\0") + 1  # element id, then start and end in ms
            starts.append(int.from_bytes(body[element_end : element_end + 4], "big"))
        at += 10 + size
    return starts


def test_chapter_frames_are_stored_in_time_order(sample):
    # Players that read CHAP frames as stored (not through the CTOC) list them in that order;
    # mutagen on its own stores frames by size.
    counts = []
    for mp3 in sorted((sample / "episodes").glob("*.mp3")):
        manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
        starts = stored_chapter_starts(mp3)
        assert starts == sorted(starts), mp3.name
        assert starts == [c["start_ms"] for c in manifest["chapters"]], mp3.name
        counts.append(len(starts))
    assert max(counts) == 5  # title + 4 paragraphs: enough chapters for an order to show


def loudness_report(path: Path) -> dict[str, float]:
    run = subprocess.run(
        [ffmpeg_path(), "-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    summary = run.stderr[run.stderr.rindex("Summary:") :]
    values = {}
    for line in summary.splitlines():
        parts = line.split()
        if parts[:1] == ["I:"]:
            values["integrated"] = float(parts[1])
        if parts[:1] == ["Peak:"]:
            values["true_peak"] = float(parts[1])
    return values


def test_loudness_is_minus_16_lufs_with_true_peak_under_minus_1(sample):
    for mp3 in sorted((sample / "episodes").glob("*.mp3")):
        measured = loudness_report(mp3)
        assert abs(measured["integrated"] + 16) <= 1.0, (mp3.name, measured)
        assert measured["true_peak"] <= -1.0, (mp3.name, measured)


def test_both_voices_are_equally_loud(sample):
    mp3, manifest = episode(sample)
    audio = decode_file(mp3)
    levels = {}
    for lang in ("vi", "en"):
        pieces = [
            audio[s["start_ms"] : s["end_ms"]].raw_data
            for s in manifest["segments"]
            if s["lang"] == lang and s["end_ms"] > s["start_ms"]
        ]
        levels[lang] = integrated_loudness(to_float(b"".join(pieces)), audio.frame_rate)
    assert abs(levels["vi"] - levels["en"]) <= 1.0, levels


def test_header_duration_and_stream_are_sound(sample):
    for mp3 in sorted((sample / "episodes").glob("*.mp3")):
        manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
        assert MP3(str(mp3)).info.length * 1000 == pytest.approx(manifest["duration_ms"], rel=0.01)
        errors = subprocess.run(
            [ffmpeg_path(), "-v", "error", "-i", str(mp3), "-f", "null", "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        assert errors == ""
        require(shutil.which("mp3val") is not None, "mp3val (Debian)")
        checked = subprocess.run(["mp3val", str(mp3)], capture_output=True, text=True).stdout
        assert not [line for line in checked.splitlines() if line.startswith(("WARNING", "ERROR"))]


def test_intro_comes_first_with_a_fade(sample):
    mp3, manifest = episode(sample)
    audio = decode_file(mp3)
    assert manifest["segments"][0]["start_ms"] >= 1000  # after the 1 s intro and a pause
    assert audio[:50].rms < audio[400:600].rms / 3  # faded in


# --- transcripts ---------------------------------------------------------------------------------


def test_transcripts_are_valid_and_timed_from_the_real_segments(sample):
    mp3, manifest = episode(sample)
    folder, slug = mp3.parent, mp3.stem
    vtts = [folder / f"{slug}{s}" for s in (".vtt", ".vi.vtt", ".en.vtt")]
    srts = [folder / f"{slug}{s}" for s in (".vi.srt", ".en.srt")]
    results = validate("vtt", *vtts) + validate("srt", *srts)
    assert all(r["errors"] == [] for r in results), results
    spoken = [s for s in manifest["segments"] if s["end_ms"] > s["start_ms"]]
    assert [r["cues"] for r in results[:3]] == [
        len(spoken),
        sum(s["lang"] == "vi" for s in spoken),
        sum(s["lang"] == "en" for s in spoken),
    ]
    vi_vtt = (folder / f"{slug}.vi.vtt").read_text(encoding="utf-8")
    first = next(s for s in spoken if s["lang"] == "vi")
    start = f"00:00:{first['start_ms'] // 1000:02}.{first['start_ms'] % 1000:03}"
    assert f"{start} --> " in vi_vtt
    last_end = max(s["end_ms"] for s in spoken)
    assert last_end <= manifest["duration_ms"]
    chapters = json.loads((folder / f"{slug}.chapters.json").read_text(encoding="utf-8"))
    assert [c["startTime"] for c in chapters["chapters"]] == [
        c["start_ms"] / 1000 for c in manifest["chapters"]
    ]


def test_transcript_markup_is_escaped(sample):
    folder = sample / "episodes"
    (vi,) = [p for p in folder.glob("*.vi.vtt") if p.name.startswith("tin-co")]
    assert "window.__xss = 1" in vi.read_text(encoding="utf-8")  # the article's tags resolved
    assert "<script" not in vi.read_text(encoding="utf-8")
    (en,) = [p for p in folder.glob("*.en.vtt") if p.name.startswith("tin-co")]
    text = en.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in text and "<script>" not in text
    for vtt in (vi, en):
        assert validate("vtt", vtt)[0]["errors"] == []


# --- the feed ----------------------------------------------------------------------------------


def test_feed_has_show_and_items_and_passes_the_podcast_index_parser(sample):
    root = etree.parse(str(sample / "feed.xml")).getroot()
    channel = root.find("channel")
    assert channel.findtext("title") == "Tin Việt song ngữ"
    assert channel.findtext("language") == "vi"
    for tag in (
        "itunes:author",
        "itunes:owner",
        "itunes:image",
        "itunes:category",
        "itunes:explicit",
    ):
        assert channel.find(tag, NS) is not None, tag
    assert channel.find("podcast:guid", NS) is not None
    items = channel.findall("item")
    assert len(items) == 2
    dates = [item.findtext("pubDate") for item in items]
    from email.utils import parsedate_to_datetime

    assert [parsedate_to_datetime(d) for d in dates] == sorted(
        (parsedate_to_datetime(d) for d in dates), reverse=True
    )
    for item in items:
        enclosure = item.find("enclosure")
        assert enclosure.get("type") == "audio/mpeg"
        name = enclosure.get("url").rsplit("/", 1)[1]
        assert enclosure.get("url").startswith("https://podcast.example.org/vn/episodes/")
        mp3 = sample / "episodes" / name
        assert int(enclosure.get("length")) == mp3.stat().st_size
        manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
        seconds = 0  # H:MM:SS, or MM:SS under an hour
        for part in item.findtext("itunes:duration", namespaces=NS).split(":"):
            seconds = seconds * 60 + int(part)
        assert abs(seconds - manifest["duration_ms"] / 1000) <= 1
        transcripts = [
            t.get("url").rsplit("/", 1)[1] for t in item.findall("podcast:transcript", NS)
        ]
        on_disk = [
            p.name for p in sample.glob(f"episodes/{mp3.stem}.*") if p.suffix in {".vtt", ".srt"}
        ]
        assert sorted(transcripts) == sorted(on_disk) and len(on_disk) == 5
        assert item.find("podcast:chapters", NS).get("url").endswith(".chapters.json")
    (parsed,) = validate("feed", sample / "feed.xml")
    assert parsed["errors"] == [] and parsed["items"] == 2
    assert sorted(parsed["transcripts"]) == [5, 5] and parsed["chapters"] == [1, 1]


def test_guids_are_stable_across_rebuilds_and_feed_command_rebuilds(sample, tmp_path):
    before = {
        i.findtext("title"): i.findtext("guid")
        for i in etree.parse(str(sample / "feed.xml")).iter("item")
    }
    copy = tmp_path / "output"
    shutil.copytree(sample, copy)
    (copy / "feed.xml").unlink()
    (copy / "index.html").unlink()
    from click.testing import CliRunner

    from vnmedia.cli import cli

    result = CliRunner(mix_stderr=False).invoke(
        cli, ["feed", "-o", str(copy), "--base-url", "https://podcast.example.org/vn"]
    )
    assert result.exit_code == 0, result.stderr
    assert "2 episode(s)" in result.stderr
    after = {
        i.findtext("title"): i.findtext("guid")
        for i in etree.parse(str(copy / "feed.xml")).iter("item")
    }
    assert after == before
    assert (copy / "index.html").is_file()


def test_serve_answers_range_requests(sample):
    server = make_server(sample, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        mp3 = next((sample / "episodes").glob("*.mp3"))
        url = f"http://127.0.0.1:{server.server_port}/episodes/{mp3.name}"
        request = urllib.request.Request(url, headers={"Range": "bytes=100-199"})
        with urllib.request.urlopen(request, timeout=10) as reply:
            assert reply.status == 206
            assert reply.headers["Content-Range"] == f"bytes 100-199/{mp3.stat().st_size}"
            assert reply.read() == mp3.read_bytes()[100:200]
        with urllib.request.urlopen(
            f"http://127.0.0.1:{server.server_port}/index.html", timeout=10
        ) as page:
            assert b"<audio" in page.read()
        # What is the producer's alone is not served: cache, lock, report, listings.
        (sample / ".cache" / "clip").mkdir(parents=True, exist_ok=True)
        (sample / ".cache" / "clip" / "x.wav").write_bytes(b"RIFF")
        (sample / "report.json").write_text("{}")
        for private in ("/.cache/clip/x.wav", "/report.json", "/episodes/", "/.vnmedia.lock"):
            with pytest.raises(urllib.error.HTTPError, match="404"):
                urllib.request.urlopen(
                    f"http://127.0.0.1:{server.server_port}{private}", timeout=10
                )
    finally:
        server.shutdown()
        server.server_close()


# --- the page, in a real browser -----------------------------------------------------------------


def test_player_page_highlights_seeks_and_escapes(sample, tmp_path):
    outside: list[str] = []
    with open_page(sample / "index.html", outside) as page:
        assert page.title() == "Tin Việt song ngữ"
        # The <script> in the article is shown as text and never ran.
        assert page.evaluate("window.__xss") is None
        assert "<script>window.__xss = 1</script>" in page.inner_text("body")
        selector = "article#da-nang-thu-vien-cong-dong-mo-cua-mien-phi-vao-cuoi-tuan"
        library = page.locator(selector)
        segments = library.locator(".seg[data-start]")
        assert segments.count() == 10
        # The title once: its spoken Vietnamese is the heading (no bold first row under it).
        title = "Đà Nẵng: Thư viện cộng đồng mở cửa miễn phí vào cuối tuần"
        assert library.inner_text().count(title) == 1
        assert library.locator("h2").inner_text().removeprefix("VI").strip() == title
        assert segments.first.evaluate("el => el.tagName") == "H2"
        # Click the third paragraph's English side: the audio seeks there and it lights up.
        target = segments.nth(7)
        start = float(target.get_attribute("data-start"))
        target.click()
        page.wait_for_function(
            "([el, t]) => document.querySelector(el + ' audio').currentTime >= t",
            arg=[selector, start],
            timeout=10_000,
        )
        assert "active" in (target.get_attribute("class") or "")
        # Playing on: the highlight follows the audio to the next segment.
        following = segments.nth(8)
        audio = f"document.querySelector('{selector} audio')"
        page.evaluate(f"{audio}.currentTime = {float(following.get_attribute('data-start')) + 0.2}")
        page.wait_for_function(
            "el => el.classList.contains('active')", arg=following.element_handle(), timeout=10_000
        )
        assert "active" not in (target.get_attribute("class") or "")
        page.screenshot(path=str(tmp_path / "page.png"))
    assert outside == []
    assert (tmp_path / "page.png").stat().st_size > 10_000


def test_our_loudness_meter_agrees_with_pyloudnorm(sample):
    pyloudnorm = pytest.importorskip("pyloudnorm")
    mp3, _ = episode(sample)
    audio = decode_file(mp3)
    samples = to_float(audio.raw_data)
    ours = integrated_loudness(samples, audio.frame_rate)
    reference = pyloudnorm.Meter(audio.frame_rate).integrated_loudness(samples.astype("float64"))
    assert abs(ours - reference) <= 0.2


def test_the_real_sample_breaks_only_the_directory_rules_its_settings_leave_open(sample):
    # Real espeak audio after an intro: durations, lengths, transcripts, chapters and the
    # cover all pass; what is left is what the sample never set (owner) and its address.
    problems = {(p.severity, p.what.split(",")[0]) for p in check_show(str(sample))}
    assert problems == {
        ("error", "the owner's e-mail podcast@example.com is missing or a placeholder"),
        ("warning", "the owner's name is vnmedia's default"),
        ("warning", "its links point at podcast.example.org"),
    }
    feed = (sample / "feed.xml").read_text(encoding="utf-8")
    assert "The voices are synthetic (espeak)." in feed and "machine-translated" not in feed
