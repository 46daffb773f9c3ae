"""`vnmedia publish DEST`: what listeners need and nothing else, incremental, ordered so that
the feed never names a missing file, to a folder and to a real S3 server (moto's)."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import fsspec
import pytest
import requests
from click.testing import CliRunner
from lxml import etree

from vnmedia import build, load_settings
from vnmedia.cli import cli
from vnmedia.errors import ConfigError, PublishError
from vnmedia.publish import publish
from vnmedia.publish.sync import RECORD_FILE
from vnmedia.site.rebuild import publish_site

from fake_engines import FakeTranslator, FakeTTS, write_article

BASE = "https://podcast.example.vn/show"
OWNER = "podcast@baomoi.example.vn"
NO_NETWORK = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}
NO_NETWORK |= {name.lower(): value for name, value in NO_NETWORK.items()}


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
        show_owner_email=OWNER,
        show_owner_name="Báo Mới",
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
    assert set(sent) == files_under(dest)
    assert files_under(dest) == {
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

    # The record stays in the output folder (listeners never see it), and a publish that
    # sends nothing writes nothing: neither the record nor anything at the destination.
    record = tmp_path / "out" / RECORD_FILE
    stamps = {p: p.stat().st_mtime_ns for p in [record, *dest.rglob("*")]}
    second = publish(settings, str(dest))
    assert second.send == [] and len(second.unchanged) == len(sent)
    assert {p: p.stat().st_mtime_ns for p in [record, *dest.rglob("*")]} == stamps


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
        env={"VNMEDIA_SHOW_OWNER_EMAIL": OWNER, **NO_NETWORK},
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


def test_files_sent_before_a_publish_stopped_are_not_sent_again(tmp_path, fakes):
    settings = make_site(tmp_path, ["Bài thứ nhất", "Bài thứ hai"])
    dest = tmp_path / "www"
    with pytest.raises(Crash):
        publish(settings, str(dest), opener=crashing_opener(4))  # two files sent, then dies
    assert len(files_under(dest)) == 2 and not (dest / "feed.xml").exists()

    plan = publish(settings, str(dest))
    assert len(plan.unchanged) == 2 and {f.path for f in plan.unchanged} == files_under(dest) - {
        f.path for f in plan.send
    }


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
    # moto keeps its buckets in the process, across servers: each test starts with none.
    requests.post(f"http://127.0.0.1:{port}/moto-api/reset", timeout=10).raise_for_status()
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
    assert keys == {f.path for f in first.send}
    assert "feed.xml" in keys and not any(".cache" in k or "report" in k for k in keys)
    assert (
        s3.cat_file("podcast/show/episodes/bai-thu-hai.mp3")
        == (tmp_path / "out" / "episodes" / "bai-thu-hai.mp3").read_bytes()
    )

    # Each object says what it is, and how long a cache may keep it: the feed and page a
    # few minutes (apps see a new episode soon), an episode's files a week.
    import boto3

    client = boto3.client("s3")
    heads = {
        key: client.head_object(Bucket="podcast", Key=f"show/{key}")
        for key in ("feed.xml", "index.html", "episodes/bai-thu-hai.mp3", "cover.png")
    }
    assert heads["feed.xml"]["ContentType"] == "application/rss+xml"
    assert heads["episodes/bai-thu-hai.mp3"]["ContentType"] == "audio/mpeg"
    assert heads["cover.png"]["ContentType"] == "image/png"
    assert heads["feed.xml"]["CacheControl"] == "public, max-age=300"
    assert heads["index.html"]["CacheControl"] == "public, max-age=300"
    assert heads["episodes/bai-thu-hai.mp3"]["CacheControl"] == "public, max-age=604800"

    second = publish(settings, "s3://podcast/show")
    assert second.send == []


def test_a_bucket_listeners_cannot_read_fails_the_check_after_publishing(tmp_path, fakes, s3):
    """moto's server answers for the bucket's public address (requests reach it as their
    proxy, as DNS would send them to S3): anonymous reads, as an app's, with its real
    Content-Type, Content-Length and Range handling."""
    make_site(tmp_path, ["Bài thứ nhất"])
    s3.mkdir("podcast")
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    public = "http://podcast.s3.amazonaws.com/show"
    env = {
        "VNMEDIA_SHOW_OWNER_EMAIL": OWNER,
        "VNMEDIA_SHOW_OWNER_NAME": "Báo Mới",
        "HTTP_PROXY": endpoint,
        "http_proxy": endpoint,
        "NO_PROXY": "127.0.0.1",
        "no_proxy": "127.0.0.1",
    }
    command = ["publish", "s3://podcast/show", "-o", str(tmp_path / "out"), "--base-url", public]
    runner = CliRunner(mix_stderr=False)

    private = runner.invoke(cli, command, env=env)
    assert private.exit_code == 7
    assert "feed.xml answers HTTP 403: it is not public" in private.stderr
    assert "s3://podcast/show" in private.stderr.splitlines()[-1]  # it was published

    import boto3

    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::podcast/*",
            }
        ],
    }
    boto3.client("s3").put_bucket_policy(Bucket="podcast", Policy=json.dumps(policy))
    checked = runner.invoke(cli, ["check", f"{public}/feed.xml"], env=env)
    assert checked.exit_code == 0, checked.stderr
    assert "0 error(s), 0 warning(s)" in checked.stderr


def test_a_record_left_at_the_destination_by_an_older_version_is_used_then_removed(tmp_path, fakes):
    settings = make_site(tmp_path, ["Bài thứ nhất"])
    dest = tmp_path / "www"
    publish(settings, str(dest))
    # As older versions left it: the record beside the feed, none in the output folder.
    local = tmp_path / "out" / RECORD_FILE
    files = json.loads(local.read_text())["destinations"][str(dest)]["files"]
    (dest / RECORD_FILE).write_text(json.dumps(files))
    local.unlink()

    plan = publish(settings, str(dest))
    assert plan.send == []  # what it recorded is trusted: nothing is sent again
    assert not (dest / RECORD_FILE).exists() and local.is_file()


def test_a_feed_for_localhost_never_goes_out_and_a_base_url_given_once_stays(tmp_path, fakes):
    write_article(tmp_path / "in", "a.txt", "Bài thứ nhất", "Đoạn một.", "Đoạn hai.")
    dest = tmp_path / "www"
    engines = ["--tts", FakeTTS.name, "--translator", FakeTranslator.name]
    command = ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), *engines]
    runner = CliRunner(mix_stderr=False)

    # The defaults: links to localhost and the placeholder owner. Refused, with what to set.
    refused = runner.invoke(cli, [*command, "--publish", str(dest)])
    assert refused.exit_code == 7
    (error,) = [line for line in refused.stderr.splitlines() if "error" in line]
    assert "http://localhost:8000" in error and "--base-url" in error
    assert "owner_email" in error and error.endswith("nothing was sent")
    assert not dest.exists()

    # The check after publishing finds no server for the address (no request leaves this
    # machine: the proxy is a closed local port).
    owner = {"VNMEDIA_SHOW_OWNER_EMAIL": OWNER, **NO_NETWORK}
    built = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*") if p.is_file()}
    given = runner.invoke(
        cli, ["publish", str(dest), "-o", str(tmp_path / "out"), "--base-url", BASE], env=owner
    )
    assert given.exit_code == 0, given.stderr
    # Made for the address at publish time: no episode, feed or page of the output folder
    # was rewritten (only the publish record is new).
    after = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert {p: t for p, t in after.items() if p.name != RECORD_FILE} == built
    public_feed = (dest / "feed.xml").read_bytes()
    assert named_by_feed(public_feed) and named_by_feed(public_feed) <= files_under(dest)
    # The output folder's own feed is still the one `vnmedia serve` serves.
    assert b"http://localhost:8000/episodes/" in (tmp_path / "out" / "feed.xml").read_bytes()
    assert BASE.encode() not in (tmp_path / "out" / "feed.xml").read_bytes()
    assert not (dest / ".cache").exists() and not (dest / "report.json").exists()

    # The next morning's build and publish, with no base URL given: DEST keeps its own.
    write_article(tmp_path / "in", "b.txt", "Bài thứ hai", "Đoạn một.", "Đoạn hai.")
    morning = runner.invoke(cli, [*command, "--publish", str(dest)], env=owner)
    assert morning.exit_code == 0, morning.stderr
    assert "warning" not in morning.stderr and "changes from" not in morning.stderr
    assert "feed.xml does not answer from here: not checked" in morning.stderr
    feed = (dest / "feed.xml").read_bytes()
    assert b"localhost" not in feed and len(named_by_feed(feed)) > len(named_by_feed(public_feed))
    assert named_by_feed(feed) <= files_under(dest)

    # A refusing destination: a one-line error, exit 7, nothing sent.
    (tmp_path / "blocked").write_text("a file, not a folder")
    refused = runner.invoke(
        cli,
        ["publish", str(tmp_path / "blocked" / "x"), "-o", str(tmp_path / "out")],
        env={**owner, "VNMEDIA_BASE_URL": BASE},
    )
    assert refused.exit_code == 7
    (error,) = [line for line in refused.stderr.splitlines() if "error" in line]
    assert error.startswith("vnmedia: error: ") and error.endswith("nothing was sent")


@pytest.mark.parametrize(
    ("base_url", "owner", "wrong"),
    [
        ("http://127.0.0.1:8000/show", OWNER, "loopback"),
        ("http://192.168.1.20/show", OWNER, "private network"),
        ("https://podcast.example.com/show", OWNER, "placeholder"),
        ("https://media.test/show", OWNER, "placeholder"),
        ("http://nas/show", OWNER, "local-network"),
        (BASE, "podcast@example.com", "owner's e-mail"),
        (BASE, "", "owner's e-mail"),
    ],
)
def test_each_address_no_listener_can_use_is_refused(tmp_path, fakes, base_url, owner, wrong):
    settings = make_site(tmp_path, ["Bài thứ nhất"]).with_overrides(show_owner_email=owner)
    with pytest.raises(PublishError, match=wrong):
        publish(settings, str(tmp_path / "www"), base_url=base_url)
    assert not (tmp_path / "www").exists()
    assert not (tmp_path / "out" / RECORD_FILE).exists()


def test_a_show_directories_would_refuse_is_not_sent(tmp_path, fakes):
    from PIL import Image

    Image.new("RGB", (1000, 800)).save(tmp_path / "small.png")
    settings = make_site(tmp_path, ["Bài thứ nhất"]).with_overrides(
        show_image=str(tmp_path / "small.png"), show_category="Newz"
    )
    with pytest.raises(PublishError) as refused:
        publish(settings, str(tmp_path / "www"))
    message = str(refused.value)
    assert "cover: is 1000×800 px, not square" in message and "set [show] image" in message
    assert "category 'Newz' is not one of Apple's" in message
    assert message.endswith("nothing was sent") and not (tmp_path / "www").exists()


def test_the_config_names_each_destinations_base_url(tmp_path, fakes):
    settings = make_site(tmp_path, ["Bài thứ nhất"])
    (tmp_path / "vnmedia.toml").write_text(
        f'''output = "out"

[show]
owner_email = "{OWNER}"

[publish]
to = "www"

[publish."www"]
base_url = "https://cdn.baomoi.example.vn/podcast"

[publish."s3://podcast/show"]
base_url = "https://podcast.s3.amazonaws.com/show"
''',
        encoding="utf-8",
    )
    configured = load_settings(tmp_path / "vnmedia.toml")
    assert configured.publish == str(tmp_path / "www")
    plan = publish(configured.with_overrides(base_url=settings.base_url), configured.publish)
    assert plan.base_url == "https://cdn.baomoi.example.vn/podcast"
    feed = (tmp_path / "www" / "feed.xml").read_text(encoding="utf-8")
    assert "https://cdn.baomoi.example.vn/podcast/episodes/bai-thu-nhat.mp3" in feed
    # The configured address outranks the global base_url, and the producer is told.
    assert any("is not used" in note for note in plan.notes)

    (tmp_path / "bad.toml").write_text('[publish]\n"www" = "https://x.vn"\n')
    with pytest.raises(ConfigError, match=r'\[publish\."www"\]'):
        load_settings(tmp_path / "bad.toml")


def test_a_file_changed_at_the_destination_is_sent_again(tmp_path, fakes):
    settings = make_site(tmp_path, ["Bài thứ nhất"])
    dest = tmp_path / "www"
    publish(settings, str(dest))
    mp3 = dest / "episodes" / "bai-thu-nhat.mp3"
    original = (tmp_path / "out" / "episodes" / "bai-thu-nhat.mp3").read_bytes()
    mp3.write_bytes(original[: len(original) // 2])  # cut short by someone else's copy
    plan = publish(settings, str(dest))
    assert [f.path for f in plan.send] == ["episodes/bai-thu-nhat.mp3"]
    assert mp3.read_bytes() == original


def test_files_vnmedia_did_not_send_are_never_deleted(tmp_path, fakes):
    settings = make_site(tmp_path, ["Bài thứ nhất", "Bài thứ hai"])
    dest = tmp_path / "www"
    theirs = [dest / "about.html", dest / "episodes" / "interview.mp3"]
    for path in theirs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"the producer's own file")
    publish(settings, str(dest))
    plan = publish(settings.with_overrides(keep_episodes=1), str(dest))
    assert len(plan.delete) == 7  # the dropped episode's files, and nothing else
    assert all(path.read_bytes() == b"the producer's own file" for path in theirs)
