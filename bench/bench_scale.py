"""Benchmarks: vnmedia against the floor, against a naive script, on Dask, online, in memory.

    .venv/bin/python bench/bench_scale.py [floor naive dask online memory] [--corpus DIR]

Every result is a ratio of two timings taken in the same run on the same machine, so it
can be compared across machines; absolute seconds are printed for context only.

1. floor  — cold offline build of the corpus articles vs the work that cannot be avoided:
            bare espeak synthesis of the same spoken texts + one MP3 encode of the audio.
2. naive  — the script a user would write: synthesize each paragraph to its own WAV file,
            join the files with ffmpeg into an MP3.
3. dask   — the corpus on a Dask LocalCluster with 2 workers vs 1 worker.
4. online — a fake Google (faked HTTP layer, 200 ms latency, 10 requests/s enforced):
            achieved request rate and failures.
5. memory — peak RSS of building a 2-hour episode, and how it grows from 15 minutes
            (``--minutes 15,30,60,120,360`` adds a 6-hour one).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"


def cold_build(inputs: Path, output: Path, **flags: object) -> tuple[float, dict]:
    from vnmedia import build, load_settings

    shutil.rmtree(output, ignore_errors=True)
    settings = load_settings(
        inputs=(str(inputs),),
        output=str(output),
        tts="espeak",
        translator="none",
        order="vi",
        no_cache=True,
        **flags,
    )
    started = time.perf_counter()
    report = build(settings)
    return time.perf_counter() - started, report.to_dict()


def spoken_articles(inputs: Path) -> list[list[str]]:
    """The spoken texts vnmedia would synthesize for each corpus article (title first)."""
    from vnmedia.sources.files import read_sources
    from vnmedia.text.normalize import TextNormalizer

    normalizer = TextNormalizer()
    return [
        [normalizer.normalize(t, "vi") for t in [a.title, *(p.text for p in a.paragraphs)]]
        for source in read_sources([inputs])
        for a in source.articles
    ]


def floor(inputs: Path, scratch: Path) -> dict[str, float]:
    from vnmedia.codec import encode_mp3, to_segment
    from vnmedia.engines import tts_engines
    from vnmedia.models import Clip
    from vnmedia.settings import Settings

    articles = spoken_articles(inputs)
    engine = tts_engines.create("espeak", Settings())
    engine.synthesize("khởi động", "vi")  # load the library outside the timing
    synth = encode = 0.0
    for number, texts in enumerate(articles):
        started = time.perf_counter()
        pcm = b"".join(engine.synthesize(text, "vi").pcm for text in texts)
        synth += time.perf_counter() - started
        started = time.perf_counter()
        clip = Clip(pcm, 22050, "espeak")
        # At ffmpeg's defaults: an outside reference that does not move with vnmedia's choice.
        encode_mp3(to_segment(clip), scratch / f"floor-{number}.mp3", bitrate="64k", quality=None)
        encode += time.perf_counter() - started
    runs = {}
    # "balanced" is LAME's own default, what every build used before mp3_quality existed.
    for quality in ("balanced", "fast"):
        one, report = cold_build(
            inputs, scratch / "one", jobs=1, executor="threads", mp3_quality=quality
        )
        two, _ = cold_build(
            inputs, scratch / "two", jobs=2, executor="processes", mp3_quality=quality
        )
        runs[quality] = (one, two, report)
    one_job, two_jobs, report = runs["fast"]
    bare = synth + encode
    print(
        f"floor: synthesis {synth:.1f} s + one encode at ffmpeg's defaults {encode:.1f} s = "
        f"{bare:.1f} s ({len(articles)} articles)"
    )
    for quality, (one, two, _) in runs.items():
        print(
            f"vnmedia cold, mp3_quality={quality:<8} 1 job: {one:6.1f} s = {one / bare:.2f}x the "
            f"floor; 2 jobs/processes: {two:6.1f} s = {two / bare:.2f}x"
        )
    old_one, old_two, _ = runs["balanced"]
    print(
        f"fast vs balanced (before): 1 job {one_job / old_one:.2f}x, 2 jobs "
        f"{two_jobs / old_two:.2f}x (goal <= 0.7x)"
    )
    print(f"   stage seconds (1 job, fast): {report['stage_seconds']}")
    return {"floor_s": bare, "one_job_ratio": one_job / bare, "two_jobs_ratio": two_jobs / bare}


def naive(inputs: Path, scratch: Path) -> dict[str, float]:
    from vnmedia.codec import ffmpeg_path
    from vnmedia.engines import tts_engines
    from vnmedia.settings import Settings

    articles = spoken_articles(inputs)
    engine = tts_engines.create("espeak", Settings())
    started = time.perf_counter()
    for number, texts in enumerate(articles):
        folder = scratch / f"naive-{number}"
        folder.mkdir()
        listing = folder / "list.txt"
        names = []
        for index, text in enumerate(texts):
            clip = engine.synthesize(text, "vi")
            name = folder / f"{index:04}.wav"
            with wave.open(str(name), "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(clip.sample_rate)
                out.writeframes(clip.pcm)
            names.append(name)
        listing.write_text("".join(f"file '{n}'\n" for n in names))
        subprocess.run(
            [
                ffmpeg_path(),
                "-v",
                "error",
                "-y",
                "-f",
                "concat",
                "-safe",
                "0",
                "-i",
                str(listing),
                "-ac",
                "1",
                "-b:a",
                "64k",
                str(folder / "episode.mp3"),
            ],
            check=True,
        )
    script = time.perf_counter() - started
    ours, _ = cold_build(inputs, scratch / "ours")  # defaults: auto executor, all cores
    print(
        f"naive script: {script:.1f} s; vnmedia (defaults, normalization, loudness, tags, "
        f"transcripts, feed): {ours:.1f} s = {ours / script:.2f}x the script (goal <= 1.0x)"
    )
    return {"naive_s": script, "vnmedia_s": ours, "ratio": ours / script}


def dask_scaling(inputs: Path, scratch: Path) -> dict[str, float]:
    one, _ = cold_build(inputs, scratch / "dask1", jobs=1, executor="dask")
    two, _ = cold_build(inputs, scratch / "dask2", jobs=2, executor="dask")
    print(
        f"dask LocalCluster: 1 worker {one:.1f} s, 2 workers {two:.1f} s: "
        f"speed-up {one / two:.2f}x (goal >= 1.6x)"
    )
    return {"one_worker_s": one, "two_workers_s": two, "speedup": one / two}


def online(scratch: Path, limit: float = 10.0, latency: float = 0.2) -> dict[str, float]:
    import responses

    from vnmedia import build, load_settings
    from vnmedia.codec import encode_mp3, to_segment
    from vnmedia.models import Clip

    from fake_google import GOOGLE_URL, GTTS_URL, gtts_reply  # type: ignore[import-not-found]

    tone = scratch / "tone.mp3"
    import math
    from array import array

    pcm = array("h", (int(9000 * math.sin(i / 8)) for i in range(24000))).tobytes()
    encode_mp3(to_segment(Clip(pcm, 24000, "x")), tone, bitrate="32k")
    audio_reply = gtts_reply(tone.read_bytes())
    stamps: list[float] = []
    refused = [0]
    lock = threading.Lock()

    def answer(body: str):
        def callback(request):
            with lock:
                now = time.monotonic()
                recent = [s for s in stamps if s > now - 1.0]
                stamps.append(now)
                over = len(recent) >= limit
                if over:
                    refused[0] += 1
            time.sleep(latency)
            return (429, {}, "slow down") if over else (200, {}, body)

        return callback

    inputs = scratch / "online-in"
    inputs.mkdir()
    for number in range(6):
        paragraphs = "\n\n".join(
            f"Đoạn {n} của bài {number}, kể về một sự việc khác trong ngày." for n in range(1, 7)
        )
        (inputs / f"{number}.txt").write_text(
            f"Bài số {number}\n\n{paragraphs}\n", encoding="utf-8"
        )
    settings = load_settings(
        inputs=(str(inputs),),
        output=str(scratch / "online-out"),
        tts="gtts",
        translator="google",
        check=False,  # the fake's one English for every text would be doubted and re-asked
        rate=limit,
        jobs=8,
        executor="threads",
        retry_delay=0.05,
    )
    with responses.RequestsMock() as fake:
        fake.add_callback(responses.POST, GTTS_URL, callback=answer(audio_reply))
        fake.add_callback(
            responses.GET,
            GOOGLE_URL,
            callback=answer('<div class="result-container">A translated paragraph.</div>'),
        )
        started = time.perf_counter()
        report = build(settings)
        elapsed = time.perf_counter() - started
    span = stamps[-1] - stamps[0]
    rate = (len(stamps) - 1) / span
    failures = len(report.failures) + len(report.to_retry)
    print(
        f"online: {len(stamps)} requests in {span:.1f} s = {rate:.1f}/s of a {limit:.0f}/s limit "
        f"({rate / limit:.0%}, goal >= 90%); refused by the fake: {refused[0]}; "
        f"failed articles: {failures}; build {elapsed:.1f} s"
    )
    return {"rate": rate, "share": rate / limit, "refused": refused[0], "failures": failures}


MEMORY_PROBE = """
import json, resource, sys, time
from vnmedia import build, load_settings
s = load_settings(inputs=(sys.argv[1],), output=sys.argv[2], tts="espeak", translator="none",
                  order="vi", no_cache=True, jobs=1, executor="threads")
t = time.perf_counter(); r = build(s); t = time.perf_counter() - t
m = json.load(open(r.episodes_written[0][:-4] + ".json"))
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "minutes": m["duration_ms"] / 60000, "seconds": t}))
"""


def memory(scratch: Path, lengths: tuple[int, ...] = (15, 30, 60, 120)) -> dict[str, float]:
    sentences = [
        "Thành phố triển khai nhiều giải pháp để giảm ùn tắc giao thông vào giờ cao điểm",
        "người dân được khuyến khích sử dụng phương tiện công cộng và xe đạp",
        "các trường học điều chỉnh giờ vào lớp để tránh trùng với giờ đi làm",
    ]
    results = {}
    for minutes in lengths:
        folder = scratch / f"memory-{minutes}"
        folder.mkdir()
        # espeak speaks about 7.7 of these lines a minute (measured).
        count = round(minutes * 7.7)
        body = "\n\n".join(
            f"Đoạn {n}: {sentences[n % 3]}, theo ghi nhận lần thứ {n}." for n in range(1, count + 1)
        )
        (folder / "long.txt").write_text(
            f"Bản tin dài {minutes} phút\n\n{body}\n", encoding="utf-8"
        )
        run = subprocess.run(
            [
                sys.executable,
                "-c",
                MEMORY_PROBE,
                str(folder),
                str(scratch / f"memory-out-{minutes}"),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        data = json.loads(run.stdout.strip().splitlines()[-1])
        results[minutes] = data
        print(
            f"memory: {data['minutes']:6.1f} min episode: peak RSS {data['peak_mb']:7.0f} MB "
            f"(build {data['seconds']:.0f} s)"
        )
    growth = (results[120]["peak_mb"] - results[15]["peak_mb"]) / (
        results[120]["minutes"] - results[15]["minutes"]
    )
    print(
        f"memory: +{growth:.2f} MB per minute of audio from 15 min to 2 h "
        "(goals: under +0.5 MB per minute, 2 h under 400 MB)"
    )
    return {"peak_2h_mb": results[120]["peak_mb"], "mb_per_minute": growth}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="*", default=["floor", "naive", "dask", "online", "memory"])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--minutes", default="15,30,60,120", help="episode lengths for memory (15 and 120 needed)"
    )
    args = parser.parse_args()
    # conftest (fake engines) and fake_google (Google's replies) live in tests/.
    sys.path.insert(0, str(ROOT / "tests"))
    needs_corpus = {"floor", "naive", "dask"} & set(args.which)
    if needs_corpus and not args.corpus.is_dir():
        print(f"{args.corpus} not found", file=sys.stderr)
        return 1
    results = {}
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        for name in args.which:
            step = {"floor": floor, "naive": naive, "dask": dask_scaling}.get(name)
            part = scratch / name
            part.mkdir()
            if step:
                results[name] = step(args.corpus, part)
            elif name == "online":
                results[name] = online(part)
            elif name == "memory":
                lengths = tuple(int(m) for m in args.minutes.split(","))
                results[name] = memory(part, lengths)
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    sys.exit(main())
