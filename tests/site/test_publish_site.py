"""`vnmedia publish DEST`: what listeners need and nothing else, incremental, ordered so that
the feed never names a missing file, to a folder and to a real S3 server (moto's)."""

from __future__ import annotations

import socket
from pathlib import Path

import fsspec
import pytest
from click.testing import CliRunner
from lxml import etree

from vnmedia import build, load_settings
from vnmedia.cli import cli
from vnmedia.errors import PublishError
from vnmedia.publish import publish
from vnmedia.publish.sync import RECORD_FILE
from vnmedia.site.rebuild import publish_site

from fake_engines import FakeTranslator, FakeTTS, write_article

BASE = "https://podcast.example.vn/show"


def make_site(tmp_path: Path, titles: list[str], **flags: object):
    for n, title in enumerate(titles):
        write_article(
            tmp_path / "in", f"{n}.txt", title, f"Đoạn một của bài {n}.", f"Đoạn hai của bài {n}."
        )
    settings = load_settings(
        inputs=(str(tmp_path / "in"),),
        output=str(tmp_path / "out"),
        tts=FakeTTS.name,
        translator=FakeTranslator.name,
        base_url=BASE,
        **flags,
    )
    build(settings)
    return settings


def named_by_feed(feed: bytes) -> set[str]:
    """Every file of the site the feed points listeners to (enclosures, transcripts,
    chapters, cover), relative to the site."""
    root = etree.fromstring(feed)
    urls = [e.get("url") for e in root.iter() if e.get("url")]
    urls += [e.get("href") for e in root.iter() if e.get("href", "").startswith(BASE)]
    return {u[len(BASE) + 1 :] for u in urls if u.startswith(BASE + "/") and "index.html" not in u}


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_publish_sends_what_listeners_need_once(tmp_path, fakes):
    settings = make_site(tmp_path, ["Bài thứ nhất", "Bài thứ hai"])
    dest = tmp_path / "www"

    first = publish(settings, str(dest))

    sent = [f.path for f in first.send]
    assert set(sent) == files_under(dest) - {RECORD_FILE}
    assert files_under(dest) == {
        RECORD_FILE,
        "feed.xml",
        "index.html",
        "cover.png",
        *(
            f"episodes/{slug}{suffix}"
            for slug in ("bai-thu-nhat", "bai-thu-hai")
            for suffix in (
                ".mp3",
                ".vtt",
                ".vi.vtt",
                ".en.vtt",
                ".vi.srt",
                ".en.srt",
                ".chapters.json",
            )
        ),
    }
    # Media first, then the cover and the page, the feed last.
    assert sent[-3:] == ["cover.png", "index.html", "feed.xml"]
    assert all(p.startswith("episodes/") for p in sent[:-3])
    assert named_by_feed((dest / "feed.xml").read_bytes()) <= files_under(dest)
    assert (dest / "episodes" / "bai-thu-nhat.mp3").read_bytes() == (
        tmp_path / "out" / "episodes" / "bai-thu-nhat.mp3"
    ).read_bytes()

    second = publish(settings, str(dest))
    assert second.send == [] and len(second.unchanged) == len(sent)


def test_dropped_episodes_leave_after_the_feed_and_dry_run_sends_nothing(tmp_path, fakes):
    settings = make_site(tmp_path, ["Bài thứ nhất", "Bài thứ hai"])
    dest = tmp_path / "www"
    publish(settings, str(dest))
    # Only the newest episode is kept now: its page and feed change, the other's files go.
    newest = settings.with_overrides(keep_episodes=1)
    publish_site(newest)
    kept = {
        Path(p).name.split(".")[0]
        for p in named_by_feed((tmp_path / "out" / "feed.xml").read_bytes())
        if "/" in p
    }
    (dropped,) = {"bai-thu-nhat", "bai-thu-hai"} - kept

    result = CliRunner().invoke(
        cli,
        ["publish", str(dest), "-o", str(tmp_path / "out"), "--keep-episodes", "1", "--dry-run"],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "send index.html" in result.output and "send feed.xml" in result.output
    assert sum(line.startswith("delete episodes/") for line in lines) == 7
    assert f"delete episodes/{dropped}.mp3" in lines
    assert (dest / "episodes" / f"{dropped}.mp3").is_file()  # a dry run deletes nothing

    plan = publish(newest, str(dest))
    assert [f.path for f in plan.send] == ["index.html", "feed.xml"]
    assert len(plan.delete) == 7
    assert named_by_feed((dest / "feed.xml").read_bytes()) <= files_under(dest)
    assert [p for p in files_under(dest) if p.endswith(".mp3")] == [f"episodes/{kept.pop()}.mp3"]


class Crash(Exception):
    """The publish 'dies' here."""


def crashing_opener(after: int):
    """An fsspec local filesystem that dies at its ``after``-th write, move or delete."""
    count = [0]

    def opener(url: str):
        fs, root = fsspec.core.url_to_fs(url)

        class Dying(type(fs)):  # type: ignore[misc]
            def _step(self):
                count[0] += 1
                if count[0] > after:
                    raise Crash(f"killed at step {after}")

            def put_file(self, *args, **kwargs):
                self._step()
                return super().put_file(*args, **kwargs)

            def pipe_file(self, *args, **kwargs):
                self._step()
                return super().pipe_file(*args, **kwargs)

            def mv(self, *args, **kwargs):
                self._step()
                return super().mv(*args, **kwargs)

            def rm_file(self, *args, **kwargs):
                self._step()
                return super().rm_file(*args, **kwargs)

        return Dying(skip_instance_cache=True), root

    return opener


def consistent(dest: Path) -> bool:
    """Every file the feed at ``dest`` names is there, complete."""
    feed = dest / "feed.xml"
    if not feed.is_file():
        return True
    return named_by_feed(feed.read_bytes()) <= files_under(dest)


def test_a_publish_stopped_at_any_point_leaves_a_consistent_site(tmp_path, fakes):
    settings = make_site(tmp_path, ["Bài thứ nhất", "Bài thứ hai", "Bài thứ ba"])
    second_day = settings.with_overrides(keep_episodes=2)
    # Count the steps of a publish from a published site to the next day's.
    steps = 0
    while True:
        dest = tmp_path / f"www{steps}"
        publish(settings, str(dest))
        publish_site(second_day)
        try:
            publish(second_day, str(dest), opener=crashing_opener(steps))
        except Crash:
            assert consistent(dest), f"stopped at step {steps}"
            # The next publish finishes the job.
            publish(second_day, str(dest))
            assert consistent(dest)
            assert len([p for p in files_under(dest) if p.endswith(".mp3")]) == 2
            publish_site(settings)  # back to three episodes for the next round
            steps += 1
            continue
        publish_site(settings)
        break
    assert steps >= 10  # every send, rename, record write and delete was a stopping point


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def s3(monkeypatch):
    """A real S3 endpoint (moto's standalone server) on 127.0.0.1, reached through s3fs."""
    pytest.importorskip("s3fs")
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    import s3fs

    s3fs.S3FileSystem.clear_instance_cache()
    yield s3fs.S3FileSystem(anon=False)
    s3fs.S3FileSystem.clear_instance_cache()
    server.stop()


def test_publish_to_a_real_s3_server(tmp_path, fakes, s3):
    settings = make_site(tmp_path, ["Bài thứ nhất", "Bài thứ hai"])
    with pytest.raises(PublishError, match="refuses.*nothing was sent"):
        publish(settings, "s3://no-such-bucket/show")

    s3.mkdir("podcast")
    first = publish(settings, "s3://podcast/show")
    keys = {k.split("/", 2)[2] for k in s3.find("podcast/show")}
    assert keys == {f.path for f in first.send} | {RECORD_FILE}
    assert "feed.xml" in keys and not any(".cache" in k or "report" in k for k in keys)
    assert (
        s3.cat_file("podcast/show/episodes/bai-thu-hai.mp3")
        == (tmp_path / "out" / "episodes" / "bai-thu-hai.mp3").read_bytes()
    )

    second = publish(settings, "s3://podcast/show")
    assert second.send == []


def test_build_then_publish_in_one_command_warns_about_an_unset_base_url(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Bài thứ nhất", "Đoạn một.", "Đoạn hai.")
    dest = tmp_path / "www"
    engines = ["--tts", FakeTTS.name, "--translator", FakeTranslator.name]
    command = ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), *engines]

    result = CliRunner(mix_stderr=False).invoke(cli, [*command, "--publish", str(dest)])

    assert result.exit_code == 0, result.stderr
    assert "set base_url" in result.stderr
    assert (dest / "feed.xml").is_file() and (dest / "episodes" / "bai-thu-nhat.mp3").is_file()
    assert not (dest / ".cache").exists() and not (dest / "report.json").exists()
    # A refusing destination: a one-line error, exit 7, nothing sent.
    (tmp_path / "blocked").write_text("a file, not a folder")
    refused = CliRunner(mix_stderr=False).invoke(
        cli, ["publish", str(tmp_path / "blocked" / "x"), "-o", str(tmp_path / "out")]
    )
    assert refused.exit_code == 7
    (error,) = [line for line in refused.stderr.splitlines() if "error" in line]
    assert error.startswith("vnmedia: error: ") and error.endswith("nothing was sent")
